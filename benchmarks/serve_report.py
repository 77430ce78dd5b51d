"""The load benchmark's figures: one scenario's measurements, the table, MET/MISSED.

See :mod:`serve_load` for how each figure is taken.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from serve_client import Result

ECHO_P95 = 0.150
"""Target: key echo p95 under 150 ms."""
CHANGE_MAX = 1.0
"""Target: every screen change under 1 s."""


@dataclass
class Run:
    """One scenario's figures: N trainees at once on one server."""

    label: str
    trainees: int
    results: list[Result] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """Each session's share of one processor while typing (0.05 = 5 %)."""
    rss: list[float] = field(default_factory=list)
    """Each session's resident memory in MiB at the end of typing."""
    server_cpu: float = 0.0
    """The server process's share of one processor while typing (the websocket path)."""
    client_cpu: float = 0.0
    """This script's share of one processor while typing (the clients themselves)."""
    files: list[str] = field(default_factory=list)
    """One line per trainee whose file is wrong."""
    load: str = ""
    log: str = ""
    """What the server printed."""
    seconds: float = 0.0


def percentile(values: list[float], p: float) -> float:
    """The ``p`` percentile (nearest rank) of ``values`` (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def figures(run: Run) -> dict[str, str]:
    """One column of the table."""
    echoes = [e for r in run.results for e in r.echoes]
    changes = [c for r in run.results for c in r.changes]
    typing_changes = [c for r in run.results for c in r.typing_changes]
    failed = [r for r in run.results if r.failure]
    return {
        "trainees": str(run.trainees),
        "keys timed (untimed)": f"{len(echoes)} ({sum(r.untimed for r in run.results)})",
        "echo p50 ms": ms(percentile(echoes, 50)),
        "echo p95 ms": ms(percentile(echoes, 95)),
        "echo max ms": ms(max(echoes, default=0)),
        "changes while moving: n": str(len(changes)),
        "  p50 / p95 / max ms": " / ".join(
            ms(f)
            for f in (percentile(changes, 50), percentile(changes, 95), max(changes, default=0))
        ),
        "changes while typing: n": str(len(typing_changes)),
        "  p50 / p95 / max ms ": " / ".join(
            ms(f)
            for f in (
                percentile(typing_changes, 50),
                percentile(typing_changes, 95),
                max(typing_changes, default=0),
            )
        ),
        "sessions failing": str(len(failed)),
        "files wrong": str(len(run.files)),
        "CPU per session mean/max %": (
            f"{statistics.mean(run.cpu) * 100:.1f} / {max(run.cpu) * 100:.1f}" if run.cpu else "-"
        ),
        "RSS per session mean/max MiB": (
            f"{statistics.mean(run.rss):.0f} / {max(run.rss):.0f}" if run.rss else "-"
        ),
        "server CPU %": f"{run.server_cpu * 100:.1f}",
        "load clients' CPU %": f"{run.client_cpu * 100:.1f}",
        "load average (1 min)": run.load,
    }


def table(runs: list[Run]) -> str:
    columns = [figures(r) for r in runs]
    width = max(len(k) for k in columns[0])
    heads = [r.label for r in runs]
    cell = max(max(len(h) for h in heads), 14)
    lines = ["| " + "figure".ljust(width) + " | " + " | ".join(h.rjust(cell) for h in heads) + " |"]
    lines.append("|" + "-" * (width + 2) + "|" + "|".join("-" * (cell + 2) for _ in heads) + "|")
    for key in columns[0]:
        values = " | ".join(c[key].rjust(cell) for c in columns)
        lines.append(f"| {key.ljust(width)} | {values} |")
    return "\n".join(lines)


def verdict(run: Run) -> list[str]:
    """MET/MISSED against the targets, for the run with every trainee."""
    echoes = [e for r in run.results for e in r.echoes]
    changes = [c for r in run.results for c in r.changes + r.typing_changes]
    failed = [r for r in run.results if r.failure]
    p95 = percentile(echoes, 95)
    slowest = max(changes, default=0.0)

    def line(ok: bool, what: str) -> str:
        return f"{'MET   ' if ok else 'MISSED'} {what}"

    out = [
        line(bool(echoes) and p95 < ECHO_P95, f"key echo p95 under 150 ms ({ms(p95)} ms)"),
        line(
            bool(changes) and slowest < CHANGE_MAX,
            f"every screen change under 1 s (slowest {ms(slowest)} ms of {len(changes)})",
        ),
        line(not failed, f"no session failing ({len(failed)} failed)"),
        line(not run.files, f"every file correct ({len(run.files)} wrong)"),
    ]
    worst = max(run.results, key=lambda r: r.slowest)
    out.append(
        f"  slowest echo: {ms(worst.slowest[0])} ms, {worst.name}'s key {worst.slowest[1] + 1}"
        f" of {len(worst.typed)} (the detour was before key {worst.pause_at + 1})"
    )
    for r in failed:
        out.append(f"  {r.name}: {r.failure}")
    out += [f"  {p}" for p in run.files]
    return out


def ratio(base: Run, load: Run) -> str:
    def p95(run: Run) -> float:
        return percentile([e for r in run.results for e in r.echoes], 95)

    b = p95(base)
    return f"echo p95 {load.trainees} trainees / 1 trainee: {p95(load) / b:.1f} x" if b else ""
