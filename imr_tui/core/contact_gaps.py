"""Gaps in contact: the one rule ``imr check`` reports and the timeline shades.

A *gap* is a run of more than ``gap_days`` days, within the review's timescale, on
which no chronology entry records a contact:

- between consecutive contacts, and also from the review period's start to the
  first contact and from the last contact to the period's end (the template: "where
  there was no agency contact for a period within the review's timescale, the
  chronology should say so"; the edges are within the timescale too). Without a set
  start (or end) there is no gap before the first (or after the last) contact;
- an entry counts only on the days it *certainly* covers: from the last day its start
  could be to the first day its end could be (a period entry covers every day from
  its start to its end). An entry dated only to a month or year ("03/2025", "2025")
  covers no day for certain, so it never closes a gap: the contact could have been on
  any day of that month or year, and saying the stretch around it had contact would
  hide the very gap the review must explain. A day marked uncertain ("?10/02/2025")
  counts on that day. A period ending in a month ("10/02/2025" to "03/2025") covers
  up to that month's first day;
- only days inside the review period count: an entry outside it, or the part of a
  period entry outside it, neither opens nor closes a gap;
- an entry that records no contact is not a contact (:func:`records_no_contact`): its
  type of contact (a short column) contains one of the catalogue's
  ``checks.no_contact_words`` ("No contact"), or one of its cells *begins* with one
  ("No contact with the agency between March and May"). A phrase inside a sentence
  ("She said there had been no contact from her son since spring") is what someone said
  during a contact, not a record of no contact. Such an entry *explains* a gap (the
  check does not report it and the timeline does not shade it) by the dates it gives:
  one without an end date (a day, a month: "no contact since...") explains the whole gap
  it touches (dated within the gap, or on the day before or after it); one with an end
  date (a period of no contact, 02/04 to 30/05) explains only the days it covers, from
  the first day it could start to the last it could end. What is left of the gap either
  side of it is still a gap when longer than ``gap_days``;
- an entry whose event (the long text columns, :func:`event_columns`) says nothing is
  not a contact either (:func:`says_nothing`): a date and a source alone do not say that
  anyone met, spoke or wrote, and counting it would hide the gap around it behind a row
  the reader cannot use. The check reports it as incomplete; it explains no gap.

The check (:mod:`imr_tui.checks.chronology`) and the timeline
(:mod:`imr_tui.report.timeline`) both call :func:`contact_gaps`.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import ChronologyEntry

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """One dated chronology entry as the gap rule sees it."""

    start: date
    """The first day it could start."""
    end: date
    """The last day it could end."""
    sure_start: date
    """The first day it certainly covers (the last day its start could be)."""
    sure_end: date
    """The last day it certainly covers (the first day its end could be); before
    ``sure_start`` when no day is certain (a month- or year-only date)."""
    no_contact: bool = False
    """Whether the entry records that there was no contact (it is then no contact)."""
    says_nothing: bool = False
    """Whether its event is empty (it is then no contact, and explains nothing)."""

    @property
    def lasting(self) -> bool:
        """Whether it certainly covers more than one day: only an entry with an end date
        (a period) can."""
        return self.sure_end > self.sure_start

    @property
    def closes(self) -> bool:
        """Whether it is a contact on at least one certain day."""
        return not (self.no_contact or self.says_nothing) and self.sure_start <= self.sure_end


@dataclass(frozen=True)
class Gap:
    """A run of days with no recorded contact, longer than the threshold."""

    first: date
    """Its first day with no contact."""
    last: date
    """Its last day with no contact."""
    before: int | None
    """The index (in the spans given) of the contact just before it, or ``None`` when it
    runs from the review period's start."""
    after: int | None
    """The index of the contact just after it, or ``None`` when it runs to the review
    period's end."""
    explained: bool
    """Whether an entry next to it records no contact (the author has said so)."""

    @property
    def days(self) -> int:
        """How many days it lasts."""
        return (self.last - self.first).days + 1


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


