"""Keys sent as one burst, as a laggy link delivers them: each lands where it was typed.

The bytes go through Textual's own terminal parser, so Enter is ``\\r`` and Tab
is ``\\t`` exactly as a terminal sends them, and every event of a burst is put
on the app's queue before the app handles the first.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.command import CommandList
from textual.geometry import Size
from textual.widgets import TextArea
from tui_helpers import SIZE, catalogue, go_to, make_app, prompt_title

from imr_tui.core.model import ReviewPeriod
from imr_tui.core.store import create, load, save
from imr_tui.tui import ordered_input
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.form import FormScreen

SHORT = ["author_name", "author_role", "author_agency", "author_contact"]
"""One-line prompts in a row: Enter on one moves to the next."""
EXISTING = {"author_role": "Staff Nurse", "author_contact": "Ward 7"}
"""Answers already written: a burst must add to them, never overwrite or remove them."""


def key_events(data: str) -> list[events.Event]:
    """What the terminal driver makes of these bytes."""
    parser = XTermParser()
    found = list(parser.feed(data))
    found += list(parser.feed(""))
    return [e for e in found if isinstance(e, (events.Key, events.Paste))]


def burst(app: IMRApp, data: str, resize_at: set[int] | None = None) -> None:
    """Put every key of ``data`` on the app's queue at once; resize between some keys."""
    for i, event in enumerate(key_events(data)):
        if resize_at and i in resize_at:
            size = Size(80 + i % 7, 24 + i % 3)
            app.post_message(events.Resize(size, size))
        app.post_message(event)


def _review(tmp_path: Path, resume: str, **answers: str) -> Path:
    path = tmp_path / "r.toml"
    review = create(path, catalogue())
    review.resume = resume
    review.review_period = ReviewPeriod.model_validate({"start": "2025-01-01", "end": "2025-12-31"})
    for step_id, text in answers.items():
        review.answers[step_id] = text
    save(path, review, catalogue())
    return path


def _words(rng: random.Random, n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join(
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 8))) for _ in range(n)
    )


async def test_a_burst_across_prompts_with_resizes_lands_in_order(tmp_path: Path) -> None:
    """Enter moves on inside the burst; each answer gets exactly its own words."""
    for seed in range(6):
        rng = random.Random(seed)
        folder = tmp_path / str(seed)
        folder.mkdir()
        path = _review(folder, resume="author_name", **EXISTING)
        typed = {step: _words(rng, rng.randint(1, 4)) for step in SHORT}
        data = "\r".join(typed[s] for s in SHORT)
        count = len(key_events(data))
        resizes = set(rng.sample(range(count), 6))
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert prompt_title(app).startswith("Author's name")
            burst(app, data, resizes)
            await pilot.pause()
            assert await app.input.settled()
            assert prompt_title(app).startswith("Author's contact")
            await pilot.press("ctrl+q")
        review = load(path)
        for step in SHORT:
            assert review.answer(step) == EXISTING.get(step, "") + typed[step], (seed, step)


async def test_typing_straight_after_ctrl_n_and_a_palette_jump_goes_to_the_new_prompt(
    tmp_path: Path,
) -> None:
    path = _review(tmp_path, resume="summary")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert prompt_title(app).startswith("Summary")
        # Ctrl+N is \x0e; the palette is Ctrl+G, its search box takes the rest.
        burst(app, "first line\rsecond\x0esources typed at once")
        assert await app.input.settled()
        assert prompt_title(app).startswith("Sources")
        burst(app, "\x07Were practitioners sensitive")
        assert await app.input.settled()
        # The palette searches in the background: wait until it offers the prompt.
        options = app.screen.query_one(CommandList)
        while not (
            options.highlighted is not None
            and "Were practitioners sensitive"
            in str(options.get_option_at_index(options.highlighted).prompt)
        ):
            await pilot.pause()
        burst(app, "\rsensitive answer")
        assert await app.input.settled()
        assert prompt_title(app).startswith("Were practitioners sensitive")
        await pilot.press("ctrl+q")
    review = load(path)
    assert review.answer("summary") == "first line\nsecond"
    assert review.answer("sources") == "sources typed at once"
    assert review.answer("q_sensitive") == "sensitive answer"


async def test_a_chronology_form_typed_as_one_burst_with_tabs(tmp_path: Path) -> None:
    """``date<Tab>time<Tab><Tab><Tab><Tab>source<Tab>...`` puts each value in its own
    field (the end date, end time and reference left empty)."""
    path = _review(tmp_path, resume="chronology")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        columns = [c.id for c in catalogue().chronology.columns]
        values = ["16/03/2025", "11:00", "", "", "", "SRC2", *[f"{c.upper()} 2" for c in columns]]
        # 'a' opens the form; Ctrl+S (\x13) saves it: all in one write.
        burst(app, "a" + "\t".join(values) + "\x13")
        assert await app.input.settled()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+q")
    [entry] = load(path).chronology
    assert (entry.date, entry.time, entry.source) == ("2025-03-16", "11:00", "SRC2")
    assert entry.cells == {c: f"{c.upper()} 2" for c in columns}


