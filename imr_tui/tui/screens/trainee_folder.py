"""Serve mode's first question: the trainee's name, which names their own folder.

Each browser session works in a sub-folder of the served workspace, so trainees
never see each other's files. The name is a plain folder name (letters, digits,
spaces, - and _), never a path; the folder is made private (0700) inside the
workspace, and a folder of that name already there is used again, so a trainee
can come back to their reviews.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from imr_tui.core.controller import folder_name_problem, trainee_folder, trainee_folder_or_problem
from imr_tui.tui.widgets.answer_input import AnswerInput

__all__ = ["TraineeFolderScreen", "folder_name_problem", "trainee_folder"]


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
        self.make_folder(event.value)

    @work(thread=True, exclusive=True, group="trainee-folder")
    def make_folder(self, name: str) -> None:
        """Make (or find) the trainee's folder off the event loop, then go on or say why not."""
        folder, problem = trainee_folder_or_problem(self.workspace, name)
        self.app.call_from_thread(self.made, folder, problem)

    def made(self, folder: Path | None, problem: str) -> None:
        """The folder is ready (go on to it), or the line saying why it cannot be used."""
        if folder is None:
            self.query_one(".field-error", Static).update(problem)
            return
        self.dismiss(folder)
