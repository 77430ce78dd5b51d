"""The rules for a chronology entry and a recommendation typed into a form.

The rules live in the core; the Textual form and plain mode are views over them.
First the rules on their own, then the same text typed into both views: each
refuses it with the same sentence, warns with the same sentence, and writes the
same record to the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from scripted_asker import Answer, Script
from textual import events
from textual.widgets import DataTable, Input, Static
from tui_helpers import SIZE, catalogue, go_to, make_app, type_text

from imr_tui.checks import load_glossary
from imr_tui.chronology import entry_rules
from imr_tui.core import list_rules
from imr_tui.core import recommendation_rules as rec_rules
from imr_tui.core.field_rules import FUTURE_DATE, RecordError
from imr_tui.core.model import OUTSIDE_PERIOD, Adult, ChronologyEntry, Recommendation, ReviewPeriod
from imr_tui.core.session import open_session
from imr_tui.core.store import create, load, save
from imr_tui.plain.base import Nav
from imr_tui.plain.interview import PlainInterview
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.interview import InterviewScreen

PERIOD = ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31))
HOSTILE = "[red]x[/red] $(rm -rf ~) `id`"


# ---------------------------------------------------------------- the rules on their own
@pytest.mark.parametrize(
    ("typed", "time"),
    [("9:05", "09:05"), ("0905", "09:05"), ("09.05", "09:05"), (" 23:59 ", "23:59")],
)
def test_times_are_read_in_every_usual_way(typed: str, time: str) -> None:
    assert entry_rules.parse_time(typed) == time
    assert entry_rules.field_problem("time", typed) == ""


@pytest.mark.parametrize("typed", ["24:00", "12:60", "9", "half nine", HOSTILE])
def test_a_time_that_is_not_one_is_refused_quoting_it(typed: str) -> None:
    problem = entry_rules.field_problem("time", typed)
    assert problem == f"'{typed.strip()}' is not a time (write it as 14:30, or leave it empty)"
    values = {"date": "11/03/2024", "time": typed, "source": "Ward notes"}
    with pytest.raises(RecordError) as refused:
        entry_rules.entry_from_fields(values)
    assert refused.value.problems == {"time": problem}


def test_an_empty_time_is_no_time() -> None:
    values = {"date": "11/03/2024", "time": "  ", "source": "Ward notes"}
    assert entry_rules.entry_from_fields(values).time == ""


def test_dates_approximate_dates_and_refused_dates() -> None:
    entry = entry_rules.entry_from_fields({"date": "?03/2025", "time": "", "source": "GP"})
    assert (entry.date, entry.approximate) == ("2025-03", True)
    assert entry_rules.entry_when(entry) == "?03/2025"
    entry = entry_rules.entry_from_fields({"date": "?11/03/2025", "time": "9:05", "source": "GP"})
    assert (entry.date, entry.approximate, entry.time) == ("2025-03-11", True, "09:05")
    assert entry_rules.entry_when(entry) == "?11/03/2025 09:05"
    assert entry_rules.field_problem("date", "") == "A date is needed."
    assert entry_rules.field_problem("date", "31/02/2024") == (
        "'31/02/2024' is not a real date (write it as 11/03/2025 or 2025-03-11)"
    )
    assert entry_rules.field_problem("date", HOSTILE).startswith(f"'{HOSTILE}' is not a date")
    assert entry_rules.field_problem("source", " ") == "Say which record this entry comes from."


def test_a_date_outside_the_review_period_is_a_warning_not_a_problem() -> None:
    warning = (
        "The date is outside the review period (01/01/2024 to 31/12/2024). You can still save it."
    )
    values = {"date": "01/06/2023", "time": "", "source": "GP"}
    found = entry_rules.read_entry(values, PERIOD)
    assert found.warnings == [warning]
    assert found.problems == {}
    assert found.record is not None and found.record.date == "2023-06-01"
    # An approximate date that may fall in the period is not outside it.
    assert entry_rules.entry_warnings({"date": "?12/2023"}, PERIOD) == [warning]
    assert entry_rules.entry_warnings({"date": "2024"}, PERIOD) == []
    assert entry_rules.entry_warnings({"date": "31/12/2024"}, PERIOD) == []
    # No period, no warning; a period without an end says so.
    assert entry_rules.entry_warnings(values, ReviewPeriod()) == []
    assert entry_rules.entry_warnings({"date": "2023"}, ReviewPeriod(start=date(2024, 1, 1))) == [
        "The date is outside the review period (01/01/2024 to ?). You can still save it."
    ]
    # A date that cannot be read is a problem, never also a warning.
    assert entry_rules.read_entry({"date": "31/02/2023"}, PERIOD).warnings == []


def _all_kept(values: dict[str, str], entry: ChronologyEntry) -> bool:
    """Whether every word typed into ``values`` is somewhere in ``entry``."""
    kept = "\n".join([entry.source, *entry.cells.values()])
    return all(word in kept for text in values.values() for word in text.split())


def test_salvaging_an_entry_keeps_every_typed_word() -> None:
    values = {
        "date": "31/02/2024",
        "time": "25:99",
        "source": f"Ward notes {HOSTILE}",
        "practitioner": "Amy Hart",
        "contact_type": "",
        "event": "Wound dressed.\nShe said she was lonely.",
        "action": "",
        "outcome": "",
    }
    entry = entry_rules.salvage_entry(values, "abc123")
    assert (entry.id, entry.date, entry.time) == ("abc123", "", "")
    assert _all_kept(values, entry)
    assert "(date as typed: 31/02/2024) (time as typed: 25:99)" in entry.cells["event"]
    # Without an event column the note goes into the first column.
    del values["event"]
    entry = entry_rules.salvage_entry(values)
    assert "(date as typed: 31/02/2024)" in entry.cells["practitioner"]
    assert _all_kept(values, entry)


def test_a_readable_form_salvages_as_it_saves() -> None:
    values = {"date": "?03/2025", "time": "0905", "source": "GP", "event": " Seen. "}
    saved = entry_rules.entry_from_fields(values, "e1")
    assert entry_rules.salvage_entry(values, "e1") == saved
    assert saved.cells == {"event": "Seen."}


def test_the_entry_form_fields_come_from_the_catalogue() -> None:
    ch = catalogue().chronology
    fields = entry_rules.entry_fields(ch)
    fixed = ["date", "time", "end_date", "end_time", "reference", "source"]
    assert [f.id for f in fields] == [*fixed, *[c.id for c in ch.columns]]
    assert [f.long for f in fields[6:]] == [c.long for c in ch.columns]
    assert [f.id for f in fields if f.required] == ["date", "source"]
    entry = ChronologyEntry(date="2025-03", time="09:05", source="GP", cells={"event": "Seen"})
    values = entry_rules.entry_values(ch, entry)
    assert values["date"] == "?03/2025" and values["event"] == "Seen"
    assert entry_rules.entry_from_fields(values, entry.id) == entry
    assert entry_rules.entry_summary(ch, entry) == "?03/2025 09:05 | GP | Seen"
    assert entry_rules.entry_details(ch, entry)[0] == (ch.date_title, "?03/2025")


def test_recommendation_rules() -> None:
    rc = catalogue().recommendations
    fields = rec_rules.recommendation_fields(rc)
    assert {f.id for f in fields if f.long} == {"recommendation", "actions", "evidence"}
    assert [f.id for f in fields if f.required] == ["recommendation"]
    assert next(f for f in fields if f.id == "target_date").format == "dd/mm/yyyy"
    values = {f.id: "" for f in fields}
    assert rec_rules.field_problems(values) == {"recommendation": "Write the recommendation."}
    values |= {"recommendation": " Audit ", "target_date": "31/02/2026", "actions": "Plan"}
    problem = "'31/02/2026' is not a real date (write it as 11/03/2025 or 2025-03-11)"
    assert rec_rules.field_problems(values) == {"target_date": problem}
    assert rec_rules.read_recommendation(values).record is None
    with pytest.raises(RecordError):
        rec_rules.recommendation_from_fields(values)
    kept = rec_rules.salvage_recommendation(values, "r1")
    assert (kept.id, kept.target_date, kept.recommendation) == ("r1", None, "Audit")
    assert kept.actions == "Plan\n(target date as typed: 31/02/2026)"
    values["target_date"] = "2026-03-31"
    rec = rec_rules.recommendation_from_fields(values, "r1")
    assert rec.target_date == date(2026, 3, 31)
    assert rec_rules.salvage_recommendation(values, "r1") == rec
    assert rec_rules.recommendation_values(rec)["target_date"] == "31/03/2026"
    assert rec_rules.recommendation_summary(rec) == "Audit (31/03/2026)"
    assert rec_rules.too_many_note(5, 5) == ""
    assert rec_rules.too_many_note(6, 5) == (
        "There are 6 recommendations. Recommendations should be few in number "
        "(usually no more than 5), focused and specific."
    )


def test_list_rules() -> None:
    assert list_rules.birth_date_problem("") == ""
    assert list_rules.birth_date_problem("14/02/1938") == ""
    assert list_rules.birth_date_problem("01/01/2999") == FUTURE_DATE
    assert list_rules.birth_date_problem("31/02/1938").startswith("'31/02/1938' is not a real")
    rows = [(" Dorothy Hollins ", date(1938, 2, 14)), ("  ", date(1940, 1, 1)), ("Albert", None)]
    assert list_rules.adults_from_rows(rows) == [
        Adult(name="Dorothy Hollins", date_of_birth=date(1938, 2, 14)),
        Adult(name="Albert"),
    ]
    assert list_rules.adult_from_text("  ", "") is None
    assert list_rules.headings_from_rows([("h1", " Housing "), ("", " "), ("", "Carers")]) == [
        ("h1", "Housing"),
        ("", "Carers"),
    ]
    start, end = date(2024, 1, 1), date(2023, 12, 31)
    assert list_rules.period_problem(start, end) == list_rules.PERIOD_BACKWARDS
    assert list_rules.period_from_dates(start, end) is None
    assert list_rules.period_problem(start, start) == ""
    assert list_rules.period_from_dates(start, None) == ReviewPeriod(start=start)


# ---------------------------------------------------------------- both views
def _review(tmp_path: Path, name: str, **changes: Any) -> Path:
    path = tmp_path / name
    review = create(path, catalogue())
    for key, value in changes.items():
        setattr(review, key, value)
    save(path, review, catalogue())
    return path


def _plain(path: Path, kind: str, answers: Sequence[Answer]) -> Script:
    """Run plain mode's step of ``kind`` on the review at ``path`` with scripted answers."""
    session, _ = open_session(path, catalogue())
    ask = Script(*answers)
    try:
        talk = PlainInterview(session, ask, load_glossary())  # type: ignore[arg-type]
        step = next(s for s in session.steps() if s.prompt.kind == kind)
        assert getattr(talk, f"ask_{kind}")(step) is Nav.NEXT
    finally:
        session.close()
        if session.lock is not None:
            session.lock.release()
    assert ask.answers == [], "plain mode asked fewer questions than scripted"
    return ask


