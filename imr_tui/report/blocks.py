"""The report as blocks: what every renderer (Markdown, Word, the review screen) draws.

:mod:`imr_tui.report.walker` walks the template once and gives these blocks; each
renderer only decides how a block looks. Text in a block is as typed (never escaped):
a renderer escapes it for its own format. Text the author wrote is told apart from
the template's own wording (``authored``), so a transform such as the anonymiser
changes only the author's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True)
class Title:
    """The report's title."""

    text: str
    """The template's title."""


@dataclass(frozen=True)
class Edition:
    """Which edition of the report an export is: a draft, or a final version."""

    final: bool = False
    """A final report (``imr export --final``) rather than a draft."""
    version: int | None = None
    """The final report's version number (1, 2, ...); ``None`` for a draft."""
    on: date | None = None
    """The day the export was made (``None``: today, from :mod:`imr_tui.core.clock`)."""


@dataclass(frozen=True)
class Masthead:
    """What the report says of itself on every page: Word's header, footer and title
    block; a line under the title in Markdown."""

    agency: str
    """The agency's name as the author gave it (``""`` when not yet answered)."""
    review: str
    """The review's name or reference as the author gave it (``""`` when none)."""
    marking: str
    """The protective marking from the catalogue, such as ``OFFICIAL-SENSITIVE``."""
    status: str
    """The catalogue's word for a draft or a final report (``DRAFT``, ``FINAL``)."""
    version: int | None
    """A final report's version number; ``None`` for a draft."""
    date: str
    """The day of the export as shown (``30/11/2026``), ``""`` when not given."""


@dataclass(frozen=True)
class TimelinePoint:
    """One chronology entry on the timeline."""

    start: date
    """Its first day (a month- or year-only date: its first day)."""
    end: date
    """Its last day (``start`` for a single day; a period's end; a month-only date's last
    day)."""
    approximate: bool
    """Whether its date is uncertain or only a month or year (drawn as such)."""
    sure_start: date | None = None
    """The first day it certainly covers (the last day its start could be; ``None``:
    ``start``). See :mod:`imr_tui.core.contact_gaps`."""
    sure_end: date | None = None
    """The last day it certainly covers (the first day its end could be; ``None``:
    ``end``); before ``sure_start`` when no day is certain (a month- or year-only date),
    so it closes no gap."""
    no_contact: bool = False
    """Whether the entry records that there was no contact: not counted as a contact,
    drawn as a mark of its own, and it explains the gap next to it."""
    says_nothing: bool = False
    """Whether its event is empty: not counted as a contact, not drawn, and it explains
    no gap (the check reports it as incomplete)."""


@dataclass(frozen=True)
class TimelineLane:
    """One row of the timeline: a review's entries (one agency's, in a composite)."""

    label: str
    """The agency (``""`` for a single review's only lane)."""
    points: tuple[TimelinePoint, ...]
    """Its dated entries, in date order."""
    period: tuple[date | None, date | None] = (None, None)
    """This review's own review period (either end may be unknown): its gaps are counted
    within it."""


@dataclass(frozen=True)
class Timeline:
    """The chronology's timeline picture: contacts over the review period, gaps shaded.

    The block holds only the facts; each renderer draws it (Word an image, Markdown a
    reference to an image file written beside it, the screen a strip of months).
    """

    title: str
    """The picture's caption, also its text for those who cannot see it."""
    start: date
    """The first day drawn (the review period's start, or the first entry's)."""
    end: date
    """The last day drawn."""
    period: tuple[date | None, date | None]
    """The review period as set (either end may be unknown)."""
    lanes: tuple[TimelineLane, ...]
    """One lane per review (agency)."""
    gap_days: int
    """A time with no recorded contact longer than this many days is shaded as a gap."""


@dataclass(frozen=True)
class Section:
    """The start of a part of the report (one of the template's sections, or the glossary)."""

    title: str
    """The section's name, as problems found in it are reported."""
    heading: str
    """The heading the template gives it (empty: Markdown shows none, Word shows the title)."""
    landscape: bool = False
    """Whether its pages are turned sideways in Word (a chronology has many columns)."""


@dataclass(frozen=True)
class Heading:
    """A heading inside a section: a prompt, a Terms of Reference heading, an agency."""

    level: int
    """2 under a section, 3 under that."""
    text: str
    """The heading's words."""
    authored: bool = False
    """Whether the author wrote it (a Terms of Reference heading)."""


@dataclass(frozen=True)
class Paragraph:
    """Free text: one or more paragraphs (a blank line separates them)."""

    text: str
    """The text, never empty (an unanswered prompt is a :class:`Placeholder`)."""
    italic: bool = False
    """Guidance and notes are italic, on one line."""
    authored: bool = False
    """Whether the author wrote it (an answer) rather than the template (guidance)."""


@dataclass(frozen=True)
class Placeholder:
    """Where an answer is missing."""

    text: str
    """What is shown instead: the catalogue's placeholder, such as ``Not yet answered``."""
    step: str = ""
    """The id of the interview's step that answers it (see :mod:`imr_tui.core.steps`)."""


@dataclass(frozen=True)
class Labelled:
    """``Label: value``, such as ``Target date: 31/03/2026`` or a period of two dates."""

    label: str
    """The template's label."""
    values: tuple[str, ...]
    """The author's values; an empty one shows the placeholder."""
    placeholder: str
    """Shown for an empty value."""
    between: str = " to "
    """Between two values."""
    step: str = ""
    """The id of the interview's step that answers it, when an empty value shows the
    placeholder."""


