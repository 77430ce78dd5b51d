"""The room's keys at 80x24, checked on disk: hand out a case (everyone, or one trainee),
reset a trainee (the old copy kept; refused while open), personal codes, and everyone's
work collected as one zip (written in a terminal, downloaded in a browser)."""

from __future__ import annotations

import io
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from trainer_helpers import (
    CASE,
    SIZE,
    all_text,
    cursor_to,
    dialog_text,
    make_workshop,
    room_read,
    screen_text,
    trainer_app,
    until,
)

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.session import open_session
from imr_tui.core.store import load
from imr_tui.tui.trainer.app import TrainerApp
from imr_tui.tui.trainer.dialogs import ChoiceScreen, NoticeScreen
from imr_tui.workshop.cases import cases, hand_out
from imr_tui.workshop.trainees import Trainee, come_back, trainees


def _copies(workspace: Path, people: dict[str, Trainee]) -> dict[str, bool]:
    return {name: (workspace / t.folder / CASE).exists() for name, t in people.items()}


async def test_hand_out_to_everyone_then_to_one(tmp_path: Path, catalogue: Catalogue) -> None:
    workspace, folder, people = make_workshop(tmp_path, catalogue)
    app = trainer_app(workspace, catalogue, folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await cursor_to(pilot, app, "Ben Okoro")
        await until(pilot, lambda: "Ben Okoro: " in screen_text(app), "Ben's line")
        await pilot.press("h")  # one case in the folder: straight to whom
        await until(pilot, lambda: "Hand out marlow-case.toml to:" in screen_text(app), "ask")
        assert "Only Ben Okoro" in screen_text(app)
        await pilot.press("down", "enter")  # only Ben
        await until(pilot, lambda: "Given to 1 trainee." in all_text(app), "the summary")
        assert _copies(workspace, people) == {
            "Anna Trainee": False,
            "Ben Okoro": True,
            "王芳": False,
        }
        ben = workspace / people["Ben Okoro"].folder / CASE
        assert load(ben, catalogue).answers == load(folder / CASE, catalogue).answers
        assert stat.S_IMODE(ben.stat().st_mode) == 0o600
        ben.write_text(ben.read_text(encoding="utf-8") + "\n# Ben's own work\n", encoding="utf-8")

        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "ask again")
        await pilot.press("enter")  # everyone
        summary = "Given to 2 trainees; 1 already had marlow-case.toml and kept theirs."
        await until(pilot, lambda: summary in all_text(app), "the summary")
        await until(pilot, lambda: "Ben Okoro" in screen_text(app), "the room again")
        assert all(_copies(workspace, people).values())
        assert ben.read_text(encoding="utf-8").endswith("# Ben's own work\n")  # kept


