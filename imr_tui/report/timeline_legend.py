"""The timeline picture's legend (only what the picture shows) and the figure's layout
around it, so that the legend always fits inside the picture."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from imr_tui.report.blocks import Timeline
from imr_tui.report.timeline import lane_gaps
from imr_tui.report.timeline_bars import (
    BOTTOM_INCHES,
    DAY,
    EXACT,
    EXTRA_INCHES,
    GAP,
    LANE_INCHES,
    LASTING_WIDTH,
    LEGEND_MARGIN,
    LEGEND_ROW_INCHES,
    NONE,
    PERIOD,
    QUIET_LINE,
    QUIET_WIDTH,
    TOP_INCHES,
    WIDE_LINE,
    WIDTH_INCHES,
    kind,
    weekly,
)

if TYPE_CHECKING:
    from matplotlib.artist import Artist


def handles(block: Timeline, buckets: list[date]) -> list[Artist]:
    """The legend's items: only what the picture shows."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    kinds = {kind(p, buckets) for lane in block.lanes for p in lane.points}
    unit = "week" if weekly(block) else "month"
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
    if "approximate" in kinds:
        handles.append(
            Line2D(
                [],
                [],
                color=DAY,
                ls="none",
                marker="o",
                ms=5,
                mew=1.2,
                mfc="none",
                label="Uncertain day",
            )
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
    if "quiet" in kinds:
        handles.append(
            Line2D(
                [],
                [],
                color=NONE,
                lw=QUIET_WIDTH,
                ls=QUIET_LINE,
                dash_capstyle="butt",
                label="No contact recorded (its days)",
            )
        )
    if any(lane_gaps(block, lane) for lane in block.lanes):
        handles.append(
            Patch(facecolor=GAP, label=f"No recorded contact for more than {block.gap_days} days")
        )
    if block.period[0] or block.period[1]:
        handles.append(Line2D([], [], color=PERIOD, lw=1.4, ls=(0, (5, 3)), label="Review period"))
    return handles


def layout(fig: Any, lanes: int, rows: int, labelled: bool) -> None:
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


def legend(fig: Any, handles: list[Artist], lanes: int, labelled: bool) -> None:
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
            layout(fig, lanes, rows, labelled)
        renderer = fig.canvas.get_renderer()
        box = legend.get_window_extent(renderer)
        if box.x0 >= LEGEND_MARGIN and box.x1 <= fig.bbox.width - LEGEND_MARGIN:
            return
        legend.remove()
    fig.legend(handles=handles, loc="lower center", ncols=1, fontsize=8, frameon=False)
