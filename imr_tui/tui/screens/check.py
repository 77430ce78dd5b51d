"""The quality checks: what a review panel would send back, grouped by section.

On an abbreviation, ``a`` accepts it for this review (a glossary abbreviation is then
listed in the export's glossary; a word the glossary does not know is fine as written, and
not listed) and ``m`` gives the meaning the author intends (:class:`MeaningScreen`): one of
an ambiguous abbreviation's expansions, by its number or from the list, or any text. The
export's glossary prints it. ``a`` never puts a meaning in the glossary unsaid: its notice
says which meaning the glossary will print and how to give another (see
:mod:`imr_tui.checks.abbreviation_accept`); a form with one sense (``DNA'd``) is accepted
with that sense. The first finding is highlighted when the screen opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core.catalogue import Catalogue
from imr_tui.tui.literal import plain
from imr_tui.tui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from imr_tui.checks import Finding
    from imr_tui.checks.glossary import Glossary
    from imr_tui.tui.app import IMRApp


@dataclass(frozen=True)
class GoTo:
    """Where the author asked to go: a prompt, and on it a record and its field."""

    step_id: str
    """The prompt to show."""
    record_id: str = ""
    """The chronology entry or recommendation to open, or empty for the prompt itself."""
    field: str = ""
    """The field of that record to start in (``date``, ``source``, ``lead``...), or empty."""
    phrase: str = ""
    """Words to put the cursor on in the answer (what the finding quotes), or empty."""


MAX_MEANING = 200
"""The longest meaning the meaning box takes, in characters."""


class MeaningScreen(ModalScreen[str | None]):
    """Asks what an abbreviation stands for in this review (see the module)."""

    DEFAULT_CSS = """
    MeaningScreen { align: center middle; }
    MeaningScreen #dialog {
        width: 76; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    MeaningScreen #meaning-title { text-style: bold; }
    MeaningScreen OptionList { height: auto; max-height: 8; margin: 1 0; }
    MeaningScreen Input { margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "to_list", "Choose from the list", show=False),
    ]

    def __init__(self, abbreviation: str, expansions: Sequence[str], current: str = "") -> None:
        super().__init__()
        self.abbreviation = abbreviation
        self.expansions = tuple(expansions)
        self.current = current

    def compose(self) -> ComposeResult:
        abbr = plain(self.abbreviation)
        with Vertical(id="dialog"):
            yield Static(Text(f'What does "{abbr}" stand for in this review?'), id="meaning-title")
            if self.expansions:
                yield Static(
                    Text(
                        "Type the number of the meaning you intend, or write another, then "
                        "Enter (or press Down and choose from the list); the export's "
                        "glossary prints it. Escape cancels."
                    )
                )
                yield OptionList(
                    *[
                        Option(Text(f"{n}. {plain(e)}"), id=str(n - 1))
                        for n, e in enumerate(self.expansions, 1)
                    ],
                    id="expansions",
                )
            else:
                yield Static(
                    Text(
                        f'"{abbr}" is not in the glossary. Write what it stands for (Enter); '
                        "the export's glossary prints it. Escape cancels."
                    )
                )
            yield Input(
                self.current,
                placeholder="What it stands for",
                max_length=MAX_MEANING,
                id="meaning-input",
            )

    def on_mount(self) -> None:
        # The box first, so whatever the author types goes into it (never lost to the
        # list, whose Enter would pick a meaning they did not type).
        self.query_one(Input).focus()

    def action_to_list(self) -> None:
        """From the box, Down moves to the list of meanings (when there is one)."""
        lists = self.query(OptionList)
        if lists and self.query_one(Input).has_focus:
            options = lists.first()
            options.focus()
            if options.highlighted is None and options.option_count:
                options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.expansions[int(event.option.id)])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        meaning = " ".join(event.value.split())
        if meaning.isdigit() and 1 <= int(meaning) <= len(self.expansions):
            self.dismiss(self.expansions[int(meaning) - 1])
            return
        if not meaning:
            self.notify("Write what it stands for, or press Escape.", markup=False)
            return
        self.dismiss(meaning)

    def action_cancel(self) -> None:
        self.dismiss(None)


def how_to_mean(abbreviation: str, glossary: Glossary, path: object) -> str:
    """How to give an accepted abbreviation another meaning from the interview: ``m`` on
    the check's "which meaning?" finding for an ambiguous one, else ``imr glossary``."""
    if glossary.is_ambiguous(abbreviation):
        return 'press m on it when the check asks "which meaning?"'
    return f'imr glossary {path} mean {abbreviation} "MEANING"'


