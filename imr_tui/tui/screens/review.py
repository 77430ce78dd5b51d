"""The whole report as it will be exported, what is still missing, and export."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core.session import Session
from imr_tui.core.steps import is_answered
from imr_tui.report.markdown import to_markdown
from imr_tui.tui.literal import literal, plain
from imr_tui.tui.messages import ExportReport
from imr_tui.tui.widgets.inert_markdown import InertMarkdownViewer


class ReviewScreen(Screen[str | None]):
    """Shows the report; choosing a missing prompt returns its step id to jump to.

    Prompt titles (a Terms of Reference heading is one) and the report are the
    author's text: shown literally, and a link in the report opens nothing.
    """

    BINDINGS = [
        Binding("escape", "back", "Back to writing"),
        Binding("e", "export", "Export"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

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
        yield InertMarkdownViewer(
            to_markdown(self.session.review, self.session.catalogue),
            id="report",
            show_table_of_contents=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Review and export"
        self.sub_title = plain(self.session.path.name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        self.post_message(ExportReport())
