"""The start screen: the reviews in the workspace, and "New review"."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Static

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.controller import Listing, list_workspace
from imr_tui.core.workspace import shown_name
from imr_tui.tui.messages import OpenReview
from imr_tui.tui.screens.new_review import NewReviewScreen
from imr_tui.tui.widgets.quiet_footer import QuietFooter

COLUMNS = (("File", 16), ("Agency", 16), ("Adult", 13), ("Last saved", 16), ("Done", 5))
"""The table's columns and their widths."""


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
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "imr-tui"
        self.sub_title = f"folder: {shown_name(self.workspace.name)}"
        self.action_reload()

    def action_reload(self) -> None:
        """Read the folder again, off the event loop (every review file is read and parsed)."""
        self.read_folder()

    @work(thread=True, exclusive=True, group="listing")
    def read_folder(self) -> Listing:
        """List the workspace in a thread; the table is filled on the event loop."""
        listing = list_workspace(self.workspace, self.catalogue)
        self.app.call_from_thread(self.show_listing, listing)
        return listing

    def show_listing(self, listing: Listing) -> None:
        """Fill the table with the reviews, and name what cannot be opened under it."""
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)
        for title, width in COLUMNS:
            table.add_column(Text(title), width=width)
        self.paths = [row.path for row in listing.rows]
        for row in listing.rows:
            table.add_row(*[Text(c, overflow="ellipsis", no_wrap=True) for c in row.cells()])
        empty = self.query_one("#no-reviews", Static)
        problem = listing.problem or "There are no reviews here yet. Press n to start one."
        empty.update("" if self.paths else problem)
        notes = self.query_one("#unusable", Static)
        heading = "Cannot be opened:" if listing.unusable else ""
        notes.update("\n".join([heading, *listing.unusable]))
        notes.display = bool(listing.unusable)
        table.display = bool(self.paths)
        (table if self.paths else self.query_one("#new", Button)).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.paths):
            self.post_message(OpenReview(self.paths[event.cursor_row]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new":
            self.action_new()

    def action_new(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.post_message(OpenReview(path, confirmed=True))

        self.app.push_screen(NewReviewScreen(self.workspace), chosen)

    def on_screen_resume(self) -> None:
        self.action_reload()