@dataclass(frozen=True)
class NumberedList:
    """A label, then a numbered list of the author's items (the Terms of Reference headings)."""

    label: str
    """The template's label above the list."""
    items: tuple[str, ...]
    """The items, one line each, never empty."""


@dataclass(frozen=True)
class BulletList:
    """A list of the program's own sentences (the composite chronology's warnings)."""

    items: tuple[str, ...]
    """One line each."""


@dataclass(frozen=True)
class Table:
    """A table; the heading row is the template's, the cells mostly the author's."""

    kind: str
    """``details``, ``chronology``, ``glossary`` or ``agencies``."""
    header: tuple[str, ...]
    """Column headings."""
    rows: tuple[tuple[str, ...], ...]
    """Cells, row by row; an empty cell is empty unless its column shows the placeholder."""
    weights: tuple[float, ...]
    """Relative column widths on a page."""
    placeholder: str = ""
    """Shown in an empty cell of a column in ``placeholder_columns``."""
    placeholder_columns: frozenset[int] = frozenset()
    """Columns where an empty cell is an unanswered prompt."""
    authored_columns: frozenset[int] = frozenset()
    """Columns holding the author's text."""
    labels: bool = False
    """The first column labels each row: Word shows it bold, with no heading row (Markdown
    tables must have one)."""
    repeat_header: bool = False
    """Word repeats the heading row on every page."""
    steps: tuple[str, ...] = ()
    """For a table of answers (details, endorsement): the id of the interview's step that
    answers each row, in order (empty for other tables)."""


@dataclass(frozen=True)
class RecommendationItem:
    """One recommendation with its labelled fields."""

    heading: str
    """``Recommendation 1``."""
    text: str
    """The recommendation itself (empty shows the placeholder)."""
    fields: tuple[Labelled, ...]
    """Actions, lead, target date, resources, evidence."""


@dataclass(frozen=True)
class Recommendations:
    """An agency's recommendations: headed items in Markdown, a numbered list in Word."""

    level: int
    """The heading level of each item in Markdown."""
    items: tuple[RecommendationItem, ...]
    """At least one recommendation (none is a :class:`Placeholder`)."""
    placeholder: str
    """Shown for an empty recommendation."""
    step: str = ""
    """The id of the interview's step that asks for the recommendations."""


Block = (
    Title
    | Masthead
    | Section
    | Heading
    | Paragraph
    | Placeholder
    | Labelled
    | NumberedList
    | BulletList
    | Table
    | Recommendations
    | Timeline
)
"""Any block of the report."""

Transform = Callable[[str], str]
"""A change to a piece of text, such as the anonymiser's replacement of names."""


def _labelled(block: Labelled, change: Transform) -> Labelled:
    return replace(block, values=tuple(change(v) for v in block.values))


def map_authored(block: Block, change: Transform) -> Block:
    """The block with ``change`` applied to every piece of the author's text in it.

    The template's wording (titles, labels, guidance, column headings) is left alone.
    """
    match block:
        case Heading(authored=True) | Paragraph(authored=True):
            return replace(block, text=change(block.text))
        case Masthead():
            return replace(block, agency=change(block.agency), review=change(block.review))
        case Timeline():
            lanes = tuple(replace(lane, label=change(lane.label)) for lane in block.lanes)
            return replace(block, lanes=lanes)
        case Labelled():
            return _labelled(block, change)
        case NumberedList():
            return replace(block, items=tuple(change(t) for t in block.items))
        case Table():
            cols = block.authored_columns
            rows = tuple(
                tuple(change(c) if i in cols else c for i, c in enumerate(row))
                for row in block.rows
            )
            return replace(block, rows=rows)
        case Recommendations():
            items = tuple(
                replace(
                    item,
                    text=change(item.text),
                    fields=tuple(_labelled(f, change) for f in item.fields),
                )
                for item in block.items
            )
            return replace(block, items=items)
    return block


def texts(block: Block) -> Iterator[str]:
    """Every piece of text a reader sees in the block (placeholders included), in order."""
    match block:
        case Title() | Heading() | Paragraph() | Placeholder():
            yield block.text
        case Masthead():
            yield from (t for t in (block.agency, block.review, block.marking) if t)
            yield block.status
            if block.version is not None:
                yield str(block.version)
            if block.date:
                yield block.date
        case Timeline():
            yield block.title
            yield from (lane.label for lane in block.lanes if lane.label)
        case Section():
            if block.heading:  # Word also names a section without one by its title
                yield block.heading
        case Labelled():
            yield block.label
            for v in block.values:
                yield v or block.placeholder
        case NumberedList():
            yield block.label
            yield from block.items
        case BulletList():
            yield from block.items
        case Table():
            if not block.labels:  # a label table's heading row is only Markdown's need
                yield from block.header
            for row in block.rows:
                for i, cell in enumerate(row):
                    empty = not cell.strip() and i in block.placeholder_columns
                    yield block.placeholder if empty else cell
        case Recommendations():
            for item in block.items:
                yield item.heading
                yield item.text or block.placeholder
                for f in item.fields:
                    yield from texts(f)


def sections(blocks: Iterable[Block], opening: str = "the introduction") -> list[tuple[str, str]]:
    """The blocks' text split at each :class:`Section`: ``(section title, text)`` pairs."""
    parts: list[tuple[str, list[str]]] = [(opening, [])]
    for block in blocks:
        if isinstance(block, Section):
            parts.append((block.title, []))
        parts[-1][1].extend(texts(block))
    return [(title, "\n".join(found)) for title, found in parts]
