"""Importing a spreadsheet in the terminal: asking where each column goes, and the
preview printed before anything changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.chronology import ColumnMapping, ImportPreview, Synonyms, Table
    from imr_tui.core.catalogue import Catalogue

Ask = Callable[[str], str]


PREVIEW_ROWS = 10
"""How many new entries the preview shows."""


LIST_DUPLICATES = 10
"""How many rows already in the review are listed one by one."""


CELL_WIDTH = 28


def _one_line(text: str, width: int = CELL_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _shown(iso: str, approximate: bool) -> str:
    from imr_tui.core.dates import from_stored

    return from_stored(iso, approximate).display() if iso else ""


def _sample(table: Table, index: int) -> str:
    for row in table.rows:
        if index < len(row.cells) and row.cells[index].strip():
            return _one_line(row.cells[index], 40)
    return ""


def _has_text(table: Table, index: int) -> bool:
    return any(index < len(r.cells) and r.cells[index].strip() for r in table.rows)


def ask_mapping(
    table: Table,
    mapping: ColumnMapping,
    catalogue: Catalogue,
    synonyms: Synonyms,
    overrides: dict[str | int, str],
    ask: Ask,
) -> ColumnMapping:
    """Ask where the columns that are not imported should go: the date first, if missing."""
    from imr_tui.chronology import column_name, field_choices, map_columns, resolve_field
    from imr_tui.chronology.mapping import column_letter

    choices = ", ".join(fid for fid, _ in field_choices(catalogue))
    chosen = dict(overrides)

    def attempt(question: str, index: int) -> None:
        for _ in range(3):
            answer = ask(question).strip()
            if not answer:
                return
            if index < 0:
                letter = answer.upper()
                picked = next(
                    (i for i in range(len(table.headers)) if column_letter(i) == letter), None
                )
                if picked is None:
                    print(f"  There is no column {answer}.")
                    continue
                trial = {**chosen, picked: "date"}
            else:
                try:
                    resolve_field(catalogue, answer)
                except UserError as e:
                    print(f"  {e}")
                    continue
                trial = {**chosen, index: answer}
            try:
                map_columns(table.headers, catalogue, trial, synonyms)
            except UserError as e:
                print(f"  {e}")
                continue
            chosen.clear()
            chosen.update(trial)
            return

    if mapping.missing:
        print("No column is recognised as the date. The columns are:")
        for i in range(len(table.headers)):
            sample = _sample(table, i)
            print(f"  {column_letter(i):>3}  {column_name(table.headers, i)}  e.g. {sample!r}")
        attempt("Which column holds the date? (its letter; Enter to stop) ", -1)
        mapping = map_columns(table.headers, catalogue, chosen, synonyms)
    asked_about = {i for i in mapping.unmapped if mapping.reasons[i] != "left out as asked"}
    for i in sorted(asked_about):
        if not _has_text(table, i) or i in chosen:
            continue
        name = column_name(table.headers, i)
        attempt(
            f"{name} is not imported ({mapping.reasons[i]}; e.g. {_sample(table, i)!r}).\n"
            f"  Import it as one of: {choices}? (Enter leaves it out) ",
            i,
        )
    return map_columns(table.headers, catalogue, chosen, synonyms)


def print_report(found: ImportPreview, catalogue: Catalogue) -> None:
    """The mapping, a preview of the new entries, the problems, duplicates and notes."""
    from imr_tui.chronology.importing import SEPARATORS

    table = found.table
    separator = SEPARATORS.get(table.delimiter, repr(table.delimiter))
    print(
        f"Reading {table.name} ({table.encoding}, {separator} separated; "
        f"headings on row {table.header_row})."
    )
    print("Columns:")
    described = found.mapping.describe(catalogue)
    width = max((len(name) for name, _ in described), default=0)
    for name, where in described:
        print(f"  {name.ljust(width)}  -> {where}")
    if found.entries:
        ch = catalogue.chronology
        column = next((c for c in ch.columns if c.in_table), ch.columns[0])
        shown = found.entries[:PREVIEW_ROWS]
        total = len(found.entries)
        print(
            f"New entries ({total}; the first {len(shown)}):"
            if total > len(shown)
            else f"New entries ({total}):"
        )
        head = ["Row", ch.date_title, ch.time_title, ch.source_title, column.title]
        rows = [
            [
                str(r),
                _shown(e.date, e.approximate),
                e.time,
                _one_line(e.source),
                _one_line(e.cells.get(column.id, "")),
            ]
            for r, e in zip(found.rows, shown, strict=False)
        ]
        widths = [max(len(x[i]) for x in [[_one_line(h) for h in head], *rows]) for i in range(5)]
        for line in [[_one_line(h) for h in head], *rows]:
            print("  " + "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    if found.problems:
        n = len(found.problems)
        print(f"Rows that cannot be read ({n}; they are not imported):")
        for problem in found.problems:
            print(f"  {problem}")
    if found.duplicates:
        n = len(found.duplicates)
        print(f"Rows already in the review ({n}; they are not imported again):")
        for duplicate in found.duplicates[:LIST_DUPLICATES]:
            print(f"  {duplicate}")
        if n > LIST_DUPLICATES:
            print(f"  and {n - LIST_DUPLICATES} more")
    for note in found.notes:
        print(f"Note: {note}")
