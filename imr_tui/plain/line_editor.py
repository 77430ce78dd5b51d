"""Reading one typed line from raw bytes, for the line asker.

Every byte means the same whatever the time between keys: there is no timer.

- Printable characters are added and echoed as typed.
- Enter (CR or LF; CR then LF is one Enter) ends the line.
- Backspace (DEL or BS) removes one whole character (a letter with its accents),
  echoing ``"\\b \\b"`` once per column it took (twice for a wide character).
- Ctrl+U clears the line; Ctrl+W removes the last word.
- Ctrl+C raises :class:`KeyboardInterrupt` and Ctrl+D on an empty line
  :class:`EOFError`, the text typed so far kept in :attr:`LineEditor.text`.
- Esc is never echoed. An escape sequence (``Esc [ ...`` or ``Esc O x``, sent by the
  arrow and function keys) is read to its end by its syntax and does nothing. Esc
  then Enter ends the line saying so (a long answer ends there).
- Every other control character does nothing.
- Bytes that are not UTF-8 become U+FFFD (and :attr:`LineEditor.replaced` is set).

Bytes read past the end of a line are kept for the next one (type-ahead).
"""

from __future__ import annotations

import codecs
import contextlib
import unicodedata
from collections.abc import Callable
from typing import TextIO

from imr_tui.core.visible import visible
from imr_tui.plain.keys import Keys

ENTER = "\r\n"
ERASE = ("\x7f", "\x08")
CTRL_C, CTRL_D, CTRL_U, CTRL_W, ESC = "\x03", "\x04", "\x15", "\x17", "\x1b"


def columns(ch: str) -> int:
    """How many columns a character takes at a terminal: 0, 1 or 2."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def is_control(ch: str) -> bool:
    """A C0 or C1 control character (never added to an answer)."""
    return unicodedata.category(ch) == "Cc"


def last_character(text: str) -> int:
    """Where the last whole character of ``text`` starts (its accents go with it)."""
    i = len(text) - 1
    while i > 0 and columns(text[i]) == 0 and unicodedata.category(text[i]) != "Cf":
        i -= 1
    return max(i, 0)


def writable(text: str, out: TextIO) -> str:
    """``text`` as ``out`` can write it: a character its encoding lacks (a terminal set
    to Latin-1, say) becomes ``?`` rather than stopping the program."""
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "replace").decode(encoding)
    except LookupError:
        pass
    return text


class LineEditor:
    """Reads lines from :class:`Keys`, echoing to ``out`` (see the module)."""

    def __init__(self, keys: Keys, out: TextIO) -> None:
        self.keys = keys
        self.out = out
        self.text = ""
        """The line being typed (kept when Ctrl-C or Ctrl-D stops it)."""
        self.replaced = False
        """Whether bytes that are not text were replaced since this was last reset."""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        self._pending = ""
        self._after_cr = False

    # ---------------------------------------------------------------- characters
    def _next(self) -> str:
        """The next typed character, reading more bytes when none is waiting."""
        while not self._pending:
            self.out.flush()
            data = self.keys.read()
            if not data:
                self._pending = self._decoder.decode(b"", final=True)
                if not self._pending:
                    raise EOFError
                break
            self._pending = self._decoder.decode(data)
        ch, self._pending = self._pending[0], self._pending[1:]
        if "\udc80" <= ch <= "\udcff":  # a byte that is not UTF-8
            self.replaced = True
            return "\ufffd"
        return ch

    def _erase(self, start: int) -> None:
        """Remove the text from ``start`` on, rubbing out its columns."""
        gone = sum(columns(visible(c)) for c in self.text[start:])  # as echoed
        self.text = self.text[:start]
        self.out.write("\b \b" * gone)

    # ---------------------------------------------------------------- a line
    def read_line(self, on_change: Callable[[str], None] | None = None) -> tuple[str, bool]:
        """The next line and whether it was ended by Esc then Enter.

        ``on_change`` gets the line so far after every change to it. Keys that can
        hold raw mode for a while (:meth:`~imr_tui.plain.keys.TtyKeys.holding`) hold it
        from the first key to Enter.
        """
        holding = getattr(self.keys, "holding", None)
        with holding() if holding is not None else contextlib.nullcontext():
            return self._read_line(on_change)

    def _read_line(self, on_change: Callable[[str], None] | None) -> tuple[str, bool]:
        self.text = ""
        escape = ""  # "" | "esc" | "csi" | "ss3"
        while True:
            ch = self._next()
            after_cr, self._after_cr = self._after_cr, False
            if ch == "\n" and after_cr:
                continue  # CR LF: one Enter
            if escape == "esc":
                if ch == "[":
                    escape = "csi"
                    continue
                if ch == "O":
                    escape = "ss3"
                    continue
                if ch == ESC:
                    continue
                escape = ""
                if ch in ENTER:
                    self._after_cr = ch == "\r"
                    self.out.write("\n")
                    return self.text, True
            elif escape == "csi":
                if "\x20" <= ch <= "\x3f":
                    continue  # parameters and intermediates
                escape = ""
                if "\x40" <= ch <= "\x7e":
                    continue  # the final byte
            elif escape == "ss3":
                escape = ""
                if not is_control(ch):
                    continue
            before = self.text
            if ch in ENTER:
                self._after_cr = ch == "\r"
                self.out.write("\n")
                return self.text, False
            if ch == ESC:
                escape = "esc"
            elif ch in ERASE:
                if self.text:
                    self._erase(last_character(self.text))
            elif ch == CTRL_U:
                self._erase(0)
            elif ch == CTRL_W:
                kept = self.text.rstrip()
                cut = max(kept.rfind(" "), kept.rfind("\t")) + 1
                self._erase(cut)
            elif ch == CTRL_C:
                self.out.write("\n")
                self.out.flush()
                raise KeyboardInterrupt
            elif ch == CTRL_D:
                if not self.text:
                    self.out.write("\n")
                    self.out.flush()
                    raise EOFError
            elif not is_control(ch):
                self.text += ch
                self.out.write(writable(visible(ch), self.out))
            if self.text != before and on_change is not None:
                on_change(self.text)
