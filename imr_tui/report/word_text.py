"""Text as a Word document can hold it, for the Word renderer's modules.

python-docx is imported only for typing here: this module is safe to import without it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from imr_tui.core.visible import visible
from imr_tui.report.md_escape import normalise_newlines

if TYPE_CHECKING:
    from docx.shared import Length
    from docx.text.paragraph import Paragraph

# Characters XML 1.0 cannot hold (a Word file is XML): control characters other than
# tab and line feed, and the two non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def clean(text: str) -> str:
    """Text as Word can hold it: one kind of line break, each control character shown
    as its symbol (``␇``, as the Markdown export shows it; see
    :func:`imr_tui.core.visible.visible`), and nothing XML cannot hold."""
    return _NOT_XML.sub("", visible(normalise_newlines(text)))


def one_line(text: str) -> str:
    """Text on one line: every run of spaces and line breaks made one space."""
    return " ".join(clean(text).split())


def paragraphs(text: str) -> list[str]:
    """Free text split at blank lines; single line breaks stay within a paragraph."""
    out = []
    for para in _PARAGRAPHS.split(clean(text).strip()):
        lines = [line.rstrip() for line in para.split("\n") if line.strip()]
        if lines:
            out.append("\n".join(lines))
    return out


def placeholder(paragraph: Paragraph, text: str, size: Length | None = None) -> None:
    """The placeholder (``Not yet answered``) in italics at the end of ``paragraph``."""
    run = paragraph.add_run(clean(text))
    run.italic = True
    if size is not None:
        run.font.size = size
