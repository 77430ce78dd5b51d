"""Messages posted upward: editors to the interview screen, screens to the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message


class AnswerChanged(Message):
    """An editor's value changed; ``value`` is typed by the editor's kind."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


class NextPrompt(Message):
    """The author finished this prompt (e.g. pressed Enter in a one-line answer)."""


class OpenReview(Message):
    """A screen asks the app to open (or, once confirmed, create) a review."""

    def __init__(self, path: Path, *, confirmed: bool = False) -> None:
        super().__init__()
        self.path = path
        """The review's file."""
        self.confirmed = confirmed
        """The author has already agreed to create it if it does not exist."""


class ExportReport(Message):
    """A screen asks the app to save and write the report beside the review."""
