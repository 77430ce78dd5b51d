"""Gaps in contact: ``imr check`` reports and the timeline shades the same gaps, by one
rule (:mod:`imr_tui.core.contact_gaps`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from imr_tui.checks.chronology import chronology
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.contact_gaps import span_of
from imr_tui.core.model import ChronologyEntry, Review, ReviewPeriod
from imr_tui.report.timeline import entry_point, lane_gaps, month_strip, timeline_block

PERIOD_2025 = ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31))
ADVICE = (
    "If there was no contact in that time, add an entry saying so; "
    "otherwise add the missing contacts."
)


def entry(
    when: str, event: str = "Home visit.", until: str = "", approx: bool = False, kind: str = ""
) -> ChronologyEntry:
    cells = {"event": event} | ({"contact_type": kind} if kind else {})
    return ChronologyEntry(
        date=when, end_date=until, approximate=approx, source="GP records", cells=cells
    )


def review(*entries: ChronologyEntry, period: ReviewPeriod = PERIOD_2025) -> Review:
    return Review(review_period=period, chronology=list(entries))


def gap_findings(catalogue: Catalogue, r: Review) -> list[tuple[str, str]]:
    """The check's gaps, as (where, message)."""
    out = []
    for _, f in sorted(chronology(catalogue, r), key=lambda kf: kf[0]):
        if f.message.startswith("There is no recorded contact"):
            assert f.advice == ADVICE
            out.append((f.where, f.message))
    return out


def shaded(catalogue: Catalogue, r: Review) -> list[tuple[date, date]]:
    """The timeline's shaded gaps."""
    block = timeline_block(r, catalogue)
    assert block is not None
    (lane,) = block.lanes
    return lane_gaps(block, lane)


def test_a_year_only_entry_hides_no_gap(catalogue: Catalogue) -> None:
    """The tester's case: 10/02, ?2025, 20/10 in 01/02 to 31/10/2025."""
    r = review(entry("2025-02-10"), entry("2025"), entry("2025-10-20"))
    assert gap_findings(catalogue, r) == [
        (
            "between the chronology entries of 10/02/2025 and 20/10/2025",
            "There is no recorded contact for 251 days (more than 28) and no entry saying so.",
        )
    ]
    assert shaded(catalogue, r) == [(date(2025, 2, 11), date(2025, 10, 19))]
    block = timeline_block(r, catalogue)
    assert block is not None
    assert month_strip(block, 200).splitlines()[1] == (
        "1 gap over 28 days (251 days from 11/02/2025)"
    )


def test_a_month_only_entry_closes_no_gap_either(catalogue: Catalogue) -> None:
    r = review(entry("2025-02-10"), entry("2025-04"), entry("2025-05-20"), entry("2025-10-20"))
    assert [m for _, m in gap_findings(catalogue, r)] == [
        "There is no recorded contact for 98 days (more than 28) and no entry saying so.",
        "There is no recorded contact for 152 days (more than 28) and no entry saying so.",
    ]
    assert shaded(catalogue, r) == [
        (date(2025, 2, 11), date(2025, 5, 19)),
        (date(2025, 5, 21), date(2025, 10, 19)),
    ]


def test_a_no_contact_entry_explains_its_gap_and_is_not_a_contact(catalogue: Catalogue) -> None:
    silent = entry("2025-03-01", "No contact while she stayed with her sister.")
    r = review(entry("2025-02-10"), silent, entry("2025-10-20"))
    assert gap_findings(catalogue, r) == []
    assert shaded(catalogue, r) == []
    block = timeline_block(r, catalogue)
    assert block is not None
    strip = month_strip(block, 200).splitlines()
    assert strip[0].startswith("2025 Feb 1 │ Mar · │")  # the entry of 01/03 is no contact
    assert strip[1] == "No gap over 28 days"
    # a no-contact entry away from a gap explains nothing
    weekend = entry("2025-02-05", "No contact over the weekend.")
    r = review(weekend, entry("2025-02-10"), entry("2025-10-20"))
    assert [w for w, _ in gap_findings(catalogue, r)] == [
        "between the chronology entries of 10/02/2025 and 20/10/2025"
    ]


