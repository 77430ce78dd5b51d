"""The rules for the adults, the Terms of Reference headings and the review period,
in one place for every mode.

The Textual interview edits them as lists and two date boxes, plain mode one row
or one date at a time; both keep a row only when its text is not empty
(:func:`adult_from_fields`, :func:`headings_from_rows`), refuse a date of birth in
the future (:func:`birth_date_problem`), a date of death in the future or before the
date of birth (:func:`death_date_problem`) and a period that ends before it starts
(:func:`period_problem`) with the same sentences.

No front end is imported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from imr_tui.core.dates import parse_optional_date
from imr_tui.core.field_rules import FUTURE_DATE, date_problem
from imr_tui.core.model import Adult, ReviewPeriod

PERIOD_BACKWARDS = "The end of the review period is before its start."
"""Why a review period that ends before it starts is refused."""
FUTURE_BIRTH_SHORT = "In the future"
"""Why a date of birth after today is refused, for a narrow column."""
DEATH_BEFORE_BIRTH = "The date of death is before the date of birth."
"""Why a date of death before the adult's date of birth is refused."""
DEATH_BEFORE_BIRTH_SHORT = "Before birth"
"""Why a date of death before the date of birth is refused, for a narrow column."""


def birth_date_problem(text: str) -> str:
    """Why ``text`` cannot be a date of birth (empty is allowed: not known), or ``""``."""
    return date_problem(text, not_future=FUTURE_DATE)


def died_before_born(born: date | None, died: date | None) -> bool:
    """Whether a date of death comes before the date of birth (both known)."""
    return bool(born and died and died < born)


def death_date_problem(text: str, born: date | None) -> str:
    """Why ``text`` cannot be the date of death of an adult born on ``born``, or ``""``.

    Empty is allowed (not known, or the adult has not died).
    """
    problem = date_problem(text, not_future=FUTURE_DATE)
    if problem:
        return problem
    return DEATH_BEFORE_BIRTH if died_before_born(born, parse_optional_date(text)) else ""


def adult_from_fields(
    name: str, birth_date: date | None, death_date: date | None = None
) -> Adult | None:
    """The adult a row makes, or ``None`` for a row without a name (it is no row).

    A date of death before the date of birth is refused (:func:`death_date_problem`)
    and not kept: the adult is made without it until it is put right.
    """
    name = name.strip()
    if not name:
        return None
    died = None if died_before_born(birth_date, death_date) else death_date
    return Adult(name=name, date_of_birth=birth_date, date_of_death=died)


def adult_from_text(name: str, birth_date_text: str, death_date_text: str = "") -> Adult | None:
    """Like :func:`adult_from_fields`, with the dates as typed (already checked)."""
    born = parse_optional_date(birth_date_text)
    return adult_from_fields(name, born, parse_optional_date(death_date_text))


def adults_from_rows(
    rows: Sequence[tuple[str, date | None] | tuple[str, date | None, date | None]],
) -> list[Adult]:
    """The adults a list's rows make, in order; rows without a name are left out.

    A row is ``(name, date of birth)`` or ``(name, date of birth, date of death)``.
    """
    adults = (adult_from_fields(*row) for row in rows)
    return [a for a in adults if a is not None]


def heading_title(text: str) -> str:
    """A heading's title as stored: trimmed; empty means no heading."""
    return text.strip()


def headings_from_rows(rows: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(id, title)`` for each row with a title, in order; an empty id is a new heading."""
    return [(rid, heading_title(t)) for rid, t in rows if heading_title(t)]


def period_problem(start: date | None, end: date | None) -> str:
    """Why a review period cannot run from ``start`` to ``end``, or ``""``."""
    return PERIOD_BACKWARDS if start and end and end < start else ""


def period_from_dates(start: date | None, end: date | None) -> ReviewPeriod | None:
    """The review period, or ``None`` while it ends before it starts."""
    return None if period_problem(start, end) else ReviewPeriod(start=start, end=end)
