"""Turning a spreadsheet's rows into chronology entries: preview first, then apply.

:func:`preview` reads every row and says what would happen (the new entries, each
row it cannot read and why, the rows already in the review) without changing the
review; :func:`apply` adds the new entries to an open session, after its own, in
the spreadsheet's row order. Nothing is ever added twice: an entry that is the same
(:meth:`~imr_tui.core.model.ChronologyEntry.identity`) as one in the review, or an
earlier row, is a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from imr_tui.chronology.csvout import unprotect
from imr_tui.chronology.mapping import (
    LEFT_OUT,
    ColumnMapping,
    column_label,
    column_name,
    field_title,
    place_unmapped,
    unplaced_message,
)
from imr_tui.chronology.rows import SEPARATORS, Duplicate, Problem
from imr_tui.chronology.table import Table
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.dates import DateError, parse_cell_date, parse_time
from imr_tui.core.errors import UserError
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.session import Session
from imr_tui.report.md_escape import normalise_newlines

EntryKey = tuple[str, ...]


@dataclass
class ImportPreview:
    """What importing a table would do; the review is not changed until :func:`apply`."""

    table: Table
    """The spreadsheet as read."""
    mapping: ColumnMapping
    """Where each of its columns goes."""
    entries: list[ChronologyEntry] = field(default_factory=list)
    """The new entries, in the spreadsheet's order."""
    rows: list[int] = field(default_factory=list)
    """The spreadsheet row of each new entry."""
    problems: list[Problem] = field(default_factory=list)
    """Rows that cannot be read, with why; they are not imported."""
    duplicates: list[Duplicate] = field(default_factory=list)
    """Rows already in the review or repeating an earlier row; not imported."""
    notes: list[str] = field(default_factory=list)
    """Things the author should know (encoding, columns left out, two-digit years...)."""
    blocked: str = ""
    """Why nothing at all can be imported (no date column, or columns with text that have
    no place), or empty."""
    unplaced: list[int] = field(default_factory=list)
    """Columns with text that have no place in the chronology: the author must say where
    they go (or that they are left out) before anything is imported."""


def entry_key(entry: ChronologyEntry) -> EntryKey:
    """What makes two entries the same: :meth:`ChronologyEntry.identity`."""
    return entry.identity()


def _when(entry: ChronologyEntry) -> str:
    return entry.shown_when() or "no date"


def _clean(cell: str) -> str:
    return normalise_newlines(unprotect(cell.strip())).strip()


def _cell(cells: list[str], index: int, mapping: ColumnMapping) -> str:
    """A cell's text as imported: labelled with its heading where the mapping says so."""
    text = _clean(cells[index])
    if text and mapping.is_labelled(index):
        return f"{column_label(mapping.headers, index)}: {text}"
    return text


def _rows_text(rows: list[int], limit: int = 8) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return f"row{'s' if len(rows) > 1 else ''} {shown}{more}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _end(cells: list[str], mapping: ColumnMapping, today: date | None) -> tuple[str, bool, str]:
    """The end date (ISO), whether it is approximate, and the end time of a row."""
    date_cols, time_cols = mapping.columns("end_date"), mapping.columns("end_time")
    date_text = _clean(cells[date_cols[0]]) if date_cols else ""
    time_text = _clean(cells[time_cols[0]]) if time_cols else ""
    if not date_text:
        if time_text:
            raise DateError(f"the end time '{time_text}' has no end date")
        return "", False, ""
    try:
        read = parse_cell_date(date_text, today)
        time = parse_time(time_text) if time_text else read.time
    except DateError as e:
        raise DateError(f"the end {e}") from None
    return read.date.iso, read.date.approximate, time


