"""Bring in a chronology kept in a spreadsheet: choose the file, see what would happen, confirm.

Only files in the review's own folder can be chosen (by name, from a list), so the
screen never reads outside it. The folder is listed, and the chosen file read, on
worker threads, so a slow disk or a large spreadsheet never holds up the screen.
Nothing changes until the author confirms; the screen returns the preview and the
interview applies it. A column with text that has no place in the chronology (the
same rule as ``imr chronology import``) is listed with a choice of where it goes (a
column, into the event column labelled with its heading, or left out); until each
has one, nothing can be imported and the screen says why.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from imr_tui.chronology import ImportPreview, Table, map_columns, preview, read_table
from imr_tui.chronology.mapping import (
    LABELLED,
    SKIP,
    column_label,
    column_name,
    field_choices,
    field_title,
    labelled_field,
)
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.session import snapshot
from imr_tui.tui.literal import literal
from imr_tui.tui.worker_states import ENDED

SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".txt")
SHOWN_PROBLEMS = 12
"""How many row numbers the message after importing lists."""


def spreadsheet_files(folder: Path) -> list[Path]:
    """CSV and TSV files directly in the folder (no hidden files, no links leading out)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in SPREADSHEET_SUFFIXES
        and p.is_file()
        and not p.is_symlink()
        and not p.name.startswith(".")
    )


def unreadable_lines(found: ImportPreview) -> list[str]:
    """The rows that cannot be read, worded as ``imr chronology import`` words them."""
    if not found.problems:
        return []
    n = len(found.problems)
    return [
        f"Rows that cannot be read ({n}; they are not imported):",
        *(f"  {p}" for p in found.problems),
    ]


def left_out_message(found: ImportPreview) -> str:
    """What the author is told after importing about the rows left out, or nothing."""
    n = len(found.problems)
    if not n:
        return ""
    rows = ", ".join(str(p.row) for p in found.problems[:SHOWN_PROBLEMS])
    more = f" and {n - SHOWN_PROBLEMS} more" if n > SHOWN_PROBLEMS else ""
    return (
        f"{n} row{'' if n == 1 else 's'} that cannot be read {'was' if n == 1 else 'were'} "
        f"left out (row{'' if n == 1 else 's'} {rows}{more})."
    )


def describe(found: ImportPreview, catalogue: Catalogue) -> str:
    """What importing would do, in plain words: what is added and what is left out first
    (the rows that cannot be read in full), then where each column goes."""
    columns = [f"From {Path(found.table.name).name}:"]  # always in the review's folder
    columns += [f"  {heading} → {where}" for heading, where in found.mapping.describe(catalogue)]
    if found.blocked:
        return "\n".join([*columns, "", found.blocked])
    n = len(found.entries)
    lines = [f"{n} new entr{'y' if n == 1 else 'ies'} to add."]
    lines += unreadable_lines(found)
    if found.duplicates:
        lines.append(f"{len(found.duplicates)} already in the review (left out).")
    lines += ["", *columns]
    lines += found.notes
    return "\n".join(lines)


def place_options(
    catalogue: Catalogue, table: Table, index: int
) -> list[tuple[Content | str, str]]:
    """Where an unplaced column can go, as ``(words, value for the mapping)``.

    Keeping the text, labelled, comes first: it is seen as soon as the list opens,
    even at 24 rows where the list runs past the screen's foot.
    """
    into = field_title(catalogue, labelled_field(catalogue))
    label = column_label(table.headers, index)
    return [
        (literal(f"Into {into}, as '{label}: ...'"), LABELLED),
        *((literal(title), fid) for fid, title in field_choices(catalogue)),
        ("Leave it out: its text is not imported", SKIP),
    ]


