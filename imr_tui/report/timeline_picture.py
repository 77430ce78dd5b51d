"""The timeline picture (PNG) drawn from a :class:`~imr_tui.report.blocks.Timeline`.

Drawn with matplotlib, an optional extra (``pip install 'imr-tui[timeline]'``),
imported only when a picture is drawn so the program starts as fast without it. The
picture is A4 landscape's width (1600 pixels at 150 dpi): one lane per agency, each
with its contacts per week (a span up to about six months) or per month as bars,
approximate dates hatched and stacked on the exact ones (a date known only to a month
or year wider than a bar is drawn as a dashed line over the days it could be, not as
a bar), entries recording no contact as crosses (not counted), the gaps the
chronology check reports shaded (:func:`~imr_tui.report.timeline.lane_gaps`), the
review period marked by dashed lines, months labelled under the last lane. The caption
is the report's (printed under the picture), so the picture has no title of its own;
its legend lists only what it shows. The same timeline always gives the same bytes: nothing
of the time of drawing or of the program's version is written into the file, and the
user's own matplotlib settings are not used.

Nothing is sent anywhere. Matplotlib keeps a font cache in its cache folder; when that
cannot be written (a read-only home), a private temporary folder is used instead.
"""

from __future__ import annotations

import io
import os
import tempfile
import unicodedata
import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.core.errors import UserError
from imr_tui.report.blocks import Timeline, TimelineLane, TimelinePoint
from imr_tui.report.timeline import lane_gaps

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

MISSING = "The timeline picture needs the timeline extra: pip install 'imr-tui[timeline]'"
"""What is said when matplotlib is not installed."""

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
"""The dash of a date known only to a month or year, over the days it could be."""


def timeline_available() -> bool:
    """Whether the timeline picture can be drawn (the ``timeline`` extra is installed)."""
    import importlib.util
    import sys

    if "matplotlib" in sys.modules:  # already imported (or known to be missing: None)
        return sys.modules["matplotlib"] is not None
    return importlib.util.find_spec("matplotlib") is not None


def _private_config_dir() -> None:
    """Point matplotlib at a private temporary folder when its own cannot be written."""
    if os.environ.get("MPLCONFIGDIR"):
        return
    home_cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(home_cache) / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=folder)  # noqa: SIM115
        probe.close()
    except OSError:
        os.environ["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="imr-mpl-")


def _shown(text: str) -> str:
    """A lane's label as drawn: at most two short lines, no control characters, cut to fit
    (the whole name is in the report's table)."""
    import textwrap

    flat = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    lines = textwrap.wrap(" ".join(flat.split()), LABEL_CHARS, break_long_words=True)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LABEL_CHARS - 1] + "…"]
    return "\n".join(lines)


def _buckets(block: Timeline) -> list[date]:
    """The first day of each bar's week (Mondays) or month, covering the timeline."""
    if _weekly(block):
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


def _bucket(buckets: list[date], day: date) -> int:
    import bisect

    return max(bisect.bisect_right(buckets, day) - 1, 0)


def _lasting(p: TimelinePoint) -> bool:
    """Whether the point is an event lasting more than one certain day (a period entry,
    02/07/2025 to 11/08/2025): drawn as a line over its days, not a mark on one."""
    sure_start = p.start if p.sure_start is None else p.sure_start
    sure_end = p.end if p.sure_end is None else p.sure_end
    return sure_end > sure_start


def _wide(p: TimelinePoint, buckets: list[date]) -> bool:
    """Whether the point is an approximate date wider than one bar (a year-only date, or
    a month-only one when bars are weeks): drawn as the span it could be in."""
    return (
        p.approximate and not _lasting(p) and _bucket(buckets, p.start) != _bucket(buckets, p.end)
    )


def _counts(lane: TimelineLane, buckets: list[date]) -> tuple[list[int], list[int]]:
    """Exact and approximate contacts per bucket (an entry counts where it starts); an
    entry recording no contact is not counted, nor is a wide approximate one."""
    exact = [0] * len(buckets)
    approximate = [0] * len(buckets)
    for p in lane.points:
        if p.no_contact or p.says_nothing or _wide(p, buckets):
            continue
        (approximate if p.approximate else exact)[_bucket(buckets, p.start)] += 1
    return exact, approximate


def _num(day: date) -> float:
    """The day as matplotlib's dates axis counts."""
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _limits(block: Timeline) -> tuple[float, float]:
    """The x range: the timeline with a little room either side, so the review period's
    lines are never on the frame."""
    left, right = _num(block.start), _num(block.end + timedelta(days=1))
    pad = max((right - left) * 0.015, 1.0)
    return left - pad, right + pad


