"""The review document: these pydantic models *are* the file format.

Every field has a default, so a half-finished review is always valid. Dates are
stored as ISO text so the TOML file reads naturally and diffs cleanly.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from imr_tui import __version__
from imr_tui.core import clock
from imr_tui.core.chronology_order import display_order
from imr_tui.core.comment_model import Comment as Comment
from imr_tui.core.dates import DateError, FuzzyDate, from_stored, parse_time, uk
from imr_tui.core.model_base import FileModel as _Model
from imr_tui.core.model_base import new_id as new_id

SCHEMA_VERSION = 1
"""The newest file layout this version of imr-tui writes and understands."""


class Meta(_Model):
    """Facts about the file rather than the review."""

    created: datetime = Field(default_factory=clock.now)
    """When the review was started."""
    last_saved: datetime | None = None
    """When the file was last written."""
    app_version: str = __version__
    """Version of imr-tui that last wrote the file."""
    catalogue: str = ""
    """Name and edition of the prompt catalogue the review was written against."""
    training: bool = Field(default=False, exclude_if=lambda v: not v)
    """A training case (the worked example), not a real review: checks that judge dates
    against today say so."""


class Adult(_Model):
    """An adult the review is about."""

    name: str = ""
    """The adult's name as the review panel uses it."""
    date_of_birth: date | None = None
    """Date of birth; never in the future."""
    date_of_death: date | None = None
    """Date of death, if the adult has died and it is known; never in the future, never
    before the date of birth. An anonymised report gives the age at death from it."""

    @field_validator("date_of_birth", "date_of_death")
    @classmethod
    def _not_future(cls, v: date | None, info: ValidationInfo) -> date | None:
        if v is not None and v > clock.today():
            what = "date of death" if info.field_name == "date_of_death" else "date of birth"
            raise ValueError(f"{what} {v.isoformat()} is in the future")
        return v

    @model_validator(mode="after")
    def _died_after_birth(self) -> Adult:
        born, died = self.date_of_birth, self.date_of_death
        if born and died and died < born:
            who = " ".join(self.name.split()) or "an adult with no name"
            raise ValueError(
                f"{who}: date of death {died.isoformat()} is before the date of birth "
                f"{born.isoformat()}"
            )
        return self


class ReviewPeriod(_Model):
    """The period set by the review's Terms of Reference."""

    start: date | None = None
    """First day of the review period."""
    end: date | None = None
    """Last day of the review period."""

    @model_validator(mode="after")
    def _ordered(self) -> ReviewPeriod:
        if self.start and self.end and self.start > self.end:
            raise ValueError(
                f"the review period starts ({self.start.isoformat()}) after it ends "
                f"({self.end.isoformat()})"
            )
        return self

    def contains(self, earliest: date, latest: date) -> bool:
        """Whether a date (or the span an approximate date may fall in) overlaps the period."""
        if self.start and latest < self.start:
            return False
        return not (self.end and earliest > self.end)

    def span(self) -> str:
        """The period in words: ``01/01/2024 to 31/12/2024``, ``?`` for an end not set."""
        return f"{uk(self.start) or '?'} to {uk(self.end) or '?'}"


class Heading(_Model):
    """A Terms of Reference heading the panel asked the agency to address."""

    id: str = Field(default_factory=new_id)
    """Stable identifier; the analysis answer for this heading is keyed by it."""
    title: str = ""
    """The heading's wording."""


class HeadingAnalysis(_Model):
    """The analysis answer for one Terms of Reference heading."""

    heading: str = ""
    """The heading's wording when last answered, kept if the heading is removed."""
    text: str = ""
    """The analysis."""


OUTSIDE_PERIOD = "The date is outside the review period ({span})."
"""Why an entry's date is worth a second look; ``span`` is :meth:`ReviewPeriod.span`."""
END_BEFORE_START = "The end ({end}) is before the start ({start})."
"""Why a period that ends before it starts is refused."""
UNDATED = "~"
"""The day an undated entry is on, for ordering: after every date."""


def _shown(when: FuzzyDate | None, time: str) -> str:
    return f"{when.display() if when else ''} {time}".strip()


def _span(start: str, end: str) -> str:
    """``start – end`` for a period (``?`` for a start not known), else ``start``."""
    return f"{start or '?'} – {end}" if end else start


