"""One measured process for the benchmarks: ``python _child.py MODE [FILE]``.

Modes: ``bare`` (a Textual app that mounts one Static and exits), ``imr`` (the
interview on FILE, to its first interactive screen). Prints the peak resident
memory in kilobytes on the last line. Long chronologies are opened by
``scaling.py``'s own child.
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


def interview(path: Path) -> None:
    from imr_tui.core.start_up import pause_collection

    pause_collection()  # as the imr command does first
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.tui.app import create_app

    app = create_app(load_catalogue(), path=path)

    async def ready(pilot: Any) -> None:
        from imr_tui.tui.screens.interview import InterviewScreen

        while not (isinstance(app.screen, InterviewScreen) and app.screen.step is not None):
            await pilot.pause(0.005)
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=ready)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        bare()
    else:
        interview(Path(sys.argv[2]))
    status = Path("/proc/self/status").read_text()
    print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
