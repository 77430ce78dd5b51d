"""The small fictional review every corpus item is put in, and the items themselves: what
``check_quality.py`` measures the checks on (see ``tests/quality_corpus/README.md``)."""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from imr_tui.checks.findings import Finding
from imr_tui.core.errors import UserError
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Recommendation,
    Review,
    ReviewPeriod,
)

AGENCY = "Northshire Community Health NHS Trust (FICTIONAL)"
SUMMARY = (
    "Northshire Community Health NHS Trust provided district nursing to Mrs Edith Penrose "
    "from February 2025, after her general practice, Eastbrook Medical Practice, referred "
    "her for care of a leg ulcer. Northshire County Council adult social care arranged a "
    "daily care package, Northshire Ambulance Service attended her twice, and Hillside "
    "Housing Association was her landlord."
)
HEADING = "How did the agency respond to signs that Mrs Penrose was neglecting herself?"
BACKGROUND_EVENTS = {
    "2025-03-12": "First home visit: the leg ulcer was assessed and dressed.",
    "2025-04-03": "Mrs Penrose declined help with washing and said she was managing.",
    "2025-05-20": "The team leader discussed the declined visits at the team meeting.",
    "2025-06-17": "Her weight was recorded as 6 kilograms lower than in March.",
    "2025-07-08": "Mrs Penrose had a fall at home and was seen by the ambulance crew.",
    "2025-08-14": "A new pressure ulcer was found on her heel.",
    "2025-09-02": "A referral to the tissue viability service was sent.",
    "2025-10-12": "The ambulance crew raised a safeguarding concern with the council.",
}
"""The review's chronology: an item's analysis may refer to these dates."""
SOURCE = "Electronic patient record, district nursing notes"
GOOD_LEAD = "Head of Community Nursing"
GOOD_TARGET = date(2026, 9, 30)
GOOD_RESOURCES = "Two days of the Named Nurse's time; no other cost."
GOOD_RECOMMENDATION = {
    "recommendation": "District nurses record every refusal of care and the reason given.",
    "actions": "Add a refusal of care field to the wound care template by 31 May 2026.",
    "evidence": "An audit of 30 records in September 2026 shows refusals recorded in at "
    "least 27 of them.",
}
ANSWER_PLACES = {
    "analysis": "q_assessment",
    "further": "q_further",
    "summary": "summary",
    "learning": "l_lessons",
}
PLACES = (*ANSWER_PLACES, "tor_analysis", "chronology", "recommendation", "lead")
RECOMMENDATION_FIELDS = (
    "recommendation",
    "actions",
    "lead",
    "target_date",
    "resources",
    "evidence",
)


@dataclass(frozen=True)
class Item:
    """One labelled piece of author text."""

    id: str
    place: str
    text: str
    expect: frozenset[str]
    fields: dict[str, str] = field(default_factory=dict)
    note: str = ""

    @property
    def family(self) -> str:
        """The rule the item was written to test (its id's prefix: ``blame-017``, or after
        a later set's letter: ``f-blame-017``, ``g-blame-017``)."""
        return re.sub(r"^[a-z]-", "", self.id).rsplit("-", 1)[0]

    def one_line(self, width: int = 100) -> str:
        """The item's text (a recommendation's fields joined) on one line, cut to ``width``."""
        raw = self.text or " | ".join(f"{k}: {v}" for k, v in self.fields.items())
        flat = one_line(raw)
        return flat if len(flat) <= width else flat[: width - 1] + "…"


def one_line(text: str) -> str:
    """``text`` on one line, each control character shown as ``?`` (never sent to the
    terminal: a board's text could hold escape sequences)."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() else "?" for c in flat)


def load_items(path: Path) -> list[Item]:
    """The items of one corpus file; a file that cannot be read is a :class:`UserError`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        items = [
            Item(
                id=raw["id"],
                place=raw["place"],
                text=raw.get("text", ""),
                expect=frozenset(raw.get("expect", [])),
                fields={k: str(v) for k, v in raw.get("fields", {}).items()},
                note=raw.get("note", ""),
            )
            for raw in data["items"]
        ]
    except OSError as e:
        raise UserError(f"{path}: cannot read the corpus ({e.strerror or e})") from None
    except tomllib.TOMLDecodeError as e:
        raise UserError(f"{path}: {e} (not valid TOML)") from None
    except KeyError as e:
        raise UserError(f"{path}: an item has no {e} (every item needs id and place)") from None
    for item in items:
        if item.place not in PLACES:
            raise UserError(f"{path}: item {item.id}: unknown place {item.place!r}")
        try:
            date.fromisoformat(item.fields.get("target_date") or GOOD_TARGET.isoformat())
        except ValueError:
            raise UserError(f"{path}: item {item.id}: target_date is not an ISO date") from None
    return items


def _recommendation(fields: dict[str, str], rid: str) -> Recommendation:
    target = fields.get("target_date")
    return Recommendation(
        id=rid,
        recommendation=fields.get("recommendation", ""),
        actions=fields.get("actions", ""),
        lead=fields.get("lead") or GOOD_LEAD,
        target_date=date.fromisoformat(target) if target else GOOD_TARGET,
        resources=fields.get("resources") or GOOD_RESOURCES,
        evidence=fields.get("evidence", ""),
    )


def background() -> Review:
    """The small review every item is put in: nothing here should raise a measured rule."""
    entries = [
        ChronologyEntry(id=f"bg{n}", date=day, source=SOURCE, cells={"event": text})
        for n, (day, text) in enumerate(BACKGROUND_EVENTS.items())
    ]
    return Review(
        answers={"agency": AGENCY, "completed_on": "2026-01-24", "summary": SUMMARY},
        adults=[Adult(name="Edith Penrose", date_of_birth=date(1946, 2, 11))],
        review_period=ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31)),
        headings=[Heading(id="tor1", title=HEADING)],
        chronology=entries,
    )


@dataclass(frozen=True)
class Spot:
    """Where an item's text is in its review: a step, and a record for an entry or a
    recommendation."""

    step_id: str
    record_id: str = ""

    def holds(self, finding: Finding) -> bool:
        """Whether a finding is about this place."""
        if self.record_id:
            return finding.record_id == self.record_id
        return finding.step_id == self.step_id and not finding.record_id


def review_for(place: str, text: str, fields: dict[str, str] | None = None) -> tuple[Review, Spot]:
    """The background review with ``text`` (or a recommendation's ``fields``) at ``place``."""
    review = background()
    if place in ANSWER_PLACES:
        review.set_answer(ANSWER_PLACES[place], text)
        return review, Spot(ANSWER_PLACES[place])
    if place == "tor_analysis":
        review.heading_analysis = {"tor1": HeadingAnalysis(heading=HEADING, text=text)}
        return review, Spot("tor_analysis:tor1")
    if place == "chronology":
        entry = ChronologyEntry(id="item", date="2025-06-24", source=SOURCE, cells={"event": text})
        review.chronology = [*review.chronology, entry]
        return review, Spot("chronology", "item")
    if place == "recommendation":
        review.recommendations = [_recommendation(fields or {}, "item")]
        return review, Spot("recommendations", "item")
    if place == "lead":
        review.recommendations = [_recommendation({**GOOD_RECOMMENDATION, "lead": text}, "item")]
        return review, Spot("recommendations", "item")
    raise ValueError(f"unknown place {place!r}")
