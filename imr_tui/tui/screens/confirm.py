"""A yes/no question answered with one key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from imr_tui.tui.literal import literal


class ConfirmScreen(ModalScreen[bool]):
    """Asks a question; ``y``/Enter on Yes means True, ``n``/Escape means False.

    The question and the answers are shown exactly as given, never read as markup:
    callers put file names, the lock holder's description and error messages in them.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "Cancel"),
    ]

    def __init__(
        self, question: str, *, yes: str = "Yes", no: str = "No", default_no: bool = False
    ) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no
        self.default_no = default_no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self.question), classes="question", markup=False)
            yield Static("Press y for yes or n for no.", classes="muted")
            with Horizontal(classes="buttons"):
                yield Button(literal(self.yes_label) + Content(" (y)"), id="yes", variant="primary")
                yield Button(literal(self.no_label) + Content(" (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.default_no else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
