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
from imr_tui.tui.literal import plain
from imr_tui.tui.messages import OpenReview
from imr_tui.tui.room_watch import FolderState, folder_state
from imr_tui.tui.screens.new_review import NewReviewScreen
from imr_tui.tui.widgets.quiet_footer import QuietFooter

COLUMNS = (("File", 16), ("Agency", 16), ("Adult", 13), ("Last saved", 16), ("Done", 5))
"""The table's columns and their widths."""


class StartScreen(Screen[None]):
    """Lists the reviews; Enter opens one, n starts a new one.

    Whatever else the folder holds under a review's name (a file that may not be
    read, a link, a folder, a pipe, a broken file) is named under the list, one line
    each saying why it cannot be opened. Every name is shown as it is, never as markup.

    In a served workshop the title names the trainee (as typed), not their folder, and
    the app's room watch tells the screen when the folder changed
    (:meth:`folder_looked`): it lists again, keeping the row chosen, and says which
    file the trainer gave.
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
        self.listed: FolderState | None = None
        """The folder as the table shows it (None: not listed yet)."""
        self.listing = False
        """A listing is under way (what the folder holds is not on screen yet)."""

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
        trainee = self.trainee_name()
        self.sub_title = plain(trainee) if trainee else f"folder: {shown_name(self.workspace.name)}"
        self.action_reload()

    def trainee_name(self) -> str:
        """The served trainee's name as typed (``""``: not a served workshop)."""
        from imr_tui.tui.app import IMRApp

        app = self.app
        if isinstance(app, IMRApp) and app.trainee is not None:
            return app.trainee.name
        return ""

    def action_reload(self) -> None:
        """Read the folder again, off the event loop (every review file is read and parsed)."""
        self.listing = True
        self.read_folder()

    @work(thread=True, exclusive=True, group="listing")
    def read_folder(self) -> Listing:
        """List the workspace in a thread; the table is filled on the event loop."""
        state = folder_state(self.workspace)  # before reading: a later change is seen
        listing = list_workspace(self.workspace, self.catalogue)
        self.app.call_from_thread(self.show_listing, listing, state)
        return listing

    def folder_looked(self, found: FolderState) -> None:
        """The room watch found the folder changed since it was listed: list it again
        and name each review file that is new (the trainer handed it out)."""
        listed = self.listed
        if self.listing or listed is None:
            return  # a listing under way shows it, or the next look sees it
        if found.names == listed.names and found.stamp == listed.stamp:
            self.listed = found  # no longer fresh
            return
        self.action_reload()
        for name in sorted(found.names - listed.names):
            self.app.notify(
                f"The trainer gave you {shown_name(name)}.",
                title="A review",
                timeout=10,
                markup=False,
            )

    def show_listing(self, listing: Listing, state: FolderState | None = None) -> None:
        """Fill the table with the reviews, and name what cannot be opened under it; the
        row chosen stays chosen."""
        self.listing = False
        first = self.listed is None
        self.listed = state
        table: DataTable[Text] = self.query_one(DataTable)
        cursor = table.cursor_row
        chosen = self.paths[cursor] if table.display and 0 <= cursor < len(self.paths) else None
        was_shown = table.display and bool(self.paths)
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
        if chosen in self.paths:
            table.move_cursor(row=self.paths.index(chosen))
        if first or was_shown != table.display or self.focused is None:
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
