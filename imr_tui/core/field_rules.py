"""What every form shares, whichever front end shows it: its fields, dates typed into
them, and what a form's text makes (a record, the problems that stop it, warnings).

The rules for a chronology entry (:mod:`imr_tui.chronology.entry_rules`), a
recommendation (:mod:`imr_tui.core.recommendation_rules`) and the lists
(:mod:`imr_tui.core.list_rules`) are built from these, so a sentence is worded once
and every mode says it the same way. No front end is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from imr_tui.core import clock
from imr_tui.core.dates import DateError, parse_date, uk
from imr_tui.core.model import ReviewPeriod

R = TypeVar("R")

DATE_NEEDED = "A date is needed."
"""Why an empty date is refused where a date must be given."""
FUTURE_DATE = "That date is in the future."
"""Why a date of birth after today is refused."""


@dataclass(frozen=True)
class FormField:
    """One field of a record's form, as every front end asks it."""

    id: str
    """The field's key in the form's values (a column id for a chronology cell)."""
    title: str
    """Its label, from the catalogue."""
    hint: str = ""
    """What to write in it, from the catalogue."""
    long: bool = False
    """Whether it is free text of more than a line."""
    required: str = ""
    """The sentence shown when it is left empty; empty when it may be left empty."""
    format: str = ""
    """How to write it, in a few words (``14:30, optional``), for a label or placeholder."""

    @property
    def placeholder(self) -> str:
        """What an empty box shows: the hint, or else how to write it."""
        return self.hint or self.format


@dataclass(frozen=True)
class RecordInput(Generic[R]):
    """What a form's text makes: the record, or the problems that stop it; and warnings."""

    record: R | None
    """The record, or ``None`` while any field has a problem."""
    problems: dict[str, str] = field(default_factory=dict)
    """Why each refused field is refused, in one sentence, keyed by field id."""
    warnings: list[str] = field(default_factory=list)
    """Sentences the author should read, which do not stop the record being saved."""


class RecordError(ValueError):
    """A record was asked for from a form with problems; ``problems`` says which."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = problems
        """Why each refused field is refused, keyed by field id."""


def date_message(error: DateError) -> str:
    """A date error as a sentence: its first letter a capital."""
    text = str(error)
    return text[:1].upper() + text[1:]


def date_problem(text: str, *, required: str = "", not_future: str = "") -> str:
    """Why ``text`` is not an acceptable full date, or ``""``.

    Empty text is refused with ``required`` (accepted if that is empty); a date
    after today is refused with ``not_future`` when that is given.
    """
    if not text.strip():
        return required
    try:
        value = parse_date(text)
    except DateError as e:
        return date_message(e)
    if not_future and value > clock.today():
        return not_future
    return ""


def period_span(period: ReviewPeriod) -> str:
    """The review period in words: ``01/01/2024 to 31/12/2024``, ``?`` for an end not set."""
    return f"{uk(period.start) or '?'} to {uk(period.end) or '?'}"


def outside_period(period: ReviewPeriod, earliest: date, latest: date) -> bool:
    """Whether a date (or the span an approximate date may fall in) misses a set period."""
    return bool(period.start or period.end) and not period.contains(earliest, latest)


def keep_note(note: str, text: str) -> str:
    """``text`` with ``note`` on a line after it (just the note if ``text`` is empty)."""
    return f"{text}\n{note}".strip()


def one_line(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