def _draw_lane(ax: Axes, block: Timeline, lane: TimelineLane, buckets: list[date]) -> None:
    from matplotlib.ticker import MaxNLocator

    left, right = _limits(block)
    for first, last in lane_gaps(block, lane):
        ax.axvspan(_num(first), _num(last + timedelta(days=1)), color=GAP, lw=0, zorder=0)
    start, end = lane.period[0] or block.period[0], lane.period[1] or block.period[1]
    for d in (start, end and end + timedelta(days=1)):
        if d:
            ax.axvline(_num(d), color=PERIOD, lw=1.4, ls=(0, (5, 3)), zorder=3)
    exact, approx = _counts(lane, buckets)
    edges = [*(_num(b) for b in buckets), _num(_after(buckets, _weekly(block)))]
    xs = [e + (edges[i + 1] - e) * 0.1 for i, e in enumerate(edges[:-1])]
    widths = [(edges[i + 1] - edges[i]) * 0.8 for i in range(len(buckets))]
    ax.bar(xs, exact, widths, align="edge", color=EXACT, lw=0, zorder=2, alpha=0.9)
    ax.bar(
        xs,
        approx,
        widths,
        bottom=exact,
        align="edge",
        facecolor="white",
        edgecolor=EXACT,
        hatch="////",
        lw=0.8,
        zorder=2,
    )
    # each contact's own day, under the bars: a stroke, or a hollow ring when approximate;
    # a lasting event a solid line over its days
    for p in lane.points:
        if _kind(p, buckets) == "lasting":
            ax.plot(
                [_num(p.start), _num(p.end + timedelta(days=1))],
                [0, 0],
                color=DAY,
                lw=LASTING_WIDTH,
                solid_capstyle="butt",
                clip_on=False,
                zorder=4,
            )
        if _kind(p, buckets) == "wide":
            ax.plot(
                [_num(p.start), _num(p.end + timedelta(days=1))],
                [0, 0],
                color=DAY,
                lw=2,
                ls=WIDE_LINE,
                clip_on=False,
                zorder=4,
            )
    for kind, marker in (("exact", "|"), ("approximate", "o"), ("none", "x")):
        days = [
            _num(p.start) + (_num(p.end) + 1 - _num(p.start)) / 2
            for p in lane.points
            if _kind(p, buckets) == kind
        ]
        if days:
            ax.plot(
                days,
                [0] * len(days),
                ls="none",
                marker=marker,
                ms=9 if marker == "|" else 5,
                mew=1.2,
                color=NONE if marker == "x" else DAY,
                mfc="none",
                clip_on=False,
                zorder=4,
            )
    top = max((e + a for e, a in zip(exact, approx, strict=True)), default=0)
    ax.set_ylim(0, max(top, 1) * 1.15)
    ax.set_xlim(left, right)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=8)
    if lane.label:
        ax.set_ylabel(_shown(lane.label), rotation=0, ha="right", va="center", fontsize=8)
        ax.yaxis.label.set_parse_math(False)


def _kind(p: TimelinePoint, buckets: list[date]) -> str:
    """How a point is marked: ``exact``, ``approximate``, ``none`` (no contact),
    ``nothing`` (its event is empty: not drawn), ``lasting`` (a solid line over its days)
    or ``wide`` (a dashed span)."""
    if p.no_contact:
        return "none"
    if p.says_nothing:
        return "nothing"
    if _lasting(p):
        return "lasting"
    if _wide(p, buckets):
        return "wide"
    return "approximate" if p.approximate else "exact"


def _weekly(block: Timeline) -> bool:
    """Whether contacts are counted per week (else per month)."""
    return (block.end - block.start).days <= WEEKS_UP_TO_DAYS


def _after(buckets: list[date], weekly: bool) -> date:
    """The day after the last bucket ends."""
    last = buckets[-1]
    if weekly:
        return last + timedelta(days=7)
    return date(last.year + (last.month == 12), last.month % 12 + 1, 1)


