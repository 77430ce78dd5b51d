"""The one module that touches review files: load, atomic save, permissions.

Saving writes a temporary file beside the review (created ``0600``), flushes and
fsyncs it, keeps the previous version as ``FILE.bak`` and swaps the new file in
with :func:`os.replace`, so a crash at any moment leaves either the old or the
new review on disk, never half of one. Loading never writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from imr_tui import __version__
from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue, read_bytes_regular, read_toml
from imr_tui.core.dates import DateError
from imr_tui.core.errors import UserError, describe_validation_error
from imr_tui.core.model import SCHEMA_VERSION, Meta, Review

FILE_MODE = 0o600
HEADER = (
    "# Individual Management Review, written with imr-tui.\n"
    "# It holds special category personal data: keep it private and do not e-mail it.\n"
    "# A whole file ends with the line: # end of review\n\n"
)
FOOTER = "\n# end of review\n"
"""The last line of every file saved; a file whose header promises it but which
lacks it was cut short (a full disk, a copy interrupted) and is refused."""
_PROMISE = "# A whole file ends with the line: # end of review"
BACKUPS_KEPT = 3
"""Previous versions kept: ``FILE.bak`` and two more in the backups folder."""
DAYS_KEPT = 7
"""First-save-of-the-day versions kept."""


class SaveError(UserError):
    """The review could not be written; the text is still in memory."""


def new_review(catalogue: Catalogue) -> Review:
    """An empty review written against ``catalogue``."""
    return Review(meta=Meta(catalogue=f"{catalogue.name} {catalogue.version}"))


def _has_cr(value: object) -> bool:
    """Whether any string in the data holds a carriage return."""
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_cr(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_cr(v) for v in value)
    return False


def review_data(review: Review, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The review as plain data in file order: answers in template order, the
    chronology in the author's order (as it is held; it is shown in date order).

    This is the quick half of saving (it reads the model, so it runs where the model is
    edited); :func:`render` is the slow half and may run on another thread.
    """
    data: dict[str, Any] = review.model_dump(mode="json", exclude_none=True)
    if catalogue is not None:
        order = {p.id: i for i, p in enumerate(catalogue.prompts())}
        data["answers"] = dict(
            sorted(data["answers"].items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        )
    # Empty lists and tables are the defaults: leaving them out keeps the file short.
    return {k: v for k, v in data.items() if v != [] and v != {}}


def _is_tables(value: Any) -> bool:
    """Whether ``value`` is a non-empty list of tables (``[[name.key]]`` in the file)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _tables(name: str, items: list[dict[str, Any]], multiline: bool) -> str:
    """``[[name]]`` tables, each with its tables (``[name.fields]``) and lists of tables
    (``[[name.replies]]``) after its values, however short: tomli_w would write a list of
    short tables on one line, where a multi-line text is hard to read."""
    out = []
    for item in items:
        values = {k: v for k, v in item.items() if not isinstance(v, dict) and not _is_tables(v)}
        out.append(f"\n[[{name}]]\n" + tomli_w.dumps(values, multiline_strings=multiline))
        for key, table in item.items():
            if isinstance(table, dict) and table:
                body = tomli_w.dumps(table, multiline_strings=multiline)
                out.append(f"\n[{name}.{key}]\n{body}")
            elif _is_tables(table):
                out.append(_tables(f"{name}.{key}", table, multiline))
    return "".join(out)


LAST_TABLES = ("comments", "drafts")
"""Lists of tables written last, in this order, always as ``[[name]]`` tables."""


def render(data: dict[str, Any]) -> str:
    """TOML text for :func:`review_data`'s output, with a header saying what the file is."""
    # tomli_w turns CR LF into LF inside multi-line strings: where a carriage return
    # was typed, write single-line strings so that not a character is lost.
    multiline = not _has_cr(data)
    rest = {k: v for k, v in data.items() if k not in LAST_TABLES}
    text = tomli_w.dumps(rest, multiline_strings=multiline)
    # Comments and drafts come last (the last keys of a review), always as readable tables.
    tables = "".join(_tables(key, data.get(key, []), multiline) for key in LAST_TABLES)
    return HEADER + text + tables + FOOTER


def to_toml(review: Review, catalogue: Catalogue | None = None) -> str:
    """The review as readable TOML: answers in template order, chronology in the author's order."""
    return render(review_data(review, catalogue))


class NewerFile(UserError):
    """The file was written by a newer imr-tui."""


def _newer(source: str, version: int) -> UserError:
    return NewerFile(
        f"{source}: was written by a newer imr-tui (file layout {version}, this version "
        f"understands up to {SCHEMA_VERSION}); upgrade imr-tui to open it. "
        "The file has not been changed."
    )


def from_toml(data: dict[str, Any], source: str, catalogue: Catalogue | None = None) -> Review:
    """Validate parsed TOML as a review; errors name ``source`` and the key."""
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise _newer(source, version)
    try:
        review = Review.model_validate(data)
    except ValidationError as e:
        raise UserError(describe_validation_error(source, e)) from None
    if review.schema_version > SCHEMA_VERSION:  # written as "2" or 2.0
        raise _newer(source, review.schema_version)
    if catalogue is not None:
        from imr_tui.core.dates import parse_date

        for prompt in catalogue.prompts():
            value = review.answers.get(prompt.id, "")
            if prompt.kind == "date" and value:
                try:
                    ok = parse_date(value).isoformat() == value
                except DateError:
                    ok = False
                if not ok:
                    raise UserError(
                        f"{source}: answers.{prompt.id}: '{value}' is not an ISO date (YYYY-MM-DD)"
                    )
    return review


@dataclass(frozen=True)
class Fingerprint:
    """What a review file was when this session last read or wrote it."""

    size: int
    mtime_ns: int
    digest: str
    """SHA-256 of the bytes."""

    @classmethod
    def of(cls, raw: bytes, info: os.stat_result) -> Fingerprint:
        """The fingerprint of ``raw`` as it stands on disk with ``info``."""
        return cls(len(raw), info.st_mtime_ns, hashlib.sha256(raw).hexdigest())


class OutsideChange(SaveError):
    """The file on disk is not the one this session loaded or last wrote: nothing was saved."""


def load(path: Path, catalogue: Catalogue | None = None) -> Review:
    """Read and validate a review file. Never writes to it."""
    return load_checked(path, catalogue)[0]


def load_checked(path: Path, catalogue: Catalogue | None = None) -> tuple[Review, Fingerprint]:
    """Read and validate a review file, with its fingerprint; never writes to it.

    An empty or cut-short file is refused (never opened as a blank review), with
    the newest backup that loads named in the message.
    """
    raw = read_bytes_regular(path, "review file")
    info = os.stat(path)
    try:
        if not raw.strip():
            raise UserError(f"{path}: is empty ({len(raw)} bytes), so it was not opened")
        head = raw[:400].decode("utf-8", errors="replace")
        if _PROMISE in head and not raw.rstrip().endswith(FOOTER.strip().encode()):
            raise UserError(f"{path}: ends too soon (it was cut short), so it was not opened")
        review = from_toml(read_toml(path, "review file", raw=raw), str(path), catalogue)
    except NewerFile:
        raise
    except UserError as e:
        raise UserError(f"{e}{_backup_hint(path, catalogue)}") from None
    return review, Fingerprint.of(raw, info)


def _backup_hint(path: Path, catalogue: Catalogue | None) -> str:
    """``; the newest good backup is version 1 ...`` for a file that will not load."""
    for n, version in enumerate(backups(path), 1):
        try:
            raw = read_bytes_regular(version.path, "review file")
            if not raw.strip():
                continue
            from_toml(read_toml(version.path, "review file", raw=raw), "", catalogue)
        except UserError:
            continue
        return (
            f"; the newest good backup is version {n}, saved {version.when:%H:%M on %d/%m/%Y}:"
            f" 'imr restore {path} {n}' puts it back"
        )
    return ""


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a new ``0600`` file, flushed to disk."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class Backup:
    """A previous version of a review."""

    path: Path
    when: datetime
    """When it was saved (the file's time)."""
    size: int


def backups_folder(path: Path) -> Path:
    """Where the older versions of ``path`` are kept: ``.NAME.toml.backups`` beside it."""
    return path.with_name(f".{path.name}.backups")


def backups(path: Path) -> list[Backup]:
    """The kept versions of a review, newest first: ``FILE.bak``, then the rotation,
    then the first save of each recent day, newest day first (the same file kept
    twice is listed once)."""
    found: list[Backup] = []
    path = _target(path)  # a link's versions are kept beside its target
    folder = backups_folder(path)
    candidates = [path.with_name(path.name + ".bak")]
    candidates += [folder / f"{n}.toml" for n in range(2, BACKUPS_KEPT + 1)]
    with contextlib.suppress(OSError):
        candidates += sorted(folder.glob("day-*.toml"), reverse=True)
    seen: set[tuple[int, int]] = set()
    for candidate in candidates:
        try:
            info = candidate.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or (info.st_ino, info.st_dev) in seen:
            continue
        seen.add((info.st_ino, info.st_dev))
        when = datetime.fromtimestamp(info.st_mtime).astimezone()
        found.append(Backup(candidate, when, info.st_size))
    return found


def _link_or_copy(source: Path, target: Path) -> None:
    """Make ``target`` the same content as ``source`` (a hard link where possible), 0600."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(source, tmp)
        os.chmod(tmp, FILE_MODE)
    except OSError:
        _write_private(tmp, source.read_bytes())
    os.replace(tmp, target)


def _keep_backup(path: Path) -> None:
    """Keep the current file as ``FILE.bak``, and older versions in the backups folder.

    The current file is always one this session loaded (and so was whole) or wrote
    itself: an empty or unreadable file never reaches the backups. ``FILE.bak``
    moves to ``2.toml``, ``2.toml`` to ``3.toml``; the first save of each day also
    keeps that day's first version as ``day-YYYY-MM-DD.toml`` (the last
    :data:`DAYS_KEPT` days).
    """
    bak = path.with_name(path.name + ".bak")
    folder = backups_folder(path)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    if bak.is_file():
        for n in range(BACKUPS_KEPT, 2, -1):
            older = folder / f"{n - 1}.toml"
            if older.is_file():
                os.replace(older, folder / f"{n}.toml")
        _link_or_copy(bak, folder / "2.toml")
    today = folder / f"day-{clock.today().isoformat()}.toml"
    if not today.exists():
        _link_or_copy(path, today)
        days = sorted(folder.glob("day-*.toml"), reverse=True)
        for old in days[DAYS_KEPT:]:
            with contextlib.suppress(OSError):
                old.unlink()
    _link_or_copy(path, bak)


def restore(path: Path, number: int) -> Backup:
    """Put version ``number`` (as :func:`backups` lists them, from 1) back in place.

    The review as it is now becomes the newest backup first (if it loads), so a
    restore can be undone the same way. The caller holds the review's lock.
    """
    kept = backups(path)
    if not 1 <= number <= len(kept):
        raise UserError(
            f"{path}: there is no version {number}; 'imr backups {path}' lists "
            f"{len(kept)} version{'s' if len(kept) != 1 else ''}"
        )
    chosen = kept[number - 1]
    raw = read_bytes_regular(chosen.path, "review file")
    older = from_toml(read_toml(chosen.path, "review file", raw=raw), str(chosen.path))
    target = _target(path)
    raw = _keeping_sent(target, older, raw)
    with _WRITING:
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            _write_private(tmp, raw)
            if target.exists() and load_ok(target):
                _keep_backup(target)
            os.replace(tmp, target)
        except OSError as e:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise SaveError(f"could not restore {path}: {e.strerror or e}") from None
    return chosen


def _keeping_sent(target: Path, older: Review, raw: bytes) -> bytes:
    """The older version's bytes, or, when the review as it is now records final reports
    the older version does not, the older version with those records added: a final
    report sent is a fact about the world, not a change to undo, and its record keeps
    its number from being used again and its file from being written over."""
    try:
        now, _ = load_checked(target)
    except UserError:
        return raw
    have = {s.version for s in older.sent}
    missing = [s for s in now.sent if s.version not in have]
    if not missing:
        return raw
    older.sent = sorted([*older.sent, *missing], key=lambda s: s.version)
    return to_toml(older).encode("utf-8")


def load_ok(path: Path) -> bool:
    """Whether ``path`` holds a review that loads (so it may become a backup)."""
    try:
        load_checked(path)
    except UserError:
        return False
    return True


def remove_stale_temporaries(path: Path, before: float) -> int:
    """Remove this review's temporary files left by saves that were killed.

    Only files owned by this user, older than ``before`` (the time this session
    took the review's lock, when no other save of it can be under way) and with
    the names saves use. Returns how many were removed.
    """
    removed = 0
    for folder, prefix in ((path.parent, f".{path.name}."), (backups_folder(path), ".")):
        try:
            names = list(folder.iterdir())
        except OSError:
            continue
        for tmp in names:
            if not (tmp.name.startswith(prefix) and tmp.name.endswith(".tmp")):
                continue
            try:
                info = tmp.lstat()
                if (
                    stat.S_ISREG(info.st_mode)
                    and info.st_uid == os.getuid()
                    and info.st_mtime < before
                ):
                    tmp.unlink()
                    removed += 1
            except OSError:
                continue
    return removed


_WRITING = threading.Lock()
"""One write at a time per process (an autosave thread and a hang-up save may overlap)."""


def stamp(review: Review) -> None:
    """Record the save time and the app version in the review's metadata."""
    review.meta.last_saved = clock.now()
    review.meta.app_version = __version__


def _target(path: Path) -> Path:
    """Where a save really goes: through a symbolic link to its target (the link stays)."""
    return path.resolve() if path.is_symlink() else path


def _check_unchanged(path: Path, expected: Fingerprint) -> None:
    """Raise :class:`OutsideChange` unless the file is still what this session knows."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise OutsideChange(f"{path}: was removed or renamed by another program") from None
    if info.st_size == expected.size and info.st_mtime_ns == expected.mtime_ns:
        return
    try:
        raw = read_bytes_regular(path, "review file")
    except UserError as e:
        raise OutsideChange(str(e)) from None
    if hashlib.sha256(raw).hexdigest() != expected.digest:
        raise OutsideChange(f"{path}: was changed by another program since it was opened")


def write_review(path: Path, text: str, expected: Fingerprint | None = None) -> Fingerprint:
    """Atomically replace the file with ``text``, keeping the previous version as ``FILE.bak``.

    With ``expected``, nothing is written unless the file is still the one this
    session loaded or last wrote (:class:`OutsideChange`). A symbolic link is
    saved through to its target. Safe to call from a worker thread. Raises
    :class:`SaveError` with a plain message; returns the new file's fingerprint.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise SaveError(
            f"could not save {path}: the text holds a character that is not valid "
            f"Unicode (at character {e.start})"
        ) from None
    target = _target(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with _WRITING:
        if expected is not None:
            _check_unchanged(target, expected)
        try:
            _write_private(tmp, data)
            if target.exists():
                _keep_backup(target)
            os.replace(tmp, target)
            info = os.stat(target)
        except OSError as e:
            with contextlib.suppress(OSError):
                tmp.unlink()
            reason = e.strerror or str(e)
            raise SaveError(f"could not save {path}: {reason}") from None
        _fsync_dir(target.parent)
    return Fingerprint.of(data, info)


def renumber_duplicates(data: dict[str, Any]) -> int:
    """Give a new id to every record whose id an earlier record already has.

    Works on the file's data before it is validated (a file with duplicate ids
    does not load). Returns how many records got a new id; nothing else changes.
    """
    from imr_tui.core.model import new_id

    changed = 0
    for key in ("chronology", "recommendations", "headings"):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        seen: set[str] = set()
        for item in items:
            if not isinstance(item, dict):
                continue
            ident = item.get("id")
            if isinstance(ident, str) and ident in seen:
                item["id"] = new_id()
                changed += 1
            if isinstance(item.get("id"), str):
                seen.add(item["id"])
    return changed


def renumber(path: Path, catalogue: Catalogue | None = None) -> int:
    """Fix a review whose records share ids (the caller holds its lock); returns how many
    records got a new id. The file is rewritten only if something changed."""
    data = read_toml(path, "review file")
    count = renumber_duplicates(data)
    if count:
        review = from_toml(data, str(path), catalogue)
        save(path, review, catalogue)
    return count


def save(path: Path, review: Review, catalogue: Catalogue | None = None) -> None:
    """Write the review atomically, keeping the previous version as ``FILE.bak``.

    Raises :class:`SaveError` (with a plain message) if the disk refuses; the
    review in memory is unchanged apart from its ``last_saved`` time.
    """
    stamp(review)
    write_review(path, to_toml(review, catalogue))


class OverReview(UserError):
    """An export was about to be written over a review file."""


def refuse_review_target(path: Path) -> None:
    """Raise :class:`OverReview` if writing an export to ``path`` would replace a review:
    a ``.toml`` name (reviews have it), or an existing file that is a review (its
    first line says so), whatever its name."""
    if path.suffix.lower() == ".toml":
        raise OverReview(
            f"{path}: an export is never written to a .toml file, the kind reviews are "
            "kept in; choose another name"
        )
    try:
        with path.open("rb") as f:
            start = f.read(len(HEADER.encode("utf-8")))
    except OSError:
        return  # nothing there (or nothing readable): nothing to lose
    if start.startswith(HEADER.splitlines()[0].encode("utf-8")):
        raise OverReview(
            f"{path}: is a review file; an export never replaces one; choose another name"
        )


def write_text_private(path: Path, text: str) -> None:
    """Write an export (Markdown and the like) atomically, readable only by its owner."""
    write_bytes_private(path, text.encode("utf-8"))


def write_bytes_private(path: Path, data: bytes) -> None:
    """Write an export's bytes (a Word file) atomically, readable only by its owner;
    never over a review (:func:`refuse_review_target`)."""
    refuse_review_target(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _write_private(tmp, data)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise SaveError(f"could not write {path}: {e.strerror or e}") from None


def create(path: Path, catalogue: Catalogue, review: Review | None = None) -> Review:
    """Start a new review file (empty, or ``review``); refuses to overwrite an existing one."""
    if path.exists():
        raise UserError(f"{path}: already exists; open it with 'imr {path}'")
    if not path.parent.is_dir():
        raise UserError(f"{path}: the folder {path.parent} does not exist")
    if review is None:
        review = new_review(catalogue)
    save(path, review, catalogue)
    return review
