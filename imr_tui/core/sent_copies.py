"""Private copies of the final reports sent: exactly the bytes written, kept beside the review.

``imr export --final`` (and the interview's final export) keeps every file it wrote in
a hidden folder beside the review, ``.NAME.toml.sent`` (``0700``), one sub-folder per
version (``v1``, ``v2``...), each file ``0600`` under the name it was exported with.
The review records each version (:class:`~imr_tui.core.model.SentVersion`) with the
copy's place and its SHA-256, so "what changed since version 1" can be answered from
what was really sent, and a changed or lost copy is noticed.

The folder starts with a dot and holds no ``.toml`` file, so a workspace never lists
anything in it as a review.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from imr_tui.core import clock
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review, SentVersion
from imr_tui.core.store import write_bytes_private

FOLDER_MODE = 0o700


def sent_folder(review_path: Path) -> Path:
    """Where the copies of the final reports of ``review_path`` are kept:
    ``.NAME.toml.sent`` beside it."""
    return review_path.with_name(f".{review_path.name}.sent")


def next_version(review: Review) -> int:
    """The version number the next final report gets: one more than the last sent."""
    return max((s.version for s in review.sent), default=0) + 1


def digest(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, as a :class:`SentVersion` records it."""
    return hashlib.sha256(data).hexdigest()


def _private_folder(folder: Path) -> None:
    """Make ``folder`` (and no parent) readable only by its owner."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=FOLDER_MODE)
    if folder.is_symlink() or not folder.is_dir():
        raise UserError(f"{folder}: is not a folder; move it away to keep final reports")
    os.chmod(folder, FOLDER_MODE)


def keep_copies(
    review_path: Path, version: int, files: Mapping[Path, bytes], fmt: str
) -> SentVersion:
    """Keep a private copy of every file of a final report and say what was kept.

    ``files`` are the exported files and their bytes, the report itself first. Raises
    :class:`UserError` with one line if the copy cannot be written (nothing is recorded).
    """
    if not files:
        raise UserError(f"{review_path}: a final report with no file cannot be kept")
    base = sent_folder(review_path)
    where = base / f"v{version}"
    try:
        _private_folder(base)
        _private_folder(where)
    except OSError as e:
        raise UserError(
            f"{where}: cannot keep the final report's copy ({e.strerror or e})"
        ) from None
    kept: list[tuple[str, str]] = []
    for path, data in files.items():
        copy = where / path.name
        write_bytes_private(copy, data)
        kept.append((str(copy.relative_to(review_path.parent)), digest(data)))
    (main, main_sha), *more = kept
    return SentVersion(
        version=version,
        exported=clock.now(),
        format=fmt,
        kept_copy=main,
        sha256=main_sha,
        also_kept=dict(more),
    )


def copy_problem(review_path: Path, sent: SentVersion) -> str:
    """Why the kept copy of ``sent`` is not what was sent (missing or changed); ``""``
    when every file of it is there with its recorded SHA-256."""
    folder = review_path.parent
    for relative, sha in {sent.kept_copy: sent.sha256, **sent.also_kept}.items():
        try:
            data = (folder / relative).read_bytes()
        except OSError:
            return f"{folder / relative}: the copy of version {sent.version} is missing"
        if digest(data) != sha:
            return f"{folder / relative}: the copy of version {sent.version} was changed"
    return ""
