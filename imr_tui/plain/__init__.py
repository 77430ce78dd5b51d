"""Plain (accessible) mode: the same interview, line by line, with questionary.

Nothing is full-screen: each prompt is printed with its guidance and answered
inline, so it works with screen readers, in ``TERM=dumb`` terminals and over
slow links. It edits the review through the same :class:`~imr_tui.core.session.Session`
as the Textual interview. Only this package imports questionary.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core.catalogue import Catalogue

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
    from imr_tui.core.workspace import ready_to_interview

    ready_to_interview("plain mode", file, workspace)
    from imr_tui.plain.run import run_plain as run

    return run(catalogue, file, workspace, glossary=glossary, training=training)
