"""How wide text is on a page, and columns sized to their content.

Word lays a table out only when the document is opened, so the widths a table is given
must be worked out beforehand from the text itself. Widths are estimated from the
advance widths of the DejaVu fonts, wide fonts that LibreOffice puts in place of
Calibri and Cambria where those are not installed: text that fits in DejaVu also fits
in Word's own fonts, which are narrower.

:func:`column_widths` gives each column at least its longest word (so no word is broken
mid-word), but no more than :data:`WORD_SHARE` of the table for it (one e-mail address
must not make its column the widest in every row: it wraps inside itself instead), and a
column that must not wrap (a date, a time) its longest line, allowing a break only after
a period's dash; the width left over goes, a step at a time, to the
column where it shortens the table most.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Advance widths in thousandths of an em of the printable ASCII characters (space to
# "~"): the wider of DejaVu Sans and DejaVu Serif (regular, then bold), LibreOffice's
# stand-ins for Word's Calibri and Cambria where those are not installed.
_REGULAR = (
    318, 402, 460, 838, 636, 950, 890, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 536,
    1000, 722, 735, 765, 802, 730, 694, 799, 872, 395, 401, 747, 664, 1024, 875, 820,
    673, 820, 753, 685, 667, 843, 722, 1028, 712, 660, 695, 390, 337, 390, 838, 500,
    500, 613, 640, 560, 640, 615, 370, 640, 644, 320, 310, 606, 320, 974, 644, 612,
    640, 640, 478, 521, 402, 644, 592, 856, 592, 592, 527, 636, 337, 636, 838,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 903, 306, 473, 473, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 586,
    1000, 776, 845, 796, 867, 762, 710, 854, 945, 468, 473, 869, 703, 1107, 914, 871,
    752, 871, 831, 722, 744, 872, 776, 1123, 776, 724, 730, 473, 365, 473, 838, 500,
    500, 675, 716, 609, 716, 678, 435, 716, 727, 380, 362, 693, 380, 1058, 727, 687,
    716, 716, 527, 595, 478, 727, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)  # fmt: skip
_OTHER = 700
"""A character outside ASCII with no ASCII letter under it: wider than most letters."""
_WIDE = 1000
"""A character of the scripts written in squares (Chinese, Japanese, Korean)."""
SAFETY = 1.06
"""Room to spare on every measured width: fonts and layouts differ a little."""
WORD_SHARE = 0.15
"""The most of a table's width a column may claim for its longest word: a longer word
(an e-mail address, a web address) wraps inside itself rather than starve the other
columns; a date or time (a fixed column) is never capped."""
DASH = " – "
"""Between a period's two dates or times: the only place such a cell may wrap."""


def char_width(ch: str, bold: bool = False) -> int:
    """One character's width in thousandths of an em (an estimate outside ASCII)."""
    table = _BOLD if bold else _REGULAR
    code = ord(ch)
    if 32 <= code < 127:
        return table[code - 32]
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and 32 <= ord(base) < 127:
        return table[ord(base) - 32]
    if unicodedata.category(ch).startswith(("M", "C")):
        return 0  # a combining mark or an invisible character
    return _OTHER


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``text`` in points at ``size`` points."""
    return sum(char_width(ch, bold) for ch in text) * size / 1000


def words(text: str) -> list[str]:
    """The words of ``text``: what a line may not be broken inside."""
    return text.split()


def fixed_pieces(text: str) -> list[str]:
    """A date or time cell's unbreakable pieces: its lines, each split only after a dash."""
    out = []
    for line in text.split("\n"):
        parts = line.strip().split(DASH)
        out += [p + DASH.rstrip() for p in parts[:-1]] + [parts[-1]]
    return [p for p in out if p]


@dataclass
class _Cell:
    """One cell's words, measured once."""

    paragraphs: list[list[float]]
    """The width of each word, line by line of the cell."""
    space: float
    """The width of a space."""

    def lines(self, width: float) -> int:
        """How many lines the cell takes in a column ``width`` points wide."""
        total = 0
        for para in self.paragraphs:
            total += 1
            used = -1.0
            for w in para:
                if w > width:  # broken mid-word: only when nothing else is possible
                    pieces = math.ceil(w / width) if width > 0 else 1
                    total += pieces - 1 + (0 if used < 0 else 1)
                    used = w - (pieces - 1) * width
                elif used < 0:
                    used = w
                elif used + self.space + w <= width:
                    used += self.space + w
                else:
                    total += 1
                    used = w
        return total


def _measured(text: str, size: float, bold: bool) -> _Cell:
    paras = [[text_width(w, size, bold) for w in words(line)] for line in text.split("\n")]
    return _Cell([p for p in paras if p] or [[]], text_width(" ", size, bold))


