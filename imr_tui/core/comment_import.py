"""A panel's spreadsheet of comments read into comments: preview first, then apply.

Panels circulate their questions as a spreadsheet saved as CSV or TSV: one row a
comment, with where it is (``Place``, ``Where``, ``Prompt`` or ``Entry``), what it
says (``Comment``, ``Question`` or ``Text``) and who asks (``By``, ``From`` or
``Author``); optionally the ``Field`` of the entry or recommendation and the ``Date``.
Headings are also matched by their words (``Where in the report``, ``Panel question``,
``Raised by``, ``Date raised``: :mod:`imr_tui.core.comment_headings`).
The file is read as a chronology spreadsheet is (any encoding, delimiter and byte
order mark :func:`imr_tui.chronology.table.read_table` reads) and under the same rule:
no cell with text is ever dropped. A column that is none of these is added to each
comment's text, labelled with its heading (``Priority: high``); a row that cannot be
read (its place names nothing, it has no text, more cells than headings) is listed
with its row number and why, and so is a place written with the entry's date
(``Chronology entry 3 (27/02/2025)``) when entry 3 now has another date. A row already in
the review (the same text by the same name, on any place, or the ``Id`` of a comment the
review holds) is never added twice.

:func:`preview` changes nothing; :func:`apply` adds the new comments to a session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from imr_tui.chronology.column_names import column_label, column_name
from imr_tui.chronology.csvout import unprotect
from imr_tui.chronology.rows import SEPARATORS, Duplicate, Problem
from imr_tui.chronology.table import Table, parse_table, read_table
from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_headings import HEADINGS, match_columns
from imr_tui.core.comment_places import Place, PlaceError, fields_of, find_place
from imr_tui.core.dates import DateError, parse_cell_date, parse_time
from imr_tui.core.errors import UserError
from imr_tui.core.model import Comment, Review
from imr_tui.core.session import Session

REQUIRED = ("place", "text")
HEADER_SEARCH = 10
"""How many rows from the top may hold titles above the headings."""

Key = tuple[str, str, str, str]


@dataclass
class CommentImport:
    """What importing a spreadsheet of comments would do; nothing is changed until
    :func:`apply`."""

    table: Table
    """The spreadsheet as read."""
    columns: dict[str, int]
    """The column of each known kind (``place``, ``text``, ``by``, ``field``, ``date``, ``id``)."""
    labelled: list[int] = field(default_factory=list)
    """Columns whose text is added to the comment's, labelled with the heading."""
    comments: list[Comment] = field(default_factory=list)
    """The new comments, in the spreadsheet's order."""
    rows: list[int] = field(default_factory=list)
    """The spreadsheet row of each new comment."""
    problems: list[Problem] = field(default_factory=list)
    """Rows that cannot be read, with why; they are not imported."""
    duplicates: list[Duplicate] = field(default_factory=list)
    """Rows already in the review or repeating an earlier row; not imported."""
    notes: list[str] = field(default_factory=list)
    """Things the reader should know (the encoding, title rows, the name given)."""


def _with_headings(table: Table) -> Table:
    """The table with its headings on the first of the top rows naming a place and a
    text column (rows above are a title); as read when none does."""
    first, _ = match_columns(table.headers)
    if all(k in first for k in REQUIRED):
        return table
    for n, row in enumerate(table.rows[: HEADER_SEARCH - 1]):
        found, _ = match_columns(tuple(c.strip() for c in row.cells))
        if all(k in found for k in REQUIRED):
            word = "row" if n == 0 else "rows"
            above = f"{table.header_row}" if n == 0 else f"{table.header_row} to {row.number - 1}"
            note = (
                f"The headings are on row {row.number}; {word} {above} above them "
                f"{'is' if n == 0 else 'are'} a title, not imported."
            )
            return Table(
                table.name,
                tuple(c.strip() for c in row.cells),
                row.number,
                table.rows[n + 1 :],
                table.delimiter,
                table.encoding,
                (*table.notes, note),
            )
    return table


