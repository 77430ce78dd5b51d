"""What plain mode asks and says, whoever answers: the shape every asker has.

Two askers implement :class:`Asks`: the line asker (:mod:`imr_tui.plain.lines`),
which prints whole lines and never redraws (screen readers, ``TERM=dumb``,
``NO_COLOR``, ``--accessible``), and the questionary asker
(:mod:`imr_tui.plain.ask`) for capable terminals. Tests answer from a script.
Nothing here imports questionary or prompt_toolkit.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

T = TypeVar("T")

Check = Callable[[str], str]
"""Returns why a typed answer cannot be accepted, or empty if it can."""
Commands = Callable[[str], "str | None"]
"""Runs a command line typed at a question (``?`` alone, or ``?word``): returns None
(ask the same question again), text to use as the answer (the editor command), or
raises :class:`imr_tui.plain.commands.Navigate` to leave the question."""
BAD_BYTES = "Some of what was typed or pasted was not readable text: it shows as \ufffd."
"""Said after a question whose answer held bytes that are not UTF-8."""
EMPTY_HINT = "(Enter on its own for other choices)"


class Asks(Protocol):
    """What plain mode asks and says, whoever answers."""

    on_draft: Callable[[str], None] | None
    """Where the answer being typed goes, on every change (None when nothing is asked)."""
    commands: Commands | None
    """Set by the interview: called with a line that is ``?`` alone or ``?word``
    (see :data:`Commands`). None: such a line is an ordinary answer."""
    edits_in_place: bool
    """Whether a default answer is shown editable in place (questionary) rather than
    named on a line above the question (the line asker)."""

    def say(self, text: str = "", indent: str = "") -> None:
        """Print text, keeping its paragraphs."""

    def show(self, text: str) -> None:
        """Print text exactly as it is (a report), not wrapped."""

    def draft(self) -> str:
        """What is typed in the question on screen but not yet submitted."""

    def text(
        self,
        message: str,
        default: str = "",
        check: Check | None = None,
        instruction: str = "",
        on_draft: Callable[[str], None] | None = None,
    ) -> str:
        """One line of text; ``check`` refuses what cannot be accepted, saying why."""

    def long_text(
        self, message: str, default: str = "", on_draft: Callable[[str], None] | None = None
    ) -> str:
        """Several lines."""

    def choose(self, message: str, choices: Sequence[tuple[str, T]]) -> T:
        """One of a numbered menu's values."""

    def confirm(self, message: str, default: bool = False) -> bool:
        """Yes or no."""

    def number(self, message: str, count: int) -> int | None:
        """A number from 1 to ``count``; None if nothing was typed."""


# -------------------------------------------------------------------- editor


def external_editor() -> list[str] | None:
    """The author's ``$VISUAL`` or ``$EDITOR`` as a command, or None.

    Never over SSH: an editor can start a shell, and a server that runs imr-tui
    as a forced command must not offer one.
    """
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return None
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            with contextlib.suppress(ValueError):
                return shlex.split(value) or None
    return None


def write_in_editor(ask: object, command: list[str], text: str, folder: Path) -> str | None:
    """:func:`edit_in_editor`, with the terminal as the author's shell had it while the
    editor runs (an asker that holds the terminal in raw mode lets it go meanwhile)."""
    letting_go = getattr(ask, "letting_go", None)
    with letting_go() if letting_go is not None else contextlib.nullcontext():
        return edit_in_editor(command, text, folder)


def edit_in_editor(command: list[str], text: str, folder: Path) -> str | None:
    """Let the author write in their editor; None if it failed (the text is kept)."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix=".imr-answer-", suffix=".txt", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            result = subprocess.run([*command, name], check=False)
        except OSError:
            return None
        if result.returncode != 0:
            return None
        return Path(name).read_text(encoding="utf-8").rstrip("\n")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
