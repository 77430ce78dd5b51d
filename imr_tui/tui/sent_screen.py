"""What the terminal shows, cell by cell, so that a frame sends only what changed.

Textual redraws whole regions: a character typed into a long answer makes it send
every visible line of the text box again (about 2.5 KB at 80x24), which a 64 kbit/s
link takes a third of a second to carry. :class:`SentScreen` keeps a copy of every
cell already sent (its character and how it is drawn), lays each of Textual's
updates over that copy, and writes only the cells that differ: for a typed
character, the character and the cursor beside it.

It is exact by construction: each frame is compared with what was sent, never
with what Textual thinks changed, and a cell whose state is not known (the first
frame, after a change of size, after the app was suspended, or after
:meth:`SentScreen.forget`) is always sent. ``tests/test_sent_screen.py`` checks,
with a terminal emulator, that the terminal shows exactly what a full redraw
would, cell by cell, while typing, deleting, wrapping, scrolling, pasting and
undoing.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len, split_graphemes
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.strip import Strip

Cell = tuple[str, str]
"""One cell: its text (a character and any combining marks; ``""`` for the right
half of a wide character) and a key for how it is drawn (SGR codes and link)."""

UNKNOWN: Cell = ("\x00", "\x00unknown")
"""A cell whose content on the terminal is not known: never equal to a real one."""

JOIN_GAP = 4
"""Unchanged cells between two changes that are re-sent rather than moving the
cursor (a move costs about as many bytes)."""

_NO_STYLE = ""


class StyleKeys:
    """How each Rich style is drawn, as a short key, and how to draw a key again."""

    def __init__(self, color_system: ColorSystem) -> None:
        self.color_system = color_system
        self._keys: dict[Style, str] = {}
        self._drawn: dict[str, tuple[str, str]] = {_NO_STYLE: ("", "")}

    def key(self, style: Style | None) -> str:
        """The key of ``style``: equal keys draw identically (metadata is ignored)."""
        if style is None:
            return _NO_STYLE
        key = self._keys.get(style)
        if key is None:
            # worked out for this terminal's colours (a style's own cached codes may
            # have been made for another console's)
            ansi = Strip.render_ansi(style, self.color_system)
            link = style._link or ""
            key = f"{ansi}\x00{link}" if link else ansi
            self._keys[style] = key
            self._drawn[key] = (ansi, link)
        return key

    def drawn(self, key: str) -> tuple[str, str]:
        """The SGR parameters and the link address of a key."""
        return self._drawn[key]


def _join_previous(cells: list[Cell], text: str) -> None:
    """Text that takes no cell joins the grapheme before it (if there is one)."""
    at = len(cells) - 1
    while at > 0 and cells[at][0] == "":
        at -= 1
    if at >= 0:
        before, before_key = cells[at]
        cells[at] = (before + text, before_key)


def _cells(segments: Iterable[Segment], keys: StyleKeys, limit: int) -> list[Cell]:
    """The cells a run of segments covers (at most ``limit``), measured as Textual lays
    them out: a grapheme (a character with its combining marks, an emoji with its
    joiners and variation selector) is one cell, or two for a wide one.

    Each segment takes exactly the cells Rich's ``cell_len`` gives it (what Textual
    places the next segment by); where splitting it into graphemes disagrees with
    that, the whole segment is kept as one block of that many cells.
    """
    cells: list[Cell] = []
    append = cells.append
    for text, style, _control in segments:
        if not text:
            continue
        key = keys.key(style)
        if text.isascii():
            cells.extend([(ch, key) for ch in text])
        else:
            first = len(cells)
            spans, _width = split_graphemes(text)
            for start, end, width in spans:
                grapheme = text[start:end]
                if width:
                    append((grapheme, key))
                    cells.extend([("", key)] * (width - 1))
                elif len(cells) > first:
                    _join_previous(cells, grapheme)
                else:
                    append((grapheme, key))  # a cell it may not have: settled below
            target = cell_len(text)
            if len(cells) - first != target:
                del cells[first:]
                if target:
                    cells.append((text, key))
                    cells.extend([("", key)] * (target - 1))
                else:
                    _join_previous(cells, text)
        if len(cells) >= limit:
            break
    del cells[limit:]
    return cells


class SentScreen:
    """The terminal's cells as last sent; turns each update into only what changed."""

    def __init__(self, color_system: ColorSystem = ColorSystem.TRUECOLOR) -> None:
        self.keys = StyleKeys(color_system)
        self.width = 0
        self.height = 0
        self.rows: list[list[Cell]] = []
        self.runs = 0
        """How many separate runs of cells the last update sent."""
        self.cursor: tuple[int, int] | None = None
        """Where the terminal's cursor is (x, y), if known."""

    def forget(self, width: int | None = None, height: int | None = None) -> None:
        """Nothing on the terminal is known any more: the next frames send every cell."""
        if width is not None and height is not None:
            self.width, self.height = width, height
        self.rows = [[UNKNOWN] * self.width for _ in range(self.height)]
        self.cursor = None

    def set_color_system(self, color_system: ColorSystem) -> None:
        """Draw with ``color_system`` from now on (forgets what was sent)."""
        if color_system != self.keys.color_system:
            self.keys = StyleKeys(color_system)
            self.forget()

    # ------------------------------------------------------------------ laying updates
    def _pieces(self, update: CompositorUpdate) -> Iterable[tuple[int, int, list[Cell]]]:
        """``(y, x, cells)`` for every piece of the update, as Textual would draw it."""
        keys = self.keys
        width = self.width
        if isinstance(update, LayoutUpdate):
            x = update.region.x
            for y, line in enumerate(update.strips, update.region.y):
                segments = [segment for strip in line for segment in strip]
                yield y, x, _cells(segments, keys, max(0, width - x))
        elif isinstance(update, ChopsUpdate):
            chops = update.chops
            chop_ends = update.chop_ends
            for y, x1, x2 in update.spans:
                for end, (x, strip) in zip(chop_ends[y], chops[y].items(), strict=False):
                    if strip is None or x > x2 or end <= x1:
                        continue
                    limit = min(end, x2, width) - x
                    if limit > 0:
                        yield y, x, _cells(strip, keys, limit)
        else:
            raise TypeError(f"not a full-screen update: {type(update).__name__}")

    def frame(self, update: CompositorUpdate, cursor: tuple[int, int]) -> str:
        """The terminal sequence that makes the screen show ``update`` laid over what
        was sent and leaves the terminal's cursor at ``cursor`` (x, y); ``""`` when
        nothing changes. The copy is updated to match."""
        touched: dict[int, tuple[list[Cell], int, int]] = {}
        height = self.height
        for y, x, cells in self._pieces(update):
            if not 0 <= y < height or not cells:
                continue
            got = touched.get(y)
            if got is None:
                row = list(self.rows[y])
                lo, hi = x, x + len(cells)
            else:
                row, lo, hi = got
                lo, hi = min(lo, x), max(hi, x + len(cells))
            row[x : x + len(cells)] = cells
            touched[y] = (row, lo, hi)
        out: list[str] = []
        runs = 0
        at = self.cursor
        for y in sorted(touched):
            row, lo, hi = touched[y]
            old = self.rows[y]
            for start, stop in _changed(old, row, lo, hi):
                out.append(_move(at, (start, y)))
                out.append(self._draw(row[start:stop]))
                # at the right edge the terminal's cursor waits to wrap: not known
                at = (stop, y) if stop < self.width else None
                runs += 1
            self.rows[y] = row
        self.runs = runs
        out.append(_move(at, cursor))
        self.cursor = cursor
        return "".join(out)

    def _draw(self, cells: list[Cell]) -> str:
        """Cells as text and SGR codes; the terminal's style is reset at the end."""
        parts: list[str] = []
        current = _NO_STYLE
        link = ""
        for text, key in cells:
            if key != current:
                ansi, new_link = self.keys.drawn(key)
                if link and new_link != link:
                    parts.append("\x1b]8;;\x1b\\")
                parts.append(f"\x1b[0;{ansi}m" if ansi else "\x1b[0m")
                if new_link and new_link != link:
                    parts.append(f"\x1b]8;;{new_link}\x1b\\")
                link = new_link
                current = key
            parts.append(text)
        if link:
            parts.append("\x1b]8;;\x1b\\")
        if current != _NO_STYLE:
            parts.append("\x1b[0m")
        return "".join(parts)


