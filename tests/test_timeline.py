"""The chronology's timeline: its facts, the picture an export shows, and the strip of
months on the interview's chronology screen."""

from __future__ import annotations

import struct
import sys
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static
from tui_helpers import SIZE, catalogue, go_to, make_app, settled, until

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.example import load_example
from imr_tui.core.model import ChronologyEntry, Review, ReviewPeriod
from imr_tui.core.store import to_toml
from imr_tui.report.blocks import Timeline, TimelineLane, TimelinePoint
from imr_tui.report.timeline import composite_timeline, lane_gaps, month_strip, timeline_block
from imr_tui.report.timeline_picture import MISSING, timeline_available, timeline_png
from imr_tui.tui.screens.form import FormScreen

YEAR = ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31))


def entry(when: str, approx: bool = False, until: str = "") -> ChronologyEntry:
    return ChronologyEntry(
        date=when, approximate=approx, end_date=until, source="EPR", cells={"event": "Visit."}
    )


def review(*entries: ChronologyEntry, period: ReviewPeriod = YEAR) -> Review:
    return Review(review_period=period, chronology=list(entries))


@pytest.fixture
def cat() -> Catalogue:
    return catalogue()


def only_lane(block: Timeline | None) -> TimelineLane:
    assert block is not None and len(block.lanes) == 1
    return block.lanes[0]


# ---------------------------------------------------------------- the facts


def test_approximate_dates_span_their_month_or_year(cat: Catalogue) -> None:
    block = timeline_block(
        review(
            entry("2024-06-10"),
            entry("2024-03"),  # only the month: all of March, approximate
            entry("2024-04-02", approx=True),  # ?02/04/2024
            entry("2024"),  # only the year
            entry("2024-07-01", until="2024-07-09"),  # a period
            entry("2024-08-01", until="2024-09"),  # a period whose end is a month
            entry(""),  # undated: not on the timeline
        ),
        cat,
    )
    # what each certainly covers: from the last day its start could be to the first its
    # end could be (none for a month or year only)
    jan1, dec31 = date(2024, 1, 1), date(2024, 12, 31)
    mar1, mar31 = date(2024, 3, 1), date(2024, 3, 31)
    apr2, jun10 = date(2024, 4, 2), date(2024, 6, 10)
    assert only_lane(block).points == (
        TimelinePoint(jan1, dec31, True, sure_start=dec31, sure_end=jan1),
        TimelinePoint(mar1, mar31, True, sure_start=mar31, sure_end=mar1),
        TimelinePoint(apr2, apr2, True, apr2, apr2),
        TimelinePoint(jun10, jun10, False, jun10, jun10),
        TimelinePoint(
            date(2024, 7, 1), date(2024, 7, 9), False, date(2024, 7, 1), date(2024, 7, 9)
        ),
        TimelinePoint(
            date(2024, 8, 1), date(2024, 9, 30), True, date(2024, 8, 1), date(2024, 9, 1)
        ),
    )


def test_the_review_period_caption_and_threshold_come_with_it(cat: Catalogue) -> None:
    block = timeline_block(review(entry("2024-05-01")), cat)
    assert block is not None
    assert block.period == (date(2024, 1, 1), date(2024, 12, 31))
    assert (block.start, block.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert block.title == cat.export.timeline_title
    assert block.gap_days == cat.chronology.gap_days == 28
    assert only_lane(block).label == ""


def test_an_entry_outside_the_period_widens_what_is_drawn(cat: Catalogue) -> None:
    block = timeline_block(review(entry("2023-11-20"), entry("2025-02")), cat)
    assert block is not None
    assert (block.start, block.end) == (date(2023, 11, 20), date(2025, 2, 28))
    assert block.period == (date(2024, 1, 1), date(2024, 12, 31))  # still marked as set
    # with no period set, the entries alone
    none = timeline_block(review(entry("2024-05-03"), entry("2024-02"), period=ReviewPeriod()), cat)
    assert none is not None and none.period == (None, None)
    assert (none.start, none.end) == (date(2024, 2, 1), date(2024, 5, 3))


def test_no_dated_entry_no_timeline(cat: Catalogue) -> None:
    assert timeline_block(review(), cat) is None
    assert timeline_block(review(entry("")), cat) is None
    assert composite_timeline([("A", review()), ("B", review(entry("")))], cat) is None


def test_gaps_longer_than_the_threshold(cat: Catalogue) -> None:
    """28 days without contact is not a gap, 29 is; the period's start and end count."""
    block = timeline_block(
        review(
            entry("2024-01-29"),  # 28 days after the period starts: no gap before it
            entry("2024-02-27"),  # 28 days between: none
            entry("2024-03-28"),  # 29 days between (Feb 28 to Mar 27): a gap
            entry("2024-04-01", until="2024-05-31"),  # covered to the end of May
            entry("2024-06-15"),  # 14 days after the period: none
            period=ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 8, 31)),
        ),
        cat,
    )
    assert block is not None
    assert lane_gaps(block, block.lanes[0]) == [
        (date(2024, 2, 28), date(2024, 3, 27)),
        (date(2024, 6, 16), date(2024, 8, 31)),  # to the period's end: 77 days
    ]


