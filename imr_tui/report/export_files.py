"""Every file an export writes, built in memory: the one place a report becomes bytes.

``imr export``, the interview's export and plain mode's export all write what
:func:`export_files` returns, and a final report's private copy is made from the same
bytes, so what is kept is exactly what was written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from imr_tui.checks import Glossary
from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.report import blocks as b
from imr_tui.report.markdown import render_markdown
from imr_tui.report.walker import walk

FORMATS = ("md", "docx")
TIMELINE_SUFFIX = ".timeline.png"
"""Ends the name of a Markdown export's timeline picture, written beside it."""


def edition_for(version: int | None, on: date | None = None) -> b.Edition:
    """A final report's edition given its version, else a draft's; dated ``on`` (today)."""
    day = on or clock.today()
    return b.Edition(final=True, version=version, on=day) if version else b.Edition(on=day)


def timeline_path(out: Path) -> Path:
    """Where a Markdown export's timeline picture goes: ``<stem>.timeline.png`` beside it."""
    return out.with_name(out.stem + TIMELINE_SUFFIX)


def report_blocks(
    review: Review, catalogue: Catalogue, glossary: Glossary | None, edition: b.Edition
) -> list[b.Block]:
    """The report's blocks for ``edition`` (the walker's)."""
    return walk(review, catalogue, glossary, edition=edition)


def _timeline_picture(block: b.Timeline) -> bytes | None:
    """The timeline as a PNG, or ``None`` when the optional extra is not installed."""
    from imr_tui.report.timeline_picture import timeline_available, timeline_png

    return timeline_png(block) if timeline_available() else None


def _markdown(blocks: list[b.Block], picture: str) -> str:
    """The Markdown, referring to the timeline picture ``picture`` when given."""
    return render_markdown(blocks, timeline_file=picture)


def render_files(blocks: list[b.Block], title: str, fmt: str, out: Path) -> dict[Path, bytes]:
    """Every file of an export of ``blocks`` to ``out``, the report first (see
    :func:`export_files`)."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format '{fmt}': choose md or docx")
    if fmt == "docx":
        from imr_tui.report.word import render_document, require_docx, to_bytes

        require_docx()
        return {out: to_bytes(render_document(blocks, title))}
    timeline = next((block for block in blocks if isinstance(block, b.Timeline)), None)
    picture = _timeline_picture(timeline) if timeline is not None else None
    if picture is None:
        return {out: _markdown(blocks, "").encode("utf-8")}
    png = timeline_path(out)
    return {out: _markdown(blocks, png.name).encode("utf-8"), png: picture}


def export_files(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None,
    fmt: str,
    out: Path,
    edition: b.Edition,
) -> dict[Path, bytes]:
    """Every file an export of the review writes, with its bytes, the report first.

    ``fmt`` ``docx``: the Word document (its timeline drawn inside it). ``md``: the
    Markdown, and, when the report has a timeline and the optional ``timeline`` extra
    is installed, its picture ``<stem>.timeline.png`` beside it (the Markdown refers to
    it by that name). Nothing is written here.
    """
    blocks = report_blocks(review, catalogue, glossary, edition)
    return render_files(blocks, catalogue.title, fmt, out)