def _changed(old: list[Cell], new: list[Cell], lo: int, hi: int) -> list[tuple[int, int]]:
    """Runs ``[start, stop)`` within ``[lo, hi)`` where ``new`` differs from ``old``,
    joined across short unchanged gaps."""
    runs: list[tuple[int, int]] = []
    x = lo
    while x < hi:
        if old[x] == new[x]:
            x += 1
            continue
        start = x
        while x < hi and old[x] != new[x]:
            x += 1
        stop = x
        # A run never starts on the right half of a wide character: that half has
        # the same text and key as in the old row unless the character changed.
        if runs and start - runs[-1][1] <= JOIN_GAP and UNKNOWN not in new[runs[-1][1] : start]:
            runs[-1] = (runs[-1][0], stop)
        else:
            runs.append((start, stop))
    return runs


def _move(at: tuple[int, int] | None, to: tuple[int, int]) -> str:
    """The shortest way to move the terminal's cursor from ``at`` (None: not known) to ``to``."""
    if at == to:
        return ""
    x, y = to
    absolute = f"\x1b[{y + 1};{x + 1}H"
    if at is None or at[1] != y:
        return absolute
    if x == 0:
        return "\r"
    dx = x - at[0]
    relative = (
        ("\x1b[C" if dx == 1 else f"\x1b[{dx}C")
        if dx > 0
        else ("\x1b[D" if dx == -1 else f"\x1b[{-dx}D")
    )
    return relative if len(relative) < len(absolute) else absolute
