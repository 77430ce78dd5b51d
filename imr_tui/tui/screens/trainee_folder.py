"""Serve mode's first question: the trainee's name, which names their own folder.

Each browser session works in a sub-folder of the served workspace, so trainees
never see each other's files. The name is a plain folder name (letters, digits,
spaces, - and _), never a path; the folder is made private (0700) inside the
workspace, and a folder of that name already there is used again, so a trainee
can come back to their reviews.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from imr_tui.core.workspace import os_reason
from imr_tui.tui.widgets.answer_input import AnswerInput

FOLDER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$")
"""A trainee folder: starts with a letter or digit, at most 40 characters."""


def folder_name_problem(text: str) -> str:
    """Why ``text`` is not a usable folder name, or ``""`` if it is (after stripping)."""
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


class TraineeFolderScreen(Screen[Path]):
    """Asks the trainee's name and returns their folder inside the workspace."""

    DEFAULT_CSS = """
    TraineeFolderScreen {
        align: center middle;
    }
    """

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="dialog"):
            yield Static("What is your name?", classes="question")
            yield Static(
                "Your reviews are kept in a folder of that name, apart from everyone "
                "else's. Use the same name to come back to them later. "
                "This is for training: use fictional cases only.",
                classes="muted",
            )
            inp = AnswerInput(placeholder="your name or initials", id="trainee")
            yield inp
            yield Static("", classes="field-error", markup=False)
            yield Static("Enter to carry on · Ctrl+Q to leave", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "imr-tui"
        self.sub_title = "training"
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            folder = trainee_folder(self.workspace, event.value)
        except ValueError as e:
            self.query_one(".field-error", Static).update(str(e))
            return
        self.dismiss(folder)
