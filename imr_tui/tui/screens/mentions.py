"""Names in the export: every mention an anonymised export replaces, in context.

The list is worked out on the review as it is in the session (nothing is written), on a
worker thread, section by section: each mention with what it becomes, then what an
anonymised export would still contain, then words that may be names nobody listed.
``n`` and ``p`` step through the mentions; Enter goes to the prompt, chronology entry or
recommendation where the chosen one is written, as the Check screen's Enter does. ``x``
writes the anonymised export of what is listed, as ``imr export --anonymise`` does: beside
the review, and only when nothing identifying would still be in it. With no names listed
yet, the screen points to the interview's prompt for them, and Enter goes there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core.errors import UserError
from imr_tui.core.session import Session, snapshot
from imr_tui.tui.literal import plain
from imr_tui.tui.screens.check import GoTo
from imr_tui.tui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from imr_tui.checks import Glossary
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Review
    from imr_tui.report.leftovers import Leftover
    from imr_tui.report.mentions import Mention, Preview, Suggestion

LOOKING = "Looking…"
"""Shown while the list is worked out."""
NAMES_STEP = "pseudonyms"
"""The interview's prompt where the names to replace are listed."""
NAMES_TITLE = "Names to replace in an anonymised export"
"""That prompt's title, when the catalogue does not give one."""
GO_TO_NAMES = "go-to-names"
"""The option id of the line that goes to that prompt."""

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
"""Soft hyphens and zero-width characters, which do not change where a name is."""


def _squash(text: str) -> str:
    """``text`` as compared to find it: one space for any spacing, invisibles gone, any case."""
    return " ".join(text.translate(_INVISIBLE).split()).casefold()


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Looked:
    """What the worker found: the preview, or why there is none."""

    preview: Preview | None
    """The mentions, what would still be found and the suggestions; None when there is none."""
    error: str = ""
    """Why there is no preview (one plain line), or empty."""
    no_names: bool = False
    """There is none because the review lists no names yet (the prompt can list them)."""


def place_of(
    catalogue: Catalogue,
    review: Review,
    section: str,
    found: str = "",
    before: str = "",
    after: str = "",
    where: str = "",
) -> GoTo | None:
    """The place in ``review`` where ``found`` is written in the section titled ``section``.

    The text with its context is looked for first in the place named ``where`` (a prompt
    title, ``chronology entry of 11/03/2025``), then anywhere in the section, then ``found``
    alone; failing that, the section's first prompt. None when the section is not the
    template's (the glossary).
    """
    from imr_tui.checks.findings import places
    from imr_tui.core.steps import steps

    ids = {s.title: s.id for s in catalogue.sections}
    section_id = ids.get(section)
    if section_id is None:
        return None
    mine = [p for p in places(catalogue, review) if p.section_id == section_id]
    whole = _squash(before.strip("…") + found + after.strip("…"))
    alone = _squash(found)
    tries = [(whole, True), (whole, False), (alone, True), (alone, False)] if alone else []
    for needle, same_place in tries:
        for p in mine:
            if same_place and (not where or _squash(p.where) != _squash(where)):
                continue
            for i, text in enumerate(p.texts):
                if needle in _squash(text):
                    field = p.fields[i] if i < len(p.fields) else ""
                    return GoTo(p.step_id, p.record_id, field)
    for p in mine:  # a chronology entry's record number is not among its texts
        if p.record_id and alone:
            entry = next((e for e in review.chronology if e.id == p.record_id), None)
            if entry is not None and alone in _squash(entry.reference):
                return GoTo(p.step_id, p.record_id, "reference")
    in_section = [s for s in steps(catalogue, review) if s.section.id == section_id]
    adults = [s for s in in_section if s.prompt.kind == "adults"]
    if adults and alone and any(alone in _squash(a.name) for a in review.adults):
        return GoTo(adults[0].id)
    return GoTo(in_section[0].id) if in_section else None


_OPENING = "([{\"'‘“/-_@"
"""After these, a mention follows without a space."""
_CLOSING = ".,;:!?)]}\"'’”/…-_@"
"""Before these, a context follows a mention without a space."""