def read_comments_table(path: Path) -> Table:
    """Read a spreadsheet of comments (CSV or TSV, any encoding the chronology import
    reads); :class:`UserError` naming the file and line when it cannot be read."""
    return _with_headings(read_table(path))


def comments_table(text: str, name: str) -> Table:
    """Read a spreadsheet of comments from text (see :func:`read_comments_table`)."""
    return _with_headings(parse_table(text, name))


def _clean(cell: str) -> str:
    text = unprotect(cell.strip()).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def read_place(written: str, review: Review, catalogue: Catalogue) -> Place:
    """A place as a panel writes it, or as ``imr comments --format csv`` writes it
    (``Chronology entry 3 (11/03/2025)``: the date is checked against entry 3 now;
    ``Terms of Reference heading 2 (“wording”)``): :func:`find_place`, which
    raises :class:`PlaceError`."""
    return find_place(written, review, catalogue)


def with_field(place: Place, written: str, catalogue: Catalogue) -> Place:
    """``place`` with the field written in a ``Field`` column (its id or name); raises
    :class:`PlaceError` when it is not a field of that place."""
    wanted = _one_line(written.replace("_", " ")).casefold()
    if not wanted:
        return place
    fields = fields_of(place.kind, catalogue)
    what = "an entry" if place.kind == "entry" else f"a {place.kind}"
    if not fields:
        raise PlaceError(f"{what} has no fields, so the field '{written}' names nothing")
    for ident, title in fields.items():
        if wanted in (ident.replace("_", " ").casefold(), _one_line(title).casefold()):
            if place.field and place.field != ident:
                raise PlaceError(
                    f"the place names the field '{fields[place.field]}' and the field "
                    f"column '{written}'"
                )
            return Place(place.kind, place.ident, ident)
    raise PlaceError(f"'{written}' is not a field of {what}: use one of {', '.join(fields)}")


def _when(written: str) -> datetime:
    """A date (and time) cell as the comment's time; :class:`DateError` when unreadable."""
    read = parse_cell_date(written)
    if read.date.approximate:
        raise DateError(f"'{written}' is not an exact date")
    hours = parse_time(read.time) if read.time else "00:00"
    at = time.fromisoformat(hours)
    return datetime.combine(date.fromisoformat(read.date.iso), at, tzinfo=clock.now().tzinfo)


def said_key(comment: Comment) -> tuple[str, str]:
    """What a person said, wherever it is: the name and text (spacing and capitals aside
    in the name, spacing aside in the text). A row saying what a comment of the review
    says is that comment, even on another place (the entries were renumbered since)."""
    return (_one_line(comment.by).casefold(), _one_line(comment.text))


def comment_key(comment: Comment) -> Key:
    """What makes two comments the same: place, field, name and text (spacing and
    capitals aside in the name, spacing aside in the text)."""
    return (comment.on, comment.field, _one_line(comment.by).casefold(), _one_line(comment.text))


def _text(
    cells: list[str], columns: dict[str, int], labelled: list[int], headers: tuple[str, ...]
) -> str:
    parts = [_clean(cells[columns["text"]])]
    for i in labelled:
        if text := _clean(cells[i]):
            parts.append(f"{column_label(headers, i)}: {text}")
    return "\n".join(p for p in parts if p)


