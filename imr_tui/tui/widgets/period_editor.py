"""The review period: start and end dates, the end not before the start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from imr_tui.core.list_rules import period_from_dates, period_problem
from imr_tui.core.model import ReviewPeriod
from imr_tui.tui.literal import literal
from imr_tui.tui.messages import AnswerChanged, NextPrompt
from imr_tui.tui.widgets.date_field import DateField


class PeriodEditor(Vertical):
    """Two dates; posts a valid ``ReviewPeriod`` whenever both make sense together."""

    DEFAULT_CSS = "PeriodEditor { height: auto; }"

    def __init__(self, period: ReviewPeriod, start_label: str, end_label: str) -> None:
        super().__init__()
        self.period = period
        self.labels = (start_label, end_label)

    def compose(self) -> ComposeResult:
        yield Static(literal(self.labels[0]), classes="field-label", markup=False)
        yield DateField(self.period.start, id="start", compact=True)
        yield Static(literal(self.labels[1]), classes="field-label", markup=False)
        yield DateField(self.period.end, id="end", compact=True)

    def current_value(self) -> ReviewPeriod | None:
        """The period as entered, or None while the end is before the start."""
        start = self.query_one("#start", DateField).value
        end = self.query_one("#end", DateField).value
        return period_from_dates(start, end)

    def on_date_field_changed(self, event: DateField.Changed) -> None:
        event.stop()
        start = self.query_one("#start", DateField).value
        end = self.query_one("#end", DateField).value
        problem = period_problem(start, end)
        if problem:
            self.query_one("#end", DateField).show_problem(problem)
            return
        period = ReviewPeriod(start=start, end=end)
        self.post_message(AnswerChanged(period))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input is self.query_one("#end", DateField).input:
            self.post_message(NextPrompt())
        else:
            self.screen.focus_next()
