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


def ask_mapping(
    table: Table,
    mapping: ColumnMapping,
    catalogue: Catalogue,
    synonyms: Synonyms,
    overrides: dict[str | int, str],
    ask: Ask,
) -> ColumnMapping:
    """Ask where the columns with text that have no place go: the date first, if missing.

    For each such column the author names a column of the chronology, ``labelled`` (into
    the event column, each cell labelled with the heading) or ``skip``, which is
    confirmed, since its text is then not imported. A column the author gives no answer
    for stays without a place, and the import does not go ahead.
    """
    from imr_tui.chronology import column_name, field_choices, map_columns, resolve_field
    from imr_tui.chronology.mapping import (
        LABELLED,
        SKIP,
        column_label,
        column_letter,
        field_title,
        labelled_field,
        place_unmapped,
    )

    choices = ", ".join(fid for fid, _ in field_choices(catalogue))
    chosen = dict(overrides)

    def confirm_skip(index: int) -> bool:
        n = table.rows_with_text(index)
        rows = f"{n} row{'' if n == 1 else 's'}"
        answer = ask(
            f"  Leave out {column_name(table.headers, index)}? Its text in {rows} will not "
            "be imported. [y/N] "
        )
        return answer.strip().lower() in ("y", "yes")

    def attempt(question: str, index: int) -> None:
        for _ in range(3):
            answer = ask(question).strip()
            if not answer:
                if index < 0:
                    return
                print("  Say where it goes, or skip to leave it out.")
                continue
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
                    field = resolve_field(catalogue, answer)
                except UserError as e:
                    print(f"  {e}")
                    continue
                if not field and not confirm_skip(index):
                    continue
                trial = {**chosen, index: answer if field else SKIP}
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
            sample = table.sample(i)
            print(f"  {column_letter(i):>3}  {column_name(table.headers, i)}  e.g. {sample!r}")
        attempt("Which column holds the date? (its letter; Enter to stop) ", -1)
        mapping = map_columns(table.headers, catalogue, chosen, synonyms)
    filled = table.filled()
    mapping = place_unmapped(mapping, catalogue, filled)
    into = field_title(catalogue, labelled_field(catalogue))
    for i in mapping.unplaced(filled):
        if i in chosen:
            continue
        name, label = column_name(table.headers, i), column_label(table.headers, i)
        attempt(
            f"{name} has text but no place in the chronology ({mapping.reasons[i]}; "
            f"e.g. {table.sample(i)!r}).\n"
            f"  Where does it go? One of: {choices};\n"
            f"  or {LABELLED} (into {into}, as '{label}: ...'); or {SKIP} to leave it out: ",
            i,
        )
    return map_columns(table.headers, catalogue, chosen, synonyms)


def print_columns(mapping: ColumnMapping, catalogue: Catalogue, title: str = "Columns:") -> None:
    """Where each column goes, one line each."""
    print(title)
    described = mapping.describe(catalogue)
    width = max((len(name) for name, _ in described), default=0)
    for name, where in described:
        print(f"  {name.ljust(width)}  -> {where}")


def print_reading(table: Table, mapping: ColumnMapping, catalogue: Catalogue) -> None:
    """How the file was read and where each column goes: printed before any question
    about a column, so the author sees where every other column goes first."""
    from imr_tui.chronology.rows import SEPARATORS

    separator = SEPARATORS.get(table.delimiter, repr(table.delimiter))
    print(
        f"Reading {table.name} ({table.encoding}, {separator} separated; "
        f"headings on row {table.header_row})."
    )
    print_columns(mapping, catalogue)


def print_report(
    found: ImportPreview, catalogue: Catalogue, printed: ColumnMapping | None = None
) -> None:
    """The mapping (unless ``printed`` already showed it and it is unchanged), a preview of
    the new entries, the problems, duplicates and notes."""
    if printed is None:
        print_reading(found.table, found.mapping, catalogue)
    elif printed.describe(catalogue) != found.mapping.describe(catalogue):
        print_columns(found.mapping, catalogue, "Columns, as you said:")
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
                e.shown_dates(),
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
