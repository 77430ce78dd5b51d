"""Word export: the same report as the Markdown export, as a ``.docx`` document.

It draws the same blocks as the Markdown export (:func:`imr_tui.report.walker.walk`):
the title and introduction, a Heading 1 per section and a Heading 2 per prompt or Terms
of Reference heading, the details and the endorsement as two-column tables, the
chronology as a table with the catalogue's column headings on landscape pages (its
heading row repeated on every page), the Terms of Reference headings and the
recommendations as numbered lists (each recommendation with its actions, lead, target
date, resources and evidence), the glossary of accepted abbreviations, and "Not yet
answered" wherever an answer is missing. The pages are A4. Only Word's built-in styles
are used, so a board can restyle it in its own template.

python-docx is an optional extra (``pip install 'imr-tui[docx]'``) and is imported only
by this module, only when a Word export is asked for.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date
from typing import TYPE_CHECKING, Any

from imr_tui.checks import Glossary
from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.report import blocks as b
from imr_tui.report.md_escape import normalise_newlines
from imr_tui.report.walker import walk

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

MISSING = "Word export needs the docx extra: pip install 'imr-tui[docx]'"
TABLE_STYLE = "Table Grid"
LIST_STYLE = "List Number"
BULLET_STYLE = "List Bullet"
CONTINUE_STYLE = "List Continue"
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>imr-tui</Application>'
    "<TitlesOfParts/><Company/><Manager/><Template/><HyperlinkBase/></Properties>"
)
"""docProps/app.xml as imr-tui writes it: no program, company, manager or template named."""

# Characters XML 1.0 cannot hold (a Word file is XML): control characters other than
# tab and line feed, and the two non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def require_docx() -> None:
    """Raise :class:`UserError` (one plain line) when python-docx is not installed."""
    try:
        import docx  # noqa: F401
    except ImportError:
        raise UserError(MISSING) from None


def clean(text: str) -> str:
    """Text as Word can hold it: one kind of line break, no control characters."""
    return _NOT_XML.sub("", normalise_newlines(text))


def paragraphs(text: str) -> list[str]:
    """Free text split at blank lines; single line breaks stay within a paragraph."""
    out = []
    for para in _PARAGRAPHS.split(clean(text).strip()):
        lines = [line.rstrip() for line in para.split("\n") if line.strip()]
        if lines:
            out.append("\n".join(lines))
    return out


class _Writer:
    """Builds the document, one block at a time."""

    def __init__(self) -> None:
        import docx

        self.doc: Document = docx.Document()

    def neutral_package(self) -> None:
        """Extended properties that say only imr-tui; no template thumbnail.

        python-docx's template claims "Microsoft Macintosh Word" and carries a picture of
        itself: neither says anything true, and a picture cannot be searched.
        """
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        package: Any = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rel_id]
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = APP_XML.encode("utf-8")

    # ---------------------------------------------------------------- pieces
    def placeholder(self, paragraph: Paragraph, text: str) -> None:
        paragraph.add_run(clean(text)).italic = True

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(" ".join(clean(text).split()), level=level)

    def text(self, value: str, *, italic: bool = False) -> None:
        """Free text as paragraphs."""
        for para in paragraphs(value):
            self.doc.add_paragraph().add_run(para).italic = italic

    def labelled(self, block: b.Labelled, style: str | None = None) -> None:
        """``Label: value`` with the label in bold (the placeholder for an empty value)."""
        paragraph = self.doc.add_paragraph(style=style)
        paragraph.add_run(f"{clean(block.label)}: ").bold = True
        for i, value in enumerate(block.values):
            if i:
                paragraph.add_run(block.between)
            shown = "\n\n".join(paragraphs(value))
            if shown:
                paragraph.add_run(shown)
            else:
                self.placeholder(paragraph, block.placeholder)

    def cell(self, cell: Any, value: str, *, bold: bool = False, placeholder: str = "") -> None:
        text = "\n\n".join(paragraphs(value))
        paragraph = cell.paragraphs[0]
        if text:
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
        elif placeholder:
            self.placeholder(paragraph, placeholder)

    def new_table(self, weights: tuple[float, ...]) -> Any:
        """An empty bordered table whose columns share the page width by ``weights``.

        Typed loosely: python-docx leaves ``add_row`` untyped.
        """
        from docx.shared import Emu

        table: Any = self.doc.add_table(rows=0, cols=len(weights))
        table.style = self.doc.styles[TABLE_STYLE]
        table.autofit = False
        page = self.doc.sections[-1]
        usable = (
            int(page.page_width or 0) - int(page.left_margin or 0) - int(page.right_margin or 0)
        )
        if usable > 0:
            for column, weight in zip(table.columns, weights, strict=True):
                column.width = Emu(int(usable * weight / sum(weights)))  # rows copy it
        return table

    def landscape(self, wide: bool) -> None:
        """Start a new page turned the other way when the orientation must change."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        current = self.doc.sections[-1]
        if (current.orientation == WD_ORIENT.LANDSCAPE) == wide:
            return
        width, height = current.page_width, current.page_height
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = height, width

    def rows(self, table: Any, count: int) -> Iterator[Any]:
        """``count`` new empty rows, each as its cells (copies of one row: quick for 5,000)."""
        from docx.table import _Cell

        if count <= 0:
            return
        blank = table.add_row()._tr
        template = copy.deepcopy(blank)
        for i in range(count):
            tr = blank if i == 0 else copy.deepcopy(template)
            if i:
                table._tbl.append(tr)
            yield [_Cell(tc, table) for tc in tr.tc_lst]

    def header_row(self, table: Any, titles: tuple[str, ...], repeat: bool) -> None:
        """A bold heading row; Word repeats it at the top of every page if ``repeat``."""
        from docx.oxml import OxmlElement

        row = table.add_row()
        for cell, title in zip(row.cells, titles, strict=True):
            self.cell(cell, title, bold=True)
        if repeat:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

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
    def table(self, block: b.Table) -> None:
        table = self.new_table(block.weights)
        if not block.labels:
            self.header_row(table, block.header, block.repeat_header)
        for row, cells in zip(block.rows, self.rows(table, len(block.rows)), strict=True):
            for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
                shown = block.placeholder if i in block.placeholder_columns else ""
                self.cell(cell, value, bold=block.labels and i == 0, placeholder=shown)

    def numbered(self, block: b.NumberedList) -> None:
        self.doc.add_paragraph().add_run(f"{clean(block.label)}:").bold = True
        num_id = self.new_list()
        for item in block.items:
            self.list_item(num_id).add_run(" ".join(clean(item).split()))

    def recommendations(self, block: b.Recommendations) -> None:
        num_id = self.new_list()
        for rec in block.items:
            item = self.list_item(num_id)
            text = "\n\n".join(paragraphs(rec.text))
            if text:
                item.add_run(text)
            else:
                self.placeholder(item, block.placeholder)
            for field in rec.fields:
                self.labelled(field, CONTINUE_STYLE)

    def add(self, block: b.Block) -> None:
        """Draw one block at the end of the document."""
        match block:
            case b.Title():
                self.heading(block.text, 0)
            case b.Section():
                self.landscape(block.landscape)
                self.heading(block.heading or block.title, 1)
            case b.Heading():
                self.heading(block.text, block.level)
            case b.Paragraph():
                self.text(block.text, italic=block.italic)
            case b.Placeholder():
                self.placeholder(self.doc.add_paragraph(), block.text)
            case b.Labelled():
                self.labelled(block)
            case b.NumberedList():
                self.numbered(block)
            case b.BulletList():
                for item in block.items:
                    self.doc.add_paragraph(" ".join(clean(item).split()), style=BULLET_STYLE)
            case b.Table():
                self.table(block)
            case b.Recommendations():
                self.recommendations(block)

    def build(self, title: str, blocks: Iterable[b.Block]) -> Document:
        from docx.shared import Cm

        props = self.doc.core_properties  # python-docx's template names itself: say nothing
        props.title = clean(title)
        props.author = props.last_modified_by = props.comments = ""
        props.subject = props.keywords = props.category = ""
        props.created = props.modified = clock.now().astimezone(UTC)
        props.revision = 1
        self.neutral_package()
        page = self.doc.sections[0]  # A4, as English boards print, not the template's Letter
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        for block in blocks:
            self.add(block)
        return self.doc


def render_document(blocks: Iterable[b.Block], title: str) -> Document:
    """Blocks as a python-docx document whose properties give ``title``."""
    require_docx()
    return _Writer().build(title, blocks)


def to_document(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    *,
    age_at: date | None = None,
) -> Document:
    """The review as a python-docx document (see the module's description)."""
    require_docx()
    return render_document(walk(review, catalogue, glossary, age_at=age_at), catalogue.title)


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
) -> bytes:
    """The review as the bytes of a ``.docx`` file."""
    return to_bytes(to_document(review, catalogue, glossary, age_at=age_at))
