"""Plain (accessible) mode: the same interview, line by line, with questionary.

Nothing is full-screen: each prompt is printed with its guidance and answered
inline, so it works with screen readers, in ``TERM=dumb`` terminals and over
slow links. It edits the review through the same :class:`~imr_tui.session.Session`
as the Textual interview. Only this package imports questionary.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.catalogue import Catalogue
from imr_tui.errors import UserError

if TYPE_CHECKING:
    from imr_tui.checks import Glossary


def run_plain(
    catalogue: Catalogue,
    file: Path | None,
    workspace: Path | None,
    *,
    glossary: Glossary,
    training: bool = False,
) -> int:
    """Run plain mode; refuses at once without a terminal (exit 2), before loading questionary.

    ``glossary`` is the one that goes with the catalogue (the checks and the export use
    it); ``training`` shows the trainers' notes with each prompt.
    """
    import os
    import sys

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("plain mode needs a terminal; use 'imr export' or 'imr new' in scripts")
    if workspace is not None and not workspace.is_dir():
        raise UserError(f"{workspace}: no such folder for the workspace")
    if file is not None and file.is_dir():
        raise UserError(f"{file}: is a folder; give a review file such as {file}/review.toml")
    if file is not None and not file.parent.is_dir():
        raise UserError(f"{file}: the folder {file.parent} does not exist")
    os.umask(0o077)
    from imr_tui.plain.run import run_plain as run

    return run(catalogue, file, workspace, glossary=glossary, training=training)
