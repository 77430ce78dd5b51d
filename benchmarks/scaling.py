"""How imr-tui's costs grow with the length of the chronology.

For reviews of 100, 1,000, 5,000 and 20,000 entries (and 200 KB of answers, one of them
50 KB long), :func:`measure` gives: the time to open the review with its chronology
table interactive (in a process of its own, as ``imr FILE`` runs: from starting it to
the table having every row and the keys and a Ctrl+End sent then shown on the last row;
against a bare Textual app's first frame, measured in the same rounds), the time to save
it (``Session.save``), the time to check it (``run_checks``), the peak memory of the
process that opened it, and the typing latency at the start and at the end of the 50 KB
answer (the review open, its first check done).

``python benchmarks/scaling.py [SIZES...]`` prints the figures and, for each, the growth
factor per ten times more entries: 10 means it grows linearly, less means slower than
that. Typing latency should not grow at all. The whole run takes about 60-80 s.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_common import in_process  # noqa: E402
from synth import paragraph, review  # noqa: E402

from imr_tui.core.catalogue import Catalogue, load_catalogue  # noqa: E402
from imr_tui.core.session import Session  # noqa: E402
from imr_tui.core.store import save  # noqa: E402

SIZES = (100, 1000, 5000, 20000)
"""Chronology lengths measured by default."""
LONG_ANSWER = "summary"
"""The prompt whose answer is made 50 KB long, and typed into."""
KEYS = 40
"""Keys typed at each end of the long answer."""


def _opened(path: Path | None) -> None:
    """In a child process: run the app (a bare Textual app when ``path`` is None) and
    print ``ready`` when it is interactive: for a review, its chronology table has every
    row and the keys, and a Ctrl+End sent then has reached the last row on the screen;
    for the bare app, its first screen is shown. Then the peak memory in KB."""
    import asyncio

    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Static

    shown: list[float] = []

    async def wait(done: Any) -> None:
        while not done():
            await asyncio.sleep(0.002)

    def watch(app: Any) -> None:
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            shown.append(time.perf_counter())

        app._display = display

    if path is None:

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("Hello")

        app: Any = Bare()

        async def ready(pilot: Any) -> None:
            await wait(lambda: shown)
            print("ready", flush=True)
            app.exit()

    else:
        from imr_tui.tui.app import create_app
        from imr_tui.tui.screens.interview import InterviewScreen

        app = create_app(load_catalogue(), path=path)

        async def ready(pilot: Any) -> None:
            def table() -> Any:
                screen = app.screen
                focused = app.focused
                if isinstance(screen, InterviewScreen) and isinstance(focused, DataTable):
                    return focused
                return None

            await wait(table)
            rows = table()
            await wait(lambda: rows.row_count == len(app.session.review.chronology))
            start = time.perf_counter()
            app.post_message(events.Key("ctrl+end", None))
            await wait(lambda: rows.cursor_row == rows.row_count - 1 and shown[-1] > start)
            print("ready", flush=True)
            app.exit()

    watch(app)
    app.run(headless=True, size=(80, 24), auto_pilot=ready)
    status = Path("/proc/self/status").read_text()
    print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))


def _child(file: Path | None = None) -> tuple[float, int]:
    """Seconds from starting a process to the app in it being interactive (see
    :func:`_opened`), and the process's peak memory in KB."""
    args = [sys.executable, __file__, "--child", *([str(file)] if file else [])]
    start = time.perf_counter()
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        took = time.perf_counter() - start
        rest = child.stdout.read()
    if line.strip() != "ready" or child.returncode:
        raise RuntimeError(f"the measured process failed: {line}{rest}")
    return took, int(rest.strip().splitlines()[-1])


def _make(catalogue: Catalogue, entries: int, folder: Path) -> Path:
    """A review of ``entries`` entries with a 50 KB answer, opened at its chronology."""
    r = review(catalogue, entries, answer_bytes=200_000, seed=entries)
    text = paragraph(__import__("random").Random(3), 50_000)
    r.answers = {**r.answers, LONG_ANSWER: text}
    r.resume = "chronology"
    path = folder / f"review-{entries}.toml"
    save(path, r, catalogue)
    return path


async def _typing(catalogue: Catalogue, path: Path) -> dict[str, float]:
    """Median milliseconds from a key to the screen updated, at the start and at the
    end of the long answer, with the review open and its first check done."""
    from textual import events
    from textual.widgets import TextArea

    from imr_tui.tui.app import create_app
    from imr_tui.tui.screens.interview import InterviewScreen

    app: Any = create_app(catalogue, path=path)
    out: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        deadline = time.perf_counter() + 120
        while not (isinstance(app.screen, InterviewScreen) and app.screen.step is not None):
            await pilot.pause(0.01)
        await app.screen.go(LONG_ANSWER)
        await pilot.pause(0.2)
        while (app.checks.busy or app.checks_run == 0) and time.perf_counter() < deadline:
            await pilot.pause(0.05)
        shown: list[float] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            shown.append(time.perf_counter())

        app._display = display
        area = app.screen.query_one(TextArea)
        area.focus()
        for where, place in (("start", (0, 0)), ("end", area.document.end)):
            area.move_cursor(place)
            await pilot.pause(0.2)
            latencies = []
            for i in range(KEYS):
                ch = "abcdefghij klmnop"[i % 17]
                start = time.perf_counter()
                app.post_message(events.Key("space" if ch == " " else ch, ch))
                while not shown or shown[-1] < start:
                    await asyncio.sleep(0.0002)
                    if time.perf_counter() - start > 2:
                        break
                latencies.append(shown[-1] - start)
                await asyncio.sleep(0.02)
            out[where] = statistics.median(latencies) * 1000
        app._display = original
    return out


