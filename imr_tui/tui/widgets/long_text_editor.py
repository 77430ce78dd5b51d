"""Long answers: a soft-wrapping ``TextArea`` with undo/redo and a word count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, TextArea

from imr_tui.tui.widgets.abbreviation_line import AbbreviationLine
from imr_tui.tui.widgets.answer_input import AnswerArea


def word_count(text: str) -> int:
    """Words as a reader would count them."""
    return len(text.split())


class LongTextEditor(Vertical):
    """Free text of any length; the count of words and any abbreviations show under it."""

    def __init__(self, text: str, abbreviations: AbbreviationLine | None = None) -> None:
        super().__init__()
        self.text = text
        self.abbreviations = abbreviations
        self._shown_count = self._count(text)

    def compose(self) -> ComposeResult:
        area = AnswerArea(self.text, id="answer")
        area.show_line_numbers = False
        yield area
        with Horizontal(id="under-answer"):
            if self.abbreviations is not None:
                yield self.abbreviations
            yield Static(self._shown_count, id="word-count")

    def on_mount(self) -> None:
        if self.abbreviations is not None:
            self.abbreviations.watch_text(self.text)

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
        # The count changes about once a word: updating it only then spares a second frame
        # per key (this message comes after the key's own frame). Its line has a fixed
        # size, so no layout pass is needed either.
        count = self._count(text)
        if count != self._shown_count:
            self._shown_count = count
            self.query_one("#word-count", Static).update(count, layout=False)
        if self.abbreviations is not None:
            self.abbreviations.watch_text(text)
        self.post_message(AnswerChanged(text))
