"""The trainer reads a trainee's review read-only and comments on the place being read:
added to a closed review, queued for an open one; reading never changes the file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList
from trainer_helpers import (
    CASE,
    SIZE,
    all_text,
    cursor_to,
    make_workshop,
    room_read,
    screen_text,
    shown,
    trainer_app,
    until,
)

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.session import open_session
from imr_tui.core.store import create, load
from imr_tui.tui.trainer.reader import ReaderScreen
from imr_tui.workshop.cases import cases, hand_out
from imr_tui.workshop.inbox import queued, take_queued


def right_pane(app) -> str:  # type: ignore[no-untyped-def]
    """The reader's right-hand pane (past the list of places), its words run together."""
    return "".join("".join(line[32:] for line in screen_text(app).splitlines()).split())


COMMENT = "Which policy says so? [bold]cite it[/bold]"


def _workshop_with_case(tmp_path: Path, catalogue: Catalogue) -> tuple[Path, Path]:
    """A workshop where every trainee has the case; Ben Okoro's copy."""
    workspace, folder, trainees = make_workshop(tmp_path, catalogue)
    (case,) = cases(folder, example=False, catalogue=catalogue, prompts=None)
    hand_out(workspace, case, catalogue, None)
    return workspace, workspace / trainees["Ben Okoro"].folder / CASE


async def _open_bens_review(pilot, app) -> ReaderScreen:  # type: ignore[no-untyped-def]
    await room_read(pilot, app)
    await cursor_to(pilot, app, "Ben Okoro")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the review")
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def _to_place(pilot, screen: ReaderScreen, on: str) -> None:  # type: ignore[no-untyped-def]
    """Down the list of places with the arrow key until ``on`` is highlighted."""
    screen.query_one("#places", OptionList).focus()
    for _ in range(200):
        place = screen.current()
        if place is not None and place.on == on:
            return
        await pilot.press("down")
    raise AssertionError(f"{on} not reached")


