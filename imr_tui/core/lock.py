"""One session per review: a small lock file beside the review says who has it open.

The lock is ``.NAME.toml.lock`` in the review's folder, ``0600``, and reads as
TOML (user, host, process, since when). It is created atomically (written to a
private temporary file, then hard-linked into place, which fails if a lock is
already there), so another session never sees half a lock.

A lock whose process has ended on this host is *stale* (the session crashed or
lost its connection before it could tidy up) and is taken over: under an
exclusive ``flock`` of the folder the lock is read again and, only if it is
still the same stale lock, replaced with :func:`os.replace` in one step. A lock
held by a live process, or by any process on another host (which cannot be
checked from here), is refused with :class:`LockHeld`, whose message names the
file and who holds it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import tomli_w

from imr_tui.core import clock
from imr_tui.core.errors import UserError
from imr_tui.core.toml_files import TOMLDecodeError, loads

LOCK_MODE = 0o600
TAKEOVER_ATTEMPTS = 5
HEADER = (
    "# imr-tui: the review beside this file is open in the session described here.\n"
    "# It is removed when that session ends; a lock left by a process that has ended\n"
    "# is taken over the next time the review is opened.\n"
)


@dataclass(frozen=True)
class LockInfo:
    """Who holds a review open."""

    user: str
    """Login name of the author whose session holds the lock."""
    host: str
    """Host name of the machine the session runs on."""
    pid: int
    """Process id of the session."""
    since: datetime
    """When the session opened the review."""
    name: str = ""
    """The person's name the session was given (a workshop trainee, "the trainer"), or
    empty: then the lock is described by login name, host and process."""

    def describe(self) -> str:
        """``priya on imr-server (process 4242) since 14:02 on 11/03/2025``, or
        ``Anna Trainee since 14:02 on 11/03/2025`` when the session was given a name."""
        when = self.since.astimezone()
        if self.name:
            return f"{self.name} since {when:%H:%M} on {when:%d/%m/%Y}"
        return (
            f"{self.user} on {self.host} (process {self.pid}) since {when:%H:%M} on {when:%d/%m/%Y}"
        )


_holder_name = ""
"""The name this process's locks give (see :func:`set_holder_name`)."""


def set_holder_name(name: str) -> None:
    """Name this process's locks ``name`` (one line, spaces collapsed) instead of the login
    name: a served trainee's session, where every session runs as the server's user, so
    another tab is told who has the review open, not the server's user and process.
    ``""`` goes back to the login name."""
    global _holder_name
    _holder_name = " ".join("".join(c if c.isprintable() else " " for c in name).split())


def holder_name() -> str:
    """The name this process's locks give, or ``""`` (the login name is used)."""
    return _holder_name


class LockUnavailable(UserError):
    """The lock file cannot be made here (a read-only folder or disk, a full disk)."""


class LockHeld(UserError):
    """Another live session has the review open."""

    def __init__(self, review: Path, info: LockInfo) -> None:
        super().__init__(
            f"{review}: is open in another session: {info.describe()}; "
            "close it there first, or view it read-only"
        )
        self.review = review
        self.info = info


def lock_path(review: Path) -> Path:
    """Where the lock of ``review`` lives: ``.NAME.toml.lock`` beside it."""
    return review.with_name(f".{review.name}.lock")


def _user() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return os.environ.get("USER") or str(os.getuid())


def _process_start(pid: int) -> int | None:
    """When a process started (clock ticks since boot), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    try:
        return int(fields[19])
    except (IndexError, ValueError):
        return None


@dataclass(frozen=True)
class _Record:
    """A lock as read from disk."""

    info: LockInfo
    token: str
    started: int | None


def _render(info: LockInfo, token: str, started: int | None) -> bytes:
    data: dict[str, object] = {
        "user": info.user,
        "host": info.host,
        "pid": info.pid,
        "since": info.since,
        "token": token,
    }
    if info.name:
        data["name"] = info.name
    if started is not None:
        data["started"] = started
    return (HEADER + tomli_w.dumps(data)).encode("utf-8")


def _parse(raw: bytes) -> _Record | None:
    """The lock's content, or None if it is not a lock this version can read."""
    try:
        data = loads(raw.decode("utf-8"))
        since = data["since"]
        if not isinstance(since, datetime):
            return None
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        name = data.get("name", "")
        info = LockInfo(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            since,
            name if isinstance(name, str) else "",
        )
        started = data.get("started")
        return _Record(info, str(data["token"]), started if isinstance(started, int) else None)
    except (UnicodeDecodeError, TOMLDecodeError, KeyError, TypeError, ValueError):
        return None


