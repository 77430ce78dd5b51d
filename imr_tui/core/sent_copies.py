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
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review, SentVersion

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_VERSION_FOLDER = re.compile(r"v([1-9][0-9]{0,8})")
FINAL_NAME = re.compile(r".+-final-v[0-9]+(\.md|\.docx|\.timeline\.png)", re.IGNORECASE)
"""A final report's file name (any review's): ``NAME-final-vN.md``, ``.docx`` or the
Markdown's picture ``.timeline.png``."""
SENT_SUFFIX = ".toml.sent"
"""Ends the name of a folder of kept copies (:func:`sent_folder`)."""


def sent_folder(review_path: Path) -> Path:
    """Where the copies of the final reports of ``review_path`` are kept:
    ``.NAME.toml.sent`` beside it."""
    return review_path.with_name(f".{review_path.name}.sent")


def final_path(review_path: Path, fmt: str, version: int) -> Path:
    """Where a final report goes by default: ``NAME-final-vN.md`` (or ``.docx``) beside
    the review, so a draft (``NAME.md``) never overwrites it and no two versions share
    a file."""
    stem = review_path.with_suffix("")
    return stem.with_name(f"{stem.name}-final-v{version}.{fmt}")


def _final_files_on_disk(review_path: Path) -> Iterable[int]:
    """The versions of the final reports beside the review under their default names."""
    stem = review_path.with_suffix("").name
    pattern = re.compile(re.escape(stem) + r"-final-v([1-9][0-9]{0,8})\.")
    with contextlib.suppress(OSError):
        for entry in review_path.parent.iterdir():
            found = pattern.match(entry.name)
            if found:
                yield int(found.group(1))


def _folders_on_disk(review_path: Path) -> Iterable[int]:
    """The versions whose copies' folders exist (``vN`` in :func:`sent_folder`)."""
    with contextlib.suppress(OSError):
        for entry in sent_folder(review_path).iterdir():
            found = _VERSION_FOLDER.fullmatch(entry.name)
            if found:
                yield int(found.group(1))


def next_version(review: Review, review_path: Path | None = None) -> int:
    """The version number the next final report gets: one more than the highest ever
    used, in the review's ``sent`` list and (given ``review_path``) on disk, in the
    copies' folders and the final reports' default names, so restoring an older save
    never numbers a new report like one already sent."""
    used = [s.version for s in review.sent]
    if review_path is not None:
        used += [*_folders_on_disk(review_path), *_final_files_on_disk(review_path)]
    return max(used, default=0) + 1


