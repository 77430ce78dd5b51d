"""The author sees each replacement before an anonymised export: ``imr pseudonyms FILE
check`` and the interview's "Names in the export" screen. Neither writes anything."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import Imr
from textual.widgets import OptionList
from tui_helpers import SIZE, catalogue, make_app, prompt_title, settled, until

from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Pseudonym,
    Review,
    ReviewPeriod,
)
from imr_tui.core.store import create, load
from imr_tui.report.mentions import Mention
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.screens.mentions import LOOKING, MentionsScreen

HOSTILE = "[bold]x[/] Dorothy Hollins [@click=app.quit]q[/]"
"""A mention in text that would act if it were read as markup."""
SUMMARY = (
    "On the ward round she told Dorothy Hollins's son that the visits would go on.\n\n"
    f"She asked for her glasses. \x1b[31m{HOSTILE} said so."
)
EVENT = "Home visit: Dorothy Hollins was seen in the kitchen"


def _review(summary: str = SUMMARY) -> Review:
    return Review(
        answers={"agency": "Northshire Community Health", "summary": summary},
        adults=[Adult(name="Dorothy Hollins", date_of_birth=date(1945, 6, 2))],
        review_period=ReviewPeriod(start=date(2025, 1, 1), end=date(2025, 12, 31)),
        chronology=[
            ChronologyEntry(
                id="e1",
                date="2025-03-11",
                source="District nursing notes",
                cells={"event": EVENT},
            )
        ],
        pseudonyms=[Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult")],
    )


def _write(tmp_path: Path, review: Review) -> Path:
    path = tmp_path / "r.toml"
    create(path, catalogue(), review)
    return path


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder``: its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()}


# ---------------------------------------------------------------- the command


def heading_above(lines: list[str], line: str) -> str:
    """The section heading (a line not indented) nearest above ``line``."""
    at = lines.index(line)
    return next(ln for ln in reversed(lines[:at]) if ln and not ln.startswith(" "))


def test_check_lists_each_mention_in_context_section_by_section(imr: Imr, tmp_path: Path) -> None:
    path = _write(tmp_path, _review())
    before = _state(tmp_path)
    result = imr("pseudonyms", path, "check")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    mention = [ln for ln in lines if "Dorothy Hollins's son" in ln]
    assert len(mention) == 1
    assert mention[0].startswith('  "Dorothy Hollins\'s" -> "Adult A\'s"   …')
    assert mention[0].endswith("she told Dorothy Hollins's son that the visits would go…")
    event = [ln for ln in lines if "seen in the kitchen" in ln]
    assert event == [
        '  "Dorothy Hollins" -> "Adult A"   …Home visit: Dorothy Hollins was seen in the kitchen…'
    ]
    # Section by section, in the report's order: each under its section's title.
    assert heading_above(lines, mention[0]).startswith("Summary")
    assert heading_above(lines, event[0]).startswith("Chronology")
    assert lines.index(mention[0]) < lines.index(event[0])
    # The author's text literally, control characters as symbols, each on one line.
    assert HOSTILE in out
    assert "\x1b" not in out and "␛[31m[bold]x" in out
    assert "Still found" not in out
    assert lines[-1].startswith(f"{out.count(' -> ')} mentions replaced; 0 things still found")
    assert _state(tmp_path) == before  # nothing written, the review untouched


def test_check_names_what_would_still_be_found_and_exits_1(imr: Imr, tmp_path: Path) -> None:
    path = _write(tmp_path, _review(SUMMARY + "\n\nMrs Hollins was not at home."))
    before = _state(tmp_path)
    result = imr("pseudonyms", path, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    tail = out[out.index("Still found in an anonymised export:") :]
    assert "Hollins" in tail and "Summary" in tail
    assert f"imr pseudonyms {path} add " in tail
    assert "; 1 thing still found;" in out.splitlines()[-1]
    assert _state(tmp_path) == before


def test_check_with_nothing_listed_says_so_in_one_line(imr: Imr, tmp_path: Path) -> None:
    review = _review().model_copy(update={"pseudonyms": [], "adults": []})
    path = _write(tmp_path, review)
    before = _state(tmp_path)
    result = imr("pseudonyms", path, "check")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no names are listed" in result.stderr
    assert "Traceback" not in result.stderr
    assert _state(tmp_path) == before


def test_check_with_a_name_without_alias_says_so_in_one_line(imr: Imr, tmp_path: Path) -> None:
    review = _review().model_copy(update={"pseudonyms": [Pseudonym(name="Dorothy Hollins")]})
    path = _write(tmp_path, review)
    result = imr("pseudonyms", path, "check")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "has no alias" in result.stderr


# ---------------------------------------------------------------- the interview


def _list(app: IMRApp) -> OptionList:
    return app.screen.query_one("#mentions", OptionList)


def _highlighted(app: IMRApp) -> object:
    screen = app.screen
    assert isinstance(screen, MentionsScreen)
    options = _list(app)
    assert options.highlighted is not None
    option = options.get_option_at_index(options.highlighted)
    assert option.id is not None
    return screen.targets[int(option.id)]


def _shown(app: IMRApp, widgets: str = "Static, OptionList, FooterKey") -> str:
    """The screen's ``widgets`` as drawn, line by line: the text a person sees."""
    lines = []
    for widget in app.screen.query(widgets):
        for y in range(widget.size.height):
            lines.append("".join(segment.text for segment in widget.render_line(y)))
    return "\n".join(lines)