def test_a_composite_has_a_lane_per_agency_with_its_own_period(cat: Catalogue) -> None:
    police = review(entry("2024-03-01"), period=ReviewPeriod(start=date(2024, 2, 1)))
    health = review(entry("2024-05-01"), entry("2024-05-02"))
    block = composite_timeline([("Police", police), ("Health", health)], cat)
    assert block is not None
    assert [(lane.label, len(lane.points)) for lane in block.lanes] == [
        ("Police", 1),
        ("Health", 2),
    ]
    assert block.period == (date(2024, 1, 1), date(2024, 12, 31))  # the widest
    # police's gap is counted from its own start (1 Feb), to the timeline's end
    assert lane_gaps(block, block.lanes[0]) == [
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 3, 2), date(2024, 12, 31)),
    ]


# ---------------------------------------------------------------- the strip


def test_the_strip_counts_contacts_per_month(cat: Catalogue) -> None:
    block = timeline_block(
        review(
            entry("2024-02-03"),
            entry("2024-02-20"),
            entry("2024-03"),
            entry("2024-05-07"),
            period=ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 5, 31)),
        ),
        cat,
    )
    assert block is not None
    assert month_strip(block, 80).splitlines() == [
        "2024 Feb 2 │ Mar 1? │ Apr · │ May 1",
        # March's entry (the month only) closes no gap: 21/02 to 06/05
        "1 gap over 28 days (76 days from 21/02/2024)",
    ]
    # narrower: closer together, and the gap only counted
    assert month_strip(block, 27).splitlines() == [
        "2024 Feb2 Mar1? Apr· May1",
        "1 gap over 28 days",
    ]


def test_the_strip_fits_any_width(cat: Catalogue) -> None:
    """Quarters or years when the months do not fit; never a line wider than asked."""
    dates = [f"{y}-{m:02d}-15" for y in (2021, 2022, 2023) for m in (1, 4, 5, 9)]
    block = timeline_block(
        review(
            *(entry(d) for d in dates),
            period=ReviewPeriod(start=date(2021, 1, 1), end=date(2023, 12, 31)),
        ),
        cat,
    )
    assert block is not None
    for width in range(1, 130):
        lines = month_strip(block, width).splitlines()
        assert len(lines) == 2
        assert all(len(line) <= width for line in lines), (width, lines)
    assert month_strip(block, 80).splitlines()[0] == (
        "2021 Q1 1 Q2 2 Q3 1 Q4 · 2022 Q1 1 Q2 2 Q3 1 Q4 · 2023 Q1 1 Q2 2 Q3 1 Q4 ·"
    )
    assert month_strip(block, 40).splitlines()[0] == "2021 4 │ 2022 4 │ 2023 4"


# ---------------------------------------------------------------- the picture


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png_chunks(data: bytes) -> list[bytes]:
    """Every chunk's type, after checking each chunk's CRC (a PNG that is whole)."""
    out, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        out.append(kind)
        at += 12 + length
    return out


