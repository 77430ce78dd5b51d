"""Messages editors post upward; the interview screen turns them into edits."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class AnswerChanged(Message):
    """An editor's value changed; ``value`` is typed by the editor's kind."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


class NextPrompt(Message):
    """The author finished this prompt (e.g. pressed Enter in a one-line answer)."""