class ChronologyImportScreen(ModalScreen[ImportPreview | None]):
    """Returns the preview to apply, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ChronologyImportScreen { align: center middle; }
    #import-unplaced { height: auto; }
    #import-unplaced Select { margin-bottom: 1; }
    """

    def __init__(self, folder: Path, review: Review, catalogue: Catalogue) -> None:
        super().__init__()
        self.folder = folder
        self.review = review
        self.catalogue = catalogue
        self.files: list[Path] = []
        """The spreadsheets in the folder, once it has been listed."""
        self.found: ImportPreview | None = None
        self.choices: dict[str | int, str] = {}
        self._table: Table | None = None
        """Where the author said each column with no place goes (column index to field)."""
        self._reading: Worker[ImportPreview | str] | None = None
        self._listing: Worker[list[Path]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Import a chronology from a spreadsheet", classes="question")
            yield Static(
                literal(f"Looking for spreadsheets in {self.folder.name}/..."),
                id="files-note",
                classes="muted",
                markup=False,
            )
            files = OptionList(id="files")
            files.display = False
            yield files
            with VerticalScroll(id="import-preview"):
                yield Vertical(id="import-unplaced")
                yield Static("", id="import-summary", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Import", id="import", variant="primary", compact=True, disabled=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._listing = self._list(self.folder)

    @work(thread=True, group="import-list", exit_on_error=False)
    def _list(self, folder: Path) -> list[Path]:
        """The spreadsheets in the folder (on a worker thread)."""
        return spreadsheet_files(folder)

    def _show_files(self, files: list[Path]) -> None:
        self.files = files
        note = self.query_one("#files-note", Static)
        if not files:
            note.update(
                literal(
                    f"There is no CSV or TSV file in {self.folder.name}/. Save the "
                    "spreadsheet as CSV in the same folder as the review, then come back here."
                )
            )
            return
        note.update(
            "Save the spreadsheet as CSV in the same folder as the review, then choose it here:"
        )
        options = self.query_one("#files", OptionList)
        options.add_options([Option(literal(p.name), id=p.name) for p in files])
        options.display = True
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id != "files":
            return
        path = self.folder / str(event.option.id)
        self.found = None
        self.choices = {}
        self._table = None
        self.query_one("#import-unplaced", Vertical).remove_children()
        self.query_one("#import", Button).disabled = True
        self.query_one("#import-summary", Static).update(literal(f"Reading {path.name}..."))
        self._reading = self._read(path, self.data_files(), snapshot(self.review), {})

    @work(thread=True, exclusive=True, group="import-preview", exit_on_error=False)
    def _read(
        self, source: Path | Table, data: DataFiles, review: Review, choices: dict[str | int, str]
    ) -> ImportPreview | str:
        """Read the file (unless already read) and work out what importing it would do with
        the author's ``choices`` (on a worker thread); returns the preview, or why not."""
        try:
            synonyms = data.synonyms
            table = (
                source
                if isinstance(source, Table)
                else read_table(source, self.catalogue, synonyms)
            )
            mapping = map_columns(table.headers, self.catalogue, choices, synonyms)
            return preview(table, mapping, review, self.catalogue)
        except UserError as e:
            return str(e)

    def _ask_where(self, found: ImportPreview) -> None:
        """A choice of where each column with text and no place goes."""
        box = self.query_one("#import-unplaced", Vertical)
        if not found.unplaced or box.children:
            return
        table = found.table
        box.mount(
            Static(
                "Some columns have text but no place in the chronology. Choose where each "
                "goes (nothing is imported until you do):",
                classes="question",
            )
        )
        for i in found.unplaced:
            reason = found.mapping.reasons[i]
            box.mount(
                Static(
                    literal(
                        f"{column_name(table.headers, i)} ({reason}), e.g. '{table.sample(i)}'"
                    ),
                    markup=False,
                ),
                Select(
                    place_options(self.catalogue, table, i),
                    prompt="Where does it go?",
                    id=f"place-{i}",
                    compact=True,
                ),
            )
        self.call_after_refresh(self._focus_first_choice)

    def _focus_first_choice(self) -> None:
        choices = self.query(Select)
        if choices:
            choices.first().focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """The author chose where a column goes: work out the import again."""
        event.stop()
        index = int(str(event.select.id).removeprefix("place-"))
        if isinstance(event.value, str):
            self.choices[index] = event.value
        else:
            self.choices.pop(index, None)
        table = self._table
        if table is None:
            return
        self.query_one("#import", Button).disabled = True
        self._reading = self._read(
            table, self.data_files(), snapshot(self.review), dict(self.choices)
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The folder has been listed: show its spreadsheets. The file chosen last has
        been read: show what importing would do."""
        if event.worker is self._listing and event.state in ENDED:
            self._show_files(self._listing.result or [])
        worker = self._reading
        if event.worker is not worker or event.state not in ENDED:
            return
        self._reading = None
        if event.state is WorkerState.SUCCESS and worker.result is not None:
            self._show(worker.result)
        elif event.state is WorkerState.ERROR:
            self._show(f"The file could not be read ({worker.error}).")

    def _show(self, found: ImportPreview | str) -> None:
        summary = self.query_one("#import-summary", Static)
        button = self.query_one("#import", Button)
        if isinstance(found, str):
            self.found = None
            summary.update(literal(found))
            button.disabled = True
            return
        self.found = found
        self._table = found.table
        self._ask_where(found)
        summary.update(literal(describe(found, self.catalogue)))
        n = len(found.entries)
        button.label = f"Import {n} entr{'y' if n == 1 else 'ies'}"
        button.disabled = not n or bool(found.blocked)
        if not button.disabled:
            button.focus()

    def data_files(self) -> DataFiles:
        """The app's data files (``--prompts``): their ``columns.toml`` knows the headings."""
        from imr_tui.tui.app import IMRApp

        app = self.app
        return app.data_files if isinstance(app, IMRApp) else DataFiles.resolve(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import" and self.found is not None:
            self.dismiss(self.found)
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
