"""Where the workshop keeps its own files, and how they are written.

Everything lives in ``WORKSPACE/.workshop/`` (a real folder, ``0700``; files ``0600``).
A change is made under an exclusive ``flock`` of ``.workshop/lock`` (twenty session
processes may join at the same moment), then written atomically (a temporary file,
flushed, swapped in with :func:`os.replace`), so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from imr_tui.core.errors import UserError, describe_validation_error
from imr_tui.core.toml_files import TOMLDecodeError, loads

FOLDER = ".workshop"
"""The workshop's folder inside the workspace."""
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> Path:
    """Make ``path`` a private folder (``0700``) if it is not there; refuse a link or a file."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=FOLDER_MODE)
    try:
        info = path.lstat()
    except OSError as e:
        raise UserError(f"{path}: cannot be made ({e.strerror or e})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise UserError(f"{path}: is not a folder (a link or a file is in its place); remove it")
    if stat.S_IMODE(info.st_mode) != FOLDER_MODE:
        os.chmod(path, FOLDER_MODE)
    return path


def workshop_folder(workspace: Path) -> Path:
    """``WORKSPACE/.workshop``, made private if it is not there."""
    return private_folder(workspace / FOLDER)


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically with ``data``, readable only by its owner (``0600``)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(tmp, flags, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UserError(f"could not write {path}: {e.strerror or e}") from None


def write_toml(path: Path, header: str, data: dict[str, Any]) -> None:
    """Write ``data`` as readable TOML after the ``header`` comment lines, atomically, 0600."""
    write_private(path, (header + tomli_w.dumps(data)).encode("utf-8"))


def read_toml(path: Path) -> dict[str, Any] | None:
    """A workshop file's data, or None when there is none; one plain line if it is broken."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise UserError(f"{path}: cannot be read ({e.strerror or e})") from None
    try:
        return loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, TOMLDecodeError) as e:
        raise UserError(f"{path}: is not valid TOML ({e})") from None


M = TypeVar("M", bound=BaseModel)
"""A workshop file's model."""


def read_model(path: Path, model: type[M]) -> M:
    """A workshop file read as ``model``; the model's defaults when there is no file yet.
    A file that is broken or does not fit is one plain line naming it and the place."""
    data = read_toml(path)
    if data is None:
        return model()
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise UserError(describe_validation_error(str(path), e)) from None


@contextlib.contextmanager
def changing(workspace: Path) -> Iterator[Path]:
    """Hold the workshop's lock (``.workshop/lock``, an exclusive ``flock``) while a
    file of it is read and changed; yields the workshop folder."""
    folder = workshop_folder(workspace)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(folder / "lock", flags, FILE_MODE)
    except OSError as e:
        raise UserError(f"{folder / 'lock'}: cannot be opened ({e.strerror or e})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(fd)  # closing releases the flock
