"""The names a person types for a new review or to enter a workshop: the place, or why not.

Every front end (the new-review dialog, plain mode, the served trainee's first
question) takes names through these, so a rule fixed here is fixed everywhere.
A served trainee enters through :func:`enter_workshop` (the workshop's registry:
names, personal codes, private folders); :func:`trainee_folder` is the rule of
older serve versions (a typed name as the folder), kept for what still calls it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from imr_tui.core.errors import UserError
from imr_tui.core.workspace import os_reason, review_in

if TYPE_CHECKING:
    from imr_tui.workshop.trainees import Trainee


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


# ------------------------------------------------------------------ entering a workshop
class Entered(NamedTuple):
    """What came of a trainee's name (and code): in, or one line saying why not."""

    trainee: Trainee | None
    """The trainee, joined or come back; None when refused."""
    code: str = ""
    """A newcomer's personal code, to show them once ("" when coming back or refused)."""
    problem: str = ""
    """Why not, one plain line ("" when in)."""
    taken: bool = False
    """Refused because someone has joined with that name: ask for the code."""


def taken_line(name: str) -> str:
    """What a trainee is told when the name they typed has joined already (two Sams)."""
    shown = " ".join(name.split())
    return (
        f"Someone called {shown} has joined already. If that was you, type your code "
        "in the box below. If not, make your name different (add an initial)."
    )


def enter_workshop(workspace: Path, name: str, code: str) -> Entered:
    """A served trainee's name, and their code when they have one.

    No code: a new name joins (a private folder and a code to show once); a name
    someone has joined with is refused with :func:`taken_line`, so typing another
    trainee's name never opens their work. A code: the trainee whose name and code
    these are (a wrong code and an unknown name get the same line). Names are
    matched without regard to capitals or spacing (:mod:`imr_tui.workshop.names`).
    Reads and writes the registry: call it off the event loop.
    """
    from imr_tui.workshop.names import trainee_name_problem
    from imr_tui.workshop.trainees import Joined, Refused, come_back, find, join

    problem = trainee_name_problem(name)
    if problem:
        return Entered(None, problem=problem)
    try:
        if code.strip():
            back = come_back(workspace, name, code)
            if isinstance(back, Refused):
                return Entered(None, problem=back.reason)
            return Entered(back)
        joined = join(workspace, name)
        if isinstance(joined, Joined):
            return Entered(joined.trainee, code=joined.code)
        if find(workspace, name) is not None:
            return Entered(None, problem=taken_line(name), taken=True)
        return Entered(None, problem=joined.reason)
    except UserError as e:
        return Entered(None, problem=str(e))


# ------------------------------------------------------------------ trainee folders (older serve)

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
