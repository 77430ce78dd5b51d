"""The comments pane's folding: one line while the answer needs the room, the whole
list when the author comes to it (see :mod:`~imr_tui.tui.widgets.comments_pane`)."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from imr_tui.core.comment_model import Comment
from imr_tui.tui.literal import literal
from imr_tui.tui.widgets.comment_text import folded_line, keys_for

TALL = 32
"""From this many rows up, a prompt's comments show under its answer; below it (and on
the chronology, recommendations and headings, whose tables need every row) the pane is
folded to one line until the author comes to it with Ctrl+B."""


class FoldingPane(VerticalScroll, can_focus=True):
    """The comments on the prompt on screen, folded or not; its title line."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.comments: list[Comment] = []
        self.selected = 0
        """The comment chosen (Up and Down)."""
        self.tables = False
        """The step on screen is a table (folded unless the pane has the focus)."""
        self.note = ""
        """The line saying the prompt changed since the version sent, or empty."""
        self._title: tuple[bool, str] | None = None
        """The title line shown (folded or not, its text): one that would not change is
        not redrawn (the pane is fitted on each resize and focus move)."""

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def _focus_moved(self) -> None:
        self.fit()

    @property
    def folded(self) -> bool:
        """Whether the pane shows only its one line (see the module)."""
        if self.has_focus_within:
            return False
        return self.tables or self.app.size.height < TALL

    def fit(self) -> None:
        """Fold or unfold the pane for where the focus is and the terminal's size."""
        folded = self.folded and bool(self.comments)
        self.set_class(folded, "-folded")
        self.query_one("#comments-list").display = not folded
        self.query_one("#comments-changed").display = bool(self.note) and not folded
        self.query_one("#comments-title").display = bool(self.comments)
        self.display = bool(self.note or self.comments)
        self._refresh_title()

    def _current(self) -> Comment | None:
        if not self.comments:
            return None
        return self.comments[min(self.selected, len(self.comments) - 1)]

    def _refresh_title(self) -> None:
        """The title line: folded, the one line; else the count and the keys that apply
        (to the chosen comment when the pane has the focus)."""
        title = self.query_one("#comments-title", Static)
        folded = self.has_class("-folded")
        if folded:
            note = f"{self.note} " if self.note else ""
            text = note + folded_line(self.comments)
        else:
            still = sum(c.is_open for c in self.comments)
            hint = keys_for(self._current()) if self.has_focus_within else "Ctrl+B to reply"
            text = f"Comments, {still} open of {len(self.comments)}: {hint}"
        if self._title == (folded, text):
            return
        self._title = (folded, text)
        title.update(literal(text) if folded else text)
