"""The start screen: the reviews in the workspace, and "New review"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.steps import overall
from imr_tui.core.workspace import list_reviews, load_listed, shown_name
from imr_tui.tui.messages import OpenReview
from imr_tui.tui.screens.new_review import NewReviewScreen


def summarise(path: Path, review: Review, catalogue: Catalogue) -> list[str]:
    """``[file, agency, adult, last saved, done]`` for one review."""
    adults = [a.name for a in review.adults if a.name.strip()]
    adult = adults[0] + (f" +{len(adults) - 1}" if len(adults) > 1 else "") if adults else ""
    saved = review.meta.last_saved
    when = saved.astimezone().strftime("%d/%m/%Y %H:%M") if isinstance(saved, datetime) else ""
    done, total = overall(catalogue, review)
    return [shown_name(path.name), review.answer("agency"), adult, when, f"{done}/{total}"]


class StartScreen(Screen[None]):
    """Lists the reviews; Enter opens one, n starts a new one.

    Whatever else the folder holds under a review's name (a file that may not be
    read, a link, a folder, a pipe, a broken file) is named under the list, one line
    each saying why it cannot be opened. Every name is shown as it is, never as markup.
    """

    DEFAULT_CSS = """
    StartScreen #unusable {
        height: auto;
        max-height: 8;
        overflow-y: auto;
    }
    """

    BINDINGS = [
        Binding("n", "new", "New review"),
        Binding("r", "reload", "Refresh", show=False),
    ]

    def __init__(self, workspace: Path, catalogue: Catalogue) -> None:
        super().__init__()
        self.workspace = workspace
        self.catalogue = catalogue
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="start"):
            yield Static(self.catalogue.title, id="start-title", markup=False)
            yield Static(
                "Choose a review and press Enter to carry on where you left off, "
                "or press n to start a new one. Your answers are saved as you type.",
                classes="muted",
            )
            table: DataTable[Text] = DataTable(id="reviews", cursor_type="row")
            yield table
            yield Static("", id="no-reviews", classes="muted", markup=False)
            yield Static("", id="unusable", classes="muted", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("New review (n)", id="new", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "imr-tui"
        self.sub_title = f"folder: {shown_name(self.workspace.name)}"
        self.action_reload()

    def action_reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for title, width in (
            ("File", 16),
            ("Agency", 16),
            ("Adult", 13),
            ("Last saved", 16),
            ("Done", 5),
        ):
            table.add_column(Text(title), width=width)
        self.paths = []
        unusable: list[str] = []
        try:
            listed = list_reviews(self.workspace)
        except UserError as e:
            listed, problem = [], str(e)
        else:
            problem = "There are no reviews here yet. Press n to start one."
        for entry in listed:
            review, entry = load_listed(entry, self.catalogue)
            if review is None:
                unusable.append(entry.line())
                continue
            self.paths.append(entry.path)
            table.add_row(
                *[
                    Text(c, overflow="ellipsis", no_wrap=True)
                    for c in summarise(entry.path, review, self.catalogue)
                ]
            )
        empty = self.query_one("#no-reviews", Static)
        empty.update("" if self.paths else problem)
        notes = self.query_one("#unusable", Static)
        heading = "Cannot be opened:" if unusable else ""
        notes.update("\n".join([heading, *unusable]))
        notes.display = bool(unusable)
        table.display = bool(self.paths)
        (table if self.paths else self.query_one("#new", Button)).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.paths):
            self.post_message(OpenReview(self.paths[event.cursor_row]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new":
            self.action_new()

    def action_new(self) -> None:
        def chosen(name: str | None) -> None:
            if name:
                self.post_message(OpenReview(self.workspace / name, confirmed=True))

        self.app.push_screen(NewReviewScreen(self.workspace), chosen)

    def on_screen_resume(self) -> None:
        self.action_reload()
