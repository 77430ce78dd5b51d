"""The interview never writes over a change made elsewhere, and gives back what a
session that ended abruptly had not saved: driven by keys, checked on disk."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import SIZE, catalogue, make_app, prompt_title, review_at, type_text

from imr_tui.core.journal import journal_path
from imr_tui.core.lock import lock_path
from imr_tui.core.store import load, save
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.screens.conflict import ConflictScreen
from imr_tui.tui.widgets.status import StatusBar


def _review(tmp_path: Path, resume: str = "summary") -> Path:
    return review_at(tmp_path, resume)


async def _until(pilot: Pilot[int], done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run until ``done()`` (the screen or the file shows it)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not done():
        assert asyncio.get_running_loop().time() < deadline, "it did not happen in time"
        await pilot.pause()


def _someone_else_adds_sources(path: Path) -> bytes:
    other = load(path)
    other.answers["sources"] = "added by another program"
    save(path, other, catalogue())
    return path.read_bytes()


@pytest.mark.parametrize("choice", ["reload", "copy", "overwrite"])
async def test_an_outside_change_is_noticed_and_the_author_chooses(
    tmp_path: Path, choice: str
) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "the author's first words")
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: load(path).answer("summary") == "the author's first words")
        theirs = _someone_else_adds_sources(path)
        await type_text(pilot, " and more")
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert path.read_bytes() == theirs  # nothing written over it
        assert "changed by another program" in str(app.screen.query_one(".question").render())
        await pilot.press({"reload": "r", "copy": "k", "overwrite": "o"}[choice])
        if choice == "overwrite":
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
        await _until(pilot, lambda: not app.session or not app.session.dirty)
        await type_text(pilot, ".")
        await pilot.press("ctrl+q")
    mine = "the author's first words and more."
    if choice == "reload":
        review = load(path)
        assert (review.answer("summary"), review.answer("sources")) == (
            mine,
            "added by another program",
        )
    elif choice == "copy":
        [copy] = [p for p in tmp_path.glob("r (my version *).toml")]
        assert load(copy).answer("summary") == mine
        assert load(copy).answer("sources") == ""
        assert path.read_bytes() == theirs
        assert not lock_path(copy).exists() and not lock_path(path).exists()
    else:
        review = load(path)
        assert (review.answer("summary"), review.answer("sources")) == (mine, "")
    assert not journal_path(path).exists()


async def test_a_removed_lock_and_a_command_line_change_are_not_overwritten(
    tmp_path: Path,
) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lock_path(path).unlink()
        added = subprocess.run(
            [sys.executable, "-m", "imr_tui", "pseudonyms", str(path), "add", "Jane Doe", "A"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert added.returncode == 0, added.stderr
        await type_text(pilot, "typed after the lock went")
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        status = str(app.screen_stack[-2].query_one(StatusBar).render())
        assert "NOT SAVED" in status and "Ctrl+S to choose" in status
        await pilot.press("r")
        await _until(pilot, lambda: not app.session or not app.session.dirty)
        await pilot.press("ctrl+q")
    review = load(path)
    assert [p.name for p in review.pseudonyms] == ["Jane Doe"]
    assert review.answer("summary") == "typed after the lock went"


@pytest.mark.parametrize("put_back", [True, False])
async def test_changes_left_in_the_journal_are_offered_back(tmp_path: Path, put_back: bool) -> None:
    path = _review(tmp_path)
    journal_path(path).write_text(
        '{"k": "#", "v": 1, "t": 0}\n'
        '{"k": "answer:summary", "v": "typed before the crash", "t": 1764500000}\n'
        '{"k": "resume", "v": "summary", "t": 1764500000}\n'
    )
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one(".question").render())
        assert "2 changes" in question and "Put them back?" in question
        await pilot.press("y" if put_back else "n")
        await pilot.pause()
        assert prompt_title(app).startswith("Summary")
        await pilot.press("ctrl+q")
    expected = "typed before the crash" if put_back else ""
    assert load(path).answer("summary") == expected
    assert not journal_path(path).exists()


async def test_a_review_that_cannot_be_locked_opens_read_only_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import imr_tui.core.lock

    path = _review(tmp_path)
    before = path.read_bytes()

    def full_disk(target: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(imr_tui.core.lock, "_write_new", full_disk)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session is not None and app.session.read_only
        note = str(app.screen.query_one("#prompt-note").render())
        assert "Read-only" in note and "No space left on device" in note
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before
