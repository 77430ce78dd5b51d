"""Giving an abbreviation's meaning as an author meets it: the Check screen's ``m`` key and
plain mode's check, each asserted on the screen (or what was said) and on the file."""

from __future__ import annotations

from pathlib import Path

from scripted_asker import Script
from textual.widgets import Input, OptionList
from tui_helpers import (
    SIZE,
    catalogue,
    finding_labels,
    highlight_abbreviation,
    keys_for,
    make_app,
    review_with_event,
    screen_text,
    settled,
    until,
)

from imr_tui.core.data_files import DataFiles
from imr_tui.core.store import load
from imr_tui.plain.run import interview
from imr_tui.report import blocks as b
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.check import CheckScreen, MeaningScreen

HOSTILE = "Tissue [bold]Viability[/bold] [@click=app.quit]Nurse"


def _review(tmp_path: Path) -> Path:
    """A review whose chronology uses an abbreviation the glossary does not know (SPA)
    and an ambiguous one (DNA)."""
    return review_with_event(tmp_path, "Joint visit with the SPA; she DNA'd the clinic.")


async def test_the_check_screen_gives_meanings_typed_and_chosen(tmp_path: Path) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check screen")
        await until(
            pilot, lambda: any('"SPA"' in x for x in finding_labels(app)), "the SPA finding"
        )
        assert any("not in the glossary" in x for x in finding_labels(app))

        # Not in the glossary: a box to write its meaning; markup stays literal.
        await highlight_abbreviation(app, pilot, "SPA")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeaningScreen), "the meaning box")
        assert 'What does "SPA" stand for' in screen_text(app)
        assert app.screen.query_one(Input).has_focus
        await pilot.press(*keys_for(HOSTILE), "enter")  # typed, as an author does
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        assert not any('"SPA"' in x for x in finding_labels(app))

        # Ambiguous: its meanings are listed; the box has the focus, Down goes to the
        # list and Enter there chooses the one highlighted.
        await highlight_abbreviation(app, pilot, "DNA")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeaningScreen), "the meaning box")
        offered = app.screen.query_one("#expansions", OptionList)
        assert app.screen.query_one(Input).has_focus
        shown = [str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)]
        assert shown[0] == "1. Did Not Attend"
        assert shown[1].startswith("2. Deoxyribonucleic acid")
        await pilot.press("down")
        assert offered.has_focus
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        assert not any('"DNA"' in x for x in finding_labels(app))
        await settled(pilot, app)
        assert not any(f.abbreviation for f in app.findings)  # the saved review agrees
    saved = load(path)
    assert saved.abbreviation_meanings == {"SPA": HOSTILE, "DNA": "Did Not Attend"}
    assert {"SPA", "DNA"} <= set(saved.accepted_abbreviations)


async def test_escape_gives_no_meaning(tmp_path: Path) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(
            pilot, lambda: any('"SPA"' in x for x in finding_labels(app)), "the SPA finding"
        )
        await highlight_abbreviation(app, pilot, "SPA")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeaningScreen), "the meaning box")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        assert any('"SPA"' in x for x in finding_labels(app))
        await settled(pilot, app)
    assert load(path).abbreviation_meanings == {}


def test_plain_mode_gives_a_meaning_from_its_check(tmp_path: Path) -> None:
    path = _review(tmp_path)
    glossary = DataFiles.resolve(None).glossary
    script = Script(
        ("Your answer:", "?check"),  # at the first prompt
        ("What would you like to do", "Give the meaning"),
        ("Which abbreviation", 2),  # 1. DNA (in the glossary), 2. SPA (not)
        ('What does "SPA" stand for', "Single Point of Access"),
        ("What would you like to do", "Give the meaning"),
        ("Which abbreviation", 1),
        ('What does "DNA" stand for', "1"),
        ("What would you like to do", "Go back to where I was"),
    )
    interview(script, catalogue(), path, glossary)
    said = script.transcript()
    assert "SPA now means Single Point of Access in this review" in said
    assert "2. SPA: not in the glossary" in said
    assert "1. Did Not Attend" in said
    assert "DNA now means Did Not Attend in this review" in said
    saved = load(path)
    assert saved.abbreviation_meanings == {
        "SPA": "Single Point of Access",
        "DNA": "Did Not Attend",
    }


def _told(app: IMRApp) -> list[str]:
    """Record what the app tells the author in notifications from now on."""
    said: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        said.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return said


