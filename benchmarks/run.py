"""imr-tui benchmarks: every figure against a baseline measured in the same run.

Run with ``make bench``. Prints a table and writes ``benchmarks/RESULTS.md``.
Machines are noisy, so each figure is a median over several runs and is
reported with its baseline and their ratio.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tomli_w  # noqa: E402
from synth import paragraph, review  # noqa: E402

from imr_tui.core.catalogue import load_catalogue  # noqa: E402
from imr_tui.core.model import Review  # noqa: E402
from imr_tui.core.session import Session  # noqa: E402
from imr_tui.core.store import save  # noqa: E402
from imr_tui.report.markdown import to_markdown  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "9"))
BARE_WIDGET_APP = """\
import sys
from textual.app import App
from textual.widgets import Input, TextArea


class Bare(App):
    CSS = "Input, TextArea { width: 52; } TextArea { height: 13; }"

    def compose(self):
        if sys.argv[1] == "input":
            widget = Input(compact=True)
        else:
            widget = TextArea("Some words already here.", soft_wrap=True)
        widget.cursor_blink = False
        yield widget


Bare().run()
"""
CHILD = [sys.executable, str(HERE / "_child.py")]


@dataclass
class Row:
    """One line of the results table."""

    what: str
    value: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None


ROWS: list[Row] = []


SECTION_START = [time.perf_counter()]


def section(title: str) -> None:
    """Start a numbered part of the run, saying how long the previous one took."""
    now = time.perf_counter()
    print(f"   ({now - SECTION_START[0]:.0f} s)\n{title}", flush=True)
    SECTION_START[0] = now


def add(
    what: str, value: str, baseline: str, ratio: float | None, target: str, met: bool | None
) -> None:
    ROWS.append(Row(what, value, baseline, ratio, target, met))
    shown = f"{ratio:.2f}" if ratio is not None else "-"
    verdict = "" if met is None else ("met" if met else "MISSED")
    print(
        f"  {what}: {value} (baseline {baseline}, ratio {shown}) target {target} {verdict}",
        flush=True,
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def child(mode: str, file: Path | None = None) -> tuple[float, int]:
    """Wall time of one measured process, and its peak memory in KB."""
    args = [*CHILD, mode, *([str(file)] if file else [])]
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120)
    took = time.perf_counter() - start
    return took, int(out.stdout.strip().splitlines()[-1])


def interleaved(modes: list[tuple[str, Path | None]], runs: int = RUNS) -> dict[str, list[float]]:
    """Run each mode ``runs`` times, interleaved so drifting load hits them alike."""
    times: dict[str, list[float]] = {m: [] for m, _ in modes}
    for _ in range(runs):
        for mode, file in modes:
            times[mode].append(child(mode, file)[0])
    return times


def in_process(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``fn``."""
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        took.append(time.perf_counter() - start)
    return statistics.median(took)


# --------------------------------------------------------------------------- 3. save stall
async def save_stall(path: Path) -> tuple[float, float]:
    """Longest event-loop stall while the app autosaves the review, and while saving blocking."""
    from imr_tui.tui.app import create_app

    app = create_app(load_catalogue(), path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)
        results = []
        for blocking in (False, True):
            worst = [0.0]
            running = [True]

            async def tick(worst: list[float] = worst, running: list[bool] = running) -> None:
                while running[0]:
                    t = time.perf_counter()
                    await asyncio.sleep(0.001)
                    worst[0] = max(worst[0], time.perf_counter() - t - 0.001)

            ticker = asyncio.create_task(tick())
            await asyncio.sleep(0.05)
            assert app.session is not None
            app.session.changed()
            if blocking:
                app.save_now()
            else:
                app.save_soon()
                while app.session.dirty or app.autosave.busy:
                    await asyncio.sleep(0.005)
            await asyncio.sleep(0.05)
            running[0] = False
            await ticker
            results.append(worst[0])
        return results[0], results[1]


# --------------------------------------------------------------------------- 4. typing latency
async def typing_latency(
    app: Any, focus: Callable[[Any], Any], keys: int = 120
) -> tuple[float, float]:
    """Median and 95th percentile from a key press to the screen being updated."""
    from textual import events

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await focus(app)
        await pilot.pause(0.5)
        shown: list[float] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            shown.append(time.perf_counter())

        app._display = display
        latencies = []
        for i in range(keys):
            ch = "abcdefghij klmnop"[i % 17]
            key = "space" if ch == " " else ch
            start = time.perf_counter()
            app.post_message(events.Key(key, ch))
            while not shown or shown[-1] < start:
                await asyncio.sleep(0.0002)
                if time.perf_counter() - start > 1:
                    break
            latencies.append(shown[-1] - start)
            await asyncio.sleep(0.03)
        app._display = original
        latencies.sort()
        return statistics.median(latencies), latencies[int(len(latencies) * 0.95) - 1]


