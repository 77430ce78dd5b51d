"""The trainer's comments reach a review, open or not; the room's model-answer switch."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.journal import journal_path
from imr_tui.core.lock import ReviewLock, lock_path
from imr_tui.core.session import open_session
from imr_tui.core.store import create, load
from imr_tui.workshop.inbox import inbox_folder, post_comment, queued, take_queued
from imr_tui.workshop.room import read_room, room_path, room_stamp, set_model_answers

HOSTILE = "[bold]Why?[/bold] [@click=app.quit] \x07 ünïcödé 王芳"


@pytest.fixture
def review(tmp_path: Path, catalogue: Catalogue) -> Path:
    path = tmp_path / "anna" / "marlow-case.toml"
    path.parent.mkdir()
    create(path, catalogue)
    return path


def _first_prompt(catalogue: Catalogue) -> str:
    return catalogue.prompts()[0].id


def test_a_closed_review_gets_the_comment_saved(review: Path, catalogue: Catalogue) -> None:
    prompt = _first_prompt(catalogue)
    assert post_comment(review, catalogue, on=prompt, text=HOSTILE, by="the trainer") == "added"
    saved = load(review, catalogue)
    assert [(c.on, c.text, c.by) for c in saved.comments] == [
        (f"prompt:{prompt}", HOSTILE, "the trainer")
    ]
    assert not lock_path(review).exists() and not journal_path(review).exists()
    assert not inbox_folder(review).exists()


def test_an_open_review_gets_it_queued_then_taken(review: Path, catalogue: Catalogue) -> None:
    prompt = _first_prompt(catalogue)
    session, _ = open_session(review, catalogue)
    try:
        assert post_comment(review, catalogue, on=prompt, text=HOSTILE, by="the trainer") == (
            "queued"
        )
        assert load(review, catalogue).comments == []  # the open file was not touched
        files = list(inbox_folder(review).iterdir())
        assert len(files) == 1 and stat.S_IMODE(files[0].stat().st_mode) == 0o600
        assert stat.S_IMODE(inbox_folder(review).stat().st_mode) == 0o700
        waiting = queued(review)
        assert [c.text for c in waiting] == [HOSTILE]
        assert take_queued(session) == 1
        assert take_queued(session) == 0
    finally:
        session.close()
        assert session.lock is not None
        session.lock.release()
    saved = load(review, catalogue)
    assert [(c.id, c.text, c.by) for c in saved.comments] == [
        (waiting[0].id, HOSTILE, "the trainer")
    ]
    assert not inbox_folder(review).exists()


def test_a_lock_held_by_the_trainer_is_what_the_trainee_meets(
    review: Path, catalogue: Catalogue
) -> None:
    with ReviewLock.acquire(review):
        result = post_comment(review, catalogue, on=_first_prompt(catalogue), text="x", by="t")
    assert result == "queued"


def test_a_review_with_a_waiting_journal_gets_it_queued(review: Path, catalogue: Catalogue) -> None:
    journal_path(review).write_text('{"k": "resume", "v": "x"}\n')
    assert post_comment(review, catalogue, on=_first_prompt(catalogue), text="x", by="t") == (
        "queued"
    )
    assert load(review, catalogue).comments == []


def test_a_bad_place_is_one_line_and_nothing_is_written(review: Path, catalogue: Catalogue) -> None:
    before = review.read_bytes()
    with pytest.raises(UserError) as e:
        post_comment(review, catalogue, on="no such place", text="x", by="t")
    assert "\n" not in str(e.value) and str(review) in str(e.value)
    assert review.read_bytes() == before and not inbox_folder(review).exists()


def test_the_room_switch(tmp_path: Path) -> None:
    assert read_room(tmp_path).model_answers is True and room_stamp(tmp_path) == 0
    set_model_answers(tmp_path, False)
    assert read_room(tmp_path).model_answers is False
    stamp = room_stamp(tmp_path)
    assert stamp > 0 and stat.S_IMODE(room_path(tmp_path).stat().st_mode) == 0o600
    assert "model_answers = false" in room_path(tmp_path).read_text()
    set_model_answers(tmp_path, True)
    assert read_room(tmp_path).model_answers is True


def test_a_read_only_view_never_takes_the_queue(review: Path, catalogue: Catalogue) -> None:
    from imr_tui.core.session import view_session

    with ReviewLock.acquire(review):
        post_comment(review, catalogue, on=_first_prompt(catalogue), text="x", by="t")
    assert take_queued(view_session(review, catalogue)) == 0
    assert len(queued(review)) == 1
