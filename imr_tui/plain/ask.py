"""Every question plain mode asks goes through here, to questionary.

Each call uses ``unsafe_ask()``, so Ctrl-C raises :class:`KeyboardInterrupt`
(handled once, at the top) instead of returning None and carrying on. The
question on screen is remembered so that a hang-up can save the answer being
typed into it, and every change to the text being typed is handed on as it
happens (to the recovery journal), so that not even a killed process loses more
than a moment of typing. Bytes from the terminal that are not UTF-8 become
U+FFFD as they arrive, with a line saying so once the question is answered.

No key's meaning depends on the time between keys: Esc then Enter finishes a long
answer however long the gap (prompt_toolkit's ``timeoutlen`` is off), and so does a
line holding only a full stop. A ``?`` line (or the ``?`` key at a menu or a yes/no
question) runs the interview's commands (:attr:`Asker.commands`).
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import questionary
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.styles import Style

from imr_tui.core.session import clean
from imr_tui.plain.ask_keys import COMMAND, STILL_KEYS, command_key, end_keys, still_keys
from imr_tui.plain.asks import (
    BAD_BYTES,
    EMPTY_HINT,
    Asks,
    Check,
    Commands,
    edit_in_editor,
    external_editor,
)
from imr_tui.plain.commands import parse, unescape

__all__ = [
    "EMPTY_HINT",
    "STILL_KEYS",
    "Asker",
    "Asks",
    "Check",
    "edit_in_editor",
    "external_editor",
]

T = TypeVar("T")

LONG_INSTRUCTION = (
    "Type your answer; Enter starts a new line. A line with only a full stop ends the "
    "answer (so does Esc then Enter); Enter on an empty first line skips."
)
"""Said before the first long answer of a session."""

STYLE = Style([("qmark", "bold"), ("question", "bold"), ("answer", ""), ("pointer", "bold")])


class Asker:
    """Asks questions in the terminal, one line (or a few) at a time (see :class:`Asks`)."""

    def __init__(self, width: int | None = None) -> None:
        self.current: questionary.Question | None = None
        """The question on screen now, if any."""
        self.on_draft: Callable[[str], None] | None = None
        """Where the answer being typed goes, on every change, before it is submitted."""
        self.replaced = False
        """Whether the question on screen had bytes that are not text replaced."""
        self._width = width
        self.commands: Commands | None = None
        """Runs a ``?`` command line (set by the interview)."""
        self.edits_in_place = True
        """A default answer is shown in the question, editable."""
        self._long_told = False

    # ---------------------------------------------------------------- output
    def width(self) -> int:
        """Columns to wrap printed text to."""
        if self._width:
            return self._width
        import shutil

        return max(40, shutil.get_terminal_size((80, 24)).columns - 1)

    def say(self, text: str = "", indent: str = "") -> None:
        """Print text wrapped to the terminal, keeping its paragraphs."""
        if not text:
            print(flush=True)
            return
        for para in text.split("\n"):
            if not para.strip():
                print()
                continue
            print(
                textwrap.fill(para, self.width(), initial_indent=indent, subsequent_indent=indent)
            )
        print(end="", flush=True)

    def show(self, text: str) -> None:
        """Print text exactly as it is (a report), not wrapped."""
        print(text, flush=True)

    def draft(self) -> str:
        """What is typed in the question on screen but not yet submitted."""
        q = self.current
        if q is None:
            return ""
        with contextlib.suppress(Exception):
            return str(q.application.current_buffer.text)
        return ""

    def _is_command(self, text: str) -> bool:
        """Whether ``text`` is a command line the interview would run."""
        return self.commands is not None and parse(text) is not None

    def _run(
        self,
        question: questionary.Question,
        on_draft: Callable[[str], None] | None,
        *,
        menu: bool = False,
        long: bool = False,
    ) -> Any:
        app = question.application
        extra = [still_keys(escape_enter=menu)]
        if menu and self.commands is not None:
            extra.append(command_key())
        if long:
            extra.append(end_keys(self._is_command))
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), *extra])
        app.timeoutlen = None  # type: ignore[assignment]  # documented: no time limit on Esc then Enter
        if not menu:
            app.current_buffer.on_text_changed += self._text_changed
        self.current, self.on_draft, self.replaced = question, on_draft, False
        try:
            answer = question.unsafe_ask()
        finally:
            self.current, self.on_draft = None, None
        if self.replaced:
            self.say(BAD_BYTES)
        return clean(answer) if isinstance(answer, str) else answer

    def _text_changed(self, buffer: Buffer) -> None:
        """The text being typed changed: replace bytes that are not text, then hand it on.

        Runs on every key, so it does little: a search for lone surrogates (what
        prompt_toolkit makes of bytes that are not UTF-8) and one call of ``on_draft``.
        """
        text = buffer.text
        cleaned = clean(text)
        if cleaned != text:
            self.replaced = True
            buffer.text = cleaned  # the same length: the cursor stays; this runs again
            return
        target = self.on_draft
        if self._is_command(text.rsplit("\n", 1)[-1]):
            return  # a command is never an answer
        if target is not None:
            with contextlib.suppress(Exception):  # never let the journal stop the typing
                target(text)

    # ---------------------------------------------------------------- questions
    def text(
        self,
        message: str,
        default: str = "",
        check: Check | None = None,
        instruction: str = "",
        on_draft: Callable[[str], None] | None = None,
    ) -> str:
        """One line of text; ``check`` refuses what cannot be accepted, saying why.
        A command line runs the commands (and the question is asked again)."""

        def validate(value: str) -> bool | str:
            if self._is_command(value):
                return True
            problem = check(unescape(value)) if check else ""
            return problem or True

        while True:
            q = questionary.text(
                message,
                default=default,
                validate=validate,
                instruction=instruction,
                style=STYLE,
            )
            answer = str(self._run(q, on_draft))
            if not self._is_command(answer):
                return unescape(answer)
            given = self.commands(answer) if self.commands else None
            if given is not None:
                return given

    def long_text(
        self, message: str, default: str = "", on_draft: Callable[[str], None] | None = None
    ) -> str:
        """Several lines, finished with a line holding only a full stop, or Esc then
        Enter (said before the first long answer of a session). A command typed as the
        last line runs the commands; the lines before it are kept for the next try."""
        if not self._long_told:
            self._long_told = True
            self.say(LONG_INSTRUCTION)
        while True:
            q = questionary.text(
                message, default=default, multiline=True, instruction="", style=STYLE
            )
            answer = str(self._run(q, on_draft, long=True))
            *lines, last = answer.split("\n")
            if not self._is_command(last):
                return "\n".join(unescape(line) for line in answer.split("\n")).rstrip("\n")
            given = self.commands(last) if self.commands else None
            if given is not None:
                return given
            default = "".join(line + "\n" for line in lines)

    def choose(self, message: str, choices: Sequence[tuple[str, T]]) -> T:
        """A numbered menu: type the number (or use the arrow keys) and press Enter;
        ``?`` runs the commands."""
        titles = [title for title, _ in choices]
        while True:
            q = questionary.rawselect(
                message,
                choices=[questionary.Choice(t, value=i) for i, t in enumerate(titles)],
                style=STYLE,
            )
            index = self._run(q, None, menu=True)
            if index is COMMAND and self.commands is not None:
                self.commands("?")
                continue
            # Some keys end the menu with no choice at all (Esc then Enter gives ""):
            # ask again rather than guess.
            if type(index) is int and 0 <= index < len(choices):
                return choices[index][1]
            self.say(f"Type the number of a choice, from 1 to {len(choices)}, then press Enter.")

    def confirm(self, message: str, default: bool = False) -> bool:
        """Yes or no; asked again if a key ends the question with neither."""
        while True:
            answer = self._run(
                questionary.confirm(message, default=default, style=STYLE), None, menu=True
            )
            if answer is COMMAND and self.commands is not None:
                self.commands("?")
                continue
            if isinstance(answer, bool):
                return answer
            self.say("Type y for yes or n for no.")

    def number(self, message: str, count: int) -> int | None:
        """A number from 1 to ``count``; None if the author typed nothing."""

        def check(value: str) -> str:
            v = value.strip()
            if not v:
                return ""
            if not v.isdigit() or not 1 <= int(v) <= count:
                return f"Type a number from 1 to {count}, or nothing to go back"
            return ""

        answer = self.text(message, check=check, instruction="(Enter on its own to go back)")
        return int(answer) if answer.strip() else None
