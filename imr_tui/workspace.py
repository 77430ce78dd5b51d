"""The workspace: the one folder whose reviews a session may open or create.

A name typed inside the app is a file *in* the workspace, never a path: no
folders, no ``..``, no hidden files, and no symlink that leads out of it. This
keeps a restricted account (SSH ``ForceCommand``) inside its own folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from imr_tui.errors import UserError

SUFFIX = ".toml"
_NAME = re.compile(r"^[^/\\\x00-\x1f]+$")


def review_files(workspace: Path) -> list[Path]:
    """Review files directly in the workspace (not hidden files, backups or symlinks)."""
    return sorted(
        p
        for p in workspace.glob(f"*{SUFFIX}")
        if p.is_file() and not p.name.startswith(".") and not p.is_symlink()
    )


def review_in(workspace: Path, name: str) -> Path:
    """The review file called ``name`` in ``workspace``; ``.toml`` is added if missing.

    Raises :class:`UserError` for anything that is not a plain file name there:
    ``../x``, ``/etc/x``, ``sub/x``, hidden names, and symlinks leading out.
    """
    name = name.strip()
    if not name:
        raise UserError("give the review a name, for example adult-a")
    if not _NAME.match(name) or name in (".", "..") or name.startswith("."):
        raise UserError(
            f"'{name}' is not a plain file name: use letters, digits, spaces, - or _ "
            "(reviews stay in this folder)"
        )
    if not name.endswith(SUFFIX):
        name += SUFFIX
    root = workspace.resolve()
    path = root / name
    if path.is_symlink() or path.resolve().parent != root:
        raise UserError(f"'{name}' leads outside the workspace; choose another name")
    return path


def ready_to_interview(mode: str, file: Path | None, workspace: Path | None) -> None:
    """Check, before anything is drawn, that an interactive mode can run here.

    Both front ends need a terminal on stdin and stdout (without one, questionary
    fails and a full-screen app hangs), an existing workspace folder, and a review
    path that is a file in an existing folder. Files they create are private.
    """
    import os
    import sys

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(f"{mode} needs a terminal; use 'imr export' or 'imr new' in scripts")
    if workspace is not None and not workspace.is_dir():
        raise UserError(f"{workspace}: no such folder for the workspace")
    if file is not None and file.is_dir():
        raise UserError(f"{file}: is a folder; give a review file such as {file}/review.toml")
    if file is not None and not file.parent.is_dir():
        raise UserError(f"{file}: the folder {file.parent} does not exist")
    os.umask(0o077)