def _field_error(app: IMRApp, field_id: str) -> str:
    line = app.screen.query_one(f"#e-{field_id}", Static)
    return str(line.render()) if line.display else ""


def _warning(app: IMRApp) -> str:
    box = app.screen.query_one("#form-warning", Static)
    return str(box.render()) if box.display else ""


async def _paste(app: IMRApp, selector: str, text: str) -> None:
    """Empty a box, then paste ``text`` into it, as an author pasting from notes does."""
    box = app.screen.query_one(selector, Input)
    box.focus()
    box.value = ""
    app.post_message(events.Paste(text))
    await app.input.settled()


async def _retype(app: IMRApp, field_id: str, text: str) -> None:
    """Retype a form's field."""
    await _paste(app, f"#f-{field_id}", text)


def _same_entry(a: ChronologyEntry, b: ChronologyEntry) -> None:
    assert a.model_dump(exclude={"id"}) == b.model_dump(exclude={"id"})


async def test_a_chronology_entry_is_refused_and_warned_alike_in_both_modes(
    tmp_path: Path,
) -> None:
    bad_date, bad_time = "31/02/2024", "24:00"
    date_problem = entry_rules.field_problem("date", bad_date)
    hostile_problem = entry_rules.field_problem("date", HOSTILE)
    time_problem = entry_rules.field_problem("time", bad_time)
    source_problem = entry_rules.SOURCE_NEEDED
    outside = OUTSIDE_PERIOD.format(span="01/01/2024 to 31/12/2024")
    warning = f"{outside} {entry_rules.STILL_SAVE}"

    # Textual: the form shows each problem under its field, and saves nothing until fixed.
    path = _review(tmp_path, "tui.toml", review_period=PERIOD)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, f"{bad_date}\n{bad_time}\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen), "a form with problems was saved"
        shown = {f: _field_error(app, f) for f in ("date", "time", "source")}
        assert shown == {"date": date_problem, "time": time_problem, "source": source_problem}
        assert _warning(app) == ""
        await _retype(app, "date", HOSTILE)
        await pilot.pause()
        assert _field_error(app, "date") == hostile_problem
        await _retype(app, "date", "01/06/2023")
        await _retype(app, "time", "9:05")
        await _retype(app, "source", "Ward notes")
        await pilot.pause()
        assert _warning(app) == warning
        assert [_field_error(app, f) for f in ("date", "time", "source")] == ["", "", ""]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.query_one(DataTable).row_count == 1
    [tui_entry] = load(path).chronology
    assert (tui_entry.date, tui_entry.time, tui_entry.source) == (
        "2023-06-01",
        "09:05",
        "Ward notes",
    )

    # Plain mode: the same text, the same sentences, the same entry in the file.
    path = _review(tmp_path, "plain.toml", review_period=PERIOD)
    columns = catalogue().chronology.columns
    ask = _plain(
        path,
        "chronology",
        [bad_date, HOSTILE, "01/06/2023", True, bad_time, "9:05", "", "", "", "", "Ward notes"]
        + [""] * len(columns)
        + ["", "Done: go on to the next prompt"],  # Enter at the next entry's date: no more
    )
    assert ask.refused == [date_problem, hostile_problem, time_problem, source_problem]
    assert warning in ask.said
    [plain_entry] = load(path).chronology
    _same_entry(plain_entry, tui_entry)
    assert "Chronology entry 1 added: 01/06/2023 09:05; Ward notes" in ask.said


