"""``imr comment`` and ``imr comments``: the panel's comments from the command line.

``imr comment FILE --on PLACE --by NAME TEXT`` adds a comment (``--reply ID``,
``--resolve ID`` and ``--reopen ID`` answer one); ``imr comments FILE`` lists them,
filtered, as text or CSV; ``imr comments FILE --import panel.csv`` reads a panel's
spreadsheet (see :mod:`imr_tui.cli.comments_import`; the listing is in
:mod:`imr_tui.cli.comments_list`). The review is changed through a
locked session, as every command that changes a review does. Only the standard library
is imported here; the core is imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.core.model import Comment
    from imr_tui.core.session import Session


PLACE_HELP = (
    "a prompt's id or title (summary), 'entry N' or 'entry N FIELD' (N as the chronology "
    "is shown), 'entry DD/MM/YYYY' (the entry of that date), 'recommendation N' or "
    "'recommendation N FIELD', 'heading N' or a heading's wording, or as 'imr comments' "
    "lists it"
)
"""The places ``--on`` reads (as :data:`imr_tui.core.comment_places.PLACE_FORMS` says them;
written here so that building the parser loads nothing of the core)."""


class _Intermixed(argparse.ArgumentParser):
    """A parser that takes its positionals wherever they are among the options, so TEXT
    can come after ``--on PLACE --by NAME`` (argparse alone would stop at FILE)."""

    _inside = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """As :meth:`parse_known_intermixed_args`."""
        if self._inside:  # its own two passes
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``comment`` and ``comments`` to the ``imr`` parser."""
    p_comment = sub.add_parser(
        "comment",
        parents=[common],
        help="add a comment to a place of a review, or reply to, resolve or reopen one",
        description=(
            "Add a comment (a panel's question or remark) to one place of the review: "
            f"--on PLACE, where PLACE is {PLACE_HELP}. Or answer one by its id (as "
            "'imr comments FILE' lists it; the first characters are enough): --reply ID "
            "adds TEXT as a reply, --resolve ID marks it resolved (with TEXT, after adding "
            "it as a reply), --reopen ID opens it again. TEXT '-' reads the text from "
            "standard input, so it can have several lines."
        ),
    )
    p_comment.__class__ = _Intermixed
    p_comment.add_argument("file", type=Path, metavar="FILE", help="the review file")
    p_comment.add_argument(
        "text", nargs="?", default=None, metavar="TEXT", help="what it says ('-': read it)"
    )
    what = p_comment.add_mutually_exclusive_group(required=True)
    what.add_argument("--on", metavar="PLACE", help="the place the new comment is about")
    what.add_argument("--reply", metavar="ID", help="reply to this comment")
    what.add_argument("--resolve", metavar="ID", help="mark this comment resolved")
    what.add_argument("--reopen", metavar="ID", help="open this resolved comment again")
    p_comment.add_argument(
        "--by", default=None, metavar="NAME", help="who writes it (needed but with --reopen)"
    )

    p_list = sub.add_parser(
        "comments",
        parents=[common],
        help="list a review's comments, or import a panel's spreadsheet of them",
        description=(
            "List the review's comments, open and resolved (each says which), one block "
            "each: its id, state and place, who wrote it and when, its text and the "
            "replies; then how many. --open, --resolved, --by and --section narrow the "
            "list; --format csv writes it for a spreadsheet. With --import, read a "
            "spreadsheet of comments instead (see --import)."
        ),
    )
    p_list.add_argument("file", type=Path, metavar="FILE", help="the review file")
    state = p_list.add_mutually_exclusive_group()
    state.add_argument("--open", action="store_true", help="only the open comments")
    state.add_argument("--resolved", action="store_true", help="only the resolved comments")
    p_list.add_argument(
        "--by",
        default=None,
        metavar="NAME",
        help=(
            "only the comments by NAME (any part of the name, any capitals); with --import, "
            "the name of rows that have none"
        ),
    )
    p_list.add_argument(
        "--section",
        metavar="SECTION",
        help="only the comments in one section of the template, by id or title (chronology)",
    )
    p_list.add_argument(
        "--format", choices=("text", "csv"), default="text", help="text (default) or csv"
    )
    p_list.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.csv",
        help="with --format csv, write the CSV to this file (for a spreadsheet) instead",
    )
    p_list.add_argument(
        "--import",
        dest="import_",
        type=Path,
        metavar="CSV",
        help=(
            "add the comments of a spreadsheet saved as CSV or TSV: a row a comment, columns "
            "headed Place (or Where, Prompt, Entry), Comment (or Text, Question), By (or "
            "From, Author), and optionally Field and Date, or by their words (Where in the "
            "report, Panel question, Raised by, Date raised); any other column's text is added "
            "to the comment labelled with its heading. Shows a preview and every row it "
            "cannot read, then asks. Rows already in the review are never added twice. Exit "
            "status 0 when imported (or nothing new), 1 when nothing was imported, 2 on "
            "error (and, with --yes, when a row cannot be read unless --skip-unreadable)"
        ),
    )
    p_list.add_argument("--yes", action="store_true", help="with --import: import without asking")
    p_list.add_argument(
        "--skip-unreadable",
        action="store_true",
        help="with --import --yes: import the rows that can be read, leave out the others",
    )


