"""The chronology's timeline at a glance, above its table: contacts per month and gaps.

Two lines of plain text from :func:`imr_tui.report.timeline.month_strip` (the same facts
as the export's timeline picture), fitted to the width it has, never wrapped, redrawn
whenever the table's rows change or the screen is resized. Hidden while no entry has
a date.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import Static

from imr_tui.report.blocks import Timeline
from imr_tui.report.timeline import month_strip

FALLBACK_WIDTH = 76
"""The width drawn for before the widget has been laid out."""


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

    def __init__(self, timeline: Callable[[], Timeline | None]) -> None:
        super().__init__("", markup=False, id="timeline-strip")
        self.timeline = timeline
        """The chronology's timeline as it now is (``None`` when no entry has a date)."""
        self._block: Timeline | _Unset | None = _UNSET
        """The timeline last worked out (a long chronology's takes a good part of a
        second: it is worked out when the entries change, not when the screen is resized)."""

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()  # the same timeline, fitted again: not worked out again

    def update_strip(self) -> None:
        """Work the timeline out again (after the entries changed) and draw it."""
        self._block = self.timeline()
        self._draw()

    def _draw(self) -> None:
        if self._block is _UNSET:
            self._block = self.timeline()
        block = self._block
        self.display = block is not None
        if block is None or isinstance(block, _Unset):
            return
        width = self.content_size.width or FALLBACK_WIDTH
        self.update(Text(month_strip(block, width), no_wrap=True, overflow="ellipsis"))
