"""Quality checks, abbreviations, training mode and locks, as an author meets them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import OptionList
from tui_helpers import (
    SIZE,
    catalogue,
    go_to,
    make_app,
    prompt_title,
    screen_text,
    settled,
    type_text,
    until,
)

import imr_tui.checks
from imr_tui.core.example import model_answer
from imr_tui.core.lock import ReviewLock, lock_path
from imr_tui.core.store import create, load
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.check import CheckScreen
from imr_tui.tui.screens.confirm import ConfirmScreen


def _new(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    create(path, catalogue())
    return path


def abbreviation_line(app: IMRApp) -> str:
    """The line under the answer naming its abbreviations."""
    return str(app.screen.query_one(".abbreviations").render())


def abbreviations(app: IMRApp) -> set[str]:
    """The abbreviations the findings on show name."""
    return {f.abbreviation for f in app.findings if f.abbreviation}


async def test_an_abbreviation_is_named_and_can_be_accepted_into_the_glossary(
    tmp_path: Path,
) -> None:
    path = _new(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "summary")
        await type_text(pilot, "She was seen by the CPN and her GP.")
        await until(pilot, lambda: "CPN" in abbreviation_line(app), "the abbreviation line")
        line = abbreviation_line(app)
        assert "CPN = Community Psychiatric Nurse" in line
        assert "GP = General Practitioner" in line
        assert abbreviations(app) == set()  # checked before typing: nothing to say yet
        await settled(pilot, app)  # saved, then checked in the background
        assert load(path).answer("summary") == "She was seen by the CPN and her GP."
        assert abbreviations(app) == {"CPN", "GP"}
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, CheckScreen)
        assert "things to look at" in screen_text(app)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "Summary" in labels  # findings are grouped under their section
        gp = next(i for i, label in enumerate(labels) if '"GP"' in label)
        options.highlighted = gp
        await pilot.press("a")
        await pilot.pause()
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any('"GP"' in label for label in labels)
        assert abbreviations(app) == {"CPN"}
        await settled(pilot, app)  # the acceptance is saved and the checks agree
        assert load(path).accepted_abbreviations == ["GP"]
        assert abbreviations(app) == {"CPN"}
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any('"GP"' in label for label in labels)
        cpn = next(i for i, label in enumerate(labels) if '"CPN"' in label)
        options.highlighted = cpn
        await pilot.press("enter")
        await pilot.pause()
        assert prompt_title(app).startswith("Summary of involvement")
        await until(pilot, lambda: "CPN" in abbreviation_line(app), "the abbreviation line")
        assert "GP" not in abbreviation_line(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("1")  # the export dialog: a draft in Markdown
        await until(pilot, lambda: path.with_suffix(".md").exists(), "the export")
    assert load(path).accepted_abbreviations == ["GP"]
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "Glossary of abbreviations" in markdown
    assert "General Practitioner" in markdown


async def test_training_mode_shows_why_and_a_model_answer(tmp_path: Path) -> None:
    path = _new(tmp_path)
    app = create_app(catalogue(), path=path, training=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "summary")
        shown = screen_text(app)
        prompt = catalogue().prompt("summary")
        assert prompt.why and prompt.model_answer
        assert f"Why it matters: {prompt.why}" in shown
        assert f"A model answer: {model_answer(prompt.model_answer, catalogue())}" in shown


async def test_a_review_open_elsewhere_is_offered_read_only(tmp_path: Path) -> None:
    path = _new(tmp_path)
    before = path.read_bytes()
    with ReviewLock.acquire(path) as lock:
        assert lock is not None
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "open in another session" in screen_text(app)
            await pilot.press("y")
            await pilot.pause()
            assert "Read-only" in screen_text(app)
            await type_text(pilot, "Typed into a read-only view")
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert path.read_bytes() == before
        assert lock_path(path).exists()  # still the other session's
    assert not lock_path(path).exists()


async def test_the_lock_is_held_while_open_and_released_on_quit(tmp_path: Path) -> None:
    path = _new(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert lock_path(path).exists()
        assert lock_path(path).stat().st_mode & 0o777 == 0o600
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not lock_path(path).exists()


async def test_a_spreadsheet_chronology_is_previewed_then_imported(tmp_path: Path) -> None:
    path = _new(tmp_path)
    (tmp_path / "notes.csv").write_text(
        "Date of contact,Time,Source,Details\n"
        "11/03/2024,09:05,District nursing notes,Home visit\n"
        "31/02/2024,,GP letter,Impossible date\n"
        "Mar 2024,,Safeguarding log,Concern raised\n",
        encoding="utf-8",
    )
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.press("i")
        await pilot.pause()
        files = app.screen.query_one("#files", OptionList)
        files.focus()
        files.highlighted = 0
        await pilot.press("enter")  # the file is read on a worker; Enter returns once shown
        summary = str(app.screen.query_one("#import-summary").render())
        assert "2 new entries to add" in summary
        assert "row 3" in summary and "31/02/2024" in summary
        await pilot.press("enter")  # the Import button has the focus
        await pilot.pause()
        await settled(pilot, app)
    review = load(path)
    assert sorted((e.date, e.time, e.source) for e in review.chronology) == [
        ("2024-03", "", "Safeguarding log"),
        ("2024-03-11", "09:05", "District nursing notes"),
    ]


async def test_only_the_latest_check_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check still running when the review changes again is not shown over the
    newer one, and checks never run side by side."""
    path = _new(tmp_path)
    real = imr_tui.checks.run_checks
    gate = threading.Event()
    entered = threading.Event()
    running: list[int] = []
    seen: list[str] = []

    def gated(catalogue, review, glossary, stop=None):  # type: ignore[no-untyped-def]
        running.append(1)
        assert len(running) == 1, "two checks ran at once"
        seen.append(review.answer("summary"))
        entered.set()
        gate.wait(10)
        try:
            return real(catalogue, review, glossary, stop=stop)
        finally:
            running.pop()

    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gate.set()
        await settled(pilot, app)
        await go_to(pilot, "summary")
        monkeypatch.setattr(imr_tui.checks, "run_checks", gated)
        gate.clear()
        entered.clear()
        session = app.session
        assert session is not None
        summary = next(s for s in session.steps() if s.id == "summary")
        shown = app.checks_run
        session.set_text(summary, "The GP saw her.")
        app.recheck()
        for _ in range(1000):
            if entered.is_set():
                break
            await pilot.pause()
        assert entered.is_set()
        session.set_text(summary, "The CPN saw her.")
        app.recheck()  # the first check is still running: this one waits for it
        await pilot.pause()
        assert len(running) == 1
        gate.set()
        await settled(pilot, app)
        assert seen[-2:] == ["The GP saw her.", "The CPN saw her."]
        assert app.checks_run == shown + 1  # the older check's result was never shown
        assert abbreviations(app) == {"CPN"}
