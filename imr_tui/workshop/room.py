"""What the trainer sets for the whole room: whether trainees see the model answers.

Kept in ``WORKSPACE/.workshop/room.toml``; a trainee's app polls :func:`room_stamp`
(one ``stat``) and reads the file again only when it changed.
"""

from __future__ import annotations

import os
from pathlib import Path

from imr_tui.core.model_base import FileModel
from imr_tui.workshop.files import FOLDER, changing, read_model, write_toml

ROOM = "room.toml"
_HEADER = "# imr-tui workshop: what the trainer has set for the whole room.\n\n"


class Room(FileModel):
    """The room's settings."""

    schema_version: int = 1
    """The layout of this file."""
    model_answers: bool = True
    """Whether trainees see the model answers (training mode)."""


def room_path(workspace: Path) -> Path:
    """``WORKSPACE/.workshop/room.toml``."""
    return workspace / FOLDER / ROOM


def read_room(workspace: Path) -> Room:
    """The room's settings; the defaults when there is no file yet."""
    return read_model(room_path(workspace), Room)


def set_model_answers(workspace: Path, on: bool) -> Room:
    """Show (``on``) or hide the model answers for every trainee; the room as now set."""
    with changing(workspace):
        room = read_room(workspace).model_copy(update={"model_answers": on})
        write_toml(room_path(workspace), _HEADER, room.model_dump(mode="json"))
    return room


def room_stamp(workspace: Path) -> int:
    """The room file's ``mtime_ns`` (0 when there is none): cheap to poll."""
    try:
        return os.stat(room_path(workspace)).st_mtime_ns
    except OSError:
        return 0
