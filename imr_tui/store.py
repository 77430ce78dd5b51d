"""The one module that touches review files: load, atomic save, permissions.

Saving writes a temporary file beside the review (created ``0600``), flushes and
fsyncs it, keeps the previous version as ``FILE.bak`` and swaps the new file in
with :func:`os.replace`, so a crash at any moment leaves either the old or the
new review on disk, never half of one. Loading never writes.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from imr_tui import __version__
from imr_tui.catalogue import Catalogue, read_toml
from imr_tui.dates import DateError
from imr_tui.errors import UserError, describe_validation_error
from imr_tui.model import SCHEMA_VERSION, Meta, Review, now

FILE_MODE = 0o600
HEADER = (
    "# Individual Management Review, written with imr-tui.\n"
    "# It holds special category personal data: keep it private and do not e-mail it.\n\n"
)


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
    """The review as plain data in file order: answers in template order, chronology by date.

    This is the quick half of saving (it reads the model, so it runs where the model is
    edited); :func:`render` is the slow half and may run on another thread.
    """
    data: dict[str, Any] = review.model_dump(mode="json", exclude_none=True)
    if catalogue is not None:
        order = {p.id: i for i, p in enumerate(catalogue.prompts())}
        data["answers"] = dict(
            sorted(data["answers"].items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        )
    entries = review.chronology
    in_order = sorted(range(len(entries)), key=lambda i: entries[i].sort_key())
    data["chronology"] = [data["chronology"][i] for i in in_order]
    # Empty lists and tables are the defaults: leaving them out keeps the file short.
    return {k: v for k, v in data.items() if v != [] and v != {}}


def render(data: dict[str, Any]) -> str:
    """TOML text for :func:`review_data`'s output, with a header saying what the file is."""
    # tomli_w turns CR LF into LF inside multi-line strings: where a carriage return
    # was typed, write single-line strings so that not a character is lost.
    return HEADER + tomli_w.dumps(data, multiline_strings=not _has_cr(data))


def to_toml(review: Review, catalogue: Catalogue | None = None) -> str:
    """The review as readable TOML: answers in template order, chronology in date order."""
    return render(review_data(review, catalogue))


def _newer(source: str, version: int) -> UserError:
    return UserError(
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
        from imr_tui.dates import parse_date

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


def load(path: Path, catalogue: Catalogue | None = None) -> Review:
    """Read and validate a review file. Never writes to it."""
    return from_toml(read_toml(path, "review file"), str(path), catalogue)


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


def _keep_backup(path: Path) -> None:
    """Keep the current file as ``FILE.bak`` (a hard link where possible, else a copy)."""
    bak = path.with_name(path.name + ".bak")
    tmp = path.with_name(f".{path.name}.bak.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(path, tmp)
        os.chmod(tmp, FILE_MODE)
    except OSError:
        _write_private(tmp, path.read_bytes())
    os.replace(tmp, bak)


_WRITING = threading.Lock()
"""One write at a time per process (an autosave thread and a hang-up save may overlap)."""


def stamp(review: Review) -> None:
    """Record the save time and the app version in the review's metadata."""
    review.meta.last_saved = now()
    review.meta.app_version = __version__


def write_review(path: Path, text: str) -> None:
    """Atomically replace the file with ``text``, keeping the previous version as ``FILE.bak``.

    Safe to call from a worker thread. Raises :class:`SaveError` with a plain message.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with _WRITING:
        try:
            _write_private(tmp, text.encode("utf-8"))
            if path.exists():
                _keep_backup(path)
            os.replace(tmp, path)
        except OSError as e:
            with contextlib.suppress(OSError):
                tmp.unlink()
            reason = e.strerror or str(e)
            raise SaveError(f"could not save {path}: {reason}") from None
        _fsync_dir(path.parent)


def save(path: Path, review: Review, catalogue: Catalogue | None = None) -> None:
    """Write the review atomically, keeping the previous version as ``FILE.bak``.

    Raises :class:`SaveError` (with a plain message) if the disk refuses; the
    review in memory is unchanged apart from its ``last_saved`` time.
    """
    stamp(review)
    write_review(path, to_toml(review, catalogue))


def write_text_private(path: Path, text: str) -> None:
    """Write an export (Markdown and the like) atomically, readable only by its owner."""
    write_bytes_private(path, text.encode("utf-8"))


def write_bytes_private(path: Path, data: bytes) -> None:
    """Write an export's bytes (a Word file) atomically, readable only by its owner."""
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
