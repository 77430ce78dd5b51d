"""The trainer's room at 80x24: who is in, their progress, read again as they work;
names shown literally; model answers switched for the room; help and footer."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

import pytest
import tomli_w
from trainer_helpers import (
    SIZE,
    all_text,
    cursor_to,
    dialog_text,
    make_workshop,
    room_read,
    screen_text,
    shown,
    trainer_app,
    until,
)

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.lock import ReviewLock
from imr_tui.core.session import open_session
from imr_tui.core.steps import overall
from imr_tui.core.store import create, load
from imr_tui.workshop.progress import ProgressWatch, TraineeProgress
from imr_tui.workshop.room import read_room
from imr_tui.workshop.trainees import registry_path


async def test_the_room_lists_trainees_their_progress_and_old_folders(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, _, trainees = make_workshop(tmp_path, catalogue)
    anna = workspace / trainees["Anna Trainee"].folder / "anna-case.toml"
    create(anna, catalogue)
    (workspace / "Old Folder").mkdir()  # made by an older serve, before codes
    create(workspace / "Old Folder" / "old-review.toml", catalogue)
    done, total = overall(catalogue, load(anna, catalogue))
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await room_read(pilot, app)
        await shown(pilot, app, "Anna Trainee", "Ben Okoro", "王芳", "Old Folder")
        await shown(pilot, app, "4 trainees, 0 working now", f"{done}/{total}", "no code yet")
        await shown(pilot, app, "anna-case.toml")  # the line about the trainee at the cursor
        await cursor_to(pilot, app, "Old Folder")
        await shown(pilot, app, "old-review.toml 0/")
        await cursor_to(pilot, app, "Anna Trainee")

        # Anna opens her review and answers a prompt: the room shows it within seconds.
        session, _ = open_session(anna, catalogue)
        try:
            await until(pilot, lambda: "1 working now" in screen_text(app), "open now")
            session.set_text(session.steps()[0], "Northshire Trust (FICTIONAL)")
            session.save()
            want = f"{done + 1}/{total}"
            await until(pilot, lambda: want in screen_text(app), "the new count")
        finally:
            if session.lock is not None:
                session.lock.release()
        await until(pilot, lambda: "0 working now" in screen_text(app), "closed again")


HOSTILE = {
    "Anna Trainee": "[bold]Boss[/bold] [@click=app.quit]",
    "Ben Okoro": "Red\x1b[31m alert\x07",
    "王芳": "Ω" * 300,
}


async def test_names_are_shown_literally(tmp_path: Path, catalogue: Catalogue) -> None:
    workspace, _, _ = make_workshop(tmp_path, catalogue)
    path = registry_path(workspace)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for entry in data["trainees"]:
        entry["name"] = HOSTILE[entry["name"]]  # a registry written by hand
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await room_read(pilot, app)
        text = await shown(pilot, app, "[bold]Boss[/bold] [@")
        assert "[bold]Boss[/bold] [@" in text  # the markup as typed, cut to the column
        assert "Red␛[31m alert␇" in text  # control characters as their symbols
        assert "\x1b" not in text and "\x07" not in text
        assert "Ω" * 15 in text and "…" in text  # the long name cut with an ellipsis
        await cursor_to(pilot, app, HOSTILE["Anna Trainee"])
        await shown(pilot, app, HOSTILE["Anna Trainee"])  # whole, under the table
        await pilot.click("#room", offset=(3, 1))  # on the name: nothing runs
        await pilot.pause()
        assert app.is_running and app.return_code is None
        await cursor_to(pilot, app, HOSTILE["王芳"])
        await until(
            pilot,
            lambda: "Ω" * 60 in screen_text(app).replace("\n", "").replace(" ", ""),
            "the whole name under the table",
        )


async def test_model_answers_switch_for_the_room(tmp_path: Path, catalogue: Catalogue) -> None:
    workspace, _, _ = make_workshop(tmp_path, catalogue)
    assert read_room(workspace).model_answers
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await shown(pilot, app, "Model answers: on")
        await pilot.press("m")
        await until(pilot, lambda: not read_room(workspace).model_answers, "the switch")
        await until(pilot, lambda: "Model answers: off" in screen_text(app), "off shown")
        assert "Model answers are off" in all_text(app)
        await pilot.press("m")
        await until(pilot, lambda: read_room(workspace).model_answers, "on again")
        await until(pilot, lambda: "Model answers: on" in screen_text(app), "on shown")


async def test_help_and_footer_name_the_keys(tmp_path: Path, catalogue: Catalogue) -> None:
    workspace, _, _ = make_workshop(tmp_path, catalogue)
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await room_read(pilot, app)
        await shown(pilot, app, "f1 Help")
        footer = screen_text(app).splitlines()[-1]
        for key in ("h Hand out", "r Reset", "c Code", "m Model", "d Download", "f1 Help"):
            assert key in footer
        assert "^" not in footer  # no Ctrl key a browser takes
        await pilot.press("f1")
        await until(pilot, lambda: "Hand out a case file" in screen_text(app), "the help")
        await pilot.press("escape")
        await until(pilot, lambda: "Trainee" in screen_text(app), "the room again")


async def test_a_held_lock_on_another_review_does_not_stop_the_room(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, _, trainees = make_workshop(tmp_path, catalogue)
    ben = workspace / trainees["Ben Okoro"].folder / "ben.toml"
    create(ben, catalogue)
    with ReviewLock.acquire(ben):
        app = trainer_app(workspace, catalogue)
        async with app.run_test(size=SIZE) as pilot:
            await room_read(pilot, app)
            await cursor_to(pilot, app, "Ben Okoro")
            await shown(pilot, app, "ben.toml", "open now")


async def test_a_broken_registry_is_said_in_one_line(tmp_path: Path, catalogue: Catalogue) -> None:
    workspace, _, _ = make_workshop(tmp_path, catalogue)
    registry_path(workspace).write_text("trainees = 3\n", encoding="utf-8")
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE) as pilot:
        said = "trainees.toml: 'trainees': input should be"
        await until(pilot, lambda: said in dialog_text(app), "the problem")
        assert app.is_running and "Traceback" not in screen_text(app)


async def test_a_slow_reading_of_the_room_never_holds_up_the_keys(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _, _ = make_workshop(tmp_path, catalogue)
    release = threading.Event()
    reading = threading.Event()
    real_read = ProgressWatch.read

    def slow_read(self: ProgressWatch) -> list[TraineeProgress]:
        reading.set()
        release.wait(timeout=60)  # a disk that takes its time
        return real_read(self)

    monkeypatch.setattr(ProgressWatch, "read", slow_read)
    app = trainer_app(workspace, catalogue)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, reading.is_set, "the reading to start")
            await pilot.press("f1")  # answered while the room is being read
            await until(pilot, lambda: "The trainer's view" in screen_text(app), "the help")
            assert app.room_reads == 0
            release.set()
            await pilot.press("escape")
            await room_read(pilot, app)
            await shown(pilot, app, "Anna Trainee")
    finally:
        release.set()


async def test_every_review_line_is_readable_at_80x24(tmp_path: Path, catalogue: Catalogue) -> None:
    """A trainee with two reviews, each with many findings: every line about them is
    drawn whole under the table, above the footer."""
    from imr_tui.core import clock
    from imr_tui.core.example import write_example

    workspace, _, trainees = make_workshop(tmp_path, catalogue)
    folder = workspace / trainees["Ben Okoro"].folder
    write_example(folder / "bailey-case-with-a-long-name.toml", catalogue)
    write_example(folder / "marlow-case.toml", catalogue)
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await room_read(pilot, app)
        await cursor_to(pilot, app, "Ben Okoro")

        def findings_read() -> bool:
            row = app.selected()
            return row is not None and all(r.findings for r in row.reviews)

        await until(pilot, findings_read, "the findings")
        await room_read(pilot, app)
        row = app.selected()
        assert row is not None and len(row.reviews) == 2
        lines = row.detail(clock.now())
        assert all(len(line) > 80 for line in lines[1:])  # each wraps
        drawn = screen_text(app)
        assert "Hand out" in drawn.splitlines()[-1]  # the footer, last
        flat = "".join(drawn.split())
        for line in lines:
            assert "".join(line.split()) in flat, drawn


async def test_notices_never_hide_a_dialog(tmp_path: Path, catalogue: Catalogue) -> None:
    """A notice on screen is cleared when a dialog opens; what happens while a dialog is
    open is said in the room's status line, not over the dialog."""
    from textual.widgets import Static

    from imr_tui.tui.trainer.dialogs import NoticeScreen

    workspace, _, _ = make_workshop(tmp_path, catalogue)
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await cursor_to(pilot, app, "Ben Okoro")
        await pilot.press("m")
        await until(pilot, lambda: "Model answers are off" in all_text(app), "the notice")
        await pilot.press("c")
        await until(pilot, lambda: "Give a personal code to" in screen_text(app), "ask")
        assert not app._notifications
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, NoticeScreen), "the code")
        await until(pilot, lambda: "Press Enter to close." in screen_text(app), "drawn")
        app.switch_model_answers(True)  # an outcome arriving while the code is shown
        room = app.room
        assert room is not None
        state = room.query_one("#room-state", Static)
        await until(pilot, lambda: "Model answers are on" in str(state.render()), "status")
        await pilot.pause()
        assert not app._notifications and isinstance(app.screen, NoticeScreen)
        assert "Press Enter to close." in screen_text(app)
        assert "Ben Okoro's personal code:" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: "Model answers are on" in screen_text(app), "in the room")
