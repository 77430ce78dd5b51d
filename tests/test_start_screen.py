"""The start screen, the new-review dialog and the trainee's folder, driven as a person would.

Whatever the folder holds under a review's name (a file the author may not read, a
link going nowhere or round in a loop, a folder, a pipe, a broken file) is listed with
one line saying why it cannot be opened, and never stops the screen; every name and
answer is shown as typed, never as markup.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from rich.text import Text
from terminal import Terminal, wait_gone
from test_workspace_names import imr_as_author, locked_entries
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from tui_helpers import SIZE, catalogue, make_app, screen_text, type_text

from imr_tui.core.session import Session
from imr_tui.core.store import create, load
from imr_tui.tui.app import create_app
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.screens.new_review import NewReviewScreen
from imr_tui.tui.screens.start import StartScreen
from imr_tui.tui.screens.trainee_join import TraineeJoinScreen
from imr_tui.workshop.trainees import Joined, issue_code

MARKUP = "[@click=app.bell]Acme [red]Trust[/]"


def _review(path: Path, agency: str = "") -> Path:
    cat = catalogue()
    create(path, cat)
    if agency:
        session = Session(path, load(path, cat), cat)
        session.set_text(next(s for s in session.steps() if s.id == "agency"), agency)
        session.save()
    return path


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, target: Path) -> None:
    """Make ``os.NAME`` refuse ``target`` as a file the author may not read would."""
    real = getattr(os, name)

    def refusing(path: object, *args: object, **kwargs: object) -> object:
        if isinstance(path, (str, os.PathLike)) and os.fspath(path) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, refusing)


async def settled(pilot: Pilot[int]) -> None:
    """Wait for the screen's workers (reading the folder, making a folder), then for the
    results they hand to the event loop."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _cells(table: DataTable[Text], column: int) -> list[str]:
    return [table.get_row_at(row)[column].plain for row in range(table.row_count)]


async def test_what_cannot_be_opened_is_listed_under_the_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "reviews"
    workspace.mkdir()
    _review(workspace / "r.toml", agency=MARKUP)
    _review(workspace / "[red]x.toml")  # made by hand: the app would refuse the name
    _review(tmp_path / "outside.toml")
    (workspace / "out.toml").symlink_to(tmp_path / "outside.toml")
    (workspace / "gone.toml").symlink_to(workspace / "nowhere.toml")
    (workspace / "loop.toml").symlink_to(workspace / "loop.toml")
    (workspace / "folder.toml").mkdir()
    os.mkfifo(workspace / "pipe.toml")
    (workspace / "broken.toml").write_text("agency = [\n", encoding="utf-8")
    (workspace / "secret.toml").symlink_to(tmp_path / "private" / "secret.toml")
    _refuse(monkeypatch, "stat", workspace / "secret.toml")  # behind a folder it may not enter
    app = make_app(workspace=workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        for _ in range(2):  # and again, as on every login
            screen = app.screen
            assert isinstance(screen, StartScreen)
            table: DataTable[Text] = screen.query_one(DataTable)
            assert _cells(table, 0) == ["[red]x.toml", "r.toml"]
            assert _cells(table, 1) == ["", MARKUP]
            notes = str(screen.query_one("#unusable", Static).render())
            assert notes.split("\n") == [
                "Cannot be opened:",
                "broken.toml — cannot be opened: at the end of the file: invalid value "
                "(not valid TOML)",
                "folder.toml — is a folder, not a review file",
                "gone.toml — cannot be read (it links to a file that does not exist)",
                "loop.toml — cannot be read (it is a link that leads round in a loop)",
                "out.toml — is a link to another file: only review files kept in this "
                "folder are opened",
                "pipe.toml — is a special file (such as a pipe), not a review file",
                "secret.toml — cannot be read (permission denied)",
            ]
            await pilot.press("r")
            await settled(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.session is not None and app.session.path == workspace / "r.toml"
    assert load(tmp_path / "outside.toml").answers == {}


async def test_a_folder_that_cannot_be_read_is_one_line_on_the_start_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "reviews"
    workspace.mkdir()
    _review(workspace / "r.toml")
    _refuse(monkeypatch, "scandir", workspace)
    app = make_app(workspace=workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert not screen.query_one(DataTable).display
        message = str(screen.query_one("#no-reviews", Static).render())
        assert message == "reviews: this folder cannot be read (permission denied)"


async def test_the_new_review_dialog_follows_the_one_rule(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "link.toml").symlink_to(tmp_path / "pipe.toml")
    app = make_app(workspace=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewReviewScreen)
        error = dialog.query_one(".field-error", Static)
        for name, said in [
            ("[@click=app.bell]z", "A review name cannot hold square brackets [ ]."),
            ("Supervision [/] of staff", "A review name cannot hold / or \\"),
            ("name.toml.bak", "That name looks like a backup or lock file, not a review"),
            ("x" * 300, "That name is too long for a file (300 characters): shorten it to 215"),
            ("../escape", "A review name cannot hold / or \\"),
            (".hidden", "A review name cannot start with a dot (the file would be hidden)."),
            ("pipe", "pipe.toml is taken by a folder or special file; choose another name"),
            ("link", "link.toml is a link that may lead outside this folder"),
        ]:
            await type_text(pilot, name)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog
            shown = str(error.render())
            assert shown.startswith(said) and "\n" not in shown, shown
            await pilot.press("ctrl+u")  # clear the field for the next name
            await pilot.pause()
            assert dialog.query_one("#name", Input).value == ""
        await type_text(pilot, "Zoë 2025")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".toml")) == [
        "Zoë 2025.toml",
        "link.toml",
        "pipe.toml",
    ]


async def test_a_trainee_name_in_markup_is_refused_and_an_unreadable_folder_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Carol's folder is from before codes; the trainer gave her a code for it.
    (tmp_path / "Carol").mkdir(mode=0o700)
    joined = issue_code(tmp_path, "Carol")
    assert isinstance(joined, Joined)
    _refuse(monkeypatch, "scandir", (tmp_path / "Carol").resolve())
    app = create_app(catalogue(), workspace=tmp_path, ask_folder=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TraineeJoinScreen)
        error = screen.query_one("#join-problem", Static)
        await type_text(pilot, "[@click=app.bell]x")
        await pilot.press("enter")
        await settled(pilot)
        assert app.screen is screen
        assert str(error.render()).startswith("Use letters (of any alphabet), numbers, spaces")
        await pilot.press(*["backspace"] * 18)
        await type_text(pilot, "carol")
        await pilot.press("tab")
        await type_text(pilot, joined.code)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, StartScreen)
        assert "Carol: this folder cannot be read (permission denied)" in screen_text(app)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".workshop", "Carol"]


def test_in_a_real_terminal_what_the_author_cannot_read_is_listed(tmp_path: Path) -> None:
    workspace = tmp_path / "reviews"
    workspace.mkdir()
    _review(workspace / "r.toml", agency="Acme Trust")
    with locked_entries(workspace):
        term = Terminal(imr_as_author("--workspace", "reviews"), tmp_path)
        try:
            shown = term.wait_for("secret.toml — cannot be read (permission denied)")
            pid = term.pane_pid()
            assert "link.toml — cannot be read (permission denied)" in shown
            assert "closed.toml — is a folder, not a review file" in shown
            assert "Acme Trust" in shown
            term.send("Enter")
            term.wait_for("Name of agency")
            term.send("C-q")
            wait_gone(pid, 10.0)
        finally:
            term.close()
