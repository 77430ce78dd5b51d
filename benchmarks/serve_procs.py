"""Processor time and memory of the served sessions, read from ``/proc``.

Each browser session is a child process of the server (textual-serve runs its
command with a shell that ``exec``s the app, so the child is the app itself).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def session_pids(server: int) -> list[int]:
    """The server's child processes (one per open page)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == server:
            found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    """User and system processor seconds of ``pid`` so far (0 when it has gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` in MiB (0 when it has gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass(frozen=True)
class Sample:
    """Processor seconds of the sessions, the server and this process at one moment."""

    at: float
    sessions: dict[int, float]
    server: float
    client: float

    @classmethod
    def now(cls, pids: list[int], server: int) -> Sample:
        times = os.times()
        return cls(
            at=time.perf_counter(),
            sessions={pid: cpu_seconds(pid) for pid in pids},
            server=cpu_seconds(server),
            client=times.user + times.system,
        )

    def shares(self, later: Sample) -> tuple[list[float], float, float]:
        """Each session's, the server's and this process's share of one processor between
        this sample and ``later``."""
        span = later.at - self.at
        sessions = [
            (later.sessions[pid] - self.sessions[pid]) / span
            for pid in self.sessions
            if pid in later.sessions and later.sessions[pid] > 0
        ]
        return sessions, (later.server - self.server) / span, (later.client - self.client) / span
