"""The main pane: where the author is, the prompt, the template's guidance, the hint, the editor."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.example import model_answer
from imr_tui.core.steps import Step
from imr_tui.tui.literal import literal


class PromptPane(Vertical):
    """Shows one step of the interview and holds its editor."""

    def compose(self) -> ComposeResult:
        yield Static("", id="prompt-where", markup=False)
        yield Static("", id="prompt-title", markup=False)
        yield Static("", id="prompt-guidance", markup=False)
        yield Static("", id="prompt-note", markup=False)
        yield Static("", id="prompt-hint", markup=False)
        yield Vertical(id="editor")

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
        hint_parts = [prompt.hint] if prompt.hint else []
        if step.section.guidance and step.section.guidance != prompt.guidance:
            hint_parts.append(step.section.guidance)
        if training and prompt.why:
            hint_parts.append(f"Why it matters: {prompt.why}")
        if training and prompt.model_answer:
            hint_parts.append(f"A model answer: {self._model_answer(prompt.model_answer)}")
        self.query_one("#prompt-hint", Static).update(
            literal("\n\n".join(hint_parts) or "There is no extra hint for this prompt.")
        )
        if training:
            self.add_class("show-hint")
        holder = self.query_one("#editor", Vertical)
        await holder.remove_children()
        await holder.mount(editor)

    def _model_answer(self, text: str) -> str:
        """A model answer in the worked example's years (the app's catalogue and example)."""
        catalogue = getattr(self.app, "catalogue", None)
        files = getattr(self.app, "data_files", None)
        if not isinstance(catalogue, Catalogue):
            return text
        path = files.example_path if isinstance(files, DataFiles) else None
        return model_answer(text, catalogue, path)

    def toggle_hint(self) -> None:
        """Show or hide the hint."""
        self.toggle_class("show-hint")
