"""Word export: the same report as the Markdown export, as a ``.docx`` document.

It draws the same blocks as the Markdown export (:func:`imr_tui.report.walker.walk`),
with the same headings in the same order: the title with its title block (status,
version, date, protective marking), a Heading 1 per section that has a heading (a
section without one, such as the details, has none, as in Markdown), a Heading 2 per
prompt or Terms of Reference heading, the details and the endorsement as two-column
tables, the chronology on landscape pages as a compact table sized to its content
(:mod:`imr_tui.report.word_tables`), its timeline as a picture, the Terms of Reference
headings as a numbered list, each recommendation under its own heading followed by its
labelled fields, the glossary, and "Not yet answered" wherever an answer is missing.
Every page has the header and footer of :mod:`imr_tui.report.word_pages`. The pages are
A4. Only Word's built-in styles are used, so a board can restyle it in its own template.

python-docx is an optional extra (``pip install 'imr-tui[docx]'``) and is imported only
by the Word modules, only when a Word export is asked for.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.report import blocks as b
from imr_tui.report.walker import walk
from imr_tui.report.word_pages import APP_XML as APP_XML
from imr_tui.report.word_pages import furnish, honest_properties, setup_page, title_block
from imr_tui.report.word_picture import timeline
from imr_tui.report.word_tables import TableWriter
from imr_tui.report.word_text import clean as clean
from imr_tui.report.word_text import one_line, placeholder
from imr_tui.report.word_text import paragraphs as paragraphs

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

MISSING = "Word export needs the docx extra: pip install 'imr-tui[docx]'"
LIST_STYLE = "List Number"
BULLET_STYLE = "List Bullet"


def require_docx() -> None:
    """Raise :class:`UserError` (one plain line) when python-docx is not installed."""
    try:
        import docx  # noqa: F401
    except ImportError:
        raise UserError(MISSING) from None


class _Writer:
    """Builds the document, one block at a time."""

    def __init__(self, title: str) -> None:
        import docx

        self.doc: Document = docx.Document()
        self.title = title
        self.tables = TableWriter(self.doc)
        self.masthead: b.Masthead | None = None

    # ---------------------------------------------------------------- pieces
    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(one_line(text), level=level)

    def text(self, value: str, *, italic: bool = False) -> None:
        """Free text as paragraphs."""
        for para in paragraphs(value):
            self.doc.add_paragraph().add_run(para).italic = italic

    def labelled(self, block: b.Labelled) -> None:
        """``Label: value`` with the label in bold (the placeholder for an empty value)."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{clean(block.label)}: ").bold = True
        for i, value in enumerate(block.values):
            if i:
                paragraph.add_run(block.between)
            shown = "\n\n".join(paragraphs(value))
            if shown:
                paragraph.add_run(shown)
            else:
                placeholder(paragraph, block.placeholder)

    def landscape(self, wide: bool) -> None:
        """Start a new page turned the other way when the orientation must change."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        current = self.doc.sections[-1]
        if (current.orientation == WD_ORIENT.LANDSCAPE) == wide:
            return
        setup_page(self.doc.add_section(WD_SECTION.NEW_PAGE), wide)

    def new_list(self) -> int:
        """A fresh numbering for a ``List Number`` list, starting at 1."""
        numbering: Any = self.doc.part.numbering_part.element
        style: Any = self.doc.styles[LIST_STYLE].element
        abstract = numbering.num_having_numId(style.pPr.numPr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)

    def list_item(self, num_id: int) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=LIST_STYLE)
        num_pr: Any = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
        return paragraph

    # ---------------------------------------------------------------- blocks
    def numbered(self, block: b.NumberedList) -> None:
        self.doc.add_paragraph().add_run(f"{clean(block.label)}:").bold = True
        num_id = self.new_list()
        for item in block.items:
            self.list_item(num_id).add_run(one_line(item))

    def recommendations(self, block: b.Recommendations) -> None:
        """Each recommendation under its own heading, then its text and labelled fields."""
        for rec in block.items:
            self.heading(rec.heading, block.level)
            if paragraphs(rec.text):
                self.text(rec.text)
            else:
                placeholder(self.doc.add_paragraph(), block.placeholder)
            for field in rec.fields:
                self.labelled(field)

    def add(self, block: b.Block) -> None:
        """Draw one block at the end of the document."""
        match block:
            case b.Title():
                self.heading(block.text, 0)
            case b.Masthead():
                self.masthead = block
                title_block(self.doc, block)
            case b.Section():
                self.landscape(block.landscape)
                if block.heading.strip():
                    self.heading(block.heading, 1)
            case b.Heading():
                self.heading(block.text, block.level)
            case b.Paragraph():
                self.text(block.text, italic=block.italic)
            case b.Placeholder():
                placeholder(self.doc.add_paragraph(), block.text)
            case b.Labelled():
                self.labelled(block)
            case b.NumberedList():
                self.numbered(block)
            case b.BulletList():
                for item in block.items:
                    self.doc.add_paragraph(one_line(item), style=BULLET_STYLE)
            case b.Table():
                self.tables.table(block)
            case b.Recommendations():
                self.recommendations(block)
            case b.Timeline():
                timeline(self.doc, block)

    def build(self, blocks: Iterable[b.Block]) -> Document:
        honest_properties(self.doc, self.title)
        setup_page(self.doc.sections[0], False)  # A4, as English boards print
        for block in blocks:
            self.add(block)
        if self.masthead is not None:
            furnish(self.doc, self.masthead, self.title)
        return self.doc


def render_document(blocks: Iterable[b.Block], title: str) -> Document:
    """Blocks as a python-docx document whose properties give ``title`` (also the
    header's name for the review when the masthead has none)."""
    require_docx()
    return _Writer(title).build(blocks)


def to_document(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    *,
    age_at: date | None = None,
    edition: b.Edition | None = None,
) -> Document:
    """The review as a python-docx document (see the module's description); ``edition``
    says draft or final (``None``: a draft dated today)."""
    require_docx()
    blocks = walk(review, catalogue, glossary, age_at=age_at, edition=edition)
    return render_document(blocks, catalogue.title)


def to_bytes(document: Document) -> bytes:
    """The document as the bytes of a ``.docx`` file."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_docx(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    *,
    age_at: date | None = None,
    edition: b.Edition | None = None,
) -> bytes:
    """The review as the bytes of a ``.docx`` file."""
    return to_bytes(to_document(review, catalogue, glossary, age_at=age_at, edition=edition))