def end_problem(start: FuzzyDate | None, time: str, end: FuzzyDate | None, end_time: str) -> str:
    """Why a period's end cannot be its end (it is before the start), or ``""``."""
    if start is None or end is None:
        return ""
    same_day = end.latest == start.earliest
    if end.latest < start.earliest or (same_day and time and end_time and end_time < time):
        return END_BEFORE_START.format(end=_shown(end, end_time), start=_shown(start, time))
    return ""


def _stored_date(v: str) -> str:
    if v:
        try:
            from_stored(v, False)
        except DateError as e:
            raise ValueError(str(e)) from None
    return v


def _stored_time(v: str) -> str:
    try:
        return parse_time(v) if v else v
    except DateError as e:
        raise ValueError(str(e)) from None


class ChronologyEntry(_Model):
    """One dated contact or event in the chronology, or a period (with an end)."""

    id: str = Field(default_factory=new_id)
    """Stable identifier of the entry."""
    date: str = ""
    """``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only the month or year is known."""
    approximate: bool = False
    """True when the date is uncertain (always true for month- or year-only dates)."""
    time: str = ""
    """Optional time, ``HH:MM`` (any spelling :func:`parse_time` reads is stored so)."""
    end_date: str = Field(default="", exclude_if=lambda v: not v)
    """For an event that lasted (an admission, a period of no contact): its last day,
    stored as :attr:`date` is; empty for a single event."""
    end_approximate: bool = Field(default=False, exclude_if=lambda v: not v)
    """True when the end date is uncertain (always true for a month- or year-only end)."""
    end_time: str = Field(default="", exclude_if=lambda v: not v)
    """Optional time the event ended, ``HH:MM``."""
    reference: str = Field(default="", exclude_if=lambda v: not v)
    """The agency's own record number for the event, if it has one.

    The end and the reference were added after file layout 1 was first released:
    left out of the file when empty, so older files load and are written unchanged."""
    source: str = ""
    """Which record the entry comes from (required for a complete entry)."""
    cells: dict[str, str] = {}
    """The catalogue's further columns, keyed by column id."""

    @field_validator("date", "end_date")
    @classmethod
    def _valid_date(cls, v: str) -> str:
        return _stored_date(v)

    @field_validator("time", "end_time")
    @classmethod
    def _valid_time(cls, v: str) -> str:
        return _stored_time(v)

    @model_validator(mode="after")
    def _month_or_year_is_approximate(self) -> ChronologyEntry:
        if self.date and not self.approximate and from_stored(self.date, False).approximate:
            object.__setattr__(self, "approximate", True)
        end = self.end_date
        if end and not self.end_approximate and from_stored(end, False).approximate:
            object.__setattr__(self, "end_approximate", True)
        if problem := self.end_problem():
            raise ValueError(problem)
        return self

    @property
    def when(self) -> FuzzyDate | None:
        """The date, typed; None when the entry has none."""
        return from_stored(self.date, self.approximate) if self.date else None

    @property
    def until(self) -> FuzzyDate | None:
        """The end date of a period, typed; None for a single event."""
        return from_stored(self.end_date, self.end_approximate) if self.end_date else None

    def end_problem(self) -> str:
        """Why the end cannot be the end (it is before the start), or ``""``."""
        return end_problem(self.when, self.time, self.until, self.end_time)

    def shown_start(self) -> str:
        """The start as a list shows it: ``11/03/2025 09:05``, ``?03/2025``, or ``""``."""
        return _shown(self.when, self.time)

    def shown_end(self) -> str:
        """The end as a list shows it (``18/03/2025 17:00``), or ``""`` for a single event."""
        return _shown(self.until, self.end_time)

    def shown_when(self) -> str:
        """When, for people: ``11/03/2025 09:05``, ``?03/2025``, ``11/03/2025 – 18/03/2025``."""
        return _span(self.shown_start(), self.shown_end())

    def shown_dates(self) -> str:
        """Its dates without times: ``11/03/2025``, or ``11/03/2025 – 18/03/2025``."""
        return _span(_shown(self.when, ""), _shown(self.until, ""))

    def shown_times(self) -> str:
        """Its times: ``09:05``, or for a period ``09:00 – 17:00`` (``""`` if none)."""
        return _span(self.time, self.end_time)

    def day(self) -> str:
        """The day it is ordered by: the first day its date may be (ISO), undated last."""
        return self.when.earliest.isoformat() if self.when else UNDATED

    def identity(self) -> tuple[str, ...]:
        """What makes two entries the same one: date, time, end, reference, source and
        every column's text, ignoring capitals and spacing (for duplicate detection)."""
        cells = sorted((k, _fold(v)) for k, v in self.cells.items() if v.strip())
        fixed = (self.date, self.time, self.end_date, self.end_time)
        return (*fixed, _fold(self.reference), _fold(self.source), *(f"{k}={v}" for k, v in cells))

    def outside(self, period: ReviewPeriod) -> str:
        """:data:`OUTSIDE_PERIOD` if the entry (all of a period) misses a set review
        period, else ``""`` (also for an undated entry)."""
        when = self.when
        if when is None or not (period.start or period.end):
            return ""
        last = max(when.latest, self.until.latest) if self.until else when.latest
        return (
            ""
            if period.contains(when.earliest, last)
            else OUTSIDE_PERIOD.format(span=period.span())
        )


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


