"""Training mode's notes on a prompt: why it matters, a model answer, the hint, the section's
guidance, in a pane of their own that scrolls (never cut), above the trainee's answer or,
where the screen is wide enough, beside it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

from imr_tui.tui.literal import literal

EDITOR_ROWS = 6
"""The rows the trainee's editor keeps however long the notes are."""
SIDE_BY_SIDE_WIDTH = 96
"""From this width (in cells) of the answer's area, the notes go beside the answer."""
HIDDEN_BY_TRAINER = "The trainer has hidden the model answers for now."
"""Shown in place of the model answer while the room's switch is off."""


@dataclass(frozen=True)
class Notes:
    """What training mode says about one prompt (plain text, shown literally)."""

    why: str = ""
    """Why the prompt matters ("" when the catalogue says nothing)."""
    model_answer: str = ""
    """The model answer, already in the worked example's years ("" when none)."""
    hint: str = ""
    """The prompt's hint for new authors."""
    section_guidance: str = ""
    """The section's guidance, when it says more than the prompt's own guidance."""


def labelled(label: str, text: str) -> Content:
    """``label: text`` with the label in bold and the text exactly as written."""
    return Content.assemble(Content.styled(f"{label}: ", "bold"), literal(text))


class ModelAnswerPane(VerticalScroll, can_focus=True):
    """The notes of one prompt; focus it (Tab, Shift+Tab or a click) to scroll with the
    arrow keys, Page Up and Page Down, or scroll it with the mouse wheel."""

    def compose(self) -> ComposeResult:
        yield Static("", id="model-why", classes="model-note")
        yield Static("", id="model-hint", classes="model-note")
        yield Static("", id="model-section", classes="model-note")
        yield Static("", id="model-text", classes="model-note")

    def show(self, notes: Notes, *, answers_shown: bool) -> None:
        """Show ``notes``; the model answer (last: End goes to it) only when
        ``answers_shown`` (the room's switch)."""
        self._set("#model-why", labelled("Why it matters", notes.why) if notes.why else None)
        self._set("#model-hint", labelled("Hint", notes.hint) if notes.hint else None)
        section = notes.section_guidance
        self._set("#model-section", labelled("The section", section) if section else None)
        answer: Content | None = None
        if notes.model_answer:
            answer = (
                labelled("A model answer", notes.model_answer)
                if answers_shown
                else Content.styled(HIDDEN_BY_TRAINER, "italic")
            )
        self._set("#model-text", answer)
        shown = [note for note in self.query(".model-note") if note.display]
        for note in shown:
            note.styles.margin = (0, 0, 0 if note is shown[-1] else 1, 0)
        self.scroll_home(animate=False)

    def _set(self, selector: str, content: Content | None) -> None:
        widget = self.query_one(selector, Static)
        widget.update(content or "")
        widget.display = content is not None

    @property
    def answer(self) -> Static:
        """The widget holding the model answer (or the trainer's line)."""
        return self.query_one("#model-text", Static)


class PromptWork(Vertical):
    """The notes and the trainee's editor: stacked, the notes never taking the editor's
    last :data:`EDITOR_ROWS` rows; side by side when the area is wide enough."""

    def on_resize(self, event: Resize) -> None:
        self.fit()

    def fit(self) -> None:
        """Place the notes for the area's present size."""
        width, height = self.size
        wide = width >= SIDE_BY_SIDE_WIDTH
        self.set_class(wide, "-side-by-side")
        panes = self.query(ModelAnswerPane)
        if not panes:
            return
        pane = panes.first()
        if wide:
            pane.styles.max_height = None
        else:
            pane.styles.max_height = max(2, height - max(EDITOR_ROWS, height // 2))