# ------------------------------------------------------------------------ comment


def _text(args: argparse.Namespace) -> str:
    """TEXT as given, or read from standard input for ``-``."""
    text: str = args.text or ""
    if text == "-":
        text = sys.stdin.read()
    return text.strip("\n")


def _name(args: argparse.Namespace) -> str:
    name = " ".join((args.by or "").split())
    if not name:
        raise UserError(f"{args.file}: say who writes it with --by NAME (the name is empty)")
    return name


def find_comment(session: Session, written: str) -> Comment:
    """The comment whose id is ``written`` or starts with it (UserError when none or
    several do)."""
    wanted = written.strip().casefold()
    exact = session.comment(wanted)
    if exact is not None:
        return exact
    found = [c for c in session.review.comments if wanted and c.id.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UserError(f"{session.path}: '{written}' starts the id of {len(found)} comments")
    raise UserError(
        f"{session.path}: no comment has the id '{written}' (imr comments {session.path} "
        "lists them)"
    )


def cmd_comment(args: argparse.Namespace) -> int:
    """``imr comment FILE (--on PLACE | --reply ID | --resolve ID | --reopen ID) ...``."""
    from imr_tui.cli.common import data_files, open_to_change
    from imr_tui.core.comment_places import PlaceError, describe_comment, find_place
    from imr_tui.core.model import Comment

    text = _text(args)
    by = _name(args) if args.reopen is None else ""
    if (args.on is not None or args.reply is not None) and not text.strip():
        raise UserError(f"{args.file}: the text is empty: give what the comment says")
    if args.reopen is not None and text.strip():
        raise UserError(f"{args.file}: --reopen takes no text (reply with --reply first)")
    catalogue = data_files(args).catalogue
    with open_to_change(args.file, catalogue) as session:
        review = session.review
        if args.on is not None:
            try:
                place = find_place(args.on, review, catalogue)
            except PlaceError as e:
                raise UserError(f"{args.file}: {e}") from None
            comment = session.add_comment(Comment(on=place.on, field=place.field, by=by, text=text))
            where = describe_comment(comment, review, catalogue)
            message = f"Comment {comment.id} added on {where}."
        else:
            comment = find_comment(session, args.reply or args.resolve or args.reopen)
            where = describe_comment(comment, review, catalogue)
            if args.reply is not None or text.strip():
                session.set_reply(comment.id, "", text, by)
            if args.reply is not None:
                message = f"Reply added to comment {comment.id} on {where}."
            elif args.resolve is not None:
                replied = " (with a reply)" if text.strip() else ""
                if not comment.is_open:
                    if not text.strip():
                        print(f"Comment {comment.id} on {where} is already resolved.")
                        return 0
                    replied = " before (a reply is added)"
                if comment.is_open:
                    session.resolve(comment.id, by)
                    message = f"Comment {comment.id} on {where} resolved by {by}{replied}."
                else:
                    message = f"Comment {comment.id} on {where} was resolved{replied}."
            else:
                if comment.is_open:
                    print(f"Comment {comment.id} on {where} is already open.")
                    return 0
                session.reopen(comment.id)
                message = f"Comment {comment.id} on {where} is open again."
        if not session.save():
            raise UserError(session.error)
    print(message)
    return 0


# ------------------------------------------------------------------------ comments


def cmd_comments(args: argparse.Namespace) -> int:
    """``imr comments FILE [filters] [--format csv]``, or ``--import CSV``."""
    from imr_tui.cli.comments_list import chosen, comment_block, count_line
    from imr_tui.cli.common import data_files
    from imr_tui.core.store import load

    if args.import_ is not None:
        from imr_tui.cli.comments_import import cmd_import

        return cmd_import(args)
    if args.output is not None and args.format != "csv":
        raise UserError(f"{args.output}: -o is for --format csv")
    catalogue = data_files(args).catalogue
    review = load(args.file, catalogue)
    comments = chosen(args, review, catalogue)
    if args.format == "csv":
        from imr_tui.cli.comments_import import write_csv

        return write_csv(args, comments, review, catalogue)
    if not comments:
        narrowed = args.open or args.resolved or args.by or args.section
        print(f"No comments in {args.file}{' match' if narrowed else ''}.")
        return 0
    for i, c in enumerate(comments):
        if i:
            print()
        print("\n".join(comment_block(c, review, catalogue)))
    print()
    print(count_line(comments))
    return 0