async def test_a_recommendation_is_refused_and_noted_alike_in_both_modes(tmp_path: Path) -> None:
    bad = "31/02/2026"
    problem = rec_rules.field_problem("target_date", bad)
    recs = [Recommendation(recommendation=f"Recommendation {i}") for i in range(5)]
    note = rec_rules.too_many_note(6, 5)
    assert note

    path = _review(tmp_path, "tui.toml", recommendations=recs)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "recommendations")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _field_error(app, "recommendation") == rec_rules.NEEDED
        await type_text(pilot, "Audit discharge letters")
        await _retype(app, "target_date", bad)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert _field_error(app, "target_date") == problem
        assert _field_error(app, "recommendation") == ""
        await _retype(app, "target_date", "31/03/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        shown = app.screen.query_one("#table-note", Static)
        assert shown.display and str(shown.render()) == note
    tui_rec = load(path).recommendations[-1]
    assert (tui_rec.recommendation, tui_rec.target_date) == (
        "Audit discharge letters",
        date(2026, 3, 31),
    )

    path = _review(tmp_path, "plain.toml", recommendations=recs)
    ask = _plain(
        path,
        "recommendations",
        [
            "Add another recommendation",
            "Audit discharge letters",
            "",  # actions
            "",  # lead
            bad,
            "31/03/2026",
            "",  # resources
            "",  # evidence
            "",  # the next recommendation, asked at once: none
            "Done: go on to the next prompt",
        ],
    )
    assert ask.refused == [problem]
    assert note in ask.said
    plain_rec = load(path).recommendations[-1]
    assert plain_rec.model_dump(exclude={"id"}) == tui_rec.model_dump(exclude={"id"})


async def test_quitting_with_a_form_open_keeps_every_typed_word(tmp_path: Path) -> None:
    path = _review(tmp_path, "r.toml")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "recommendations")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Audit letters")
        await _retype(app, "target_date", "next spring")
        await pilot.press("ctrl+q")
        await pilot.pause()
    [rec] = load(path).recommendations
    assert rec.recommendation == "Audit letters"
    assert rec.target_date is None
    assert rec.actions == "(target date as typed: next spring)"


async def test_a_period_that_ends_before_it_starts_is_refused_alike_in_both_modes(
    tmp_path: Path,
) -> None:
    path = _review(tmp_path, "tui.toml")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "review_period")
        await _paste(app, "#start Input", "01/01/2024")
        await _paste(app, "#end Input", "31/12/2023")
        await pilot.pause()
        error = app.screen.query_one("#end .field-error", Static)
        assert str(error.render()) == list_rules.PERIOD_BACKWARDS
        await _paste(app, "#end Input", "31/12/2024")
        await pilot.pause()
        assert str(error.render()) == ""
    assert load(path).review_period == PERIOD

    path = _review(tmp_path, "plain.toml")
    ask = _plain(path, "period", ["01/01/2024", "31/12/2023", "31/12/2024"])
    assert ask.refused == [list_rules.PERIOD_BACKWARDS]
    assert load(path).review_period == PERIOD
