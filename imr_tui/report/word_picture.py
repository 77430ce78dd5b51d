"""The chronology's timeline as a picture in the Word export.

The picture (:func:`imr_tui.report.timeline_picture.timeline_png`, drawn with the
optional ``timeline`` extra) fits the page's width and height, its caption under it (on
the same page) and as its alternative text for those who cannot see it. Without the
extra, an italic line says how to add it; the rest of the report is unchanged.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from imr_tui.core.errors import UserError
from imr_tui.report import blocks as b
from imr_tui.report.word_tables import usable_width
from imr_tui.report.word_text import clean, one_line, placeholder

if TYPE_CHECKING:
    from docx.document import Document

CAPTION_STYLE = "Caption"
SPACE_POINTS = 6
"""Space above the picture, in points."""
HEIGHT_SHARE = 0.8
"""The most of a page's height (between its margins) the picture may take."""


def timeline(doc: Document, block: b.Timeline) -> None:
    """The timeline picture with its caption, or an italic line when it cannot be drawn."""
    from docx.shared import Pt

    from imr_tui.report.timeline_picture import timeline_png

    try:
        png = timeline_png(block)
    except UserError as error:
        placeholder(doc.add_paragraph(), str(error))
        return
    section = doc.sections[-1]
    width = usable_width(section)
    room = int(section.page_height or 0) - int(section.top_margin or 0)
    room = int((room - int(section.bottom_margin or 0)) * HEIGHT_SHARE)
    shape: Any = doc.add_picture(io.BytesIO(png), width=width)
    if room > 0 and int(shape.height) > room:
        shape.width = int(shape.width * room / int(shape.height))
        shape.height = room
    form = doc.paragraphs[-1].paragraph_format
    form.keep_with_next = True  # the caption goes with it
    form.space_before = Pt(SPACE_POINTS)  # clear of a table above it
    described = one_line(block.title)
    shape._inline.docPr.set("descr", described)
    shape._inline.docPr.set("title", described)
    doc.add_paragraph(clean(block.title), style=CAPTION_STYLE)
