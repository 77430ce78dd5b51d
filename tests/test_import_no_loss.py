"""Importing a spreadsheet never drops a word.

Headings that are not listed whole in ``columns.toml`` but are made of known words
are matched by their words (and the preview says so); a heading whose words name
two columns is not guessed; a column with text that still has no place stops the
import in every path (``--yes``, at a terminal, the Textual screen) until the author
says where it goes, unless the catalogue puts such text into a column, labelled
with its heading. After every import that goes ahead, each cell of text in the
spreadsheet is found in the saved review.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import OptionList, Select, Static
from tui_helpers import SIZE, settled, until

from imr_tui.chronology import map_columns, parse_table, preview
from imr_tui.chronology.mapping import BY_WORDS, EXACT
from imr_tui.cli.chronology import cmd_import
from imr_tui.cli.parser import build_parser
from imr_tui.core.catalogue import Catalogue, default_prompts_dir, load_catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.core.lock import lock_path
from imr_tui.core.model import Review
from imr_tui.core.store import create, load, new_review
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.chronology_import import ChronologyImportScreen

if TYPE_CHECKING:
    from conftest import Imr

# A board's spreadsheet: no heading but the first is listed whole in columns.toml's
# synonyms; "Case jottings" is not known at all; "Outcome / action taken" names two
# columns; cells hold line breaks, commas and quotes.
HEADINGS = [
    "Date of contact",
    "Time",
    "Event ref no.",
    "Who the contact was with",
    "Details of contact / event",
    "Action / decision taken",
    "Outcome / impact",
    "Case jottings",
    "Outcome / action taken",
    "Nothing here",
]
ROWS = [
    [
        "11/03/2025",
        "9:05",
        "EPR-0012",
        "Amy Hart, staff nurse",
        'Home visit.\nAdult A said "I\'m managing";\nthe home was cold.',
        "Raised at team meeting, 12/03",
        "Ulcer healing",
        "Daughter phoned later\nasked for a call back",
        "Referral to social care",
        "",
    ],
    [
        "12/03/2025",
        "",
        "",
        "Duty social worker",
        "Phone call, no answer",
        "",
        "",
        "Tried twice",
        "",
        "",
    ],
]


def sheet(headings: list[str] = HEADINGS, rows: list[list[str]] = ROWS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue()


def saved_text(review: Review) -> list[str]:
    """Every piece of text in the saved chronology, field by field."""
    return [
        text
        for e in review.chronology
        for text in (e.source, e.reference, *e.cells.values())
        if text
    ]


def assert_every_cell_found(
    headings: list[str], rows: list[list[str]], review: Review, when: set[str]
) -> None:
    """Each non-empty cell's text is in the saved entries (the date and time columns,
    ``when``, are read as dates and times and checked by count)."""
    assert len(review.chronology) == len(rows)
    found = "\n".join(saved_text(review))
    for row in rows:
        for heading, cell in zip(headings, row, strict=True):
            if cell.strip() and heading not in when:
                assert cell.strip() in found, (heading, cell)


@pytest.fixture
def catalogue() -> Catalogue:
    return load_catalogue()


# ---------------------------------------------------------------- headings by meaning


@pytest.mark.parametrize(
    ("heading", "field", "how"),
    [
        ("Details of contact / event", "event", BY_WORDS),
        ("Action taken / decision", "action", BY_WORDS),
        ("Outcome / impact", "outcome", BY_WORDS),
        ("What happened / event", "event", BY_WORDS),
        ("Event details", "event", BY_WORDS),
        ("Action / decision taken", "action", BY_WORDS),
        ("Actions agreed", "action", BY_WORDS),
        ("Case notes", "event", BY_WORDS),
        ("Staff name & role", "practitioner", BY_WORDS),
        ("Date of the event", "date", BY_WORDS),
        ("Time of the incident", "time", BY_WORDS),
        ("Incident end date", "end_date", BY_WORDS),
        ("Finish time", "end_time", EXACT),
        ("Details of contact", "event", EXACT),
        ("Date of contact", "date", EXACT),
        ("Who the contact was with", "practitioner", EXACT),
        ("Purpose", "event", EXACT),
        ("Where further recording is", "source", EXACT),
        ("Significant event", "event", EXACT),
        ("Impact (positive or negative)", "outcome", EXACT),
        ("Ref", "reference", EXACT),
        ("Event ref no.", "reference", EXACT),
        ("Event ref number", "reference", BY_WORDS),
        ("End date", "end_date", EXACT),
        ("Start time", "time", EXACT),
        ("1. Date", "date", BY_WORDS),
        ("Reason for contact", "event", BY_WORDS),
        ("Recorded by", "practitioner", EXACT),
        ("Event No.", "reference", BY_WORDS),
    ],
)
def test_a_heading_made_of_known_words_maps_to_the_column_they_name(
    heading: str, field: str, how: str, catalogue: Catalogue
) -> None:
    mapping = map_columns([heading], catalogue)
    assert (mapping.fields[0], mapping.how[0]) == (field, how)
    assert mapping.describe(catalogue)[0][1].endswith(f"({how})")


@pytest.mark.parametrize(
    ("heading", "reason"),
    [
        ("Outcome / action taken", "its words could mean 'Action taken or decision' or 'Outcome'"),
        ("Outcome date", "its words could mean 'Date' or 'Outcome'"),
        ("End", "its words could mean 'End date' or 'End time'"),
        ("Date of birth", "its heading is not one imr-tui knows"),
        ("Contact number", "its words do not clearly name 'Reference'"),
        ("Case jottings", "its heading is not one imr-tui knows"),
        ("Date recorded", "its words could mean 'Date' or 'Source of information'"),
    ],
)
def test_a_heading_whose_words_name_two_columns_or_none_is_not_guessed(
    heading: str, reason: str, catalogue: Catalogue
) -> None:
    mapping = map_columns([heading], catalogue)
    assert mapping.fields == ("",)
    assert mapping.reasons[0].startswith(reason)
    assert mapping.describe(catalogue)[0][1] == f"not imported: {mapping.reasons[0]}"


def test_the_preview_says_how_sure_each_mapping_is(catalogue: Catalogue) -> None:
    table = parse_table(sheet(), "board.csv", catalogue=catalogue)
    described = dict(map_columns(table.headers, catalogue).describe(catalogue))
    assert described["'Date of contact' (column A)"] == "Date (exact heading)"
    assert described["'Details of contact / event' (column E)"] == (
        "Event / what happened (by its words)"
    )
    assert described["'Case jottings' (column H)"].startswith("not imported: its heading")


# ---------------------------------------------------------------- the command


def review_in(folder: Path) -> Path:
    path = folder / "r.toml"
    create(path, load_catalogue())
    return path


def test_yes_refuses_naming_each_column_and_the_map_that_places_it(
    imr: Imr, tmp_path: Path
) -> None:
    path = review_in(tmp_path)
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")
    before = path.read_bytes()
    result = imr("chronology", "import", "r.toml", "board.csv", "--yes")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("imr: board.csv: nothing imported: 'Case jottings' (column H)")
    for heading, letter in (("Case jottings", "H"), ("Outcome / action taken", "I")):
        assert f"'{heading}' (column {letter}) has text but no place" in result.stderr
        assert f"--map '{heading}=COLUMN'" in result.stderr
        assert f"--map '{heading}=skip'" in result.stderr
    assert "Nothing here" not in result.stderr  # no text, nothing to decide
    assert "'Case jottings' (column H)" in result.stdout  # the preview said so first
    assert path.read_bytes() == before
    assert not lock_path(path).exists()


def test_the_map_named_is_one_a_shell_takes_as_it_is(imr: Imr, tmp_path: Path) -> None:
    path = review_in(tmp_path)
    (tmp_path / "board.csv").write_text(
        "Date,Adult's view\n11/03/2025,Wanted to stay at home\n", encoding="utf-8"
    )
    result = imr("chronology", "import", "r.toml", "board.csv", "--yes")
    assert result.returncode == 2
    assert "--map 'Adult'\"'\"'s view=COLUMN'" in result.stderr
    again = imr(
        "chronology", "import", "r.toml", "board.csv", "--yes", "--map", "Adult's view=event"
    )
    assert again.returncode == 0, again.stderr
    assert load(path).chronology[0].cells == {"event": "Wanted to stay at home"}


def test_yes_with_maps_imports_every_word(imr: Imr, tmp_path: Path) -> None:
    path = review_in(tmp_path)
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")
    result = imr(
        "chronology",
        "import",
        "r.toml",
        "board.csv",
        "--yes",
        "--map",
        "Case jottings=labelled",
        "--map",
        "Outcome / action taken=outcome",
    )
    assert result.returncode == 0, result.stderr
    assert "'Case jottings' (column H)" in result.stdout
    assert "-> Event / what happened, labelled with its heading (as chosen)" in result.stdout
    review = load(path)
    assert_every_cell_found(HEADINGS, ROWS, review, {"Date of contact", "Time"})
    first = review.chronology[0]
    assert (first.date, first.time, first.reference) == ("2025-03-11", "09:05", "EPR-0012")
    assert first.cells["event"] == (
        'Home visit.\nAdult A said "I\'m managing";\nthe home was cold.\n'
        "Case jottings: Daughter phoned later\nasked for a call back"
    )
    # Two columns fill the outcome: the second's text says which column it came from.
    assert first.cells["outcome"] == (
        "Ulcer healing\nOutcome / action taken: Referral to social care"
    )
    assert "'Outcome / action taken' (column I)      -> Outcome, labelled with its heading" in (
        result.stdout
    )


def test_yes_with_skip_leaves_out_only_what_was_named(imr: Imr, tmp_path: Path) -> None:
    path = review_in(tmp_path)
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")
    args = ["chronology", "import", "r.toml", "board.csv", "--yes"]
    result = imr(*args, "--map", "Case jottings=skip")
    assert result.returncode == 2  # the ambiguous column still has no place
    assert "'Case jottings'" not in result.stderr
    assert "'Outcome / action taken' (column I)" in result.stderr
    result = imr(*args, "--map", "Case jottings=skip", "--map", "column I=skip")
    assert result.returncode == 0, result.stderr
    assert "'Case jottings' (column H) is left out, as you chose: 2 rows have text" in (
        result.stdout
    )
    assert len(load(path).chronology) == 2


def run_at_terminal(folder: Path, answers: list[str]) -> tuple[int, list[str]]:
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        if not answers:
            raise EOFError
        return answers.pop(0)

    args = build_parser().parse_args(["chronology", "import", "r.toml", "board.csv"])
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        return cmd_import(args, ask=ask, interactive=True), asked
    finally:
        os.chdir(cwd)


def test_at_a_terminal_the_author_says_where_each_column_goes(tmp_path: Path) -> None:
    path = review_in(tmp_path)
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")
    code, asked = run_at_terminal(tmp_path, ["labelled", "action", "y"])
    assert code == 0
    assert asked[0].startswith("'Case jottings' (column H) has text but no place")
    assert asked[1].startswith("'Outcome / action taken' (column I) has text but no place")
    assert "could mean 'Action taken or decision' or 'Outcome'" in asked[1]
    assert asked[2] == "Import 2 entries into r.toml? [y/N] "
    review = load(path)
    assert_every_cell_found(HEADINGS, ROWS, review, {"Date of contact", "Time"})
    assert (
        review.chronology[1].cells["event"] == "Phone call, no answer\nCase jottings: Tried twice"
    )


def test_at_a_terminal_leaving_a_column_out_is_confirmed(tmp_path: Path) -> None:
    path = review_in(tmp_path)
    before = path.read_bytes()
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")
    # "skip" then "no" at the confirmation: asked again; no answer at all: refused.
    with pytest.raises(UserError, match="'Case jottings' \\(column H\\) has text but no place"):
        run_at_terminal(tmp_path, ["skip", "n", "", ""])
    assert path.read_bytes() == before
    code, asked = run_at_terminal(tmp_path, ["skip", "y", "skip", "yes", "y"])
    assert code == 0
    assert asked[1] == (
        "  Leave out 'Case jottings' (column H)? Its text in 2 rows will not be imported. [y/N] "
    )
    assert "Tried twice" not in "\n".join(saved_text(load(path)))


def board_with_unmapped_event(tmp_path: Path) -> Path:
    folder = tmp_path / "board"
    folder.mkdir()
    text = (default_prompts_dir() / "imr.toml").read_text(encoding="utf-8")
    assert 'unmapped = "ask"' in text
    (folder / "imr.toml").write_text(
        text.replace('unmapped = "ask"', 'unmapped = "event"'), encoding="utf-8"
    )
    return folder


def test_the_catalogue_can_put_unplaced_text_into_the_event_column_labelled(
    imr: Imr, tmp_path: Path
) -> None:
    folder = board_with_unmapped_event(tmp_path)
    path = review_in(tmp_path)
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")
    result = imr("chronology", "import", "r.toml", "board.csv", "--yes", "--prompts", folder)
    assert result.returncode == 0, result.stderr
    assert (
        "-> Event / what happened, labelled with its heading (as the catalogue says)"
        in result.stdout
    )
    review = load(path)
    assert_every_cell_found(HEADINGS, ROWS, review, {"Date of contact", "Time"})
    assert (
        review.chronology[0]
        .cells["event"]
        .endswith(
            "Case jottings: Daughter phoned later\nasked for a call back\n"
            "Outcome / action taken: Referral to social care"
        )
    )


def test_a_catalogue_naming_no_column_for_unplaced_text_is_refused(tmp_path: Path) -> None:
    folder = board_with_unmapped_event(tmp_path)
    text = (folder / "imr.toml").read_text(encoding="utf-8")
    (folder / "imr.toml").write_text(
        text.replace('unmapped = "event"', 'unmapped = "notes"'), encoding="utf-8"
    )
    with pytest.raises(UserError, match="unmapped: 'notes' is not a column: use ask or one of"):
        load_catalogue(folder)


# ---------------------------------------------------------------- any spreadsheet

_WORDS = st.sampled_from(
    ["Jottings", "Misc", "Extra", "Colour", "Flag", "Notes2", "Zq", "Other info", "Remarks x"]
)
_CELL = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "N", "P", "Zs"), include_characters="\n,;\"'"
    ),
    max_size=30,
).map(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    extra=st.lists(_WORDS, min_size=1, max_size=3, unique=True),
    cells=st.lists(st.lists(_CELL, min_size=5, max_size=5), min_size=1, max_size=4),
)
def test_every_cell_of_text_is_found_after_an_import(
    extra: list[str], cells: list[list[str]]
) -> None:
    catalogue = load_catalogue()
    headings = ["Date", "Source", "Event details", *extra]
    rows = [[f"{10 + n:02d}/03/2025", *row[: len(headings) - 1]] for n, row in enumerate(cells)]
    table = parse_table(sheet(headings, rows), "any.csv", catalogue=catalogue)
    mapping = map_columns(table.headers, catalogue)
    found = preview(table, mapping, new_review(catalogue), catalogue)
    texts = [r[i] for r in rows for i in range(3, len(headings)) if r[i].strip()]
    if texts:  # an unknown column with text: never imported as it stands
        assert found.entries == [] and found.unplaced and found.blocked
    labelled = map_columns(table.headers, catalogue, {h: "labelled" for h in extra})
    found = preview(table, labelled, new_review(catalogue), catalogue)
    assert found.problems == [] and not found.blocked
    assert len(found.entries) == len(rows)
    review = new_review(catalogue)
    review.chronology = found.entries
    every = "\n".join(saved_text(review))
    for row in rows:
        for cell in row[1:]:
            assert " ".join(cell.split()) in " ".join(every.split()), cell


def test_a_comma_file_whose_cells_hold_semicolons_is_read_at_its_commas(
    catalogue: Catalogue,
) -> None:
    headings = ["Date", "Source", "Event details", "Jottings"]
    rows = [["10/03/2025", ";;", "Called twice; no answer; left a message", ""]]
    table = parse_table(sheet(headings, rows), "any.csv", catalogue=catalogue)
    assert table.delimiter == "," and table.headers == tuple(headings)
    found = preview(table, map_columns(table.headers, catalogue), new_review(catalogue), catalogue)
    assert found.entries[0].cells == {"event": "Called twice; no answer; left a message"}


# ---------------------------------------------------------------- the interview


async def open_the_only_spreadsheet(pilot: Pilot[int], app: IMRApp) -> ChronologyImportScreen:
    """At the chronology, press i, and choose the one spreadsheet the dialog lists."""
    from tui_helpers import go_to

    await go_to(pilot, "chronology")
    await pilot.press("i")
    await until(pilot, lambda: isinstance(app.screen, ChronologyImportScreen), "the dialog")
    screen = app.screen
    assert isinstance(screen, ChronologyImportScreen)
    files = screen.query_one("#files", OptionList)
    await until(pilot, lambda: files.option_count == 1, "the file list")
    files.focus()
    files.highlighted = 0
    await pilot.press("enter")
    return screen


async def test_the_interview_asks_where_each_column_goes_before_importing(
    tmp_path: Path,
) -> None:
    data = DataFiles.resolve(None)
    path = tmp_path / "r.toml"
    create(path, data.catalogue)
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")
    app = create_app(data.catalogue, path=path, data_files=data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_the_only_spreadsheet(pilot, app)
        await until(pilot, lambda: bool(screen.query(Select)), "the choices")
        summary = str(screen.query_one("#import-summary", Static).render())
        assert "board.csv: nothing imported: 'Case jottings' (column H) has text" in summary
        shown = "\n".join(str(w.render()) for w in screen.query(Static))
        assert "'Case jottings' (column H) (its heading is not one imr-tui knows)" in shown
        assert screen.query_one("#import").disabled
        first, second = screen.query(Select).results(Select)
        # Case jottings: into the event column, labelled (the first choice listed).
        first.focus()
        await pilot.press("enter")
        await pilot.pause()
        labelled = [v for _, v in first._options].index("labelled")
        assert labelled == 1  # straight after the prompt: seen as soon as the list opens
        await pilot.press(*["down"] * labelled, "enter")
        await until(pilot, lambda: first.value == "labelled", "the first choice")
        # Outcome / action taken: into the outcome column.
        second.focus()
        await pilot.press("enter")
        await pilot.pause()
        target = [v for _, v in second._options].index("outcome")
        await pilot.press(*["down"] * target, "enter")
        await until(pilot, lambda: second.value == "outcome", "the second choice")
        button = screen.query_one("#import")
        await until(pilot, lambda: not button.disabled, "the import to be allowed")
        assert "2 new entries to add." in str(screen.query_one("#import-summary", Static).render())
        button.focus()
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ChronologyImportScreen), "close")
        await settled(pilot, app)
    review = load(path)
    assert_every_cell_found(HEADINGS, ROWS, review, {"Date of contact", "Time"})
    assert "Case jottings: Tried twice" in review.chronology[1].cells["event"]


async def test_the_interview_uses_the_boards_setting_for_unplaced_text(tmp_path: Path) -> None:
    folder = board_with_unmapped_event(tmp_path)
    shutil.copy(default_prompts_dir() / "columns.toml", folder / "columns.toml")
    data = DataFiles.resolve(folder)
    path = tmp_path / "r.toml"
    create(path, data.catalogue)
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")
    app = create_app(data.catalogue, path=path, data_files=data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_the_only_spreadsheet(pilot, app)
        await until(pilot, lambda: screen.found is not None, "the preview")
        assert not screen.query(Select)
        summary = str(screen.query_one("#import-summary", Static).render())
        assert "labelled with its heading (as the catalogue says)" in summary
        await pilot.press("enter")  # the Import button has the focus
        await until(pilot, lambda: not isinstance(app.screen, ChronologyImportScreen), "close")
        await settled(pilot, app)
    assert_every_cell_found(HEADINGS, ROWS, load(path), {"Date of contact", "Time"})


# ---------------------------------------------------------------- rows that cannot be read

# Row 3's date cannot be read; row 5 has 7 cells under 5 headings.
UNREADABLE = (
    "Date,Time,Source,Details,Outcome\r\n"
    "11/03/2025,09:05,GP surgery,Home visit,Seen\r\n"
    "not a date,10:00,GP surgery,Phoned the daughter,No answer\r\n"
    "12/03/2025,,Duty social worker,Phone call,Left a message\r\n"
    "13/03/2025,,Ward 4,Admitted,Stable,extra one,extra two\r\n"
)


def test_yes_refuses_when_a_row_cannot_be_read_naming_each_row(imr: Imr, tmp_path: Path) -> None:
    path = review_in(tmp_path)
    (tmp_path / "z.csv").write_text(UNREADABLE, encoding="utf-8")
    before = path.read_bytes()
    result = imr("chronology", "import", "r.toml", "z.csv", "--yes")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("imr: z.csv: nothing imported: 2 rows cannot be read (row 3: ")
    problems = [
        line.strip()
        for line in result.stdout.splitlines()
        if line.startswith("  row 3:") or line.startswith("  row 5:")
    ]
    assert len(problems) == 2
    for problem in problems:  # worded as the preview words it
        assert problem in result.stderr
    assert "--skip-unreadable imports the other rows and leaves those out" in result.stderr
    assert "Rows that cannot be read (2; they are not imported):" in result.stdout
    assert "Imported" not in result.stdout
    assert path.read_bytes() == before
    assert not lock_path(path).exists()


def test_skip_unreadable_imports_the_other_rows(imr: Imr, tmp_path: Path) -> None:
    path = review_in(tmp_path)
    (tmp_path / "z.csv").write_text(UNREADABLE, encoding="utf-8")
    result = imr("chronology", "import", "r.toml", "z.csv", "--yes", "--skip-unreadable")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("Imported 2 entries into r.toml.\n")
    assert [e.cells["event"] for e in load(path).chronology] == ["Home visit", "Phone call"]
    assert not lock_path(path).exists()


def test_the_help_names_skip_unreadable(imr: Imr) -> None:
    result = imr("chronology", "import", "--help")
    assert "--skip-unreadable" in result.stdout
    assert "unless --skip-unreadable" in " ".join(result.stdout.split())


def test_at_a_terminal_rows_that_cannot_be_read_are_listed_then_asked(tmp_path: Path) -> None:
    path = review_in(tmp_path)
    (tmp_path / "board.csv").write_text(UNREADABLE, encoding="utf-8")
    before = path.read_bytes()
    code, asked = run_at_terminal(tmp_path, ["n"])
    assert code == 1
    assert asked == ["Import 2 entries into r.toml (2 rows that cannot be read left out)? [y/N] "]
    assert path.read_bytes() == before
    code, asked = run_at_terminal(tmp_path, ["y"])
    assert code == 0
    assert len(load(path).chronology) == 2


def test_at_a_terminal_every_column_is_shown_before_asking_about_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review_in(tmp_path)
    (tmp_path / "board.csv").write_text(sheet(), encoding="utf-8")

    def ask(question: str) -> str:
        print("<<asked>>")
        return answers.pop(0)

    answers = ["labelled", "action", "y"]
    args = build_parser().parse_args(["chronology", "import", "r.toml", "board.csv"])
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert cmd_import(args, ask=ask, interactive=True) == 0
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    before_asking = out.split("<<asked>>")[0]
    assert before_asking.startswith("Reading board.csv (UTF-8, comma separated;")
    assert "Columns:" in before_asking
    assert "'Date of contact' (column A)" in before_asking
    assert re.search(r"'Case jottings' \(column H\) +-> not imported:", before_asking)
    # The columns as the author placed them are shown again, once.
    after = out.split("<<asked>>", 1)[1]
    assert out.count("Columns:") == 1
    assert "Columns, as you said:" in after
    assert "labelled with its heading (as chosen)" in after


def test_a_closed_output_pipe_ends_quietly_and_imports_nothing(tmp_path: Path) -> None:
    """``imr chronology import ... | head``: the preview is cut short; no traceback,
    and the review is as it was, since writing comes after the preview."""
    path = review_in(tmp_path)
    before = path.read_bytes()
    rows = "".join(f"{n} March,,GP surgery,Row {n} cannot be read,\r\n" for n in range(3000))
    (tmp_path / "z.csv").write_text(UNREADABLE + rows, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    command = ["chronology", "import", "r.toml", "z.csv", "--yes", "--skip-unreadable"]
    process = subprocess.Popen(
        [sys.executable, "-m", "imr_tui", *command],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = [process.stdout.readline() for _ in range(8)]
    process.stdout.close()
    stderr = process.stderr.read().decode()
    code = process.wait(timeout=60)
    assert first[0].startswith(b"Reading z.csv")
    assert "Traceback" not in stderr
    assert stderr == ""
    assert code == 1
    assert path.read_bytes() == before
    assert not lock_path(path).exists()


async def test_the_interview_shows_the_rows_that_cannot_be_read_before_importing(
    tmp_path: Path,
) -> None:
    data = DataFiles.resolve(None)
    path = tmp_path / "r.toml"
    create(path, data.catalogue)
    # Square brackets in the row's text are shown as they are, never read as markup.
    (tmp_path / "z.csv").write_text(
        UNREADABLE.replace("not a date", "[b]not a date[/b]"), encoding="utf-8"
    )
    app = create_app(data.catalogue, path=path, data_files=data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_the_only_spreadsheet(pilot, app)
        await until(pilot, lambda: screen.found is not None, "the preview")
        await pilot.pause()
        summary = str(screen.query_one("#import-summary", Static).render())
        assert "2 new entries to add.\nRows that cannot be read (2; they are not imported):\n" in (
            summary
        )
        assert "  row 3: the date '[b]not a date[/b]' is not a date" in summary
        assert "  row 5: it has 7 cells but there are 5 headings" in summary
        on_screen = "\n".join(strip.text for strip in screen._compositor.render_strips())
        assert "Rows that cannot be read (2; they are not imported):" in on_screen
        assert "row 3: the date '[b]not a date[/b]'" in on_screen
        assert "row 5: it has 7 cells" in on_screen
        button = screen.query_one("#import")
        assert not button.disabled
        await pilot.press("enter")  # the Import button has the focus
        await until(pilot, lambda: not isinstance(app.screen, ChronologyImportScreen), "close")
        shown = [n.message for n in app._notifications]
        assert "2 entries added. 2 rows that cannot be read were left out (rows 3, 5)." in shown
        await settled(pilot, app)
    assert [e.cells["event"] for e in load(path).chronology] == ["Home visit", "Phone call"]


class ClosedPipe(io.StringIO):
    """Standard output sent into a pipe whose reader has gone: held in a buffer, and
    refused when it is flushed."""

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_pipe_found_closed_at_the_flush_stops_the_import_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imr_tui.cli.main import main

    path = review_in(tmp_path)
    before = path.read_bytes()
    (tmp_path / "z.csv").write_text(UNREADABLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    code = main(["chronology", "import", "r.toml", "z.csv", "--yes", "--skip-unreadable"])
    assert code == 1
    assert path.read_bytes() == before
    assert not lock_path(path).exists()
