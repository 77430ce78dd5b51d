"""Chronology in and out of spreadsheets: reading CSV/TSV, mapping headings, preview, export.

Hostile input throughout: missing and unknown columns, headings hidden inside other
words, impossible and US-ordered dates, encodings, quotes and line breaks in cells,
formula-like cells, thousands of rows, and a real spreadsheet program's round trip.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_lock import hold

from imr_tui.chronology import (
    ColumnMapping,
    ImportPreview,
    Table,
    apply,
    chronology_csv,
    field_choices,
    load_synonyms,
    map_columns,
    parse_table,
    preview,
    protect,
    read_table,
    unprotect,
    write_chronology_csv,
)
from imr_tui.chronology.mapping import COLUMNS_FILE, column_letter, normalise
from imr_tui.cli.chronology import cmd_import
from imr_tui.cli.parser import build_parser as _parser
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.chronology_order import display_order
from imr_tui.core.dates import (
    CellDate,
    DateError,
    FuzzyDate,
    full_year,
    parse_cell_date,
    parse_time,
)
from imr_tui.core.errors import UserError
from imr_tui.core.lock import lock_path
from imr_tui.core.model import ChronologyEntry, Review, ReviewPeriod
from imr_tui.core.session import Session
from imr_tui.core.store import create, load, new_review, save

if TYPE_CHECKING:
    from conftest import Imr

TODAY = date(2026, 6, 1)


def table_of(text: str, catalogue: Catalogue, name: str = "c.csv") -> Table:
    return parse_table(text, name, catalogue=catalogue)


def mapped(text: str, catalogue: Catalogue) -> tuple[Table, ColumnMapping]:
    table = table_of(text, catalogue)
    return table, map_columns(table.headers, catalogue)


def preview_of(
    text: str, catalogue: Catalogue, review: Review | None = None, **overrides: str
) -> ImportPreview:
    table = table_of(text, catalogue)
    mapping = map_columns(table.headers, catalogue, dict(overrides) or None)
    return preview(table, mapping, review or new_review(catalogue), catalogue, today=TODAY)


def field_of(text: str, catalogue: Catalogue) -> str:
    """Where a single heading goes ("" when it is not imported)."""
    mapping = map_columns([text], catalogue)
    return mapping.fields[0]


def content(entries: list[ChronologyEntry]) -> list[tuple[object, ...]]:
    """Entries without their ids, in date order."""
    ordered = display_order(entries)
    return [(e.date, e.approximate, e.time, e.source, e.cells) for e in ordered]


def varied_review(catalogue: Catalogue) -> Review:
    """A review whose chronology holds everything a spreadsheet might mangle."""
    review = new_review(catalogue)
    review.chronology = [
        ChronologyEntry(
            date="2025-03-11",
            time="09:05",
            source="Electronic patient record",
            cells={
                "practitioner": "Amy Hart, staff nurse",
                "contact_type": "Home visit",
                "event": 'Dressed the ulcer. She said "I\'m managing";\nthe home was cold.',
                "action": "Raised at the team meeting",
            },
        ),
        ChronologyEntry(date="2025-03", source="Paper notes", cells={"event": "Referral sent"}),
        ChronologyEntry(
            date="2025", approximate=True, source="GP letter", cells={"event": "Known"}
        ),
        ChronologyEntry(
            date="2025-03-12", approximate=True, time="23:59", source='=HYPERLINK("x")'
        ),
        ChronologyEntry(date="2025-03-13", source="+44 1632 960123", cells={"event": "-fell"}),
        ChronologyEntry(date="2025-03-14", source="@home", cells={"outcome": "0012"}),
        ChronologyEntry(date="2025-03-15", source="Ref 007", cells={"event": "3/4"}),
        ChronologyEntry(date="2025-03-16", source="true", cells={"event": "1e5"}),
        ChronologyEntry(date="2025-03-17", source="Café notes — résumé", cells={"event": "Mar-25"}),
        ChronologyEntry(date="2025-03-18", time="00:00", source="Police log, 'C&C'"),
        ChronologyEntry(date="2025-03-19", source="x", cells={"event": "Line one\n\nLine three"}),
    ]
    return review


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso", "approximate", "time"),
    [
        ("11/03/2025", "2025-03-11", False, ""),
        ("11 March 2025", "2025-03-11", False, ""),
        ("11-Mar-2025", "2025-03-11", False, ""),
        ("Tuesday, 11 March 2025", "2025-03-11", False, ""),
        ("March 11, 2025", "2025-03-11", False, ""),
        ("2025-03-11", "2025-03-11", False, ""),
        ("2025-03-11 00:00:00", "2025-03-11", False, ""),
        ("2025-03-11T14:30:00", "2025-03-11", False, "14:30"),
        ("11/03/2025 9:05", "2025-03-11", False, "09:05"),
        ("11/03/2025 02:15 PM", "2025-03-11", False, "14:15"),
        ("Mar 2025", "2025-03", True, ""),
        ("Mar-2025", "2025-03", True, ""),
        ("March 2025", "2025-03", True, ""),
        ("?03/2025", "2025-03", True, ""),
        ("?11/03/2025", "2025-03-11", True, ""),
        ("c. 2024", "2024", True, ""),
        ("03/11/2025", "2025-11-03", False, ""),  # never US order: 3 November
    ],
)
def test_cell_dates(text: str, iso: str, approximate: bool, time: str) -> None:
    assert parse_cell_date(text, TODAY) == CellDate(FuzzyDate(iso, approximate), time)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("11/03/25", "2025-03-11"),
        ("11-Mar-25", "2025-03-11"),
        ("Mar-25", "2025-03"),
        ("01/01/26", "2026-01-01"),  # this year
        ("01/01/27", "1927-01-01"),  # next year would be the future: last century
        ("11/03/98", "1998-03-11"),
    ],
)
def test_two_digit_years_are_this_century_unless_in_the_future(text: str, iso: str) -> None:
    read = parse_cell_date(text, TODAY)
    assert read.date.iso == iso
    assert read.short_year


def test_full_year_rule() -> None:
    assert [full_year(y, TODAY) for y in (0, 25, 26, 27, 99)] == [2000, 2025, 2026, 1927, 1999]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31/02/2025", "not a real date"),
        ("11/13/2025", "read day first"),
        ("45727", "spreadsheet's number for a date"),
        ("Wed 11 March 2025", "was a Tuesday"),
        ("yesterday", "not a date"),
        ("March 25", "not a date"),  # could be 25 March: never guessed
        ("2025-03-11 25:00", "holds '25:00', which is not a time"),
    ],
)
def test_cell_dates_refused(text: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        parse_cell_date(text, TODAY)


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("9:05", "09:05"),
        ("0905", "09:05"),
        ("09.05", "09:05"),
        ("09:05:00", "09:05"),
        ("9:05 am", "09:05"),
        ("09:05:00 AM", "09:05"),
        ("12am", "00:00"),
        ("2pm", "14:00"),
        ("12:30 p.m.", "12:30"),
        ("noon", "12:00"),
    ],
)
def test_times(text: str, time: str) -> None:
    assert parse_time(text) == time


@pytest.mark.parametrize("text", ["25:00", "9:60", "13pm", "9", "afternoon", ""])
def test_times_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_time(text)


# ---------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Date", "date"),
        ("DATE OF CONTACT", "date"),
        ("  date_of_contact: ", "date"),
        ("Date (dd/mm/yyyy)", "date"),
        ("Date/period of event", "date"),
        ("When", "date"),
        ("Time", "time"),
        ("Source", "source"),
        ("Source of info.", "source"),
        ("Record", "source"),
        ("Source of information", "source"),
        ("Practitioner (name and role)", "practitioner"),
        ("Practitioner", "practitioner"),
        ("Staff", "practitioner"),
        ("Who the contact was with", "practitioner"),
        ("Type of contact", "contact_type"),
        ("Details", "event"),
        ("What happened?", "event"),
        ("Event / what happened", "event"),
        ("event-what-happened", "event"),
        ("Action taken", "action"),
        ("Outcome", "outcome"),
        ("Impact", "outcome"),
    ],
)
def test_headings_map_by_synonyms_ignoring_case_spacing_punctuation(
    heading: str, field: str, catalogue: Catalogue
) -> None:
    assert field_of(heading, catalogue) == field


@pytest.mark.parametrize(
    "heading",
    [
        "Sourcery",
        "Resource",
        "Sources used in review",
        "Dated",
        "Update",
        "Date of birth",
        "Timeline",
        "Overtime",
        "Whole",
        "Recorder",
        "Eventually",
        "Staffing",
        "Detailsx",
        "Outcome measure",
        "",
    ],
)
def test_names_inside_other_words_do_not_map(heading: str, catalogue: Catalogue) -> None:
    assert field_of(heading, catalogue) == ""


def test_normalise() -> None:
    assert normalise("  Date_of-CONTACT: ") == "date of contact"
    assert normalise("Action & decision") == "action and decision"
    assert normalise("Date\u00a0of\tcontact") == "date of contact"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_unknown_and_repeated_headings_are_listed_with_why(catalogue: Catalogue) -> None:
    text = (
        "Date,Date of contact,Notes2,,Details,Description,Blank\n11/03/2025,12/03/2025,x,y,a,b,\n"
    )
    table, mapping = mapped(text, catalogue)
    assert mapping.fields == ("date", "", "", "", "event", "event", "")
    assert "looks like the date too, which comes from 'Date' (column A)" in mapping.reasons[1]
    assert mapping.reasons[2] == "its heading is not one imr-tui knows"
    assert mapping.reasons[3] == "it has no heading"
    found = preview(table, mapping, new_review(catalogue), catalogue)
    # Columns with text that have no place stop the import; nothing is dropped.
    assert found.entries == [] and found.unplaced == [1, 2, 3]
    assert found.blocked.startswith("c.csv: nothing imported: 'Date of contact' (column B) has")
    assert "--map 'Notes2=COLUMN' or leave it out with --map 'Notes2=skip'" in found.blocked
    assert "--map 'column D=COLUMN'" in found.blocked
    assert "Blank" not in found.blocked  # an empty column needs no decision
    chosen = map_columns(
        table.headers,
        catalogue,
        {"Date of contact": "labelled", "Notes2": "skip", "column D": "action"},
    )
    found = preview(table, chosen, new_review(catalogue), catalogue)
    assert found.blocked == "" and found.unplaced == []
    assert found.entries[0].cells == {
        # in column order; the second column filling the event says which it is
        "event": "Date of contact: 12/03/2025\na\nDescription: b",
        "action": "y",
    }
    notes = "\n".join(found.notes)
    assert "'Notes2' (column C) is left out, as you chose: 1 row has text in it." in notes
    assert "'Blank' (column G) is left out: it has no text in any row." in notes


def test_overrides_by_heading_letter_and_title(catalogue: Catalogue) -> None:
    headers = ["When it was", "Notes", "Details", "Who", "Extra"]
    mapping = map_columns(
        headers,
        catalogue,
        {"when it was": "date", "Notes": "Event / what happened", "column E": "skip", "Who": ""},
    )
    assert mapping.fields == ("date", "event", "event", "", "")
    assert mapping.reasons[3] == mapping.reasons[4] == "left out as asked"


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"Nope": "date"}, "there is no column headed 'Nope' (the headings are: 'Date', 'Who')"),
        ({"Who": "evnt"}, "'evnt' is not a column of the chronology: use one of date, time,"),
        ({"Who": "date"}, "'Date' (column A) and 'Who' (column B) are both given to the date"),
    ],
)
def test_bad_overrides_are_plain_errors(
    overrides: dict[str | int, str], says: str, catalogue: Catalogue
) -> None:
    with pytest.raises(UserError) as info:
        map_columns(["Date", "Who"], catalogue, overrides | {"Date": "date"})
    assert str(info.value).startswith(says)


def test_columns_file_errors_name_the_file_and_key(tmp_path: Path, repo_root: Path) -> None:
    path = tmp_path / COLUMNS_FILE
    path.write_text('[synonyms]\ndate = ["when"]\ntime = ["When"]\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"columns.toml: synonyms.time: 'When' is also listed"):
        load_synonyms(path)
    path.write_text('[synonyms]\nDate = ["when"]\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"columns.toml: synonyms: 'Date' is not a field: use"):
        load_synonyms(path)
    path.write_text('[synonyms]\ndate = "when"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"columns.toml: synonyms: 'date': input should be"):
        load_synonyms(path)
    path.write_text('[synonym]\ndate = ["when"]\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"columns.toml: 'synonyms' is required \(and 1 more"):
        load_synonyms(path)
    assert load_synonyms(repo_root / "prompts").by_heading["date of contact"] == "date"


def test_shipped_synonyms_name_only_fields_of_the_catalogue(catalogue: Catalogue) -> None:
    fields = {fid for fid, _ in field_choices(catalogue)}
    assert set(load_synonyms().by_heading.values()) <= fields


# ---------------------------------------------------------------- reading


def test_missing_date_column_imports_nothing(catalogue: Catalogue) -> None:
    found = preview_of("Source,Details\nEPR,visit\n", catalogue)
    assert found.entries == []
    assert found.blocked.startswith("c.csv: no column holds the date")
    assert "'Source' (column A), 'Details' (column B)" in found.blocked


def test_bad_dates_and_times_are_reported_with_spreadsheet_row_numbers(
    catalogue: Catalogue,
) -> None:
    text = (
        "Date,Time,Source,Details\n"  # row 1
        '11/03/2025,09:05,EPR,"two\nlines"\n'  # row 2, two lines of the file
        "31/02/2025,,EPR,impossible\n"  # row 3
        "11/13/2025,,EPR,US order\n"  # row 4
        "12/03/2025,25:00,EPR,bad time\n"  # row 5
        "\n"  # row 6, blank
        "13/03/2025 10:00,11:00,EPR,two times\n"  # row 7
        "soon,,EPR,words\n"  # row 8
        "14/03/2025,,EPR,fine,extra\n"  # row 9: a cell too many
    )
    found = preview_of(text, catalogue)
    assert found.rows == [2]
    assert [str(p) for p in found.problems] == [
        "row 3: the date '31/02/2025' is not a real date (write it as 11/03/2025 or 2025-03-11)",
        "row 4: the date '11/13/2025' is not a real date: dates are read day first "
        "(dd/mm/yyyy) and there is no month 13; if it means 13/11/2025, write it that way",
        "row 5: the time '25:00' is not a time (write it as 14:30)",
        "row 7: the date '13/03/2025 10:00' holds the time 10:00 but the time column says 11:00",
        "row 8: the date 'soon' is not a date (write it as 11/03/2025 or 2025-03-11)",
        "row 9: it has 5 cells but there are 4 headings: a comma inside a cell that is not in "
        "quotes splits it in two",
    ]


def test_title_rows_above_the_headings_are_skipped(catalogue: Catalogue) -> None:
    text = "Chronology: Adult A,,\nNorthshire Trust,,\n,,\nDate,Source,Details\n11/03/2025,EPR,x\n"
    found = preview_of(text, catalogue)
    assert found.table.header_row == 4
    assert found.rows == [5]
    assert found.notes[0] == (
        "The headings are on row 4; rows 1 to 2 above them are a title, not imported."
    )


def test_bom_tsv_semicolons_and_encodings(tmp_path: Path, catalogue: Catalogue) -> None:
    body = 'Date\tSource\tDetails\n11/03/2025\tCafé — notes\t"a, b"\n'
    cases = {
        "bom.tsv": ("\ufeff" + body).encode("utf-8"),
        "tabs.csv": body.encode("utf-8"),
        "utf16.txt": body.encode("utf-16"),
        "semi.csv": body.replace("\t", ";").encode("utf-8"),
        "comma.csv": body.replace("\t", ",").replace('"a, b"', '"a, b"').encode("utf-8"),
    }
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        table = read_table(tmp_path / name, catalogue)
        assert table.headers == ("Date", "Source", "Details"), name
        assert table.rows[0].cells == ("11/03/2025", "Café — notes", "a, b"), name
        assert table.notes == (), name
    (tmp_path / "old.csv").write_bytes(body.replace("\t", ",").encode("cp1252"))
    table = read_table(tmp_path / "old.csv", catalogue)
    assert table.encoding == "Windows-1252"
    assert table.rows[0].cells[1] == "Café — notes"
    assert (
        "is not UTF-8 (line 2 is the first to show it), so it was read as Windows-1252"
        in (table.notes[0])
    )


def test_quotes_and_line_breaks_in_cells(catalogue: Catalogue) -> None:
    text = 'Date,Details\r\n11/03/2025,"She said ""no"".\r\nThen, later:\r\n\r\nmore"\r\n'
    found = preview_of(text, catalogue)
    assert found.entries[0].cells == {"event": 'She said "no".\nThen, later:\n\nmore'}


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"PK\x03\x04rest of a zip", "x.csv: is a spreadsheet workbook, not a CSV file"),
        (b"\xd0\xcf\x11\xe0old excel", "x.csv: is a spreadsheet workbook, not a CSV file"),
        (b'Date,Details\n11/03/2025,"never closed\n', "x.csv: row 2: a quoted cell is never"),
        (b'Date,Details\n11/03/2025,"a"b\n', "x.csv: row 2: a cell has text after its closing"),
        (b"Date,Details\n11/03\x002025,x\n", "x.csv: line 2: holds a NUL character"),
        (b"Date\n\x81\x8d\x8f\x90\x9d\n", "x.csv: line 2: not text in an encoding imr-tui reads"),
        (b"", "x.csv: the file is empty"),
        (b" , ,\n\n", "x.csv: the file is empty"),
    ],
)
def test_unreadable_files_are_one_plain_line(
    raw: bytes, says: str, tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.csv").write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError) as info:
        read_table(Path("x.csv"), catalogue)
    assert str(info.value).startswith(says)
    assert "\n" not in str(info.value)


def test_formula_like_cells(catalogue: Catalogue) -> None:
    assert protect("=1+1") == "'=1+1"
    assert protect("-fell") == "'-fell"
    assert protect("@home") == "'@home"
    assert protect("+44") == "'+44"
    assert protect("0012") == '="0012"'
    assert protect("true") == '="true"'
    assert protect("Home visit") == "Home visit"
    assert protect("A long sentence that mentions 3 visits in a row, far too long to convert") == (
        "A long sentence that mentions 3 visits in a row, far too long to convert"
    )
    assert protect("'=1+1") == "''=1+1"
    # Only what a spreadsheet would turn into a number, date, time or truth value is wrapped.
    for converted in ["1e5", "3 March", "12-May", "3/4", "2025-03-11", "09:05", "9am", "1,000"]:
        assert protect(converted) == f'="{converted}"', converted
    for text in ["GP 1, GP", "Review in 1 week (9 May).", "Ward 12", "EV-1", "5mg", "NHS 111"]:
        assert protect(text) == text, text
    for text in [
        "=1+1",
        "-fell",
        "0012",
        "true",
        "'quoted'",
        '="x"',
        "'",
        "x",
        "'=",
        "''@",
        "Ref 007",
    ]:
        assert unprotect(protect(text)) == text, text
    text = 'Date,Source,Details\n11/03/2025,\'=cmd|\'/c calc\'!A1,"=""0012"""\n'
    found = preview_of(text, catalogue)
    assert found.entries[0].source == "=cmd|'/c calc'!A1"
    assert found.entries[0].cells == {"event": "0012"}


