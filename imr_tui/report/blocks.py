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


@dataclass(frozen=True)
class Title:
    """The report's title."""

    text: str
    """The template's title."""


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


Block = (
    Title
    | Section
    | Heading
    | Paragraph
    | Placeholder
    | Labelled
    | NumberedList
    | BulletList
    | Table
    | Recommendations
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