@functools.lru_cache(maxsize=16)
def _folded_phrases(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases as compared (folded once, not once an entry: a long chronology
    has thousands)."""
    return tuple(_folded(p) for p in phrases if p.strip())


def records_no_contact(
    entry: ChronologyEntry, phrases: Sequence[str], short: Collection[str] = ("contact_type",)
) -> bool:
    """Whether the entry records that there was no contact: one of its ``short`` cells
    (the type of contact) contains one of ``phrases``, or any of its cells begins with
    one (ignoring case and spacing). A phrase inside a sentence of the event does not
    count: it is what was said during a contact."""
    wanted = _folded_phrases(tuple(phrases))
    if not wanted:
        return False
    firsts = _first_letters(wanted)
    for cid, text in entry.cells.items():
        if cid in short:
            if _short_says(text, wanted):
                return True
            continue
        # Folding changes no opener or space, and makes no letter one: the folded cell
        # begins with the first other character folded. Most begin with no phrase's.
        first = text.lstrip(_SKIPPED)
        if not first or first[0].casefold()[:1] not in firsts:
            continue
        if _folded_start(text, _longest(wanted)).startswith(wanted):
            return True
    return False


_OPENERS = "\"'‘“([-–—•* "
"""What a cell may begin with before a no-contact phrase."""
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
"""Every character ``str.split()`` splits at (a test holds it to that)."""
_SKIPPED = _OPENERS + SPACES
"""What folding and stripping a cell takes off its start."""


@functools.lru_cache(maxsize=16)
def _longest(phrases: tuple[str, ...]) -> int:
    return max(len(p) for p in phrases)


@functools.lru_cache(maxsize=16)
def _first_letters(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases)


@functools.lru_cache(maxsize=4096)
def _short_says(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether a short cell (the type of contact) begins with or contains one of the
    folded ``phrases`` (remembered: a chronology repeats the same few)."""
    cell = _folded(text).lstrip(_OPENERS)
    return cell.startswith(phrases) or any(p in cell for p in phrases)


def _folded_start(text: str, length: int) -> str:
    """The start of ``text`` folded (:func:`_folded`) and without its openers, at least
    ``length`` characters of it when it has them: enough to tell what it begins with
    without folding all of a long event (a chronology has thousands)."""
    chunk = text[: 4 * length + 64]
    start = _folded(chunk).lstrip(_OPENERS)  # folding a text's start gives its folded start
    if len(chunk) < len(text) and len(start) < length:
        return _folded(text).lstrip(_OPENERS)  # the start was mostly spaces and openers
    return start


def event_columns(catalogue: Catalogue) -> tuple[str, ...]:
    """The columns that say what happened: the long ones (every column when none is
    long)."""
    columns = catalogue.chronology.columns
    return tuple(c.id for c in columns if c.long) or tuple(c.id for c in columns)


def short_columns(catalogue: Catalogue) -> tuple[str, ...]:
    """The short columns (the type of contact, the practitioner): a no-contact phrase
    anywhere in one of these records no contact."""
    return tuple(c.id for c in catalogue.chronology.columns if not c.long)


def says_nothing(entry: ChronologyEntry, event: Collection[str]) -> bool:
    """Whether every one of the ``event`` columns is empty (or only spaces)."""
    return not any(entry.cells.get(cid, "").strip() for cid in event)


def entry_span(
    entry: ChronologyEntry,
    phrases: Sequence[str],
    short: Collection[str] = ("contact_type",),
    event: Collection[str] = (),
) -> Span | None:
    """The entry as the rule sees it, or ``None`` when it has no date. ``short``: the
    columns a no-contact phrase may be anywhere in; ``event``: the columns that say what
    happened (none given: an entry is never taken to say nothing)."""
    when = entry.when
    if when is None:
        return None
    until = entry.until
    end = max(when.latest, until.latest) if until else when.latest
    sure_end = until.earliest if until else when.earliest
    silent = records_no_contact(entry, phrases, short)
    empty = bool(event) and says_nothing(entry, event)
    return Span(when.earliest, end, when.latest, sure_end, silent, empty)


def span_of(entry: ChronologyEntry, catalogue: Catalogue) -> Span | None:
    """:func:`entry_span` with the catalogue's phrases and columns: what the timeline
    calls (the check passes the same, worked out once for all its entries)."""
    return entry_span(
        entry,
        catalogue.checks.no_contact_words,
        short_columns(catalogue),
        event_columns(catalogue),
    )


def contact_gaps(
    spans: Sequence[Span], period: tuple[date | None, date | None], gap_days: int
) -> list[Gap]:
    """Every gap longer than ``gap_days`` days in ``spans`` (see the module's rule), in
    date order, explained ones included (:attr:`Gap.explained`).

    With no contact inside the period at all, the whole period is one gap when both its
    ends are set (none otherwise); with no spans at all there is none.
    """
    if not spans:
        return []
    low, high = period
    covered: list[tuple[date, date, int]] = []
    for i, s in enumerate(spans):
        if not s.closes:
            continue
        first = max(s.sure_start, low) if low else s.sure_start
        last = min(s.sure_end, high) if high else s.sure_end
        if first <= last:
            covered.append((first, last, i))
    covered.sort()
    found: list[tuple[date, date, int | None, int | None]] = []
    if not covered:
        if low and high:
            found.append((low, high, None, None))
    else:
        if low and low < covered[0][0]:
            found.append((low, covered[0][0] - ONE_DAY, None, covered[0][2]))
        reached, reacher = covered[0][1], covered[0][2]
        for first, last, i in covered[1:]:
            if first > reached + ONE_DAY:
                found.append((reached + ONE_DAY, first - ONE_DAY, reacher, i))
            if last > reached:
                reached, reacher = last, i
        if high and high > reached:
            found.append((reached + ONE_DAY, high, reacher, None))
    out = []
    for first, last, before, after in found:
        if (last - first).days + 1 > gap_days:
            out += _explained(spans, first, last, before, after, gap_days)
    return out


def _explained(
    spans: Sequence[Span],
    first: date,
    last: date,
    before: int | None,
    after: int | None,
    gap_days: int,
) -> list[Gap]:
    """The gap from ``first`` to ``last`` as the no-contact entries leave it: explained
    whole by one without an end date touching it; else what the periods of no contact
    do not cover, each piece longer than ``gap_days`` a gap of its own (bounded by the
    no-contact entry next to it); explained whole when no such piece is left."""
    silent = [(i, s) for i, s in enumerate(spans) if s.no_contact]
    if any(
        not s.lasting and s.start <= last + ONE_DAY and s.end >= first - ONE_DAY for _, s in silent
    ):
        return [Gap(first, last, before, after, True)]
    periods = sorted(
        (max(s.start, first), min(s.end, last), i)
        for i, s in silent
        if s.lasting and s.start <= last and s.end >= first
    )
    pieces: list[Gap] = []
    day, bound = first, before
    for start, end, i in [*periods, (last + ONE_DAY, last + ONE_DAY, after)]:
        if start > day and (start - day).days > gap_days:
            pieces.append(Gap(day, start - ONE_DAY, bound, i, False))
        if end + ONE_DAY > day:
            day, bound = end + ONE_DAY, i
    if periods and not pieces:
        return [Gap(first, last, before, after, True)]
    return pieces