def _context(before: str, found: str, after: str) -> Text:
    """``…before FOUND after…`` on one line, the found text bold, all shown literally (the
    context either side may come without the space at its edge: one is put where it belongs)."""
    before, after = _one_line(before), _one_line(after)
    if before and before[-1] not in _OPENING:
        before += " "
    if after and after[0] not in _CLOSING:
        after = " " + after
    return Text.assemble("…", plain(before), (plain(_one_line(found)), "bold"), plain(after), "…")


class MentionsScreen(Screen[GoTo | None]):
    """Lists every replacement an anonymised export makes; Enter returns the place to go to."""

    BINDINGS = [
        Binding("escape", "back", "Back to writing"),
        Binding("n", "step(1)", "Next mention"),
        Binding("p", "step(-1)", "Previous mention"),
        Binding("x", "export", "Export anonymised"),
    ]

    def __init__(
        self, session: Session, glossary: Glossary | None = None, file: str = "FILE"
    ) -> None:
        super().__init__()
        self.session = session
        self.glossary = glossary
        self.file = file
        self.review = snapshot(session.review)
        """The review as it was when the screen opened: what the list is about."""
        self.looked: Looked | None = None
        """What was found, once the worker has finished."""
        self.targets: list[Mention | Leftover | Suggestion] = []
        """What each selectable line of the list is about, by option id."""
        self.mention_indexes: list[int] = []
        """The list's line index of each mention and each thing still found, in order, for
        ``n`` and ``p``."""

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(LOOKING, id="mentions-summary", markup=False)
        yield OptionList(id="mentions")
        yield QuietFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "Names in the export"
        self.look()

    @work(thread=True, exclusive=True, group="mentions")
    def look(self) -> None:
        """Work out the list away from the event loop (a long review takes a while)."""
        from imr_tui.report.anonymise import NoNamesListed
        from imr_tui.report.mentions import preview

        try:
            found = Looked(
                preview(self.review, self.session.catalogue, self.glossary, file=self.file)
            )
        except NoNamesListed as e:
            found = Looked(None, str(e), no_names=True)
        except UserError as e:
            found = Looked(None, str(e))
        self.app.call_from_thread(self.show, found)

    def show(self, looked: Looked) -> None:
        """Fill the list with what the worker found."""
        self.looked = looked
        options = self.query_one(OptionList)
        options.clear_options()
        self.targets, self.mention_indexes = [], []
        summary = self.query_one("#mentions-summary", Static)
        if looked.no_names:
            summary.update(self.no_names_said())
            go = Text.assemble("Go to the prompt ", (plain(self._names_title()), "bold"))
            options.add_option(Option(go, id=GO_TO_NAMES))
            options.highlighted = 0
            options.focus()
            return
        if looked.preview is None:
            summary.update(f"Nothing to show: {looked.error}")
            return
        found = looked.preview
        self._add_mentions(options, found.mentions)
        if found.leftovers:
            options.add_option(self._heading("Still found in an anonymised export"))
            for left in found.leftovers:
                self.mention_indexes.append(options.option_count)  # n and p reach them too
                self._add(options, Text(plain(_one_line(str(left)))), left)
        if found.suggestions:
            options.add_option(self._heading("Maybe names nobody listed"))
            for s in found.suggestions:
                label = Text.assemble((plain(_one_line(s.word)), "bold"), "   ")
                label.append_text(_context(s.before, s.word, s.after))
                self._add(options, label, s)
        summary.update(self._summary(found))
        if self.mention_indexes:
            options.highlighted = self.mention_indexes[0]
        options.focus()

    def _names_title(self) -> str:
        """The title of the interview's prompt for the names to replace."""
        from imr_tui.core.steps import steps

        for step in steps(self.session.catalogue, self.review):
            if step.id == NAMES_STEP:
                return step.title
        return NAMES_TITLE

    def no_names_said(self) -> str:
        """What the screen says when no names are listed: where in the interview to list them."""
        return (
            "Nothing to show yet: no names are listed to replace. List each name and what "
            f"it becomes at the prompt '{self._names_title()}': press Enter to go there."
        )

    def _summary(self, found: Preview) -> str:
        n, left = len(found.mentions), len(found.leftovers)
        said = f"{n} mention{'s' if n != 1 else ''} replaced"
        if left:
            said += f"; {left} thing{'s' if left != 1 else ''} still found"
        return (
            f"{said}. n/p step through them; Enter goes to the place; x writes the "
            "anonymised export."
        )

    @staticmethod
    def _heading(text: str) -> Option:
        return Option(Text(plain(text), style="bold underline"), disabled=True)

    def _add(
        self, options: OptionList, label: Text, target: Mention | Leftover | Suggestion
    ) -> None:
        options.add_option(Option(label, id=str(len(self.targets))))
        self.targets.append(target)

    def _add_mentions(self, options: OptionList, mentions: list[Mention]) -> None:
        group: tuple[str, str] | None = None
        for m in mentions:
            where = m.where if m.where and m.where != m.section else ""
            if (m.section, where) != group:
                group = (m.section, where)
                options.add_option(self._heading(f"{m.section} · {where}" if where else m.section))
            label = Text.assemble(
                (plain(_one_line(m.found)), "bold"), " → ", (plain(_one_line(m.becomes)), "italic")
            )
            label.append("\n   ")
            label.append_text(_context(m.before, m.found, m.after))
            self.mention_indexes.append(options.option_count)
            self._add(options, label, m)

    def action_step(self, by: int) -> None:
        """Highlight the next (``by`` 1) or previous (-1) mention or thing still found."""
        if not self.mention_indexes:
            return
        options = self.query_one(OptionList)
        at = options.highlighted if options.highlighted is not None else -1
        if by > 0:
            later = [i for i in self.mention_indexes if i > at]
            options.highlighted = later[0] if later else self.mention_indexes[-1]
        else:
            earlier = [i for i in self.mention_indexes if i < at]
            options.highlighted = earlier[-1] if earlier else self.mention_indexes[0]

    def place(self, target: Mention | Leftover | Suggestion) -> GoTo | None:
        """Where ``target`` is written in the review."""
        from imr_tui.report.leftovers import Leftover
        from imr_tui.report.mentions import Mention

        catalogue = self.session.catalogue
        if isinstance(target, Mention):
            step_id = getattr(target, "step_id", "")
            if step_id:  # the engine said exactly where
                return GoTo(step_id, getattr(target, "record_id", ""), getattr(target, "field", ""))
            return place_of(
                catalogue,
                self.review,
                target.section,
                target.found,
                target.before,
                target.after,
                target.where,
            )
        if isinstance(target, Leftover):
            return place_of(catalogue, self.review, target.where, target.form)
        return place_of(
            catalogue, self.review, target.section, target.word, target.before, target.after
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == GO_TO_NAMES:
            self.dismiss(GoTo(NAMES_STEP))
        elif event.option.id is not None:
            self.dismiss(self.place(self.targets[int(event.option.id)]))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        """Write the anonymised Markdown of the review as listed (see the module)."""
        if self.looked is not None and self.looked.preview is not None:
            self.export()
        elif self.looked is not None and self.looked.no_names:
            self.notify(plain(self.no_names_said()), severity="warning", markup=False)
        elif self.looked is not None:
            self.notify(plain(self.looked.error), severity="error", markup=False)

    @work(thread=True, exclusive=True, group="mentions-export")
    def export(self) -> None:
        """Build, search and (if nothing is still found) write the export off the event loop."""
        from imr_tui.report.anonymise import NoNamesListed
        from imr_tui.report.anonymised_export import export_anonymised

        try:
            outcome = export_anonymised(
                self.session.path, self.review, self.session.catalogue, self.glossary, "md", None
            )
        except NoNamesListed:
            self.app.call_from_thread(self.exported, self.no_names_said(), "warning")
            return
        except UserError as e:
            self.app.call_from_thread(self.exported, str(e), "error")
            return
        if outcome.written is not None:
            said = f"Anonymised export written to {outcome.written.name}."
            self.app.call_from_thread(self.exported, said, "information")
            return
        n = len(outcome.leftovers)
        said = (
            f"Nothing was written: {n} thing{'s' if n != 1 else ''} that may identify someone "
            f"{'are' if n != 1 else 'is'} still found (listed under 'Still found'). List "
            "each form in Details, then export again."
        )
        self.app.call_from_thread(self.exported, said, "warning")

    def exported(self, said: str, severity: SeverityLevel) -> None:
        """Say what the export did (the author's text in it shown as typed)."""
        self.notify(
            plain(said), title="Anonymised export", severity=severity, markup=False, timeout=10
        )
