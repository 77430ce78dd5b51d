"""Training mode's notes on a prompt: why it matters, a model answer, the hint, the section's
guidance, in a pane of their own that scrolls (never cut), above the trainee's answer or,
where the screen is wide enough, beside it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import Static

from imr_tui.tui.literal import literal

EDITOR_ROWS = 6
"""The rows the trainee's editor keeps however long the notes are."""
SIDE_BY_SIDE_WIDTH = 96
"""From this width (in cells) of the answer's area, the notes go beside the answer."""
HIDDEN_BY_TRAINER = "The trainer has hidden the model answers for now."
"""Shown in place of the model answer while the room's switch is off."""


def how_to_reach(*, hide_key: str, scrolls: bool) -> str:
    """The pane's bottom line: the key that hides it and, when its notes go below its
    last row, how to read the rest (the notes scroll once they have the focus)."""
    if scrolls:
        return f"{hide_key} hides · Shift+Tab then ↓ reads on"
    return f"{hide_key} hides"


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
    arrow keys, Page Up and Page Down, or scroll it with the mouse wheel. Its bottom
    border says how (see :func:`how_to_reach`); the arrows move one line a press and the
    page keys a page less a line, at once (no animation that a quick run of presses cuts
    short)."""

    DEFAULT_CSS = """
    ModelAnswerPane {
        border-bottom: solid $accent 50%;
        border-subtitle-align: left;
        border-subtitle-color: $text-muted;
    }
    ModelAnswerPane:focus {
        border-bottom: solid $accent;
    }
    """

    BINDINGS = [
        Binding("down", "line(1)", "Down", show=False),
        Binding("up", "line(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    hide_key = "F4"
    """The key that hides the pane, as its bottom line names it."""

    def on_mount(self) -> None:
        from imr_tui.tui import keys

        self.hide_key = keys.shown("interview", "toggle_model_answer", self.app.is_web)

    def action_line(self, by: int) -> None:
        """Scroll ``by`` lines (one a press), at once."""
        self.scroll_to(y=self.scroll_y + by, animate=False, immediate=True)

    def action_page(self, by: int) -> None:
        """Scroll ``by`` pages (a page keeps one line of the last one in sight), at once."""
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + by * step, animate=False, immediate=True)

    def watch_virtual_size(self, size: Size) -> None:
        self.call_after_refresh(self.say_how)

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self.say_how)

    def say_how(self) -> None:
        """Put on the bottom line how to read the notes (see :func:`how_to_reach`)."""
        said = how_to_reach(hide_key=self.hide_key, scrolls=self.max_scroll_y > 0)
        if self.border_subtitle != said:
            self.border_subtitle = said

    def __init__(self, *, id: str | None = None, notes: bool = True) -> None:
        super().__init__(id=id)
        self._with_notes = notes
        """Whether the notes' widgets are made with the pane (outside training the pane is
        never shown: they are made only if it ever is)."""

    def compose(self) -> ComposeResult:
        if self._with_notes:
            yield from self._notes_widgets()

    @staticmethod
    def _notes_widgets() -> list[Static]:
        return [
            Static("", id=f"model-{part}", classes="model-note")
            for part in ("why", "hint", "section", "text")
        ]

    def show(self, notes: Notes, *, answers_shown: bool, hint_shown: bool = True) -> None:
        """Show ``notes``; the model answer (last: End goes to it) only when
        ``answers_shown`` (the room's switch); the hint only when ``hint_shown``."""
        if not self.query(".model-note"):
            self._with_notes = True
            self.mount_all(self._notes_widgets())
        self._set("#model-why", labelled("Why it matters", notes.why) if notes.why else None)
        hint = labelled("Hint", notes.hint) if notes.hint and hint_shown else None
        self._set("#model-hint", hint)
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
        self.call_after_refresh(self.say_how)

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
