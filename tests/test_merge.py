"""The composite chronology: three agencies' reviews into one timeline, as panels merge them."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from imr_tui.chronology import map_columns, parse_table, preview
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import ChronologyEntry, Recommendation, Review, ReviewPeriod
from imr_tui.core.store import new_review, save
from imr_tui.report import blocks as b
from imr_tui.report.merge import composite_blocks, composite_csv, composite_markdown, merge
from imr_tui.report.timeline_picture import timeline_png

if TYPE_CHECKING:
    from conftest import Imr

FEB_OCT = ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 10, 31))


def agency(
    catalogue: Catalogue,
    name: str,
    entries: list[ChronologyEntry],
    period: ReviewPeriod = FEB_OCT,
    author: str = "",
    role: str = "",
    recommendations: list[Recommendation] | None = None,
) -> Review:
    review = new_review(catalogue)
    for key, value in (("agency", name), ("author_name", author), ("author_role", role)):
        review.set_answer(key, value)
    review.review_period = period
    review.chronology = entries
    review.recommendations = recommendations or []
    return review


def entry(
    when: str, source: str, event: str, time: str = "", approx: bool = False
) -> ChronologyEntry:
    return ChronologyEntry(
        date=when, time=time, source=source, approximate=approx, cells={"event": event}
    )


@pytest.fixture
def three(catalogue: Catalogue) -> list[tuple[str, Review]]:
    police = agency(
        catalogue,
        "Northshire Police",
        [
            entry("2024-03-11", "Command and control log", "Welfare check", "14:00"),
            entry("2024-03", "Intelligence log", "Neighbour's concern"),
            entry("2024-06-02", "Crime report", "Burglary reported", "09:30"),
        ],
        author="DS Jo Bell",
        role="Review officer",
        recommendations=[
            Recommendation(
                recommendation="Train call handlers | self-neglect",
                lead="Head of Contact",
                target_date=date(2025, 6, 30),
            )
        ],
    )
    health = agency(
        catalogue,
        "Northshire Community Health",
        [
            entry("2024-03-11", "EPR", "# Home visit", "9:05"),
            entry("2024-03-01", "EPR", "Referral received"),
            entry("2024-06-02", "EPR", "Visit", "09:30"),
            entry("", "Paper notes", "Undated letter"),
        ],
        author="Sam Okafor",
    )
    council = agency(
        catalogue,
        "Northshire Council Adult Social Care",
        [
            entry("2024", "Case notes", "Known during the year", approx=True),
            entry("2024-03-11", "", "Safeguarding concern <b>raised</b>"),
            entry("2024-03-12", "Case notes", "Uncertain day", approx=True),
        ],
        period=ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 10, 31)),
    )
    return [("police", police), ("health", health), ("council", council)]


def test_three_agencies_merge_into_one_timeline(three: list[tuple[str, Review]]) -> None:
    composite = merge(three)
    timeline = [(r.entry.date, r.entry.time, r.source) for r in composite.rows]
    assert timeline == [
        ("2024", "", "Northshire Council Adult Social Care — Case notes"),  # start of 2024
        ("2024-03", "", "Northshire Police — Intelligence log"),  # start of March
        ("2024-03-01", "", "Northshire Community Health — EPR"),
        # Untimed, and first of its agency's entries of the day: first of the day.
        ("2024-03-11", "", "Northshire Council Adult Social Care"),
        ("2024-03-11", "09:05", "Northshire Community Health — EPR"),  # typed 9:05
        ("2024-03-11", "14:00", "Northshire Police — Command and control log"),
        ("2024-03-12", "", "Northshire Council Adult Social Care — Case notes"),
        ("2024-06-02", "09:30", "Northshire Police — Crime report"),  # ties: order given
        ("2024-06-02", "09:30", "Northshire Community Health — EPR"),
        ("", "", "Northshire Community Health — Paper notes"),  # undated last
    ]


def test_header_warnings_timeline_and_recommendations(
    three: list[tuple[str, Review]], catalogue: Catalogue
) -> None:
    text = composite_markdown(merge(three), catalogue)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Composite chronology",
        "## Agencies",
        "## Warnings",
        "## Chronology",
        "## Recommendations",
        "### Northshire Police",
        "#### Recommendation 1",
        "### Northshire Community Health",
        "### Northshire Council Adult Social Care",
    ]
    assert "| Northshire Police | DS Jo Bell (Review officer) | 01/02/2024 to 31/10/2024 |" in text
    assert "| Northshire Community Health | Sam Okafor | 01/02/2024 to 31/10/2024 |" in text
    assert (
        "| Northshire Council Adult Social Care | *Not yet answered* | 01/01/2024 to 31/10/2024 |"
        in text
    )
    assert (
        "- Northshire Council Adult Social Care's review period (01/01/2024 to 31/10/2024) "
        "differs from 01/02/2024 to 31/10/2024, the period of Northshire Police and "
        "Northshire Community Health."
    ) in text
    assert "| ?2024 |   | Northshire Council Adult Social Care — Case notes |" in text
    assert "| ?03/2024 |   | Northshire Police — Intelligence log |" in text
    assert "| ?12/03/2024 |   | Northshire Council Adult Social Care — Case notes |" in text
    assert (
        "| 11/03/2024 | 09:05 | Northshire Community Health — EPR |   |   | \\# Home visit |"
        in (text)
    )
    assert "Safeguarding concern \\<b\\>raised\\</b\\>" in text
    assert "Train call handlers \\| self-neglect" in text
    assert "**Lead:** Head of Contact" in text
    assert "**Target date:** 30/06/2025" in text
    assert text.index("## Chronology") < text.index("## Recommendations")


def test_the_composite_is_valid_markdown_with_one_row_per_entry(
    three: list[tuple[str, Review]], catalogue: Catalogue
) -> None:
    from markdown_it import MarkdownIt

    text = composite_markdown(merge(three), catalogue)
    tokens = MarkdownIt("gfm-like").parse(text)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + 3 + 1 + 10  # agencies header and rows, chronology header and rows
    assert not any(t.type == "html_inline" or t.type == "html_block" for t in tokens)


@pytest.mark.parametrize(
    ("periods", "warnings"),
    [
        ([FEB_OCT, FEB_OCT, FEB_OCT], []),
        (
            [FEB_OCT, ReviewPeriod(start=date(2024, 3, 1), end=date(2024, 10, 31)), ReviewPeriod()],
            [
                "C gives no review period.",
                "The review periods differ: A (01/02/2024 to 31/10/2024) and B (01/03/2024 to "
                "31/10/2024).",
            ],
        ),
        (
            [FEB_OCT, ReviewPeriod(start=date(2024, 2, 1)), ReviewPeriod(end=date(2024, 9, 30))],
            [
                "The review periods differ: A (01/02/2024 to 31/10/2024), B (01/02/2024 to ?) "
                "and C (? to 30/09/2024).",
            ],
        ),
    ],
)
def test_period_differences_are_warned(
    catalogue: Catalogue, periods: list[ReviewPeriod], warnings: list[str]
) -> None:
    reviews = [
        (name.lower(), agency(catalogue, name, [entry("2024-05-01", "x", "y")], period))
        for name, period in zip("ABC", periods, strict=True)
    ]
    assert merge(reviews).warnings == warnings


def test_unnamed_repeated_and_empty_agencies(catalogue: Catalogue) -> None:
    one = agency(catalogue, "", [entry("2024-05-01", "EPR", "a")])
    two = agency(catalogue, "Trust", [entry("2024-05-01", "EPR", "b")])
    three = agency(catalogue, "Trust", [])
    composite = merge([("ward-7", one), ("a", two), ("b", three)])
    assert [a.name for a in composite.agencies] == ["ward-7", "Trust (a)", "Trust (b)"]
    assert composite.warnings == [
        "ward-7 does not name its agency; it is shown as 'ward-7'.",
        "More than one review names the agency 'Trust'; this one is a.",
        "More than one review names the agency 'Trust'; this one is b.",
        "Trust (b) has no chronology entries.",
    ]
    assert [r.source for r in composite.rows] == ["ward-7 — EPR", "Trust (a) — EPR"]


def test_composite_csv_reads_back_as_a_chronology(
    three: list[tuple[str, Review]], catalogue: Catalogue
) -> None:
    text = composite_csv(merge(three), catalogue)
    assert (
        text.splitlines()[1]
        == "?2024,,,,,Northshire Council Adult Social Care — Case notes,,,Known during the year,,"
    )
    table = parse_table(text.removeprefix("\ufeff"), "composite.csv", catalogue=catalogue)
    found = preview(table, map_columns(table.headers, catalogue), new_review(catalogue), catalogue)
    assert found.problems == [] and len(found.entries) == 10
    assert found.entries[4].source == "Northshire Community Health — EPR"
    assert found.entries[4].time == "09:05"


# ---------------------------------------------------------------- the command


def write_three(folder: Path, three: list[tuple[str, Review]], catalogue: Catalogue) -> list[str]:
    names = []
    for name, review in three:
        save(folder / f"{name}.toml", review, catalogue)
        names.append(f"{name}.toml")
    return names


def test_merge_command(
    imr: Imr, tmp_path: Path, three: list[tuple[str, Review]], catalogue: Catalogue
) -> None:
    names = write_three(tmp_path, three, catalogue)
    result = imr("merge", *names, "-o", "composite.md", "--csv", "composite.csv")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "Warning: Northshire Council Adult Social Care's review period (01/01/2024 to "
        "31/10/2024) differs from 01/02/2024 to 31/10/2024, the period of Northshire Police "
        "and Northshire Community Health.",
        "Merged 10 entries from 3 agencies into composite.md, composite.timeline.png and "
        "composite.csv",
    ]
    for out in ("composite.md", "composite.csv", "composite.timeline.png"):
        assert stat.S_IMODE((tmp_path / out).stat().st_mode) == 0o600, out
    text = (tmp_path / "composite.md").read_text(encoding="utf-8")
    assert text == composite_markdown(merge(three), catalogue, "composite.timeline.png")
    # the picture beside it, shown by the Markdown as an image after the chronology's table
    caption = catalogue.export.timeline_title
    assert f"![{caption}](composite.timeline.png)" in text
    assert text.index("## Chronology") < text.index("![") < text.index("## Recommendations")
    png = (tmp_path / "composite.timeline.png").read_bytes()
    assert png == timeline_png(_timeline(composite_blocks(merge(three), catalogue)))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def _timeline(blocks: list[b.Block]) -> b.Timeline:
    found = [x for x in blocks if isinstance(x, b.Timeline)]
    assert len(found) == 1
    return found[0]


def test_the_composite_timeline_has_one_lane_per_agency(
    three: list[tuple[str, Review]], catalogue: Catalogue
) -> None:
    """Lanes are the agencies as the merge names them, in order, each with its own dated
    entries and review period; the period drawn spans them all."""
    timeline = _timeline(composite_blocks(merge(three), catalogue))
    assert [lane.label for lane in timeline.lanes] == [
        "Northshire Police",
        "Northshire Community Health",
        "Northshire Council Adult Social Care",
    ]
    assert [len(lane.points) for lane in timeline.lanes] == [3, 3, 3]  # the undated left out
    assert timeline.lanes[2].period == (date(2024, 1, 1), date(2024, 10, 31))
    assert timeline.period == (date(2024, 1, 1), date(2024, 10, 31))
    assert (timeline.start, timeline.end) == (date(2024, 1, 1), date(2024, 12, 31))  # ?2024
    # an unnamed agency's lane is its fallback name, as in the composite's table
    one = agency(catalogue, "", [entry("2024-05-01", "EPR", "a")])
    lone = _timeline(composite_blocks(merge([("ward-7", one)]), catalogue))
    assert [lane.label for lane in lone.lanes] == ["ward-7"]


def test_an_anonymised_merge_maps_the_lanes(
    three: list[tuple[str, Review]], catalogue: Catalogue
) -> None:
    """The blocks' transform (the anonymiser's) reaches the timeline's lane labels."""
    blocks = composite_blocks(merge(three), catalogue)
    mapped = [b.map_authored(x, lambda t: t.replace("Northshire", "Agency")) for x in blocks]
    labels = [lane.label for lane in _timeline(mapped).lanes]
    assert labels == [
        "Agency Police",
        "Agency Community Health",
        "Agency Council Adult Social Care",
    ]


