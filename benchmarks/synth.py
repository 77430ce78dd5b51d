"""Seeded synthetic reviews for the benchmarks: realistic text, any size."""

from __future__ import annotations

import random
from datetime import date, timedelta

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.chronology_order import display_order
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.core.store import new_review

PROSE = (
    "the district nurse visited Mrs Hollins at home and dressed her leg ulcer she "
    "said she had not eaten since the day before and the house was cold her husband "
    "was present and appeared confused the nurse discussed a referral to adult social "
    "care for a carer assessment and recorded that consent was given the general "
    "practitioner was informed by telephone and agreed to review her medication at "
    "the next appointment a safeguarding concern was considered but not raised "
    "because the risk was judged low the team leader was not consulted the records do "
    "not show whether capacity was assessed"
)
WORDS = PROSE.split()
SOURCES = [
    "District nursing notes",
    "Electronic patient record",
    "GP referral letter",
    "Safeguarding log",
    "Adult social care case file",
    "Police command and control log",
]
CONTACTS = ["Home visit", "Telephone call", "Clinic appointment", "Referral", "Meeting"]


def sentence(rng: random.Random, words: int) -> str:
    """A plausible sentence of about ``words`` words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, chars: int) -> str:
    """Sentences until about ``chars`` characters, in paragraphs."""
    out: list[str] = []
    size = 0
    while size < chars:
        s = sentence(rng, rng.randint(8, 25))
        out.append(s)
        size += len(s) + 1
        if rng.random() < 0.15:
            out.append("\n\n")
    return " ".join(out).replace(" \n\n ", "\n\n").strip()


def review(
    catalogue: Catalogue, entries: int, answer_bytes: int = 200_000, seed: int = 1
) -> Review:
    """A review with ``entries`` chronology entries and about ``answer_bytes`` of answers."""
    rng = random.Random(seed)
    r = new_review(catalogue)
    start = date(2019, 1, 1)
    r.review_period = ReviewPeriod(start=start, end=date(2024, 12, 31))
    r.adults = [Adult(name="Dorothy Hollins", date_of_birth=date(1938, 2, 14))]
    r.headings = [Heading(id=f"h{i}", title=sentence(rng, 4)) for i in range(4)]
    text_prompts = [p for p in catalogue.prompts() if p.kind in ("text", "long_text")]
    share = answer_bytes // (len(text_prompts) + len(r.headings))
    r.answers = {
        p.id: (paragraph(rng, share) if p.kind == "long_text" else sentence(rng, 5))
        for p in text_prompts
    }
    r.heading_analysis = {
        h.id: HeadingAnalysis(heading=h.title, text=paragraph(rng, share)) for h in r.headings
    }
    days = (r.review_period.end - start).days  # type: ignore[operator]
    r.chronology = display_order(
        [
            ChronologyEntry(
                id=f"e{i:05d}",
                date=(start + timedelta(days=rng.randint(0, days))).isoformat(),
                time=f"{rng.randint(8, 18):02d}:{rng.choice(['00', '15', '30', '45'])}",
                source=rng.choice(SOURCES),
                cells={
                    "practitioner": "Amy Hart, staff nurse",
                    "contact_type": rng.choice(CONTACTS),
                    "event": sentence(rng, rng.randint(10, 30)),
                    "action": sentence(rng, rng.randint(5, 15)),
                    "outcome": sentence(rng, rng.randint(3, 10)),
                },
            )
            for i in range(entries)
        ]
    )
    r.recommendations = [
        Recommendation(
            recommendation=sentence(rng, 15),
            lead="Head of safeguarding",
            target_date=date(2026, 3, 31),
            resources="Staff time",
            evidence="Audit of records",
        )
        for _ in range(4)
    ]
    return r
