"""The quality checks, run on a worker thread while the author writes.

One check runs at a time. Asked again while one runs, the newest review is
checked next and the running check's result is never shown: what the author
sees is always the check of the latest review asked about.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState

from imr_tui.tui.worker_states import ENDED

if TYPE_CHECKING:
    from textual.app import App

    from imr_tui.checks import Finding, Glossary
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Review

CHECKS_GROUP = "checks"
"""The worker group of the checks."""


class BackgroundChecks:
    """Runs the checks on a thread worker of ``app`` and hands ``show`` the findings
    of the latest check."""

    def __init__(self, app: App[Any], show: Callable[[list[Finding]], None]) -> None:
        self._app = app
        self._show = show
        self._running: Worker[list[Finding]] | None = None
        self._next: tuple[Catalogue, Review, Glossary] | None = None

    @property
    def busy(self) -> bool:
        """A check is running or waiting to run."""
        return self._running is not None or self._next is not None

    def request(self, catalogue: Catalogue, review: Review, glossary: Glossary) -> None:
        """Check ``review`` (a snapshot nothing else changes) as soon as no check runs."""
        self._next = (catalogue, review, glossary)
        if self._running is None or self._running.is_finished:
            self._start()

    def finished(self, event: Worker.StateChanged) -> None:
        """A worker's state changed (the app passes on every change): if the running
        check ended, show its findings unless a newer check is waiting, then start it."""
        if event.worker is not self._running or event.state not in ENDED:
            return
        worker, self._running = self._running, None
        if event.state is WorkerState.SUCCESS and self._next is None:
            self._show(worker.result or [])
        self._start()

    def _start(self) -> None:
        if self._next is None:
            return
        from imr_tui.checks import run_checks

        catalogue, review, glossary = self._next
        self._next = None
        self._running = self._app.run_worker(
            partial(run_checks, catalogue, review, glossary, stop=_cancelled),
            name="checks",
            group=CHECKS_GROUP,
            thread=True,
            exclusive=True,  # never more than one, whatever happens
            exit_on_error=False,
        )


def _cancelled() -> bool:
    """The worker running the checks was cancelled (the app is closing): stop early."""
    from textual.worker import get_current_worker

    return get_current_worker().is_cancelled
