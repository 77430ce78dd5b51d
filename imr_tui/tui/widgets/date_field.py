"""A date input that accepts 11/03/2025 or 2025-03-11 and says plainly what is wrong.

What is wrong is worded by the core (:func:`imr_tui.core.field_rules.date_problem`),
as plain mode words it.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from imr_tui.core.dates import DateError, parse_optional_date, uk
from imr_tui.core.field_rules import date_problem
from imr_tui.tui.literal import literal
from imr_tui.tui.widgets.answer_input import AnswerInput


class DateField(Vertical):
    """An ``Input`` for one date plus a message line beside it for impossible dates."""

    DEFAULT_CSS = """
    DateField { height: auto; width: 1fr; }
    DateField .field-error { height: auto; }
    """

    class Changed(Message):
        """A valid date (or an empty field, ``None``) was entered."""

        def __init__(self, field: DateField, value: date | None) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> DateField:
            return self.field

    def __init__(
        self,
        value: date | None = None,
        *,
        placeholder: str = "dd/mm/yyyy",
        not_after_today: str = "",
        compact: bool = False,
        short_errors: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._initial = value
        self._placeholder = placeholder
        self._not_after_today = not_after_today
        self._compact = compact
        self._short_errors = short_errors
        self.value: date | None = value
        self.valid = True
        self._problem = ""

    def compose(self) -> ComposeResult:
        inp = AnswerInput(uk(self._initial), placeholder=self._placeholder, compact=self._compact)
        yield inp
        yield Static("", classes="field-error", markup=False)

    @property
    def input(self) -> Input:
        """The text box."""
        return self.query_one(Input)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        problem = date_problem(event.value, not_future=self._not_after_today)
        if problem:
            self.valid = False
            self.show_problem(DateError(problem).short if self._short_errors else problem)
            return
        value = parse_optional_date(event.value)
        self.valid = True
        self.show_problem("")
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def show_problem(self, text: str) -> None:
        """Show a message under the field (e.g. a period that ends before it starts).

        Redrawn only when it changes: each redraw costs bytes on a slow connection.
        """
        if text != self._problem:
            self._problem = text
            # The message quotes what was typed: literal text.
            self.query_one(".field-error", Static).update(literal(text))
