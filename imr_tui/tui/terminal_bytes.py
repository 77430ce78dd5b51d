"""What crosses the terminal: bad bytes in become U+FFFD, control codes never go out.

In: Textual decodes what the terminal sends strictly: one invalid byte (a paste
from a program using another encoding, line noise on a poor link) raises inside
its input thread, which then dies, and the author can type nothing more. Its
drivers are given a decoder that replaces such bytes with U+FFFD, the
replacement character, instead; the app tells the author.

Out: an answer can hold control characters (a paste, an imported spreadsheet,
a file edited by hand), and Textual's text boxes pass them to the terminal as
they are, so ``ESC [ ...`` in an answer would recolour, move, retitle or
worse the author's terminal. :class:`NoControlCodes` removes every control
character from what is drawn (they take no cell on screen, so nothing moves);
the text itself is kept as typed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Any

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

REPLACEMENT = "\ufffd"


def _replacing(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    decoder = codecs.getincrementaldecoder(encoding)

    def make(errors: str = "replace", **kwargs: Any) -> codecs.IncrementalDecoder:
        return decoder(errors="replace", **kwargs)

    return make


def replace_bad_bytes() -> None:
    """Make every Textual driver decode terminal input with replacement (idempotent)."""
    from textual.drivers import linux_driver, linux_inline_driver, web_driver

    for module in (linux_driver, linux_inline_driver, web_driver):
        module.getincrementaldecoder = _replacing  # type: ignore[attr-defined]


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class NoControlCodes(LineFilter):
    """Drops control characters from every line drawn (styles and layout untouched)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """The segments with any control character removed from their text."""
        if not any(_CONTROL.search(segment.text) for segment in segments if not segment.control):
            return segments
        return [
            segment
            if segment.control
            else Segment(_CONTROL.sub("", segment.text), segment.style, segment.control)
            for segment in segments
        ]
