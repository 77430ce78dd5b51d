"""The Check screen at 80x24: its summary (how many findings, which keys do what) is on the
screen above the list, however many findings there are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_helpers import SIZE, catalogue, make_app, settled, to_finding, until

from imr_tui.checks.findings import Finding
from imr_tui.core.example import load_example
from imr_tui.core.store import save
from imr_tui.tui.screens.check import CheckScreen


async def test_the_summary_is_on_screen_with_a_long_list(tmp_path: Path) -> None:
    path = tmp_path / "marlow.toml"
    save(path, load_example(catalogue()), catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check screen")
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        await until(pilot, lambda: len(screen.shown) >= 10, "the findings")
        await pilot.pause()
        summary = screen.query_one("#check-summary", Static)
        region = summary.region
        assert region.y >= 1 and region.height >= 1, region  # below the title, not above it
        assert region.bottom <= SIZE[1] - 2, region  # above the list and the footer
        text = str(summary.render())
        assert f"{len(screen.shown)} things to look at. Enter goes to the place" in text


@pytest.mark.parametrize(
    ("sentence", "wanted", "words"),
    [
        (
            "On 3 March the NKDA status was noted.",
            lambda f: f.abbreviation == "NKDA",
            "NKDA status was noted",
        ),
        (
            "On 3 March the nurse failed to refer her.",
            lambda f: f.rule == "blame",
            "failed to refer her",
        ),
    ],
    ids=["abbreviation", "language"],
)
async def test_enter_puts_the_cursor_on_the_words_a_finding_quotes(
    tmp_path: Path, sentence: str, wanted: Callable[[Finding], bool], words: str
) -> None:
    """In a long answer, Enter on a finding lands on the words it is about (an
    abbreviation, or the phrase a language finding quotes), not at the end."""
    from datetime import date

    from textual.widgets import TextArea

    from imr_tui.core.model import ReviewPeriod
    from imr_tui.core.store import new_review

    path = tmp_path / "marlow.toml"
    review = new_review(catalogue())
    review.review_period = ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31))
    filler = "The district nurses visited twice a week and recorded each visit in detail. "
    review.answers = {"summary": filler * 12 + sentence + "\n\n" + filler * 12}
    save(path, review, catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await to_finding(pilot, app, wanted)
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, CheckScreen), "the prompt")
        area = app.screen.query_one(TextArea)
        await until(pilot, lambda: area.cursor_location != area.document.end, "the cursor")
        row, column = area.cursor_location
        assert area.document.get_line(row)[column:].startswith(words)
        assert app.focused is area


async def test_the_first_finding_is_shown_whole_at_80x24(tmp_path: Path) -> None:
    """The list is laid out for the width it keeps once its scrollbar shows, so no
    finding loses its last line (the worked example's first one ends its example)."""
    import html
    import re

    path = tmp_path / "marlow.toml"
    save(path, load_example(catalogue()), catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check screen")
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        await until(pilot, lambda: len(screen.shown) >= 10, "the findings")
        await pilot.pause()
        first = screen.shown[0]
        assert first.rule == "label" and first.rewrite
        svg = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        shown = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
        last_words = " ".join(first.rewrite.split()[-4:])
        assert last_words in shown, last_words
