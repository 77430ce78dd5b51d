"""The quality checks: what a review panel would send back, grouped by section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core.catalogue import Catalogue
from imr_tui.tui.literal import plain

if TYPE_CHECKING:
    from imr_tui.checks import Finding
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


class CheckScreen(Screen[GoTo | None]):
    """Lists the findings; Enter returns the place to go to, ``a`` accepts an abbreviation."""

    BINDINGS = [
        Binding("escape", "back", "Back to writing"),
        Binding("a", "accept", "Accept abbreviation"),
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
        yield Footer(show_command_palette=False)

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
                "\n   ",
                (plain(f.advice), "italic"),
            )
            options.add_option(Option(label, id=str(len(self.shown))))
            self.shown.append(f)
        count = len(findings)
        summary = (
            "Nothing found: the checks have nothing to add."
            if not count
            else f"{count} thing{'s' if count != 1 else ''} to look at. Enter goes to the place; "
            "on an abbreviation, a keeps it for this review (the export lists it in a glossary)."
        )
        self.query_one("#check-summary", Static).update(summary)
        if keep is not None and options.option_count:
            options.highlighted = min(keep, options.option_count - 1)

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
                self.dismiss(GoTo(finding.step_id, finding.record_id, finding.field))
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
        session.accept_abbreviation(finding.abbreviation)
        self.imr.note_change()
        self.imr.findings = [
            f
            for f in self.imr.findings
            if f.abbreviation.casefold() != finding.abbreviation.casefold()
        ]
        self.notify(
            f'"{plain(finding.abbreviation)}" is kept for this review and listed in the glossary.',
            markup=False,
        )

    def action_back(self) -> None:
        self.dismiss(None)
