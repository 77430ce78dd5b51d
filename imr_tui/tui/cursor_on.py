"""Putting an answer's cursor on the words a finding quotes."""

from __future__ import annotations

import re

from textual.widget import Widget
from textual.widgets import Input, TextArea


def cursor_on(editor: Widget, phrase: str) -> None:
    """Put the answer's cursor on the first use of ``phrase`` (a whole word, in any
    case), so the words a finding quotes are on the screen; left where it is if the
    answer no longer holds them."""
    found = re.compile(rf"(?<!\w){re.escape(phrase)}", re.IGNORECASE)
    for widget in editor.query("TextArea, Input"):
        if isinstance(widget, TextArea):
            hit = found.search(widget.text)
            if hit is not None:
                row = widget.text.count("\n", 0, hit.start())
                column = hit.start() - (widget.text.rfind("\n", 0, hit.start()) + 1)
                widget.move_cursor((row, column), center=True)
            return
        if isinstance(widget, Input):
            hit = found.search(widget.value)
            if hit is not None:
                widget.cursor_position = hit.start()
            return
