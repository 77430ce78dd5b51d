"""A :class:`~textual.widgets.DataTable` shown from rows held elsewhere: thousands of rows
open at once.

Textual's table measures every cell of every row added (to size its columns) and builds
each row's cells up front: about 0.3 ms a row, so a chronology of 5,000 entries took well
over a second to show. Here every column has a fixed width, so nothing is measured, and a
row's cells are made only when the row is first drawn (or read): showing all 5,000 rows
costs a few milliseconds, the screen draws only the rows it shows, and the cursor, the
keys, scrolling, ``get_row_at`` and the row messages are the table's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual.widgets import DataTable
from textual.widgets._data_table import ColumnKey, Row, RowKey

Cell = Callable[[str, int], Text]
"""Makes the text a cell shows from the record's value and the column's width."""


class LazyCells(dict[RowKey, dict[ColumnKey, Text]]):
    """The table's cells by row, each row's made from its source the first time it is
    read; a row added or changed through the table's own methods is kept as given."""

    def __init__(
        self,
        source: dict[RowKey, Sequence[str]],
        columns: Sequence[tuple[ColumnKey, int]],
        cell: Cell,
    ) -> None:
        super().__init__()
        self.source: dict[RowKey, Sequence[str] | None] = dict(source)
        """Every row's values in order; ``None`` for a row given whole (already made)."""
        self.columns = columns
        self.cell = cell

    def __missing__(self, key: RowKey) -> dict[ColumnKey, Text]:
        values = self.source.get(key)
        if values is None:
            raise KeyError(key)
        made = {
            ck: self.cell(v, width) for (ck, width), v in zip(self.columns, values, strict=True)
        }
        super().__setitem__(key, made)
        return made

    def __setitem__(self, key: RowKey, value: dict[ColumnKey, Text]) -> None:
        self.source.setdefault(key, None)
        super().__setitem__(key, value)

    def __delitem__(self, key: RowKey) -> None:
        del self.source[key]
        if dict.__contains__(self, key):
            super().__delitem__(key)

    def __contains__(self, key: object) -> bool:
        return key in self.source

    def __len__(self) -> int:
        return len(self.source)

    def __iter__(self) -> Iterator[RowKey]:
        return iter(self.source)

    def get(  # type: ignore[override]
        self, key: RowKey, default: dict[ColumnKey, Text] | None = None
    ) -> dict[ColumnKey, Text] | None:
        return self[key] if key in self.source else default

    def keys(self) -> Iterator[RowKey]:  # type: ignore[override]
        return iter(self.source)

    def values(self) -> Iterator[dict[ColumnKey, Text]]:  # type: ignore[override]
        return (self[k] for k in self.source)

    def items(self) -> Iterator[tuple[RowKey, dict[ColumnKey, Text]]]:  # type: ignore[override]
        return ((k, self[k]) for k in self.source)

    def clear(self) -> None:
        self.source.clear()
        super().clear()


class SourceTable(DataTable[Text]):
    """A row-cursor table whose rows are set all at once by :meth:`show`."""

    def show(
        self,
        columns: Sequence[tuple[Text, int]],
        rows: Sequence[tuple[str, Sequence[str]]],
        cell: Cell,
    ) -> None:
        """Show ``columns`` (title, fixed width) and ``rows`` (key, one value a column);
        ``cell`` makes a value's text when its row is first drawn. The cursor goes to
        the first row; :meth:`move_cursor` puts it elsewhere."""
        self.clear(columns=True)
        column_keys = [self.add_column(title, width=width) for title, width in columns]
        keys = [RowKey(rid) for rid, _ in rows]
        self._row_locations = TwoWayDict({k: i for i, k in enumerate(keys)})
        self.rows = {k: Row(k, 1) for k in keys}
        self._data = LazyCells(
            {k: values for k, (_, values) in zip(keys, rows, strict=True)},
            list(zip(column_keys, (w for _, w in columns), strict=True)),
            cell,
        )
        self._new_rows.clear()  # nothing to measure: every column has its width
        self._update_count += 1
        self._update_dimensions([])  # the virtual size, now, so the cursor can go anywhere
        self.cursor_coordinate = self.cursor_coordinate
        self.refresh(layout=True)