def test_a_period_of_no_contact_explains_only_the_days_it_covers(catalogue: Catalogue) -> None:
    """The tester's case: 01/01 to 30/06/2025, a contact on 14/01, an entry of "?03/2025"
    and no contact from 02/04 to 30/05: 15/01 to 01/04 and 31/05 to 30/06 are still gaps."""
    half = ReviewPeriod(start=date(2025, 1, 1), end=date(2025, 6, 30))
    silent = entry("2025-04-02", "No contact: she was abroad.", until="2025-05-30")
    r = review(entry("2025-01-14"), entry("2025-03", approx=True), silent, period=half)
    assert gap_findings(catalogue, r) == [
        (
            "between the chronology entries of 14/01/2025 and 02/04/2025",
            "There is no recorded contact for 77 days (more than 28) and no entry saying so.",
        ),
        (
            "after the last chronology entry (02/04/2025)",
            "There is no recorded contact for 31 days (more than 28) from the last entry "
            "(02/04/2025 to 30/05/2025) to the end of the review period (30/06/2025), and no "
            "entry saying so.",
        ),
    ]
    assert shaded(catalogue, r) == [
        (date(2025, 1, 15), date(2025, 4, 1)),
        (date(2025, 5, 31), date(2025, 6, 30)),
    ]
    block = timeline_block(r, catalogue)
    assert block is not None
    assert month_strip(block, 200).splitlines()[1].startswith("2 gaps over 28 days")
    # what is left either side, 28 days or fewer, is no gap: the period explains the rest
    near = entry("2025-03-05", "No contact: she was abroad.", until="2025-06-02")
    r = review(entry("2025-01-14"), entry("2025-02-10"), near, period=half)
    assert gap_findings(catalogue, r) == []
    assert shaded(catalogue, r) == []
    # an entry without an end date ("no contact since...") still explains the whole gap
    since = entry("2025-04-02", "No contact since she moved away.")
    r = review(entry("2025-01-14"), since, period=half)
    assert gap_findings(catalogue, r) == []
    assert shaded(catalogue, r) == []


def test_the_edges_of_the_review_period(catalogue: Catalogue) -> None:
    """One entry in a long period: a gap before it and one after it, named plainly."""
    r = review(entry("2025-06-15"))
    assert gap_findings(catalogue, r) == [
        (
            "before the first chronology entry (15/06/2025)",
            "There is no recorded contact for 134 days (more than 28) from the start of the "
            "review period (01/02/2025) to the first entry (15/06/2025), and no entry saying so.",
        ),
        (
            "after the last chronology entry (15/06/2025)",
            "There is no recorded contact for 138 days (more than 28) from the last entry "
            "(15/06/2025) to the end of the review period (31/10/2025), and no entry saying so.",
        ),
    ]
    assert shaded(catalogue, r) == [
        (date(2025, 2, 1), date(2025, 6, 14)),
        (date(2025, 6, 16), date(2025, 10, 31)),
    ]
    # no more than 28 days from each end, or between entries: none
    every_four_weeks = [
        entry((date(2025, 3, 1) + timedelta(days=28 * n)).isoformat()) for n in range(9)
    ]
    assert every_four_weeks[-1].date == "2025-10-11"
    assert gap_findings(catalogue, review(*every_four_weeks)) == []
    assert shaded(catalogue, review(*every_four_weeks)) == []


def test_an_entry_outside_the_period_counts_only_within_it(catalogue: Catalogue) -> None:
    before = entry("2025-01-20")  # outside: closes nothing inside the period
    r = review(before, entry("2025-03-15"), entry("2025-10-20"))
    found = gap_findings(catalogue, r)
    assert found[0] == (
        "before the first chronology entry (15/03/2025)",
        "There is no recorded contact for 42 days (more than 28) from the start of the "
        "review period (01/02/2025) to the first entry (15/03/2025), and no entry saying so.",
    )
    assert shaded(catalogue, r)[0] == (date(2025, 2, 1), date(2025, 3, 14))
    # a stay that began before the period and ran into it covers its days within it
    stay = entry("2025-01-10", "Admitted to hospital.", until="2025-03-10")
    r = review(
        stay,
        entry("2025-04-01"),
        entry("2025-04-25"),
        period=ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 5, 1)),
    )
    assert gap_findings(catalogue, r) == []
    assert shaded(catalogue, r) == []


