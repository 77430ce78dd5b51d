"""Property: listed names that are also ordinary words never change ordinary text.

Fictional people whose names are everyday words (Will Grant, May Bell, Rose Hope, Mark
Turner) or whose initials are clinical abbreviations (Dorothy Nash: DN, George Price: GP,
Margaret Ellison: ME, Amy Edwards: AE, Olive Turner: OT) are listed, with their given
names and surnames alone. Text of lower-case words, those abbreviations, months used as
months (``by May``) and phone numbers in brackets is left as it is (the phone number
removed, its brackets kept), and the search after replacement finds nothing in it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from imr_tui.core.catalogue import Catalogue, load_catalogue
from imr_tui.core.model import Pseudonym, Review
from imr_tui.report.anonymise import anonymise
from imr_tui.report.identifiers import PHONE

PEOPLE = [
    ("Will", "Grant"),
    ("May", "Bell"),
    ("Rose", "Hope"),
    ("Mark", "Turner"),
    ("Dorothy", "Nash"),
    ("George", "Price"),
    ("Margaret", "Ellison"),
    ("Amy", "Edwards"),
    ("Olive", "Turner"),
]
"""Fictional people."""

WORDS = [
    "he",
    "will",
    "turn",
    "her",
    "pressure",
    "mark",
    "she",
    "may",
    "fall",
    "temperature",
    "rose",
    "we",
    "hope",
    "a",
    "grant",
    "call",
    "bell",
    "the",
    "was",
    "paid",
    "in",
    "reach",
    "price",
    "of",
    "care",
    "turner",
    "DN",
    "GP",
    "ME/CFS",
    "AE",
    "OT",
    "by May",
    "mid-May",
    "until May",
    "end of May",
    "early May",
    "in May",
]
"""Ordinary words, lower case unless an abbreviation; months used as months."""

PHONES = ["07700 900 555", "01632 960123", "07700900461"]
"""Fictional phone numbers."""

FULL = {(g.lower(), s.lower()) for g, s in PEOPLE}
"""Two words that make a listed full name, replaced in any case."""

CATALOGUE: Catalogue = load_catalogue()


def review() -> Review:
    pseudonyms = []
    for n, (given_name, surname) in enumerate(PEOPLE, start=1):
        alias = f"Person {n}"
        pseudonyms += [
            Pseudonym(name=f"{given_name} {surname}", alias=alias),
            Pseudonym(name=given_name, alias=alias),
            Pseudonym(name=surname, alias=alias),
        ]
    return Review(pseudonyms=pseudonyms)


ANON = anonymise(review(), CATALOGUE)


@st.composite
def sentences(draw: st.DrawFn) -> tuple[str, str]:
    """Ordinary text, and what it becomes: a bracketed phone number removed inside its
    brackets."""
    parts: list[tuple[str, str]] = []
    while not parts:
        parts = _parts(draw)
    end = draw(st.sampled_from([".", ";", " and"]))  # never a name across lines
    return " ".join(p for p, _ in parts) + end, " ".join(e for _, e in parts) + end


def _parts(draw: st.DrawFn) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 5)) == 0:
            phone = draw(st.sampled_from(PHONES))
            parts.append((f"({phone})", f"({PHONE})"))
        else:
            word = draw(st.sampled_from(WORDS))
            last = re.split(r"[\s\-]", parts[-1][0])[-1].lower() if parts else ""
            if (last, word.lower()) in FULL:
                continue  # "will grant" is Will Grant's name, in any case
            parts.append((word, word))
    return parts


@settings(max_examples=300, deadline=None)
@given(st.lists(sentences(), min_size=1, max_size=5))
def test_ordinary_words_stay(texts: list[tuple[str, str]]) -> None:
    text = "\n".join(t for t, _ in texts)
    expected = "\n".join(e for _, e in texts)
    out = ANON.text(text)
    assert out == expected
    assert ANON.search([("Summary", out)]) == []