def test_the_worked_example_picture(cat: Catalogue, tmp_path: Path) -> None:
    """The worked example's timeline, looked at by eye (1600x450): no title in the picture
    (the report prints the caption under it); one lane of dark blue bars, contacts per
    month from February to October (3, 2, 2, none in May, 2, 1, 2, 3, 3: the entry of
    03/07 records no contact and is not counted); light grey shading over the one gap the
    check reports, from the start of May into June, and none over the hospital stay in
    July and August (explained by that entry); an orange stroke on the axis at each
    contact's day and a grey cross at 03/07; dashed red lines at the review period's start
    and end, clear of the frame; months labelled 'Feb 2025' to 'Nov 2025' under the axis;
    a legend along the bottom of only what is drawn (contacts per month, a contact's day,
    no contact recorded, no recorded contact for more than 28 days, review period)."""
    block = timeline_block(load_example(cat), cat)
    assert block is not None
    assert len(block.lanes[0].points) == 19
    data = timeline_png(block)
    assert png_size(data) == (1600, 450)
    chunks = png_chunks(data)
    assert chunks[-1] == b"IEND"
    assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(chunks)  # nothing of when or what drew
    assert timeline_png(block) == data  # the same bytes every time
    (tmp_path / "example.png").write_bytes(data)


class Drawn:
    """What a picture writes as text: free text (a title) and the legend's labels."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from matplotlib.figure import Figure

        self.texts: list[str] = []
        self.legend: list[str] = []
        self.legends: list[tuple[Figure, Any]] = []
        text, legend = Figure.text, Figure.legend

        def spy_text(fig: Figure, x: float, y: float, s: str, *args: Any, **kw: Any) -> Any:
            self.texts.append(s)
            return text(fig, x, y, s, *args, **kw)

        def spy_legend(fig: Figure, *args: Any, **kw: Any) -> Any:
            self.legend = [h.get_label() for h in kw.get("handles", [])]
            made = legend(fig, *args, **kw)
            self.legends.append((fig, made))
            return made

        monkeypatch.setattr(Figure, "text", spy_text)
        monkeypatch.setattr(Figure, "legend", spy_legend)


def test_no_title_in_the_picture_and_a_legend_of_what_it_shows(
    cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = Drawn(monkeypatch)
    period = ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 3, 20))
    block = timeline_block(review(entry("2024-02-05"), entry("2024-03-01"), period=period), cat)
    assert block is not None
    timeline_png(block)
    assert drawn.texts == []  # the caption is the report's, under the picture
    assert drawn.legend == ["Contacts per week", "A contact's day", "Review period"]
    # the tester's case: a year-only entry between two contacts 8 months apart
    tester = review(
        entry("2025-02-10"),
        entry("2025"),
        entry("2025-10-20"),
        entry("2025-10-22", approx=True),
        period=ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31)),
    )
    block = timeline_block(tester, cat)
    assert block is not None
    timeline_png(block)
    assert drawn.legend == [
        "Contacts per month",
        "Approximate dates",
        "A contact's day",
        "Uncertain day",
        "Known only to the month or year",
        "No recorded contact for more than 28 days",
        "Review period",
    ]
    # a recorded time of no contact explains the gap: no shading, a mark of its own
    tester.chronology.append(
        entry("2025-05-01").model_copy(update={"cells": {"event": "No contact."}})
    )
    block = timeline_block(tester, cat)
    assert block is not None and lane_gaps(block, block.lanes[0]) == []
    timeline_png(block)
    assert "No contact recorded" in drawn.legend
    assert not any(label.startswith("No recorded contact for more") for label in drawn.legend)


def test_a_long_legend_fits_inside_the_picture(
    cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six items or more are laid out in rows that fit: none is cut at the picture's
    edges (the tester's six-item legend lost its first and last items). Looked at: two
    rows centred under the month labels, every label whole."""
    drawn = Drawn(monkeypatch)
    tester = review(
        entry("2025-02-10"),
        entry("2025"),
        entry("2025-07-02", until="2025-08-11"),
        entry("2025-10-20"),
        entry("2025-10-22", approx=True),
        entry("2025-05-01").model_copy(update={"cells": {"event": "No contact."}}),
        period=ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31)),
    )
    for shown in (4, 6, len(tester.chronology)):
        r = review(*tester.chronology[:shown], period=tester.review_period)
        block = timeline_block(r, cat)
        assert block is not None
        data = timeline_png(block)
        fig, legend = drawn.legends[-1]
        box = legend.get_window_extent(fig.canvas.get_renderer())
        width, height = png_size(data)
        assert box.x0 > 0 and box.x1 < width and box.y0 >= 0 and box.y1 < height
    assert len(drawn.legend) == 9