class Recommendation(_Model):
    """A recommendation for action, with its owner and date (SMART)."""

    id: str = Field(default_factory=new_id)
    """Stable identifier of the recommendation."""
    recommendation: str = ""
    """What must change."""
    actions: str = ""
    """The action(s) that will bring it about."""
    lead: str = ""
    """Who owns it."""
    target_date: date | None = None
    """When it will be done."""
    resources: str = ""
    """Resources or cost needed."""
    evidence: str = ""
    """How the impact will be evidenced."""


class Pseudonym(_Model):
    """A name to replace in an anonymised export, and what replaces it.

    Only the name exactly as listed is replaced (whole words, any capitalisation,
    with possessives such as ``Hollins's`` or ``Hollins'``). Each other form the review
    uses (``Dorothy``, ``Mrs Hollins``) is listed as a row of its own, mapping to the
    same alias.
    """

    name: str = ""
    """The real name as written in the review, e.g. ``Dorothy Hollins``."""
    alias: str = ""
    """What replaces it in an anonymised export, e.g. ``Adult A`` or ``Staff Nurse 1``."""
    kind: str = ""
    """Who they are, for the author's own reference: ``adult``, ``family``,
    ``practitioner`` or empty."""


class SentVersion(_Model):
    """A final report as it was exported (``imr export --final``): its version and where
    the private copy of exactly what was sent is kept."""

    version: int
    """1 for the first final report, then 2, 3, ..."""
    exported: datetime
    """When it was exported."""
    format: str
    """``md`` or ``docx``."""
    kept_copy: str
    """The private copy, relative to the review's folder."""
    sha256: str
    """The copy's SHA-256, so a changed or lost copy is noticed."""
    also_kept: dict[str, str] = Field(default={}, exclude_if=lambda v: not v)
    """More files sent with it (a Markdown report's timeline picture): each copy,
    relative to the review's folder, with its SHA-256. Left out of the file while empty."""
    written: list[str] = Field(default=[], exclude_if=lambda v: not v)
    """Where the report's files were written when it was sent (relative to the review's
    folder when inside it), so a draft export never overwrites one. Left out while empty;
    older files load without it."""
    review_copy: str = Field(default="", exclude_if=lambda v: not v)
    """A private copy of the review file as it was when this version was sent (relative
    to the review's folder), which ``imr diff`` compares with; empty for a version sent
    before such copies were kept. Left out while empty."""
    review_sha256: str = Field(default="", exclude_if=lambda v: not v)
    """The SHA-256 of :attr:`review_copy`, so a changed copy is noticed."""


DraftKind = Literal["entry", "recommendation"]
"""What an unfinished form was for: a chronology entry or a recommendation."""


class Draft(_Model):
    """A chronology entry or recommendation whose form was left unfinished (Ctrl-C, a
    hang-up, a command that left the form): every field given and the one being typed,
    exactly as typed. It is offered to the author when they come back; it is never
    exported, anonymised, merged or counted as an answer."""

    kind: DraftKind
    """What the form was for."""
    record: str = Field(default="", exclude_if=lambda v: not v)
    """The id of the record being changed; empty for a new one."""
    fields: dict[str, str] = {}
    """Form field id to the text given, as typed (not yet checked)."""
    typing: str = Field(default="", exclude_if=lambda v: not v)
    """The field being typed when the form stopped (its text is in ``fields``), or empty."""


