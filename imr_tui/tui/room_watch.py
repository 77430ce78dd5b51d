"""A served trainee's session follows the workshop: the room's switches and the trainer's comments.

Every :data:`ROOM_POLL` seconds a thread worker looks at the workshop's room file
(only its modification time, unless it changed: :func:`imr_tui.workshop.room.room_stamp`)
and at the open review's inbox (one look at a folder that usually does not exist).
Back on the event loop the app's ``model_answers`` follows the room, and each comment
the trainer posted while the review was open is added to the session, where the
author's typing goes too, so no keystroke is lost and no two writers race: the
autosave writes it like any other change. An inbox file is removed (on the next
look, on the worker) only once the file on disk holds its comment.

While the start screen lists the trainee's reviews, each look also takes one
``stat`` of the trainee's folder: when its time differs from the listing's (a case
handed out, a review reset by the trainer) the names of its reviews are read and
the start screen lists them again, saying which file the trainer gave.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from imr_tui.core.comment_model import Comment
from imr_tui.tui.worker_states import ENDED

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp

ROOM_POLL = 2.0
"""Seconds between two looks at the room and the inbox."""
ROOM_GROUP = "room"
"""The worker group of those looks."""
FRESH_NS = 1_000_000_000
"""A folder changed less than this long (ns) before it was read may change again
within the same tick of the clock, unseen by its time: it is read again."""


@dataclass(frozen=True)
class FolderState:
    """A trainee's folder as one look (or the start screen's listing) found it."""

    stamp: int
    """The folder's modification time in ns (0: it could not be read)."""
    names: frozenset[str]
    """The names of the review files in it (``*.toml``, not hidden)."""
    fresh: bool
    """It had changed just before (see :data:`FRESH_NS`): the next look reads the names again."""


def folder_state(folder: Path) -> FolderState:
    """The folder's time and the names of its review files (a ``stat`` and a ``scandir``)."""
    try:
        stamp = os.stat(folder).st_mtime_ns
        with os.scandir(folder) as entries:
            names = frozenset(
                e.name for e in entries if e.name.endswith(".toml") and not e.name.startswith(".")
            )
    except OSError:
        return FolderState(0, frozenset(), False)
    return FolderState(stamp, names, time.time_ns() - stamp < FRESH_NS)


def folder_changed(folder: Path, listed: FolderState) -> FolderState | None:
    """``None`` when the folder's time is still the listed one (one ``stat``), else its state."""
    if not listed.fresh:
        try:
            if os.stat(folder).st_mtime_ns == listed.stamp:
                return None
        except OSError:
            if listed.stamp == 0:
                return None
    return folder_state(folder)


@dataclass(frozen=True)
class Look:
    """What one look found."""

    stamp: int
    """The room file's modification time (0: no room file)."""
    model_answers: bool | None
    """The room's switch, or None when the room file did not change since the last look."""
    review: Path | None
    """The review whose inbox was read (None: no review open for writing)."""
    waiting: list[tuple[Path, Comment]] = field(default_factory=list)
    """The comments waiting in its inbox, each with its file."""
    folder: Path | None = None
    """The folder the start screen was listing (None: the start screen was not shown)."""
    found: FolderState | None = None
    """That folder, when it changed since the start screen listed it."""


def inbox_waiting(review: Path) -> list[tuple[Path, Comment]]:
    """The comments waiting in ``review``'s inbox with their files (``ID.toml``); ``[]``
    at once when there is no inbox folder."""
    from imr_tui.workshop.inbox import inbox_folder, queued

    folder = inbox_folder(review)
    return [(folder / f"{c.id}.toml", c) for c in queued(review)]


def look(
    root: Path,
    last_stamp: int,
    review: Path | None,
    finished: list[Path],
    listing: tuple[Path, FolderState] | None = None,
) -> Look:
    """One look (on a worker thread): first remove the inbox files already saved.

    ``listing`` is the folder the start screen lists and what it listed: it is looked
    at too (see :func:`folder_changed`).
    """
    from imr_tui.workshop.room import read_room, room_stamp

    for path in finished:
        with contextlib.suppress(OSError):
            path.unlink()
    if finished:
        with contextlib.suppress(OSError):
            finished[0].parent.rmdir()  # only when empty
    stamp = room_stamp(root)
    shown = read_room(root).model_answers if stamp != last_stamp else None
    waiting = inbox_waiting(review) if review is not None else []
    if listing is None:
        return Look(stamp, shown, review, waiting)
    folder, listed = listing
    return Look(stamp, shown, review, waiting, folder, folder_changed(folder, listed))


