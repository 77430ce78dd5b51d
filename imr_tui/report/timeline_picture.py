"""The timeline picture (PNG) drawn from a :class:`~imr_tui.report.blocks.Timeline`.

Drawn with matplotlib, an optional extra (``pip install 'imr-tui[timeline]'``),
imported only when a picture is drawn so the program starts as fast without it. The
picture is A4 landscape's width (1600 pixels at 150 dpi): one lane per agency, each
with its contacts per week (a span up to about six months) or per month as bars,
approximate dates hatched and stacked on the exact ones (a date known only to a month
or year wider than a bar is drawn as a dashed line over the days it could be, not as
a bar), entries recording no contact as crosses (not counted), or, when they give an
end date, as a grey dashed line over the days they cover, the gaps the
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
from imr_tui.report import timeline_bars as bars
from imr_tui.report import timeline_legend as legend
from imr_tui.report.blocks import Timeline, TimelineLane
from imr_tui.report.timeline import lane_gaps

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MISSING = "The timeline picture needs the timeline extra: pip install 'imr-tui[timeline]'"
"""What is said when matplotlib is not installed."""


SPANS: dict[str, dict[str, Any]] = {
    "lasting": {"color": bars.DAY, "lw": bars.LASTING_WIDTH, "solid_capstyle": "butt"},
    "quiet": {
        "color": bars.NONE,
        "lw": bars.QUIET_WIDTH,
        "ls": bars.QUIET_LINE,
        "dash_capstyle": "butt",
    },
    "wide": {"color": bars.DAY, "lw": 2, "ls": bars.WIDE_LINE},
}
"""How a mark over several days is drawn, by :func:`~imr_tui.report.timeline_bars.kind`:
a lasting contact a solid line, a lasting time of no contact a grey dashed one, a date
known only to a month or year an orange dashed one over the days it could be."""


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
    lines = textwrap.wrap(" ".join(flat.split()), bars.LABEL_CHARS, break_long_words=True)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: bars.LABEL_CHARS - 1] + "…"]
    return "\n".join(lines)


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
        ax.axvspan(_num(first), _num(last + timedelta(days=1)), color=bars.GAP, lw=0, zorder=0)
    start, end = lane.period[0] or block.period[0], lane.period[1] or block.period[1]
    for d in (start, end and end + timedelta(days=1)):
        if d:
            ax.axvline(_num(d), color=bars.PERIOD, lw=1.4, ls=(0, (5, 3)), zorder=3)
    exact, approx = bars.counts(lane, buckets)
    edges = [*(_num(b) for b in buckets), _num(bars.after(buckets, bars.weekly(block)))]
    xs = [e + (edges[i + 1] - e) * 0.1 for i, e in enumerate(edges[:-1])]
    widths = [(edges[i + 1] - edges[i]) * 0.8 for i in range(len(buckets))]
    ax.bar(xs, exact, widths, align="edge", color=bars.EXACT, lw=0, zorder=2, alpha=0.9)
    ax.bar(
        xs,
        approx,
        widths,
        bottom=exact,
        align="edge",
        facecolor="white",
        edgecolor=bars.EXACT,
        hatch="////",
        lw=0.8,
        zorder=2,
    )
    # each contact's own day, under the bars: a stroke, or a hollow ring when approximate;
    # a lasting event a solid line over its days
    for p in lane.points:
        style = SPANS.get(bars.kind(p, buckets))
        if style is not None:
            span = [_num(p.start), _num(p.end + timedelta(days=1))]
            ax.plot(span, [0, 0], clip_on=False, zorder=4, **style)
    for kind, marker in (("exact", "|"), ("approximate", "o"), ("none", "x")):
        days = [
            _num(p.start) + (_num(p.end) + 1 - _num(p.start)) / 2
            for p in lane.points
            if bars.kind(p, buckets) == kind
        ]
        if days:
            ax.plot(
                days,
                [0] * len(days),
                ls="none",
                marker=marker,
                ms=9 if marker == "|" else 5,
                mew=1.2,
                color=bars.NONE if marker == "x" else bars.DAY,
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

    buckets = bars.buckets(block)
    lanes = block.lanes
    with matplotlib.style.context("default"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph the font lacks is drawn as a box
        matplotlib.rcParams["font.family"] = "DejaVu Sans"
        fig = Figure(dpi=bars.DPI)
        FigureCanvasAgg(fig)
        labelled = any(lane.label for lane in lanes)
        legend.layout(fig, len(lanes), 1, labelled)
        axes = fig.subplots(len(lanes), 1, sharex=True, squeeze=False)[:, 0]
        for ax, lane in zip(axes, lanes, strict=True):
            _draw_lane(ax, block, lane, buckets)
        _month_axis(axes[-1], block)
        legend.legend(fig, legend.handles(block, buckets), len(lanes), labelled)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=bars.DPI, metadata={"Software": None})
    return out.getvalue()