async def test_hand_out_with_the_worked_example_too_asks_which(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, folder, people = make_workshop(tmp_path, catalogue)
    app = TrainerApp(workspace, catalogue, cases_folder=folder, example=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await pilot.press("h")
        await until(pilot, lambda: "Hand out which case?" in screen_text(app), "which case")
        assert "(the worked example)" in screen_text(app)
        await pilot.press("escape")  # nothing handed out
        await until(pilot, lambda: not isinstance(app.screen, ChoiceScreen), "closed")
    assert not any(_copies(workspace, people).values())


async def test_no_cases_says_how_to_give_some(tmp_path: Path, catalogue: Catalogue) -> None:
    workspace, _, _ = make_workshop(tmp_path, catalogue)
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await pilot.press("h")
        await until(pilot, lambda: "--cases FOLDER" in all_text(app), "the advice")


async def test_an_unusable_case_file_stays_named_while_asking(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """A case file that does not load is named in the room's status line, which the
    dialog that follows (clearing the notices) does not hide."""
    from textual.widgets import Static

    workspace, folder, _ = make_workshop(tmp_path, catalogue)
    (folder / "broken-case.toml").write_text("not = [a review", encoding="utf-8")
    app = trainer_app(workspace, catalogue, folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await pilot.press("h")
        await until(pilot, lambda: "Hand out marlow-case.toml to:" in screen_text(app), "ask")
        room = app.room
        assert room is not None
        state = str(room.query_one("#room-state", Static).render())
        assert "Not a case file: " in state and "broken-case.toml" in state
        await pilot.press("escape")
        await until(
            pilot, lambda: "broken-case.toml" in "".join(screen_text(app).split()), "in the room"
        )


async def test_reset_keeps_the_old_copy_and_is_refused_while_open(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, folder, people = make_workshop(tmp_path, catalogue)
    (case,) = cases(folder, example=False, catalogue=catalogue, prompts=None)
    hand_out(workspace, case, catalogue, None)
    anna = workspace / people["Anna Trainee"].folder / CASE
    session, _ = open_session(anna, catalogue)
    session.set_text(session.steps()[0], "Anna's own answer")
    session.save()
    mine = anna.read_bytes()
    app = trainer_app(workspace, catalogue, folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await cursor_to(pilot, app, "Anna Trainee")
        # Open: refused at once, before asking, as the workshop says it.
        await pilot.press("r")
        question = "Reset Anna Trainee's marlow-case.toml to the starting file?"
        refusal = "Anna Trainee has marlow-case.toml open: ask them to close it first."
        await until(pilot, lambda: refusal in all_text(app), "the refusal")
        await pilot.pause()
        assert question not in dialog_text(app) and app.screen is app.room
        assert anna.read_bytes() == mine
        if session.lock is not None:
            session.lock.release()
        app.clear_notifications()

        # Opened between the question and the answer: still refused.
        await pilot.press("r")
        await until(pilot, lambda: question in dialog_text(app), "the confirmation")
        meanwhile, _ = open_session(anna, catalogue)
        await pilot.press("y")
        await until(pilot, lambda: refusal in all_text(app), "the refusal after asking")
        assert anna.read_bytes() == mine
        if meanwhile.lock is not None:
            meanwhile.lock.release()

        # Closed: a "no" changes nothing; a "yes" resets and keeps Anna's copy.
        await pilot.press("r")
        await until(pilot, lambda: question in dialog_text(app), "asked again")
        await pilot.press("n")
        await until(pilot, lambda: question not in dialog_text(app), "closed")
        assert anna.read_bytes() == mine
        await pilot.press("r")
        await until(pilot, lambda: question in dialog_text(app), "asked a third time")
        await pilot.press("y")
        await until(pilot, lambda: "is the starting file again" in all_text(app), "done")
        (kept,) = (anna.parent / "kept").glob("marlow-case-before-reset-*.toml")
        assert f"their copy is kept as kept/{kept.name}" in all_text(app)
    assert load(anna, catalogue).answers == load(folder / CASE, catalogue).answers
    assert kept.read_bytes() == mine


async def test_a_new_code_is_shown_once_and_lets_them_back_in(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace, _, _ = make_workshop(tmp_path, catalogue)
    (workspace / "Old Folder").mkdir()
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await room_read(pilot, app)
        await cursor_to(pilot, app, "Ben Okoro")
        await pilot.press("c")
        await until(pilot, lambda: "Give a personal code to" in screen_text(app), "ask")
        assert app.screen.query_one("Input").value == "Ben Okoro"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, NoticeScreen), "the code")
        await until(pilot, lambda: "personal code:" in screen_text(app), "the code drawn")
        found = re.search(r"\b([A-Z2-9]{3}-[A-Z2-9]{3})\b", screen_text(app))
        assert found is not None and "Ben Okoro's personal code:" in screen_text(app)
        assert not isinstance(come_back(workspace, "ben okoro", found.group(1)), tuple)
        await pilot.press("enter")

        # A folder from before codes is adopted (kept) with a code.
        await cursor_to(pilot, app, "Old Folder")
        assert "no code yet" in screen_text(app)
        await pilot.press("c", "enter")
        await until(pilot, lambda: isinstance(app.screen, NoticeScreen), "its code")
        await pilot.press("enter")
        await until(pilot, lambda: "no code yet" not in screen_text(app), "adopted")
    assert [t.name for t in trainees(workspace)][-1] == "Old Folder"


async def test_a_refused_name_is_said_in_one_line(tmp_path: Path, catalogue: Catalogue) -> None:
    workspace, _, _ = make_workshop(tmp_path, catalogue)
    app = trainer_app(workspace, catalogue)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await pilot.press("c")
        await until(pilot, lambda: "Give a personal code to" in screen_text(app), "ask")
        app.screen.query_one("Input").value = "[bold]../x"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: "No code given" in all_text(app), "the refusal")
    assert len(trainees(workspace)) == 3


def _zip_names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


async def test_download_in_a_terminal_writes_the_zip(tmp_path: Path, catalogue: Catalogue) -> None:
    workspace, folder, people = make_workshop(tmp_path, catalogue)
    (case,) = cases(folder, example=False, catalogue=catalogue, prompts=None)
    hand_out(workspace, case, catalogue, None)
    app = trainer_app(workspace, catalogue, folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await pilot.press("d")
        await until(pilot, lambda: "Written to " in all_text(app), "the path")
        (written,) = (workspace / ".workshop" / "collected").glob("workshop-*.zip")
        assert str(written) in all_text(app)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    names = _zip_names(written.read_bytes())
    assert "index.csv" in names
    for person in people.values():
        inside = f"{person.name} ({person.folder})"  # 王芳 (trainee)
        assert f"{inside}/{CASE}" in names
        assert f"{inside}/marlow-case.md" in names


async def test_download_in_a_browser_is_delivered(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, folder, _ = make_workshop(tmp_path, catalogue)
    delivered: list[tuple[bytes, dict[str, Any]]] = []

    def deliver_binary(self: TrainerApp, f: io.BytesIO, **kw: Any) -> None:
        delivered.append((f.read(), kw))

    monkeypatch.setattr(TrainerApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(TrainerApp, "deliver_binary", deliver_binary)
    app = trainer_app(workspace, catalogue, folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await room_read(pilot, app)
        await pilot.press("d")
        await until(pilot, lambda: "Downloaded workshop-" in all_text(app), "the notice")
    ((data, kw),) = delivered
    assert re.fullmatch(r"workshop-\d{8}-\d{4}\.zip", kw["save_filename"])
    assert kw["mime_type"] == "application/zip"
    assert "index.csv" in _zip_names(data)
    assert not (workspace / ".workshop" / "collected").exists()  # nothing left on the server