async def test_reading_shows_every_answer_and_changes_nothing(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, ben = _workshop_with_case(tmp_path, catalogue)
    before = ben.read_bytes(), ben.stat().st_mtime_ns
    review = load(ben, catalogue)
    entry = review.sorted_chronology()[2]
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_bens_review(pilot, app)
        agency = review.answer("agency").split()[0]
        await shown(pilot, app, "Read-only: Ben Okoro's marlow-case.toml", agency)
        await _to_place(pilot, screen, f"entry:{entry.id}")
        await shown(pilot, app, f"Entry 3, {entry.shown_when()}", entry.source.split()[0])
        rec = review.recommendations[0]
        await _to_place(pilot, screen, f"recommendation:{rec.id}")
        await shown(pilot, app, rec.recommendation.split()[0])
        await pilot.press("v")  # the whole report, as exported
        await until(pilot, lambda: "Review and export" in screen_text(app), "the report")
        footer = screen_text(app).splitlines()[-1]
        assert "Back to the review" in footer, footer
        assert "Back to writing" not in footer and "Export" not in footer, footer
        await pilot.press("e")  # no export key for the trainer: nothing happens
        await pilot.pause()
        assert "Review and export" in screen_text(app) and not app._notifications
        await pilot.press("escape")
        await pilot.press("escape")
        await until(pilot, lambda: "Trainee" in screen_text(app), "the room")
    assert (ben.read_bytes(), ben.stat().st_mtime_ns) == before
    assert sorted(p.name for p in ben.parent.iterdir()) == [CASE]  # no lock, journal, backup


async def test_a_comment_on_a_closed_review_is_added_to_the_file(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, ben = _workshop_with_case(tmp_path, catalogue)
    entry = load(ben, catalogue).sorted_chronology()[2]
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_bens_review(pilot, app)
        await _to_place(pilot, screen, f"entry:{entry.id}")
        await pilot.press("c")
        await until(pilot, lambda: "Comment to Ben Okoro on" in screen_text(app), "the dialog")
        app.screen.query_one("Input").value = COMMENT  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: bool(load(ben, catalogue).comments), "the comment saved")
        await until(pilot, lambda: "Comment added" in all_text(app), "said")
        # The reader reads the file again and shows the comment, literally.
        shown = "".join(f"Trainer: {COMMENT}".split())
        await until(pilot, lambda: shown in right_pane(app), "shown")
    (comment,) = load(ben, catalogue).comments
    assert (comment.on, comment.text, comment.by) == (f"entry:{entry.id}", COMMENT, "Trainer")


async def test_a_comment_on_an_open_review_is_queued_for_the_trainee(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, ben = _workshop_with_case(tmp_path, catalogue)
    session, _ = open_session(ben, catalogue)  # Ben is writing
    try:
        before = ben.read_bytes()
        app = trainer_app(workspace, catalogue)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            screen = await _open_bens_review(pilot, app)
            await _to_place(pilot, screen, "prompt:summary")
            await pilot.press("c")
            await until(pilot, lambda: "Comment to Ben Okoro" in screen_text(app), "dialog")
            app.screen.query_one("Input").value = COMMENT  # type: ignore[attr-defined]
            await pilot.press("enter")
            await until(pilot, lambda: bool(queued(ben)), "the comment queued")
            await until(pilot, lambda: "sees it in seconds" in all_text(app), "said")
        assert [(c.on, c.text, c.by) for c in queued(ben)] == [
            ("prompt:summary", COMMENT, "Trainer")
        ]
        assert ben.read_bytes() == before  # the open file is the trainee's to save
    finally:
        if session.lock is not None:
            session.lock.release()


async def test_a_trainee_with_two_reviews_is_asked_which(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, ben = _workshop_with_case(tmp_path, catalogue)
    create(ben.parent / "ben-second.toml", catalogue)
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await room_read(pilot, app)
        await cursor_to(pilot, app, "Ben Okoro")
        await pilot.press("enter")
        await shown(pilot, app, "Read which of Ben Okoro's reviews?", "ben-second.toml 0/")
        await pilot.press("enter")  # the first, by name: ben-second.toml
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the review")
        await shown(pilot, app, "Read-only: Ben Okoro's ben-second.toml")
        await pilot.press("escape")
        await shown(pilot, app, "d Download")


async def test_a_queued_comment_is_shown_at_once_and_the_place_kept(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """Sent to an open review, the comment is shown at once, marked as waiting for the
    trainee's session; the list of places stays on the place commented."""
    workspace, ben = _workshop_with_case(tmp_path, catalogue)
    rec = load(ben, catalogue).recommendations[-1]
    on = f"recommendation:{rec.id}"
    session, _ = open_session(ben, catalogue)  # Ben is writing (and never takes it here)
    try:
        app = trainer_app(workspace, catalogue)
        async with app.run_test(size=SIZE) as pilot:
            screen = await _open_bens_review(pilot, app)
            await _to_place(pilot, screen, on)
            places = screen.query_one("#places", OptionList)
            offset = places.scroll_offset.y
            assert offset > 0  # far down the list
            await shown(pilot, app, "No comments here")
            await pilot.press("c")
            await until(pilot, lambda: "Comment to Ben Okoro" in screen_text(app), "dialog")
            app.screen.query_one("Input").value = COMMENT  # type: ignore[attr-defined]
            await pilot.press("enter")
            expected = "".join(f"Trainer: {COMMENT} (waiting for the trainee's session)".split())
            await until(pilot, lambda: expected in right_pane(app), "shown", limit=10)
            assert "No comments here" not in screen_text(app)
            current = screen.current()
            assert current is not None and current.on == on
            assert places.scroll_offset.y == offset
            assert f"Recommendation {len(load(ben, catalogue).recommendations)}" in screen_text(app)
            assert [c.text for c in queued(ben)] == [COMMENT]
            # Ben's session takes it: read again from the file, the place still kept.
            assert take_queued(session) == 1
            taken = "".join(f"Trainer: {COMMENT}".split())
            await until(
                pilot,
                lambda: taken in right_pane(app) and "waiting" not in screen_text(app),
                "read from the file",
            )
            current = screen.current()
            assert current is not None and current.on == on
            assert places.scroll_offset.y == offset
    finally:
        if session.lock is not None:
            session.lock.release()
