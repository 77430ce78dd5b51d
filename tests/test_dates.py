"""Dates typed by people (UK and ISO forms) and the approximate chronology dates."""

from __future__ import annotations

from datetime import date

import pytest

from imr_tui.core.dates import (
    DateError,
    FuzzyDate,
    from_stored,
    parse_date,
    parse_fuzzy,
    parse_optional_date,
    parse_time,
    uk,
)


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-11",
        "11/03/2025",
        "11 March 2025",
        "  11/03/2025  ",
        "11.03.2025",
        "11-03-2025",
        "11 Mar 2025",
        "11th March 2025",
        "11 march, 2025",
        "2025-3-11",
    ],
)
def test_parse_date_accepts_uk_and_iso_forms(text: str) -> None:
    assert parse_date(text) == date(2025, 3, 11)


def test_parse_date_reads_day_before_month() -> None:
    assert parse_date("01/02/2025") == date(2025, 2, 1)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31/02/2025", "not a real date"),
        ("2025-02-30", "not a real date"),
        ("2025-13-01", "not a real date"),
        ("00/01/2025", "not a real date"),
        ("0000-01-01", "not a real date"),
        ("", "a date is needed"),
        ("   ", "a date is needed"),
        ("11 Smarch 2025", "'Smarch' is not a month"),
        ("yesterday", "not a date"),
        ("03/2025", "not a date"),
        ("2025", "not a date"),
        ("11/03/25", "not a date"),
    ],
)
def test_parse_date_rejects_impossible_dates(text: str, says: str) -> None:
    with pytest.raises(DateError, match=says) as info:
        parse_date(text)
    assert "\n" not in str(info.value)


def test_parse_optional_date() -> None:
    assert parse_optional_date("  ") is None
    assert parse_optional_date("11/03/2025") == date(2025, 3, 11)
    with pytest.raises(DateError):
        parse_optional_date("31/04/2025")


@pytest.mark.parametrize(
    ("text", "iso", "approximate"),
    [
        ("11/03/2025", "2025-03-11", False),
        ("2025-03-11", "2025-03-11", False),
        ("03/2025", "2025-03", True),
        ("3/2025", "2025-03", True),
        ("2025-03", "2025-03", True),
        ("March 2025", "2025-03", True),
        ("sept 2025", "2025-09", True),
        ("2025", "2025", True),
        ("?11/03/2025", "2025-03-11", True),
        ("? 11/03/2025", "2025-03-11", True),
        ("c. 11 March 2025", "2025-03-11", True),
        ("approx 2025-03-11", "2025-03-11", True),
        ("~03/2025", "2025-03", True),
    ],
)
def test_parse_fuzzy(text: str, iso: str, approximate: bool) -> None:
    assert parse_fuzzy(text) == FuzzyDate(iso, approximate)


@pytest.mark.parametrize(
    "text", ["", "13/2025", "00/2025", "2025-13", "0000", "0000-05", "?31/02/2025", "Smarch 2025"]
)
def test_parse_fuzzy_rejects(text: str) -> None:
    with pytest.raises(DateError):
        parse_fuzzy(text)


@pytest.mark.parametrize(
    ("iso", "earliest", "latest"),
    [
        ("2025-03-11", date(2025, 3, 11), date(2025, 3, 11)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-12", date(2025, 12, 1), date(2025, 12, 31)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_fuzzy_date_span(iso: str, earliest: date, latest: date) -> None:
    fd = from_stored(iso, False)
    assert (fd.earliest, fd.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("iso", "approximate", "shown"),
    [
        ("2025-03-11", False, "11/03/2025"),
        ("2025-03-11", True, "?11/03/2025"),
        ("2025-03", False, "?03/2025"),
        ("2025", False, "?2025"),
    ],
)
def test_display(iso: str, approximate: bool, shown: str) -> None:
    assert from_stored(iso, approximate).display() == shown


@pytest.mark.parametrize(
    "stored", ["11/03/2025", "2025-3-11", " 2025", "?2025-03-11", "March 2025"]
)
def test_from_stored_accepts_only_canonical_iso(stored: str) -> None:
    with pytest.raises(DateError, match="not an ISO date"):
        from_stored(stored, False)


def test_uk() -> None:
    assert uk(date(2025, 3, 1)) == "01/03/2025"
    assert uk(None) == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("9:05", "09:05"),
        ("0905", "09:05"),
        ("09.05", "09:05"),
        ("9:05 am", "09:05"),
        ("9.05pm", "21:05"),
        ("9:05 P.M.", "21:05"),
        ("09:05:00", "09:05"),
        ("12:30am", "00:30"),
        ("12 noon", "12:00"),
        ("12:00 noon", "12:00"),
        ("Midday", "12:00"),
        ("midnight", "00:00"),
        ("9am", "09:00"),
        (" 23:59 ", "23:59"),
    ],
)
def test_one_time_parser_reads_every_usual_spelling(typed: str, stored: str) -> None:
    assert parse_time(typed) == stored


@pytest.mark.parametrize("typed", ["9", "24:00", "12:60", "13:00 pm", "0:30 am", "half nine", ""])
def test_a_time_that_is_not_one_is_refused_in_one_sentence(typed: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_time(typed)
    assert str(refused.value) == f"'{typed.strip()}' is not a time (write it as 14:30)"
