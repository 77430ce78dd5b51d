"""``imr chronology import|export`` and ``imr merge``: their options and what they print.

Importing reads the spreadsheet, shows where each column goes, a preview of the new
entries, every row it cannot read (with its row number and why) and the rows already
in the review, then asks before it changes anything (``--yes`` in scripts; with no
terminal to ask on and no ``--yes`` it refuses). Exit status: 0 imported (or nothing
new to import), 1 nothing imported (problems, no date column, or the author said no),
2 error (the file or the review cannot be read or written).

Only the standard library is imported here; the core is imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
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


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``chronology`` (``import``, ``export``) and ``merge`` to the ``imr`` parser."""
    p_chron = sub.add_parser(
        "chronology",
        help="bring a chronology in from a spreadsheet (CSV or TSV), or send it out to one",
        description=(
            "Import a chronology typed in a spreadsheet and saved as CSV or TSV, or export "
            "a review's chronology as CSV for a spreadsheet."
        ),
    )
    actions = p_chron.add_subparsers(dest="action", metavar="ACTION", required=True)
    p_import = actions.add_parser(
        "import",
        parents=[common],
        help="add the rows of a CSV or TSV file to a review's chronology",
        description=(
            "Add the rows of a spreadsheet saved as CSV or TSV to the review's chronology. "
            "Columns are matched by their headings; dates are read day first (11/03/2025, "
            "11 March 2025, 2025-03-11; 'Mar 2025' or '?11/03/2025' as approximate). Shows "
            "where each column goes, a preview, and every row it cannot read, then asks "
            "before importing. Rows already in the review are never added twice. Exit "
            "status 0 when imported (or nothing new), 1 when nothing was imported, 2 on error."
        ),
    )
    p_import.add_argument("file", type=Path, metavar="FILE", help="the review file")
    p_import.add_argument("table", type=Path, metavar="CSV", help="the CSV or TSV file")
    p_import.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="'HEADING=COLUMN'",
        help=(
            "put the spreadsheet column HEADING into COLUMN (date, time, source, or a "
            "chronology column's id or title), or leave it out with HEADING=skip; repeatable"
        ),
    )
    p_import.add_argument("--yes", action="store_true", help="import without asking (for scripts)")
    p_export = actions.add_parser(
        "export",
        parents=[common],
        help="write a review's chronology as CSV for a spreadsheet",
        description=(
            "Write the chronology as CSV with the template's column headings. Exact dates "
            "are written 2025-03-11, which spreadsheets read as dates in any locale; "
            "approximate ones as ?03/2025. The file can be imported again unchanged."
        ),
    )
    p_export.add_argument("file", type=Path, metavar="FILE", help="the review file")
    p_export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.csv",
        help="where to write the CSV (default: FILE with .csv in place of .toml)",
    )

    p_merge = sub.add_parser(
        "merge",
        parents=[common],
        help="merge agencies' reviews into one composite chronology",
        description=(
            "Merge the chronologies of several agencies' reviews into one timeline in date "
            "and time order, each row naming its agency in the source column. The composite "
            "lists the agencies, authors and review periods, warns where the review periods "
            "differ, and ends with each agency's recommendations."
        ),
    )
    p_merge.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the review files")
    p_merge.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT.md",
        help="where to write the composite chronology as Markdown",
    )
    p_merge.add_argument(
        "--csv", type=Path, metavar="OUT.csv", help="also write the timeline as CSV"
    )


# ---------------------------------------------------------------------------- import


def parse_maps(items: list[str]) -> dict[str | int, str]:
    """``['Who=practitioner']`` as ``{'Who': 'practitioner'}``; UserError if malformed."""
    out: dict[str | int, str] = {}
    for item in items:
        heading, eq, field = item.rpartition("=")
        if not eq or not heading.strip():
            raise UserError(
                f"--map '{item}': write it as 'HEADING=COLUMN', e.g. 'Who=practitioner'"
            )
        out[heading.strip()] = field.strip()
    return out


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


