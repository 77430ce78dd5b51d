"""The line asker: plain mode for screen readers, slow links and ``TERM=dumb``.

Everything is printed once, as whole lines, into the scrollback: nothing is
redrawn or erased, text wraps at spaces only, and no escape code is ever written.
Menus are answered by number, yes/no questions by y or n, long answers end with a
line holding only a full stop. Keys are read byte by byte (:mod:`imr_tui.plain.
line_editor`), so no key's meaning depends on the time between keys. Nothing here
imports questionary or prompt_toolkit.
"""

from __future__ import annotations

import contextlib
import shutil
import textwrap
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO, TypeVar

from imr_tui.core.visible import visible
from imr_tui.plain.asks import BAD_BYTES, Check, Commands
from imr_tui.plain.commands import parse, unescape
from imr_tui.plain.keys import Keys
from imr_tui.plain.line_editor import LineEditor, writable

T = TypeVar("T")

LONG_INSTRUCTION = (
    "A line with only a full stop ends the answer. A long answer like this one can have "
    "as many lines as you like; Enter on an empty first line skips."
)
"""Said before the first long answer of a session (and in the commands' help)."""
LONG_PROMPT = "(end with a full stop on its own line)"
"""After the first long question's title; later ones say only :data:`LONG_MARK`."""
LONG_MARK = "(long answer)"
"""After a long question's title once the way to end one has been said."""
NOW_HINT = "Enter keeps it, - clears it, or type a replacement."
"""Said under the first answer shown to be kept or replaced, once a session."""
NOT_KEPT = "That cannot be kept as it is: type a replacement, or - to clear it."
"""Said under a shown answer that its question would refuse (a half-typed date)."""
YES_NO = "Type y for yes or n for no."


def menu_prompt(count: int) -> str:
    """What a menu asks, and says again after anything but a number from 1 to ``count``."""
    return f"Type a number from 1 to {count} and press Enter"


