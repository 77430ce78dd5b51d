"""The room: every trainee, their reviews' progress and findings, refreshed as they work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import ColumnKey

from imr_tui.core import clock
from imr_tui.tui.literal import literal, plain
from imr_tui.tui.trainer.rows import Row
from imr_tui.tui.widgets.quiet_footer import QuietFooter

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("name", "Trainee", 18),
    ("reviews", "Rev", 3),
    ("done", "Done", 7),
    ("saved", "Saved", 11),
    ("open", "Open", 4),
    ("comments", "Cmt", 3),
    ("findings", "Findings", 17),
)
"""The table's columns: key, heading, width (the findings run on; the line under the
table says everything about the trainee the cursor is on)."""


def cell(text: str) -> Text:
    """A cell shown exactly as given: no markup, no terminal codes, one line."""
    return Text(plain(" ".join(text.split())), no_wrap=True, overflow="ellipsis")


class RoomScreen(Screen[None]):
    """The table of trainees; the keys act on the trainee the cursor is on."""

    BINDINGS = [
        Binding("h", "app.hand_out", "Hand out"),
        Binding("r", "app.reset", "Reset"),
        Binding("c", "app.code", "Code"),
        Binding("m", "app.model_answers", "Model ans."),
        Binding("d", "app.download", "Download"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self._shown: list[tuple[str, str, str, str, str, str, str, str]] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static("Reading the room...", id="room-state", markup=False)
        table: DataTable[Text] = DataTable(id="room", cursor_type="row", zebra_stripes=True)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        yield table
        yield Static("", id="detail", markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "Workshop: the trainer's view"
        self.query_one("#room", DataTable).focus()
        self._fit_findings(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_findings(event.size.width)

    def _fit_findings(self, width: int) -> None:
        """The findings take the width the other columns leave (at least their own)."""
        table: DataTable[Text] = self.query_one("#room", DataTable)
        others = sum(w + 2 * table.cell_padding for key, _, w in COLUMNS if key != "findings")
        column = table.columns[ColumnKey("findings")]
        wanted = max(COLUMNS[-1][2], width - others - 2 * table.cell_padding - 2)
        if column.width != wanted:
            column.width = wanted
            table.refresh(layout=True)

    def show_state(self, text: str) -> None:
        """The line above the table (model answers, how many are in)."""
        self.query_one("#room-state", Static).update(literal(text))

    def show_rows(self, rows: Sequence[Row], now: datetime | None = None) -> None:
        """Show ``rows``, keeping the cursor on the same trainee; nothing redrawn when
        nothing changed."""
        now = now or clock.now()
        shown = [
            (
                r.key,
                r.name,
                str(len(r.reviews)),
                r.done,
                r.last_saved(now),
                r.open_now,
                str(r.open_comments or ""),
                r.status or r.findings,
            )
            for r in rows
        ]
        self.rows = list(rows)
        if shown == self._shown:
            self._show_detail(now)
            return
        self._shown = shown
        table: DataTable[Text] = self.query_one("#room", DataTable)
        selected = self.selected()
        table.clear()
        for values in shown:
            table.add_row(*[cell(v) for v in values[1:]], key=values[0])
        if selected is not None:
            keys = [r.key for r in self.rows]
            if selected.key in keys:
                table.move_cursor(row=keys.index(selected.key), animate=False)
        self._show_detail(now)

    def selected(self) -> Row | None:
        """The trainee the cursor is on (None when the room is empty)."""
        table: DataTable[Text] = self.query_one("#room", DataTable)
        if not self.rows or table.row_count == 0:
            return None
        index = table.cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show_detail(self, now: datetime | None = None) -> None:
        row = self.selected()
        detail = self.query_one("#detail", Static)
        if row is None:
            detail.update(literal("Nobody has joined yet. c adds a trainee and gives them a code."))
            return
        detail.update(literal("\n".join(row.detail(now or clock.now()))))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.selected()
        if row is not None:
            self.app.call_later(self.app.run_action, "open_reviews")