def digest(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, as a :class:`SentVersion` records it."""
    return hashlib.sha256(data).hexdigest()


def _private_folder(folder: Path, *, new: bool = False) -> None:
    """Make ``folder`` (and no parent) readable only by its owner; ``new``: it must not
    exist yet (:class:`FileExistsError` if it does)."""
    if new:
        folder.mkdir(mode=FOLDER_MODE)
    else:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=FOLDER_MODE)
    if folder.is_symlink() or not folder.is_dir():
        raise UserError(f"{folder}: is not a folder; move it away to keep final reports")
    os.chmod(folder, FOLDER_MODE)


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to a file that must not exist yet (``0600``); never replaces one."""
    fd = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE
    )
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` when inside it, else absolute."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return str(absolute.resolve().relative_to(folder.resolve()))
    except ValueError:
        return str(absolute.resolve())


REVIEW_COPY = "review-as-sent.toml.txt"
"""The name of the copy of the review file kept with each version (not ``.toml``, so
that nothing lists it as a review)."""


def keep_copies(
    review_path: Path,
    version: int,
    files: Mapping[Path, bytes],
    fmt: str,
    review_text: str = "",
) -> SentVersion:
    """Keep a private copy of every file of a final report and say what was kept.

    ``review_text`` is the review file as it is sent (:func:`~imr_tui.core.store.to_toml`):
    it is kept as :data:`REVIEW_COPY` beside the report's copies, so what changed since
    can be shown (``imr diff``). ``files`` are the exported files and their bytes, the
    report itself first. The
    version's folder ``vN`` is created afresh and each copy exclusively: a copy already
    kept is never overwritten (:class:`FileExistsError` when ``vN`` exists, so the
    caller can take the next number). Raises :class:`UserError` with one line if the
    copy cannot be written (nothing is recorded).
    """
    if not files:
        raise UserError(f"{review_path}: a final report with no file cannot be kept")
    base = sent_folder(review_path)
    where = base / f"v{version}"
    try:
        _private_folder(base)
        _private_folder(where, new=True)
    except FileExistsError:
        raise
    except OSError as e:
        raise UserError(
            f"{where}: cannot keep the final report's copy ({e.strerror or e})"
        ) from None
    kept: list[tuple[str, str]] = []
    for path, data in files.items():
        copy = where / path.name
        try:
            _write_new(copy, data)
        except OSError as e:
            raise UserError(
                f"{copy}: cannot keep the final report's copy ({e.strerror or e})"
            ) from None
        kept.append((str(copy.relative_to(review_path.parent)), digest(data)))
    review_copy = review_sha = ""
    if review_text:
        data = review_text.encode("utf-8")
        copy = where / REVIEW_COPY
        try:
            _write_new(copy, data)
        except OSError as e:
            raise UserError(f"{copy}: cannot keep the review as sent ({e.strerror or e})") from None
        review_copy, review_sha = str(copy.relative_to(review_path.parent)), digest(data)
    (main, main_sha), *more = kept
    return SentVersion(
        version=version,
        exported=clock.now(),
        format=fmt,
        kept_copy=main,
        sha256=main_sha,
        also_kept=dict(more),
        written=[_relative(p, review_path.parent) for p in files],
        review_copy=review_copy,
        review_sha256=review_sha,
    )


def sent_version(review: Review, version: int | None = None) -> SentVersion:
    """The version sent with this number (the last one sent when ``None``); raises
    :class:`UserError` (one line) when there is none."""
    if not review.sent:
        raise UserError("no final report has been sent yet: 'imr export FILE --final' sends one")
    if version is None:
        return review.sent[-1]
    found = next((s for s in review.sent if s.version == version), None)
    if found is None:
        have = ", ".join(str(s.version) for s in review.sent)
        raise UserError(f"there is no version {version}: the versions sent are {have}")
    return found


def sent_review_text(review_path: Path, sent: SentVersion) -> str:
    """The review file as it was when ``sent`` was sent, from its private copy; raises
    :class:`UserError` (one line) when no copy was kept, it is missing or was changed."""
    if not sent.review_copy:
        raise UserError(
            f"{review_path}: version {sent.version} was sent before copies of the review were "
            "kept, so what changed since cannot be shown; compare two review files instead"
        )
    copy = review_path.parent / sent.review_copy
    try:
        data = copy.read_bytes()
    except OSError as e:
        raise UserError(
            f"{copy}: the review as sent in version {sent.version} cannot be read "
            f"({e.strerror or e})"
        ) from None
    if sent.review_sha256 and digest(data) != sent.review_sha256:
        raise UserError(f"{copy}: the review as sent in version {sent.version} was changed")
    return data.decode("utf-8")


def sent_review(review_path: Path, sent: SentVersion, catalogue: Catalogue | None = None) -> Review:
    """The review as it was when ``sent`` was sent (see :func:`sent_review_text`)."""
    from imr_tui.core.store import from_toml
    from imr_tui.core.toml_files import TOMLDecodeError, loads

    copy = review_path.parent / sent.review_copy
    try:
        data = loads(sent_review_text(review_path, sent))
    except TOMLDecodeError as e:
        raise UserError(f"{copy}: the review as sent cannot be read ({e})") from None
    return from_toml(data, str(copy), catalogue)


def sent_targets(review_path: Path, review: Review) -> set[Path]:
    """Every file a final report of ``review`` was written to (resolved), so a draft
    export can refuse to overwrite one."""
    folder = review_path.parent
    found = {(folder / p).resolve() for s in review.sent for p in s.written}
    # The kept copies say so too, even when the review no longer records them (an older
    # save put back): each copy bears the name of the file it was written as.
    kept = sent_folder(review_path)
    with contextlib.suppress(OSError):
        for version in kept.iterdir():
            if version.is_dir():
                found |= {(folder / copy.name).resolve() for copy in version.iterdir()}
    return found


def copy_problems(review_path: Path, review: Review) -> list[str]:
    """Every earlier final report whose kept copy is missing or changed, one line each."""
    return [p for s in review.sent if (p := copy_problem(review_path, s))]


def copy_problem(review_path: Path, sent: SentVersion) -> str:
    """Why the kept copy of ``sent`` is not what was sent (missing or changed); ``""``
    when every file of it is there with its recorded SHA-256."""
    folder = review_path.parent
    kept = {sent.kept_copy: sent.sha256, **sent.also_kept}
    if sent.review_copy:
        kept[sent.review_copy] = sent.review_sha256
    for relative, sha in kept.items():
        try:
            data = (folder / relative).read_bytes()
        except OSError:
            return f"{folder / relative}: the copy of version {sent.version} is missing"
        if digest(data) != sha:
            return f"{folder / relative}: the copy of version {sent.version} was changed"
    return ""


def _in_sent_folder(path: Path) -> bool:
    """Whether ``path`` is inside a folder of kept copies (any review's), as written or
    with its links followed."""
    absolute = Path(os.path.abspath(path))
    for where in (absolute, path.resolve()):
        if any(part.lower().endswith(SENT_SUFFIX) for part in where.parts[:-1]):
            return True
    return False


def refuse_targets(
    review_path: Path,
    review: Review,
    targets: Sequence[Path],
    *,
    final: bool,
    named: bool = True,
) -> None:
    """Raise :class:`UserError` (one line) unless every file of an export may be written.

    The one place every front end asks, for a draft and a final report alike. Refused:
    a file inside a folder of kept copies (``*.toml.sent``, any review's); a file this
    review's ``sent`` records a final report as written to; an existing file named like
    a final report (``*-final-vN.md``, ``.docx``, ``.timeline.png``, any review's); and,
    for a final report, any file that exists at all (a final report is never written
    over anything). ``named``: the author named the file (``-o``), so the advice is to
    name another; otherwise the default name is taken and the advice says so.
    """
    what = "a final report" if final else "a draft"
    if named:
        other = "choose another -o"
    else:
        other = "move that file away first, or name another file with imr export -o"
    written = sent_targets(review_path, review)
    for path in targets:
        if _in_sent_folder(path):
            raise UserError(
                f"{path}: is in a folder of kept copies of final reports; an export is never "
                f"written there: {other}"
            )
        if path.resolve() in written:
            raise UserError(
                f"{path}: a final report was written to this file; {what} would overwrite "
                f"it: {other}"
            )
        exists = path.exists() or path.is_symlink()
        if exists and FINAL_NAME.fullmatch(path.name):
            raise UserError(
                f"{path}: is a final report (by its name); {what} would overwrite it: {other}"
            )
        if not final and FINAL_NAME.fullmatch(path.name):
            raise UserError(
                f"{path}: is named as a final report is (NAME-final-vN); a draft is never "
                f"given that name: {other}"
            )
        if exists and final:
            raise UserError(
                f"{path}: already exists; a final report is never written over a file: {other}"
            )