def _least(text: str, size: float, bold: bool, fixed: bool) -> float:
    """The narrowest a column may be for this cell: its longest word (or unbreakable piece)."""
    pieces = fixed_pieces(text) if fixed else words(text)
    return max((text_width(p, size, bold) for p in pieces), default=0.0)


def _sample(rows: Sequence[Sequence[str]], most: int) -> list[Sequence[str]]:
    """At most ``most`` rows spread evenly over ``rows`` (sizing 5,000 rows stays quick)."""
    if len(rows) <= most:
        return list(rows)
    step = len(rows) / most
    return [rows[int(i * step)] for i in range(most)]


def _gain(lines: list[list[int]], column: int, wider: list[int]) -> float:
    """Lines taken off the table's rows by ``column`` having ``wider`` lines; the column's
    own lines (counting far less) break ties between columns."""
    gain = 0.0
    for counts, new in zip(lines, wider, strict=True):
        others = max((n for j, n in enumerate(counts) if j != column), default=0)
        gain += max(counts[column], others) - max(new, others) + (counts[column] - new) / 100
    return gain


def _best_widening(
    table: list[list[_Cell]],
    lines: list[list[int]],
    widths: list[float],
    columns: list[int],
    step: float,
    left: float,
    padding: float,
) -> tuple[int, int, list[int]] | None:
    """The column to widen, by how many steps, and its cells' lines then: the most lines
    saved per step, each column widened by the fewest steps that save any (a column of
    long words saves nothing until a second word fits on a line). A widening that takes
    a line off a row always wins over one that only shortens cells lower than their row
    (counted a hundredth of a line each): otherwise twenty such cells, one step each,
    could starve the column that makes the rows tall."""
    best: tuple[int, int, list[int]] | None = None
    best_rate = (False, 0.0)
    for column in columns:
        steps = 1
        while steps * step <= left + 1e-9:
            width = widths[column] + steps * step - padding
            wider = [cells[column].lines(width) for cells in table]
            gain = _gain(lines, column, wider)
            if gain > 0:
                rate = (gain >= 1, gain / steps)
                if rate > best_rate:
                    best, best_rate = (column, steps, wider), rate
                if gain >= 1:
                    break
            steps += 1
    return best


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    usable: float,
    *,
    size: float,
    padding: float,
    fixed: frozenset[int] = frozenset(),
    sample: int = 150,
) -> list[float]:
    """Widths in points for a table ``usable`` points wide, sized to its text.

    Every column is at least as wide as its longest word (the heading row's words in
    bold) plus ``padding`` (the cell's margins), or :data:`WORD_SHARE` of ``usable``
    when that is less (a longer word then wraps inside itself); a column in ``fixed``
    is as wide as its longest line, which may break only after a period's dash. What is
    left is handed out to the column whose widening takes the most lines off the
    table's rows per step (a row is as tall as its tallest cell), and once nothing
    shortens the table, to the text columns in proportion to their widths. When even
    the longest words do not fit, the columns share the width in proportion to them.
    """
    count = len(header)
    least = [0.0] * count
    for i, title in enumerate(header):
        least[i] = _least(title, size, True, i in fixed)
    for row in rows:
        for i, cell in enumerate(row[:count]):
            least[i] = max(least[i], _least(cell, size, False, i in fixed))
    least = [w * SAFETY + padding for w in least]
    cap = usable * WORD_SHARE
    least = [w if i in fixed else min(w, cap) for i, w in enumerate(least)]
    if sum(least) >= usable:
        return [usable * w / sum(least) for w in least]
    table = [[_measured(t, size, True) for t in header]]
    table += [[_measured(c, size, False) for c in row[:count]] for row in _sample(rows, sample)]
    widths = list(least)
    left = usable - sum(widths)
    step = max(left / 80, 1.0)
    lines = [[cells[i].lines(widths[i] - padding) for i in range(count)] for cells in table]
    free = [i for i in range(count) if i not in fixed]
    while left >= step:
        # A column whose every paragraph is already on one line can gain nothing.
        growing = [
            i
            for i in free
            if any(
                row[i] > len(cells[i].paragraphs) for row, cells in zip(lines, table, strict=True)
            )
        ]
        best = _best_widening(table, lines, widths, growing, step, left, padding)
        if best is None:
            break
        column, steps, new_lines = best
        widths[column] += steps * step
        left -= steps * step
        for counts, new in zip(lines, new_lines, strict=True):
            counts[column] = new
    if left > 0 and free:  # nothing shortens the table any more: the text columns share it
        share = sum(widths[i] for i in free)
        for i in free:
            widths[i] += left * widths[i] / share
    return widths
