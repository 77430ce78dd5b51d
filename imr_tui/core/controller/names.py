"""The names a person types for a new review or a trainee folder: the path, or why not.

Every front end (the new-review dialog, plain mode, the served trainee's first
question) takes names through these, so a rule fixed here is fixed everywhere.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from imr_tui.core.errors import UserError
from imr_tui.core.workspace import os_reason, review_in


def new_review_path(workspace: Path, text: str) -> tuple[Path | None, str]:
    """``(path, "")`` for a new review named ``text`` in the workspace, or ``(None, why not)``.

    The one rule every front end follows when a person names a new review: the name
    follows :func:`name_problem`, the place is not taken by a link, folder or special
    file (:func:`review_in`), and a review already there is chosen from the list instead.
    """
    try:
        path = review_in(workspace, text)
    except UserError as e:
        return None, str(e)
    if path.exists():
        return None, f"{path.name} already exists: choose it from the list to carry on with it."
    return path, ""


# ------------------------------------------------------------------ trainee folders

FOLDER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$")
"""A trainee folder: starts with a letter or digit, at most 40 characters."""


def folder_name_problem(text: str) -> str:
    """Why ``text`` is not a usable trainee folder name, or ``""`` if it is (after stripping)."""
    name = text.strip()
    if not name:
        return "Type your name (or initials) to make your own folder."
    if not FOLDER_NAME.match(name):
        return (
            "Use letters, numbers, spaces, - and _ only (no / or dots), "
            "starting with a letter or number, up to 40 characters."
        )
    return ""


def trainee_folder(workspace: Path, text: str) -> Path:
    """The trainee's folder inside ``workspace``, created private (0700) if new.

    Raises :class:`ValueError` with a reason to show for a name that is not a plain
    folder name, or for a name taken by something that is not a real folder there
    (a file, or a symlink that could lead out of the workspace).
    """
    problem = folder_name_problem(text)
    if problem:
        raise ValueError(problem)
    root = workspace.resolve()
    folder = root / text.strip()
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass  # a returning trainee (checked below)
    except OSError as e:
        raise ValueError(f"The folder could not be made ({e.strerror}).") from e
    else:
        folder.chmod(0o700)  # whatever the umask
    if folder.is_symlink() or not folder.is_dir() or folder.resolve().parent != root:
        raise ValueError(f"{folder.name!r} cannot be used here; choose another name.")
    try:
        with os.scandir(folder):
            pass
    except OSError as e:
        raise ValueError(
            f"The folder {folder.name!r} cannot be read ({os_reason(e)}); choose another name."
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(
            f"The folder {folder.name!r} cannot be written to (permission denied); "
            "choose another name."
        )
    return folder


def trainee_folder_or_problem(workspace: Path, text: str) -> tuple[Path | None, str]:
    """``(folder, "")`` for the trainee's folder (made if new), or ``(None, why not)``."""
    try:
        return trainee_folder(workspace, text), ""
    except ValueError as e:
        return None, str(e)
