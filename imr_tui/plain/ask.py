"""Every question plain mode asks goes through here, to questionary.

Each call uses ``unsafe_ask()``, so Ctrl-C raises :class:`KeyboardInterrupt`
(handled once, at the top) instead of returning None and carrying on. The
question on screen is remembered so that a hang-up can save the answer being
typed into it, and every change to the text being typed is handed on as it
happens (to the recovery journal), so that not even a killed process loses more
than a moment of typing. Bytes from the terminal that are not UTF-8 become
U+FFFD as they arrive, with a line saying so once the question is answered.
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import questionary
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.styles import Style

from imr_tui.core.session import clean
from imr_tui.plain.asks import (
    BAD_BYTES,
    EMPTY_HINT,
    Asks,
    Check,
    Commands,
    edit_in_editor,
    external_editor,
)

__all__ = ["EMPTY_HINT", "Asker", "Asks", "Check", "edit_in_editor", "external_editor"]

T = TypeVar("T")

LONG_INSTRUCTION = "Type your answer; Enter starts a new line. Finish with Esc then Enter."
STYLE = Style([("qmark", "bold"), ("question", "bold"), ("answer", ""), ("pointer", "bold")])


STILL_KEYS = ("c-l", "c-o", "c-q", "c-r", "c-s", "c-v", "c-z")
"""Keys that do nothing at a question. Left to prompt_toolkit, Ctrl+O ends a question
with no answer, Ctrl+Q and Ctrl+V put the next key (a control character) into the
answer, Ctrl+Z puts a control character there itself, Ctrl+R and Ctrl+S start a
search that takes the next keys away from the answer, and Ctrl+L clears the screen
(the guidance printed above goes, and the next redraw lands in the wrong place).
At a menu or a yes/no question, questionary's own Ctrl+Q still stops, as Ctrl-C does."""


def _still_keys(*, escape_enter: bool) -> KeyBindings:
    """Bindings, put above prompt_toolkit's, that make :data:`STILL_KEYS` do nothing.

    With ``escape_enter`` (menus and yes/no questions) Esc then Enter does nothing too:
    there it would end the question with no choice; in a text answer it finishes it.
    """
    keys = KeyBindings()

    def nothing(event: KeyPressEvent) -> None:
        """Do nothing."""

    for key in STILL_KEYS:
        keys.add(key)(nothing)
    if escape_enter:
        keys.add("escape", "enter")(nothing)
    return keys


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

    def _run(
        self,
        question: questionary.Question,
        on_draft: Callable[[str], None] | None,
        *,
        menu: bool = False,
    ) -> Any:
        app = question.application
        app.key_bindings = merge_key_bindings(
            [app.key_bindings or KeyBindings(), _still_keys(escape_enter=menu)]
        )
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
        """One line of text; ``check`` refuses what cannot be accepted, saying why."""

        def validate(value: str) -> bool | str:
            problem = check(value) if check else ""
            return problem or True

        q = questionary.text(
            message,
            default=default,
            validate=validate,
            instruction=instruction,
            style=STYLE,
        )
        return str(self._run(q, on_draft))

    def long_text(
        self, message: str, default: str = "", on_draft: Callable[[str], None] | None = None
    ) -> str:
        """Several lines, finished with Esc then Enter (the instruction is printed first)."""
        self.say(LONG_INSTRUCTION)
        q = questionary.text(message, default=default, multiline=True, instruction="", style=STYLE)
        return str(self._run(q, on_draft))

    def choose(self, message: str, choices: Sequence[tuple[str, T]]) -> T:
        """A numbered menu: type the number (or use the arrow keys) and press Enter."""
        titles = [title for title, _ in choices]
        while True:
            q = questionary.rawselect(
                message,
                choices=[questionary.Choice(t, value=i) for i, t in enumerate(titles)],
                style=STYLE,
            )
            index = self._run(q, None, menu=True)
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
