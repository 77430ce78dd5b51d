"""Start the Textual interview from the command line."""

from __future__ import annotations

from pathlib import Path

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.start_up import resume_collection
from imr_tui.core.workspace import ready_to_interview


def run_interview(
    catalogue: Catalogue,
    file: Path | None,
    workspace: Path | None,
    training: bool = False,
    data_files: DataFiles | None = None,
) -> int:
    """Run the interview on ``file`` (or the start screen for ``workspace``)."""
    ready_to_interview("the interview", file, workspace)
    from imr_tui.tui.link_settings import apply_link_settings

    apply_link_settings()  # over SSH: fewer bytes (before Textual reads its settings)
    from imr_tui.tui.app import create_app
    from imr_tui.tui.safe_app import responsive_to_typing

    app = create_app(
        catalogue,
        path=file,
        workspace=workspace,
        handle_signals=True,
        training=training,
        data_files=data_files,
    )
    try:
        responsive_to_typing()
        code = app.run()
    finally:
        resume_collection()  # if the first screen never came
        app.release_lock()
    return code if isinstance(code, int) else 0
