"""The benchmarks' table: each figure with its baseline from the same run, and how
processes are timed (interleaved, median of several runs)."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
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


EXTRA: list[str] = []
"""Further tables (Markdown) written after the main one: scaling curves, the slow link."""

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
    for block in EXTRA:
        lines += ["", block.strip()]
    notes = HERE / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text(encoding="utf-8").strip()]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
