"""Case files handed out to trainees (being built)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imr_tui.workshop.trainees import Trainee


def give_to_newcomer(workspace: Path, trainee: Trainee) -> list[Path]:
    """Give a trainee who has just joined the cases handed to everyone; the files made."""
    return []
