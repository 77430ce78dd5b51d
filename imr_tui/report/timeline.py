"""The chronology's timeline: the facts the timeline picture and the screen's strip show.

:func:`timeline_block` turns a review's dated chronology entries into a
:class:`~imr_tui.report.blocks.Timeline` (one lane); :func:`composite_timeline` does the
same for ``imr merge`` with one lane per agency. A month- or year-only date spans its
month or year and is approximate, as is a date the author marked with ``?``. A time
with no recorded contact longer than the catalogue's ``chronology.gap_days`` is a gap
(:func:`lane_gaps`) by the one rule the chronology check reports
(:mod:`imr_tui.core.contact_gaps`): between contacts, from the review period's start to
the first and from the last to the period's end; a month- or year-only date closes no
gap; an entry recording no contact is not a contact (it is not counted) and explains
the gap next to it (which is then not shaded); nor is an entry whose event says nothing
(not counted, not drawn). :func:`month_strip` gives the
interview's chronology screen the same at a glance, as one or two lines of text.

Only the standard library and the core are imported; the picture itself is drawn by
:mod:`imr_tui.report.timeline_picture`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.contact_gaps import (
    Span,
    contact_gaps,
    entry_span,
    event_columns,
    short_columns,
    span_of,
)
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.report.blocks import Timeline, TimelineLane, TimelinePoint

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Month names as the strip shows them (always English, as the report is)."""


def entry_point(
    entry: ChronologyEntry, no_contact_words: Sequence[str] = (), catalogue: Catalogue | None = None
) -> TimelinePoint | None:
    """The entry on the timeline, or ``None`` when it has no date; whether it records no
    contact, or says nothing, by the catalogue's rule when ``catalogue`` is given
    (:func:`~imr_tui.core.contact_gaps.span_of`), else by ``no_contact_words``."""
    span = span_of(entry, catalogue) if catalogue else entry_span(entry, no_contact_words)
    return _point(entry, span)


def _point(entry: ChronologyEntry, span: Span | None) -> TimelinePoint | None:
    if span is None:
        return None
    when, until = entry.when, entry.until
    approximate = bool(when and when.approximate) or bool(until and until.approximate)
    return TimelinePoint(
        span.start,
        span.end,
        approximate,
        span.sure_start,
        span.sure_end,
        span.no_contact,
        span.says_nothing,
    )


def _span(point: TimelinePoint) -> Span:
    sure_start = point.start if point.sure_start is None else point.sure_start
    sure_end = point.end if point.sure_end is None else point.sure_end
    return Span(point.start, point.end, sure_start, sure_end, point.no_contact, point.says_nothing)


def _points(entries: Iterable[ChronologyEntry], catalogue: Catalogue) -> tuple[TimelinePoint, ...]:
    rule = (catalogue.checks.no_contact_words, short_columns(catalogue), event_columns(catalogue))
    found = (_point(e, entry_span(e, *rule)) for e in entries)  # the rule worked out once
    return tuple(sorted((p for p in found if p), key=lambda p: (p.start, p.end)))


def _build(
    lanes: Sequence[TimelineLane], period: tuple[date | None, date | None], catalogue: Catalogue
) -> Timeline | None:
    points = [p for lane in lanes for p in lane.points]
    if not points:
        return None
    firsts = [p.start for p in points] + [d for d in (period[0], period[1]) if d]
    lasts = [p.end for p in points] + [d for d in (period[0], period[1]) if d]
    return Timeline(
        title=catalogue.export.timeline_title,
        start=min(firsts),
        end=max(lasts),
        period=period,
        lanes=tuple(lanes),
        gap_days=catalogue.chronology.gap_days,
    )


def timeline_block(review: Review, catalogue: Catalogue) -> Timeline | None:
    """The review's chronology as a timeline of one lane, or ``None`` when no entry has a
    date. It spans the review period and every dated entry (one outside the period too)."""
    rp = review.review_period
    lane = TimelineLane("", _points(review.chronology, catalogue), (rp.start, rp.end))
    return _build([lane], (rp.start, rp.end), catalogue)


def composite_timeline(
    agencies: Sequence[tuple[str, Review]], catalogue: Catalogue
) -> Timeline | None:
    """``imr merge``'s timeline: one lane per agency, labelled as the merge names it, in
    the order given (``None`` when no agency has a dated entry). The review period
    drawn is the one the agencies share, or, when they differ, from the earliest start
    to the latest end; each lane keeps its own period for its gaps."""
    lanes = []
    for label, review in agencies:
        rp = review.review_period
        lanes.append(TimelineLane(label, _points(review.chronology, catalogue), (rp.start, rp.end)))
    starts = [lane.period[0] for lane in lanes if lane.period[0]]
    ends = [lane.period[1] for lane in lanes if lane.period[1]]
    period = (min(starts) if starts else None, max(ends) if ends else None)
    return _build(lanes, period, catalogue)


