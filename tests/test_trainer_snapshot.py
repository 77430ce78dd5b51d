"""The trainer's room at 80x24, drawn: a snapshot (looked at as a picture before saving)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from trainer_helpers import CASE, SIZE, make_workshop, room_read, trainer_app

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import create
from imr_tui.workshop.cases import cases, hand_out


def test_the_room(
    snap_compare: Any, tmp_path: Path, catalogue: Catalogue, fixed_clock: datetime
) -> None:
    workspace, folder, people = make_workshop(tmp_path, catalogue)
    (case,) = cases(folder, example=False, catalogue=catalogue, prompts=None)
    hand_out(workspace, case, catalogue, None, to=[people["Anna Trainee"], people["王芳"]])
    create(workspace / people["Ben Okoro"].folder / "ben-draft.toml", catalogue)
    (workspace / "Old Folder").mkdir()
    for minutes, path in (
        (2, workspace / people["Anna Trainee"].folder / CASE),
        (14, workspace / people["王芳"].folder / CASE),
        (95, workspace / people["Ben Okoro"].folder / "ben-draft.toml"),
    ):
        when = (fixed_clock - timedelta(minutes=minutes)).timestamp()
        os.utime(path, (when, when))
    app = trainer_app(workspace, catalogue, folder)

    async def read(pilot: Pilot[Any]) -> None:
        await room_read(pilot, app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=read)