class RoomWatch:
    """The app's looks at the room and the inbox (one at a time, never on the event loop)."""

    def __init__(self, app: IMRApp, root: Path) -> None:
        self._app = app
        self.root = root
        """The served workspace (the room file is in its ``.workshop`` folder)."""
        self.stamp = -1
        """The room file's time at the last look (-1: never looked)."""
        self._worker: Worker[Look] | None = None
        self._finished: list[Path] = []
        self.added = 0
        """How many of the trainer's comments this session has added."""

    def start(self) -> None:
        """Look now, then every :data:`ROOM_POLL` seconds."""
        self.poll()
        self._app.set_interval(ROOM_POLL, self.poll, name="room")

    def poll(self) -> None:
        """Start a look, unless one is still running."""
        if self._worker is not None:
            return
        session = self._app.session
        review = session.path if session is not None and not session.read_only else None
        finished, self._finished = self._finished, []
        self._worker = self._app.run_worker(
            partial(look, self.root, self.stamp, review, finished, self._listing()),
            name="room",
            group=ROOM_GROUP,
            thread=True,
            exit_on_error=False,
        )

    def _listing(self) -> tuple[Path, FolderState] | None:
        """The folder the start screen shows and what it listed, when it is the screen shown."""
        from imr_tui.tui.screens.start import StartScreen

        screen = self._app.screen
        if isinstance(screen, StartScreen) and screen.listed is not None:
            return screen.workspace, screen.listed
        return None

    def finished(self, event: Worker.StateChanged) -> None:
        """A worker's state changed (the app passes on every change): apply a finished look."""
        if event.worker is not self._worker or event.state not in ENDED:
            return
        self._worker = None
        result = event.worker.result
        if event.state is WorkerState.SUCCESS and isinstance(result, Look):
            self.apply(result)

    def apply(self, found: Look) -> None:
        """Follow the room's switch; list the trainee's folder again when it changed;
        add the trainer's new comments to the open session."""
        from imr_tui.tui.screens.start import StartScreen

        self.stamp = found.stamp
        if found.model_answers is not None:
            self._app.model_answers = found.model_answers
        screen = self._app.screen
        if (
            found.found is not None
            and isinstance(screen, StartScreen)
            and screen.workspace == found.folder
        ):
            screen.folder_looked(found.found)
        session = self._app.session
        if session is None or session.read_only or session.path != found.review:
            return
        have = {c.id for c in session.review.comments}
        new = [c for _, c in found.waiting if c.id not in have]
        if not session.dirty and not session.error:
            # On disk already (added by an earlier look and saved): the files can go.
            self._finished = [p for p, c in found.waiting if c.id in have]
        if not new:
            return
        for comment in new:
            session.add_comment(comment)
        self.added += len(new)
        show_arrived(self._app, new)


def show_arrived(app: IMRApp, comments: list[Comment]) -> None:
    """The trainer's comments were added to the open session: save them like any
    change, show them where the trainee is, and say where they are."""
    from imr_tui.core.comment_places import describe_comment
    from imr_tui.tui.screens.interview import InterviewScreen
    from imr_tui.tui.widgets.comments_pane import CommentsPane

    session = app.session
    if session is None or not comments:
        return
    app.note_change()
    for screen in app.screen_stack:
        if isinstance(screen, InterviewScreen) and screen.step is not None:
            for pane in screen.query(CommentsPane):
                app.call_later(pane.reload, screen.step.id)
            screen.rebuild_sidebar()
    for comment in comments:
        place = describe_comment(comment, session.review, session.catalogue)
        by = " ".join(comment.by.split()) or "the trainer"
        app.notify(
            f"{by[:1].upper()}{by[1:]} commented on {place}.",
            title="A comment",
            timeout=8,
            markup=False,
        )