def test_a_lasting_event_is_drawn_over_its_days(
    cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """02/07/2025 to 11/08/2025 is a line from its first day to the end of its last, not
    a tick at its middle; it is counted once, where it starts."""
    from matplotlib.axes import Axes
    from matplotlib.dates import date2num

    lines: list[tuple[list[float], dict[str, Any]]] = []
    plot = Axes.plot

    def spy_plot(ax: Axes, xs: Any, *args: Any, **kw: Any) -> Any:
        lines.append(([float(x) for x in xs], kw))
        return plot(ax, xs, *args, **kw)

    monkeypatch.setattr(Axes, "plot", spy_plot)
    drawn = Drawn(monkeypatch)
    stay = entry("2025-07-02", until="2025-08-11")
    block = timeline_block(
        review(stay, period=ReviewPeriod(start=date(2025, 6, 1), end=date(2025, 9, 30))), cat
    )
    assert block is not None
    timeline_png(block)
    first, after_last = date2num(date(2025, 7, 2)), date2num(date(2025, 8, 12))
    assert [xs for xs, kw in lines if "marker" not in kw] == [[first, after_last]]
    assert not [xs for xs, kw in lines if kw.get("marker") == "|"]  # no tick at the middle
    assert "A lasting contact's days" in drawn.legend
    assert "A contact's day" not in drawn.legend


def test_a_time_of_no_contact_is_drawn_over_its_days(
    cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tester's case: no contact from 20/05 to 05/06 was a single cross at its middle.
    It is a grey dashed line from its first day to the end of its last, with its own item
    in the legend; a no-contact entry on one day is still a cross. Looked at by eye: the
    grey dashed line on the axis under late May and early June, a cross at 10/03, an
    orange ring at 14/02 (an uncertain day), all three in the legend."""
    from matplotlib.axes import Axes
    from matplotlib.dates import date2num

    lines: list[tuple[list[float], dict[str, Any]]] = []
    plot = Axes.plot

    def spy_plot(ax: Axes, xs: Any, *args: Any, **kw: Any) -> Any:
        lines.append(([float(x) for x in xs], kw))
        return plot(ax, xs, *args, **kw)

    monkeypatch.setattr(Axes, "plot", spy_plot)
    drawn = Drawn(monkeypatch)
    quiet = {"event": "No contact: she was staying with her sister."}
    r = review(
        entry("2025-02-03"),
        entry("2025-02-14", approx=True),
        entry("2025-03-10").model_copy(update={"cells": {"event": "No contact."}}),
        entry("2025-05-20", until="2025-06-05").model_copy(update={"cells": quiet}),
        period=ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 6, 30)),
    )
    block = timeline_block(r, cat)
    assert block is not None
    data = timeline_png(block)
    first, after_last = date2num(date(2025, 5, 20)), date2num(date(2025, 6, 6))
    spans = [(xs, kw) for xs, kw in lines if "marker" not in kw]
    assert [xs for xs, _ in spans] == [[first, after_last]]
    assert spans[0][1]["ls"] != "-" and spans[0][1]["color"] == "#555555"
    crosses = [xs for xs, kw in lines if kw.get("marker") == "x"]
    assert crosses == [[date2num(date(2025, 3, 10)) + 0.5]]  # the day's cross only
    rings = [xs for xs, kw in lines if kw.get("marker") == "o"]
    assert rings == [[date2num(date(2025, 2, 14)) + 0.5]]
    assert "No contact recorded (its days)" in drawn.legend
    assert "No contact recorded" in drawn.legend
    assert "Uncertain day" in drawn.legend
    assert png_size(data)[0] == 1600


def test_a_picture_with_a_lane_per_agency_and_hostile_labels(cat: Catalogue) -> None:
    """Labels are drawn as written (a ``$`` is not maths, markup is not read, control
    characters are left out, a 300-character name is cut); the picture grows a lane each."""
    hostile = [
        "Cost $\\frac{5 and $ [bold]x[/bold] [@click=app.quit]",
        "Police\x07\x1b[31m 北京",
        "N" * 300,
    ]
    reviews = [
        (name, review(entry(f"2024-0{n + 3}-01"), entry("2024-05")))
        for n, name in enumerate(hostile)
    ]
    block = composite_timeline(reviews, cat)
    assert block is not None and [lane.label for lane in block.lanes] == hostile
    data = timeline_png(block)
    width, height = png_size(data)
    assert width == 1600 and height > 450 * 2
    one = composite_timeline(reviews[:1], cat)
    assert one is not None and png_size(timeline_png(one)) == (1600, 450)


def test_a_short_review_is_counted_per_week(cat: Catalogue) -> None:
    block = timeline_block(
        review(
            entry("2024-02-05"),
            entry("2024-02-06", approx=True),
            period=ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 3, 31)),
        ),
        cat,
    )
    assert block is not None
    assert png_size(timeline_png(block)) == (1600, 450)


def test_without_matplotlib_the_picture_says_how_to_add_it(
    cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = timeline_block(review(entry("2024-05-01")), cat)
    assert block is not None
    assert timeline_available()
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    assert not timeline_available()
    with pytest.raises(UserError) as caught:
        timeline_png(block)
    assert str(caught.value) == MISSING
    assert MISSING == (
        "The timeline picture needs the timeline extra: pip install 'imr-tui[timeline]'"
    )


def test_an_unwritable_cache_folder_is_not_used(
    cat: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With matplotlib's cache folder impossible to write (a read-only home), a private
    temporary folder is used in its place."""
    from imr_tui.report import timeline_picture

    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    timeline_picture._private_config_dir()
    chosen = Path(__import__("os").environ["MPLCONFIGDIR"])
    assert chosen.is_dir() and chosen.name.startswith("imr-mpl-")
    # a folder that can be written is left to matplotlib
    monkeypatch.delenv("MPLCONFIGDIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fine"))
    timeline_picture._private_config_dir()
    assert "MPLCONFIGDIR" not in __import__("os").environ


# ---------------------------------------------------------------- the chronology screen


def strip_lines(app: object) -> list[str]:
    """The strip as the terminal shows it: its rows of the screen."""
    from imr_tui.tui.app import IMRApp

    assert isinstance(app, IMRApp)
    widget = app.screen.query_one("#timeline-strip", Static)
    region = widget.content_region
    rows = [strip.text for strip in app.screen._compositor.render_strips()]
    return [row[region.x : region.right].rstrip() for row in rows[region.y : region.bottom]]


async def test_the_chronology_screen_shows_the_strip_at_80_columns(
    tmp_path: Path, cat: Catalogue
) -> None:
    """At 80x24 the strip's two lines are whole above the table, which still shows its
    entries and the pane of the highlighted one; copying an entry redraws it."""
    path = tmp_path / "strip.toml"
    chronology = review(
        ChronologyEntry(
            id="e1", date="2024-02-03", source="EPR [bold]x[/bold]", cells={"event": "Visit."}
        ),
        entry("2024-02-20"),
        entry("2024-05-07"),
        period=ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 5, 31)),
    )
    path.write_text(to_toml(chronology, cat), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await settled(pilot, app)
        assert strip_lines(app) == [
            "2024 Feb 2 │ Mar · │ Apr · │ May 1",
            "1 gap over 28 days (76 days from 21/02/2024)",
        ]
        screen = " ".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "03/02/2024" in screen and "07/05/2024" in screen  # the table's rows
        assert "Source of information: EPR [bold]x[/bold]" in " ".join(screen.split())
        await pilot.press("d")  # copy the highlighted entry (February): the form opens
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the copy's form")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen), "the table")
        await pilot.pause()
        assert strip_lines(app)[0] == "2024 Feb 3 │ Mar · │ Apr · │ May 1"


async def test_no_strip_without_a_dated_entry(tmp_path: Path, cat: Catalogue) -> None:
    path = tmp_path / "empty.toml"
    path.write_text(to_toml(review(), cat), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.pause()
        assert not app.screen.query_one("#timeline-strip").display
