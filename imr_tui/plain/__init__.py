"""Plain (accessible) mode: the same interview, asked line by line.

Nothing is full-screen: each prompt is printed with its guidance and answered
inline, so it works with screen readers, in ``TERM=dumb`` terminals and over
slow links. It edits the review through the same :class:`~imr_tui.core.session.Session`
as the Textual interview. Two askers answer it: the line asker (whole lines, numbered
menus, no escape codes) under ``TERM=dumb``, ``NO_COLOR`` or ``--accessible``, and
questionary in capable terminals; only :mod:`imr_tui.plain.ask` imports questionary,
and only :func:`imr_tui.plain.run.choose_asker` imports that.
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
    accessible: bool = False,
    editor: bool = False,
) -> int:
    """Run plain mode; refuses at once without a terminal (exit 2), before loading an asker.

    ``glossary`` is the one that goes with the catalogue (the checks and the export use
    it); ``training`` shows the trainers' notes with each prompt; ``accessible`` asks
    for the line asker whatever the terminal; ``editor`` writes long answers in the
    author's editor.
    """
    from imr_tui.core.workspace import ready_to_interview

    ready_to_interview("plain mode", file, workspace)
    from imr_tui.plain.run import run_plain as run

    return run(
        catalogue,
        file,
        workspace,
        glossary=glossary,
        training=training,
        accessible=accessible,
        editor=editor,
    )
