"""The Check screen at 80x24: its summary (how many findings, which keys do what) is on the
screen above the list, however many findings there are."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import SIZE, catalogue, make_app, settled, until

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