# ---------------------------------------------------------------- gaps


def lane_gaps(block: Timeline, lane: TimelineLane) -> list[tuple[date, date]]:
    """The lane's gaps the chronology check reports, as ``(first day, last day)`` of no
    contact, in order: :func:`~imr_tui.core.contact_gaps.contact_gaps` within the lane's
    review period (or the timeline's, when the lane has none), the explained ones left
    out."""
    period = (lane.period[0] or block.period[0], lane.period[1] or block.period[1])
    found = contact_gaps([_span(p) for p in lane.points], period, block.gap_days)
    return [(g.first, g.last) for g in found if not g.explained]


# ---------------------------------------------------------------- the screen's strip


def _months(first: date, last: date) -> list[tuple[int, int]]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _cells(
    block: Timeline, unit: str
) -> list[tuple[str, str, int, bool]]:  # (year shown, label, count, approximate)
    counts: dict[tuple[int, int], int] = {}
    approx: set[tuple[int, int]] = set()

    def key(d: date) -> tuple[int, int]:
        if unit == "month":
            return (d.year, d.month)
        if unit == "quarter":
            return (d.year, (d.month - 1) // 3 + 1)
        return (d.year, 0)

    for lane in block.lanes:
        for p in lane.points:
            if p.no_contact or p.says_nothing:
                continue
            k = key(p.start)
            counts[k] = counts.get(k, 0) + 1
            if p.approximate:
                approx.add(k)
    keys: list[tuple[int, int]] = []
    for y, m in _months(block.start, block.end):
        k = key(date(y, m, 1))
        if not keys or keys[-1] != k:
            keys.append(k)
    out = []
    for y, part in keys:
        if unit == "month":
            label = MONTH_NAMES[part - 1]
        elif unit == "quarter":
            label = f"Q{part}"
        else:
            label = ""
        out.append((str(y), label, counts.get((y, part), 0), (y, part) in approx))
    return out


def _line(cells: list[tuple[str, str, int, bool]], sep: str, tight: bool = False) -> str:
    parts = []
    year_shown = ""
    for year, label, count, approximate in cells:
        shown = "·" if not count else f"{count}{'?' if approximate else ''}"
        name = label if year == year_shown else f"{year} {label}".strip()
        year_shown = year
        parts.append(f"{name}{'' if tight and label else ' '}{shown}")
    return sep.join(parts)


def _gap_lines(block: Timeline) -> list[str]:
    """What the strip says of the gaps, from the fullest wording to the shortest."""
    gaps = [g for lane in block.lanes for g in lane_gaps(block, lane)]
    if not gaps:
        return [f"No gap over {block.gap_days} days", f"No gap > {block.gap_days} days"]
    first, last = max(gaps, key=lambda g: ((g[1] - g[0]).days, -g[0].toordinal()))
    days = (last - first).days + 1
    n = len(gaps)
    counted = f"{n} gap{'' if n == 1 else 's'} over {block.gap_days} days"
    longest = "longest " if n > 1 else ""
    return [
        f"{counted} ({longest}{days} days from {first:%d/%m/%Y})",
        f"{counted} ({longest}{days} days)",
        counted,
        f"{n} gap{'' if n == 1 else 's'} > {block.gap_days} days",
    ]


def _fit(choices: Iterable[str], width: int) -> str:
    """The first choice no wider than ``width``, else the last one cut with ``…``."""
    last = ""
    for last in choices:
        if len(last) <= width:
            return last
    return last[: width - 1] + "…"


def month_strip(block: Timeline, width: int) -> str:
    """The timeline as two lines of at most ``width`` characters: contacts per month
    (``2024 Feb 3 │ Mar 5 │ Apr · │ May 2?``: ``·`` none, ``?`` some of them approximate;
    closer together, ``2024 Feb3 Mar5 Apr· May2?``, or per quarter or per year when the
    months do not fit), then the gaps longer than the catalogue's threshold (how many,
    the longest and where it starts, as far as the width allows)."""
    width = max(width, 1)
    first = _fit(
        (
            _line(_cells(block, unit), sep, tight)
            for unit, sep, tight in (
                ("month", " │ ", False),
                ("month", " ", False),
                ("month", " ", True),
                ("quarter", " │ ", False),
                ("quarter", " ", False),
                ("year", " │ ", False),
                ("year", " ", False),
            )
        ),
        width,
    )
    return f"{first}\n{_fit(_gap_lines(block), width)}"
