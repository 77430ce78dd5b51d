"""Saving while the author types: on disk within a second, one write at a time.

The slow part of a save (rendering and writing the file) runs on a Textual
thread worker so typing never waits for it. Saves never overlap: a change made
while one is being written is saved straight after it. A background save is
never cancelled half-way, and its outcome is recorded in the order the saves
began, so an older save can never report a newer state. :meth:`Autosave.save_now`
waits for a background write to end before writing itself (quitting, hanging
up and exporting rely on it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.timer import Timer
from textual.worker import Worker, WorkerState

from imr_tui.tui.worker_states import ENDED

if TYPE_CHECKING:
    from textual.app import App

    from imr_tui.core.model import Review
    from imr_tui.core.session import SaveJob, Session

AUTOSAVE_DELAY = 0.8
"""Seconds from the first unsaved change until it is written (inside one second)."""
RETRY_INTERVAL = 3.0
"""Seconds between attempts to save again after a failure."""
WRITE_WAIT = 10.0
"""Seconds a save that must happen now waits for a background write to end."""
SAVE_GROUP = "save"
"""The worker group of background saves."""


@dataclass
class Write:
    """One save running on a worker thread."""

    job: SaveJob
    """What is being written."""
    started: threading.Event = field(default_factory=threading.Event)
    """Set on the worker thread as the write begins."""
    done: threading.Event = field(default_factory=threading.Event)
    """Set on the worker thread once the write has ended, however it ended."""
    worker: Worker[None] | None = None
    """The thread worker doing it."""

    def run(self) -> None:
        """Write the file (on the worker thread); a failure is recorded on the job."""
        self.started.set()
        try:
            self.job.run()
        except Exception as e:  # a save must report, never crash the app
            self.job.error = self.job.error or f"could not save {self.job.path.name} ({e})"
        finally:
            self.done.set()


class Autosave:
    """The app's saving: the autosave timer, the background write, retries.

    ``session`` gives the open review's session (or None); ``on_state`` is told
    whenever the save state may have changed (for the status line);
    ``on_conflict`` when the file changed under the session; ``on_saved`` gets
    the review as saved after each background save that succeeded.
    """

    def __init__(
        self,
        app: App[Any],
        session: Callable[[], Session | None],
        *,
        on_state: Callable[[], None],
        on_conflict: Callable[[], None],
        on_saved: Callable[[Review], None],
    ) -> None:
        self._app = app
        self._session = session
        self._on_state = on_state
        self._on_conflict = on_conflict
        self._on_saved = on_saved
        self._timer: Timer | None = None
        self._retry: Timer | None = None
        self._running: Write | None = None
        self._again = False

    @property
    def busy(self) -> bool:
        """A save is scheduled, being written, or waiting to be retried."""
        return self._timer is not None or self._running is not None or self._retry is not None

    @property
    def queued(self) -> bool:
        """A save was asked for while one is being written: it follows straight after."""
        return self._again

    def note_change(self) -> None:
        """A change was made: write it within a second.

        The first unsaved change starts the timer and later ones do not restart it,
        so even someone typing without a pause has every word on disk within a second.
        """
        if self._timer is None:
            self._timer = self._app.set_timer(AUTOSAVE_DELAY, self.save_soon, name="autosave")
            self._on_state()

    def save_soon(self) -> None:
        """Write the review in the background now; a save already under way is
        followed by another as soon as it ends."""
        self._stop_timer()
        session = self._session()
        if session is None:
            return
        if session.conflict:
            self._on_conflict()
            return
        if self._running is not None:
            self._again = True
            return
        job = session.begin_save()
        if job is None:
            self._on_state()
            return
        write = Write(job)
        self._running = write
        write.worker = self._app.run_worker(
            write.run, name="save", group=SAVE_GROUP, thread=True, exit_on_error=False
        )

    def finished(self, event: Worker.StateChanged) -> None:
        """A worker's state changed (the app passes on every change): if the background
        save ended, record its outcome, then save again if asked to."""
        write = self._running
        if write is None or event.worker is not write.worker or event.state not in ENDED:
            return
        self._running = None
        session = self._session()
        if event.state is WorkerState.CANCELLED or session is None:
            return  # the app is closing: the recovery journal still has the changes
        ok = session.end_save(write.job)
        self.after_save(ok)
        if ok:
            self._on_saved(write.job.snapshot)
        if self._again:
            self._again = False
            self.save_soon()

    def save_now(self) -> bool:
        """Write the review now, waiting for it (quitting, hanging up, exporting)."""
        self._stop_timer()
        if self._session() is None:
            return True
        ok = self.write_now()
        self.after_save(ok)
        return ok

    def write_now(self) -> bool:
        """Write the review now and say nothing (hanging up, crashing): any background
        write ends and is recorded first, so saves stay in order."""
        session = self._session()
        if session is None:
            return True
        write, self._running = self._running, None
        if write is not None:
            self._again = False  # this save covers it
            # A write whose thread has not begun needs the event loop, which this call
            # holds: waiting for it would wait for nothing. It is left to run later,
            # when the session's write order makes it write nothing older than this.
            if write.started.is_set() and write.done.wait(WRITE_WAIT):
                session.end_save(write.job)
        return session.save()

    def after_save(self, ok: bool) -> None:
        """Retry a failed save every :data:`RETRY_INTERVAL`; stop once one succeeds;
        a conflict stops retrying and asks the author."""
        session = self._session()
        if session is not None and session.conflict:
            self.stop_retrying()
            self._on_state()
            self._on_conflict()
            return
        if not ok and self._retry is None:
            self._retry = self._app.set_interval(RETRY_INTERVAL, self.save_soon, name="retry")
        elif ok:
            self.stop_retrying()
        self._on_state()

    def stop_retrying(self) -> None:
        """No more retries (the author is choosing what happens to a conflict)."""
        if self._retry is not None:
            self._retry.stop()
            self._retry = None

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
