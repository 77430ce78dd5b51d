"""Run imr in a real terminal (tmux at 80x24) and read the screen, as a person would."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def until(check: Callable[[], T | None], timeout: float, every: float = 0.05) -> T | None:
    """Ask ``check`` every ``every`` seconds until it answers (anything but None); None if
    ``timeout`` seconds pass first. The one polling wait of these tests, for what sends
    the test no event: a process in a real terminal or across a network, a file written
    by a thread of the program's own."""
    deadline = time.monotonic() + timeout
    while (found := check()) is None:
        if time.monotonic() >= deadline:
            return None
        time.sleep(every)
    return found


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

    def history(self) -> str:
        """Everything the window has shown, scrolled-off lines included, wrapped lines joined."""
        return self._tmux("capture-pane", "-p", "-J", "-S", "-", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Wait until ``text`` is on the screen; return the screen."""
        shown = ""

        def look() -> bool | None:
            nonlocal shown
            try:
                shown = self.screen()
            except subprocess.CalledProcessError:
                return False  # the terminal has gone: stop looking
            return True if text in shown else None

        if until(look, timeout, every=0.1):
            return shown
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

    def ended() -> bool | None:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        return True if state in ("Z", "X") else None  # Z: only its parent to collect it

    if until(ended, timeout, every=0.02):
        return time.monotonic() - start
    raise AssertionError(f"process {pid} was still running after {timeout} s")


class Reader:
    """Reads a terminal's output in order, as a line-by-line program writes it.

    Each :meth:`expect` looks only from the line of the previous match on, so a
    prompt that is printed again (the same menu for the next question) is told
    apart from the one already answered. Matching resumes at the start of that
    line because a prompt may erase what it drew below itself (a menu, an error
    message) and write new text in its place.
    """

    def __init__(self, term: Terminal) -> None:
        self.term = term
        self.pos = 0
        self._last: tuple[int, str] | None = None

    def expect(self, text: str, timeout: float = 15.0) -> str:
        """Wait until ``text`` appears after the previous match; return the output from it on."""
        shown = ""

        def look() -> int | None:
            nonlocal shown
            try:
                shown = self.term.history()
            except subprocess.CalledProcessError:
                return -1  # the terminal has gone: stop looking
            at = shown.find(text, self.pos)
            if at >= 0 and self._last == (at, text):
                at = shown.find(text, at + 1)
            return at if at >= 0 else None

        at = until(look, timeout)
        if at is not None and at >= 0:
            self.pos = shown.rfind("\n", 0, at) + 1
            self._last = (at, text)
            return shown[at:]
        raise AssertionError(
            f"{text!r} did not appear; since the last match the terminal shows:\n"
            f"{shown[self.pos :]}"
        )

    def skip_to(self, pos: int) -> None:
        """Read on from ``pos`` (an offset in :meth:`Terminal.history`)."""
        self.pos = pos
        self._last = None

    def rest(self) -> str:
        """What the terminal has shown from the line of the previous match on."""
        return self.term.history()[self.pos :]


class Prompts:
    """Answers a line-by-line (questionary) program in a terminal as a person would."""

    def __init__(self, term: Terminal) -> None:
        self.term = term
        self.out = Reader(term)

    def expect(self, text: str, timeout: float = 15.0) -> str:
        """Wait for ``text`` after what was already read."""
        return self.out.expect(text, timeout)

    def answer(self, text: str) -> None:
        """Type a one-line answer and press Enter."""
        if text:
            self.term.type(text)
        self.term.send("Enter")

    def long(self, text: str) -> None:
        """Type a multi-line answer and finish it with Esc then Enter."""
        for n, line in enumerate(text.split("\n")):
            if n:
                self.term.send("Enter")
            if line:
                self.term.type(line)
        self.term.send("Escape", "Enter")

    def choose(self, label: str, timeout: float = 10.0) -> None:
        """Pick a numbered menu entry by its wording: type its number, then Enter."""
        pattern = re.compile(r"^ *(?:» )?(\d+)\) " + re.escape(label), re.MULTILINE)
        deadline = time.monotonic() + timeout
        rest = ""

        def entry() -> re.Match[str] | None:
            nonlocal rest
            rest = self.out.rest()
            return pattern.search(rest)

        m = until(entry, timeout)
        if m is None:
            raise AssertionError(f"no menu entry {label!r}; the terminal shows:\n{rest}")
        question = self.out.pos + rest.rfind("\n? ", 0, m.start()) + 1
        self.term.type(m[1])
        self.term.send("Enter")
        self._folded(question, label, deadline)

    def _folded(self, question: int, label: str, deadline: float) -> None:
        """Wait until the menu has folded into its question line, showing the choice."""
        line = ""

        def folded() -> int | None:
            nonlocal line
            shown = self.term.history()
            end = shown.find("\n", question)
            line = shown[question:end]
            return end if line.endswith(label) and "(Use shortcuts)" not in line else None

        end = until(folded, max(0.0, deadline - time.monotonic()))
        if end is None:
            raise AssertionError(f"the menu did not take {label!r}: {line!r}")
        self.out.skip_to(end + 1)


MENU_PROMPT = re.compile(r"^Type a number from 1 to (\d+) and press Enter: ?$", re.MULTILINE)
"""The line-mode menu's prompt with nothing typed after it yet (tmux drops the last space)."""


class LinePrompts:
    """Answers plain mode's line asker (``TERM=dumb``) in a terminal as a person would.

    The line asker prints every prompt once, as whole lines, and never redraws: a menu
    is its options, ``  N. Title``, then ``Type a number from 1 to N and press Enter: ``;
    a long answer is lines ended by a line holding only a full stop.
    """

    def __init__(self, term: Terminal) -> None:
        self.term = term
        self.out = Reader(term)

    def expect(self, text: str, timeout: float = 15.0) -> str:
        """Wait for ``text`` after what was already read."""
        return self.out.expect(text, timeout)

    def answer(self, text: str) -> None:
        """Type a one-line answer and press Enter."""
        if text:
            self.term.type(text)
        self.term.send("Enter")

    def long(self, text: str) -> None:
        """Type a multi-line answer, each line ended by Enter, then a full stop on its own
        line; an empty ``text`` is Enter on the empty first line (the answer is skipped)."""
        if text:
            for line in text.split("\n"):
                self.answer(line)
            self.answer(".")
        else:
            self.term.send("Enter")

    def menu(self) -> tuple[dict[str, str], int] | None:
        """The menu waiting for a number, if one is: its options by title (each title's
        number) and where its prompt line starts in :meth:`Terminal.history`."""
        lines = self.term.history().rstrip().split("\n")
        if not MENU_PROMPT.fullmatch(lines[-1]):
            return None
        at = len(lines) - 1
        while at and lines[at - 1].startswith("Type a number from 1 to "):
            at -= 1  # asked again: the options are above the first asking
        first = at
        while first and lines[first - 1].startswith("  "):
            first -= 1  # the options, and the lines their long titles wrapped onto
        options = "\n".join(lines[first:at]).replace("\n     ", " ")
        titles = {m[2]: m[1] for m in re.finditer(r"^  (\d+)\. (.*)$", options, re.MULTILINE)}
        return titles, len("\n".join(lines[:-1])) + 1

    def choose(self, label: str, timeout: float = 10.0) -> None:
        """Pick the menu entry ``label`` of the menu waiting for a number: type its
        number, then Enter; read on from the line that shows the number typed."""
        shown: tuple[dict[str, str], int] | None = None

        def entry() -> tuple[dict[str, str], int] | None:
            nonlocal shown
            shown = self.menu()
            return shown if shown and label in shown[0] else None

        if until(entry, timeout) is None or shown is None:
            raise AssertionError(
                f"no menu entry {label!r} (the menu: {shown and list(shown[0])}); "
                f"the terminal shows:\n{self.out.rest()}"
            )
        titles, prompt = shown
        self.term.type(titles[label])
        self.term.send("Enter")
        self.out.skip_to(prompt)
        self.expect(f": {titles[label]}\n")  # the echo: the number was taken

    def confirm(self, answer: str) -> None:
        """Answer the next yes/no question (``y`` or ``n``)."""
        self.expect("(y or n):")
        self.answer(answer)
