"""The chronology's timeline at a glance, above its table: contacts per month and gaps.

Two lines of plain text from :func:`imr_tui.report.timeline.month_strip` (the same facts
as the export's timeline picture), fitted to the width it has, never wrapped, redrawn
whenever the table's rows change or the screen is resized. Hidden while no entry has
a date. A long chronology's timeline is worked out on a thread (5,000 entries take a
tenth of a second or more), so its table takes keys at once; a short one's at once.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import Static
from textual.worker import get_current_worker

from imr_tui.report.blocks import Timeline
from imr_tui.report.timeline import month_strip

FALLBACK_WIDTH = 76
"""The width drawn for before the widget has been laid out."""
ON_A_THREAD = 500
"""From this many entries the timeline is worked out on a thread (below it, a few ms)."""


class _Unset:
    """Not worked out yet."""


_UNSET = _Unset()


class TimelineStrip(Static):
    """``2024 Feb 3 │ Mar 5 │ Apr · │ May 2``, then the gaps over the catalogue's threshold."""

    DEFAULT_CSS = """
    TimelineStrip {
        height: auto;
        max-height: 2;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(
        self, timeline: Callable[[], Timeline | None], entries: Callable[[], int] = lambda: 0
    ) -> None:
        super().__init__("", markup=False, id="timeline-strip")
        self.timeline = timeline
        """The chronology's timeline as it now is (``None`` when no entry has a date); it
        only reads the review, so it may run on a thread."""
        self.entries = entries
        """How many entries the chronology has (a long one is worked out on a thread)."""
        self._block: Timeline | _Unset | None = _UNSET
        self._shown: tuple[Timeline | _Unset | None, int] = (_UNSET, 0)
        """The timeline and the width last drawn."""
        """The timeline last worked out (a long chronology's takes a good part of a
        second: it is worked out when the entries change, not when the screen is resized)."""

    def on_mount(self) -> None:
        self.update_strip()

    def on_resize(self) -> None:
        self._draw()  # the same timeline, fitted again: not worked out again

    def update_strip(self) -> None:
        """Work the timeline out again (after the entries changed) and draw it."""
        if self.entries() < ON_A_THREAD:
            self.workers.cancel_group(self, "timeline")  # an older, longer one's result
            self._block = self.timeline()
            self._draw()
        else:
            self.run_worker(
                self._work_out, thread=True, exclusive=True, group="timeline", exit_on_error=False
            )

    def _work_out(self) -> None:
        """On a thread: the timeline and its lines at the width the strip has, drawn
        unless a newer one was asked for meanwhile."""
        block = self.timeline()
        width = self._width()
        lines = month_strip(block, width) if block is not None else ""
        if not get_current_worker().is_cancelled and self.app.is_running:
            self.app.call_from_thread(self._worked_out, block, width, lines)

    def _worked_out(self, block: Timeline | None, width: int, lines: str) -> None:
        self._block = block
        if width == self._width():
            self._show(block, lines)
        else:  # resized meanwhile
            self._draw()

    def _width(self) -> int:
        return self.content_size.width or FALLBACK_WIDTH

    def _draw(self) -> None:
        block = self._block
        if isinstance(block, _Unset):
            return  # being worked out
        if self._shown[0] is block and self._shown[1] == self._width():
            return  # a resize that changed only its height (the lines arriving)
        self._show(block, month_strip(block, self._width()) if block is not None else "")

    def _show(self, block: Timeline | None, lines: str) -> None:
        self._shown = (block, self._width())
        self.display = block is not None
        if block is not None:
            self.update(Text(lines, no_wrap=True, overflow="ellipsis"))
