"""Editable lists: the adults (name and date of birth) and the Terms of Reference headings.

Rows can be added (button, or Enter in the last row), removed and moved up or
down. Every change posts the whole list upward.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from imr_tui.model import Adult
from imr_tui.tui.messages import AnswerChanged
from imr_tui.tui.widgets.answer_input import AnswerInput
from imr_tui.tui.widgets.date_field import DateField

FUTURE_DOB = "In the future"


class ListRow(Horizontal):
    """One row: a text box, a date of birth for adults, and move/remove buttons."""

    def __init__(self, row_id: str, text: str, dob: date | None, with_dob: bool, hint: str) -> None:
        super().__init__(classes="list-row")
        self.row_id = row_id
        self.text = text
        self.dob = dob
        self.with_dob = with_dob
        self.hint = hint

    def compose(self) -> ComposeResult:
        inp = AnswerInput(self.text, placeholder=self.hint, classes="row-text", compact=True)
        yield inp
        if self.with_dob:
            yield DateField(
                self.dob,
                placeholder="dd/mm/yyyy",
                not_after_today=FUTURE_DOB,
                compact=True,
                short_errors=True,
                classes="dob",
            )
        yield Button("↑", classes="up", compact=True, tooltip="Move up")
        yield Button("↓", classes="down", compact=True, tooltip="Move down")
        yield Button("✕", classes="remove", compact=True, tooltip="Remove")

    def value(self) -> tuple[str, str, date | None]:
        """``(row id, text, date of birth)``."""
        text = self.query_one(".row-text", Input).value
        dob = self.query_one(DateField).value if self.with_dob else None
        return self.row_id, text, dob


class ListEditor(Vertical):
    """A list of rows with Add; posts ``AnswerChanged`` with the typed list."""

    def __init__(
        self,
        rows: list[tuple[str, str, date | None]],
        *,
        with_dob: bool,
        hint: str,
        add_label: str,
        headers: tuple[str, str] = ("", ""),
    ) -> None:
        super().__init__()
        self.initial = rows
        self.with_dob = with_dob
        self.hint = hint
        self.add_label = add_label
        self.headers = headers

    def compose(self) -> ComposeResult:
        if self.headers[0]:
            with Horizontal(classes="list-header"):
                yield Static(self.headers[0], classes="row-text", markup=False)
                if self.with_dob:
                    yield Static(self.headers[1], classes="dob", markup=False)
                yield Static("", classes="row-buttons")
        with VerticalScroll(id="rows"):
            for rid, text, dob in self.initial or [("", "", None)]:
                yield ListRow(rid, text, dob, self.with_dob, self.hint)
        with Horizontal(classes="buttons"):
            yield Button(self.add_label, id="add-row")

    def rows(self) -> list[ListRow]:
        """The rows in order."""
        return list(self.query(ListRow))

    def _changed(self) -> None:
        values = [r.value() for r in self.rows()]
        if self.with_dob:
            adults = [Adult(name=t.strip(), date_of_birth=d) for _, t, d in values if t.strip()]
            self.post_message(AnswerChanged(adults))
        else:
            self.post_message(
                AnswerChanged([(rid, t.strip()) for rid, t, _ in values if t.strip()])
            )

    async def add_row(self) -> None:
        """Add an empty row at the end and put the cursor in it."""
        row = ListRow("", "", None, self.with_dob, self.hint)
        await self.query_one("#rows").mount(row)
        row.query_one(".row-text", Input).focus()
        row.scroll_visible()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._changed()

    def on_date_field_changed(self, event: DateField.Changed) -> None:
        event.stop()
        self._changed()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        rows = self.rows()
        if rows and event.input in rows[-1].query(Input) and event.value.strip():
            await self.add_row()
        else:
            self.screen.focus_next()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add-row":
            await self.add_row()
            return
        row = next((a for a in event.button.ancestors if isinstance(a, ListRow)), None)
        if row is None:
            return
        container = self.query_one("#rows")
        rows = self.rows()
        i = rows.index(row)
        if event.button.has_class("remove"):
            await row.remove()
            if not self.rows():
                await self.add_row()
        elif event.button.has_class("up") and i > 0:
            container.move_child(row, before=rows[i - 1])
        elif event.button.has_class("down") and i < len(rows) - 1:
            container.move_child(row, after=rows[i + 1])
        self._changed()
