"""Plain mode's questions answered from a script, in-process, as an author would type.

Each answer is either the answer alone or ``(words the question must hold, answer)``;
a question without those words fails the test at once. A typed answer the question
refuses is noted with its reason (in :attr:`refused` and in what was said) and the
next answer is typed instead, as at the terminal. When the script runs out, the
author presses Ctrl-C (KeyboardInterrupt).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from imr_tui.plain.asks import Commands
from imr_tui.plain.commands import parse, unescape

T = TypeVar("T")
Answer = str | bool | int | None


class Given(str):
    """An answer a command gave (the editor's text): used as it is, not checked."""


class Script:
    """A scripted asker for plain mode (see the module)."""

    def __init__(self, *answers: tuple[str, Answer] | Answer) -> None:
        self.answers = list(answers)
        self.said: list[str] = []
        """Everything printed, a line a call (indent included)."""
        self.asked: list[str] = []
        """Every question asked, in order."""
        self.refused: list[str] = []
        """The reasons given for refused answers, in order."""
        self.on_draft: Callable[[str], None] | None = None
        self.commands: Commands | None = None
        """Runs a ``?`` command line (set by the interview)."""
        self.edits_in_place = True
        """Like the questionary asker: a default answer is editable in place."""
        self.commanded: list[str] = []
        """Every command line given, in order."""

    # ------------------------------------------------------------ what is said
    def say(self, text: str = "", indent: str = "") -> None:
        self.said.append(indent + text)

    def show(self, text: str) -> None:
        self.said.append(text)

    def draft(self) -> str:
        return ""

    def transcript(self) -> str:
        return "\n".join(self.said)

    # ------------------------------------------------------------ questions
    def _next(self, message: str) -> Answer:
        """The next answer that is not a command (commands run as they come); a text
        a command gives back is returned as the answer."""
        while True:
            self.asked.append(message)
            if not self.answers:
                raise KeyboardInterrupt
            item = self.answers.pop(0)
            expected, answer = item if isinstance(item, tuple) else ("", item)
            assert expected in message, f"asked {message!r}; the script expected {expected!r}"
            if self.commands is None or not isinstance(answer, str) or parse(answer) is None:
                return answer
            self.commanded.append(answer)
            given = self.commands(answer)
            if given is not None:
                return Given(given)

    def text(
        self,
        message: str,
        default: str = "",
        check: Callable[[str], str] | None = None,
        instruction: str = "",
        on_draft: Callable[[str], None] | None = None,
    ) -> str:
        while True:
            answer = self._next(message)
            assert isinstance(answer, str), (message, answer)
            if isinstance(answer, Given):
                answer = str(answer)
                break
            answer = unescape(answer)  # "\\?" answers "?", as the askers do
            problem = check(answer) if check else ""
            if not problem:
                break
            self.refused.append(problem)
            self.said.append(problem)  # the terminal shows why, and asks again
        if on_draft is not None:
            on_draft(answer)
        return answer

    def long_text(
        self, message: str, default: str = "", on_draft: Callable[[str], None] | None = None
    ) -> str:
        return self.text(message, default, on_draft=on_draft)

    def choose(self, message: str, choices: Sequence[tuple[str, T]]) -> T:
        """The choice whose title is the answer, or else the one it begins."""
        answer = self._next(message)
        while isinstance(answer, Given):  # a command's text means nothing at a menu
            answer = self._next(message)
        titles = [title for title, _ in choices]
        exact = [value for title, value in choices if title == answer]
        found = exact or [
            value
            for title, value in choices
            if isinstance(answer, str) and title.startswith(answer)
        ]
        assert len(found) == 1, f"{answer!r} is not one choice of {titles}"
        return found[0]

    def confirm(self, message: str, default: bool = False) -> bool:
        answer = self._next(message)
        assert isinstance(answer, bool), (message, answer)
        return answer

    def number(self, message: str, count: int) -> int | None:
        answer = self._next(message)
        assert answer is None or (isinstance(answer, int) and 1 <= answer <= count)
        return answer