class CheckScreen(Screen[GoTo | None]):
    """Lists the findings; Enter returns the place to go to, ``a`` accepts an abbreviation."""

    DEFAULT_CSS = """
    CheckScreen #check-summary { height: auto; padding: 0 1; }
    CheckScreen #findings { height: 1fr; scrollbar-gutter: stable; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back to writing"),
        Binding("a", "accept", "Accept abbreviation"),
        Binding("m", "meaning", "Meaning"),
    ]

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.shown: list[Finding] = []

    @property
    def imr(self) -> IMRApp:
        """The app, with its own methods."""
        from imr_tui.tui.app import IMRApp

        app = self.app
        assert isinstance(app, IMRApp)
        return app

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static("", id="check-summary", markup=False)
        yield OptionList(id="findings")
        yield QuietFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "Check the review"
        self.watch(self.imr, "findings", self.refresh_findings)
        self.imr.recheck()

    def refresh_findings(self) -> None:
        """Show the app's latest findings, grouped by section in template order (called
        whenever the app's findings change)."""
        findings = self.imr.findings
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.clear_options()
        self.shown = []
        titles = {s.id: s.title for s in self.catalogue.sections}
        section = None
        for f in findings:
            if f.section_id != section:
                section = f.section_id
                options.add_option(
                    Option(Text(plain(titles.get(section, section)), style="bold"), disabled=True)
                )
            # Findings quote the author's words (a heading, an abbreviation): literal text.
            label = Text.assemble(
                (plain(f.where), "bold"),
                ": ",
                plain(f.message),
            )
            if f.why:
                label.append(f"\n   Why a panel asks: {plain(f.why)}")
            label.append("\n   ")
            label.append(plain(f.advice), "italic")
            if f.rewrite:
                label.append(f"\n   For example: {plain(f.rewrite)}")
            options.add_option(Option(label, id=str(len(self.shown))))
            self.shown.append(f)
        count = len(findings)
        summary = (
            "Nothing found: the checks have nothing to add."
            if not count
            else f"{count} thing{'s' if count != 1 else ''} to look at. Enter goes to the place; "
            "on an abbreviation, m gives its meaning (the export's glossary lists it) and a "
            "accepts it as written."
        )
        self.query_one("#check-summary", Static).update(summary)
        if keep is not None and options.option_count:
            options.highlighted = min(keep, options.option_count - 1)
        elif self.shown:
            # Open on the first finding, so m and a work at once.
            options.highlighted = next(
                i
                for i in range(options.option_count)
                if options.get_option_at_index(i).id is not None
            )

    def _current(self) -> Finding | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.shown[int(option.id)] if option.id is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            finding = self.shown[int(event.option.id)]
            if finding.step_id:
                phrase = finding.quote or finding.abbreviation
                self.dismiss(GoTo(finding.step_id, finding.record_id, finding.field, phrase))
            else:
                self.dismiss(None)

    def action_accept(self) -> None:
        finding = self._current()
        if finding is None or not finding.abbreviation:
            self.notify("Choose an abbreviation finding first.", severity="warning", markup=False)
            return
        session = self.imr.session
        if session is None or session.read_only:
            return
        glossary = self.imr.glossary
        if glossary is None:
            return
        from imr_tui.checks.abbreviation_accept import accept_as_written

        abbr = finding.abbreviation
        how = how_to_mean(abbr, glossary, session.path)
        note = accept_as_written(session, self.catalogue, glossary, abbr, how)
        self.imr.note_change()
        self.imr.findings = [
            f for f in self.imr.findings if f.abbreviation.casefold() != abbr.casefold()
        ]
        self.notify(plain(note), markup=False)

    def action_meaning(self) -> None:
        """Ask the meaning of the abbreviation highlighted; once given, the findings
        about it go (giving a meaning also accepts it)."""
        finding = self._current()
        if finding is None or not finding.abbreviation:
            self.notify("Choose an abbreviation finding first.", severity="warning", markup=False)
            return
        session = self.imr.session
        glossary = self.imr.glossary
        if session is None or session.read_only or glossary is None:
            return
        abbr = finding.abbreviation
        given = {a.casefold(): m for a, m in session.review.abbreviation_meanings.items()}
        expansions = glossary.expansions(abbr)
        current = given.get(abbr.casefold(), "")

        def done(meaning: str | None) -> None:
            if not meaning:
                return
            session.set_abbreviation_meaning(abbr, meaning)
            self.imr.note_change()
            self.imr.findings = [
                f for f in self.imr.findings if f.abbreviation.casefold() != abbr.casefold()
            ]
            self.notify(f'"{plain(abbr)}" means "{plain(meaning)}" in this review.', markup=False)

        self.app.push_screen(MeaningScreen(abbr, expansions, current), done)

    def action_back(self) -> None:
        self.dismiss(None)
