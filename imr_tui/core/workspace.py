"""The workspace: the one folder whose reviews a session may open or create.

A name typed inside the app is a file *in* the workspace, never a path: no
folders, no ``..``, no hidden files, and no symlink that leads out of it. This
keeps a restricted account (SSH ``ForceCommand``) inside its own folder.

:func:`name_problem` is the one rule for a review's name, whichever front end
(or the command line) takes it from a person. :func:`list_reviews` lists what the
folder holds without ever opening anything but a plain file, so a link, a folder,
a named pipe or a file the author may not read is named with one line saying why
it cannot be opened, and never stops the list.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Review

SUFFIX = ".toml"

FILE_NAME_BYTES = 255
"""The longest file name most file systems allow, in bytes of UTF-8."""
ROOM_BESIDE = len(".lock.4194304.0123456789abcdef.tmp") + 1
"""What the longest file kept beside a review adds to its name (the lock's temporary file)."""
MAX_NAME_BYTES = FILE_NAME_BYTES - ROOM_BESIDE
"""The longest review file name (``.toml`` included), in bytes of UTF-8."""

PUNCTUATION = " -_.,()'\u2019"
"""What a review name may hold besides letters and numbers (of any script)."""
BACKUP_ENDINGS = (".bak", ".lock", ".tmp", ".toml", ".swp", "~")
"""Endings that make a name look like a backup, a lock or a temporary file."""


def _is_letter_or_number(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


def _stem(text: str) -> str:
    """The name typed, tidied: NFC, without surrounding spaces and a final ``.toml``."""
    name = unicodedata.normalize("NFC", text).strip()
    if name.casefold().endswith(SUFFIX):
        name = name[: -len(SUFFIX)].rstrip()
    return name


def name_problem(text: str) -> str:
    """Why ``text`` cannot name a review file in the workspace, in one line; ``""`` if it can.

    ``.toml`` is added to the name when missing. Refused: an empty name, control
    characters, ``/`` and ``\\``, square brackets, a dot at the start (a hidden
    file), ``..``, names that look like a backup or lock file, characters other
    than letters, numbers and ``PUNCTUATION``, and names too long for a file.
    """
    name = unicodedata.normalize("NFC", text).strip()
    if not name:
        return "Type a name for the review, for example AB-2025."
    for ch in name:
        category = unicodedata.category(ch)
        if category[0] == "C" or category in ("Zl", "Zp") or (ch.isspace() and ch != " "):
            return "A review name cannot hold control characters, tabs or line breaks."
    if "/" in name or "\\" in name:
        return (
            "A review name cannot hold / or \\ (the review stays in this folder): "
            "use letters, numbers, spaces, - and _."
        )
    if "[" in name or "]" in name:
        return "A review name cannot hold square brackets [ ]."
    if name.startswith("."):
        return "A review name cannot start with a dot (the file would be hidden)."
    stem = _stem(name)
    if ".." in stem + SUFFIX:
        return "A review name cannot hold two dots together or end with a dot."
    if not stem:
        return "Type a name for the review, for example AB-2025."
    folded = stem.casefold()
    if folded.endswith(BACKUP_ENDINGS) or f"{SUFFIX}." in folded + ".":
        return "That name looks like a backup or lock file, not a review: choose another name."
    for ch in stem:
        if not (_is_letter_or_number(ch) or ch in PUNCTUATION):
            return (
                f"A review name cannot hold {ch}: only letters, numbers, spaces "
                "and - _ . , ( ) ' can be used."
            )
    if not _is_letter_or_number(stem[0]):
        return "A review name must start with a letter or a number."
    if len((stem + SUFFIX).encode("utf-8")) > MAX_NAME_BYTES:
        room = MAX_NAME_BYTES - len(SUFFIX)
        fits = 0
        for ch in stem:
            room -= len(ch.encode("utf-8"))
            if room < 0:
                break
            fits += 1
        return (
            f"That name is too long for a file ({len(stem)} characters): "
            f"shorten it to {fits} characters or fewer."
        )
    return ""


def review_file_name(text: str) -> str:
    """The file name (``NAME.toml``) for a review name a person typed.

    Raises :class:`UserError` with :func:`name_problem`'s line if it cannot be one.
    """
    problem = name_problem(text)
    if problem:
        raise UserError(problem)
    return _stem(text) + SUFFIX


def review_in(workspace: Path, name: str) -> Path:
    """The review file called ``name`` in ``workspace``; ``.toml`` is added if missing.

    Raises :class:`UserError` for a name :func:`name_problem` refuses, and for a
    name taken there by something other than a plain file: a link (which could
    lead out of the workspace), a folder or a special file. The file need not exist.
    """
    file_name = review_file_name(name)
    root = workspace.resolve()
    path = root / file_name
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as e:
        raise UserError(f"{file_name} cannot be used here ({os_reason(e)})") from None
    if stat.S_ISLNK(st.st_mode):
        raise UserError(
            f"{file_name} is a link that may lead outside this folder; choose another name"
        )
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{file_name} is taken by a folder or special file; choose another name")
    return path


# ------------------------------------------------------------------ listing the folder


def shown_name(name: str) -> str:
    """A file name as it can be shown: bytes that are not UTF-8 and control characters as ``?``."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("?" if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def os_reason(e: OSError, *, link: bool = False) -> str:
    """Why the system refused, in a few plain words (for one line about a file)."""
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ENOENT:
        return "it links to a file that does not exist" if link else "it no longer exists"
    if e.errno == errno.ELOOP:
        return "it is a link that leads round in a loop"
    if e.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return (e.strerror or str(e)).lower()


@dataclass(frozen=True)
class Listed:
    """One ``*.toml`` entry of the workspace, and why it cannot be opened (if it cannot)."""

    path: Path
    problem: str = ""
    """Empty for a plain file that can be read; else e.g. ``cannot be read (permission denied)``."""

    @property
    def name(self) -> str:
        """The file name as it can be shown."""
        return shown_name(self.path.name)

    def line(self) -> str:
        """``secret.toml — cannot be read (permission denied)``."""
        return f"{self.name} — {self.problem}" if self.problem else self.name


def _problem(path: Path) -> str | None:
    """Why the entry cannot be opened as a review, ``""`` if it can, None if it is gone.

    Nothing but a plain file is ever opened, and that only to see that it can be read
    (never read here): a named pipe would make the listing wait forever.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        return f"cannot be read ({os_reason(e)})"
    if stat.S_ISLNK(st.st_mode):
        try:
            os.stat(path)
        except OSError as e:
            return f"cannot be read ({os_reason(e, link=True)})"
        return "is a link to another file: only review files kept in this folder are opened"
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a review file"
    if not stat.S_ISREG(st.st_mode):
        return "is a special file (such as a pipe), not a review file"
    if shown_name(path.name) != path.name:
        return "its name holds characters that cannot be shown: rename the file to open it"
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        os.close(os.open(path, flags))
    except FileNotFoundError:
        return None
    except OSError as e:
        return f"cannot be read ({os_reason(e)})"
    return ""


def listed(path: Path) -> Listed:
    """One entry, as :func:`list_reviews` would list it (an entry that is gone cannot be read)."""
    problem = _problem(path)
    return Listed(path, "cannot be read (it no longer exists)" if problem is None else problem)


def list_reviews(workspace: Path) -> list[Listed]:
    """Every ``*.toml`` entry directly in the workspace (not hidden ones), by name.

    Raises :class:`UserError` with one line if the folder itself cannot be read.
    """
    try:
        with os.scandir(workspace) as found:
            names = sorted(e.name for e in found)
    except OSError as e:
        folder = shown_name(workspace.name) or str(workspace)
        raise UserError(f"{folder}: this folder cannot be read ({os_reason(e)})") from None
    entries: list[Listed] = []
    for name in names:
        if name.startswith(".") or not name.endswith(SUFFIX):
            continue
        path = workspace / name
        problem = _problem(path)
        if problem is not None:
            entries.append(Listed(path, problem))
    return entries


def review_files(workspace: Path) -> list[Path]:
    """The review files in the workspace that can be opened (plain, readable files)."""
    return [x.path for x in list_reviews(workspace) if not x.problem]


def load_listed(entry: Listed, catalogue: Catalogue) -> tuple[Review | None, Listed]:
    """Read a listed review: ``(review, entry)``, or ``(None, entry saying why not)``."""
    from imr_tui.core.store import load

    if entry.problem:
        return None, entry
    try:
        return load(entry.path, catalogue), entry
    except UserError as e:
        reason = str(e).removeprefix(f"{entry.path}: ")
        if "permission denied" in reason:
            reason = "cannot be read (permission denied)"
        else:
            reason = f"cannot be opened: {reason}"
        return None, Listed(entry.path, shown_name(reason))


# ------------------------------------------------------------------ before a front end starts


def check_review_path(file: Path, *, creating: bool) -> None:
    """Refuse, in one line, a review path given on the command line that cannot be used.

    A file that does not exist yet must have a name :func:`name_problem` accepts
    (it is to be created); an existing one must be a plain file, since a named pipe
    would hang the reading of it. With ``creating``, an existing file is left for the
    caller to report.
    """
    try:
        st: os.stat_result | None = os.stat(file)
    except FileNotFoundError:
        st = None
    except OSError as e:
        if e.errno != errno.ENAMETOOLONG:
            raise UserError(f"{shown_name(str(file))}: cannot be used ({os_reason(e)})") from None
        st = None
    if st is None:
        problem = name_problem(file.name)
        if problem:
            raise UserError(f"{shown_name(str(file))}: {problem[0].lower()}{problem[1:]}")
        return
    if creating:
        return
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{file}: is a folder; give a review file such as {file}/review.toml")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(
            f"{shown_name(str(file))}: is a special file (such as a pipe), not a review"
        )


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def ready_to_interview(mode: str, file: Path | None, workspace: Path | None) -> None:
    """Check, before anything is drawn, that an interactive mode can run here.

    Both front ends need a terminal on stdin and stdout (without one, questionary
    fails and a full-screen app hangs), an existing, readable workspace folder, and a
    review path that is a plain file (or a new file with a usable name) in an existing
    folder. Files they create are private.
    """
    import sys

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(f"{mode} needs a terminal; use 'imr export' or 'imr new' in scripts")
    if workspace is not None and not _is_folder(workspace):
        raise UserError(f"{workspace}: no such folder for the workspace")
    if file is None:
        list_reviews(workspace or Path.cwd())  # a folder that cannot be read: one line, no crash
    else:
        check_review_path(file, creating=False)
        if not _is_folder(file.parent):
            raise UserError(f"{file}: the folder {file.parent} does not exist")
    os.umask(0o077)
