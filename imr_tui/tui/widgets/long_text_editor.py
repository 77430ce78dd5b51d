"""Long answers: a soft-wrapping ``TextArea`` with undo/redo and a word count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea


def word_count(text: str) -> int:
    """Words as a reader would count them."""
    return len(text.split())


class LongTextEditor(Vertical):
    """Free text of any length; the count of words shows under it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        area = TextArea(self.text, id="answer", soft_wrap=True, tab_behavior="focus")
        area.cursor_blink = False
        area.show_line_numbers = False
        yield area
        yield Static(self._count(self.text), id="word-count")

    @staticmethod
    def _count(text: str) -> str:
        n = word_count(text)
        return f"{n} word{'s' if n != 1 else ''}"

    def current_value(self) -> str:
        """What the text area holds now."""
        return self.query_one(TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        from imr_tui.tui.messages import AnswerChanged

        event.stop()
        text = event.text_area.text
        self.query_one("#word-count", Static).update(self._count(text))
        self.post_message(AnswerChanged(text))
