"""One measured process for the benchmarks: ``python _child.py MODE [FILE]``.

Modes: ``bare`` (a Textual app that mounts one Static and exits), ``imr`` (the
interview on FILE, to its first interactive screen), ``table`` (FILE opened at its
chronology, the table shown with its first rows and scrollable), ``chronology``
(the same, every row in the table, scrolled to the end). Prints the peak resident
memory in kilobytes on the last line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

    async def leave(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.exit()

    Bare().run(headless=True, size=(80, 24), auto_pilot=leave)


def interview(path: Path, chronology: bool, every_row: bool = True) -> None:
    from imr_tui.core.start_up import pause_collection

    pause_collection()  # as the imr command does first
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.tui.app import create_app

    app = create_app(load_catalogue(), path=path)

    async def ready(pilot: Any) -> None:
        from textual.widgets import DataTable

        from imr_tui.tui.screens.interview import InterviewScreen

        while not (isinstance(app.screen, InterviewScreen) and app.screen.step is not None):
            await pilot.pause(0.005)
        if chronology:
            table = app.screen.query_one(DataTable)
            wanted = len(app.session.review.chronology) if every_row else 1  # type: ignore[union-attr]
            while table.row_count < wanted:
                await pilot.pause(0.005)
            await pilot.press("end")
            await pilot.pause()
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=ready)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        bare()
    else:
        interview(Path(sys.argv[2]), mode in ("table", "chronology"), mode == "chronology")
    status = Path("/proc/self/status").read_text()
    print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
