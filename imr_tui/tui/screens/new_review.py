"""Asks for the new review's file name; only names the workspace's one rule allows."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from imr_tui.core.controller import new_review_path
from imr_tui.tui.widgets.answer_input import AnswerInput


class NewReviewScreen(ModalScreen[Path | None]):
    """Returns the new review's file (in the workspace), or None.

    The name follows the one rule for review names every front end uses
    (:func:`imr_tui.core.controller.new_review_path`).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    NewReviewScreen { align: center middle; }
    """
    """Drawn in the middle (a modal screen's own default is the top-left corner)."""

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
        path, problem = new_review_path(self.workspace, event.value)
        if path is None:
            self.query_one(".field-error", Static).update(problem)
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
