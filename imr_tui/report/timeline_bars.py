"""The timeline picture's measures and bars, apart from drawing (no matplotlib here):
its size and colours, the weeks or months its bars count, and how each entry is marked.

Used by :mod:`imr_tui.report.timeline_picture` (the drawing) and
:mod:`imr_tui.report.timeline_legend` (its legend).
"""

from __future__ import annotations

from datetime import date, timedelta

from imr_tui.report.blocks import Timeline, TimelineLane, TimelinePoint

DPI = 150
WIDTH_INCHES = 1600 / DPI
LANE_INCHES = 1.55
"""Height of one lane; the first lane's picture is 450 pixels high."""
EXTRA_INCHES = 450 / DPI - LANE_INCHES
"""Room above the first lane, the legend and month labels."""
TOP_INCHES = 0.25
"""Room above the first lane (the caption is printed under the picture, not in it)."""
BOTTOM_INCHES = 0.75
"""Room for the month labels and the legend under the last lane."""
LEGEND_MARGIN = 8
"""Pixels the legend keeps from the picture's left and right edges."""
LEGEND_ROW_INCHES = 0.2
"""Room added under the lanes for each further row of the legend."""
WEEKS_UP_TO_DAYS = 190
"""Contacts are counted per week over a span up to about six months, per month beyond."""
LABEL_CHARS = 22
"""A lane's label is wrapped at this many characters, on at most two lines."""

EXACT = "#1f5f8b"
APPROXIMATE = "#8fb8d8"
GAP = "#d9d9d9"
PERIOD = "#b23a2e"
DAY = "#d07000"
NONE = "#555555"
LASTING_WIDTH = 4
"""The width of the line drawn over a lasting event's days."""
WIDE_LINE = (0, (3, 2))
QUIET_LINE = (0, (1.5, 1))
"""A time of no contact (a no-contact entry with an end date): grey, finely dashed."""
QUIET_WIDTH = 3
"""The dash of a date known only to a month or year, over the days it could be."""


def buckets(block: Timeline) -> list[date]:
    """The first day of each bar's week (Mondays) or month, covering the timeline."""
    if weekly(block):
        day = block.start - timedelta(days=block.start.weekday())
        out = []
        while day <= block.end:
            out.append(day)
            day += timedelta(days=7)
        return out
    y, m = block.start.year, block.start.month
    out = []
    while date(y, m, 1) <= block.end:
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def bucket(buckets: list[date], day: date) -> int:
    import bisect

    return max(bisect.bisect_right(buckets, day) - 1, 0)


def lasting(p: TimelinePoint) -> bool:
    """Whether the point is an event lasting more than one certain day (a period entry,
    02/07/2025 to 11/08/2025): drawn as a line over its days, not a mark on one."""
    sure_start = p.start if p.sure_start is None else p.sure_start
    sure_end = p.end if p.sure_end is None else p.sure_end
    return sure_end > sure_start


def wide(p: TimelinePoint, buckets: list[date]) -> bool:
    """Whether the point is an approximate date wider than one bar (a year-only date, or
    a month-only one when bars are weeks): drawn as the span it could be in."""
    return p.approximate and not lasting(p) and bucket(buckets, p.start) != bucket(buckets, p.end)


def counts(lane: TimelineLane, buckets: list[date]) -> tuple[list[int], list[int]]:
    """Exact and approximate contacts per bucket (an entry counts where it starts); an
    entry recording no contact is not counted, nor is a wide approximate one."""
    exact = [0] * len(buckets)
    approximate = [0] * len(buckets)
    for p in lane.points:
        if p.no_contact or p.says_nothing or wide(p, buckets):
            continue
        (approximate if p.approximate else exact)[bucket(buckets, p.start)] += 1
    return exact, approximate


def kind(p: TimelinePoint, buckets: list[date]) -> str:
    """How a point is marked: ``exact``, ``approximate``, ``none`` (no contact on a day),
    ``quiet`` (no contact over a period: a grey dashed line over its days), ``nothing``
    (its event is empty: not drawn), ``lasting`` (a solid line over its days) or ``wide``
    (a dashed span)."""
    if p.no_contact:
        return "quiet" if lasting(p) else "none"
    if p.says_nothing:
        return "nothing"
    if lasting(p):
        return "lasting"
    if wide(p, buckets):
        return "wide"
    return "approximate" if p.approximate else "exact"


def weekly(block: Timeline) -> bool:
    """Whether contacts are counted per week (else per month)."""
    return (block.end - block.start).days <= WEEKS_UP_TO_DAYS


def after(buckets: list[date], weekly: bool) -> date:
    """The day after the last bucket ends."""
    last = buckets[-1]
    if weekly:
        return last + timedelta(days=7)
    return date(last.year + (last.month == 12), last.month % 12 + 1, 1)
