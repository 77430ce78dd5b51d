"""The recovery journal: every change, on disk within a fifth of a second.

Saving a whole review takes time (a long chronology is megabytes of TOML), so
it happens at most about once a second. Between saves every change is also
appended to a small private journal beside the review,
``.NAME.toml.journal`` (``0600``), written at least every
:data:`FLUSH_INTERVAL` seconds by a thread of its own, as vim keeps a swap
file. If the process is killed, the next session finds the journal and replays
it over the file: at most the last fifth of a second of typing is lost.

A batch is written as soon as it is taken (a killed process loses nothing the
kernel has been given); making it safe from a power cut (``fsync``) happens on a
second thread, so a disk slowed by the save of a long review never holds back
the next batch.

A change is recorded as the new state of one part of the review (an answer's
whole text, one chronology entry, the list of adults), keyed by that part. So
replaying is idempotent and order-safe: the journal holds the latest state of
each part changed since the file was last saved, and applying it to the file
(even a file another program changed meanwhile) gives the author's version of
those parts and leaves the rest alone. After each save the parts it wrote are
dropped from the journal; when none are left the journal is removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Comment,
    Draft,
    Heading,
    HeadingAnalysis,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
)

FLUSH_INTERVAL = 0.2
"""Seconds within which a change reaches the disk."""
JOURNAL_MODE = 0o600
ORDER_KEY = "chronology_order"
"""The part holding the chronology's order (its entries' ids, in the author's order)."""
VERSION = 1


def journal_path(review: Path) -> Path:
    """Where the journal of ``review`` lives: ``.NAME.toml.journal`` beside it."""
    return review.with_name(f".{review.name}.journal")


@dataclass(frozen=True)
class Recovered:
    """What a journal left by an ended session holds."""

    changes: dict[str, Any]
    """The latest state of each part changed, by key."""
    when: datetime | None
    """When the last change was written."""

    def describe(self) -> str:
        """``3 changes, made up to 14:02:11 on 11/03/2025``."""
        n = len(self.changes)
        what = f"{n} change{'s' if n != 1 else ''}"
        if self.when is None:
            return what
        when = self.when.astimezone()
        return f"{what}, made up to {when:%H:%M:%S} on {when:%d/%m/%Y}"


def read_journal(review: Path) -> Recovered | None:
    """The changes a journal beside ``review`` holds, or None if there is none.

    A line cut short by a crash, or one that cannot be read, ends the journal
    there: everything before it is still recovered.
    """
    path = journal_path(review)
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return None
    except OSError:
        return None
    changes: dict[str, Any] = {}
    when: datetime | None = None
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            key, value, stamp = record["k"], record["v"], record.get("t")
        except (ValueError, KeyError, TypeError):
            break
        if key == "#":
            continue  # the header line
        changes[str(key)] = value
        if isinstance(stamp, (int, float)):
            when = datetime.fromtimestamp(stamp, UTC)
    return Recovered(changes, when) if changes else None


def discard(review: Path) -> None:
    """Remove a journal (after it was replayed and saved, or declined)."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(review).unlink()


def apply(review: Review, changes: dict[str, Any]) -> Review:
    """``review`` with the journal's changes applied, each part replaced whole."""
    data = review.model_copy(deep=True)
    entries = {e.id: e for e in data.chronology}
    order: list[str] = []
    for key, value in changes.items():
        kind, _, name = key.partition(":")
        if kind == "answer":
            data.set_answer(name, str(value))
        elif kind == "analysis":
            if value is None:
                data.heading_analysis.pop(name, None)
            else:
                data.heading_analysis[name] = HeadingAnalysis.model_validate(value)
        elif key == ORDER_KEY:
            order = [str(v) for v in value]
        elif kind == "entry":
            if value is None:
                entries.pop(name, None)
            else:
                entries[name] = ChronologyEntry.model_validate(value)
        elif kind == "resume":
            data.resume = str(value)
        elif kind == "adults":
            data.adults = [Adult.model_validate(v) for v in value]
        elif kind == "pseudonyms":
            data.pseudonyms = [Pseudonym.model_validate(v) for v in value]
        elif kind == "period":
            data.review_period = ReviewPeriod.model_validate(value)
        elif kind == "headings":
            data.headings = [Heading.model_validate(v) for v in value]
        elif kind == "heading_analysis":
            data.heading_analysis = {k: HeadingAnalysis.model_validate(v) for k, v in value.items()}
        elif kind == "abbreviations":
            data.accepted_abbreviations = [str(v) for v in value]
        elif kind == "meanings":
            data.abbreviation_meanings = {str(k): str(v) for k, v in value.items()}
        elif kind == "recommendations":
            data.recommendations = [Recommendation.model_validate(v) for v in value]
        elif kind == "drafts":
            data.drafts = [Draft.model_validate(v) for v in value]
        elif kind == "comments":
            data.comments = [Comment.model_validate(v) for v in value]
    place = {ident: n for n, ident in enumerate(order)}
    data.chronology = sorted(entries.values(), key=lambda e: place.get(e.id, len(place)))
    return data


