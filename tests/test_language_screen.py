"""The language checks as an author meets them in the interview's Check screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import TextArea
from tui_helpers import (
    SIZE,
    catalogue,
    make_app,
    prompt_title,
    settled,
    to_finding,
    type_text,
    until,
)

from imr_tui.checks.language_rules import shipped_language
from imr_tui.core.model import ChronologyEntry, ReviewPeriod
from imr_tui.core.store import load, new_review, save
from imr_tui.tui.screens.check import CheckScreen
from imr_tui.tui.screens.form import FormScreen

HOSTILE = "The nurse [bold]failed to[/bold] refer her [@click=app.quit]at once[/]."


async def test_a_blame_finding_shows_why_and_an_example_and_enter_opens_the_answer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "marlow.toml"
    review = new_review(catalogue())
    review.review_period = ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31))
    review.answers = {"summary": HOSTILE}
    save(path, review, catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settled(pilot, app)
        _, option = await to_finding(pilot, app, lambda f: f.rule == "blame")
        label = str(option.prompt)
        assert f'"failed to" blames a person, in: {HOSTILE}' in label  # markup shown as typed
        blame = shipped_language().defaults.blame
        assert f"Why a panel asks: {blame.why}" in label
        assert "For example: The nurse did not refer her; the team saw its role" in label
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, CheckScreen), "the prompt")
        assert prompt_title(app).startswith("Summary of involvement")
        area = app.screen.query_one(TextArea)
        assert area.text == HOSTILE
        assert app.focused is area
        await pilot.press("ctrl+end", *["backspace"] * len(HOSTILE))
        await type_text(
            pilot, "The nurse did not refer her, as the team saw its role as wound care."
        )
        await settled(pilot, app)
        assert not [f for f in app.findings if f.kind == "language"]
    assert load(path).answer("summary").startswith("The nurse did not refer her, as the team")


async def test_enter_on_a_chronology_label_opens_the_entry_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "marlow.toml"
    review = new_review(catalogue())
    review.review_period = ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31))
    review.chronology = [
        ChronologyEntry(
            id="e1",
            date="2025-03-03",
            source="Electronic patient record",
            cells={"event": "Home visit.", "outcome": "She was non-compliant with the dressing."},
        )
    ]
    save(path, review, catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settled(pilot, app)
        _, option = await to_finding(pilot, app, lambda f: f.rule == "label")
        label = str(option.prompt)
        assert '"non-compliant" is a label about the adult' in label
        assert "For example: She declined the medication; record what she said" in label
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the entry's form")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-outcome"
