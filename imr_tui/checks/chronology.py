"""The chronology check: dates outside the period, sources, duplicates and gaps.

There is no check of the file's order: the chronology is always shown in date and
time order, and the order of the file is the author's order among entries of the
same day and time (see :func:`~imr_tui.core.model.order_keys`), so no order of the
file is wrong.
"""

from __future__ import annotations

from itertools import pairwise

from imr_tui.checks.findings import Finding, Found, entry_wheres, step_orders
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.dates import FuzzyDate
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.steps import steps


def _mentions(text: str, phrases: list[str]) -> bool:
    folded = " ".join(text.casefold().split())
    return any(" ".join(p.casefold().split()) in folded for p in phrases if p.strip())


def chronology(catalogue: Catalogue, review: Review) -> Found:
    """Dates outside the period, missing sources, duplicates and unexplained gaps."""
    prompt = catalogue.prompt_of_kind("chronology")
    if prompt is None:
        return []
    ch = catalogue.chronology
    sid = catalogue.section_of(prompt.id).id
    base = step_orders(catalogue, steps(catalogue, review))[prompt.id]
    period = review.review_period
    entries = review.sorted_chronology()
    out: Found = []

    def add(
        i: int, where: str, message: str, advice: str, record_id: str = "", field: str = ""
    ) -> None:
        finding = Finding(
            "chronology", sid, prompt.id, where, message, advice, "", record_id, field
        )
        out.append(((base[0], base[1], i), finding))

    seen: set[tuple[str, ...]] = set()
    dated: list[tuple[int, ChronologyEntry, FuzzyDate]] = []
    for i, (e, where) in enumerate(zip(entries, entry_wheres(entries), strict=True), 1):
        if not e.date:
            add(
                i,
                where,
                "It has no date.",
                "Add the date; put ? in front if it is uncertain.",
                e.id,
                "date",
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
            )
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

    for (i, a, da), (_, b, db) in pairwise(dated):
        last = max(da.latest, a.until.latest) if a.until else da.latest
        days = (db.earliest - last).days - 1
        if days <= ch.gap_days:
            continue
        phrases = catalogue.checks.no_contact_words
        if any(_mentions(" ".join((x.source, *x.cells.values())), phrases) for x in (a, b)):
            continue  # the author has recorded the period of no contact
        where = f"between the chronology entries of {da.display()} and {db.display()}"
        add(
            i,
            where,
            f"There is no recorded contact for {days} days (more than {ch.gap_days}) "
            "and no entry saying so.",
            "If there was no contact in that time, add an entry saying so; "
            "otherwise add the missing contacts.",
        )
    return out
