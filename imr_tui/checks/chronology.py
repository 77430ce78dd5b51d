"""The chronology check: dates outside the period, sources, duplicates and gaps.

There is no check of the file's order: the chronology is always shown in date and
time order, and the order of the file is the author's order among entries of the
same day and time (see :func:`~imr_tui.core.model.order_keys`), so no order of the
file is wrong.

Gaps in contact follow :mod:`imr_tui.core.contact_gaps`, the rule the timeline picture
shades by: between contacts and from the review period's start and to its end; an
entry dated only to a month or year closes no gap; one recording no contact explains
the gap next to it. An entry whose event (the long text columns) says nothing is
reported as incomplete (a "completeness" finding, so a final report is refused by
default): it is no contact, since a date and a source alone do not say that anyone met,
spoke or wrote, and counting it would hide the gap around it. An entry without a date
or without its source is incomplete too: the template asks for the source of every
fact, and an undated entry cannot be placed.
"""

from __future__ import annotations

from collections import Counter

from imr_tui.checks.findings import Finding, Found, Kind, named_entries, step_orders
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.contact_gaps import (
    Gap,
    contact_gaps,
    entry_span,
    event_columns,
    says_nothing,
    short_columns,
)
from imr_tui.core.dates import FuzzyDate
from imr_tui.core.model import ChronologyEntry, Review, ReviewPeriod
from imr_tui.core.steps import steps

INCOMPLETE: Kind = "completeness"
"""The kind of an entry's finding that leaves it unfinished (no date, no source, nothing
said): a final report is refused while one is found (``export.must_fix``)."""

_ADVICE = (
    "If there was no contact in that time, add an entry saying so; "
    "otherwise add the missing contacts."
)


def _named(entry: ChronologyEntry, when: FuzzyDate) -> str:
    """An entry's date as a gap's message names it (a period's start and end)."""
    return f"{when.display()} to {entry.until.display()}" if entry.until else when.display()


def _gap_finding(
    gap: Gap,
    dated: list[tuple[int, ChronologyEntry, FuzzyDate]],
    period: ReviewPeriod,
    gap_days: int,
) -> tuple[int, str, str]:
    """The gap's place among the findings (after the entries that start before it, so
    gaps are listed in date order), where it is, and its message; the review period's
    edges named plainly."""
    place = max((i for i, _, when in dated if when.earliest < gap.first), default=0)
    counted = f"There is no recorded contact for {gap.days} days (more than {gap_days})"
    first, last = f"{gap.first:%d/%m/%Y}", f"{gap.last:%d/%m/%Y}"
    if gap.before is None and gap.after is None:
        return (
            place,
            f"the review period ({period.span()})",
            f"{counted} in the whole review period ({first} to {last}): no entry records "
            "a contact on a known day within it, and no entry says there was none.",
        )
    if gap.before is None:
        assert gap.after is not None
        _, e, when = dated[gap.after]
        return (
            place,
            f"before the first chronology entry ({when.display()})",
            f"{counted} from the start of the review period ({first}) to the first entry "
            f"({_named(e, when)}), and no entry saying so.",
        )
    _, e, when = dated[gap.before]
    if gap.after is None:
        return (
            place,
            f"after the last chronology entry ({when.display()})",
            f"{counted} from the last entry ({_named(e, when)}) to the end of the review "
            f"period ({last}), and no entry saying so.",
        )
    later = dated[gap.after][2]
    return (
        place,
        f"between the chronology entries of {when.display()} and {later.display()}",
        f"{counted} and no entry saying so.",
    )


def _times(entry: ChronologyEntry) -> tuple[str, str, str, str]:
    """What :meth:`~imr_tui.core.model.ChronologyEntry.identity` begins with: an entry
    repeats another only if these are the same."""
    return (entry.date, entry.time, entry.end_date, entry.end_time)


def chronology(catalogue: Catalogue, review: Review) -> Found:
    """Dates outside the period, missing sources, duplicates and unexplained gaps (see
    :mod:`imr_tui.core.contact_gaps`)."""
    prompt = catalogue.prompt_of_kind("chronology")
    if prompt is None:
        return []
    ch = catalogue.chronology
    sid = catalogue.section_of(prompt.id).id
    base = step_orders(catalogue, steps(catalogue, review))[prompt.id]
    period = review.review_period
    out: Found = []

    def add(
        i: int,
        where: str,
        message: str,
        advice: str,
        record_id: str = "",
        field: str = "",
        kind: Kind = "chronology",
    ) -> None:
        finding = Finding(kind, sid, prompt.id, where, message, advice, "", record_id, field)
        out.append(((base[0], base[1], i), finding))

    event = event_columns(catalogue)
    event_title = next(f"'{c.title}'" for c in ch.columns if c.id == event[0])
    seen: set[tuple[str, ...]] = set()
    dated: list[tuple[int, ChronologyEntry, FuzzyDate]] = []
    named = named_entries(review)
    # Only entries of the same date and times can repeat one another: only theirs
    # are compared in full (a long chronology has few)
    same_times = Counter(_times(e) for e, _ in named)
    for i, (e, where) in enumerate(named, 1):
        if not e.date:
            add(
                i,
                where,
                "It has no date.",
                "Add the date; put ? in front if it is uncertain.",
                e.id,
                "date",
                INCOMPLETE,
            )
        elif e.when is not None:
            dated.append((i, e, e.when))
            if outside := e.outside(period):
                add(
                    i,
                    where,
                    outside,
                    "Check the date, and keep the entry only if it explains events in the period.",
                    e.id,
                    "date",
                )
        if not e.source.strip():
            add(
                i,
                where,
                f"It has no {ch.source_title[0].lower() + ch.source_title[1:]}.",
                "Say which record it comes from, for example the electronic patient record.",
                e.id,
                "source",
                INCOMPLETE,
            )
        if same_times[_times(e)] > 1:
            key = e.identity()
            if key in seen:
                add(
                    i,
                    where,
                    "It repeats an earlier entry: same date, time, source and details.",
                    "Delete the copy, or correct it if it records a different contact.",
                    e.id,
                )
            seen.add(key)
        if says_nothing(e, event):
            finding = Finding(
                "completeness",
                sid,
                prompt.id,
                where,
                "It does not say what happened.",
                f"Write in {event_title} what happened, or delete the entry if it records nothing.",
                "",
                e.id,
                event[0],
            )
            out.append(((base[0], base[1], i), finding))

    words, short = catalogue.checks.no_contact_words, short_columns(catalogue)
    spans = [s for _, e, _ in dated if (s := entry_span(e, words, short, event))]  # all dated
    for gap in contact_gaps(spans, (period.start, period.end), ch.gap_days):
        if gap.explained:
            continue  # the author has recorded the period of no contact
        add(*_gap_finding(gap, dated, period, ch.gap_days), _ADVICE)
    return out
