"""The old name of serve mode's first question (see :mod:`.trainee_join`).

Kept so that code importing the old names still works: the screen is now
:class:`~imr_tui.tui.screens.trainee_join.TraineeJoinScreen`, which returns the
trainee (their folder is :func:`imr_tui.workshop.trainees.folder_of`).
"""

from __future__ import annotations

from imr_tui.core.controller import folder_name_problem, trainee_folder
from imr_tui.tui.screens.trainee_join import TraineeJoinScreen

TraineeFolderScreen = TraineeJoinScreen
"""The join screen, by its old name."""

__all__ = ["TraineeFolderScreen", "TraineeJoinScreen", "folder_name_problem", "trainee_folder"]
