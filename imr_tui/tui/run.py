"""Start the Textual interview from the command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from imr_tui.catalogue import Catalogue
from imr_tui.errors import UserError


def run_interview(
    catalogue: Catalogue,
    file: Path | None,
    workspace: Path | None,
    training: bool = False,
    glossary_path: Path | None = None,
) -> int:
    """Run the interview on ``file`` (or the start screen for ``workspace``)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("the interview needs a terminal; use 'imr export' or 'imr new' in scripts")
    if workspace is not None and not workspace.is_dir():
        raise UserError(f"{workspace}: no such folder for the workspace")
    if file is not None and file.is_dir():
        raise UserError(f"{file}: is a folder; give a review file such as {file}/review.toml")
    if file is not None and not file.parent.is_dir():
        raise UserError(f"{file}: the folder {file.parent} does not exist")
    os.umask(0o077)
    from imr_tui.tui.app import create_app

    app = create_app(
        catalogue,
        path=file,
        workspace=workspace,
        handle_signals=True,
        training=training,
        glossary_path=glossary_path,
    )
    try:
        code = app.run()
    finally:
        app.release_lock()
    return code if isinstance(code, int) else 0
