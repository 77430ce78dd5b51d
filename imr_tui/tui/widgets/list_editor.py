"""Editable lists: the adults (name, date of birth and date of death), the Terms of
Reference headings, and the names to replace in an anonymised export (name and
pseudonym).

Rows can be added (button, or Enter in the last row), removed and moved up or
down. Every change posts the whole list upward.

The adults and headings follow the core's rules (:mod:`imr_tui.core.list_rules`), as
plain mode does: a date of death before the date of birth is marked in its box, said
in full under the list, and not stored until it is put right. The names to replace
follow :mod:`imr_tui.core.pseudonym_rules`: a refused name is shown with its reason
under the list and not stored until it is fixed (the text stays in its box), and a
row keeps the fields the list does not show (who they are).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from imr_tui.core.list_rules import (
    DEATH_BEFORE_BIRTH,
    DEATH_BEFORE_BIRTH_SHORT,
    FUTURE_BIRTH_SHORT,
    adults_from_rows,
    died_before_born,
    headings_from_rows,
)
from imr_tui.core.model import Adult, Pseudonym
from imr_tui.core.pseudonym_rules import Row, Settled, settle
from imr_tui.tui.literal import literal
from imr_tui.tui.messages import AnswerChanged
from imr_tui.tui.widgets.answer_input import AnswerInput
from imr_tui.tui.widgets.date_field import DateField

STYLED = "-style-default"
"""The class a (not flat) button gives itself once mounted, restyling itself: given as
it is made, the button is styled once."""

Second = Literal["", "date", "dates", "text"]
"""What a row holds besides its text: nothing, a date of birth, a date of birth and a
date of death (``dates``), or a second text."""
Lifespan = tuple[date | None, date | None]
"""A date of birth and a date of death, either not known."""
Cell = date | str | Lifespan | None
RowValue = tuple[str, str, Cell]
"""``(row id, text, what the other columns hold)``."""


def _lifespan(cell: Cell) -> Lifespan:
    """The dates a ``dates`` row holds (a lone date is a date of birth)."""
    if isinstance(cell, tuple):
        return cell
    return (cell if isinstance(cell, date) else None), None


class ListRow(Horizontal):
    """One row: a text box, maybe a second box, and move/remove buttons."""

    def __init__(
        self,
        value: RowValue,
        second: Second,
        hints: tuple[str, str],
        origin: Pseudonym | None = None,
    ) -> None:
        super().__init__(classes="list-row")
        self.row_id, self.text, self.other = value
        self.second = second
        self.hints = hints
        self.origin = origin
        """The name to replace as stored for this row (``None`` for a new row)."""

    def compose(self) -> ComposeResult:
        yield AnswerInput(self.text, placeholder=self.hints[0], classes="row-text", compact=True)
        if self.second in ("date", "dates"):
            born, died = _lifespan(self.other)
            yield self._date(born, "second")
            if self.second == "dates":
                yield self._date(died, "third")
        elif self.second == "text":
            other = self.other if isinstance(self.other, str) else ""
            yield AnswerInput(other, placeholder=self.hints[1], classes="second", compact=True)
        yield Button("↑", classes=f"up {STYLED}", compact=True, tooltip="Move up")
        yield Button("↓", classes=f"down {STYLED}", compact=True, tooltip="Move down")
        yield Button("✕", classes=f"remove {STYLED}", compact=True, tooltip="Remove")

    @staticmethod
    def _date(value: date | None, column: str) -> DateField:
        return DateField(
            value,
            placeholder="dd/mm/yyyy",
            not_after_today=FUTURE_BIRTH_SHORT,
            compact=True,
            short_errors=True,
            classes=column,
        )

    def value(self) -> RowValue:
        """What the row holds now."""
        text = self.query_one(".row-text", Input).value
        other: Cell = None
        if self.second == "date":
            other = self.query_one(".second", DateField).value
        elif self.second == "dates":
            other = self.query_one(".second", DateField).value, self.death_field().value
        elif self.second == "text":
            other = self.query_one(".second", Input).value
        return self.row_id, text, other

    def death_field(self) -> DateField:
        """The date-of-death box of a ``dates`` row."""
        return self.query_one(".third", DateField)


class ListEditor(Vertical):
    """A list of rows with Add; posts ``AnswerChanged`` with the typed list."""

    DEFAULT_CSS = """
    ListEditor #row-problems {
        color: $error;
        height: auto;
        max-height: 4;
    }
    ListEditor #row-problems.-empty {
        display: none;
    }
    ListEditor ListRow .third, ListEditor .list-header .third {
        width: 12;
        margin-right: 1;
    }
    """

    def __init__(
        self,
        rows: list[RowValue],
        *,
        second: Second,
        hints: tuple[str, str],
        add_label: str,
        headers: tuple[str, ...] = ("", ""),
        pseudonyms: list[Pseudonym] | None = None,
    ) -> None:
        """``headers``: one for each column (the third for a ``dates`` list's date of
        death); ``pseudonyms``: the names to replace as stored, one for each of ``rows``."""
        super().__init__(classes=f"second-{second or 'none'}")
        self.initial = rows
        self.origins: list[Pseudonym | None] = list(pseudonyms or [])
        self.second = second
        self.hints = hints
        self.add_label = add_label
        self.headers = headers

    def compose(self) -> ComposeResult:
        if self.headers[0]:
            with Horizontal(classes="list-header"):
                yield Static(literal(self.headers[0]), classes="row-text", markup=False)
                if self.second:
                    yield Static(literal(self.headers[1]), classes="second", markup=False)
                if self.second == "dates":
                    third = self.headers[2] if len(self.headers) > 2 else ""
                    yield Static(literal(third), classes="third", markup=False)
                yield Static("", classes="row-buttons")
        with VerticalScroll(id="rows"):
            for n, value in enumerate(self.initial or [("", "", None)]):
                origin = self.origins[n] if n < len(self.origins) else None
                yield ListRow(value, self.second, self.hints, origin)
        yield Static("", id="row-problems", classes="-empty", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(literal(self.add_label), id="add-row", classes=STYLED)

    def rows(self) -> list[ListRow]:
        """The rows in order."""
        return list(self.query(ListRow))

    def current_value(self) -> list[Adult] | list[Pseudonym] | list[tuple[str, str]]:
        """The list as it stands: adults, pseudonyms, or ``(id, title)`` headings."""
        values = [r.value() for r in self.rows()]
        if self.second == "date":
            return adults_from_rows([(t, d if isinstance(d, date) else None) for _, t, d in values])
        if self.second == "dates":
            return adults_from_rows([(t, *_lifespan(d)) for _, t, d in values])
        if self.second == "text":
            return self._settled().stored
        return headings_from_rows([(rid, t) for rid, t, _ in values])

    def _settled(self) -> Settled:
        """The names to replace as the core's rules store them, with each row's problem."""
        return settle([Row(t, str(a or ""), r.origin) for r, (_, t, a) in self._pairs()])

    def _pairs(self) -> list[tuple[ListRow, RowValue]]:
        return [(r, r.value()) for r in self.rows()]

    def _show_problems(self, settled: Settled) -> None:
        """Mark each refused row and say why under the list; a stored row is its new origin."""
        lines: list[str] = []
        for n, (row, problem, stored) in enumerate(
            zip(self.rows(), settled.problems, settled.rows, strict=True), 1
        ):
            row.query_one(".row-text", Input).set_class(bool(problem), "-invalid")
            if problem:
                name = " ".join(row.value()[1].split())
                lines.append(f"Row {n} ({name}): {problem}" if name else f"Row {n}: {problem}")
            elif stored is not None:
                row.origin = stored
        box = self.query_one("#row-problems", Static)
        box.update(literal("\n".join(lines)))
        box.set_class(not lines, "-empty")

    def _show_death_problems(self) -> None:
        """Mark each date of death before its date of birth, and say why under the list."""
        lines: list[str] = []
        for n, row in enumerate(self.rows(), 1):
            _, text, cell = row.value()
            wrong = died_before_born(*_lifespan(cell))
            field = row.death_field()
            if field.valid:  # a date that cannot be read keeps its own message
                field.show_problem(DEATH_BEFORE_BIRTH_SHORT if wrong else "")
            field.input.set_class(wrong, "-invalid")
            if wrong:
                name = " ".join(text.split())
                where = f"Row {n} ({name})" if name else f"Row {n}"
                lines.append(f"{where}: {DEATH_BEFORE_BIRTH}")
        box = self.query_one("#row-problems", Static)
        box.update(literal("\n".join(lines)))
        box.set_class(not lines, "-empty")

    def _changed(self) -> None:
        if self.second == "dates":
            self._show_death_problems()
        if self.second == "text":
            settled = self._settled()
            self._show_problems(settled)
            self.post_message(AnswerChanged(settled.stored))
            return
        self.post_message(AnswerChanged(self.current_value()))

    async def add_row(self) -> None:
        """Add an empty row at the end and put the cursor in it."""
        row = ListRow(("", "", None), self.second, self.hints)
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
        # Enter in a box after the last row's text (in its only box, if one) starts the
        # next row: an adult's date of death is often not known, so Enter after the date
        # of birth goes on to the next adult, as after the date of death.
        boxes = list(rows[-1].query(Input)) if rows else []
        if event.input in (boxes[1:] or boxes) and rows[-1].value()[1].strip():
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