class Review(_Model):
    """One agency's Individual Management Review, finished or not."""

    schema_version: int = SCHEMA_VERSION
    """Layout of this file; a file newer than the app is refused, never downgraded."""
    resume: str = ""
    """The prompt the author was on, so the interview resumes there."""
    meta: Meta = Field(default_factory=Meta)
    """Facts about the file."""
    answers: dict[str, str] = {}
    """Text and date answers keyed by prompt id (dates as ISO ``YYYY-MM-DD``)."""
    adults: list[Adult] = []
    """The adult(s) the review is about."""
    review_period: ReviewPeriod = Field(default_factory=ReviewPeriod)
    """The period set by the Terms of Reference."""
    headings: list[Heading] = []
    """Terms of Reference headings, in the panel's order."""
    chronology: list[ChronologyEntry] = []
    """Chronology entries in the author's order, which the file keeps; they are shown
    in :meth:`sorted_chronology`'s order."""
    heading_analysis: dict[str, HeadingAnalysis] = {}
    """Analysis answer per Terms of Reference heading id (kept if the heading is removed)."""
    recommendations: list[Recommendation] = []
    """Recommendations for action, in order."""
    accepted_abbreviations: list[str] = []
    """Abbreviations the author chose to keep; the export adds a glossary of them."""
    abbreviation_meanings: dict[str, str] = Field(default={}, exclude_if=lambda v: not v)
    """The meaning the author gave an abbreviation, keyed by the abbreviation: the one
    they intend of an ambiguous abbreviation's expansions, or the expansion of one the
    glossary does not know. Left out of the file while empty."""
    sent: list[SentVersion] = Field(default=[], exclude_if=lambda v: not v)
    """The final reports exported, oldest first (``imr export --final``). Left out of the
    file while empty."""
    pseudonyms: list[Pseudonym] = []
    """Names to replace in an anonymised export (``imr export --anonymise``), in order.

    Added after file layout 1 was first released without a new ``schema_version``:
    the field is optional with an empty default, so older files load unchanged and a
    file without pseudonyms is written exactly as before. An older imr-tui refuses a
    file that lists pseudonyms with a plain error naming the key, never silently.
    """

    drafts: list[Draft] = Field(default=[], exclude_if=lambda v: not v)
    """Chronology entries and recommendations left unfinished, kept as typed until the
    author finishes or removes them. Left out of the file while empty (an older imr-tui
    refuses a file holding one with a plain error naming the key, never silently)."""
    comments: list[Comment] = Field(default=[], exclude_if=lambda v: not v)
    """The panel's (or trainer's) comments on places of the review and the replies to
    them, oldest first; a comment whose place was deleted is kept (shown as detached).
    Left out of the file while empty, so older files load and are written unchanged."""

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Review:
        """Two records with one id would be edited (and deleted) together: refuse them."""
        groups: list[tuple[str, list[str]]] = [
            ("chronology entries", [e.id for e in self.chronology]),
            ("recommendations", [r.id for r in self.recommendations]),
            ("Terms of Reference headings", [h.id for h in self.headings]),
        ]
        for what, ids in groups:
            seen: dict[str, int] = {}
            for n, ident in enumerate(ids, 1):
                if ident in seen:
                    raise ValueError(
                        f"the id '{ident}' is used by {what} {seen[ident]} and {n}; "
                        "'imr check --renumber' on the file gives them new ids"
                    )
                seen[ident] = n
        return self

    def answer(self, prompt_id: str) -> str:
        """The text answer to a prompt, or empty."""
        return self.answers.get(prompt_id, "")

    def set_answer(self, prompt_id: str, text: str) -> None:
        """Record a text answer; an empty answer removes the key.

        The dictionary is changed in place: it runs on every keystroke, and a text
        value needs no validation.
        """
        if text:
            self.answers[prompt_id] = text
        else:
            self.answers.pop(prompt_id, None)

    def sorted_chronology(self) -> list[ChronologyEntry]:
        """Chronology entries as they are shown: see :func:`order_keys`."""
        return display_order(self.chronology)