async def test_the_check_screen_opens_on_its_first_finding(tmp_path: Path) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        said = _told(app)
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: any('"DNA"' in x for x in finding_labels(app)), "the findings")
        options = app.screen.query_one("#findings", OptionList)
        first = next(
            i for i in range(options.option_count) if not options.get_option_at_index(i).disabled
        )
        assert options.highlighted == first
        await pilot.press("enter")  # goes to the first finding's prompt at once
        await until(pilot, lambda: not isinstance(app.screen, CheckScreen), "the prompt")
        assert "Choose an abbreviation finding first." not in said


async def test_m_then_a_burst_of_typing_goes_into_the_box(tmp_path: Path) -> None:
    """m, then text with markup and Enter at once: that text is DNA's meaning (the box
    has the focus; the list's first meaning is not taken)."""
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(
            pilot, lambda: any('"DNA"' in x for x in finding_labels(app)), "the DNA finding"
        )
        await highlight_abbreviation(app, pilot, "DNA")
        await pilot.press("m", *"[bold]x", "enter")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        await settled(pilot, app)
    assert load(path).abbreviation_meanings == {"DNA": "[bold]x"}


async def test_a_listed_meaning_is_chosen_by_its_number(tmp_path: Path) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(
            pilot, lambda: any('"DNA"' in x for x in finding_labels(app)), "the DNA finding"
        )
        await highlight_abbreviation(app, pilot, "DNA")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeaningScreen), "the meaning box")
        await pilot.press("2", "enter")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        await settled(pilot, app)
    assert load(path).abbreviation_meanings["DNA"].startswith("Deoxyribonucleic acid")


async def test_accepting_an_unknown_word_makes_it_fine_as_written(tmp_path: Path) -> None:
    """a on a word the glossary does not know: no longer queried, not listed in the
    glossary, and the message says so; a final report is not stopped by it."""
    from imr_tui.report.export_files import edition_for, report_blocks
    from imr_tui.report.final_gate import final_problems

    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        said = _told(app)
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(
            pilot, lambda: any('"SPA"' in x for x in finding_labels(app)), "the SPA finding"
        )
        await highlight_abbreviation(app, pilot, "SPA")
        await pilot.press("a")
        await until(pilot, lambda: not any('"SPA"' in x for x in finding_labels(app)), "SPA gone")
        await settled(pilot, app)
        assert not any(f.abbreviation == "SPA" for f in app.findings)
        assert said[-1].startswith(
            '"SPA" is fine as written: no longer queried, and not listed in the export\'s '
            "glossary (if it is an abbreviation, give its meaning: imr glossary "
        )
        await highlight_abbreviation(app, pilot, "DNA")
        await pilot.press("a")
        await until(pilot, lambda: not any('"DNA"' in x for x in finding_labels(app)), "DNA gone")
        assert said[-1].startswith('"DNA" is accepted for this review')
        await settled(pilot, app)
    saved = load(path)
    assert saved.accepted_abbreviations == ["SPA", "DNA"]
    data = DataFiles.resolve(None)
    blocks = report_blocks(saved, data.catalogue, data.glossary, edition_for(None))
    tables = [t for t in blocks if isinstance(t, b.Table) and t.kind == "glossary"]
    rows = [r[0] for t in tables for r in t.rows]
    assert "SPA" not in rows and "DNA" in rows
    problems = final_problems(saved, data.catalogue, data.glossary)
    assert problems and not [p for p in problems if "SPA" in p]


def test_plain_mode_accepts_as_written_and_stops_accepting_for_real(tmp_path: Path) -> None:
    path = _review(tmp_path)
    glossary = DataFiles.resolve(None).glossary
    script = Script(
        ("Your answer:", "?check"),  # at the first prompt
        ("What would you like to do", "Accept an abbreviation"),
        ("Which abbreviation", 2),  # 1. DNA, 2. SPA
        ("What would you like to do", "Give the meaning"),
        ("Which abbreviation", 1),
        ('What does "DNA" stand for', "1"),
        ("What would you like to do", "Stop accepting"),
        ("Which abbreviation", 2),  # 1. SPA, 2. DNA
        ("What would you like to do", "Go back to where I was"),
    )
    interview(script, catalogue(), path, glossary)
    said = script.transcript()
    assert '"SPA" is fine as written: no longer queried, and not listed' in said
    assert 'give its meaning: "Give the meaning of an abbreviation" in this menu' in said
    assert "DNA is no longer accepted and its meaning forgotten: the checks flag it again." in said
    saved = load(path)
    assert saved.accepted_abbreviations == ["SPA"]
    assert saved.abbreviation_meanings == {}
