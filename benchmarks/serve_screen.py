"""A small terminal screen for the load benchmark: what the page's terminal would show.

The served app sends terminal bytes (Textual's output) in websocket messages. This
keeps a grid of characters from them, enough to read what the trainee sees: text,
cursor moves (``CSI row;col H``), clears (``CSI J``, ``CSI K``), with colours,
private modes, window titles and other control sequences read and ignored. It is
what an xterm.js page draws, without the colours.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# One control sequence or one run of printable text.
TOKEN = re.compile(
    r"\x1b\[(?P<params>[0-9;?<=>]*)[ -/]*(?P<final>[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, to BEL or ST
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][0-9A-Za-z]"  # character set
    r"|\x1b[^\[\]P()]"  # two-byte escape
    r"|(?P<text>[^\x00-\x1f\x7f]+)"
    r"|(?P<ctl>[\x00-\x1f\x7f])",
)
INCOMPLETE = re.compile(r"\x1b(?:\[[0-9;?<=>]*[ -/]*|\][^\x07\x1b]*|P[^\x1b]*|[()])?$")
"""The start of a sequence cut by the end of a message: kept for the next one."""


def cell_width(char: str) -> int:
    """Cells a character takes (2 for wide East Asian characters, 0 for combining marks)."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    """A grid of ``width`` x ``height`` characters fed with terminal bytes."""

    def __init__(self, width: int = 80, height: int = 24) -> None:
        self.width = width
        self.height = height
        self.rows: list[list[str]] = [[" "] * width for _ in range(height)]
        self.x = 0
        self.y = 0
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self._pending = ""

    def feed(self, data: bytes) -> None:
        """Apply the bytes of one message."""
        text = self._pending + self._decode(data)
        cut = INCOMPLETE.search(text)
        if cut is not None:
            text, self._pending = text[: cut.start()], text[cut.start() :]
        else:
            self._pending = ""
        for match in TOKEN.finditer(text):
            if match.group("text") is not None:
                self._write(match.group("text"))
            elif match.group("final") is not None:
                self._csi(match.group("params") or "", match.group("final"))
            elif match.group("ctl") is not None:
                self._control(match.group("ctl"))

    def _write(self, text: str) -> None:
        for char in text:
            width = cell_width(char)
            if width == 0:
                continue
            if 0 <= self.y < self.height and 0 <= self.x < self.width:
                self.rows[self.y][self.x] = char
                if width == 2 and self.x + 1 < self.width:
                    self.rows[self.y][self.x + 1] = ""
            self.x += width

    def _control(self, char: str) -> None:
        if char == "\r":
            self.x = 0
        elif char == "\n":
            self.y = min(self.y + 1, self.height - 1)
        elif char == "\b":
            self.x = max(self.x - 1, 0)

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?"):
            return  # private modes: cursor shown, mouse, synchronised output...
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(i: int, default: int) -> int:
            return numbers[i] if len(numbers) > i and numbers[i] else default

        if final in "Hf":
            self.y = arg(0, 1) - 1
            self.x = arg(1, 1) - 1
        elif final == "G":
            self.x = arg(0, 1) - 1
        elif final == "d":
            self.y = arg(0, 1) - 1
        elif final == "A":
            self.y = max(self.y - arg(0, 1), 0)
        elif final == "B":
            self.y = min(self.y + arg(0, 1), self.height - 1)
        elif final == "C":
            self.x += arg(0, 1)
        elif final == "D":
            self.x = max(self.x - arg(0, 1), 0)
        elif final == "J":
            mode = arg(0, 0)
            if mode == 2 or mode == 3:
                self.rows = [[" "] * self.width for _ in range(self.height)]
            elif mode == 0:
                self._clear_line(self.y, self.x, self.width)
                for y in range(self.y + 1, self.height):
                    self._clear_line(y, 0, self.width)
        elif final == "K":
            mode = arg(0, 0)
            start, end = {0: (self.x, self.width), 1: (0, self.x + 1)}.get(mode, (0, self.width))
            self._clear_line(self.y, start, end)

    def _clear_line(self, y: int, start: int, end: int) -> None:
        if 0 <= y < self.height:
            row = self.rows[y]
            for x in range(max(start, 0), min(end, self.width)):
                row[x] = " "

    def lines(self) -> list[str]:
        """The screen's rows as text."""
        return ["".join(row) for row in self.rows]

    def text(self) -> str:
        """The whole screen, rows joined with newlines."""
        return "\n".join(self.lines())
