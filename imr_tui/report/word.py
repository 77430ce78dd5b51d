"""Word export: the same report as the Markdown export, as a ``.docx`` document.

It follows the same walk of the catalogue as :func:`imr_tui.report.markdown.to_markdown`: the
title and introduction, a Heading 1 per section and a Heading 2 per prompt or Terms of
Reference heading, the details and the endorsement as two-column tables, the chronology
as a table with the catalogue's column headings on landscape pages (its heading row
repeated on every page), the Terms of Reference headings and the recommendations as
numbered lists (each recommendation with its actions, lead, target date, resources and
evidence), the glossary of accepted abbreviations, and "Not yet answered" wherever an
answer is missing. The pages are A4. Only Word's built-in styles are used, so a board
can restyle it in its own template.

python-docx is an optional extra (``pip install 'imr-tui[docx]'``) and is imported only
by this module, only when a Word export is asked for.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue, Prompt
from imr_tui.core.dates import from_stored, uk
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.steps import Step, steps
from imr_tui.report.anonymise import (
    Anonymised,
    Leftover,
    anonymise,
    leftovers,
    section_titles,
)
from imr_tui.report.markdown import (
    NOT_EXPORTED,
    TABLE_SECTION_KINDS,
    detail_rows,
    glossary_rows,
)
from imr_tui.report.md_escape import normalise_newlines

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

MISSING = "Word export needs the docx extra: pip install 'imr-tui[docx]'"
TABLE_STYLE = "Table Grid"
LIST_STYLE = "List Number"

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
    """Builds the document, one part of the template at a time."""

    def __init__(self, review: Review, catalogue: Catalogue, age_at: date | None) -> None:
        import docx

        self.doc: Document = docx.Document()
        self.review = review
        self.catalogue = catalogue
        self.age_at = age_at

    # ---------------------------------------------------------------- pieces
    def placeholder(self, paragraph: Paragraph) -> None:
        paragraph.add_run(clean(self.catalogue.placeholder)).italic = True

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(" ".join(clean(text).split()), level=level)

    def text(self, value: str, *, italic: bool = False) -> None:
        """Free text as paragraphs, or the placeholder."""
        paras = paragraphs(value)
        if not paras:
            self.placeholder(self.doc.add_paragraph())
        for para in paras:
            self.doc.add_paragraph().add_run(para).italic = italic

    def labelled(self, paragraph: Paragraph, label: str, value: str) -> None:
        """``Label: value`` with the label in bold (the placeholder when empty)."""
        paragraph.add_run(f"{clean(label)}: ").bold = True
        value = "\n\n".join(paragraphs(value))
        if value:
            paragraph.add_run(value)
        else:
            self.placeholder(paragraph)

    def cell(self, cell: Any, value: str, *, bold: bool = False, placeholder: bool = False) -> None:
        text = "\n\n".join(paragraphs(value))
        paragraph = cell.paragraphs[0]
        if text:
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
        elif placeholder:
            self.placeholder(paragraph)

    def table(self, weights: list[float]) -> Any:
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

    def header_row(self, table: Any, titles: list[str]) -> None:
        """A bold heading row that Word repeats at the top of every page."""
        from docx.oxml import OxmlElement

        row = table.add_row()
        for cell, title in zip(row.cells, titles, strict=True):
            self.cell(cell, title, bold=True)
        marker = OxmlElement("w:tblHeader")
        row._tr.get_or_add_trPr().append(marker)

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

    # ---------------------------------------------------------------- parts of the template
    def details(self, rows: list[tuple[str, str]]) -> None:
        table = self.table([1, 2])
        for label, value in rows:
            left, right = table.add_row().cells
            self.cell(left, label, bold=True)
            self.cell(right, value, placeholder=True)

    def period(self, prompt: Prompt) -> None:
        rp = self.review.review_period
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{clean(prompt.title)}: ").bold = True
        for i, day in enumerate((rp.start, rp.end)):
            if i:
                paragraph.add_run(" to ")
            if day:
                paragraph.add_run(uk(day))
            else:
                self.placeholder(paragraph)

    def headings(self, prompt: Prompt) -> None:
        titles = [h.title for h in self.review.headings if h.title.strip()]
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{clean(prompt.title)}:").bold = True
        if not titles:
            paragraph.add_run(" ")
            self.placeholder(paragraph)
            return
        num_id = self.new_list()
        for title in titles:
            self.list_item(num_id).add_run(" ".join(clean(title).split()))

    def chronology(self, prompt: Prompt) -> None:
        ch = self.catalogue.chronology
        entries = self.review.sorted_chronology()
        if not entries:
            self.placeholder(self.doc.add_paragraph())
        titles = [ch.date_title, ch.time_title, ch.source_title, *(c.title for c in ch.columns)]
        # Narrow date and time, wider free-text columns; the section is landscape.
        weights = [1.9, 1.0, 1.6, *(2.3 if c.long else 1.4 for c in ch.columns)]
        table = self.table(weights)
        self.header_row(table, titles)
        for e, cells in zip(entries, self.rows(table, len(entries)), strict=True):
            shown = from_stored(e.date, e.approximate).display() if e.date else ""
            values = [shown, e.time, e.source, *(e.cells.get(c.id, "") for c in ch.columns)]
            for cell, value in zip(cells, values, strict=True):
                self.cell(cell, value)

    def recommendations(self, prompt: Prompt) -> None:
        rc = self.catalogue.recommendations
        if not self.review.recommendations:
            self.placeholder(self.doc.add_paragraph())
            return
        num_id = self.new_list()
        for r in self.review.recommendations:
            item = self.list_item(num_id)
            text = "\n\n".join(paragraphs(r.recommendation))
            if text:
                item.add_run(text)
            else:
                self.placeholder(item)
            for fid in ("actions", "lead", "target_date", "resources", "evidence"):
                value = uk(r.target_date) if fid == "target_date" else str(getattr(r, fid))
                paragraph = self.doc.add_paragraph(style="List Continue")
                self.labelled(paragraph, rc.title(fid), value)

    def analysis(self, step: Step) -> None:
        if step.removed:
            self.text(self.catalogue.removed_heading_note, italic=True)
        kept = self.review.heading_analysis.get(step.heading_id)
        self.text(kept.text if kept else "")

    def glossary(self, glossary: Glossary) -> None:
        rows = glossary_rows(self.review, self.catalogue, glossary)
        if not rows:
            return
        self.heading(glossary.heading, 1)
        if glossary.introduction.strip():
            self.text(glossary.introduction)
        table = self.table([1, 3])
        self.header_row(table, [glossary.abbreviation_title, glossary.meaning_title])
        for abbreviation, meaning in rows:
            left, right = table.add_row().cells
            self.cell(left, abbreviation)
            self.cell(right, meaning)

    # ---------------------------------------------------------------- the whole report
    def build(self, glossary: Glossary | None) -> Document:
        from docx.shared import Cm

        review, catalogue = self.review, self.catalogue
        props = self.doc.core_properties  # python-docx's template names itself: say nothing
        props.title = clean(catalogue.title)
        props.author = props.last_modified_by = props.comments = ""
        props.subject = props.keywords = props.category = ""
        props.created = props.modified = datetime.now(UTC).replace(microsecond=0)
        props.revision = 1
        page = self.doc.sections[0]  # A4, as English boards print, not the template's Letter
        page.page_width, page.page_height = Cm(21), Cm(29.7)

        self.heading(catalogue.title, 0)
        for para in catalogue.introduction:
            self.text(para)
        all_steps = steps(catalogue, review)
        structured = {
            "period": self.period,
            "headings": self.headings,
            "chronology": self.chronology,
            "recommendations": self.recommendations,
        }
        for section in catalogue.sections:
            # A chronology has many columns: its section is on landscape pages.
            self.landscape(any(p.kind == "chronology" for p in section.prompts))
            self.heading(section.heading or section.title, 1)
            if all(p.kind in TABLE_SECTION_KINDS for p in section.prompts):
                self.details(detail_rows(review, section, self.age_at))
                continue
            mine = [s for s in all_steps if s.section.id == section.id]
            for prompt in section.prompts:
                if prompt.kind == "tor_analysis" and not any(s.prompt is prompt for s in mine):
                    self.heading(prompt.title, 2)
                    self.placeholder(self.doc.add_paragraph())
            for step in mine:
                prompt = step.prompt
                if prompt.kind in NOT_EXPORTED:
                    continue
                if prompt.kind in structured:
                    structured[prompt.kind](prompt)
                    continue
                self.heading(step.title, 2)
                if step.heading_id:
                    self.analysis(step)
                    continue
                if prompt.guidance and prompt.guidance.strip() != prompt.title.strip():
                    self.text(prompt.guidance, italic=True)
                if prompt.kind == "date":
                    value = review.answer(prompt.id)
                    with contextlib.suppress(ValueError):
                        value = from_stored(value, False).display() if value else ""
                    self.text(value)
                else:
                    self.text(review.answer(prompt.id))
        if glossary is not None:
            self.landscape(False)
            self.glossary(glossary)
        return self.doc


def to_document(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    *,
    age_at: date | None = None,
) -> Document:
    """The review as a python-docx document (see the module's description)."""
    require_docx()
    return _Writer(review, catalogue, age_at).build(glossary)


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


def blocks(document: Document) -> Iterator[tuple[str, str]]:
    """Every paragraph and table cell of the body in order, as ``(style name, text)``.

    A table cell's style is ``"cell"``.
    """
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield (block.style.name if block.style is not None else "", block.text)
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield ("cell", cell.text)


def document_sections(
    document: Document, catalogue: Catalogue, glossary: Glossary | None = None
) -> list[tuple[str, str]]:
    """The document's text split at its Heading 1s: ``(section title, text)`` pairs."""
    titles = section_titles(catalogue, glossary)
    parts: list[tuple[str, list[str]]] = [("the introduction", [])]
    for style, text in blocks(document):
        if style == "Heading 1":
            parts.append((titles.get(text, text), []))
        parts[-1][1].append(text)
    return [(title, "\n".join(texts)) for title, texts in parts]


def anonymised_docx(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    today: date | None = None,
    file: str = "FILE",
) -> tuple[bytes, Anonymised, list[Leftover]]:
    """The anonymised Word export, the anonymised copy, and what is still found in it."""
    require_docx()
    anon = anonymise(review, catalogue, today, file)
    document = to_document(anon.review, catalogue, glossary, age_at=anon.age_at)
    found = leftovers(document_sections(document, catalogue, glossary), anon)
    return to_bytes(document), anon, found