def test_merge_without_the_timeline_extra_says_how_to_add_it(
    imr: Imr,
    tmp_path: Path,
    three: list[tuple[str, Review]],
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without matplotlib the composite is written without its picture, and a line says
    how to add the extra."""
    import imr_tui.report.timeline_picture as picture

    monkeypatch.setattr(picture, "timeline_available", lambda: False)
    names = write_three(tmp_path, three, catalogue)
    result = imr("merge", *names, "-o", "composite.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == [
        "Merged 10 entries from 3 agencies into composite.md",
        "No timeline picture: the timeline picture needs the timeline extra: "
        "pip install 'imr-tui[timeline]'.",
    ]
    assert not (tmp_path / "composite.timeline.png").exists()
    assert "![" not in (tmp_path / "composite.md").read_text(encoding="utf-8")


def test_merge_refuses_a_csv_named_as_the_picture(
    imr: Imr, tmp_path: Path, three: list[tuple[str, Review]], catalogue: Catalogue
) -> None:
    names = write_three(tmp_path, three, catalogue)
    result = imr("merge", *names, "-o", "c.md", "--csv", "c.timeline.png")
    assert result.returncode == 2
    assert result.stderr.startswith("imr: c.timeline.png: --csv names the timeline picture")
    assert not (tmp_path / "c.md").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["police.toml", "nothere.toml", "-o", "c.md"], "imr: nothere.toml: no such review file"),
        (
            ["police.toml", "./police.toml", "-o", "c.md"],
            "imr: police.toml: is given more than once",
        ),
        (["police.toml", "health.toml", "-o", "health.toml"], "imr: health.toml: the output would"),
        (["police.toml", "-o", "c.md", "--csv", "c.md"], "imr: c.md: -o and --csv name the same"),
        (["police.toml", "-o", "nowhere/c.md"], "imr: could not write nowhere/c.md"),
    ],
)
def test_merge_errors_are_one_plain_line(
    imr: Imr,
    tmp_path: Path,
    three: list[tuple[str, Review]],
    catalogue: Catalogue,
    args: list[str],
    expected: str,
) -> None:
    write_three(tmp_path, three, catalogue)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = imr("merge", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(expected), result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_merge_needs_an_output(imr: Imr, tmp_path: Path) -> None:
    result = imr("merge", "a.toml")
    assert result.returncode == 2
    assert "the following arguments are required: -o/--output" in result.stderr