def test_thousands_of_rows_in_reasonable_time(tmp_path: Path, catalogue: Catalogue) -> None:
    lines = ["Date of contact,Time,Source,Practitioner,Details"]
    for i in range(5000):
        day = date.fromordinal(date(2020, 1, 1).toordinal() + i % 1800)
        lines.append(f'{day:%d/%m/%Y},{i % 24:02d}:{i % 60:02d},EPR,Nurse {i},"Visit {i}, ok"')
    (tmp_path / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "r.toml"
    create(path, catalogue)
    started = time.perf_counter()
    table = read_table(tmp_path / "big.csv", catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    found = preview(table, map_columns(table.headers, catalogue), session.review, catalogue)
    assert apply(found, session) == 5000
    assert session.save()
    again = preview(table, found.mapping, session.review, catalogue)
    write_chronology_csv(tmp_path / "out.csv", session.review, catalogue)
    elapsed = time.perf_counter() - started
    assert len(found.entries) == 5000 and found.problems == []
    assert again.entries == [] and len(again.duplicates) == 5000
    assert elapsed < 10, f"5,000 rows took {elapsed:.1f}s"


# ---------------------------------------------------------------- duplicates and applying


def test_never_duplicates_entries_already_present(catalogue: Catalogue) -> None:
    review = new_review(catalogue)
    review.chronology = [
        ChronologyEntry(
            date="2025-03-11", time="9:05", source="EPR", cells={"event": "Home  visit"}
        )
    ]
    text = (
        "Date,Time,Source,Details\n"
        "11/03/2025,09:05,epr, home visit \n"  # the same, in other case and spacing
        "11/03/2025,09:05,EPR,Phone call\n"
        "11 March 2025,9:05,EPR,phone CALL\n"  # repeats the row above
    )
    found = preview_of(text, catalogue, review)
    assert [e.cells for e in found.entries] == [{"event": "Phone call"}]
    assert [str(d) for d in found.duplicates] == [
        "row 2: the same as the entry of 11/03/2025 09:05",
        "row 4: the same as row 3",
    ]


def test_apply_adds_in_order_and_skips_what_arrived_since(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    found = preview_of(
        "Date,Source\n12/03/2025,B\n10/03/2025,A\n11/03/2025,C\n", catalogue, session.review
    )
    session.put_entry(found.entries[2].model_copy(update={"id": "mine"}))  # typed meanwhile
    assert apply(found, session) == 2
    assert [e.source for e in session.review.chronology] == ["C", "B", "A"]  # as added
    assert [e.source for e in session.review.sorted_chronology()] == ["A", "C", "B"]
    assert session.dirty
    assert apply(found, session) == 0


def test_apply_refuses_a_read_only_session(tmp_path: Path, catalogue: Catalogue) -> None:
    session = Session(tmp_path / "r.toml", new_review(catalogue), catalogue, read_only=True)
    found = preview_of("Date\n11/03/2025\n", catalogue)
    with pytest.raises(UserError, match="read-only"):
        apply(found, session)
    assert session.review.chronology == []


def test_notes_for_undated_rows_missing_source_and_dates_outside_the_period(
    catalogue: Catalogue,
) -> None:
    review = new_review(catalogue)
    review.review_period = ReviewPeriod(start=date(2025, 1, 1), end=date(2025, 12, 31))
    found = preview_of(
        "Date,Details\n,undated\n11/03/2024,early\n11/03/25,fine\n", catalogue, review
    )
    assert len(found.entries) == 3
    assert found.notes == [
        "No column holds the source of information: the entries will have none, and "
        "'imr check' will ask for it.",
        "Row 4 has a date with a two-digit year, read as 2025: a two-digit year is read as "
        "this century unless that is after this year, then as the last century.",
        "Row 2 has no date: imported undated, and 'imr check' will ask for the date.",
        "Row 3: the date is outside the review period (01/01/2025 to 31/12/2025).",
    ]


# ---------------------------------------------------------------- export and round trips


def test_export_headings_dates_and_times(catalogue: Catalogue) -> None:
    text = chronology_csv(varied_review(catalogue), catalogue)
    assert text.startswith(
        "\ufeffDate,Time,End date,End time,Reference,Source of information,"
        "Practitioner (name and role),"
    )
    lines = text.splitlines()
    assert lines[1].startswith("?2025,,,,,GP letter,")
    assert lines[2].startswith("?03/2025,,,,,Paper notes,")
    assert lines[3].startswith("2025-03-11,09:05,,,,Electronic patient record,")
    assert '?12/03/2025,23:59,,,,"\'=HYPERLINK(""x"")",' in text
    assert '2025-03-14,,,,,\'@home,,,,,"=""0012"""\r\n' in text
    assert text.endswith("\r\n") and text.count("\r\n") == 12  # headings and 11 rows


def test_export_then_import_gives_the_same_entries(tmp_path: Path, catalogue: Catalogue) -> None:
    review = varied_review(catalogue)
    (tmp_path / "out.csv").write_text(chronology_csv(review, catalogue), encoding="utf-8")
    table = read_table(tmp_path / "out.csv", catalogue)
    mapping = map_columns(table.headers, catalogue)
    assert mapping.unmapped == []
    found = preview(table, mapping, new_review(catalogue), catalogue)
    assert found.problems == [] and found.duplicates == [] and found.notes == []
    assert content(found.entries) == content(review.chronology)
    again = new_review(catalogue)
    again.chronology = found.entries
    assert chronology_csv(again, catalogue) == chronology_csv(review, catalogue)


def test_a_spreadsheet_chronology_comes_in_and_goes_out_unchanged(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    typed = (
        "Date of contact,Time,Source,Who,Type,What happened,Action taken,Outcome\r\n"
        '11/03/2025,9:05,EPR,"Amy Hart, staff nurse",Home visit,"Dressed ulcer;\nhome cold",'
        "Team meeting,Discussed\r\n"
        "Mar 2025,,Paper notes,,Letter,Referral sent,,\r\n"
        "?14/03/2025,14:30,GP letter,,,Seen in surgery,,\r\n"
    )
    path = tmp_path / "r.toml"
    create(path, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    table = parse_table(typed, "typed.csv", catalogue=catalogue)
    found = preview(table, map_columns(table.headers, catalogue), session.review, catalogue)
    assert found.problems == [] and found.notes == [] and len(found.entries) == 3
    apply(found, session)
    assert session.save()
    write_chronology_csv(tmp_path / "out.csv", load(path, catalogue), catalogue)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o600
    exported = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert exported.splitlines()[1:] == [
        "?03/2025,,,,,Paper notes,,Letter,Referral sent,,",
        '2025-03-11,09:05,,,,EPR,"Amy Hart, staff nurse",Home visit,"Dressed ulcer;',
        'home cold",Team meeting,Discussed',
        "?14/03/2025,14:30,,,,GP letter,,,Seen in surgery,,",
    ]
    back = read_table(tmp_path / "out.csv", catalogue)
    found_again = preview(
        back, map_columns(back.headers, catalogue), new_review(catalogue), catalogue
    )
    assert content(found_again.entries) == content(load(path, catalogue).chronology)
    into_same = preview(
        back, map_columns(back.headers, catalogue), load(path, catalogue), catalogue
    )
    assert into_same.entries == [] and len(into_same.duplicates) == 3


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _soffice(profile: Path, *args: str) -> None:
    subprocess.run(
        [SOFFICE or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        check=True,
        capture_output=True,
        timeout=180,
    )


def test_a_spreadsheet_program_keeps_dates_and_leading_zeros(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """Open the export in LibreOffice Calc, save as a workbook, save that as CSV, import it.

    The system package is installed by ``make test`` (scripts/system-deps.sh). Each
    variant is the Text Import dialog's: English (UK) and English (US) locales, with
    "Detect special numbers" off (the default) and on.
    """
    review = varied_review(catalogue)
    exported = tmp_path / "chronology.csv"
    write_chronology_csv(exported, review, catalogue)
    profile = tmp_path / "profile"
    workbooks = []
    variants = [("2057", "false", "xlsx"), ("2057", "true", "ods"), ("1033", "true", "xlsx")]
    for language, detect, kind in variants:
        folder = tmp_path / f"{language}-{detect}"
        folder.mkdir()
        options = f"CSV:44,34,76,1,,{language},false,{detect}"
        _soffice(
            profile,
            f"--infilter={options}",
            "--convert-to",
            kind,
            "--outdir",
            str(folder),
            str(exported),
        )
        workbook = folder / f"chronology.{kind}"
        assert workbook.is_file()
        renamed = tmp_path / f"saved-{language}-{detect}.{kind}"
        workbook.rename(renamed)
        workbooks.append(renamed)
    back = tmp_path / "back"
    filter_out = "csv:Text - txt - csv (StarCalc):44,34,76,1"
    _soffice(profile, "--convert-to", filter_out, "--outdir", str(back), *map(str, workbooks))
    for workbook in workbooks:
        saved = back / f"{workbook.stem}.csv"
        text = saved.read_text(encoding="utf-8")
        assert "2025-03-11" in text and "0012" in text, text
        table = read_table(saved, catalogue)
        found = preview(
            table, map_columns(table.headers, catalogue), new_review(catalogue), catalogue
        )
        assert found.problems == [], workbook.name
        assert content(found.entries) == content(review.chronology), workbook.name


# ---------------------------------------------------------------- the command


def review_file(folder: Path, catalogue: Catalogue, review: Review | None = None) -> Path:
    path = folder / "r.toml"
    if review is None:
        create(path, catalogue)
    else:
        save(path, review, catalogue)
    return path


def test_import_command_with_yes_then_again(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    review_file(tmp_path, catalogue)
    (tmp_path / "c.csv").write_text(
        "Date,Source,Details\n11/03/2025,EPR,visit\n31/02/2025,EPR,bad\n", encoding="utf-8"
    )
    first = imr("chronology", "import", "r.toml", "c.csv", "--yes", "--skip-unreadable")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    assert "row 3: the date '31/02/2025' is not a real date" in first.stdout
    assert first.stdout.endswith("Imported 1 entry into r.toml.\n")
    assert stat.S_IMODE((tmp_path / "r.toml").stat().st_mode) == 0o600
    assert not lock_path(tmp_path / "r.toml").exists()
    assert [e.source for e in load(tmp_path / "r.toml").chronology] == ["EPR"]
    second = imr("chronology", "import", "r.toml", "c.csv", "--yes")
    assert second.returncode == 1
    assert "row 2: the same as the entry of 11/03/2025" in second.stdout
    assert second.stdout.endswith(
        "Nothing imported: the rows listed cannot be read, and the others are already in "
        "the review.\n"
    )
    (tmp_path / "c.csv").write_text("Date,Source,Details\n11/03/2025,EPR,visit\n", encoding="utf-8")
    third = imr("chronology", "import", "r.toml", "c.csv")
    assert third.returncode == 0
    assert third.stdout.endswith("Nothing new to import: every row is already in r.toml.\n")
    assert len(load(tmp_path / "r.toml").chronology) == 1


def test_import_without_a_terminal_or_yes_refuses(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review_file(tmp_path, catalogue)
    (tmp_path / "c.csv").write_text("Date,Source\n11/03/2025,EPR\n", encoding="utf-8")
    before = (tmp_path / "r.toml").read_bytes()
    result = imr("chronology", "import", "r.toml", "c.csv")
    assert result.returncode == 2
    assert result.stderr == (
        "imr: r.toml: not imported: there is no terminal to confirm on; "
        "run again with --yes to import without asking\n"
    )
    assert "New entries (1):" in result.stdout
    assert (tmp_path / "r.toml").read_bytes() == before
    assert not lock_path(tmp_path / "r.toml").exists()


def test_import_with_map_and_no_date_column(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    review_file(tmp_path, catalogue)
    (tmp_path / "c.csv").write_text("Happened on,Notes\n11/03/2025,visit\n", encoding="utf-8")
    blocked = imr("chronology", "import", "r.toml", "c.csv", "--yes")
    assert blocked.returncode == 1
    assert "Nothing imported: c.csv: no column holds the date" in blocked.stdout
    assert "--map 'HEADING=date'" in blocked.stdout
    done = imr("chronology", "import", "r.toml", "c.csv", "--yes", "--map", "Happened on=date")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "'Happened on' (column A)  -> Date" in done.stdout
    assert [e.cells for e in load(tmp_path / "r.toml").chronology] == [{"event": "visit"}]


def run_import(folder: Path, answers: list[str], *extra: str) -> tuple[int, list[str]]:
    """Run the import as at a terminal, answering the questions from ``answers``."""
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        if not answers:
            raise EOFError
        return answers.pop(0)

    args = _parser().parse_args(["chronology", "import", "r.toml", "c.csv", *extra])
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        return cmd_import(args, ask=ask, interactive=True), asked
    finally:
        os.chdir(cwd)


def test_asks_before_importing_and_for_columns_it_does_not_know(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    review_file(tmp_path, catalogue)
    (tmp_path / "c.csv").write_text(
        "Happened on,Source,Jottings,Sourcery\n11/03/2025,EPR,visit,x\n", encoding="utf-8"
    )
    answers = ["Q", "A", "evnt", "event", "", "skip", "n", "skip", "y", "n"]
    code, asked = run_import(tmp_path, answers)
    assert code == 1
    assert asked[0] == "Which column holds the date? (its letter; Enter to stop) "
    assert asked[2].startswith(
        "'Jottings' (column C) has text but no place in the chronology (its heading is not one"
    )
    assert "or labelled (into Event / what happened, as 'Jottings: ...')" in asked[2]
    assert (
        asked[6]
        == "  Leave out 'Sourcery' (column D)? Its text in 1 row will not be imported. [y/N] "
    )
    assert asked[-1] == "Import 1 entry into r.toml? [y/N] "
    out = capsys.readouterr().out
    assert "There is no column Q." in out
    assert "'evnt' is not a column of the chronology" in out
    assert "Say where it goes, or skip to leave it out." in out
    assert "'Sourcery' (column D) is left out, as you chose: 1 row has text in it." in out
    assert out.endswith("Nothing imported.\n")
    assert load(tmp_path / "r.toml").chronology == []
    code, asked = run_import(tmp_path, ["A", "event", "labelled", "y"])
    assert code == 0
    assert [e.cells for e in load(tmp_path / "r.toml").chronology] == [
        {"event": "visit\nSourcery: x"}
    ]


def test_an_author_who_does_not_say_where_a_column_goes_imports_nothing(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_file(tmp_path, catalogue)
    before = path.read_bytes()
    (tmp_path / "c.csv").write_text("Date,Jottings\n11/03/2025,visit\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"'Jottings' \(column B\) has text but no place"):
        run_import(tmp_path, ["", "", ""])
    with pytest.raises(UserError, match="--map 'Jottings=skip'"):
        run_import(tmp_path, [])  # end of input
    assert path.read_bytes() == before


def test_end_of_input_at_the_question_imports_nothing(tmp_path: Path, catalogue: Catalogue) -> None:
    review_file(tmp_path, catalogue)
    (tmp_path / "c.csv").write_text("Date,Source\n11/03/2025,EPR\n", encoding="utf-8")
    code, asked = run_import(tmp_path, [])
    assert code == 1
    assert asked == ["Import 1 entry into r.toml? [y/N] "]
    assert load(tmp_path / "r.toml").chronology == []


def test_import_refuses_a_review_open_elsewhere(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review_file(tmp_path, catalogue)
    (tmp_path / "c.csv").write_text("Date,Source\n11/03/2025,EPR\n", encoding="utf-8")
    holder = hold(tmp_path / "r.toml")  # another process has it open
    try:
        result = imr("chronology", "import", "r.toml", "c.csv", "--yes")
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert result.stderr.startswith("imr: r.toml: is open in another session")
    assert result.stderr.count("\n") == 1
    assert load(tmp_path / "r.toml").chronology == []


def test_export_command(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    review_file(tmp_path, catalogue, varied_review(catalogue))
    result = imr("chronology", "export", "r.toml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Exported 11 chronology entries to r.csv\n"
    assert stat.S_IMODE((tmp_path / "r.csv").stat().st_mode) == 0o600
    assert (tmp_path / "r.csv").read_bytes().decode("utf-8") == chronology_csv(
        load(tmp_path / "r.toml"), catalogue
    )
    assert imr("chronology", "export", "r.toml", "-o", "x.csv").returncode == 0


@pytest.mark.parametrize(
    ("args", "csv_bytes", "expected"),
    [
        (["import", "r.toml", "nothere.csv", "--yes"], None, "imr: nothere.csv: no such CSV file"),
        (
            ["import", "r.toml", "c.csv", "--yes"],
            b"PK\x03\x04",
            "imr: c.csv: is a spreadsheet workbook, not a CSV file",
        ),
        (
            ["import", "r.toml", "c.csv", "--yes"],
            b'Date,Source\n11/03/2025,"EPR\n',
            "imr: c.csv: row 2: a quoted cell is never closed",
        ),
        (
            ["import", "r.toml", "c.csv", "--yes", "--map", "Who"],
            b"Date\n11/03/2025\n",
            "imr: --map 'Who': write it as 'HEADING=COLUMN'",
        ),
        (
            ["import", "r.toml", "c.csv", "--yes", "--map", "Who=practitioner"],
            b"Date\n11/03/2025\n",
            "imr: --map: there is no column headed 'Who' (the headings are: 'Date')",
        ),
        (
            ["import", "nothere.toml", "c.csv", "--yes"],
            b"Date\n11/03/2025\n",
            "imr: nothere.toml: no such review file",
        ),
        (["export", "r.toml", "-o", "r.toml"], None, "imr: r.toml: the export would overwrite"),
        (["export", "r.toml", "-o", "nowhere/r.csv"], None, "imr: could not write nowhere/r.csv"),
    ],
)
def test_errors_are_one_plain_line(
    imr: Imr,
    tmp_path: Path,
    catalogue: Catalogue,
    args: list[str],
    csv_bytes: bytes | None,
    expected: str,
) -> None:
    review_file(tmp_path, catalogue)
    if csv_bytes is not None:
        (tmp_path / "c.csv").write_bytes(csv_bytes)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = imr("chronology", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(expected), result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
