"""The review changed on disk under the session: the author chooses what happens.

Nothing is written over the other change until the author says so, and
everything the author typed stays in memory and in the recovery journal while
they decide.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from imr_tui.tui.literal import literal

Choice = Literal["reload", "copy", "overwrite"]


class ConflictScreen(ModalScreen[Choice]):
    """Reload (keeping the author's unsaved typing), keep both, or overwrite."""

    DEFAULT_CSS = """
    ConflictScreen { align: center middle; }
    ConflictScreen #dialog { width: 70; }
    ConflictScreen .title { text-style: bold; margin-bottom: 1; }
    ConflictScreen Button { width: 100%; margin-top: 1; }
    """

    BINDINGS = [
        Binding("r", "choose('reload')", "Reload"),
        Binding("k", "choose('copy')", "Keep both"),
        Binding("o", "choose('overwrite')", "Overwrite"),
    ]

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Your changes have not been saved yet"), classes="title")
            yield Static(literal(self.reason), classes="question")
            yield Static(
                "Nothing was written over it, and what you typed is safe. Choose:",
                classes="muted",
            )
            yield Button("Reload it, keeping what I typed (r)", id="reload", variant="primary")
            yield Button("Keep both: save mine as a copy beside it (k)", id="copy")
            yield Button("Overwrite it with my version (o)", id="overwrite", variant="error")

    def on_mount(self) -> None:
        self.query_one("#reload", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        if choice in ("reload", "copy", "overwrite"):
            self.action_choose(choice)

    def action_choose(self, choice: str) -> None:
        """Answer with ``choice``."""
        if choice == "reload":
            self.dismiss("reload")
        elif choice == "copy":
            self.dismiss("copy")
        elif choice == "overwrite":
            self.dismiss("overwrite")
