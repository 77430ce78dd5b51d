"""Escaping user text for Markdown so it renders exactly as typed.

Whatever an author types (a ``|`` in a table cell, a line starting ``#``, ``---``,
``>`` or ``1.``, raw HTML, backslashes) comes out as the same text, never as
structure. Line breaks are kept as hard breaks; blank lines separate paragraphs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from imr_tui.core.visible import visible

_INLINE = re.compile(r"([\\`*_\[\]<>|~&!#])")
_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def normalise_newlines(text: str) -> str:
    """CR LF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def inline(text: str) -> str:
    """Escape one line of text so no character is read as Markdown (and no control
    character reaches the file: each is shown as its symbol)."""
    return _INLINE.sub(r"\\\1", visible(text))


def _line(text: str) -> str:
    s = inline(text.strip())
    m = _BLOCK_START.match(s)
    if m:
        end = m.end()
        s = s[:end] + "\\" + s[end:] if m[1][0].isdigit() else "\\" + s
    return s


def block(text: str) -> str:
    """Escape free text as one or more Markdown paragraphs, keeping its line breaks."""
    paras = []
    for para in _PARAGRAPHS.split(normalise_newlines(text).strip()):
        lines = [_line(x) for x in para.split("\n") if x.strip()]
        if lines:
            paras.append("\\\n".join(lines))
    return "\n\n".join(paras)


@lru_cache(maxsize=8192)
def cell(text: str) -> str:
    """Escape text for one GFM table cell: pipes escaped, line breaks as ``<br>``.

    Remembered: a chronology repeats its sources, dates and contact types."""
    lines = [inline(x.strip()) for x in normalise_newlines(text).split("\n") if x.strip()]
    return "<br>".join(lines)


def line(text: str) -> str:
    """Escape text as one line that may begin a block, such as a list item's text."""
    return _line(" ".join(normalise_newlines(text).split()))


def heading_text(text: str) -> str:
    """Escape text for use in a heading (one line)."""
    return inline(" ".join(normalise_newlines(text).split()))


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GFM table; header and cells must already be escaped."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]
    return "\n".join(out)
