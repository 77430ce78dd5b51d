"""Drive one plain-mode session in a pty through the scripted review (plain_script.py).

Each answer is sent when the program has been quiet for a moment with a question
waiting; what is sent is decided by reading the question: a menu (its numbers are
parsed from the output, never assumed), a yes/no question, a one-line or a long
answer. Long answers end the way the asker asks: a full stop on its own line, or
Esc then Enter.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import struct
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

from plain_script import REVIEW, TYPED_ONE_BY_ONE, Answer, StepPlan

ESCAPE = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|[PX^_][^\x1b]*\x1b\\|O.|[ -/]*[0-~])"
)
"""An escape sequence: CSI, OSC, DCS/SOS/PM/APC strings, SS3, or a two-byte escape."""
QUIET = 0.2
"""Seconds without output after which a waiting question is taken as asked."""
MENU_LINE = re.compile(r"^\s*(?:» )?(\d+)[.)] (.+?)\s*$")
STEP_LIMIT = 600
POSITION_BEFORE = r"prompt \d+ of \d+(?: \([^)]*\))?: "
"""What plain mode says before a step's title: its position (and section)."""


class DriveError(RuntimeError):
    """The session did not go as scripted (the message holds the last output)."""


def plain_text(raw: bytes) -> str:
    """The output without escape sequences, as text."""
    return ESCAPE.sub(b"", raw).decode("utf-8", "replace")


def screen_lines(text: str) -> list[str]:
    """Lines as last drawn: a carriage return starts the line again."""
    lines = []
    for line in text.split("\n"):
        pieces = [p for p in line.split("\r") if p.strip()]
        lines.append(pieces[-1] if pieces else "")
    return lines


@dataclass
class Question:
    """What the program is waiting for."""

    kind: str  # "menu", "confirm", "long" or "text"
    lines: list[str]
    options: list[tuple[int, str]] = field(default_factory=list)
    full_stop: bool = False  # a long answer ends with "." on its own line (else Esc Enter)
    enter_after_yes: bool = True


def read_question(tail: str) -> Question:
    """Classify the question at the end of ``tail`` (the output since the last answer)."""
    lines = [line for line in screen_lines(tail) if line.strip()]
    if not lines:
        raise DriveError("no question in the output")
    last = lines[-1]
    numbered = re.search(r"Type a number from 1 to (\d+)", last)
    if numbered or any("(Use shortcuts)" in line for line in lines[-12:]):
        options: dict[int, str] = {}
        for line in lines:
            m = MENU_LINE.match(line)
            if m:
                if int(m.group(1)) == 1:
                    options = {}
                options[int(m.group(1))] = m.group(2)
        return Question("menu", lines, sorted(options.items()))
    if re.search(r"\(y or n\):?\s*$", last):
        return Question("confirm", lines)
    if re.search(r"\((?:Y/n|y/N)\)\s*$", last):
        return Question("confirm", lines, enter_after_yes=False)
    near = "\n".join(lines[-4:])
    if "full stop on its own line" in near or "(long answer)" in near:
        return Question("long", lines, full_stop=True)
    if "Esc then Enter" in near:
        return Question("long", lines)
    return Question("text", lines)


def current_step(tail: str, titles: set[str]) -> str:
    """The last step title shown in ``tail`` after its position ("Prompt 3 of 33
    (Details): Author's name", or "Details, prompt 3 of 33:" then the title on the next
    line), however the lines are wrapped; "" when none is. (A title alone is not enough:
    an answer can be a title, as a Terms of Reference heading is.)"""
    folded = " ".join(tail.split())
    best, where = "", -1
    for title in titles:
        shown = POSITION_BEFORE + re.escape(title)
        at = max([m.start() for m in re.finditer(shown, folded, re.IGNORECASE)], default=-1)
        if at > where or (at == where >= 0 and len(title) > len(best)):  # the longest
            best, where = title, at
    return best


