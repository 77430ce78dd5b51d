"""The trainer's small dialogs: choose one of a list, type a line, read a notice.

Everything shown in them (trainees' names, file names, the workshop's own lines) is
shown literally, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.tui.literal import literal

T = TypeVar("T")
"""What a dialog returns."""


class TrainerDialog(ModalScreen[T]):
    """A trainer's dialog: notices on screen are cleared when it opens (at 80x24 they
    would hide part of it); what happens while it is open goes to the room's status line."""

    def on_mount(self) -> None:
        self.app.clear_notifications()


class ChoiceScreen(TrainerDialog[str | None]):
    """Choose one of ``choices`` (``(id, label)``) with the arrows and Enter; Escape: None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="trainer-dialog"):
            yield Static(literal(self.title_text), classes="question")
            if self.note:
                yield Static(literal(self.note), classes="muted")
            yield OptionList(
                *[Option(literal(label), id=ident) for ident, label in self.choices],
                id="choices",
            )
            yield Static("Enter chooses, Escape cancels.", classes="muted")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#choices", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskScreen(TrainerDialog[str | None]):
    """One line typed and sent with Enter (None on Escape or when left empty)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="trainer-dialog"):
            yield Static(literal(self.question), classes="question")
            yield Input(value=self.value, placeholder=self.placeholder, id="answer")
            yield Static("Enter sends, Escape cancels.", classes="muted")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#answer", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoticeScreen(TrainerDialog[None]):
    """A notice that stays until read: Enter or Escape closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close"),
    ]

    def __init__(self, title: str, lines: Sequence[str]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = list(lines)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="trainer-dialog"):
            yield Static(literal(self.title_text), classes="question")
            for line in self.lines:
                yield Static(literal(line), classes="notice-line")
            yield Static("Press Enter to close.", classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)
