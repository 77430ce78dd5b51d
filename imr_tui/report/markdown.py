"""Markdown export that mirrors the IMR template, section by section.

The report's blocks (:func:`imr_tui.report.walker.walk`) drawn as Markdown: every piece
of text escaped (:mod:`imr_tui.report.md_escape`) so it comes out exactly as typed.
Drawn ``narrow`` (for a screen narrower than the chronology table needs), the
chronology is one block per entry instead of a table; the export keeps the table. The
masthead is one line under the title (status, version, date, marking, agency, review);
the timeline is a picture in a file beside the Markdown, drawn only when its name is
given.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from urllib.parse import quote

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.report import blocks as b
from imr_tui.report import md_escape as md
from imr_tui.report.timeline import month_strip
from imr_tui.report.walker import walk


def _placeholder(text: str) -> str:
    return f"*{md.inline(text)}*"


def _value(value: str, placeholder: str) -> str:
    return md.block(value) if value.strip() else _placeholder(placeholder)


def _labelled(block: b.Labelled) -> str:
    shown = block.between.join(_value(v, block.placeholder) for v in block.values)
    return f"**{md.inline(block.label)}:** {shown}"


def _heading(level: int, text: str) -> str:
    return f"{'#' * (level + 1)} {md.heading_text(text)}"


def _table(block: b.Table) -> str:
    head = [md.cell(h) for h in block.header]
    rows = [
        [
            _placeholder(block.placeholder)
            if i in block.placeholder_columns and not cell.strip()
            else md.cell(cell)
            for i, cell in enumerate(row)
        ]
        for row in block.rows
    ]
    return md.table(head, rows)


def _entries(block: b.Table) -> list[str]:
    """A chronology table as one block per entry: its date and time as a bold line, then
    ``Column: text`` for each column of the author's text that has any."""
    out = []
    for row in block.rows:
        when = " ".join(c for i, c in enumerate(row) if i not in block.authored_columns and c)
        parts = [f"**{md.inline(when)}**" if when.strip() else "**—**"]
        parts += [
            f"**{md.inline(block.header[i])}:** {md.block(cell)}"
            for i, cell in enumerate(row)
            if i in block.authored_columns and cell.strip()
        ]
        out.append("\n\n".join(parts))
    return out


def _recommendations(block: b.Recommendations) -> list[str]:
    out = []
    for item in block.items:
        out += [_heading(block.level, item.heading), _value(item.text, block.placeholder)]
        out += [_labelled(f) for f in item.fields]
    return out


MASTHEAD_SEPARATOR = " · "
VERSION = "Version {version}"


def masthead_line(block: b.Masthead) -> str:
    """The masthead as one line: ``**DRAFT** · 30/11/2026 · OFFICIAL-SENSITIVE · agency ·
    review`` (a final report's version after its status); empty parts left out."""
    parts = [f"**{md.heading_text(block.status)}**" if block.status.strip() else ""]
    if block.version is not None:
        parts.append(VERSION.format(version=block.version))
    parts += [md.heading_text(t) for t in (block.date, block.marking, block.agency, block.review)]
    return MASTHEAD_SEPARATOR.join(p for p in parts if p)


STRIP_WIDTH = 76
"""The widest the timeline's text strip is drawn (it fits an 80-column screen)."""


def _timeline(block: b.Timeline, timeline_file: str) -> list[str]:
    """The timeline picture and its caption when its file is named; else its caption and
    the same facts as text (contacts per month and the gaps, as the chronology screen
    shows them), so the review screen and an export without the picture still have it."""
    caption = md.heading_text(block.title)
    if timeline_file:
        return [f"![{caption}]({quote(timeline_file)})", f"*{caption}*"]
    return [f"*{caption}*", md.block(month_strip(block, STRIP_WIDTH))]


def render_block(block: b.Block, *, narrow: bool = False, timeline_file: str = "") -> list[str]:
    """One block as Markdown, in parts to be separated by blank lines (``narrow``: the
    chronology one block per entry; ``timeline_file``: the timeline picture's file name,
    relative to the Markdown file)."""
    match block:
        case b.Title():
            return [_heading(0, block.text)]
        case b.Section():
            return [_heading(1, block.heading)] if block.heading else []
        case b.Heading():
            return [_heading(block.level, block.text)]
        case b.Paragraph(italic=True):
            return [f"*{md.heading_text(block.text)}*"]
        case b.Paragraph():
            return [md.block(block.text)]
        case b.Placeholder():
            return [_placeholder(block.text)]
        case b.Labelled():
            return [_labelled(block)]
        case b.NumberedList():
            items = "\n".join(f"{i}. {md.line(t)}" for i, t in enumerate(block.items, 1))
            return [f"**{md.inline(block.label)}:**\n\n{items}"]
        case b.BulletList():
            return ["\n".join(f"- {md.line(t)}" for t in block.items)]
        case b.Table(kind="chronology") if narrow:
            return _entries(block)
        case b.Table():
            return [_table(block)]
        case b.Recommendations():
            return _recommendations(block)
        case b.Masthead():
            line = masthead_line(block)
            return [line] if line else []
        case b.Timeline():
            return _timeline(block, timeline_file)


def render_markdown(
    blocks: Iterable[b.Block], *, narrow: bool = False, timeline_file: str = ""
) -> str:
    """Blocks as one Markdown document (``narrow``: for a screen too narrow for the
    chronology table, which becomes one block per entry; ``timeline_file``: the file
    name of the timeline picture beside the Markdown, drawn as an image with its caption;
    without it the timeline is drawn as text)."""
    parts = (
        part
        for block in blocks
        for part in render_block(block, narrow=narrow, timeline_file=timeline_file)
    )
    return "\n\n".join(parts) + "\n"


def to_markdown(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    *,
    age_at: date | None = None,
    narrow: bool = False,
    edition: b.Edition | None = None,
    timeline_file: str = "",
) -> str:
    """The whole review as Markdown, mirroring the template's headings and order.

    Given the glossary, a review that keeps abbreviations (accepted by the author)
    ends with a glossary of those it uses, as boards require. Given ``age_at``, the
    details show each adult's age on that day instead of the date of birth. ``narrow``
    is for the screen only: the chronology as one block per entry. ``edition``: draft or
    final, and the version (``None``: a draft dated today). ``timeline_file``: as for
    :func:`render_markdown`.
    """
    blocks = walk(review, catalogue, glossary, age_at=age_at, edition=edition)
    return render_markdown(blocks, narrow=narrow, timeline_file=timeline_file)
