"""A form for one record (a chronology entry or a recommendation).

The screen only collects and checks text; it returns the values and the
interview turns them into a record. Ctrl+S saves, Ctrl+N or Ctrl+Down (the key a
browser lets through, which its buttons name there) saves and starts another, Escape
cancels (asking first if anything was typed).

It fits any screen down to 80x24: the fields scroll, while the focused field's
hint (whole, wrapped) and the buttons stay in view at the bottom.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from imr_tui.core.field_rules import FormField
from imr_tui.tui import keys
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

PLACEHOLDER_FITS = 66
"""The longest hint an empty box shows whole at 80 columns; a longer one is only shown
in the hint line (an example is never cut mid-sentence)."""


def placeholder(f: FormField) -> str:
    """What an empty box shows: the hint if it fits, else its first sentence if that
    fits, else how to write it (the whole hint is in the hint line below the fields)."""
    first = f.hint.split(". ", 1)[0] + "." if ". " in f.hint else ""
    for text in (f.hint, first, f.format):
        if text and len(text) <= PLACEHOLDER_FITS:
            return text
    return ""


def hint_line(f: FormField) -> str:
    """The focused field's whole hint, with how to write it when that says more."""
    parts = [f.hint, f.format if f.format not in f.hint else ""]
    return " ".join(p for p in parts if p)


class FormFields(VerticalScroll):
    """The form's fields, scrolling: when the foot grows (a longer hint, a comment on the
    field) and the fields get less room, the field being typed in is kept in view, so
    nothing is ever typed into a box off the screen."""

    def on_resize(self, event: events.Resize) -> None:
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            # after this size is laid out, or the place scrolled to is the old one's
            self.call_after_refresh(focused.scroll_visible, animate=False)


class FormScreen(ModalScreen[FormResult | None]):
    """A modal form built from the core's fields; the core's rules check it."""

    BINDINGS = [*keys.bindings("form"), Binding("escape", "cancel", "Cancel")]
    """Save and "Save and add another" are in :mod:`imr_tui.tui.keys` (a browser takes Ctrl+N)."""

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        values: Mapping[str, str],
        check: Checker,
        salvage: Salvager | None = None,
        focus_field: str = "",
        notes: Mapping[str, str] | None = None,
    ) -> None:
        """``values``: the text each field opens with (empty for a field not given);
        ``focus_field``: the field to start in (the first when empty or unknown);
        ``notes``: the open comments on the record (key ``""``) and on each field (its
        id), as lines to show: the record's under the title, a field's above its hint
        while the author is in it."""
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.initial = {f.id: values.get(f.id, "") for f in fields}
        self.check = check
        self._salvage = salvage
        self.focus_field = focus_field
        """The field the form opens on (a finding about it was chosen), or empty."""
        self.notes = dict(notes or {})

    def changed(self) -> bool:
        """Whether anything was typed since the form opened."""
        return self.values() != self.initial

    def salvage(self) -> None:
        """The app is ending with this form open: keep what was typed as a record.

        It may be called again (keys that arrived with a hang-up were typed since):
        the record keeps its id, so it is put again, never added twice."""
        if self._salvage is not None and self.is_mounted and self.changed():
            self._salvage(self.values())

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(literal(self.form_title), classes="form-title", markup=False)
            yield Static("", id="form-warning", classes="field-warning", markup=False)
            record_notes = self.notes.get("", "")
            notes = Static(literal(record_notes), id="form-notes", markup=False)
            notes.display = bool(record_notes)
            yield notes
            with FormFields(id="form-fields"):
                for f in self.fields:
                    label = f.title + (" *" if f.required else "")
                    yield Static(literal(label), classes="field-label", markup=False)
                    value, hint = self.initial[f.id], placeholder(f)
                    if f.long:
                        yield AnswerArea(value, id=f"f-{f.id}", compact=True, placeholder=hint)
                    else:
                        yield AnswerInput(value, id=f"f-{f.id}", placeholder=hint, compact=True)
                    yield Static("", id=f"e-{f.id}", classes="field-error", markup=False)
            with Vertical(id="form-foot"):
                yield Static("", id="form-hint", markup=False)
                with Horizontal(classes="buttons"):
                    web = self.app.is_web
                    save, again = (
                        keys.shown("form", a, web) for a in ("save(False)", "save(True)")
                    )
                    yield Button(f"Save ({save})", id="save", variant="primary", compact=True)
                    yield Button(f"Save, add another ({again})", id="again", compact=True)
                    yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        keys.use_browser_keys(self.app)
        ids = [f.id for f in self.fields]
        start = self.focus_field if self.focus_field in ids else ids[0]
        box = self.query_one(f"#f-{start}")
        box.focus()
        self.call_after_refresh(box.scroll_visible, animate=False)
        self._refresh(show_errors=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Show the whole hint of the field the author is in."""
        name = (event.widget.id or "")[2:]
        field = next((f for f in self.fields if f.id == name), None)
        if field is not None or event.widget.id in ("save", "again", "cancel"):
            text = hint_line(field) if field is not None else ""
            note = self.notes.get(name, "") if field is not None else ""
            text = "\n".join(t for t in (note, text) if t)
            hint = self.query_one("#form-hint", Static)
            hint.update(literal(text))
            hint.display = bool(text)
            # The foot may have grown (a comment on the field): keep the field in view.
            self.call_after_refresh(event.widget.scroll_visible, animate=False)

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
