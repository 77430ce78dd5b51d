"""The main pane: where the author is, the prompt, the template's guidance, the hint, the editor.

In training mode the hint box gives way to the notes pane (:mod:`model_answer`): why the
prompt matters, a model answer, the hint and the section's guidance, scrolling on its own.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.example import model_answer
from imr_tui.core.steps import Step
from imr_tui.tui.literal import literal
from imr_tui.tui.widgets.model_answer import ModelAnswerPane, Notes, PromptWork


class PromptPane(Vertical):
    """Shows one step of the interview and holds its editor."""

    model_answers_shown: reactive[bool] = reactive(True, init=False)
    """The room's switch: False while the trainer hides the model answers."""

    def __init__(self, *, training: bool = False) -> None:
        super().__init__()
        self.training = training
        """Training mode: the notes pane is made with its notes (otherwise it stays empty
        and hidden)."""
        self._notes = Notes()
        """The training notes of the prompt on screen."""
        self.hint_shown = True
        """In training mode, whether the notes show the hint (the hint key's switch; the
        choice holds while the trainee moves between prompts)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="prompt-where", markup=False)
        yield Static("", id="prompt-title", markup=False)
        yield Static("", id="prompt-guidance", markup=False)
        yield Static("", id="prompt-note", markup=False)
        yield Static("", id="prompt-hint", markup=False)
        with PromptWork(id="prompt-work"):
            yield ModelAnswerPane(id="model-answer", notes=self.training)
            yield Vertical(id="editor")

    def on_mount(self) -> None:
        self.set_reactive(PromptPane.model_answers_shown, getattr(self.app, "model_answers", True))

    async def show(
        self,
        step: Step,
        editor: Widget,
        *,
        where: str,
        note: str = "",
        training: bool = False,
    ) -> None:
        """Show ``step`` with ``editor`` in place of the previous one."""
        prompt = step.prompt
        required = " (required)" if prompt.required else ""
        # A prompt's title can be a heading the author typed: literal text throughout.
        self.query_one("#prompt-where", Static).update(literal(where))
        self.query_one("#prompt-title", Static).update(literal(step.title + required))
        guidance = prompt.guidance
        if step.heading_id:
            guidance = f"{prompt.title}. {prompt.guidance}"
        self.query_one("#prompt-guidance", Static).update(literal(guidance))
        note_widget = self.query_one("#prompt-note", Static)
        note_widget.update(literal(note))
        note_widget.display = bool(note)
        section = step.section.guidance
        if training:
            # The guidance is shown once: the section's only when it says more.
            repeats = not section or prompt.guidance in section or section in guidance
            self._notes = Notes(
                why=prompt.why,
                model_answer=self._model_answer(prompt.model_answer) if prompt.model_answer else "",
                hint=prompt.hint,
                section_guidance="" if repeats else section,
            )
            self.add_class("training")
            self._show_notes()
        else:
            hint_parts = [prompt.hint] if prompt.hint else []
            if section and section != prompt.guidance:
                hint_parts.append(section)
            self.query_one("#prompt-hint", Static).update(
                literal("\n\n".join(hint_parts) or "There is no extra hint for this prompt.")
            )
        holder = self.query_one("#editor", Vertical)
        await holder.remove_children()
        await holder.mount(editor)

    def _show_notes(self) -> None:
        self.query_one(ModelAnswerPane).show(
            self._notes, answers_shown=self.model_answers_shown, hint_shown=self.hint_shown
        )

    def watch_model_answers_shown(self) -> None:
        if self.has_class("training"):
            self._show_notes()

    def _model_answer(self, text: str) -> str:
        """A model answer in the worked example's years (the app's catalogue and example)."""
        catalogue = getattr(self.app, "catalogue", None)
        files = getattr(self.app, "data_files", None)
        if not isinstance(catalogue, Catalogue):
            return text
        path = files.example_path if isinstance(files, DataFiles) else None
        return model_answer(text, catalogue, path)

    def toggle_hint(self) -> None:
        """Show or hide the hint. In training mode the hint is one of the notes: only it
        is shown or hidden (the notes pane is shown again if it was hidden, with the hint)."""
        if not self.has_class("training"):
            self.toggle_class("show-hint")
            return
        if self.has_class("hide-model-answer"):
            self.hint_shown = True
            self.toggle_model_answer()
        else:
            self.hint_shown = not self.hint_shown
        self._show_notes()
        if not self._notes.hint:
            self.app.notify("There is no hint for this prompt.", markup=False, timeout=3)

    def toggle_model_answer(self) -> None:
        """Show or hide the training notes (why it matters and the model answer); the
        choice holds while the trainee moves between prompts."""
        self.toggle_class("hide-model-answer")
        if self.has_class("hide-model-answer") and self.query_one(ModelAnswerPane).has_focus:
            # The focus goes back to the answer being written.
            for widget in self.query_one("#editor").query("*"):
                if widget.focusable:
                    widget.focus()
                    return