def test_a_period_entry_covers_the_days_it_spans(catalogue: Catalogue) -> None:
    """A stay from 01/03 to 30/06 covers a later short contact's surroundings: the gap is
    counted from the stay's end, not from the contact inside it."""
    stay = entry("2025-03-01", "Admitted to hospital.", until="2025-06-30")
    r = review(
        entry("2025-02-10"),
        stay,
        entry("2025-03-20"),
        entry("2025-07-20"),
        period=ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 8, 10)),
    )
    assert gap_findings(catalogue, r) == []
    assert shaded(catalogue, r) == []
    r.chronology[-1] = entry("2025-08-05")
    assert gap_findings(catalogue, r) == [
        (
            "between the chronology entries of 01/03/2025 and 05/08/2025",
            "There is no recorded contact for 35 days (more than 28) and no entry saying so.",
        )
    ]
    assert shaded(catalogue, r) == [(date(2025, 7, 1), date(2025, 8, 4))]


def test_no_contact_on_a_known_day_in_the_whole_period(catalogue: Catalogue) -> None:
    r = review(entry("2025-03"), entry("2025-07"))
    assert gap_findings(catalogue, r) == [
        (
            "the review period (01/02/2025 to 31/10/2025)",
            "There is no recorded contact for 273 days (more than 28) in the whole review "
            "period (01/02/2025 to 31/10/2025): no entry records a contact on a known day "
            "within it, and no entry says there was none.",
        )
    ]
    assert shaded(catalogue, r) == [(date(2025, 2, 1), date(2025, 10, 31))]


def test_a_no_contact_phrase_inside_a_sentence_is_a_contact(catalogue: Catalogue) -> None:
    """The tester's case: a home visit where she said there had been no contact from her
    son is a contact; it hides no gap, is counted and drawn as a contact."""
    period = ReviewPeriod(start=date(2025, 1, 1), end=date(2025, 6, 30))
    said = "Home visit. She said there had been no contact from her son since spring."
    r = review(entry("2025-01-05"), entry("2025-04-18", said), entry("2025-06-20"), period=period)
    assert [m for _, m in gap_findings(catalogue, r)] == [
        "There is no recorded contact for 102 days (more than 28) and no entry saying so.",
        "There is no recorded contact for 62 days (more than 28) and no entry saying so.",
    ]
    assert shaded(catalogue, r) == [
        (date(2025, 1, 6), date(2025, 4, 17)),
        (date(2025, 4, 19), date(2025, 6, 19)),
    ]
    point = entry_point(r.chronology[1], catalogue=catalogue)
    assert point is not None and not point.no_contact
    block = timeline_block(r, catalogue)
    assert block is not None
    assert month_strip(block, 200).splitlines()[0] == (
        "2025 Jan 1 │ Feb · │ Mar · │ Apr 1 │ May · │ Jun 1"
    )
    # an entry that BEGINS with a phrase, or whose type of contact says so, is no contact
    for silent in (
        entry("2025-04-18", "No contact with the agency between January and June."),
        entry("2025-04-18", "  \u201cNo  CONTACT\u201d: the family had moved away."),
        entry("2025-04-18", "Letter returned unopened.", kind="None - no contact"),
    ):
        r = review(entry("2025-01-05"), silent, entry("2025-06-20"), period=period)
        assert gap_findings(catalogue, r) == [], silent.cells
        assert shaded(catalogue, r) == []
        point = entry_point(silent, catalogue=catalogue)
        assert point is not None and point.no_contact


