"""A table of repeatable records (chronology entries, recommendations) with its keys.

The table shows the key columns, each kept wide enough to read (the table scrolls
sideways when they do not all fit); under it, a pane shows every field of the
highlighted record in full, wrapped, as the cursor moves. Adding, editing,
duplicating, deleting and moving are asked for with a message, and the screen
opens the form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Static

from imr_tui.tui.literal import literal, plain
from imr_tui.tui.widgets.source_table import SourceTable
from imr_tui.tui.widgets.timeline_strip import TimelineStrip

MIN_SHARE_WIDTH = 16
"""The narrowest a shared column gets per share (wider columns scroll sideways instead)."""

RecordAction = Literal["add", "edit", "duplicate", "delete", "up", "down", "import"]
Details = Callable[[str], list[tuple[str, str]]]
"""Given a record's id, every field it has as ``(title, text)``: what the pane shows."""


def details_text(details: list[tuple[str, str]]) -> Text:
    """The fields as literal text: each title in bold, then its text in full."""
    out = Text()
    for i, (title, text) in enumerate(details):
        if i:
            out.append("\n")
        out.append(plain(title) + ": ", style="bold")
        out.append(plain(text).strip())
    return out


def _cell(value: str, width: int) -> Text:
    """A record's value as one line of its column: the author's text, never markup,
    cut with an ellipsis when it does not fit."""
    flat = " ".join(plain(value).split())
    return Text(flat if len(flat) <= width else flat[: width - 1] + "…")


