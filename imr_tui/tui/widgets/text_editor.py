"""One-line answers (``Input``) and date answers."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from imr_tui.tui.messages import AnswerChanged, NextPrompt
from imr_tui.tui.widgets.abbreviation_line import AbbreviationLine
from imr_tui.tui.widgets.answer_input import AnswerInput
from imr_tui.tui.widgets.date_field import DateField


class ShortTextEditor(Vertical):
    """A single-line answer; Enter moves on to the next prompt."""

    DEFAULT_CSS = "ShortTextEditor { height: auto; }"

    def __init__(self, text: str, abbreviations: AbbreviationLine | None = None) -> None:
        super().__init__()
        self.text = text
        self.abbreviations = abbreviations

    def compose(self) -> ComposeResult:
        yield AnswerInput(self.text, id="answer", compact=True)
        if self.abbreviations is not None:
            yield self.abbreviations

    def on_mount(self) -> None:
        if self.abbreviations is not None:
            self.abbreviations.watch_text(self.text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.abbreviations is not None:
            self.abbreviations.watch_text(event.value)
        self.post_message(AnswerChanged(event.value))

    def current_value(self) -> str:
        """What the box holds now."""
        return self.query_one(Input).value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(NextPrompt())


class DateEditor(Vertical):
    """A date answer, stored as ISO ``YYYY-MM-DD``."""

    DEFAULT_CSS = "DateEditor { height: auto; }"

    def __init__(self, value: date | None) -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        yield DateField(self.value, id="answer", compact=True)

    def on_date_field_changed(self, event: DateField.Changed) -> None:
        event.stop()
        self.post_message(AnswerChanged(event.value.isoformat() if event.value else ""))

    def current_value(self) -> str:
        """The last valid date entered, as ISO (an impossible date is not stored)."""
        value = self.query_one(DateField).value
        return value.isoformat() if value else ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.query_one(DateField).valid:
            self.post_message(NextPrompt())