async def test_a_hang_up_while_a_new_form_is_saved_keeps_one_record(tmp_path: Path) -> None:
    """A hang-up keeps an open form as a record, then reads the keys that came with
    it: those may finish the form and save it. Saving and keeping put the same
    record, never two; keeping it again takes what was typed since."""
    path = _review(tmp_path, resume="chronology")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "a16/03/2025\t11:00\t\t\t\tGP rec")
        assert await app.input.settled()
        app.keep_everything()  # the hang-up arrives: the open form is kept
        burst(app, "ords\x13")  # the keys that came with it finish and save it
        assert await app.input.settled()
        assert not isinstance(app.screen, FormScreen)
        burst(app, "a17/03/2025\t\t\t\t\tWard")
        assert await app.input.settled()
        app.keep_everything()
        burst(app, " 7 notes")  # typed after the first keep: kept by the second
        assert await app.input.settled()
        app.keep_everything()
        await pilot.press("ctrl+q")
    saved = load(path).chronology
    assert [(e.date, e.source) for e in saved] == [
        ("2025-03-16", "GP records"),
        ("2025-03-17", "Ward 7 notes"),
    ]


async def test_a_hang_up_while_a_new_recommendation_is_saved_keeps_one(tmp_path: Path) -> None:
    path = _review(tmp_path, resume="recommendations")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "aTrain all ward staff")
        assert await app.input.settled()
        assert isinstance(app.screen, FormScreen)
        app.keep_everything()
        burst(app, " in mental capacity\x13")
        assert await app.input.settled()
        await pilot.press("ctrl+q")
    [rec] = load(path).recommendations
    assert rec.recommendation == "Train all ward staff in mental capacity"


async def test_a_new_review_named_in_a_burst_from_the_start_screen(tmp_path: Path) -> None:
    app = make_app(workspace=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "nTA 2025\rAcme Trust")
        assert await app.input.settled()
        await pilot.press("ctrl+q")
    assert load(tmp_path / "TA 2025.toml").answer("agency") == "Acme Trust"


async def test_resuming_puts_the_cursor_at_the_end_and_ctrl_home_end_move_it(
    tmp_path: Path,
) -> None:
    text = "First paragraph.\n\nSecond paragraph, where I stopped"
    path = _review(tmp_path, resume="summary", summary=text)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, " yesterday.")
        assert await app.input.settled()
        area = app.screen.query_one("#answer", TextArea)
        assert area.text == text + " yesterday."
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)
        burst(app, "Note: ")
        assert await app.input.settled()
        await pilot.press("ctrl+end")
        assert area.cursor_location == area.document.end
        burst(app, " End.")
        assert await app.input.settled()
        await pilot.press("ctrl+q")
    assert load(path).answer("summary") == "Note: " + text + " yesterday. End."


async def test_keys_typed_while_the_prompt_is_being_built_wait_for_it(tmp_path: Path) -> None:
    """A prompt change begun elsewhere (the sidebar, the palette) holds keys until it is done."""
    path = _review(tmp_path, resume="summary")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.hold_input()
        burst(app, "abc")
        await pilot.pause()
        assert app.input.waiting == 3
        await go_to(pilot, "sources")
        app.release_input()
        assert await app.input.settled()
        await pilot.press("ctrl+q")
    review = load(path)
    assert review.answer("sources") == "abc"
    assert review.answer("summary") == ""


async def test_keys_held_through_a_prompt_change_slower_than_the_quiet_limit_wait_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a busy server a prompt change can take longer than the quiet limit; keys typed
    meanwhile still wait for the new prompt instead of landing in the old one."""
    # No quiet limit at all: any wait that is not for the hold ends at once.
    monkeypatch.setattr(ordered_input, "QUIET_LIMIT", 0.0)
    path = _review(tmp_path, resume="summary")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.hold_input()  # the change of prompt has begun (and is slow)
        burst(app, "abc")
        await pilot.pause()  # the keys' turn comes and goes: they wait for the hold all the same
        await pilot.pause()
        assert app.input.waiting == 3
        await go_to(pilot, "sources")
        app.release_input()
        assert await app.input.settled()
        await pilot.press("ctrl+q")
    review = load(path)
    assert review.answer("sources") == "abc"
    assert review.answer("summary") == ""