class Journal:
    """The journal a session writes; see the module's docstring.

    :meth:`record` is quick and never touches the disk (it runs on every key);
    a thread of the journal's own writes and flushes. Thread-safe.
    """

    def __init__(self, review: Path) -> None:
        self.path = journal_path(review)
        # Re-entrant: a front end's hang-up handler runs in the main thread, between two
        # steps of whatever it interrupted, and records and saves from there; with a plain
        # lock, a hang-up that arrived inside record() would wait for itself forever.
        self._data = threading.RLock()
        self._file = threading.RLock()
        self._latest: dict[str, tuple[int, Any]] = {}
        """Each part changed since the last save: (generation, state)."""
        self._pending: set[str] = set()
        self._wake = threading.Condition(self._data)
        self._closed = False
        self.error = ""
        """Why the journal could not be written, or empty."""
        self._unsynced = threading.Event()
        """Set when written lines may not yet be safe from a power cut."""
        self._thread = threading.Thread(target=self._run, name="imr-journal", daemon=True)
        self._thread.start()
        self._syncer = threading.Thread(target=self._sync, name="imr-journal-sync", daemon=True)
        self._syncer.start()

    def record(self, key: str, value: Any, generation: int) -> None:
        """The part ``key`` is now ``value`` (plain JSON data) as of ``generation``."""
        with self._data:
            self._latest[key] = (generation, value)
            self._pending.add(key)
            self._wake.notify()

    def unsaved(self) -> dict[str, Any]:
        """The latest state of every part changed since the file was last saved."""
        with self._data:
            return {k: v for k, (_, v) in self._latest.items()}

    def saved(self, generation: int) -> None:
        """The file now holds every change up to ``generation``: drop those parts.

        Rewrites the journal with what is left (usually nothing: it is removed).
        Called from the thread that saved.
        """
        with self._file:
            with self._data:
                for key in [k for k, (g, _) in self._latest.items() if g <= generation]:
                    del self._latest[key]
                    self._pending.discard(key)
                left = dict(self._latest)
                self._pending.clear()
            try:
                if not left:
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    return
                tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
                # Not synced here: this holds the file's lock, and a disk busy elsewhere
                # can take a fifth of a second to sync, while keys typed meanwhile wait
                # to be written. The syncer thread makes it safe from a power cut.
                lines = [(k, v) for k, (_, v) in left.items()]
                _write_lines(tmp, lines, truncate=True, sync=False)
                os.replace(tmp, self.path)
            except OSError as e:
                self.error = e.strerror or str(e)
                return
        self._unsynced.set()

    def flush(self) -> None:
        """Write what is pending now (the thread does this on its own within the interval)."""
        with self._file:
            with self._data:
                batch = [(k, self._latest[k][1]) for k in self._pending if k in self._latest]
                self._pending.clear()
            if not batch:
                return
            try:
                _write_lines(self.path, batch, truncate=False, sync=False)
                self.error = ""
            except OSError as e:
                self.error = e.strerror or str(e)
                return
        self._unsynced.set()

    def close(self) -> None:
        """Flush and stop the thread (the journal file stays if changes are unsaved)."""
        with self._data:
            self._closed = True
            self._wake.notify()
        self._thread.join(timeout=2)
        self.flush()
        self._unsynced.set()
        self._syncer.join(timeout=2)

    def _run(self) -> None:
        while True:
            with self._data:
                while not self._pending and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
            self.flush()
            time.sleep(FLUSH_INTERVAL / 10)  # keys typed meanwhile share the next write

    def _sync(self) -> None:
        """Make written lines safe from a power cut, apart from the writing."""
        while True:
            self._unsynced.wait()
            self._unsynced.clear()
            with contextlib.suppress(OSError):  # gone (all saved) or replaced: nothing to do
                fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            with self._data:
                if self._closed and not self._unsynced.is_set():
                    return


def _write_lines(
    path: Path, batch: list[tuple[str, Any]], *, truncate: bool, sync: bool = True
) -> None:
    """Append (or write afresh) one JSON line per change; with ``sync``, wait until
    the disk has them."""
    stamp = time.time()
    lines = [json.dumps({"k": k, "v": v, "t": stamp}, ensure_ascii=False) for k, v in batch]
    data = ("\n".join(lines) + "\n").encode("utf-8", errors="replace")
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    flags |= os.O_TRUNC if truncate else os.O_APPEND
    fd = os.open(path, flags, JOURNAL_MODE)
    try:
        os.fchmod(fd, JOURNAL_MODE)
        header = b""
        if truncate or os.fstat(fd).st_size == 0:
            header = (json.dumps({"k": "#", "v": VERSION, "t": stamp}) + "\n").encode()
        view = memoryview(header + data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)
