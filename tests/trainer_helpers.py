"""A workshop of fictional trainees made through the workshop's own functions, and the
trainer's app driven at 80x24 as a trainer would."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.example import write_example
from imr_tui.tui.trainer.app import TrainerApp
from imr_tui.tui.trainer.room import RoomScreen
from imr_tui.workshop.trainees import Joined, Trainee, join

SIZE = (80, 24)
NAMES = ("Anna Trainee", "Ben Okoro", "王芳")
"""The fictional trainees of every test workshop, in joining order."""
CASE = "marlow-case.toml"
"""The starting file in the test cases folder."""


def make_workshop(root: Path, catalogue: Catalogue) -> tuple[Path, Path, dict[str, Trainee]]:
    """A workspace with :data:`NAMES` joined (no reviews yet) and a cases folder holding
    :data:`CASE` (the worked example); the workspace, the cases folder, trainees by name."""
    workspace = root / "room"
    workspace.mkdir()
    cases = root / "cases"
    cases.mkdir()
    write_example(cases / CASE, catalogue)
    trainees: dict[str, Trainee] = {}
    for name in NAMES:
        joined = join(workspace, name)
        assert isinstance(joined, Joined), joined
        trainees[name] = joined.trainee
    return workspace, cases, trainees


def trainer_app(workspace: Path, catalogue: Catalogue, cases: Path | None = None) -> TrainerApp:
    """The trainer's app as ``imr trainer`` builds it (no signal handlers)."""
    return TrainerApp(
        workspace, catalogue, DataFiles.resolve(None), cases_folder=cases, example=False
    )


def screen_text(app: TrainerApp) -> str:
    """Every line of the screen on top, as drawn."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def all_text(app: TrainerApp) -> str:
    """What is drawn, plus the notifications on screen (drawn in their own layer)."""
    notes = "\n".join(n.message for n in app._notifications)
    return screen_text(app) + "\n" + notes


def dialog_text(app: TrainerApp) -> str:
    """The words of the screen on top's texts (a dialog's question), spaces collapsed."""
    from textual.widgets import Static

    return " ".join(" ".join(str(w.render()) for w in app.screen.query(Static)).split())


async def until(
    pilot: Pilot[int], done: Callable[[], bool], what: str, limit: float = 30.0
) -> None:
    """Wait a message round at a time until ``done()``; fail naming ``what`` after ``limit`` s."""
    deadline = time.monotonic() + limit
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.05)


async def shown(pilot: Pilot[int], app: TrainerApp, *texts: str) -> str:
    """Wait until every one of ``texts`` is drawn (a change is drawn on the next
    refresh, not at once); the screen's text then."""
    await until(
        pilot, lambda: all(t in screen_text(app) for t in texts), " and ".join(map(repr, texts))
    )
    return screen_text(app)


async def room_read(pilot: Pilot[int], app: TrainerApp, times: int = 1) -> None:
    """Wait until the room has been read (again) ``times`` more times."""
    target = app.room_reads + times
    await until(pilot, lambda: app.room_reads >= target, "the room to be read")
    await pilot.pause()


async def cursor_to(pilot: Pilot[int], app: TrainerApp, name: str) -> None:
    """Move the room's cursor to ``name`` with the arrow keys."""
    room = app.room
    assert isinstance(room, RoomScreen)
    names = [r.name for r in room.rows]
    table = room.query_one("#room", DataTable)
    table.focus()
    while table.cursor_row > 0:
        await pilot.press("up")
    for _ in range(names.index(name)):
        await pilot.press("down")
    selected = room.selected()
    assert selected is not None and selected.name == name