def preview(
    table: Table,
    mapping: ColumnMapping,
    review: Review,
    catalogue: Catalogue,
    today: date | None = None,
) -> ImportPreview:
    """Read every row of ``table`` as a chronology entry; change nothing.

    Rows that cannot be read become :class:`Problem` s (row number and why); rows whose
    entry is already in ``review``, or repeats an earlier row, become :class:`Duplicate` s.
    ``today`` decides what a two-digit year means (see :func:`imr_tui.core.dates.full_year`).
    """
    if tuple(mapping.headers) != tuple(table.headers):
        raise ValueError("the mapping was made for another table's headings")
    filled = table.filled()
    mapping = place_unmapped(mapping, catalogue, filled)
    out = ImportPreview(table, mapping, notes=list(table.notes))
    if mapping.missing:
        listed = ", ".join(column_name(table.headers, i) for i in range(len(table.headers)))
        out.blocked = (
            f"{table.name}: no column holds the {field_title(catalogue, 'date').lower()}: "
            f"say which one does (its columns are {listed})"
        )
        return out
    out.unplaced = mapping.unplaced(filled)
    if out.unplaced:
        out.blocked = unplaced_message(table.name, mapping, filled)
        return out
    width = len(table.headers)
    when_fields = ("date", "time", "end_date", "end_time")
    text_fields = [f for f in dict.fromkeys(mapping.fields) if f and f not in when_fields]
    column_ids = {c.id for c in catalogue.chronology.columns}
    known = {entry_key(e): e for e in review.chronology}
    seen: dict[EntryKey, int] = {}
    short_years: dict[int, str] = {}
    undated: list[int] = []
    (date_col,) = mapping.columns("date")
    time_cols = mapping.columns("time")

    for row in table.rows:
        cells = list(row.cells)
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            separator = SEPARATORS.get(table.delimiter, repr(table.delimiter))
            out.problems.append(
                Problem(
                    row.number,
                    f"it has {len(cells)} cells but there are {width} headings: a {separator} "
                    "inside a cell that is not in quotes splits it in two",
                )
            )
            continue
        cells += [""] * (width - len(cells))
        date_text = _clean(cells[date_col])
        time_text = _clean(cells[time_cols[0]]) if time_cols else ""
        iso, approximate, time, short_year = "", False, "", False
        if date_text:
            try:
                read = parse_cell_date(date_text, today)
            except DateError as e:
                out.problems.append(Problem(row.number, f"the date {e}"))
                continue
            iso, approximate, time = read.date.iso, read.date.approximate, read.time
            short_year = read.short_year
        else:
            undated.append(row.number)
        if time_text:
            try:
                column_time = parse_time(time_text)
            except DateError as e:
                out.problems.append(Problem(row.number, f"the time {e}"))
                continue
            if time and time != column_time:
                out.problems.append(
                    Problem(
                        row.number,
                        f"the date '{date_text}' holds the time {time} but the time "
                        f"column says {column_time}",
                    )
                )
                continue
            time = column_time
        try:
            end = _end(cells, mapping, today)
        except DateError as e:
            out.problems.append(Problem(row.number, str(e)))
            continue
        values = {
            f: "\n".join(v for i in mapping.columns(f) if (v := _cell(cells, i, mapping)))
            for f in text_fields
        }
        try:
            entry = ChronologyEntry(
                date=iso,
                approximate=approximate,
                time=time,
                end_date=end[0],
                end_approximate=end[1],
                end_time=end[2],
                reference=values.get("reference", ""),
                source=values.get("source", ""),
                cells={k: v for k, v in values.items() if k in column_ids and v},
            )
        except ValidationError as e:
            message = str(e.errors()[0]["msg"]).removeprefix("Value error, ")
            out.problems.append(Problem(row.number, message))
            continue
        if short_year:
            short_years[row.number] = iso[:4]
        key = entry_key(entry)
        if key in known:
            out.duplicates.append(Duplicate(row.number, f"the entry of {_when(known[key])}"))
        elif key in seen:
            out.duplicates.append(Duplicate(row.number, f"row {seen[key]}"))
        else:
            seen[key] = row.number
            out.entries.append(entry)
            out.rows.append(row.number)

    _add_notes(out, catalogue, review, short_years, undated)
    return out


def _add_notes(
    out: ImportPreview,
    catalogue: Catalogue,
    review: Review,
    short_years: dict[int, str],
    undated: list[int],
) -> None:
    table, mapping = out.table, out.mapping
    for i in mapping.unmapped:
        filled = table.rows_with_text(i)
        if filled and mapping.reasons[i] == LEFT_OUT:
            out.notes.append(
                f"{column_name(table.headers, i)} is left out, as you chose: "
                f"{_count(filled, 'row has', 'rows have')} text in it."
            )
        elif not filled and table.headers[i].strip():
            out.notes.append(
                f"{column_name(table.headers, i)} is left out: it has no text in any row."
            )
    if not mapping.columns("source"):
        title = field_title(catalogue, "source")
        out.notes.append(
            f"No column holds the {title.lower()}: the entries will have none, and "
            "'imr check' will ask for it."
        )
    if short_years:
        rows, years = list(short_years), sorted(set(short_years.values()))
        span = years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"
        out.notes.append(
            f"{_rows_text(rows).capitalize()} {'has' if len(rows) == 1 else 'have'} a date "
            f"with a two-digit year, read as {span}: a two-digit year is read as this "
            "century unless that is after this year, then as the last century."
        )
    if undated:
        out.notes.append(
            f"{_rows_text(undated).capitalize()} {'has' if len(undated) == 1 else 'have'} no "
            "date: imported undated, and 'imr check' will ask for the date."
        )
    outside = {
        r: message
        for e, r in zip(out.entries, out.rows, strict=True)
        if (message := e.outside(review.review_period))
    }
    if outside:
        message = next(iter(outside.values()))
        out.notes.append(
            f"{_rows_text(list(outside)).capitalize()}: {message[:1].lower()}{message[1:]}"
        )


def apply(preview: ImportPreview, session: Session) -> int:
    """Add the preview's new entries to the session's review; returns how many were added.

    Entries the review has gained since the preview was made are not added twice.
    The session is marked changed; saving is the caller's (or autosave's) business.
    """
    if preview.blocked:
        raise UserError(preview.blocked)
    if session.read_only:
        raise UserError(f"{session.path}: is open read-only here, so nothing was imported")
    present = {entry_key(e) for e in session.review.chronology}
    new = []
    for entry in preview.entries:
        key = entry_key(entry)
        if key not in present:
            present.add(key)
            new.append(entry.model_copy(deep=True))
    session.add_entries(new)
    return len(new)