def cmd_import(
    args: argparse.Namespace, ask: Ask | None = None, interactive: bool | None = None
) -> int:
    """``imr chronology import FILE CSV``: preview, confirm, import, save."""
    from imr_tui.chronology import apply, map_columns, preview, read_table
    from imr_tui.cli.main import data_files, open_to_change

    if ask is None:
        ask = input
    if interactive is None:
        interactive = sys.stdin.isatty()
    data = data_files(args)
    catalogue = data.catalogue
    synonyms = data.synonyms
    overrides = parse_maps(args.map)
    # The review is locked, then loaded, before anything else: a missing or broken review
    # is reported first, and no session can save over the import in between.
    with open_to_change(args.file, catalogue) as session:
        review = session.review
        table = read_table(args.table, catalogue, synonyms)
        try:
            mapping = map_columns(table.headers, catalogue, overrides, synonyms)
        except UserError as e:
            raise UserError(f"--map: {e}") from None
        if interactive and not args.yes:
            try:
                mapping = ask_mapping(table, mapping, catalogue, synonyms, overrides, ask)
            except EOFError:
                print()
        found = preview(table, mapping, review, catalogue)
        print_report(found, catalogue)
        if found.blocked:
            print(f"Nothing imported: {found.blocked}.")
            print("Say which column holds the date with --map 'HEADING=date'.")
            return 1
        if not found.entries:
            if found.problems:
                already = ", and the others are already in the review" if found.duplicates else ""
                print(f"Nothing imported: the rows listed cannot be read{already}.")
                return 1
            if not found.duplicates:
                print(f"Nothing imported: {table.name} has no rows below its headings.")
                return 1
            print(f"Nothing new to import: every row is already in {args.file}.")
            return 0
        n = len(found.entries)
        entries = f"{n} {'entry' if n == 1 else 'entries'}"
        if not args.yes:
            if not interactive:
                raise UserError(
                    f"{args.file}: not imported: there is no terminal to confirm on; "
                    "run again with --yes to import without asking"
                )
            left = (
                f" ({len(found.problems)} rows that cannot be read left out)"
                if found.problems
                else ""
            )
            try:
                answer = ask(f"Import {entries} into {args.file}{left}? [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                print("Nothing imported.")
                return 1
        added = apply(found, session)
        if not session.save():
            raise UserError(session.error)
    print(f"Imported {added} {'entry' if added == 1 else 'entries'} into {args.file}.")
    return 0


# ---------------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace) -> int:
    """``imr chronology export FILE -o OUT.csv``."""
    from imr_tui.chronology import write_chronology_csv
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.store import load

    catalogue = load_catalogue(args.prompts)
    review = load(args.file, catalogue)
    out = args.output or args.file.with_suffix(".csv")
    if out.resolve() == args.file.resolve():
        raise UserError(f"{out}: the export would overwrite the review itself; choose another -o")
    write_chronology_csv(out, review, catalogue)
    n = len(review.chronology)
    print(f"Exported {n} chronology {'entry' if n == 1 else 'entries'} to {out}")
    return 0


def cmd_chronology(args: argparse.Namespace) -> int:
    """``imr chronology ACTION``."""
    return cmd_import(args) if args.action == "import" else cmd_export(args)


# ---------------------------------------------------------------------------- merge


def cmd_merge(args: argparse.Namespace) -> int:
    """``imr merge A.toml B.toml ... -o composite.md [--csv composite.csv]``."""
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.store import load, write_text_private
    from imr_tui.report.merge import composite_csv, composite_markdown, merge

    catalogue = load_catalogue(args.prompts)
    seen: dict[Path, Path] = {}
    for f in args.files:
        if f.resolve() in seen:
            raise UserError(f"{f}: is given more than once")
        seen[f.resolve()] = f
    outputs = [o for o in (args.output, args.csv) if o is not None]
    for o in outputs:
        if o.resolve() in seen:
            raise UserError(f"{o}: the output would overwrite a review; choose another name")
    if args.csv is not None and args.csv.resolve() == args.output.resolve():
        raise UserError(f"{args.csv}: -o and --csv name the same file")
    reviews = [(f.stem, load(f, catalogue)) for f in args.files]
    composite = merge(reviews)
    write_text_private(args.output, composite_markdown(composite, catalogue))
    if args.csv is not None:
        write_text_private(args.csv, composite_csv(composite, catalogue))
    for warning in composite.warnings:
        print(f"Warning: {warning}")
    n, k = len(composite.rows), len(composite.agencies)
    written = f"{args.output} and {args.csv}" if args.csv is not None else str(args.output)
    print(
        f"Merged {n} {'entry' if n == 1 else 'entries'} from {k} "
        f"{'agency' if k == 1 else 'agencies'} into {written}"
    )
    return 0