class LineAsker:
    """Asks in whole lines from typed bytes (see the module and :class:`~imr_tui.plain.
    asks.Asks`)."""

    def __init__(self, keys: Keys, out: TextIO, width: int | None = None) -> None:
        self.out = out
        self.editor = LineEditor(keys, out)
        self.on_draft: Callable[[str], None] | None = None
        """Where the answer being typed goes, on every change (None between questions)."""
        self.commands: Commands | None = None
        """Runs a ``?`` command line (set by the interview)."""
        self.edits_in_place = False
        """A default answer is named on a line above the question, not editable."""
        self._width = width
        self._long_told = False
        self._now_told = False
        self._lines: list[str] = []  # a long answer's lines given so far
        self._long = False  # the question is a long answer
        self._default = ""
        self._asking = False
        self._stopped = ""  # the answer so far of a question Ctrl-C or a command left

    def holding(self) -> contextlib.AbstractContextManager[None]:
        """Keep the terminal in raw mode for a whole interview, between questions too,
        so that keys typed while the program is busy (saving, printing the next
        prompt) are neither echoed by the terminal nor edited by it: they wait, as
        typed, for the next question, and are shown once, by it."""
        holding = getattr(self.editor.keys, "holding", None)
        return holding() if holding is not None else contextlib.nullcontext()

    def letting_go(self) -> contextlib.AbstractContextManager[None]:
        """The terminal as the author's shell had it, for a program run meanwhile (the
        author's editor), then held again."""
        letting_go = getattr(self.editor.keys, "letting_go", None)
        return letting_go() if letting_go is not None else contextlib.nullcontext()

    # ---------------------------------------------------------------- output
    def width(self) -> int:
        """Columns to wrap printed text to."""
        if self._width:
            return self._width
        return max(20, shutil.get_terminal_size((80, 24)).columns - 1)

    def _fill(self, text: str, indent: str = "") -> str:
        return textwrap.fill(
            text,
            self.width(),
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )

    def _option(self, number: int, title: str) -> str:
        """A menu option: its number and title, the title's lines wrapped under it."""
        head = f"  {number}. "
        lines = textwrap.wrap(
            title,
            max(10, self.width() - len(head)),
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
        return "\n".join([head + lines[0], *(" " * len(head) + line for line in lines[1:])])

    def _write(self, text: str) -> None:
        self.out.write(writable(visible(text), self.out))
        self.out.flush()

    def say(self, text: str = "", indent: str = "") -> None:
        """Print text wrapped at spaces, keeping its paragraphs."""
        lines = [self._fill(p, indent) if p.strip() else "" for p in text.split("\n")]
        self._write("\n".join(lines) + "\n")

    def show(self, text: str) -> None:
        """Print text exactly as it is (a report), not wrapped."""
        self._write(text + "\n")

    def draft(self) -> str:
        """The answer typed so far in the question being asked (long: the lines given
        and the line being typed), or in the last one if Ctrl-C, Ctrl-D or a command
        left it (until the next question)."""
        if not self._asking:
            return self._stopped
        return self._so_far(self.editor.text)

    def _so_far(self, line: str) -> str:
        """The answer the question would give if the line being typed were the last."""
        if self.commands is not None and parse(line) is not None:
            line = ""  # a command is never an answer
        if self._long and line.strip() == ".":
            line = ""  # the end of the answer, not a line of it
        if self._lines:
            return "\n".join([*self._lines, unescape(line)]).rstrip("\n")
        if self._default:
            if not line:
                return self._default
            if line.strip() == "-":
                return ""
        return unescape(line)

    def _changed(self, line: str) -> None:
        target = self.on_draft
        if target is not None:
            with contextlib.suppress(Exception):  # never let the journal stop the typing
                target(self._so_far(line))

    def _line(self, prompt: str) -> tuple[str, bool]:
        """Print ``prompt`` (wrapped at spaces, the answer typed after its last line)
        and read a line."""
        if prompt:
            self._write(self._fill(prompt.rstrip(" ")) + " ")
        else:
            self.out.flush()
        return self.editor.read_line(self._changed)

    def _command(self, line: str) -> tuple[bool, str | None]:
        """Whether ``line`` is a command, and the answer it gave (None: ask again).
        A command may ask questions of its own: the question it was typed at is
        as it was afterwards (its lines, its default, where its draft goes)."""
        if self.commands is None or parse(line) is None:
            return False, None
        asked = (self.on_draft, self._default, self._lines, self._long, self._asking)
        letting_go = getattr(self.editor.keys, "letting_go", contextlib.nullcontext)
        try:
            with letting_go():
                return True, self.commands(line)
        finally:
            self.on_draft, self._default, self._lines, self._long, self._asking = asked
            self.editor.text = line

    @contextlib.contextmanager
    def _question(
        self, on_draft: Callable[[str], None] | None, default: str = "", long: bool = False
    ) -> Iterator[None]:
        """One question being asked: its draft target and default, the keys held in
        raw mode from its first line to its last (so no line of a paste meets the
        terminal's own line editing); after it, a line if bytes that are not text
        were typed."""
        self.on_draft, self._default, self._lines, self._long = on_draft, default, [], long
        self.editor.replaced, self._asking, self._stopped = False, True, ""
        holding = getattr(self.editor.keys, "holding", contextlib.nullcontext)
        try:
            with holding():
                yield None
        except BaseException:
            self._stopped = self._so_far(self.editor.text)  # kept for draft()
            raise
        finally:
            self.on_draft, self._asking = None, False
        if self.editor.replaced:
            self.say(BAD_BYTES)

    def _say_now(self, default: str, problem: str = "") -> None:
        """The answer a question starts from, and (once a session) what Enter and ``-`` do;
        an answer the question would refuse cannot be kept, and that is said instead."""
        self.say(f"Now: {default}")
        if problem:
            self.say(NOT_KEPT)
        elif not self._now_told:
            self._now_told = True
            self.say(NOW_HINT)

    # ---------------------------------------------------------------- questions
    def text(
        self,
        message: str,
        default: str = "",
        check: Check | None = None,
        instruction: str = "",
        on_draft: Callable[[str], None] | None = None,
    ) -> str:
        """One line; with a default, Enter keeps it and ``-`` clears it; ``check``
        refuses what cannot be accepted, its reason printed once on its own line."""
        if default:
            self._say_now(default, check(default) if check else "")
        prompt = f"{message} {instruction} " if instruction else f"{message} "
        with self._question(on_draft, default):
            while True:
                line, _ = self._line(prompt)
                prompt = f"{message} "
                command, given = self._command(line)
                if command:
                    if given is None:
                        continue
                    return given
                answer = self._so_far(line)
                problem = check(answer) if check else ""
                if not problem:
                    return answer
                self.say(problem)

    def long_text(
        self, message: str, default: str = "", on_draft: Callable[[str], None] | None = None
    ) -> str:
        """Lines until one holding only a full stop (or Esc then Enter); an empty first
        line gives the default (empty: a skip)."""
        mark = LONG_MARK
        if not self._long_told:
            self._long_told = True
            self.say(LONG_INSTRUCTION)
            mark = LONG_PROMPT
        if default:
            self._say_now(default)
        with self._question(on_draft, default, long=True):
            self.say(f"{message} {mark}")
            while True:
                line, finished = self._line("")
                command, given = self._command(line)
                if command:
                    if given is not None:
                        return given
                    self.say(f"{message} {mark}")
                    if self._lines:
                        kept = len(self._lines)
                        lines = "line" if kept == 1 else "lines"
                        self.say(f"{kept} {lines} kept so far: go on, or end with a full stop.")
                    continue
                if not self._lines:
                    if line.strip() in (".", ""):
                        return self._default
                    if self._default and line.strip() == "-":
                        return ""
                    self._default = ""
                elif line.strip() == ".":
                    return self._so_far("")
                self._lines.append(unescape(line))
                if finished:
                    return self._so_far("")

    def choose(self, message: str, choices: Sequence[tuple[str, T]]) -> T:
        """A numbered menu: the number of a choice, then Enter; anything else is
        asked again with the one sentence saying what to type."""
        count = len(choices)
        with self._question(None):
            while True:
                self.say(message)
                for i, (title, _) in enumerate(choices, 1):
                    self._write(self._option(i, title) + "\n")
                while True:
                    line, _ = self._line(f"{menu_prompt(count)}: ")
                    command, _given = self._command(line)
                    if command:
                        break  # the menu again, after what the command said
                    typed = line.strip()
                    if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= count:
                        return choices[int(typed) - 1][1]
                    self.say(f"{menu_prompt(count)}.")

    def confirm(self, message: str, default: bool = False) -> bool:
        """Yes or no, typed as y, yes, n or no; anything else is asked again."""
        with self._question(None):
            while True:
                line, _ = self._line(f"{message} (y or n): ")
                command, _given = self._command(line)
                if command:
                    continue
                typed = line.strip().lower()
                if typed in ("y", "yes"):
                    return True
                if typed in ("n", "no"):
                    return False
                self.say(YES_NO)

    def number(self, message: str, count: int) -> int | None:
        """A number from 1 to ``count``; None if the author typed nothing."""

        def check(value: str) -> str:
            v = value.strip()
            if not v:
                return ""
            if not (v.isascii() and v.isdigit()) or not 1 <= int(v) <= count:
                return f"Type a number from 1 to {count}, or nothing to go back."
            return ""

        answer = self.text(message, check=check, instruction="(Enter on its own to go back)")
        return int(answer) if answer.strip() else None
