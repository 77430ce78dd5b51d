"""The text boxes every editor uses, with the two defaults an author needs.

- Focus never selects what is already written, so the first key typed after
  resuming adds to the answer instead of replacing it.
- The cursor starts at the end of what is written, so an author who comes back
  carries on where they stopped; Ctrl+End and Ctrl+Home go to the end and the
  start of a long answer (Input already has End and Home).
- The cursor does not blink: a blinking cursor writes to the terminal twice a
  second, which keeps a silently dead SSH connection from ever timing out.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import Input, TextArea


class AnswerInput(Input):
    """A one-line box that keeps what is written when it gets the focus.

    Alt+Backspace deletes the word before the cursor, as in a long answer: it is the key
    the help names instead of Ctrl+W, which closes a browser's tab (see
    :mod:`imr_tui.tui.keys`). Most terminals and browsers send it as ``ESC DEL``, which
    Textual reads as Ctrl+W; a terminal that names it ``alt+backspace`` gets this binding
    (Textual's own would delete the word after the cursor).
    """

    BINDINGS = [
        Binding("alt+backspace", "delete_left_word", "Delete the word before", show=False),
    ]

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)
        self.cursor_blink = False


class AnswerArea(TextArea):
    """A soft-wrapping box for long answers; Tab moves on rather than indenting."""

    BINDINGS = [
        Binding("ctrl+end", "document_end", "End of the answer", show=False),
        Binding("ctrl+home", "document_start", "Start of the answer", show=False),
        Binding("ctrl+shift+end", "document_end(True)", "Select to the end", show=False),
        Binding("ctrl+shift+home", "document_start(True)", "Select to the start", show=False),
    ]

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        super().__init__(text, **kwargs)
        self.cursor_blink = False
        self.move_cursor(self.document.end)

    def action_document_end(self, select: bool = False) -> None:
        """Go to the end of the answer (selecting on the way with Shift)."""
        self.move_cursor(self.document.end, select=select)

    def action_document_start(self, select: bool = False) -> None:
        """Go to the start of the answer (selecting on the way with Shift)."""
        self.move_cursor((0, 0), select=select)