def test_an_entry_after_the_period_hides_no_edge_gap(catalogue: Catalogue) -> None:
    """The tester's case: period 2025, the last entry in it 01/09, one on 15/02/2026."""
    year = ReviewPeriod(start=date(2025, 1, 1), end=date(2025, 12, 31))
    inside = [entry("2025-01-10"), entry("2025-02-01"), entry("2025-02-20"), entry("2025-09-01")]
    edge = (
        "after the last chronology entry (01/09/2025)",
        "There is no recorded contact for 121 days (more than 28) from the last entry "
        "(01/09/2025) to the end of the review period (31/12/2025), and no entry saying so.",
    )
    for later in ([], [entry("2026-02-15")], [entry("2026-01-01", "Visit.", until="2026-02-01")]):
        r = review(*inside, *later, period=year)
        found = gap_findings(catalogue, r)
        assert len(found) == 2 and found[-1] == edge, later
        assert shaded(catalogue, r)[-1] == (date(2025, 9, 2), date(2025, 12, 31))
        block = timeline_block(r, catalogue)
        assert block is not None
        assert month_strip(block, 200).splitlines()[1].startswith("2 gaps over 28 days")
    # the same before the period
    r = review(entry("2024-11-15"), *inside[1:], period=year)
    assert gap_findings(catalogue, r)[0][0] == "before the first chronology entry (01/02/2025)"
    assert shaded(catalogue, r)[0] == (date(2025, 1, 1), date(2025, 1, 31))


def test_an_entry_that_says_nothing_is_incomplete_and_no_contact(catalogue: Catalogue) -> None:
    """The tester's case: a date and a source and nothing else hid a 41-day gap and went
    into a final report as an empty row. It is a completeness finding now (a final
    report is refused by default) and closes no gap."""
    period = ReviewPeriod(start=date(2025, 3, 1), end=date(2025, 4, 30))
    blank = ChronologyEntry(
        id="e2", date="2025-03-25", source="GP records", cells={"event": " ", "action": ""}
    )
    r = review(entry("2025-03-01"), blank, entry("2025-04-12"), entry("2025-04-30"), period=period)
    found = [f for _, f in chronology(catalogue, r)]
    (empty,) = [f for f in found if f.kind == "completeness"]
    assert empty.message == "It does not say what happened."
    assert empty.advice == (
        "Write in 'Event / what happened' what happened, or delete the entry if it records nothing."
    )
    assert (empty.record_id, empty.field, empty.where) == (
        "e2",
        "event",
        "chronology entry of 25/03/2025",
    )
    assert "completeness" in catalogue.export.must_fix
    assert [m for _, m in gap_findings(catalogue, r)] == [
        "There is no recorded contact for 41 days (more than 28) and no entry saying so."
    ]
    assert shaded(catalogue, r) == [(date(2025, 3, 2), date(2025, 4, 11))]
    block = timeline_block(r, catalogue)
    assert block is not None
    assert month_strip(block, 200).splitlines()[0] == "2025 Mar 1 │ Apr 2"
    # any long column with text says something; a short one alone does not
    said = blank.model_copy(update={"cells": {"action": "Prescription issued."}})
    assert not [f for _, f in chronology(catalogue, review(said)) if f.kind == "completeness"]
    typed = blank.model_copy(update={"cells": {"contact_type": "Telephone call"}})
    assert [
        f.field for _, f in chronology(catalogue, review(typed)) if f.kind == "completeness"
    ] == ["event"]


# ---------------------------------------------------------------- the property

DAY0 = date(2025, 1, 1)
DAYS = st.integers(min_value=0, max_value=420)
KINDS = [
    "day",
    "uncertain",
    "month",
    "year",
    "period",
    "silent",
    "silent period",
    "typed",
    "said",
    "empty",
]