def measure(sizes: tuple[int, ...] = SIZES) -> list[dict[str, Any]]:
    """One dict a size: ``entries``, ``open_ms`` (table interactive, median of a few
    processes), ``bare_ms`` (a bare Textual app in the same rounds), ``save_ms``,
    ``check_ms``, ``peak_mb`` (of the opening process), ``typing_start_ms`` and
    ``typing_end_ms`` (median key-to-screen latency in the 50 KB answer)."""
    from imr_tui.checks import load_glossary, run_checks
    from imr_tui.core.store import load

    catalogue = load_catalogue()
    glossary = load_glossary()
    folder = Path(tempfile.mkdtemp(prefix="imr-scaling-"))
    files = {n: _make(catalogue, n, folder) for n in sizes}
    rows: list[dict[str, Any]] = []
    for n in sizes:
        rounds = 3 if n <= 5000 else 2
        opened, bare, peak = [], [], 0
        for _ in range(rounds):
            bare.append(_child()[0])
            took, kb = _child(files[n])
            opened.append(took)
            peak = max(peak, kb)
        r = load(files[n], catalogue)
        session = Session(folder / f"saved-{n}.toml", r, catalogue)

        def saving(session: Session = session) -> None:
            session.changed()
            session.save()

        runs = 3 if n <= 5000 else 1
        save_s = in_process(saving, runs)
        check_s = in_process(lambda r=r: run_checks(catalogue, r, glossary, date(2025, 1, 1)), runs)
        typing = asyncio.run(_typing(catalogue, files[n]))
        rows.append(
            {
                "entries": n,
                "open_ms": statistics.median(opened) * 1000,
                "bare_ms": statistics.median(bare) * 1000,
                "save_ms": save_s * 1000,
                "check_ms": check_s * 1000,
                "peak_mb": peak / 1024,
                "typing_start_ms": typing["start"],
                "typing_end_ms": typing["end"],
            }
        )
    return rows


FIGURES = (
    ("open_ms", "open, table interactive (ms)"),
    ("save_ms", "save (ms)"),
    ("check_ms", "check (ms)"),
    ("peak_mb", "peak memory (MB)"),
    ("typing_start_ms", "typing, start of 50 KB answer (ms)"),
    ("typing_end_ms", "typing, end of 50 KB answer (ms)"),
)


def growth(rows: list[dict[str, Any]], key: str) -> list[float]:
    """The growth factor per ten times more entries between each size and the next:
    ``(b / a) ** (1 / log10(nb / na))`` (10 is linear, 1 is flat)."""
    out = []
    for a, b in itertools.pairwise(rows):
        decades = math.log10(b["entries"] / a["entries"])
        out.append((b[key] / a[key]) ** (1 / decades) if a[key] > 0 else math.inf)
    return out


def report(rows: list[dict[str, Any]]) -> str:
    """The figures as a table, then each figure's growth per ten times more entries."""
    sizes = [f"{r['entries']:,}" for r in rows]
    lines = [f"{'entries':38}" + "".join(f"{s:>10}" for s in sizes)]
    lines.append(f"{'bare Textual app (ms)':38}" + "".join(f"{r['bare_ms']:>10.0f}" for r in rows))
    for key, title in FIGURES:
        lines.append(f"{title:38}" + "".join(f"{r[key]:>10.1f}" for r in rows))
    lines.append(
        f"{'open / bare':38}" + "".join(f"{r['open_ms'] / r['bare_ms']:>10.2f}" for r in rows)
    )
    lines.append("")
    lines.append("growth per 10x more entries (10 = linear, 1 = flat):")
    steps = [f"{a['entries']:,}->{b['entries']:,}" for a, b in itertools.pairwise(rows)]
    lines.append(f"{'':38}" + "".join(f"{s:>14}" for s in steps))
    for key, title in FIGURES:
        lines.append(f"{title:38}" + "".join(f"{g:>14.2f}" for g in growth(rows, key)))
    return "\n".join(lines)


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    _opened(Path(sys.argv[2]) if len(sys.argv) > 2 else None)
elif __name__ == "__main__":
    started = time.perf_counter()
    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print(report(measure(sizes)))
    print(f"({time.perf_counter() - started:.0f} s)")
