"""Commands an author types at any question in plain mode: ``?`` lists them.

A line that is ``?`` alone, or ``?`` and a command word (``?back``, ``?go 3``),
is a command, never an answer; ``\\?`` is the answer ``?``. Moving elsewhere is
an exception (:class:`Navigate`) so that every question, however deep in a form,
leaves the same way, keeping what was typed.
"""

from __future__ import annotations

import re
from enum import Enum


class Nav(Enum):
    """Where the author goes after a prompt."""

    NEXT = "next"
    BACK = "back"
    STAY = "stay"
    SECTIONS = "sections"
    CHECK = "check"
    QUIT = "quit"
    GOTO = "goto"


class Navigate(Exception):
    """Leave the question being asked and go elsewhere (raised by a command)."""

    def __init__(self, nav: Nav, step_id: str = "") -> None:
        super().__init__(nav.value)
        self.nav = nav
        """Where to go."""
        self.step_id = step_id
        """The step to go to, for :attr:`Nav.GOTO`."""


_COMMAND = re.compile(r"\?\s*([A-Za-z]*)\s*(.*)")


def parse(line: str) -> tuple[str, str] | None:
    """``("", "")`` for ``?`` alone, ``(word, argument)`` for ``?word argument``
    (the word lower-cased), or None when the line is not a command."""
    text = line.strip()
    if not text.startswith("?"):
        return None
    found = _COMMAND.fullmatch(text)
    if found is None:
        return None
    word, argument = found.group(1).lower(), found.group(2).strip()
    if not word and argument:
        return None  # "?04/2024" is an approximate date, "? maybe" an answer
    return word, argument


def unescape(line: str) -> str:
    """The answer a line gives: ``\\?``, ``\\.`` and ``\\-`` stand for ``?``, ``.``, ``-``."""
    if line.strip() in ("\\?", "\\.", "\\-"):
        return line.strip()[1:]
    return line


HELP = """Commands, each typed on its own line at any question:
?skip: leave this prompt for now and go on.
?back: go back to the previous prompt.
?sections: list the sections, numbered.
?go N: go to section N, for example ?go 3.
?check: check the review.
?guidance: say this prompt's guidance again.
?editor: write this answer in your editor, when one is set up.
?comments: list the review's open comments and where each is.
?quit: save and quit.
An empty answer skips a prompt. A long answer ends with a line holding only a full stop.
Where an answer is shown with "Now:", Enter keeps it, - clears it, or type a replacement.
To answer ? itself, type \\?; for a full stop, \\.; for a dash, \\-."""
"""What ``?`` on its own prints: one command a line, in plain words."""

NOT_A_COMMAND = "Not a command: type ? on its own for the list."
"""Said for ``?word`` when the word is no command."""
