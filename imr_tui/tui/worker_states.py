"""What the app's background work (saves, checks, reading a file) needs to know of
Textual's worker states."""

from __future__ import annotations

from textual.worker import WorkerState

ENDED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
"""The states a worker ends in (its result, if any, is then final)."""
