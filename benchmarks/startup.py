"""Start-up of ``imr FILE`` against a bare Textual app, measured in the same run.

``measure(runs)`` returns the median wall time, in seconds, of each of:

* ``bare``: a Textual app that mounts one ``Static`` and exits (as ``_child.py bare``);
* ``interview``: ``imr FILE`` on a review of 100 entries and 200 KB of answers, the way
  the command runs it (the garbage collector paused as the command's ``main`` pauses it,
  the ``imr`` command's module, the data files from ``--prompts``, the catalogue, the
  app) to its first interactive screen, then quitting;
* ``interview_child``: the same through ``_child.py imr`` (what ``run.py`` measures: no
  pause of the collector, and ready as soon as the first prompt is chosen);
* ``bare_ready`` and ``interview_ready``: from starting the process to its first
  interactive screen (for the interview: the prompt's editor has the focus), without
  the exit. Quitting takes longer than the bare app's when a thread is still busy (the
  glossary is read on one just after the first screen, then the first check runs on
  one): the process waits for it.

The processes are interleaved so that drifting load hits them alike. Run it alone with
``python benchmarks/startup.py [RUNS]``; it prints the medians and the ratios to the
bare app. Nine runs take about 15 seconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# (The measured children import nothing here that the command would not: statistics,
# subprocess and tempfile are imported where the parent uses them.)
CHILD = [sys.executable, str(HERE / "_child.py")]
SELF = [sys.executable, str(Path(__file__).resolve())]


def _ready() -> None:
    """Say when the first interactive screen is up (wall-clock time, for the parent)."""
    print(f"READY {time.time():.6f}", flush=True)


def _bare() -> None:
    """``_child.py bare``, saying when its screen is up."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

    async def leave(pilot: Any) -> None:
        await pilot.pause()
        _ready()
        pilot.app.exit()

    Bare().run(headless=True, size=(80, 24), auto_pilot=leave)


def _interview_as_command(path: Path) -> None:
    """What ``imr FILE`` does up to its first interactive screen, headless at 80x24."""
    from imr_tui.core.start_up import pause_collection

    pause_collection()  # as the command's main() does first
    import imr_tui.cli.main  # noqa: F401  (what the command loads first)
    from imr_tui.cli.common import data_files
    from imr_tui.cli.parser import build_parser, normalise

    args = build_parser().parse_args(normalise([str(path)]))
    data = data_files(args)
    catalogue = data.catalogue
    from imr_tui.tui.app import create_app

    app = create_app(catalogue, path=args.file, data_files=data)

    async def ready(pilot: Any) -> None:
        from imr_tui.tui.screens.interview import InterviewScreen

        while not (isinstance(app.screen, InterviewScreen) and app.screen.step is not None):
            await pilot.pause(0.005)
        # ``step`` is set as the prompt starts to be shown: wait for its editor to have the
        # focus, which it takes once the screen is laid out (not for the app to be idle:
        # it is not, until the first quality check on its thread has ended).
        editor = app.screen.query_one("#editor")
        while app.focused is None or editor not in app.focused.ancestors:
            await pilot.pause(0.005)
        _ready()
        app.exit()

    try:
        app.run(headless=True, size=(80, 24), auto_pilot=ready)
    finally:
        app.release_lock()


def _run(args: list[str]) -> tuple[float, float | None]:
    """Wall time of one process, and the time to its first screen if it says."""
    import subprocess

    wall = time.time()
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120)
    took = time.perf_counter() - start
    ready = [float(line.split()[1]) for line in out.stdout.splitlines() if line[:6] == "READY "]
    return took, (ready[0] - wall if ready else None)


def _review_file(folder: Path) -> Path:
    """The benchmark's review: 100 chronology entries and 200 KB of answers."""
    sys.path.insert(0, str(HERE))
    from synth import review

    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.store import save

    catalogue = load_catalogue()
    path = folder / "start.toml"
    save(path, review(catalogue, 100, answer_bytes=200_000, seed=7), catalogue)
    return path


def measure(runs: int = 9) -> dict[str, float]:
    """Median seconds over ``runs`` interleaved runs of each process (see the module)."""
    import statistics
    import tempfile

    with tempfile.TemporaryDirectory(prefix="imr-startup-") as tmp:
        path = _review_file(Path(tmp))
        commands = {
            "bare": [*SELF, "--bare"],
            "interview": [*SELF, "--child", str(path)],
            "interview_child": [*CHILD, "imr", str(path)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # a first run of each warms the disk cache
            _run(command)
        for _ in range(runs):
            for name, command in commands.items():
                took, ready = _run(command)
                times[name].append(took)
                if ready is not None:
                    times.setdefault(f"{name}_ready", []).append(ready)
        return {name: statistics.median(t) for name, t in times.items()}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--bare"]:
        _bare()
        return 0
    if argv[:1] == ["--child"]:
        _interview_as_command(Path(argv[1]))
        return 0
    runs = int(argv[0]) if argv else 9
    started = time.perf_counter()
    result = measure(runs)
    print(f"start-up, median of {runs} interleaved runs (ratios to the bare app's figure):")
    for name, seconds in result.items():
        bare = result["bare_ready" if name.endswith("_ready") else "bare"]
        print(f"  {name:16} {seconds * 1000:6.0f} ms  {seconds / bare:5.2f} x bare")
    print(f"(took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