async def _open_names(pilot: Any, app: IMRApp) -> None:
    """Open the Names screen with its key and wait until its list has been worked out."""
    await pilot.press("ctrl+o")
    await until(
        pilot,
        lambda: isinstance(app.screen, MentionsScreen) and app.screen.looked is not None,
        "the Names screen's list",
    )


async def _step_to(pilot: Any, app: IMRApp, key: str, wanted: Callable[[object], bool]) -> None:
    """Press ``key`` until the highlighted line is one ``wanted`` (at most 30 times)."""
    for _ in range(30):
        if wanted(_highlighted(app)):
            return
        await pilot.press(key)
        await pilot.pause()
    raise AssertionError(f"{key} never reached the line wanted")


async def _open(tmp_path: Path) -> tuple[IMRApp, Path]:
    path = _write(tmp_path, _review())
    return make_app(path), path


async def test_the_names_screen_steps_through_mentions_and_goes_to_the_prompt(
    tmp_path: Path,
) -> None:
    app, path = await _open(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        before = _state(tmp_path)
        assert "^o Names" in _shown(app, "FooterKey")  # the key is in the footer
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        await until(pilot, lambda: app.screen.query_one("#mentions-summary").render() != LOOKING)
        screen = app.screen
        assert isinstance(screen, MentionsScreen)
        assert screen.looked is not None and screen.looked.preview is not None
        mentions = screen.looked.preview.mentions
        assert any(m.section == "Summary" and m.becomes == "Adult A" for m in mentions)
        assert "Dorothy Hollins" in _shown(app) and "Adult A" in _shown(app)
        first = _highlighted(app)
        assert isinstance(first, Mention)
        await pilot.press("n")
        await pilot.pause()
        second = _highlighted(app)
        assert isinstance(second, Mention) and second is not first
        await pilot.press("p")
        await pilot.pause()
        assert _highlighted(app) is first
        await _step_to(pilot, app, "n", lambda t: isinstance(t, Mention) and "son that" in t.after)
        await settled(pilot, app)
        assert _state(tmp_path) == before  # looking wrote nothing
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MentionsScreen)
        assert prompt_title(app).startswith("Summary of involvement")
        await settled(pilot, app)
    # Going to the prompt saves where the author is, as any move does; nothing else.
    assert set(_state(tmp_path)) == set(before) - {".r.toml.lock"}
    assert load(path, catalogue()).answers == _review().answers


