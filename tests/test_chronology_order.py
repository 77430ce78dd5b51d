"""The chronology in the author's order, everywhere; periods and references; time spellings.

The file keeps the author's order. Every output shows date, then time, then the
author's order among ties, an untimed entry keeping the place it was given; moving an
entry up or down is reflected in each of them. Old files load and are written
unchanged.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_record_rules import _paste, _plain, _review
from textual.widgets import DataTable
from tui_helpers import SIZE, catalogue, go_to, make_app

from imr_tui.chronology import (
    apply,
    chronology_csv,
    map_columns,
    parse_table,
    preview,
    unprotect,
)
from imr_tui.chronology.entry_rules import (
    CANNOT_MOVE,
    END_DATE_TITLE,
    entry_from_fields,
    field_problems,
)
from imr_tui.core.chronology_order import display_order
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.session import Session
from imr_tui.core.store import create, load, save, to_toml
from imr_tui.report.markdown import to_markdown
from imr_tui.report.merge import composite_csv, composite_markdown, merge
from imr_tui.report.word import to_docx
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.interview import InterviewScreen

DATES = ["2025-03-11", "2025-03-11", "2025-03", "2025-03-12", "2025", ""]
TIMES = ["", "", "09:05", "08:15", "09:05", "23:59"]
SOURCE_COLUMN = 5
"""Date, time, end date, end time, reference, then the source."""


def named(n: int) -> str:
    """A source no other contains: ``Record-07-end``."""
    return f"Record-{n:02d}-end"


entries_strategy = st.lists(
    st.tuples(st.sampled_from(DATES), st.sampled_from(TIMES)), min_size=1, max_size=9
).map(
    lambda pairs: [
        ChronologyEntry(date=d, time=t, source=named(n)) for n, (d, t) in enumerate(pairs)
    ]
)


def in_text(text: str, review: Review) -> list[str]:
    """The review's sources in the order ``text`` shows them."""
    sources = [e.source for e in review.chronology]
    assert all(text.count(s) == 1 for s in sources), "each source is shown once"
    return sorted(sources, key=text.index)


