"""The text boxes every editor uses, with the two defaults an author needs.

- Focus never selects what is already written, so the first key typed after
  resuming adds to the answer instead of replacing it.
- The cursor does not blink: a blinking cursor writes to the terminal twice a
  second, which keeps a silently dead SSH connection from ever timing out.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, TextArea


class AnswerInput(Input):
    """A one-line box that keeps what is written when it gets the focus."""

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)
        self.cursor_blink = False


class AnswerArea(TextArea):
    """A soft-wrapping box for long answers; Tab moves on rather than indenting."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        super().__init__(text, **kwargs)
        self.cursor_blink = False