def bare_text_app(text: str) -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(text, soft_wrap=True)

    return Bare()


# --------------------------------------------------------------------------- 7. terminal traffic
def traffic(argv: list[str], cwd: Path, ready: bytes, chars: int = 40) -> float:
    """Bytes the program writes to an 80x24 terminal per character typed."""
    import fcntl
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # child
        os.chdir(cwd)
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def drain(quiet: float, limit: float = 20.0, need: bytes = b"") -> bytes:
        got = b""
        end = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                got += chunk
                last = time.monotonic()
            elif time.monotonic() - last > quiet and need in got:
                break
        return got

    first = drain(1.0, need=ready)
    if ready and ready not in first:
        raise RuntimeError(f"{argv} did not show {ready!r}")
    total = 0
    for i in range(chars):
        os.write(fd, "abcdefghij"[i % 10].encode())
        total += len(drain(0.15, 2.0))
    os.write(fd, b"\x11")  # Ctrl+Q
    time.sleep(0.5)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(fd)
    return total / chars


def main() -> int:
    started = time.perf_counter()
    catalogue = load_catalogue()
    work = Path(tempfile.mkdtemp(prefix="imr-bench-"))
    print(f"imr-tui benchmarks, {RUNS} runs per figure, data in {work}", flush=True)
    sizes = {n: work / f"review-{n}.toml" for n in (100, 1000, 5000)}
    reviews: dict[int, Review] = {}
    for n, path in sizes.items():
        r = review(catalogue, n, answer_bytes=200_000, seed=n)
        r.resume = "chronology"
        reviews[n] = r
        save(path, r, catalogue)
    small = work / "start.toml"
    first = review(catalogue, 100, answer_bytes=200_000, seed=7)
    save(small, first, catalogue)

    section("1. start-up to the first interactive screen")
    t = interleaved([("bare", None), ("imr", small)])
    bare = statistics.median(t["bare"])
    imr = statistics.median(t["imr"])
    add(
        "start-up, imr FILE (100 entries, 200 KB of answers)",
        ms(imr),
        ms(bare),
        imr / bare,
        "<= 1.3",
        imr / bare <= 1.3,
    )

    section("2. opening a long chronology")
    for n in (1000, 5000):
        t = interleaved(
            [("bare", None), ("table", sizes[n]), ("chronology", sizes[n])], runs=max(3, RUNS // 2)
        )
        bare_n = statistics.median(t["bare"])
        shown = statistics.median(t["table"])
        every = statistics.median(t["chronology"])
        ok = shown / bare_n < 1.5 if n == 5000 else None
        add(
            f"open {n} entries: table shown and scrollable",
            ms(shown),
            ms(bare_n),
            shown / bare_n,
            "< 1.5" if n == 5000 else "-",
            ok,
        )
        add(
            f"open {n} entries: every row loaded, scrolled to the end",
            ms(every),
            ms(bare_n),
            every / bare_n,
            "-",
            None,
        )

    section("3. autosave of the 5,000-entry review")
    big = reviews[5000]
    session = Session(work / "autosave.toml", big, catalogue)

    def app_save() -> None:
        session.changed()
        session.save()

    def plain_write() -> None:
        text = tomli_w.dumps(big.model_dump(mode="json", exclude_none=True))
        with open(work / "plain.toml", "w", encoding="utf-8") as f:
            f.write(text)

    saving = in_process(app_save)
    baseline = in_process(plain_write)
    add(
        "autosave, 5,000 entries",
        ms(saving),
        ms(baseline),
        saving / baseline,
        "<= 1.5",
        saving / baseline <= 1.5,
    )
    background, blocking = asyncio.run(save_stall(sizes[5000]))
    add(
        "longest stall of typing while autosaving",
        ms(background),
        ms(blocking) + " (save on the loop)",
        background / blocking,
        "< 50 ms",
        background < 0.050,
    )

    section("4. typing latency in a 50 KB answer")
    text = paragraph(__import__("random").Random(3), 50_000)
    r50 = review(catalogue, 100, seed=9)
    r50.answers = {**r50.answers, "summary": text}
    r50.resume = "summary"
    p50 = work / "typing.toml"
    save(p50, r50, catalogue)

    from imr_tui.tui.app import create_app

    async def focus_answer(app: Any) -> None:
        from textual.widgets import TextArea

        area = app.screen.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    med, p95 = asyncio.run(typing_latency(create_app(catalogue, path=p50), focus_answer))
    bmed, bp95 = asyncio.run(typing_latency(bare_text_app(text), focus_answer))
    add(
        "typing latency, median",
        f"{med * 1000:.1f} ms",
        f"{bmed * 1000:.1f} ms (bare TextArea)",
        med / bmed,
        "< 10 ms",
        med < 0.010,
    )
    add(
        "typing latency, 95th percentile",
        f"{p95 * 1000:.1f} ms",
        f"{bp95 * 1000:.1f} ms (bare TextArea)",
        p95 / bp95,
        "< 30 ms",
        p95 < 0.030,
    )

    section("5. export and check of the 5,000-entry review")
    t = interleaved([("bare", None)], runs=max(3, RUNS // 2))
    bare5 = statistics.median(t["bare"])
    export = in_process(lambda: to_markdown(big, catalogue), runs=5)
    add(
        "export to Markdown, 5,000 entries",
        ms(export),
        ms(bare5) + " (bare start-up)",
        export / bare5,
        "< 0.5",
        export / bare5 < 0.5,
    )
    try:
        from imr_tui.checks import load_glossary, run_checks
    except ImportError:
        add("imr check, 5,000 entries", "not built yet", ms(bare5), None, "< 0.5", None)
    else:
        glossary = load_glossary()
        check = in_process(lambda: run_checks(catalogue, big, glossary, date(2025, 1, 1)), runs=5)
        add(
            "imr check, 5,000 entries",
            ms(check),
            ms(bare5) + " (bare start-up)",
            check / bare5,
            "< 0.5",
            check / bare5 < 0.5,
        )

    section("6. peak memory with the 5,000-entry review open")
    _, rss = child("chronology", sizes[5000])
    _, bare_rss = child("bare")
    add(
        "peak memory (RSS), 5,000 entries open",
        f"{rss / 1024:.0f} MB",
        f"{bare_rss / 1024:.0f} MB (bare app)",
        rss / bare_rss,
        "< 120 MB",
        rss / 1024 < 120,
    )

    section("7. terminal traffic per typed character at 80x24")
    tdir = work / "traffic"
    tdir.mkdir()
    short = review(catalogue, 10, answer_bytes=2_000, seed=5)
    short = short.model_copy(update={"resume": "agency", "answers": {}})
    save(tdir / "short.toml", short, catalogue)
    long = short.model_copy(update={"resume": "summary"})
    save(tdir / "long.toml", long, catalogue)
    bare = tdir / "bare.py"
    bare.write_text(BARE_WIDGET_APP, encoding="utf-8")
    imr = [sys.executable, "-m", "imr_tui"]
    cases = [
        ("one-line answer", [*imr, "short.toml"], b"agency", "input"),
        ("long answer", [*imr, "long.toml"], b"Summary", "textarea"),
    ]
    for name, argv, ready, widget in cases:
        ours = traffic(argv, tdir, ready)
        base = traffic([sys.executable, str(bare), widget], tdir, b"")
        add(
            f"terminal bytes per typed character, Textual mode, {name}",
            f"{ours:.0f} B",
            f"{base:.0f} B (bare app, same widget and size)",
            ours / base,
            "report",
            None,
        )
    plain_bytes = traffic([*imr, "plain", "short.toml"], tdir, b"agency")
    add(
        "terminal bytes per typed character, plain mode",
        f"{plain_bytes:.0f} B",
        "-",
        None,
        "report",
        None,
    )

    section("8. plain mode: a scripted whole review typed into each asker (TERM=dumb, 80x24)")
    from plain_bench import rows as plain_rows
    from plain_bench import run_both
    from plain_driver import DriveError

    try:
        by_line, by_questionary = run_both(work / "plain")
    except DriveError as e:
        add(
            "plain mode: the scripted review",
            "not measured",
            str(e).splitlines()[0],
            None,
            "-",
            False,
        )
    else:
        for f in (by_line, by_questionary):
            if f.file_problems:
                what = f"plain mode: answers missing from the file, {f.asker} asker"
                add(what, "; ".join(f.file_problems), "-", None, "none", False)
        for row in plain_rows(by_line, by_questionary):
            add(*row)

    took = time.perf_counter() - started
    write_results(took)
    print(f"Done in {took:.0f} s; figures written to {HERE / 'RESULTS.md'}")
    return 0


def write_results(took: float) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Run on {date.today().isoformat()} with `make bench` "
        f"({RUNS} runs per figure, {took:.0f} s in all).",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}.",
        "",
        "| What | Measured | Baseline (same run) | Ratio | Target | |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in ROWS:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        verdict = "" if r.met is None else ("met" if r.met else "**missed**")
        lines.append(f"| {r.what} | {r.value} | {r.baseline} | {ratio} | {r.target} | {verdict} |")
    notes = HERE / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text(encoding="utf-8").strip()]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