def _month_axis(ax: Axes, block: Timeline) -> None:
    from matplotlib.dates import DateFormatter, MonthLocator

    months = (block.end.year - block.start.year) * 12 + block.end.month - block.start.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= 14)
    every = {"interval": step} if step < 12 else {"bymonth": (1,), "interval": step // 12}
    locator = MonthLocator(**every)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    shown = DateFormatter("%b %Y" if step < 12 else "%Y")  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(shown)
    ax.tick_params(axis="x", labelsize=8)


def _handles(block: Timeline, buckets: list[date]) -> list[Artist]:
    """The legend's items: only what the picture shows."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    kinds = {_kind(p, buckets) for lane in block.lanes for p in lane.points}
    unit = "week" if _weekly(block) else "month"
    handles: list[Artist] = []
    if kinds & {"exact", "approximate"}:
        handles.append(Patch(facecolor=EXACT, label=f"Contacts per {unit}"))
    if "approximate" in kinds:
        hatched = Patch(facecolor="white", edgecolor=EXACT, hatch="////", label="Approximate dates")
        handles.append(hatched)
    if "exact" in kinds:
        handles.append(
            Line2D([], [], color=DAY, ls="none", marker="|", ms=9, mew=1.2, label="A contact's day")
        )
    if "lasting" in kinds:
        handles.append(
            Line2D(
                [],
                [],
                color=DAY,
                lw=LASTING_WIDTH,
                solid_capstyle="butt",
                label="A lasting contact's days",
            )
        )
    if "wide" in kinds:
        handles.append(
            Line2D([], [], color=DAY, lw=2, ls=WIDE_LINE, label="Known only to the month or year")
        )
    if "none" in kinds:
        handles.append(
            Line2D(
                [],
                [],
                color=NONE,
                ls="none",
                marker="x",
                ms=5,
                mew=1.2,
                label="No contact recorded",
            )
        )
    if any(lane_gaps(block, lane) for lane in block.lanes):
        handles.append(
            Patch(facecolor=GAP, label=f"No recorded contact for more than {block.gap_days} days")
        )
    if block.period[0] or block.period[1]:
        handles.append(Line2D([], [], color=PERIOD, lw=1.4, ls=(0, (5, 3)), label="Review period"))
    return handles


def _layout(fig: Any, lanes: int, rows: int, labelled: bool) -> None:
    """Size the figure for ``lanes`` lanes and a legend of ``rows`` rows, and place the
    lanes in it (each further row of the legend adds room under the lanes)."""
    bottom = BOTTOM_INCHES + LEGEND_ROW_INCHES * (rows - 1)
    height = EXTRA_INCHES + LANE_INCHES * lanes + bottom - BOTTOM_INCHES
    fig.set_size_inches(WIDTH_INCHES, height)
    fig.subplots_adjust(
        left=0.185 if labelled else 0.035,
        right=0.985,
        top=1 - TOP_INCHES / height,
        bottom=bottom / height,
        hspace=0.35,
    )


def _legend(fig: Any, handles: list[Artist], lanes: int, labelled: bool) -> None:
    """The legend, centred at the bottom: in one row when it fits within the picture's
    width with a margin, else in as few rows as fit (the figure grows to hold them)."""
    for rows in range(1, len(handles) + 1):
        legend = fig.legend(
            handles=handles,
            loc="lower center",
            ncols=-(-len(handles) // rows),
            fontsize=8,
            frameon=False,
            bbox_to_anchor=(0.5, 0.0),
        )
        if rows > 1:
            _layout(fig, lanes, rows, labelled)
        renderer = fig.canvas.get_renderer()
        box = legend.get_window_extent(renderer)
        if box.x0 >= LEGEND_MARGIN and box.x1 <= fig.bbox.width - LEGEND_MARGIN:
            return
        legend.remove()
    fig.legend(handles=handles, loc="lower center", ncols=1, fontsize=8, frameon=False)


def timeline_png(block: Timeline) -> bytes:
    """The timeline as a PNG (1600 pixels wide; 450 high for one lane, taller with more).

    Raises :class:`UserError` saying how to add the extra when matplotlib is missing.
    """
    _private_config_dir()
    try:
        import matplotlib
        import matplotlib.style
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise UserError(MISSING) from None

    buckets = _buckets(block)
    lanes = block.lanes
    with matplotlib.style.context("default"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph the font lacks is drawn as a box
        matplotlib.rcParams["font.family"] = "DejaVu Sans"
        fig = Figure(dpi=DPI)
        FigureCanvasAgg(fig)
        labelled = any(lane.label for lane in lanes)
        _layout(fig, len(lanes), 1, labelled)
        axes = fig.subplots(len(lanes), 1, sharex=True, squeeze=False)[:, 0]
        for ax, lane in zip(axes, lanes, strict=True):
            _draw_lane(ax, block, lane, buckets)
        _month_axis(axes[-1], block)
        _legend(fig, _handles(block, buckets), len(lanes), labelled)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()