async def test_enter_on_a_chronology_mention_opens_its_entry(tmp_path: Path) -> None:
    app, _ = await _open(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_names(pilot, app)
        await _step_to(
            pilot, app, "down", lambda t: isinstance(t, Mention) and "kitchen" in t.after
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the entry's form")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert EVENT in form.initial.values()


async def test_the_authors_text_is_shown_literally(tmp_path: Path) -> None:
    app, _ = await _open(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_names(pilot, app)
        for _ in range(20):  # bring the hostile line on screen
            target = _highlighted(app)
            if isinstance(target, Mention) and "@click" in target.after:
                break
            await pilot.press("n")
            await pilot.pause()
        shown = _shown(app)
        assert HOSTILE in shown
        assert "␛[31m[bold]x" in shown
        await pilot.click("#mentions")  # a click on the text does not quit
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_with_nothing_listed_the_screen_says_why(tmp_path: Path) -> None:
    path = _write(tmp_path, _review().model_copy(update={"pseudonyms": [], "adults": []}))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_names(pilot, app)
        assert "no names are listed" in _shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MentionsScreen)
    assert os.path.exists(path)


async def test_the_list_is_worked_out_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import imr_tui.report.mentions as engine

    real, release = engine.preview, threading.Event()

    def slow(*args: Any, **kwargs: Any) -> engine.Preview:
        assert release.wait(10)  # a long review: the screen answers meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "preview", slow)
    app, _ = await _open(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        # As Ctrl+O does (a simulated key press in the tests waits for the worker).
        interview.action_names()
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        assert LOOKING in _shown(app)
        release.set()
        await until(pilot, lambda: "mentions replaced" in _shown(app), "the list")
        assert "Dorothy Hollins" in _shown(app)


async def _export_from_the_names_screen(app: IMRApp, pilot: Any) -> str:
    """Open the Names screen, press x, and give the notice it shows."""
    await _open_names(pilot, app)
    await pilot.press("x")
    await until(pilot, lambda: list(app._notifications), "the notice")
    await app.workers.wait_for_complete()
    return " ".join(n.message for n in app._notifications)


async def test_x_on_the_names_screen_writes_the_anonymised_export(tmp_path: Path) -> None:
    review = _review(summary="Mrs Hollins was seen. [@click=app.quit]x[/]")
    review.pseudonyms.append(Pseudonym(name="Mrs Hollins", alias="Adult A"))
    path = _write(tmp_path, review)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        said = await _export_from_the_names_screen(app, pilot)
        assert "x Export anonymised" in _shown(app, "FooterKey")
        await pilot.press("escape")
    target = tmp_path / "northshire-community-health-adult-a-anonymised.md"
    assert said == f"Anonymised export written to {target.name}."
    text = target.read_text(encoding="utf-8")
    assert "Hollins" not in text and "Adult A was seen" in text
    assert (os.stat(target).st_mode & 0o777) == 0o600


async def test_x_writes_nothing_while_something_would_still_be_found(tmp_path: Path) -> None:
    path = _write(tmp_path, _review(summary="Her son Paul Hollins rang."))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        before = _state(tmp_path)
        said = await _export_from_the_names_screen(app, pilot)
        assert _state(tmp_path) == before
        await pilot.press("escape")
    assert said.startswith("Nothing was written: 1 thing that may identify someone is still")
    assert not list(tmp_path.glob("*anonymised*"))


async def test_n_reaches_what_is_still_found_and_enter_goes_there(tmp_path: Path) -> None:
    from imr_tui.report.leftovers import Leftover

    path = _write(tmp_path, _review(summary="Dorothy Hollins rang. Her son Paul Hollins came."))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_names(pilot, app)
        await _step_to(pilot, app, "n", lambda t: isinstance(t, Leftover))
        target = _highlighted(app)
        assert isinstance(target, Leftover) and "Hollins" in target.what
        await pilot.press("enter")
        await pilot.pause()
        assert prompt_title(app).startswith("Summary of involvement")
        await pilot.press("ctrl+q")