def preview(table: Table, review: Review, catalogue: Catalogue, by: str = "") -> CommentImport:
    """Read every row of ``table`` as a comment; change nothing. ``by`` is the name of
    rows without one. Raises :class:`UserError` when no column holds the place or the
    text, or no name is given for rows without one."""
    columns, labelled = match_columns(table.headers)
    listed = ", ".join(column_name(table.headers, i) for i in range(len(table.headers)))
    for kind, what in (("place", "where each comment is"), ("text", "the comments' text")):
        if kind not in columns:
            names = "/".join(HEADINGS[kind][:4])
            raise UserError(
                f"{table.name}: no column holds {what}: head it {names} (its columns are {listed})"
            )
    by = _one_line(by)
    if "by" not in columns and not by:
        raise UserError(
            f"{table.name}: no column says who wrote each comment (By, From or Author): "
            "give the name with --by NAME"
        )
    out = CommentImport(table, columns, labelled, notes=list(table.notes))
    if "by" not in columns:
        out.notes.append(f"No column says who wrote each comment: each is by {by}, as --by says.")
    width = len(table.headers)
    known = {said_key(c): c for c in review.comments}
    ids = {c.id for c in review.comments}
    seen: dict[Key, int] = {}
    for row in table.rows:
        cells = list(row.cells)
        if [c for c in cells[width:] if c.strip()]:
            separator = SEPARATORS.get(table.delimiter, repr(table.delimiter))
            message = (
                f"it has {len(cells)} cells but there are {width} headings: a {separator} "
                "inside a cell that is not in quotes splits it in two"
            )
            out.problems.append(Problem(row.number, message))
            continue
        cells += [""] * (width - len(cells))
        ident = _clean(cells[columns["id"]]) if "id" in columns else ""
        if ident and ident in ids:
            out.duplicates.append(Duplicate(row.number, f"comment {ident}"))
            continue
        # An id that is not a comment of this review is kept in the text, labelled.
        labelled_here = sorted([*labelled, columns["id"]]) if ident else labelled
        # What it says, by whom, already in the review (on any place: the entries may
        # have been renumbered, or the place deleted, since) is that comment.
        name = _one_line(_clean(cells[columns["by"]])) if "by" in columns else ""
        said = (
            (name or by).casefold(),
            _one_line(_text(cells, columns, labelled_here, table.headers)),
        )
        if said in known:
            out.duplicates.append(Duplicate(row.number, f"comment {known[said].id}"))
            continue
        problem, comment = _comment(cells, out, labelled_here, review, catalogue, by)
        if problem:
            out.problems.append(Problem(row.number, problem))
            continue
        assert comment is not None
        key = comment_key(comment)
        if key in seen:
            out.duplicates.append(Duplicate(row.number, f"row {seen[key]}"))
        else:
            seen[key] = row.number
            out.comments.append(comment)
            out.rows.append(row.number)
    return out


def _comment(
    cells: list[str],
    out: CommentImport,
    labelled: list[int],
    review: Review,
    catalogue: Catalogue,
    by: str,
) -> tuple[str, Comment | None]:
    """One row as a comment, or why it cannot be read."""
    columns, headers = out.columns, out.table.headers
    written = _clean(cells[columns["place"]])
    if not written:
        return "it has no place: say where the comment is in the place column", None
    text = _text(cells, columns, labelled, headers)
    if not _clean(cells[columns["text"]]):
        return "it has no comment text", None
    try:
        place = read_place(written, review, catalogue)
        if "field" in columns:
            place = with_field(place, _clean(cells[columns["field"]]), catalogue)
    except PlaceError as e:
        return str(e), None
    name = _one_line(_clean(cells[columns["by"]])) if "by" in columns else ""
    if not name and not by:
        return "it has no name in the by column: give one, or --by NAME for such rows", None
    at = clock.now()
    if "date" in columns and (when := _clean(cells[columns["date"]])):
        try:
            at = _when(when)
        except DateError as e:
            return f"the date {e}", None
    comment = Comment(on=place.on, field=place.field, by=name or by, at=at, text=text)
    return "", comment


def apply(found: CommentImport, session: Session) -> int:
    """Add the preview's new comments to the session's review, after its own; returns how
    many were added (those the review has gained since the preview are not added twice)."""
    if session.read_only:
        raise UserError(f"{session.path}: is open read-only here, so nothing was imported")
    present = {said_key(c) for c in session.review.comments}
    added = 0
    for comment in found.comments:
        # Rows of the sheet saying the same on two places were both previewed as new.
        if said_key(comment) not in present:
            session.add_comment(comment.model_copy(deep=True))
            added += 1
    return added
