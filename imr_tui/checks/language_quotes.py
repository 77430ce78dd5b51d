"""Where a text quotes someone: the spans inside quotation marks.

What a record or the adult said is quoted as said, so the language checks leave it
alone. Counted as quotation marks:

- straight double quotes ``"..."``, paired in order;
- curly double quotes ``“...”``;
- single quotes ``'...'`` and ``‘...’`` when they quote: the opening one at the start of
  the text or after a space or bracket, followed by a character that is no space; the
  closing one after a character that is no space and not followed by a letter or
  digit. An apostrophe inside a word (``don't``, ``Mary’s``) is never a quotation mark.

A quotation never runs past a blank line: one left open there quotes nothing.
"""

from __future__ import annotations

_OPENERS_BEFORE = " \t\n([{“\"'‘—–-/"


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quotation in ``text``, the marks included."""
    spans: list[tuple[int, int]] = []
    double: int | None = None  # where an open straight double quote is
    curly: int | None = None  # where an open “ is
    single: int | None = None  # where an open single quote is
    n = len(text)
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch == "\n" and after == "\n":
            double = curly = single = None
        elif ch == '"':
            if double is None:
                double = i
            else:
                spans.append((double, i + 1))
                double = None
        elif ch == "“":
            if curly is None:
                curly = i
        elif ch == "”":
            if curly is not None:
                spans.append((curly, i + 1))
                curly = None
        elif ch in "'‘’":
            if _is_word(before) and _is_word(after):
                continue  # an apostrophe inside a word
            opening = before in _OPENERS_BEFORE and not after.isspace() and ch != "’"
            if single is not None and not before.isspace() and not _is_word(after):
                spans.append((single, i + 1))
                single = None
            elif opening and single is None:
                single = i
    return spans


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` is inside one of ``spans``."""
    return any(start < position < end for start, end in spans)