@dataclass
class Responder:
    """Chooses each answer from the scripted review and the question asked."""

    titles: set[str]
    long_titles: set[str]
    """Steps and record fields whose answers are long (several lines)."""
    step: str = ""
    given: dict[str, int] = field(default_factory=dict)  # records started, per step
    menus: list[int] = field(default_factory=list)  # each menu's number of options
    questions: int = 0

    def answer(self, tail: str) -> bytes:
        """The bytes to send for the question at the end of ``tail``."""
        self.step = current_step(tail, self.titles) or self.step
        q = read_question(tail)
        self.questions += 1
        plan = REVIEW.get(self.step, StepPlan())
        if q.kind == "menu":
            self.menus.append(len(q.options))
            return f"{self._pick(q, plan)}\r".encode()
        if q.kind == "confirm":
            no = any(word in q.lines[-1] for word in ("Delete", "Clear", "Remove"))
            return b"n" if no else b"y" + (b"\r" if q.enter_after_yes else b"")
        value, long = self._value(q, plan)
        if long and q.kind == "text":  # the asker said how to end it only once
            q.kind = "long"
        return self._render(value, q)

    def _pick(self, q: Question, plan: StepPlan) -> int:
        wants = [r"^Add"] if self.given.get(self.step, 0) < len(plan.records) else []
        wants += [r"^Done", r"^Skip", r"^Type it here", r"^Keep it"]
        wants += [r"[Ss]ave and quit", r"^Quit", r"^Stop"]
        for want in wants:
            for number, title in q.options:
                if re.search(want, title):
                    return number
        raise DriveError(f"no scripted choice in the menu {q.options}")

    def _value(self, q: Question, plan: StepPlan) -> tuple[Answer, bool]:
        """The scripted answer to the question, and whether it is a long answer."""
        if not plan.records:
            return plan.answer, self.step in self.long_titles
        first = next(iter(plan.records[0]))
        titles = dict.fromkeys(title for record in plan.records for title in record)
        for line in q.lines[-1:]:
            for title in [*titles, *self.long_titles]:
                if re.search(rf"^(?:\? )?\s*{re.escape(title)}(?: \(|:)", line):
                    started = self.given.get(self.step, 0)
                    if title == first:
                        self.given[self.step] = started = started + 1
                    long = title in self.long_titles
                    if not 0 < started <= len(plan.records):
                        return "", long
                    return plan.records[started - 1].get(title, ""), long
        return "", False

    @staticmethod
    def _render(value: Answer, q: Question) -> bytes:
        lines = [value] if isinstance(value, str) else list(value)
        if q.kind != "long":
            return ("".join(lines) + "\r").encode()
        text = "\r".join(lines).encode()
        if q.full_stop:
            return text + b"\r.\r" if text else b"\r"
        return text + b"\x1b\r"


@dataclass
class Run:
    """Everything one session wrote, and the figures the driver counted."""

    output: bytes
    typed_bytes: int  # bytes written back while the first answer was typed one by one
    typed_chars: int
    menus: list[int]
    questions: int
    exit_code: int


def waiting(got: bytes) -> bool:
    """Whether the output ends at a question: a prompt left open on its line, or the
    line asker's long answer, whose lines are read under its prompt."""
    tail = got[-160:]
    return not got.endswith(b"\n") or b"on its own line)" in tail or b"(long answer)\r\n" in tail


class Pty:
    """A child process on an 80x24 pseudo-terminal."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.output = b""
        self.closed = False

    def settle(self, quiet: float = QUIET, limit: float = 30.0) -> bytes:
        """Read until the output has been quiet for ``quiet`` s and a question waits."""
        got = b""
        last = time.monotonic()
        end = last + limit
        while time.monotonic() < end and not self.closed:
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    self.closed = True
                    break
                got += chunk
                last = time.monotonic()
            elif got and time.monotonic() - last > quiet and waiting(got):
                break
        self.output += got
        return got

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def finish(self, limit: float = 20.0) -> int:
        """Wait for the child to leave (killing it after ``limit`` s); its exit code."""
        end = time.monotonic() + limit
        while not self.closed and time.monotonic() < end:
            self.settle(limit=0.5)
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, 9)
            _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def drive(
    argv: list[str], cwd: Path, env: dict[str, str], titles: set[str], long_titles: set[str]
) -> Run:
    """Type the scripted review into ``argv`` and quit at the end."""
    term = Pty(argv, cwd, env)
    responder = Responder(titles, long_titles)
    typed = 0
    try:
        tail = term.settle(limit=60.0)
        while not term.closed:
            if responder.questions > STEP_LIMIT:
                raise DriveError("too many questions")
            reply = responder.answer(plain_text(tail))
            if reply == TYPED_ONE_BY_ONE.encode() + b"\r" and not typed:
                for ch in TYPED_ONE_BY_ONE.encode():
                    term.send(bytes([ch]))
                    typed += len(term.settle(quiet=0.15, limit=2.0))
                reply = b"\r"
            term.send(reply)
            tail = term.settle()
            if not term.closed and not waiting(tail):
                raise DriveError("no question recognised within 30 s")
    except DriveError as e:
        code = term.finish(limit=0.1)
        last = plain_text(term.output)[-1500:]
        raise DriveError(f"{e} (exit {code}); last output:\n{last}") from None
    code = term.finish()
    return Run(
        term.output, typed, len(TYPED_ONE_BY_ONE), responder.menus, responder.questions, code
    )
