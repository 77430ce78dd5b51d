"""Text as it may be shown or written for a reader: no control characters.

An author's text can hold control characters (pasted from another program, read
from a spreadsheet): a bell, an escape that would recolour or retitle a terminal,
a backspace. Wherever that text is printed to a terminal or written into a report,
each one is shown as its visible symbol instead (``␛`` for escape, ``␇`` for the
bell), so the reader sees that something was there and nothing acts on it. Line
breaks and tabs are kept. The invisible controls that turn text round (the
directional embeddings, overrides and isolates, U+202A to U+202E and U+2066 to
U+2069) are shown as the replacement character: they would make a name read
backwards, and right-to-left script needs none of them to show rightly.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DEL_SYMBOL = "\u2421"
_REPLACEMENT = "\ufffd"


def _symbol(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ to ␟
    if code == 0x7F:
        return _DEL_SYMBOL
    return _REPLACEMENT  # C1 and directional controls have no symbol of their own


def visible(text: str) -> str:
    """``text`` with every control character but line feed and tab (and every
    directional control) shown as a symbol."""
    return _CONTROL.sub(_symbol, text) if _CONTROL.search(text) else text