class RecordTable(Vertical):
    """Rows of records; keys: a add, Enter edit, d copy, Delete remove, Shift+Up/Down move."""

    BINDINGS = [
        Binding("a", "record('add')", "Add", show=False),
        Binding("d", "record('duplicate')", "Copy", show=False),
        Binding("delete,x", "record('delete')", "Delete", show=False),
        Binding("i", "record('import')", "Import", show=False),
        Binding("shift+up", "record('up')", "Move up", show=False),
        Binding("shift+down", "record('down')", "Move down", show=False),
    ]

    class Requested(Message):
        """The author asked to do something to a record (``record_id`` empty for add)."""

        def __init__(self, action: RecordAction, record_id: str, field: str = "") -> None:
            super().__init__()
            self.action = action
            self.record_id = record_id
            self.field = field
            """For an edit: the field the form opens on (empty for the first)."""

    def __init__(
        self,
        columns: list[tuple[str, int]],
        rows: list[tuple[str, Sequence[str]]],
        *,
        note: str = "",
        empty: str = "",
        allow_move: bool = False,
        allow_duplicate: bool = True,
        allow_import: bool = False,
        details: Details | None = None,
        above: TimelineStrip | None = None,
    ) -> None:
        super().__init__()
        self.columns = columns
        """Titles with a width: a positive fixed width, or a negative share of what is left."""
        self.rows = rows
        self.note = note
        self.empty = empty
        self.allow_move = allow_move
        self.allow_duplicate = allow_duplicate
        self.allow_import = allow_import
        self.details = details
        """Every field of a record, for the pane under the table (no pane without it)."""
        self.above = above
        """Shown above the table and redrawn with it (the chronology's timeline)."""

    def compose(self) -> ComposeResult:
        if self.above is not None:
            yield self.above
        note = Static(literal(self.note), id="table-note", classes="field-warning", markup=False)
        note.display = bool(self.note)  # right from the first frame, not once rows load
        yield note
        table = SourceTable(cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(literal(self.empty), id="table-empty", classes="muted", markup=False)
        with VerticalScroll(id="record-details"):
            yield Static("", id="record-details-text", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("a Add", id="add", compact=True)
            yield Button("⏎ Edit", id="edit", compact=True)
            if self.allow_duplicate:
                yield Button("d Copy", id="duplicate", compact=True, tooltip="Duplicate")
            yield Button("Del Delete", id="delete", compact=True)
            if self.allow_import:
                yield Button("i Import", id="import", compact=True)
            if self.allow_move:
                yield Button("⇧↑", id="up", compact=True, tooltip="Move up (Shift+Up)")
                yield Button("⇧↓", id="down", compact=True, tooltip="Move down (Shift+Down)")

    def on_mount(self) -> None:
        self._widths_shown: list[int] = []
        self.query_one("#table-empty").display = not self.rows
        self.query_one("#record-details").display = False
        if self.size.width:
            self._fill(self.rows)

    def on_resize(self) -> None:
        if self._widths() != self._widths_shown:
            self._fill(self.rows, self.current())

    def _widths(self) -> list[int]:
        """Share the width available among the columns, none narrower than it can be
        read at (:data:`MIN_SHARE_WIDTH` a share): the table scrolls sideways instead."""
        available = max(20, self.size.width - 2 * len(self.columns) - 2)
        fixed = sum(w for _, w in self.columns if w > 0)
        shares = sum(-w for _, w in self.columns if w < 0) or 1
        spare = available - fixed
        return [
            w if w > 0 else max(MIN_SHARE_WIDTH * -w, spare * -w // shares) for _, w in self.columns
        ]

    def load(self, rows: list[tuple[str, Sequence[str]]], select: str = "") -> None:
        """Show these rows (the records changed), keeping the cursor on ``select``
        where given; the timeline above is worked out again."""
        self._fill(rows, select)
        if self.above is not None:
            self.above.update_strip()

    def _fill(self, rows: list[tuple[str, Sequence[str]]], select: str = "") -> None:
        """Show these rows, keeping the cursor on ``select`` where given.

        Every row is in the table at once, however many: a row's cells are made
        only when it is drawn (:class:`SourceTable`), so a chronology of thousands
        of entries opens at once and never holds up typing.
        """
        self.rows = rows
        table = self.query_one(SourceTable)
        cursor = table.cursor_row
        widths = self._widths_shown = self._widths()
        titles = [
            Text(plain(title), no_wrap=True, overflow="ellipsis") for title, _ in self.columns
        ]
        table.show(list(zip(titles, widths, strict=True)), rows, _cell)
        keys = [rid for rid, _ in rows]
        if rows:
            target = keys.index(select) if select in keys else min(max(cursor, 0), len(rows) - 1)
            table.move_cursor(row=target)
        self.show_details()
        self.query_one("#table-note", Static).update(literal(self.note))
        self.query_one("#table-note").display = bool(self.note)
        self.query_one("#table-empty").display = not rows

    def set_note(self, note: str) -> None:
        """Show (or clear) the warning above the table."""
        self.note = note
        self.query_one("#table-note", Static).update(literal(note))
        self.query_one("#table-note").display = bool(note)

    def show_details(self) -> None:
        """Show every field of the highlighted record in the pane (hidden when none)."""
        rid = self.current()
        pane = self.query_one("#record-details")
        pane.display = bool(self.details and rid)
        if self.details is not None and rid:
            self.query_one("#record-details-text", Static).update(details_text(self.details(rid)))
            pane.scroll_home(animate=False)

    def select(self, record_id: str) -> bool:
        """Put the cursor on this record; False when it is not in the table."""
        keys = [rid for rid, _ in self.rows]
        if record_id not in keys:
            return False
        self.query_one(SourceTable).move_cursor(row=keys.index(record_id))
        self.show_details()
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_details()

    def current(self) -> str:
        """The id of the highlighted record, or empty."""
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return ""
        return self.rows[table.cursor_row][0]

    def action_record(self, action: RecordAction) -> None:
        rid = "" if action in ("add", "import") else self.current()
        if action not in ("add", "import") and not rid:
            return
        if (
            (action == "duplicate" and not self.allow_duplicate)
            or (action == "import" and not self.allow_import)
            or (action in ("up", "down") and not self.allow_move)
        ):
            return
        self.post_message(self.Requested(action, rid))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_record("edit")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:
            self.action_record(event.button.id)  # type: ignore[arg-type]
