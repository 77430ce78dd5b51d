"""``imr chronology import|export`` and ``imr merge``: their options and what they print.

Importing reads the spreadsheet, shows where each column goes, a preview of the new
entries, every row it cannot read (with its row number and why) and the rows already
in the review, then asks before it changes anything (``--yes`` in scripts; with no
terminal to ask on and no ``--yes`` it refuses). With ``--yes`` a row that cannot be
read stops the import (its text would be lost unseen) unless ``--skip-unreadable`` says
to leave such rows out; at a terminal the author is asked, after seeing them listed.
Exit status: 0 imported (or nothing new to import), 1 nothing imported (no row can be
read, no date column, or the author said no), 2 error (the file or the review cannot be
read or written, a column with text has no place, or, with ``--yes`` and no
``--skip-unreadable``, a row cannot be read).

Only the standard library is imported here; the core is imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Review
    from imr_tui.report.leftovers import Leftover

Ask = Callable[[str], str]


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
            "status 0 when imported (or nothing new), 1 when nothing was imported, 2 on error "
            "(including a column with text that has no place in the chronology, and, with "
            "--yes, a row that cannot be read unless --skip-unreadable is given)."
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
            "put the spreadsheet column HEADING (or 'column D') into COLUMN (date, time, "
            "end_date, end_time, reference, source, or a chronology column's id or title), "
            "into the event column labelled with its heading with HEADING=labelled, or leave "
            "it out with HEADING=skip; repeatable. A column with text that has no place is "
            "never left out silently: the import asks, or with --yes refuses"
        ),
    )
    p_import.add_argument("--yes", action="store_true", help="import without asking (for scripts)")
    p_import.add_argument(
        "--skip-unreadable",
        action="store_true",
        help=(
            "with --yes, import the rows that can be read and leave out the rows that "
            "cannot (without it, --yes imports nothing when any row cannot be read)"
        ),
    )
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
    add_anonymise_options(p_export, several=False)

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
    add_anonymise_options(p_merge)


def add_anonymise_options(parser: argparse.ArgumentParser, several: bool = True) -> None:
    """``--anonymise`` and ``--allow-remaining``, as ``imr export`` has them (``several``:
    the command takes several reviews, whose lists all count)."""
    listed = "in any of the reviews " if several else ""
    parser.add_argument(
        "--anonymise",
        "--anonymize",
        action="store_true",
        help=(
            f"replace every name listed {listed}with its pseudonym and remove identifiers; "
            "nothing is written if anything identifying is still found"
        ),
    )
    parser.add_argument(
        "--allow-remaining",
        action="store_true",
        help="with --anonymise, write even though something identifying is still found",
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


def cmd_import(
    args: argparse.Namespace, ask: Ask | None = None, interactive: bool | None = None
) -> int:
    """``imr chronology import FILE CSV``: preview, confirm, import, save."""
    from imr_tui.chronology import apply, map_columns, preview, read_table
    from imr_tui.chronology.mapping import place_unmapped
    from imr_tui.cli.column_mapping import ask_mapping, print_reading, print_report
    from imr_tui.cli.common import (
        confirm_import,
        data_files,
        nothing_new,
        open_to_change,
        unreadable_message,
    )

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
        # How the file was read and where each column goes come first, then any question.
        shown = place_unmapped(mapping, catalogue, table.filled())
        print_reading(table, shown, catalogue)
        if interactive and not args.yes:
            try:
                mapping = ask_mapping(table, mapping, catalogue, synonyms, overrides, ask)
            except EOFError:
                print()
        found = preview(table, mapping, review, catalogue)
        print_report(found, catalogue, shown)
        if found.unplaced:
            raise UserError(found.blocked)
        if found.blocked:
            print(f"Nothing imported: {found.blocked}.")
            print("Say which column holds the date with --map 'HEADING=date'.")
            return 1
        if not found.entries:
            return nothing_new(args.file, table.name, len(found.problems), len(found.duplicates))
        n = len(found.entries)
        entries = f"{n} {'entry' if n == 1 else 'entries'}"
        if found.problems and args.yes and not args.skip_unreadable:
            raise UserError(unreadable_message(args.table, found.problems))
        if not confirm_import(
            args.file, entries, len(found.problems), yes=args.yes, interactive=interactive, ask=ask
        ):
            return 1
        # Everything shown goes out before anything is written: if the output has been
        # closed (``| head``), that is found out here and the review is left as it was.
        sys.stdout.flush()
        added = apply(found, session)
        if not session.save():
            raise UserError(session.error)
    print(f"Imported {added} {'entry' if added == 1 else 'entries'} into {args.file}.")
    return 0


# ---------------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace) -> int:
    """``imr chronology export FILE [-o OUT.csv] [--anonymise [--allow-remaining]]``."""
    from imr_tui.chronology import write_chronology_csv
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.store import load

    catalogue = load_catalogue(args.prompts)
    review = load(args.file, catalogue)
    if args.anonymise:
        from imr_tui.cli.export import export_anonymised_command

        return export_anonymised_command(args.file, review, catalogue, None, "csv", args)
    out = args.output or args.file.with_suffix(".csv")
    if out.resolve() == args.file.resolve():
        raise UserError(f"{out}: the export would overwrite the review itself; choose another -o")
    from imr_tui.core.sent_copies import refuse_targets

    # Never over a final report sent (nor named as one), as imr export and imr diff.
    refuse_targets(args.file, review, [out], final=False, named=args.output is not None)
    write_chronology_csv(out, review, catalogue)
    n = len(review.chronology)
    print(f"Exported {n} chronology {'entry' if n == 1 else 'entries'} to {out}")
    return 0


def cmd_chronology(args: argparse.Namespace) -> int:
    """``imr chronology ACTION``."""
    return cmd_import(args) if args.action == "import" else cmd_export(args)


# ---------------------------------------------------------------------------- merge


def cmd_merge(args: argparse.Namespace) -> int:
    """``imr merge A.toml B.toml ... -o composite.md [--csv composite.csv]``.

    Beside the Markdown goes its timeline picture, ``<stem>.timeline.png`` (one lane per
    agency), when the optional ``timeline`` extra is installed; without it a note says
    how to add it."""
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.store import (
        load,
        refuse_review_target,
        write_bytes_private,
        write_text_private,
    )
    from imr_tui.report.merge import (
        composite_blocks,
        composite_csv,
        markdown_files,
        merge,
        timeline_path,
    )
    from imr_tui.report.timeline_picture import MISSING, timeline_available, timeline_png

    catalogue = load_catalogue(args.prompts)
    seen: dict[Path, Path] = {}
    for f in args.files:
        if f.resolve() in seen:
            raise UserError(f"{f}: is given more than once")
        seen[f.resolve()] = f
    picture = timeline_path(args.output)
    outputs = [o for o in (args.output, args.csv, picture) if o is not None]
    for o in outputs:
        if o.resolve() in seen:
            raise UserError(f"{o}: the output would overwrite a review; choose another name")
    if args.csv is not None and args.csv.resolve() == args.output.resolve():
        raise UserError(f"{args.csv}: -o and --csv name the same file")
    if args.csv is not None and args.csv.resolve() == picture.resolve():
        raise UserError(f"{args.csv}: --csv names the timeline picture's file; choose another")
    for o in outputs:
        refuse_review_target(o)  # before any is written
    if args.anonymise:
        return _merge_anonymised(args, [load(f, catalogue) for f in args.files], catalogue)
    reviews = [(f.stem, load(f, catalogue)) for f in args.files]
    composite = merge(reviews)
    drawn = timeline_available()
    files = markdown_files(
        composite_blocks(composite, catalogue), args.output, timeline_png if drawn else None
    )
    for path, data in files.items():  # the Markdown first: an error names the file asked for
        write_bytes_private(path, data)
    if args.csv is not None:
        write_text_private(args.csv, composite_csv(composite, catalogue))
    for warning in composite.warnings:
        print(f"Warning: {warning}")
    n, k = len(composite.rows), len(composite.agencies)
    written = [str(p) for p in files] + ([str(args.csv)] if args.csv is not None else [])
    shown = written[0] if len(written) == 1 else ", ".join(written[:-1]) + " and " + written[-1]
    print(
        f"Merged {n} {'entry' if n == 1 else 'entries'} from {k} "
        f"{'agency' if k == 1 else 'agencies'} into {shown}"
    )
    if not drawn and any(r.entry.when for r in composite.rows):
        print(f"No timeline picture: {MISSING[0].lower()}{MISSING[1:]}.")
    return 0


def _holders(files: Sequence[Path]) -> Callable[[Leftover], list[str]]:
    """Which of the reviews hold a finding's text (any case, spacing aside)."""
    texts = [
        (str(f), " ".join(f.read_text(encoding="utf-8", errors="replace").split())) for f in files
    ]

    def holders(leftover: Leftover) -> list[str]:
        wanted = " ".join((leftover.form or leftover.what).split()).casefold()
        return [name for name, text in texts if wanted and wanted in text.casefold()]

    return holders


def _merge_anonymised(args: argparse.Namespace, reviews: list[Review], catalogue: Catalogue) -> int:
    """``imr merge ... --anonymise``: both outputs written, or (on a finding) neither."""
    from imr_tui.cli.export import report_outcome
    from imr_tui.report.anonymised_export import export_merged_anonymised

    outcome, warnings = export_merged_anonymised(
        args.files, reviews, catalogue, args.output, args.csv, args.allow_remaining
    )
    if outcome.written is not None:
        for warning in warnings:
            print(f"Warning: {warning}")
    return report_outcome(outcome, "FILE", _holders(args.files))
