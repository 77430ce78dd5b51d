"""The author's text on screen: always shown as typed, never read as markup.

Textual reads ``[...]`` in a plain string as markup (styles, links and
``[@click=...]`` actions), and it passes escape characters straight to the
terminal. Anything an author typed, or any name taken from a file, goes on
screen through :func:`literal` (or :func:`plain` where a ``str`` is needed by
a widget told not to read markup).
"""

from __future__ import annotations

from textual.content import Content

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
"""Control characters as the symbols that stand for them (ESC as ``␛``)."""
_PICTURES[0x7F] = "\u2421"  # DEL as ␡
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls as �
_PICTURES[0x0D] = ""  # a carriage return (from a Windows line end) shows as nothing


def plain(text: str) -> str:
    """``text`` with every character a terminal would act on replaced by a visible symbol.

    Tabs and line breaks stay; a carriage return is dropped (Textual drops it too).
    """
    return text.translate(_PICTURES)


def literal(text: str) -> Content:
    """``text`` as content to show exactly as typed: no markup, no terminal codes."""
    return Content(plain(text))
