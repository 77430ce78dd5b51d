"""The interview's export: a draft or the final report, as Markdown or Word.

A draft says DRAFT on every page. A final report is checked first: while anything
stops it (a required prompt unanswered, ``Not yet answered`` that would be printed, a
check the catalogue marks "must fix"), the dialog comes back listing each problem,
exactly as written, and nothing is written. Word is offered only when python-docx is
installed; otherwise the dialog says how to add it. Escape cancels.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from imr_tui.tui.literal import literal


@dataclass(frozen=True)
class ExportChoice:
    """What the author chose to export."""

    final: bool
    """The final report (checked, versioned, a private copy kept) rather than a draft."""
    fmt: str
    """``md`` (Markdown) or ``docx`` (Word)."""


CHOICES: dict[str, tuple[ExportChoice, str]] = {
    "draft-md": (ExportChoice(False, "md"), "Draft as Markdown (1)"),
    "draft-docx": (ExportChoice(False, "docx"), "Draft as Word (2)"),
    "final-md": (ExportChoice(True, "md"), "Final report as Markdown (3)"),
    "final-docx": (ExportChoice(True, "docx"), "Final report as Word (4)"),
}
"""Each button's id, the choice it makes and its label (the key that presses it)."""

WORD_MISSING = "Word needs the docx extra: pip install 'imr-tui[docx]'"


def word_available() -> bool:
    """Whether python-docx is installed (the Word export needs it)."""
    return importlib.util.find_spec("docx") is not None


class ExportChoiceScreen(ModalScreen[ExportChoice | None]):
    """Asks draft or final, Markdown or Word; a refused final report comes back here
    with its ``problems`` listed. Returns the choice, or ``None`` (Escape)."""

    DEFAULT_CSS = """
    ExportChoiceScreen { align: center middle; }
    ExportChoiceScreen #dialog { width: 74; height: auto; max-height: 100%; }
    ExportChoiceScreen #dialog.refused { height: 100%; }
    ExportChoiceScreen .title { text-style: bold; }
    ExportChoiceScreen Button { width: 100%; }
    ExportChoiceScreen #refused { color: $error; text-style: bold; margin-top: 1; }
    ExportChoiceScreen #problems { height: 1fr; min-height: 3; margin-bottom: 1; }
    ExportChoiceScreen #problems:focus { border-left: thick $accent; }
    """

    BINDINGS = [
        Binding("1", "choose('draft-md')", "Draft, Markdown"),
        Binding("2", "choose('draft-docx')", "Draft, Word"),
        Binding("3", "choose('final-md')", "Final, Markdown"),
        Binding("4", "choose('final-docx')", "Final, Word"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        *,
        word: bool | None = None,
        problems: Sequence[str] = (),
        chosen: ExportChoice | None = None,
    ) -> None:
        super().__init__()
        self.word = word_available() if word is None else word
        """Whether Word can be chosen."""
        self.problems = list(problems)
        """Why the final report just asked for was refused (none: asking afresh)."""
        self.chosen = chosen
        """The choice that was refused, focused again."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="refused" if self.problems else ""):
            yield Static(Content("Export the report"), classes="title")
            if self.problems:
                count = len(self.problems)
                things = f"{count} thing{'s' if count != 1 else ''}"
                yield Static(
                    f"The final report was not written: put {things} right first "
                    "(the list scrolls: arrows, Page Down; Tab for the buttons).",
                    id="refused",
                )
                with VerticalScroll(id="problems", can_focus=True):
                    for problem in self.problems:
                        yield Static(literal(f"- {problem}"), markup=False)
            else:
                yield Static(
                    "A draft says DRAFT on every page. A final report is checked first, "
                    "gets the next version number, and a private copy of it is kept.",
                    classes="question",
                )
            for ident, (choice, label) in CHOICES.items():
                word = choice.fmt == "docx"
                yield Button(
                    label,
                    id=ident,
                    compact=True,
                    disabled=word and not self.word,
                    variant="primary" if ident == "draft-md" else "default",
                )
            if not self.word:
                yield Static(WORD_MISSING, id="word-missing", classes="muted", markup=False)
            yield Static("Escape: cancel, nothing is written.", classes="muted")

    def on_mount(self) -> None:
        if self.problems:  # the list first, so it can be read and scrolled
            self.query_one("#problems", VerticalScroll).focus()
            return
        ident = next((i for i, (c, _) in CHOICES.items() if c == self.chosen), "draft-md")
        self.query_one(f"#{ident}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in CHOICES:
            self.action_choose(event.button.id)

    def action_choose(self, ident: str) -> None:
        """Export as the button ``ident`` says (Word only when it can be written)."""
        choice, _ = CHOICES[ident]
        if choice.fmt == "docx" and not self.word:
            self.notify(WORD_MISSING, title="Word is not installed", markup=False)
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


CONFIRM_WORD = "FINAL"
"""What the author types (exactly, in capitals) to write a final report."""


class ConfirmFinalScreen(ModalScreen[bool]):
    """Asks "Write the final report, version N?" before a final report is written.

    A burst of ordinary typing never confirms it: the author types the word ``FINAL``
    (exactly, in capitals) into the focused box and presses Enter. Anything else typed
    and entered writes nothing and says what to type; Tab reaches only Cancel; Escape
    cancels. Returns ``True`` only when confirmed.
    """

    DEFAULT_CSS = """
    ConfirmFinalScreen { align: center middle; }
    ConfirmFinalScreen #dialog { width: 64; height: auto; max-height: 100%; }
    ConfirmFinalScreen .title { text-style: bold; }
    ConfirmFinalScreen Button { width: 100%; }
    ConfirmFinalScreen .warning { color: $warning; }
    ConfirmFinalScreen #not-confirmed { color: $error; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, version: int, fmt: str, target: str, warnings: Sequence[str] = ()) -> None:
        super().__init__()
        self.warnings = list(warnings)
        """Earlier kept copies missing or changed, said before writing."""
        self.version = version
        """The version the final report will get."""
        self.fmt = fmt
        self.target = target
        """Where it will be written (shown literally)."""

    def compose(self) -> ComposeResult:
        what = "Word" if self.fmt == "docx" else "Markdown"
        with Vertical(id="dialog"):
            yield Static(
                Content(f"Write the final report, version {self.version}?"), classes="title"
            )
            yield Static(
                literal(
                    f"As {what}, to {self.target}. It goes to the board as it is, numbered "
                    f"version {self.version}, and a private copy of it is kept."
                ),
                markup=False,
            )
            for warning in self.warnings:
                yield Static(literal(f"Warning: {warning}"), classes="warning", markup=False)
            yield Static(
                Content(f"To write it, type {CONFIRM_WORD} in capitals, then press Enter."),
                id="how",
            )
            yield Input(
                placeholder=f"type {CONFIRM_WORD} to write it",
                max_length=40,
                id="word",
                compact=True,
            )
            yield Static("", id="not-confirmed", markup=False)
            yield Button("Cancel", id="cancel", compact=True)
            yield Static("Escape cancels: nothing is written.", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#word", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Write only when exactly the word was typed; otherwise say what to type."""
        event.stop()
        if event.value.strip() == CONFIRM_WORD:
            self.dismiss(True)
            return
        event.input.value = ""
        self.query_one("#not-confirmed", Static).update(
            f"Not written. To write version {self.version}, type {CONFIRM_WORD} in "
            "capitals and press Enter; Escape cancels."
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(False)
