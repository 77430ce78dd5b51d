"""The whole report as it will be exported, what is still missing, and export."""

from __future__ import annotations

from textual import events, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.checks import Glossary
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.session import Session, snapshot
from imr_tui.core.steps import is_answered
from imr_tui.report.markdown import to_markdown
from imr_tui.tui.literal import literal, plain
from imr_tui.tui.messages import ExportReport
from imr_tui.tui.screens.check import GoTo
from imr_tui.tui.widgets.inert_markdown import InertMarkdownViewer
from imr_tui.tui.widgets.quiet_footer import QuietFooter

TABLE_WIDTH = 120
"""The narrowest screen the chronology is shown on as a table; narrower, each entry is
a block of its own (eight columns in fewer cut even the dates short)."""


class ReviewScreen(Screen[GoTo | None]):
    """Shows the report; choosing a missing prompt returns it as the place to go to.

    The report is the export itself (the glossary included), drawn from the same walk
    of the template, made off the event loop. Prompt titles (a Terms of Reference
    heading is one) and the report are the author's text: shown literally, and a link
    in the report opens nothing.
    """

    BINDINGS = [
        Binding("escape", "back", "Back to writing"),
        Binding("e", "export", "Export"),
    ]

    def __init__(self, session: Session, *, glossary: Glossary | None = None) -> None:
        super().__init__()
        self.session = session
        self.glossary = glossary
        """The glossary the export uses; read from the app's data files when not given."""
        self._narrow: bool | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        missing = [
            s
            for s in self.session.steps()
            if not s.removed and not is_answered(s, self.session.review)
        ]
        if missing:
            yield Static(
                f"{len(missing)} prompt{'s' if len(missing) != 1 else ''} not yet answered: "
                "choose one and press Enter to go there.",
                classes="field-warning",
            )
            yield OptionList(
                *[Option(literal(f"{s.section.title}: {s.title}"), id=s.id) for s in missing],
                id="unanswered",
            )
        else:
            yield Static("Every prompt has an answer.", classes="muted")
        yield InertMarkdownViewer(id="report", show_table_of_contents=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "Review and export"
        self.sub_title = plain(self.session.path.name)
        self._draw(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._draw(event.size.width)

    def _draw(self, width: int) -> None:
        """Draw the report for this width (again when it crosses :data:`TABLE_WIDTH`)."""
        narrow = width < TABLE_WIDTH
        if narrow != self._narrow:
            self._narrow = narrow
            self.show_report(snapshot(self.session.review), narrow=narrow)

    def _glossary(self) -> Glossary | None:
        """The glossary given, else the app's (read from its file here, off the loop)."""
        if self.glossary is not None:
            return self.glossary
        loaded = getattr(self.app, "loaded_glossary", None)
        if isinstance(loaded, Glossary):
            return loaded
        data = getattr(self.app, "data_files", None)
        if not isinstance(data, DataFiles):
            return None
        try:
            return data.glossary
        except UserError:
            return None  # a broken glossary: the app says so when the checks run

    @work(thread=True, exclusive=True, group="report")
    def show_report(self, review: Review, *, narrow: bool = False) -> None:
        """Make the report from a snapshot of the review and show it (``narrow``: the
        chronology one block per entry)."""
        markdown = to_markdown(review, self.session.catalogue, self._glossary(), narrow=narrow)
        self.app.call_from_thread(self._show, markdown)

    def _show(self, markdown: str) -> AwaitComplete:
        """Show the report (awaited by the worker, so it is on screen when the worker ends)."""
        return self.query_one("#report", InertMarkdownViewer).document.update(markdown)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(GoTo(event.option.id) if event.option.id else None)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        self.post_message(ExportReport())
