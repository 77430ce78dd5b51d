"""What crosses the terminal: bad bytes in become U+FFFD, a paste's escapes are
dropped, control codes never go out.

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


PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteEscapes:
    """Drops the escape character from inside a bracketed paste (the closing marker
    excepted), as many terminals do themselves.

    A paste holding ``ESC`` (text copied from a terminal's log, a program's
    coloured output) made Textual's parser hand the text after it on as keys,
    *before* the paste's beginning: the words landed out of order. The escape
    itself is never shown (see :class:`NoControlCodes`); what follows it stays.
    Text outside a paste is passed on untouched and at once (a lone Escape key
    must not wait).
    """

    def __init__(self) -> None:
        self.in_paste = False
        self._recent = ""
        """The last characters passed on outside a paste (a start marker split
        between two reads is still seen)."""
        self._held = ""
        """Inside a paste: the end of a read that may begin the closing marker."""

    def filter(self, text: str) -> str:
        """``text`` as it should reach the parser."""
        out: list[str] = []
        text = self._held + text
        self._held = ""
        while text:
            if not self.in_paste:
                seen = self._recent + text
                at = seen.find(PASTE_START)
                if at < 0:
                    out.append(text)
                    self._recent = seen[-(len(PASTE_START) - 1) :]
                    return "".join(out)
                cut = at + len(PASTE_START) - len(self._recent)
                out.append(text[:cut])
                text = text[cut:]
                self._recent = ""
                self.in_paste = True
            else:
                at = text.find(PASTE_END)
                if at >= 0:
                    out.append(text[:at].replace("\x1b", ""))
                    out.append(PASTE_END)
                    text = text[at + len(PASTE_END) :]
                    self.in_paste = False
                    continue
                keep = _partial_end(text)
                out.append(text[: len(text) - keep].replace("\x1b", ""))
                self._held = text[len(text) - keep :]
                return "".join(out)
        return "".join(out)


def _partial_end(text: str) -> int:
    """How many characters at the end of ``text`` could begin the closing marker."""
    for n in range(min(len(PASTE_END) - 1, len(text)), 0, -1):
        if PASTE_END.startswith(text[-n:]):
            return n
    return 0


class _SafeDecoder(codecs.IncrementalDecoder):
    """Bad bytes become U+FFFD; escapes inside a paste are dropped (see above)."""

    def __init__(self, inner: codecs.IncrementalDecoder) -> None:
        super().__init__(errors="replace")
        self._inner = inner
        self._pastes = PasteEscapes()

    def decode(self, input: Any, final: bool = False) -> str:
        return self._pastes.filter(self._inner.decode(input, final))

    def reset(self) -> None:
        self._inner.reset()
        self._pastes = PasteEscapes()


def _replacing(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    decoder = codecs.getincrementaldecoder(encoding)

    def make(errors: str = "replace", **kwargs: Any) -> codecs.IncrementalDecoder:
        return _SafeDecoder(decoder(errors="replace", **kwargs))

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