@st.composite
def entries(draw: st.DrawFn) -> ChronologyEntry:
    """Any entry, often before or after the period (days from 200 before the earliest
    period's start to 200 after the latest's end)."""
    kind = draw(st.sampled_from(KINDS))
    day = DAY0 + timedelta(days=draw(st.integers(min_value=-200, max_value=1020)))
    if kind == "month":
        return entry(f"{day:%Y-%m}")
    if kind == "year":
        return entry(f"{day:%Y}")
    if kind == "period":
        end = day + timedelta(days=draw(st.integers(min_value=1, max_value=90)))
        return entry(day.isoformat(), "Admitted.", until=end.isoformat())
    if kind == "silent":
        return entry(day.isoformat(), "No contact: the family had moved away.")
    if kind == "silent period":
        end = day + timedelta(days=draw(st.integers(min_value=1, max_value=120)))
        return entry(day.isoformat(), "No contact: abroad.", until=end.isoformat())
    if kind == "typed":
        return entry(day.isoformat(), "Letter returned.", kind="No contact")
    if kind == "said":
        return entry(day.isoformat(), "She said there had been no contact from her son.")
    if kind == "empty":
        return entry(day.isoformat(), "")
    return entry(day.isoformat(), approx=kind == "uncertain")


@st.composite
def periods(draw: st.DrawFn) -> ReviewPeriod:
    start = DAY0 + timedelta(days=draw(DAYS))
    end = start + timedelta(days=draw(st.integers(min_value=0, max_value=400)))
    return ReviewPeriod(
        start=draw(st.sampled_from([start, None])), end=draw(st.sampled_from([end, None]))
    )


def _days_of(message: str) -> int:
    m = re.match(r"There is no recorded contact for (\d+) days", message)
    assert m, message
    return int(m[1])


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as runs of consecutive days."""
    out: list[tuple[date, date]] = []
    for d in days:
        if out and out[-1][1] + timedelta(days=1) == d:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def _expected(catalogue: Catalogue, r: Review) -> list[tuple[date, date]]:
    """The rule worked out day by day: the runs of days no contact certainly covers (in
    the period, or between the first and last contact at an open end); those an entry
    without an end date recording no contact touches dropped; within the rest, the runs
    no period of no contact covers, longer than the threshold."""
    spans = [s for e in r.chronology if (s := span_of(e, catalogue))]
    low, high = r.review_period.start, r.review_period.end
    one = timedelta(days=1)

    def days(a: date, b: date) -> set[date]:
        return {a + timedelta(days=n) for n in range((b - a).days + 1)}

    contact = set().union(*(days(s.sure_start, s.sure_end) for s in spans if s.closes))
    inside = {d for d in contact if (not low or d >= low) and (not high or d <= high)}
    if not inside and not (low and high):
        return []
    lo = low or min(inside)
    hi = high or max(inside)
    out = []
    for a, b in _runs(sorted(days(lo, hi) - inside)):
        if any(
            s.no_contact and not s.lasting and s.start <= b + one and s.end >= a - one
            for s in spans
        ):
            continue
        quiet = set().union(*(days(s.start, s.end) for s in spans if s.no_contact and s.lasting))
        gap = catalogue.chronology.gap_days
        out += [(x, y) for x, y in _runs(sorted(days(a, b) - quiet)) if (y - x).days >= gap]
    return out


@settings(max_examples=400, deadline=None)
@given(found=st.lists(entries(), min_size=1, max_size=10), period=periods())
def test_the_check_and_the_timeline_find_the_same_gaps(
    catalogue: Catalogue, found: list[ChronologyEntry], period: ReviewPeriod
) -> None:
    """For any entries, the gaps ``imr check`` reports are the gaps the timeline shades:
    as many, in the same order, each as long, the edge ones on the same days."""
    r = review(*found, period=period)
    reported = gap_findings(catalogue, r)
    drawn = shaded(catalogue, r)
    assert drawn == _expected(catalogue, r)
    assert [_days_of(m) for _, m in reported] == [(b - a).days + 1 for a, b in drawn]
    for (where, message), (first, last) in zip(reported, drawn, strict=True):
        if "from the start of the review period" in message:
            assert f"({first:%d/%m/%Y})" in message and first == period.start
        if "to the end of the review period" in message:
            assert f"({last:%d/%m/%Y})" in message and last == period.end
        if where.startswith("between"):
            assert first != period.start and last != period.end
