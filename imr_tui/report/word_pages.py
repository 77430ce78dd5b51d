"""The Word export's pages: size and margins, header and footer, title block, properties.

From the report's :class:`~imr_tui.report.blocks.Masthead` every page carries, as a
board sends a report: a header with the protective marking (in bold, with the word for
a draft on a draft) over the agency and the review's name or reference (the template's
title when it has none); a footer with "Page X of Y" (Word's PAGE and NUMPAGES fields, counted when
the document is shown), the version of a final report or the word for a draft, the date
and the marking again. Every section (portrait and landscape) shows the same header and
footer: each section after the first is linked to the one before. Under the title, the
title block says the same facts. Without a masthead the pages have no header or footer.

The file's properties say only what is true: the title, no author, the time from
:mod:`imr_tui.core.clock`, and "imr-tui" as the program.
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any

from imr_tui.core import clock
from imr_tui.report import blocks as b
from imr_tui.report.word_text import clean, one_line

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.text.paragraph import Paragraph

APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>imr-tui</Application>'
    "<TitlesOfParts/><Company/><Manager/><Template/><HyperlinkBase/></Properties>"
)
"""docProps/app.xml as imr-tui writes it: no program, company, manager or template named."""
BETWEEN = " · "
"""Between the facts on the header, footer and title block's line."""
PAGE_OF = ("Page ", " of ")
"""The footer's words around the page number and the number of pages."""
VERSION = "Version {version}"
MARGIN_CM = {False: 2.54, True: 2.0}
"""Left and right margins of portrait and landscape pages (a landscape page holds the
chronology, which needs the width)."""
TOP_BOTTOM_CM = 2.0
FURNITURE_POINTS = 9
"""The header's and footer's text size."""
EDGE_CM = 1.0
"""The header's and footer's distance from the page's edge."""


def setup_page(section: Section, wide: bool) -> None:
    """An A4 page, turned sideways when ``wide``, with its margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    short, long = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if wide else (short, long)
    section.left_margin = section.right_margin = Cm(MARGIN_CM[wide])
    section.top_margin = section.bottom_margin = Cm(TOP_BOTTOM_CM)
    section.header_distance = section.footer_distance = Cm(EDGE_CM)


def honest_properties(doc: Document, title: str) -> None:
    """The file's properties: the title, no author, the clock's time, imr-tui as the program.

    python-docx's template names itself as author, claims "Microsoft Macintosh Word"
    and carries a picture of itself: none of it is true, and a picture cannot be
    searched.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    props = doc.core_properties
    props.title = clean(title)
    props.author = props.last_modified_by = props.comments = ""
    props.subject = props.keywords = props.category = ""
    props.created = props.modified = clock.now().astimezone(UTC)
    props.revision = 1
    package: Any = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode("utf-8")


def draft(masthead: b.Masthead) -> bool:
    """Whether the report is a draft (a final report has a version)."""
    return masthead.version is None


def header_lines(masthead: b.Masthead, title: str) -> tuple[str, str]:
    """The header's two lines: the marking (with the draft's word on a draft), then the
    agency and the review (the template's title when the review has no name)."""
    first = [masthead.marking]
    if draft(masthead):
        first.append(masthead.status)
    second = [shortened(masthead.agency), shortened(masthead.review or title)]

    def line(parts: list[str]) -> str:
        return BETWEEN.join(one_line(p) for p in parts if p.strip())

    return line(first), line(second)


HEADER_PART = 60
"""The most characters of the agency or the review's name a header shows (the title
block and the body give them whole): a header stays one line on a portrait page."""


def shortened(text: str, most: int = HEADER_PART) -> str:
    """``text`` on one line, cut at a word before ``most`` characters with ``…``."""
    text = one_line(text)
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    if " " in cut[most // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:·-–") + "…"


def edition_text(masthead: b.Masthead) -> str:
    """``Version 2`` for a final report, the word for a draft (``DRAFT``) otherwise."""
    if draft(masthead):
        return one_line(masthead.status)
    return VERSION.format(version=masthead.version)


def title_block(doc: Document, masthead: b.Masthead) -> None:
    """The lines under the title: status, version, date, marking, each labelled."""
    facts = [("Status", masthead.status)]
    if not draft(masthead):
        facts.append(("Version", str(masthead.version)))
    facts += [("Date", masthead.date), ("Protective marking", masthead.marking)]
    paragraph = doc.add_paragraph()
    shown = [(label, one_line(value)) for label, value in facts if value.strip()]
    for i, (label, value) in enumerate(shown):
        paragraph.add_run(f"{label}: ").bold = True
        run = paragraph.add_run(value)
        if i < len(shown) - 1:
            run.add_break()


def _field(paragraph: Paragraph, code: str, shown: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) with the value shown until it is updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        run: Any = paragraph.add_run()
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run._r.append(mark)

    char("begin")
    instruction: Any = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {code} "
    instruction._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _centred(paragraph: Paragraph) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def furnish(doc: Document, masthead: b.Masthead, title: str) -> None:
    """Header and footer on every page of every section (see the module's description)."""
    from docx.shared import Pt

    first = doc.sections[0]
    first.header.is_linked_to_previous = False
    first.footer.is_linked_to_previous = False
    marking, names = header_lines(masthead, title)
    head = _centred(first.header.paragraphs[0])
    head.add_run(marking).bold = True
    if names:
        head.add_run().add_break()
        head.add_run(names)
    foot = _centred(first.footer.paragraphs[0])
    foot.add_run(PAGE_OF[0])
    _field(foot, "PAGE", "1")
    foot.add_run(PAGE_OF[1])
    _field(foot, "NUMPAGES", "1")
    rest = [edition_text(masthead), one_line(masthead.date), one_line(masthead.marking)]
    foot.add_run("".join(BETWEEN + part for part in rest if part))
    for paragraph in (head, foot):
        for run in paragraph.runs:
            run.font.size = Pt(FURNITURE_POINTS)
    for section in list(doc.sections)[1:]:
        section.header.is_linked_to_previous = True
        section.footer.is_linked_to_previous = True
