"""Every trainee's progress for the trainer's page, cheap enough to poll.

A review file is read again only when it changed (its path, ``mtime_ns`` and size);
the checks of a changed review are run again at most every ``checks_every`` seconds,
so watching twenty trainees never takes processor time from their typing.
"""

from __future__ import annotations

import math
import os
import socket
import stat
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from imr_tui.checks import Glossary, run_checks
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.lock import LockInfo, read_lock
from imr_tui.core.model import Review
from imr_tui.core.steps import overall
from imr_tui.core.store import load
from imr_tui.workshop.trainees import Trainee, folder_of, legacy_folders, trainees


@dataclass(frozen=True)
class ReviewProgress:
    """One review of a trainee, as the trainer's page shows it."""

    path: Path
    """The review file."""
    done: int
    """Prompts answered (as the start screen counts them)."""
    total: int
    """Prompts in all."""
    last_saved: datetime | None
    """The file's modification time (local time zone)."""
    open_now: bool
    """Someone has it open (a live lock)."""
    findings: Mapping[str, int]
    """Check findings by kind (``completeness``, ``language``...)."""
    open_comments: int
    """Comments still waiting for the trainee."""
    problem: str = ""
    """Why the file does not load (one line); the counts are then zero."""


class TraineeProgress(NamedTuple):
    """A trainee and their reviews (by file name)."""

    trainee: Trainee
    reviews: list[ReviewProgress]


@dataclass
class _Seen:
    """What was last read of one file."""

    stamp: tuple[int, int]
    """``(mtime_ns, size)`` when it was read."""
    review: Review | None
    """The review as read (None: it does not load)."""
    done: int = 0
    total: int = 0
    open_comments: int = 0
    problem: str = ""
    findings: dict[str, int] = field(default_factory=dict)
    """Findings as last checked (possibly of an older version of the file)."""
    checked: float = -math.inf
    """When its checks last ran (``clock`` seconds)."""
    checked_stamp: tuple[int, int] | None = None
    """The file's stamp its findings are for."""


def _live(info: LockInfo | None) -> bool:
    """Whether a lock's session may still be running (on another host: assumed so)."""
    if info is None:
        return False
    if info.host != socket.gethostname():
        return True
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reviews_in(folder: Path) -> list[tuple[Path, os.stat_result]]:
    """The ``*.toml`` regular files directly in a trainee's folder, by name."""
    found: list[tuple[Path, os.stat_result]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(".toml"):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.append((Path(entry.path), info))
    return sorted(found, key=lambda item: item[0].name)


class ProgressWatch:
    """Progress of every trainee, re-reading only files that changed (path, mtime_ns,
    size); checks of a changed review are re-run at most every ``checks_every`` seconds
    (default 20) so the trainer's page never takes processor time from typing trainees."""

    def __init__(
        self,
        workspace: Path,
        catalogue: Catalogue,
        glossary: Glossary | None = None,
        checks_every: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.workspace = workspace
        """The workshop's workspace."""
        self.catalogue = catalogue
        """The interview the reviews follow."""
        self.glossary = glossary
        """The glossary the checks use (the shipped one when None)."""
        self.checks_every = checks_every
        """Least seconds between two check runs of one review."""
        self.clock = clock
        """Seconds, for throttling (a fake one in tests)."""
        self._seen: dict[Path, _Seen] = {}

    def _glossary(self) -> Glossary:
        if self.glossary is None:
            from imr_tui.checks.glossary import load_glossary

            self.glossary = load_glossary()
        return self.glossary

    def _read(self, path: Path, info: os.stat_result) -> _Seen:
        stamp = (info.st_mtime_ns, info.st_size)
        seen = self._seen.get(path)
        if seen is None or seen.stamp != stamp:
            old = seen
            try:
                review: Review | None = load(path, self.catalogue)
            except UserError as e:
                seen = _Seen(stamp, None, problem=str(e))
            else:
                assert review is not None
                done, total = overall(self.catalogue, review)
                waiting = sum(1 for c in review.comments if c.is_open)
                seen = _Seen(stamp, review, done, total, waiting)
            if old is not None:  # findings stay until the checks run again
                seen.findings, seen.checked = old.findings, old.checked
                seen.checked_stamp = old.checked_stamp
            self._seen[path] = seen
        if seen.review is None:
            seen.findings, seen.checked_stamp = {}, stamp
        elif seen.checked_stamp != stamp and self.clock() - seen.checked >= self.checks_every:
            found = run_checks(self.catalogue, seen.review, self._glossary())
            seen.findings = dict(Counter(f.kind for f in found))
            seen.checked, seen.checked_stamp = self.clock(), stamp
        return seen

    def _rows(self, trainee: Trainee, present: set[Path]) -> list[ReviewProgress]:
        """One trainee's reviews, by file name."""
        rows: list[ReviewProgress] = []
        for path, info in reviews_in(folder_of(self.workspace, trainee)):
            present.add(path)
            seen = self._read(path, info)
            saved = datetime.fromtimestamp(info.st_mtime).astimezone()
            try:
                open_now = _live(read_lock(path))
            except UserError:
                open_now = False
            if seen.review is None:
                rows.append(ReviewProgress(path, 0, 0, saved, open_now, {}, 0, seen.problem))
                continue
            findings = dict(seen.findings)
            rows.append(
                ReviewProgress(
                    path, seen.done, seen.total, saved, open_now, findings, seen.open_comments
                )
            )
        return rows

    def read(self) -> list[TraineeProgress]:
        """Every registered trainee's reviews, in joining order; then each folder from
        before codes (:func:`legacy_folders`) as an unregistered trainee (no code, its
        folder's name as name, its modification time as joined)."""
        present: set[Path] = set()
        result = [
            TraineeProgress(trainee, self._rows(trainee, present))
            for trainee in trainees(self.workspace)
        ]
        for folder in legacy_folders(self.workspace):
            try:
                joined = datetime.fromtimestamp(folder.stat().st_mtime).astimezone()
            except OSError:
                continue
            old = Trainee(name=folder.name, folder=folder.name, joined=joined)
            result.append(TraineeProgress(old, self._rows(old, present)))
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return result