def _read_raw(path: Path) -> bytes | None:
    """The lock file's bytes, or None if there is none."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as e:
        raise UserError(f"{path}: cannot read the lock file ({e.strerror or e})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UserError(
                f"{path}: is in the place of the review's lock file but is not one; "
                "remove it, then try again"
            )
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_lock(review: Path) -> LockInfo | None:
    """Who holds ``review`` open, or None if nobody (or the lock cannot be understood)."""
    raw = _read_raw(lock_path(review))
    record = _parse(raw) if raw is not None else None
    return record.info if record else None


def is_alive(record: _Record) -> bool:
    """Whether the lock's process may still be running: True unless it surely has ended.

    Only a process on this host can be checked; on another host it is assumed alive.
    """
    if record.info.host != socket.gethostname():
        return True
    pid = record.info.pid
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's live process
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        state = ""
    if state in ("Z", "X"):
        return False
    now_started = _process_start(pid)
    # A different start time means the pid was reused by an unrelated process.
    return not (
        record.started is not None and now_started is not None and now_started != record.started
    )


@contextlib.contextmanager
def _folder_guard(folder: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on the folder while a lock is replaced or removed."""
    import fcntl

    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to a file that must not exist yet, ``0600``, flushed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, LOCK_MODE)
    try:
        os.fchmod(fd, LOCK_MODE)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


class ReviewLock:
    """A held lock on one review; release it (or leave the ``with`` block) when done."""

    def __init__(self, review: Path, path: Path, info: LockInfo, token: str) -> None:
        self.review = review
        """The review the lock is for."""
        self.path = path
        """The lock file."""
        self.info = info
        """What the lock says about this session."""
        self._token = token
        self._held = True

    @classmethod
    def acquire(cls, review: Path) -> ReviewLock:
        """Take the lock on ``review``.

        Raises :class:`LockHeld` if a live session holds it; takes over a stale one.
        """
        path = lock_path(review)
        since = clock.now().replace(microsecond=0)
        info = LockInfo(_user(), socket.gethostname(), os.getpid(), since, _holder_name)
        token = secrets.token_hex(8)
        data = _render(info, token, _process_start(os.getpid()))
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{token}.tmp")
        try:
            try:
                _write_new(tmp, data)
            except OSError as e:
                raise LockUnavailable(
                    f"{path}: cannot create the lock file ({e.strerror or e})"
                ) from None
            for _ in range(TAKEOVER_ATTEMPTS):
                try:
                    os.link(tmp, path)
                    return cls(review, path, info, token)
                except FileExistsError:
                    pass
                except OSError:
                    # No hard links here (some network or FAT file systems): create directly.
                    try:
                        _write_new(path, data)
                        return cls(review, path, info, token)
                    except FileExistsError:
                        pass
                current = _read_raw(path)
                if current is None:
                    continue  # released in the meantime: try again
                record = _parse(current)
                if record is not None and is_alive(record):
                    raise LockHeld(review, record.info)
                if record is None and not current and _young(path):
                    time.sleep(0.1)  # being written by a session without hard links
                    continue
                with _folder_guard(path.parent):
                    if _read_raw(path) != current:
                        continue  # someone else changed it first: look again
                    os.replace(tmp, path)
                    return cls(review, path, info, token)
            raise UserError(f"{review}: could not take the lock {path}; try again")
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def is_ours(self) -> bool:
        """Whether the lock file on disk is still this session's."""
        raw = _read_raw(self.path)
        record = _parse(raw) if raw is not None else None
        return record is not None and record.token == self._token

    def forget(self) -> None:
        """Stop treating the lock as held, without touching the file (it is not ours)."""
        self._held = False

    def release(self) -> None:
        """Remove the lock, but only if it is still ours."""
        if not self._held:
            return
        self._held = False
        with _folder_guard(self.path.parent), contextlib.suppress(OSError, UserError):
            if self.is_ours():
                self.path.unlink()

    def __enter__(self) -> ReviewLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _young(path: Path, seconds: float = 5.0) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False


@dataclass(frozen=True)
class Holder:
    """A lock as found on disk, for ``imr unlock``: who holds it and whether they may be running."""

    info: LockInfo | None
    """Who holds it; None if the file is not a lock this version can read."""
    alive: bool
    """False only when its process surely has ended (a process on another host is
    assumed to be running: it cannot be checked from here)."""
    here: bool
    """Whether the holder is on this host (so ``alive`` was checked)."""
    raw: bytes
    """The lock file's bytes, so that only this very lock is ever removed."""


def holder(review: Path) -> Holder | None:
    """The lock of ``review`` as it is now, or None if there is none.

    Raises :class:`UserError` (one line) if something that is not a lock file is in its place.
    """
    raw = _read_raw(lock_path(review))
    if raw is None:
        return None
    record = _parse(raw)
    if record is None:
        return Holder(None, False, True, raw)
    here = record.info.host == socket.gethostname()
    return Holder(record.info, is_alive(record), here, raw)


def remove_lock(review: Path, seen: Holder) -> bool:
    """Remove the lock of ``review``, but only if it is still the one in ``seen``.

    Returns False (removing nothing) when the lock changed meanwhile: a session took
    it over, or released it.
    """
    path = lock_path(review)
    with _folder_guard(path.parent):
        if _read_raw(path) != seen.raw:
            return False
        path.unlink()
    return True
