"""``imr comments FILE --import panel.csv`` and ``--format csv``: a panel's spreadsheet in and out.

Importing shows how the file was read and where each column goes, a preview of the new
comments, every row it cannot read (with its row number and why) and the rows already in
the review, then asks before it changes anything, as ``imr chronology import`` does:
``--yes`` in scripts (with no terminal to ask on and no ``--yes`` it refuses); with
``--yes`` a row that cannot be read stops the import unless ``--skip-unreadable``.
Exit status: 0 imported (or nothing new), 1 nothing imported (no row can be read, or
the author said no), 2 error. The reading and matching are the core's
(:mod:`imr_tui.core.comment_import`); here is only what is printed and asked.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.comment_import import CommentImport
    from imr_tui.core.model import Comment, Review

Ask = Callable[[str], str]
CSV_COLUMNS = ("place", "field", "text", "by", "at", "state", "resolved_by", "id", "replies")
"""The columns of ``imr comments --format csv``."""
COLUMN_ROLES = {
    "place": "where the comment is",
    "text": "the comment",
    "by": "who wrote it",
    "field": "the field of the entry or recommendation",
    "date": "when it was written",
    "id": "the comment's id (a comment already in the review is not added again)",
}
"""What each known column holds, as the preview says it."""
SHOWN = 70
"""How much of a comment's text the preview shows."""


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN else flat[: SHOWN - 1] + "…"


def print_preview(found: CommentImport, review: Review, catalogue: Catalogue) -> None:
    """How the file was read, where its columns go, and what importing would do."""
    from imr_tui.chronology.column_names import column_name
    from imr_tui.chronology.rows import SEPARATORS
    from imr_tui.cli.comments_list import where_of

    table = found.table
    separated = SEPARATORS.get(table.delimiter, repr(table.delimiter))
    print(
        f"Read {table.name} ({table.encoding}, {separated} separated): "
        f"{_plural(len(table.rows), 'row', 'rows')} below the headings."
    )
    kinds = {i: COLUMN_ROLES[kind] for kind, i in found.columns.items()}
    for i in range(len(table.headers)):
        name = column_name(table.headers, i)
        if i in kinds:
            print(f"  {name}: {kinds[i]}")
        elif table.rows_with_text(i):
            print(f"  {name}: added to the comment's text, labelled")
        else:
            print(f"  {name}: no text in any row")
    for note in found.notes:
        print(note)
    if found.comments:
        print(f"\nNew comments ({len(found.comments)}):")
        for row, comment in zip(found.rows, found.comments, strict=True):
            where = where_of(comment, review, catalogue)
            print(f"  row {row}: {where}, by {comment.by}: {_short(comment.text)}")
    if found.problems:
        print(f"\nRows that cannot be read, not imported ({len(found.problems)}):")
        for problem in found.problems:
            print(f"  {problem}")
    if found.duplicates:
        print(f"\nAlready in the review, not imported again ({len(found.duplicates)}):")
        for duplicate in found.duplicates:
            print(f"  {duplicate}")
    print()


def cmd_import(
    args: argparse.Namespace, ask: Ask | None = None, interactive: bool | None = None
) -> int:
    """``imr comments FILE --import CSV [--by NAME] [--yes [--skip-unreadable]]``."""
    from imr_tui.cli.common import (
        confirm_import,
        data_files,
        nothing_new,
        open_to_change,
        unreadable_message,
    )
    from imr_tui.core.comment_import import apply, preview, read_comments_table

    for given, option in (
        (args.open, "--open"),
        (args.resolved, "--resolved"),
        (args.section, "--section"),
        (args.format != "text", "--format"),
        (args.output, "-o"),
    ):
        if given:
            raise UserError(f"{args.import_}: {option} is for listing, not with --import")
    if ask is None:
        ask = input
    if interactive is None:
        interactive = sys.stdin.isatty()
    catalogue = data_files(args).catalogue
    with open_to_change(args.file, catalogue) as session:
        review = session.review
        table = read_comments_table(args.import_)
        found = preview(table, review, catalogue, args.by or "")
        print_preview(found, review, catalogue)
        if not found.comments:
            return nothing_new(args.file, table.name, len(found.problems), len(found.duplicates))
        if found.problems and args.yes and not args.skip_unreadable:
            raise UserError(unreadable_message(args.import_, found.problems))
        count = _plural(len(found.comments), "comment", "comments")
        if not confirm_import(
            args.file, count, len(found.problems), yes=args.yes, interactive=interactive, ask=ask
        ):
            return 1
        # Everything shown goes out before anything is written: a closed output is found
        # out here, and the review is left as it was.
        sys.stdout.flush()
        added = apply(found, session)
        if not session.save():
            raise UserError(session.error)
    print(f"Imported {_plural(added, 'comment', 'comments')} into {args.file}.")
    return 0


def csv_rows(comments: list[Comment], review: Review, catalogue: Catalogue) -> list[list[str]]:
    """The rows of ``imr comments --format csv`` (headings first), cells as written."""
    from imr_tui.cli.comments_list import where_of
    from imr_tui.core.comment_places import fields_of, place_of

    rows = [list(CSV_COLUMNS)]
    for c in comments:
        place = place_of(c)
        whole = c.model_copy(update={"field": ""})
        replies = "\n".join(f"{r.by} ({r.at:%d/%m/%Y %H:%M}): {r.text}" for r in c.replies)
        rows.append(
            [
                where_of(whole, review, catalogue),
                fields_of(place.kind, catalogue).get(c.field, c.field),
                c.text,
                c.by,
                f"{c.at:%Y-%m-%d %H:%M}",
                c.state,
                c.resolved_by,
                c.id,
                replies,
            ]
        )
    return rows


def write_csv(
    args: argparse.Namespace, comments: list[Comment], review: Review, catalogue: Catalogue
) -> int:
    """``imr comments FILE --format csv [-o OUT.csv]``: to standard output, or to a file a
    spreadsheet opens (UTF-8 with a byte order mark); formulas are never run."""
    from imr_tui.chronology.csvout import BOM, protect
    from imr_tui.core.sent_copies import refuse_targets
    from imr_tui.core.store import refuse_review_target, write_text_private

    out = io.StringIO()
    # A file for a spreadsheet ends its lines as Windows does; the terminal's as it does.
    writer = csv.writer(out, lineterminator="\n" if args.output is None else "\r\n")
    for i, row in enumerate(csv_rows(comments, review, catalogue)):
        writer.writerow(row if i == 0 else [protect(cell) for cell in row])
    if args.output is None:
        sys.stdout.write(out.getvalue())
        return 0
    if args.output.resolve() == args.file.resolve():
        raise UserError(f"{args.output}: would overwrite the review itself; choose another -o")
    refuse_review_target(args.output)
    # Never over a final report sent (nor named as one), as imr export and imr diff.
    refuse_targets(args.file, review, [args.output], final=False, named=True)
    write_text_private(args.output, BOM + out.getvalue())
    print(f"Wrote {_plural(len(comments), 'comment', 'comments')} to {args.output}.")
    return 0
