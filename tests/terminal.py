"""Run imr in a real terminal (tmux at 80x24) and read the screen, as a person would."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def imr_command(*args: str) -> str:
    """The shell command that runs this checkout's imr."""
    return " ".join(shlex.quote(a) for a in (sys.executable, "-m", "imr_tui", *args))


class Terminal:
    """A private tmux server with one 80x24 window running a command."""

    def __init__(self, command: str, cwd: Path, env: dict[str, str] | None = None) -> None:
        self.socket = f"imr-test-{uuid.uuid4().hex[:8]}"
        self.name = "t"
        full_env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        full_env.pop("TMUX", None)
        self._tmux(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            "80",
            "-y",
            "24",
            "-c",
            str(cwd),
            f"exec {command}",
            env=full_env,
        )

    def _tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=20,
        )
        return out.stdout

    def pane_pid(self) -> int:
        """The pid of the program in the window."""
        return int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def send(self, *keys: str) -> None:
        """Press keys by tmux name (Enter, C-n, ...)."""
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Type literal text."""
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self) -> str:
        """What the screen shows now."""
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Wait until ``text`` is on the screen; return the screen."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            try:
                shown = self.screen()
            except subprocess.CalledProcessError:
                break
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{shown}")

    def hang_up(self) -> None:
        """Close the terminal, as a dropped connection does (the program gets SIGHUP)."""
        self._tmux("kill-server")

    def close(self) -> None:
        """Stop the tmux server if it is still running."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


def wait_gone(pid: int, timeout: float) -> float:
    """Wait for a process to end; return how long it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return time.monotonic() - start
        if state in ("Z", "X"):  # finished; only waiting for its parent to collect it
            return time.monotonic() - start
        time.sleep(0.02)
    raise AssertionError(f"process {pid} was still running after {timeout} s")
