"""A form for one record (a chronology entry or a recommendation).

The screen only collects and checks text; it returns the values and the
interview turns them into a record. Ctrl+S saves, Ctrl+N saves and starts
another, Escape cancels (asking first if anything was typed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from imr_tui.core.field_rules import FormField
from imr_tui.tui.literal import literal, plain
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.widgets.answer_input import AnswerArea, AnswerInput


@dataclass(frozen=True)
class FormResult:
    """What the author saved."""

    values: dict[str, str]
    again: bool = False
    """True when the author asked to add another straight after."""


Checker = Callable[[dict[str, str]], tuple[dict[str, str], list[str]]]
"""Given the values, returns ``({field id: problem}, warnings)``; problems block saving."""
Salvager = Callable[[dict[str, str]], None]
"""Keeps what was typed in a form that cannot be finished (the line dropped, or quit)."""


class FormScreen(ModalScreen[FormResult | None]):
    """A modal form built from the core's fields; the core's rules check it."""

    BINDINGS = [
        Binding("ctrl+s", "save(False)", "Save", priority=True),
        Binding("ctrl+n", "save(True)", "Save and add another", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        values: Mapping[str, str],
        check: Checker,
        salvage: Salvager | None = None,
    ) -> None:
        """``values``: the text each field opens with (empty for a field not given)."""
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.initial = {f.id: values.get(f.id, "") for f in fields}
        self.check = check
        self._salvage = salvage

    def changed(self) -> bool:
        """Whether anything was typed since the form opened."""
        return self.values() != self.initial

    def salvage(self) -> None:
        """The app is ending with this form open: keep what was typed as a record."""
        if self._salvage is not None and self.is_mounted and self.changed():
            self._salvage(self.values())
            self._salvage = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(literal(self.form_title), classes="form-title", markup=False)
            yield Static("Ctrl+S save · Ctrl+N save and add another · Esc cancel", classes="muted")
            yield Static("", id="form-warning", classes="field-warning", markup=False)
            for f in self.fields:
                label = f.title + (" *" if f.required else "")
                yield Static(literal(label), classes="field-label", markup=False)
                value, hint = self.initial[f.id], f.placeholder
                if f.long:
                    yield AnswerArea(value, id=f"f-{f.id}", compact=True, placeholder=hint)
                else:
                    yield AnswerInput(value, id=f"f-{f.id}", placeholder=hint, compact=True)
                yield Static("", id=f"e-{f.id}", classes="field-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary", compact=True)
                yield Button("Save, add another (Ctrl+N)", id="again", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#f-{self.fields[0].id}").focus()
        self._refresh(show_errors=False)

    def values(self) -> dict[str, str]:
        """The text in every field."""
        out = {}
        for f in self.fields:
            box = self.query_one(f"#f-{f.id}")
            if isinstance(box, TextArea):
                out[f.id] = box.text
            elif isinstance(box, Input):
                out[f.id] = box.value
        return out

    def _refresh(self, *, show_errors: bool, only: str = "") -> dict[str, str]:
        values = self.values()
        errors, warnings = self.check(values)
        warning = "\n".join(warnings)
        for f in self.fields:
            if not values[f.id].strip() and f.required:
                errors.setdefault(f.id, f.required)
            if show_errors or f.id == only:
                shown = errors.get(f.id, "") if values[f.id].strip() or show_errors else ""
                line = self.query_one(f"#e-{f.id}", Static)
                line.update(literal(shown))
                line.display = bool(shown)
        box = self.query_one("#form-warning", Static)
        box.update(literal(warning))
        box.display = bool(warning)
        return errors

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refresh(show_errors=False, only=(event.input.id or "")[2:])

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._refresh(show_errors=False, only=(event.text_area.id or "")[2:])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        last = self.query_one(f"#f-{self.fields[-1].id}")
        if event.input is last:
            self.action_save(False)
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.action_cancel()
        else:
            self.action_save(event.button.id == "again")

    def action_save(self, again: bool) -> None:
        errors = self._refresh(show_errors=True)
        if errors:
            first = next(f.id for f in self.fields if f.id in errors)
            self.query_one(f"#f-{first}").focus()
            # The message can quote what was typed (a date it cannot read): literal text.
            self.notify(
                plain(errors[first]), title="Not saved yet", severity="warning", markup=False
            )
            return
        self.dismiss(FormResult(self.values(), again))

    def action_cancel(self) -> None:
        if not self.changed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Close this form without saving what you typed in it?",
                yes="Discard",
                no="Keep editing",
                default_no=True,
            ),
            answered,
        )
