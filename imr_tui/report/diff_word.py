"""What changed, as a Word document: ``imr diff --format docx -o changes.docx``.

The same model as the Markdown (:mod:`imr_tui.report.diff_model`), drawn the way Word
shows changes: every insertion is a tracked insertion (``w:ins``) and every deletion a
tracked deletion (``w:del``), so Word and LibreOffice show them in their usual colours,
underlined and struck through, and a reader can accept or reject them. The layout
follows the Markdown's: the title, a Heading 1 per section and a Heading 2 per prompt;
text changed in place as paragraphs with the changes marked; values and each record's
fields in a table of *Field* and *Change*; each record under a Heading 3 saying
whether it was added, removed, changed or moved; and a table of the comments opened,
resolved, reopened, replied to and removed. Every piece of the author's text is
written literally (:func:`imr_tui.report.word_text.clean`): nothing they typed is read
as a mark.

python-docx is the optional ``docx`` extra, imported only here, only when asked for.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from itertools import count
from typing import TYPE_CHECKING, Any

from imr_tui.report.diff_markdown import moved_sentence
from imr_tui.report.diff_model import Changes, CommentChange, FieldChange, RecordChange, StepChange
from imr_tui.report.diff_words import Piece
from imr_tui.report.word import require_docx
from imr_tui.report.word_pages import honest_properties, setup_page
from imr_tui.report.word_tables import usable_width
from imr_tui.report.word_text import clean, one_line

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

TABLE_STYLE = "Table Grid"
FIELD_HEADER = ("Field", "Change")
FIELD_WEIGHTS = (3.0, 7.0)
COMMENT_HEADER = ("What", "Where", "Who and when", "Text")
COMMENT_WEIGHTS = (1.5, 3.0, 2.0, 4.5)
RECORD_WORDS = {"added": "added", "removed": "removed", "changed": "changed", "moved": "moved"}
COMMENT_WORDS = {
    "opened": "Opened",
    "resolved": "Resolved",
    "reopened": "Reopened",
    "replied": "Reply",
    "removed": "Removed",
}
NO_CHANGES = "No changes."
NO_TEXT = "(no text either side)"
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def title(changes: Changes) -> str:
    """The document's title, as the Markdown's: ``What changed from version 1 to ...``."""
    return f"What changed from {one_line(changes.old_label)} to {one_line(changes.new_label)}"


def field_pieces(change: FieldChange) -> list[Piece]:
    """A field's change as pieces: its words, else the old value deleted and the new
    one inserted."""
    if change.words:
        return list(change.words)
    gap = " " if change.old and change.new else ""  # so the two never read as one word
    return [p for p in (Piece("delete", change.old + gap), Piece("insert", change.new)) if p.text]


class _Writer:
    """Builds the document; tracked changes numbered in order."""

    def __init__(self, author: str) -> None:
        """``author``: who Word says made the changes (the newer version's name)."""
        import docx

        self.doc: Document = docx.Document()
        self.author = one_line(author) or "imr diff"
        self.ids = count(1)

    # ---------------------------------------------------------------- tracked runs
    def _track(self, run: Any, kind: str) -> None:
        """Wrap ``run`` in a ``w:ins`` or ``w:del``; a deleted run's text becomes
        ``w:delText``, as Word requires."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        tag = "w:ins" if kind == "insert" else "w:del"
        mark = OxmlElement(tag)
        mark.set(qn("w:id"), str(next(self.ids)))
        mark.set(qn("w:author"), self.author)
        element = run._r
        element.addprevious(mark)
        mark.append(element)
        if kind == "delete":
            for text in element.findall(qn("w:t")):
                text.tag = qn("w:delText")

    def pieces(self, paragraph: Paragraph, pieces: Sequence[Piece]) -> None:
        """The pieces at the end of ``paragraph``: kept text plain, the rest tracked."""
        for piece in pieces:
            text = clean(piece.text)
            if not text:
                continue
            run = paragraph.add_run(text)
            if piece.kind != "same":
                self._track(run, piece.kind)

    # ---------------------------------------------------------------- parts
    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(one_line(text), level=level)

    def italic(self, text: str) -> None:
        self.doc.add_paragraph().add_run(one_line(text)).italic = True

    def marked_text(self, pieces: Sequence[Piece]) -> None:
        """Text changed in place: a paragraph per paragraph of the text (a blank line
        between two), line breaks kept, each change tracked."""
        if not any(p.text.strip() for p in pieces):
            self.italic(NO_TEXT)
            return
        paragraph = self.doc.add_paragraph()
        for piece in pieces:
            for n, part in enumerate(_PARAGRAPHS.split(clean(piece.text))):
                if n:
                    paragraph = self.doc.add_paragraph()
                self.pieces(paragraph, [Piece(piece.kind, part)])

    def table(
        self,
        header: Sequence[str],
        weights: Sequence[float],
        rows: list[list[Sequence[Piece] | str]],
    ) -> None:
        """A table across the page, columns in proportion to ``weights``, with a bold
        heading row; a cell is plain text or tracked pieces."""
        from docx.shared import Emu

        table: Any = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.doc.styles[TABLE_STYLE]
        table.autofit = False
        width = usable_width(self.doc.sections[-1])
        for column, weight in zip(table.columns, weights, strict=True):
            share = Emu(int(width * weight / sum(weights)))
            column.width = share
            for cell in column.cells:
                cell.width = share
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                paragraph = cell.paragraphs[0]
                if isinstance(value, str):
                    paragraph.add_run(clean(value))
                else:
                    self.pieces(paragraph, value)
        self.doc.add_paragraph()

    def fields(self, fields: Sequence[FieldChange]) -> None:
        self.table(FIELD_HEADER, FIELD_WEIGHTS, [[f.title, field_pieces(f)] for f in fields])

    def record(self, change: RecordChange) -> None:
        self.heading(f"{change.label}: {RECORD_WORDS[change.kind]}", 3)
        if change.moved:
            self.doc.add_paragraph(moved_sentence(change))
        if change.fields:
            self.fields(change.fields)

    def step(self, step: StepChange) -> None:
        self.heading(step.title, 2)
        if step.note:
            self.italic(f"{step.note.capitalize()}.")
        if step.kind == "text":
            self.marked_text(step.words)
        elif step.kind == "values":
            self.fields(step.values)
        else:
            for record in step.records:
                self.record(record)

    def comments(self, changes: Sequence[CommentChange]) -> None:
        rows: list[list[Sequence[Piece] | str]] = []
        for c in changes:
            who = ", ".join(t for t in (" ".join(c.by.split()), c.at) if t)
            text = c.text if c.text.strip() else "(no text)"
            if c.kind == "replied":
                text += f" (to: {c.comment_text if c.comment_text.strip() else '(no text)'})"
            rows.append([COMMENT_WORDS[c.kind], c.place, who, text])
        self.heading("Comments", 1)
        self.table(COMMENT_HEADER, COMMENT_WEIGHTS, rows)

    def build(self, changes: Changes) -> Document:
        name = title(changes)
        honest_properties(self.doc, name)
        setup_page(self.doc.sections[0], False)
        self.heading(name, 0)
        for note in changes.notes:
            self.italic(note)
        if changes.empty:
            self.doc.add_paragraph(NO_CHANGES)
        for section in changes.sections:
            self.heading(section.title, 1)
            for step in section.steps:
                self.step(step)
        if changes.comments:
            self.comments(changes.comments)
        return self.doc


def diff_document(changes: Changes) -> Document:
    """What changed as a python-docx document (see the module's description)."""
    require_docx()
    return _Writer(changes.new_label).build(changes)


def diff_docx(changes: Changes) -> bytes:
    """What changed as the bytes of a ``.docx`` file, insertions and deletions tracked."""
    buffer = io.BytesIO()
    diff_document(changes).save(buffer)
    return buffer.getvalue()
