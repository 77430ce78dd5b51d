"""A new trainee's personal code, shown once, big and clear, until they press Enter.

The code is what lets them (and only them) come back to their work: it is shown
here and never again (the workshop keeps only a salted hash of it).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from imr_tui.tui.literal import literal
from imr_tui.tui.widgets.quiet_footer import QuietFooter

WRITE_IT_DOWN = "Write it down: you need it to come back."
"""What the trainee must do with the code (said under it)."""


class TraineeCodeScreen(Screen[None]):
    """Shows a newly joined trainee their code; Enter carries on."""

    DEFAULT_CSS = """
    TraineeCodeScreen {
        align: center middle;
    }
    TraineeCodeScreen #code-shown {
        width: 100%;
        height: 5;
        content-align: center middle;
        text-style: bold;
        border: double $accent;
        margin: 1 0;
    }
    TraineeCodeScreen #code-write {
        text-style: bold;
    }
    TraineeCodeScreen #code-enter {
        margin-top: 1;
    }
    """

    BINDINGS = [Binding("enter", "carry_on", "Carry on", priority=True)]

    def __init__(self, name: str, code: str) -> None:
        super().__init__()
        self.trainee_name = name
        """The trainee's name, as typed."""
        self.code = code
        """Their personal code (``K7P-4QX``)."""

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="dialog"):
            yield Static(literal(f"Welcome, {self.trainee_name}. Your personal code is:"))
            yield Static(literal(self.code), id="code-shown")
            yield Static(WRITE_IT_DOWN, id="code-write", markup=False)
            yield Static(
                "Keep it to yourself: with your name, it opens your work. "
                "If you lose it, the trainer can give you a new one.",
                classes="muted",
                markup=False,
            )
            yield Static("Enter to carry on", id="code-enter", classes="muted", markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "imr-tui"
        self.sub_title = "training"

    def action_carry_on(self) -> None:
        """The trainee has the code: on to their reviews."""
        self.dismiss(None)