def csv_sources(text: str) -> list[str]:
    """The source column of a chronology CSV, row by row."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    return [unprotect(row[SOURCE_COLUMN]) for row in rows[1:]]


def shown(review: Review) -> list[str]:
    return [e.source for e in review.sorted_chronology()]


def assert_authors_order_kept(review: Review) -> None:
    """Of two entries of a day, the one the author put first is shown first unless
    its time is later, or it is untimed and the other is not."""
    place = {e.id: n for n, e in enumerate(review.sorted_chronology())}
    authored = review.chronology
    for i, a in enumerate(authored):
        for b in authored[i + 1 :]:
            in_order = not b.time or (bool(a.time) and a.time <= b.time)
            if a.day() == b.day() and in_order:
                assert place[a.id] < place[b.id], (a, b)


def assert_every_output_in_order(folder: Path, session: Session) -> None:
    """Save, load, Markdown, CSV, CSV into a new review, and merge: the shown order."""
    ch = catalogue()
    review = session.review
    assert_authors_order_kept(review)
    expected = shown(review)
    assert session.save()
    loaded = load(session.path, ch)
    assert [e.id for e in loaded.chronology] == [e.id for e in review.chronology]
    assert shown(loaded) == expected
    assert in_text(to_markdown(loaded, ch), loaded) == expected
    text = chronology_csv(loaded, ch)
    assert csv_sources(text) == expected
    fresh = folder / f"fresh-{len(list(folder.iterdir()))}.toml"
    create(fresh, ch)
    into = Session(fresh, load(fresh, ch), ch)
    table = parse_table(text.removeprefix("\ufeff"), "out.csv", catalogue=ch)
    found = preview(table, map_columns(table.headers, ch), into.review, ch)
    assert found.problems == [] and found.duplicates == []
    assert apply(found, into) == len(expected)
    assert [e.source for e in into.review.chronology] == expected  # the rows' order
    assert shown(into.review) == expected
    other = Review(
        chronology=[
            ChronologyEntry(date=e.date, time=e.time, source=e.source.replace("Record", "Other"))
            for e in loaded.chronology
        ]
    )
    composite = merge([("one", loaded), ("two", other)])
    mine = [r.entry.source for r in composite.rows if r.agency.name == "one"]
    assert mine == expected
    assert [r.entry.source for r in composite.rows if r.agency.name == "two"] == shown(other)
    assert in_text(composite_markdown(composite, ch), loaded) == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=entries_strategy,
    moves=st.lists(st.tuples(st.integers(0, 8), st.sampled_from([-1, 1])), max_size=4),
)
def test_every_output_keeps_the_authors_order_and_every_move(
    entries: list[ChronologyEntry], moves: list[tuple[int, int]]
) -> None:
    ch = catalogue()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "r.toml"
        review = create(path, ch)
        review.chronology = entries
        save(path, review, ch)
        session = Session(path, load(path, ch), ch)
        assert [e.source for e in session.review.chronology] == [e.source for e in entries]
        assert_every_output_in_order(folder, session)
        for index, delta in moves:
            before = shown(session.review)
            which = before[index % len(before)]
            entry_id = next(e.id for e in session.review.chronology if e.source == which)
            moved = session.move_entry(entry_id, delta)
            after = shown(session.review)
            i = before.index(which)
            if moved:
                swapped = list(before)
                swapped[i], swapped[i + delta] = swapped[i + delta], swapped[i]
                assert after == swapped
            else:
                assert after == before
            assert_every_output_in_order(folder, session)


# ---------------------------------------------------------------- the order's rule


def order_of(*entries: ChronologyEntry) -> list[str]:
    return [e.source for e in display_order(entries)]


def test_an_untimed_entry_keeps_the_place_the_author_gave_it() -> None:
    call = ChronologyEntry(date="2025-03-11", time="08:15", source="call")
    referral = ChronologyEntry(date="2025-03-11", time="09:05", source="referral")
    crime = ChronologyEntry(date="2025-03-11", source="crime report")
    # Added after the timed entries: shown after them, never first by rule.
    assert order_of(call, referral, crime) == ["call", "referral", "crime report"]
    assert order_of(referral, crime, call) == ["call", "referral", "crime report"]
    # Put first by its author: shown first.
    assert order_of(crime, call, referral) == ["crime report", "call", "referral"]
    # Between two timed entries in the author's order: after the earlier time.
    assert order_of(call, crime, referral) == ["call", "crime report", "referral"]


def test_ties_keep_the_authors_order_and_month_dates_start_their_month() -> None:
    a, b, c = (ChronologyEntry(date="2025-03", source=s) for s in "abc")
    first = ChronologyEntry(date="2025-03-01", time="10:00", source="first")
    undated = ChronologyEntry(source="undated")
    later = ChronologyEntry(date="2025-04-02", source="later")
    # c was put after the timed entry of its day (the 1st), so it stays after it.
    assert order_of(undated, b, later, a, first, c) == ["b", "a", "first", "c", "later", "undated"]
    assert order_of(c, first, a) == ["c", "first", "a"]


def test_moves_stay_within_the_day_and_never_break_the_time_order(tmp_path: Path) -> None:
    ch = catalogue()
    path = tmp_path / "r.toml"
    review = create(path, ch)
    review.chronology = [
        ChronologyEntry(id="early", date="2025-03-11", time="08:15", source="early"),
        ChronologyEntry(id="late", date="2025-03-11", time="09:05", source="late"),
        ChronologyEntry(id="loose", date="2025-03-11", source="loose"),
        ChronologyEntry(id="next", date="2025-03-12", source="next day"),
    ]
    session = Session(path, review, ch)
    assert not session.move_entry("late", -1), "09:05 went before 08:15"
    assert not session.move_entry("loose", 1), "it left its day"
    assert session.move_entry("loose", -1)
    assert shown(session.review) == ["early", "loose", "late", "next day"]
    assert session.move_entry("loose", -1)
    assert shown(session.review) == ["loose", "early", "late", "next day"]
    assert not session.move_entry("loose", -1)
    assert session.save()
    assert shown(load(path, ch)) == ["loose", "early", "late", "next day"]


def test_an_old_file_loads_and_is_written_unchanged(tmp_path: Path) -> None:
    ch = catalogue()
    path = tmp_path / "old.toml"
    review = create(path, ch)
    review.chronology = [
        ChronologyEntry(id="b", date="2025-03-12", time="10:00", source="second"),
        ChronologyEntry(id="a", date="2025-03-11", source="first"),
    ]
    save(path, review, ch)
    text = path.read_text(encoding="utf-8")
    for key in ("end_date", "end_approximate", "end_time", "reference"):
        assert key not in text, f"an entry without {key} writes it"
    loaded = load(path, ch)
    assert [e.id for e in loaded.chronology] == ["b", "a"]  # the file's order
    assert [e.id for e in loaded.sorted_chronology()] == ["a", "b"]
    assert to_toml(loaded, ch).split("[[chronology]]")[1:] == text.split("[[chronology]]")[1:]


def test_a_move_survives_a_crash_through_the_journal(tmp_path: Path) -> None:
    from imr_tui.core.journal import read_journal
    from imr_tui.core.session import open_session

    ch = catalogue()
    path = tmp_path / "r.toml"
    review = create(path, ch)
    review.chronology = [
        ChronologyEntry(id=x, date="2025-03-11", source=x) for x in ("one", "two", "three")
    ]
    save(path, review, ch)
    session, _ = open_session(path, ch)
    session.recover(None)
    assert session.move_entry("three", -1)
    assert session.journal is not None
    session.journal.close()  # flushes; the file is not saved: as if the power went
    recovered = read_journal(path)
    assert recovered is not None
    again = Session(path, load(path, ch), ch)
    again.recover(recovered)
    assert shown(again.review) == ["one", "three", "two"]
    if session.lock is not None:
        session.lock.release()


# ---------------------------------------------------------------- periods and references


def period_entry() -> ChronologyEntry:
    return entry_from_fields(
        {
            "date": "11/03/2025",
            "time": "9:00",
            "end_date": "18/03/2025",
            "end_time": "5pm",
            "reference": "ADM-0012",
            "source": "Ward notes",
            "event": "Admitted to ward 7.",
        }
    )


def test_a_period_is_read_shown_and_refused_when_it_ends_before_it_starts() -> None:
    entry = period_entry()
    assert (entry.end_date, entry.end_time, entry.reference) == ("2025-03-18", "17:00", "ADM-0012")
    assert entry.shown_when() == "11/03/2025 09:00 – 18/03/2025 17:00"
    values = {"date": "11/03/2025", "end_date": "10/03/2025", "source": "Notes"}
    assert field_problems(values) == {
        "end_date": "The end (10/03/2025) is before the start (11/03/2025)."
    }
    same_day = {**values, "end_date": "11/03/2025", "time": "10:00", "end_time": "09:00"}
    assert field_problems(same_day) == {
        "end_date": "The end (11/03/2025 09:00) is before the start (11/03/2025 10:00)."
    }
    assert field_problems({**values, "end_date": "?03/2025"}) == {}
    assert field_problems({"date": "11/03/2025", "end_time": "10:00", "source": "x"}) == {
        "end_date": "An end time needs an end date."
    }


def test_a_period_and_reference_go_through_csv_markdown_word_and_merge(tmp_path: Path) -> None:
    ch = catalogue()
    review = create(tmp_path / "r.toml", ch)
    review.chronology = [period_entry()]
    text = chronology_csv(review, ch)
    assert text.splitlines()[1].startswith("2025-03-11,09:00,2025-03-18,17:00,ADM-0012,")
    fresh = tmp_path / "fresh.toml"
    create(fresh, ch)
    into = Session(fresh, load(fresh, ch), ch)
    table = parse_table(text.removeprefix("\ufeff"), "out.csv", catalogue=ch)
    found = preview(table, map_columns(table.headers, ch), into.review, ch)
    assert apply(found, into) == 1
    [back] = into.review.chronology
    assert back.model_dump(exclude={"id"}) == review.chronology[0].model_dump(exclude={"id"})
    # Imported again: the same entry, not added twice.
    assert preview(table, map_columns(table.headers, ch), into.review, ch).entries == []

    markdown = to_markdown(review, ch)
    assert (
        "| 11/03/2025 – 18/03/2025 | 09:00 – 17:00 | Ward notes<br>Ref. ADM-0012 |" in (markdown)
        or "| 11/03/2025 – 18/03/2025 | 09:00 – 17:00 | Ward notes" in markdown
    )
    assert "Ref. ADM-0012" in markdown
    document = docx.Document(io.BytesIO(to_docx(review, ch)))
    row = next(
        r for t in document.tables for r in t.rows if "11/03/2025 – 18/03/2025" in r.cells[0].text
    )
    assert row.cells[1].text == "09:00 – 17:00"
    assert row.cells[2].text.splitlines() == ["Ward notes", "Ref. ADM-0012"]

    composite = merge([("ward", review)])
    assert "11/03/2025 – 18/03/2025" in composite_markdown(composite, ch)
    assert ",2025-03-18,17:00,ADM-0012,ward — Ward notes," in composite_csv(composite, ch)


async def test_a_period_typed_into_the_textual_form_is_saved_and_shown(tmp_path: Path) -> None:
    path = _review(tmp_path, "tui.toml")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        for field, text in (
            ("date", "11/03/2025"),
            ("end_date", "10/03/2025"),
            ("reference", "ADM-0012"),
            ("source", "Ward notes"),
        ):
            await _paste(app, f"#f-{field}", text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen), "a period ending before it starts was saved"
        await _paste(app, "#f-end_date", "18/03/2025")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[0]).startswith("11/03/2025 – 18/")
    [entry] = load(path).chronology
    assert (entry.date, entry.end_date, entry.reference) == ("2025-03-11", "2025-03-18", "ADM-0012")


# ---------------------------------------------------------------- one time, every spelling
SPELLINGS = [
    ("9:05", "09:05"),
    ("0905", "09:05"),
    ("09.05", "09:05"),
    ("9:05 am", "09:05"),
    ("9.05pm", "21:05"),
    ("09:05:00", "09:05"),
    ("12:00 pm", "12:00"),
    ("12 noon", "12:00"),
]


@pytest.mark.parametrize(("typed", "stored"), SPELLINGS)
async def test_a_time_spelling_is_stored_alike_through_every_input(
    tmp_path: Path, typed: str, stored: str
) -> None:
    # The Textual form.
    path = _review(tmp_path, "tui.toml")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.press("a")
        await pilot.pause()
        await _paste(app, "#f-date", "11/03/2025")
        await _paste(app, "#f-time", typed)
        await _paste(app, "#f-source", "Ward notes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen), f"{typed!r} was refused"
    [tui] = load(path).chronology

    # Plain mode.
    path = _review(tmp_path, "plain.toml")
    columns = catalogue().chronology.columns
    _plain(
        path,
        "chronology",
        [
            "11/03/2025",
            typed,
            "",
            "",
            "",
            "Ward notes",
            *([""] * len(columns)),
            "",  # the next entry's date, asked at once: none
            "Done: go on to the next prompt",
        ],
    )
    [plain] = load(path).chronology

    # A spreadsheet, the time in its own column and in the date's cell.
    ch = catalogue()
    found = []
    review = create(tmp_path / "import.toml", ch)
    texts = [f"Date,Time,Source\n11/03/2025,{typed},Ward notes\n"]
    if any(c in typed for c in ":."):  # in the date's cell, a time needs its separator
        texts.append(f"Date,Source\n11/03/2025 {typed},Ward notes\n")
    for text in texts:
        table = parse_table(text, "s.csv", catalogue=ch)
        read = preview(table, map_columns(table.headers, ch), review, ch)
        assert read.problems == [], typed
        found += read.entries
    assert {e.time for e in (tui, plain, *found)} == {stored}
    assert tui.model_dump(exclude={"id"}) == plain.model_dump(exclude={"id"})
    assert END_DATE_TITLE  # the form's own wording of the end


def test_a_time_that_is_not_one_is_refused_by_the_model_too() -> None:
    with pytest.raises(ValueError, match="not a time"):
        ChronologyEntry(date="2025-03-11", time="25:00")
    assert ChronologyEntry(date="2025-03-11", time="0905").time == "09:05"


# ---------------------------------------------------------------- moving, in both modes
def three_on_a_day() -> list[ChronologyEntry]:
    return [ChronologyEntry(id=x, date="2025-03-11", source=x) for x in ("one", "two", "three")]


async def test_up_and_down_in_the_chronology_table(tmp_path: Path) -> None:
    from imr_tui.tui.widgets.record_table import RecordTable

    path = _review(tmp_path, "tui.toml", chronology=three_on_a_day())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        table = app.screen.query_one(RecordTable)
        assert table.select("three")
        await pilot.click("#up")
        await pilot.pause()
        rows = app.screen.query_one(DataTable)
        assert [str(rows.get_row_at(n)[1]) for n in range(3)] == ["one", "three", "two"]
        assert table.current() == "three", "the moved entry stays selected"
        await pilot.click("#up")
        await pilot.click("#up")  # already first of its day: stays, with a note why
        await pilot.pause()
        assert [str(rows.get_row_at(n)[1]) for n in range(3)] == ["three", "one", "two"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert shown(load(path)) == ["three", "one", "two"]
    assert csv_sources(chronology_csv(load(path), catalogue())) == ["three", "one", "two"]


async def test_shift_up_and_down_move_an_entry_from_the_keyboard(tmp_path: Path) -> None:
    from imr_tui.tui.widgets.record_table import RecordTable

    path = _review(tmp_path, "keys.toml", chronology=three_on_a_day())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        table = app.screen.query_one(RecordTable)
        rows = app.screen.query_one(DataTable)
        rows.focus()
        assert table.select("two")
        await pilot.press("shift+up")
        assert [str(rows.get_row_at(n)[1]) for n in range(3)] == ["two", "one", "three"]
        await pilot.press("shift+down", "shift+down")
        assert [str(rows.get_row_at(n)[1]) for n in range(3)] == ["one", "three", "two"]
        assert table.current() == "two"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert shown(load(path)) == ["one", "three", "two"]


def test_move_an_entry_up_or_down_in_plain_mode(tmp_path: Path) -> None:
    later = ChronologyEntry(id="four", date="2025-03-12", source="four")
    path = _review(tmp_path, "plain.toml", chronology=[*three_on_a_day(), later])
    ask = _plain(
        path,
        "chronology",
        [
            "Change or delete one",
            1,
            "Move it down",
            "Change or delete one",
            3,
            "Move it down",  # the last of its day: not moved, and told why
            "List them",
            "Done: go on to the next prompt",
        ],
    )
    assert shown(load(path)) == ["two", "one", "three", "four"]
    assert CANNOT_MOVE in ask.said
    assert "Chronology entry 1 moved down." in ask.said
    assert "Chronology entry 3 moved down." not in ask.said
    assert "1. 11/03/2025; two" in ask.said
