"""How long ``imr check`` (:func:`~imr_tui.checks.rules.run_checks`) takes at scale.

For the synthetic reviews of :mod:`synth` (100, 1,000 and 5,000 chronology entries,
200 KB of answers, seeded with their size; today 1 January 2025), :func:`measure`
gives, in this process: the first check of each review (``cold_ms``: nothing of that
review worked out before) and the median of ``runs`` checks after it (``median_ms``:
what the benchmark of ``benchmarks/run.py`` times), and how many findings there are.

:func:`against_bare` times the check of the 5,000-entry review against a bare Textual
app's start-up (the baseline of the issue's target, at most 0.5x), alternating them.

``python benchmarks/check_profile.py`` prints those figures;
``python benchmarks/check_profile.py --profile`` also prints where the time of one
check of the 5,000-entry review goes (cProfile, cumulative). It takes about 20 s.
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import review  # noqa: E402

from imr_tui.checks import load_glossary, run_checks  # noqa: E402
from imr_tui.core.catalogue import load_catalogue  # noqa: E402

SIZES = (100, 1000, 5000)
"""Chronology lengths measured by default."""
TODAY = date(2025, 1, 1)
"""The day the checks take as today (some findings depend on it)."""


def measure(sizes: tuple[int, ...] = SIZES, runs: int = 5) -> list[dict[str, Any]]:
    """For each size: ``entries``, ``findings``, ``cold_ms`` and ``median_ms`` (see the
    module's description)."""
    catalogue = load_catalogue()
    glossary = load_glossary()
    rows = []
    for n in sizes:
        r = review(catalogue, n, answer_bytes=200_000, seed=n)
        start = time.perf_counter()
        found = run_checks(catalogue, r, glossary, TODAY)
        cold = time.perf_counter() - start
        took = []
        for _ in range(runs):
            start = time.perf_counter()
            run_checks(catalogue, r, glossary, TODAY)
            took.append(time.perf_counter() - start)
        rows.append(
            {
                "entries": n,
                "findings": len(found),
                "cold_ms": cold * 1000,
                "median_ms": statistics.median(took) * 1000,
            }
        )
    return rows


def against_bare(entries: int = 5000, rounds: int = 5) -> tuple[float, float]:
    """The median check of the ``entries`` review and the median start-up of a bare
    Textual app (a process mounting one Static, as ``benchmarks/run.py`` times it),
    in seconds, measured in alternation so drifting load hits both alike."""
    from bench_common import child

    catalogue = load_catalogue()
    glossary = load_glossary()
    r = review(catalogue, entries, answer_bytes=200_000, seed=entries)
    run_checks(catalogue, r, glossary, TODAY)
    checks, bare = [], []
    for _ in range(rounds):
        bare.append(child("bare")[0])
        start = time.perf_counter()
        run_checks(catalogue, r, glossary, TODAY)
        checks.append(time.perf_counter() - start)
    return statistics.median(checks), statistics.median(bare)


def profile(entries: int = 5000, lines: int = 30) -> str:
    """Where one check (after a first one) of the ``entries`` review spends its time."""
    catalogue = load_catalogue()
    glossary = load_glossary()
    r = review(catalogue, entries, answer_bytes=200_000, seed=entries)
    run_checks(catalogue, r, glossary, TODAY)
    prof = cProfile.Profile()
    prof.enable()
    run_checks(catalogue, r, glossary, TODAY)
    prof.disable()
    out = _Lines()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(lines)  # type: ignore[arg-type]
    return "".join(out.text)


class _Lines:
    """A stream that keeps what is written to it."""

    def __init__(self) -> None:
        self.text: list[str] = []

    def write(self, text: str) -> int:
        self.text.append(text)
        return len(text)


def main(argv: list[str]) -> int:
    """Print the figures (and the profile with ``--profile``)."""
    print(f"{'entries':>8} {'findings':>9} {'first (ms)':>11} {'median (ms)':>12}")
    for row in measure():
        print(
            f"{row['entries']:>8,} {row['findings']:>9,} "
            f"{row['cold_ms']:>11.0f} {row['median_ms']:>12.0f}"
        )
    check, bare = against_bare()
    print(
        f"5,000 entries: check {check * 1000:.0f} ms, bare Textual start-up {bare * 1000:.0f} ms:"
        f" {check / bare:.2f}x (target <= 0.5x)"
    )
    if "--profile" in argv:
        print(profile())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
