"""The words of names: titles, months, honorifics and how one name is written as a pattern.

The anonymiser's matching (:mod:`imr_tui.report.names`), its search after replacement
(:mod:`imr_tui.report.leftovers`) and its suggestions (:mod:`imr_tui.report.mentions`)
share these.
"""

from __future__ import annotations

import re

from imr_tui.core.dates import MONTHS, WEEKDAYS
from imr_tui.report.folding import fold

APOSTROPHES = "'\u2019\u2018"
"""The apostrophes a name may be written with: straight, and curly either way."""

TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lady",
        "lord",
        "rev",
        "revd",
        "reverend",
        "father",
        "sister",
        "brother",
        "mother",
        "nurse",
        "staff",
        "charge",
        "senior",
        "junior",
        "student",
        "social",
        "worker",
        "police",
        "constable",
        "pc",
        "dc",
        "ds",
        "sergeant",
        "sgt",
        "inspector",
        "detective",
        "officer",
        "manager",
        "team",
        "leader",
        "care",
        "carer",
        "support",
        "district",
        "health",
        "visitor",
        "community",
        "practitioner",
        "paramedic",
        "consultant",
        "registrar",
        "son",
        "daughter",
        "husband",
        "wife",
        "partner",
        "aunt",
        "uncle",
        "niece",
        "nephew",
        "cousin",
        "grandson",
        "granddaughter",
        "grandmother",
        "grandfather",
        "mum",
        "dad",
        "the",
        "and",
        "of",
        "van",
        "von",
        "de",
        "der",
        "den",
        "la",
        "le",
        "du",
        "da",
        "di",
        "del",
    }
)
"""Words of a listed name that are not reported on their own (titles, roles, particles)."""


def word_pattern(word: str) -> str:
    """A folded word as a regular expression: an apostrophe inside it may be left out or
    written as a space or hyphen (``OBrien``, ``O Brien``, ``O-Brien`` for ``O'Brien``), a
    hyphen written as a space."""
    if not any(ch.isalnum() for ch in word):
        return re.escape(word)
    word = word.strip("'-")
    out = []
    for ch in word:
        if ch == "'":
            out.append(r"(?:'|-|\s)?")
        elif ch == "-":
            out.append(r"(?:-|\s+)")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def name_pattern(name: str) -> str:
    """A regular expression for ``name`` in a folded view: any whitespace between words,
    apostrophes and hyphens inside a word as :func:`word_pattern` says."""
    words = [word_pattern(fold(word)) for word in name.split()]
    return r"\s+".join(w for w in words if w)


MONTH_WORDS = frozenset(MONTHS)
"""Month names and their short forms, folded."""
WEEKDAY_WORDS = frozenset(WEEKDAYS)
"""Weekday names and their short forms, folded."""
HONORIFICS = re.compile(r"(?<![\w\-'])(?:mr|mrs|ms|miss|mx|dr|prof|rev)\.?\s+$")
"""An honorific just before a name, in the folded view: taken with the name."""


def is_date_month(text: str, start: int, end: int) -> bool:
    """Whether folded ``text[start:end]`` is a month name next to a day number or a year
    (``2 May``, ``May 2024``, ``May 3, 2022``): a date, not a name."""
    if text[start:end].strip(".") not in MONTH_WORDS:
        return False
    before = re.search(r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$", text[max(0, start - 12) : start])
    after = re.match(r"\.?,?\s+'?\d{1,4}(?!\d)", text[end : end + 9])
    return before is not None or after is not None


GIVEN_BEFORE = re.compile(r"(?<![\w\-'.])([^\W\d_][^\W\d_'\-]+(?:-[^\W\d_]+)?)[ \t\u00a0]+$")


def sentence_start(text: str, at: int) -> bool:
    """Whether ``text[at:]`` starts a sentence, a line or a quotation."""
    window = text[max(0, at - 30) : at]
    before = window.rstrip()
    if not before:
        return at <= 30 or not text[: at - 30].strip()
    return before[-1] in '.!?:;"(\u201c\u2018' or "\n" in window[len(before) :]


def words_of(name: str) -> list[str]:
    """The folded words of ``name``, without brackets and punctuation at their ends."""
    out = []
    for raw in name.split():
        word = fold(raw).strip("'\"(),.;:+")
        if word:
            out.append(word)
    return out


# In the folded view: a hyphen joins words (Hart-Smith is another name), and so does an
# apostrophe between letters (O'Hart).
