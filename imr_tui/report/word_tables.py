"""Tables in the Word export: the details, the chronology, the glossary.

Every table has Word's built-in "Table Grid" style, a fixed layout (Word keeps the
widths given) and rows that never split across pages. A table with a heading row may
repeat it at the top of every page. The chronology is set compact (9 point text, single
line spacing, narrow cell margins) with each column sized to its content
(:func:`imr_tui.report.word_measure.column_widths`): the date and time never wrap but
after a period's dash, no word of any column is broken, the long text columns take the
rest. Other tables share the page width by the block's weights.

Rows are added as copies of one prepared row: 5,000 chronology entries stay quick.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from imr_tui.report import blocks as b
from imr_tui.report.word_measure import column_widths
from imr_tui.report.word_text import paragraphs, placeholder

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section

TABLE_STYLE = "Table Grid"
COMPACT = frozenset({"chronology"})
"""Kinds of table set compact and sized to their content."""
COMPACT_POINTS = 9
"""The compact tables' text size, in points."""
CELL_MARGIN_TWIPS = 57
"""A compact table's cell margins left and right (0.1 cm), in twentieths of a point."""
EMU_PER_POINT = 12700


def usable_width(section: Section) -> int:
    """The width between a section's margins, in EMU."""
    page = int(section.page_width or 0)
    return page - int(section.left_margin or 0) - int(section.right_margin or 0)


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    """``parent``'s child ``tag`` (created, or emptied of attributes), with ``attrs``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


def _keep_whole(tr: Any) -> None:
    """The row is never split across two pages."""
    _set(tr.get_or_add_trPr(), "w:cantSplit")


def _compact_cells(tbl: Any) -> None:
    """Narrow left and right cell margins for the whole table."""
    from docx.oxml import OxmlElement

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        _set(margins, f"w:{side}", w=str(CELL_MARGIN_TWIPS), type="dxa")
    # Where the schema puts it: before the table's look, if any.
    tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _tight(cell: Any) -> None:
    """A cell's paragraph with single line spacing and no space after it."""
    from docx.enum.text import WD_LINE_SPACING

    form = cell.paragraphs[0].paragraph_format
    form.space_after = 0
    form.line_spacing_rule = WD_LINE_SPACING.SINGLE


class TableWriter:
    """Draws :class:`~imr_tui.report.blocks.Table` blocks at the end of a document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def cell(
        self,
        cell: Any,
        value: str,
        *,
        bold: bool = False,
        shown: str = "",
        points: int | None = None,
    ) -> None:
        """``value`` in an empty cell (``shown`` in italics when it is empty)."""
        from docx.shared import Pt

        text = "\n\n".join(paragraphs(value))
        paragraph = cell.paragraphs[0]
        size = Pt(points) if points else None
        if text:
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
            if size is not None:
                run.font.size = size
        elif shown:
            placeholder(paragraph, shown, size)

    def widths(self, block: b.Table) -> list[int]:
        """The block's column widths in EMU across the current page."""
        usable = usable_width(self.doc.sections[-1])
        if block.kind not in COMPACT:
            return [int(usable * w / sum(block.weights)) for w in block.weights]
        fixed = frozenset(range(len(block.header))) - block.authored_columns
        points = column_widths(
            block.header,
            block.rows,
            usable / EMU_PER_POINT,
            size=COMPACT_POINTS,
            padding=2 * CELL_MARGIN_TWIPS / 20,
            fixed=fixed,
        )
        return [int(w * EMU_PER_POINT) for w in points]

    def new_table(self, widths: list[int], compact: bool) -> Any:
        """An empty bordered table with fixed column widths (typed loosely: python-docx
        leaves ``add_row`` untyped)."""
        from docx.shared import Emu

        table: Any = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles[TABLE_STYLE]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Emu(width)  # rows copy it
        if compact:
            _compact_cells(table._tbl)
        return table

    def rows(self, table: Any, count: int, compact: bool) -> Iterator[list[Any]]:
        """``count`` new empty rows, each as its cells (copies of one row: quick for 5,000)."""
        from docx.table import _Cell

        if count <= 0:
            return
        row = table.add_row()
        blank = row._tr
        _keep_whole(blank)
        if compact:
            for cell in row.cells:
                _tight(cell)
        template = copy.deepcopy(blank)
        for i in range(count):
            tr = blank if i == 0 else copy.deepcopy(template)
            if i:
                table._tbl.append(tr)
            yield [_Cell(tc, table) for tc in tr.tc_lst]

    def header_row(self, table: Any, block: b.Table, points: int | None) -> None:
        """A bold heading row; Word repeats it at the top of every page if asked."""
        [cells] = self.rows(table, 1, points is not None)
        for cell, title in zip(cells, block.header, strict=True):
            self.cell(cell, title, bold=True, points=points)
        if block.repeat_header:
            _set(table.rows[-1]._tr.get_or_add_trPr(), "w:tblHeader")

    def table(self, block: b.Table) -> None:
        """Draw the table block."""
        compact = block.kind in COMPACT
        points = COMPACT_POINTS if compact else None
        table = self.new_table(self.widths(block), compact)
        if not block.labels:
            self.header_row(table, block, points)
        for row, cells in zip(block.rows, self.rows(table, len(block.rows), compact), strict=True):
            for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
                shown = block.placeholder if i in block.placeholder_columns else ""
                bold = block.labels and i == 0
                self.cell(cell, value, bold=bold, shown=shown, points=points)
