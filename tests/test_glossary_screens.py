"""Giving an abbreviation's meaning as an author meets it: the Check screen's ``m`` key and
plain mode's check, each asserted on the screen (or what was said) and on the file."""

from __future__ import annotations

from pathlib import Path

from scripted_asker import Script
from textual.widgets import Input, OptionList
from tui_helpers import SIZE, catalogue, make_app, screen_text, settled, until

from imr_tui.core.data_files import DataFiles
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.store import load, save
from imr_tui.plain.run import interview
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.check import CheckScreen, MeaningScreen

HOSTILE = "Tissue [bold]Viability[/bold] [@click=app.quit]Nurse"


def _review(tmp_path: Path) -> Path:
    """A review whose chronology uses an abbreviation the glossary does not know (TVN)
    and an ambiguous one (DNA)."""
    path = tmp_path / "r.toml"
    review = Review(
        chronology=[
            ChronologyEntry(
                id="c1",
                date="2025-03-11",
                source="Community nursing record",
                cells={"event": "Joint visit with the TVN; she DNA'd the clinic."},
            )
        ]
    )
    save(path, review, catalogue())
    return path


def _labels(app: IMRApp) -> list[str]:
    options = app.screen.query_one("#findings", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _highlight(app: IMRApp, abbreviation: str) -> None:
    options = app.screen.query_one("#findings", OptionList)
    options.highlighted = next(
        i for i, label in enumerate(_labels(app)) if f'"{abbreviation}"' in label
    )


async def test_the_check_screen_gives_meanings_typed_and_chosen(tmp_path: Path) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check screen")
        await until(pilot, lambda: any('"TVN"' in x for x in _labels(app)), "the TVN finding")
        assert any("not in the glossary" in x for x in _labels(app))

        # Not in the glossary: a box to write its meaning; markup stays literal.
        await _highlight(app, "TVN")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeaningScreen), "the meaning box")
        assert 'What does "TVN" stand for' in screen_text(app)
        assert app.screen.query_one(Input).has_focus
        app.screen.query_one(Input).value = HOSTILE
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        assert not any('"TVN"' in x for x in _labels(app))

        # Ambiguous: its meanings are offered first; Enter chooses the one highlighted.
        await _highlight(app, "DNA")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeaningScreen), "the meaning box")
        offered = app.screen.query_one("#expansions", OptionList)
        assert offered.has_focus
        shown = [str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)]
        assert shown[0] == "1. Did Not Attend"
        assert shown[1].startswith("2. Deoxyribonucleic acid")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        assert not any('"DNA"' in x for x in _labels(app))
        await settled(pilot, app)
        assert not any(f.abbreviation for f in app.findings)  # the saved review agrees
    saved = load(path)
    assert saved.abbreviation_meanings == {"TVN": HOSTILE, "DNA": "Did Not Attend"}
    assert {"TVN", "DNA"} <= set(saved.accepted_abbreviations)


async def test_escape_gives_no_meaning(tmp_path: Path) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: any('"TVN"' in x for x in _labels(app)), "the TVN finding")
        await _highlight(app, "TVN")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeaningScreen), "the meaning box")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        assert any('"TVN"' in x for x in _labels(app))
        await settled(pilot, app)
    assert load(path).abbreviation_meanings == {}


def test_plain_mode_gives_a_meaning_from_its_check(tmp_path: Path) -> None:
    path = _review(tmp_path)
    glossary = DataFiles.resolve(None).glossary
    script = Script(
        "",  # the first prompt: nothing typed
        ("Nothing typed", "Check the review"),
        ("What would you like to do", "Give the meaning"),
        ("Which abbreviation", 2),  # 1. DNA (in the glossary), 2. TVN (not)
        ('What does "TVN" stand for', "Tissue Viability Nurse"),
        ("What would you like to do", "Give the meaning"),
        ("Which abbreviation", 1),
        ('What does "DNA" stand for', "1"),
        ("What would you like to do", "Go back to where I was"),
    )
    interview(script, catalogue(), path, glossary)
    said = script.transcript()
    assert "TVN now means Tissue Viability Nurse in this review" in said
    assert "2. TVN: not in the glossary" in said
    assert "1. Did Not Attend" in said
    assert "DNA now means Did Not Attend in this review" in said
    saved = load(path)
    assert saved.abbreviation_meanings == {
        "TVN": "Tissue Viability Nurse",
        "DNA": "Did Not Attend",
    }
