"""Asks for the new review's file name; only names the workspace's one rule allows."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from imr_tui.core.errors import UserError
from imr_tui.core.workspace import review_in
from imr_tui.tui.widgets.answer_input import AnswerInput


def file_name_for(text: str, workspace: Path) -> tuple[str, str]:
    """``(file name, "")`` for a usable name, or ``("", why not)`` in one line.

    The name follows the one rule for review names (:func:`imr_tui.core.workspace.name_problem`):
    a plain file name inside the workspace, no folders, ``..``, links out or markup.
    """
    try:
        path = review_in(workspace, text)
    except UserError as e:
        return "", str(e)
    if path.exists():
        return "", f"{path.name} already exists: choose it from the list to carry on with it."
    return path.name, ""


class NewReviewScreen(ModalScreen[str | None]):
    """Returns the new file's name (in the workspace), or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Name the new review file", classes="question")
            yield Static(
                "For example the adult's initials and the year: AB-2025. "
                "It is saved in this folder as a .toml file.",
                classes="muted",
            )
            inp = AnswerInput(placeholder="review name", id="name")
            yield inp
            yield Static("", classes="field-error", markup=False)
            yield Static("Enter to create · Esc to cancel", classes="muted")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name, problem = file_name_for(event.value, self.workspace)
        if problem:
            self.query_one(".field-error", Static).update(problem)
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
