"""The words of names: titles, months, honorifics and how one name is written as a pattern.

The anonymiser's matching (:mod:`imr_tui.report.names`), its search after replacement
(:mod:`imr_tui.report.leftovers`) and its suggestions (:mod:`imr_tui.report.mentions`)
share these.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Fitz)(?=[A-Z])")
"""A surname's prefix written joined to a capital (``McAllister``, ``DeSouza``): it may be
written apart (``Mc Allister``, ``De Souza``)."""

_DOTTED_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "revd", "st"})
"""Titles written with or without a full stop (``Mrs.``, ``Mrs``)."""


def _one_word(word: str) -> str:
    """One word of a listed name (as listed) as a regular expression on the folded view."""
    bare = fold(word)
    if bare.rstrip(".") in _DOTTED_TITLES:
        return re.escape(bare.rstrip(".")) + r"\.?"
    prefix = _PREFIX.match(word)
    if prefix is not None:
        rest = word_pattern(fold(word[prefix.end() :]))
        return word_pattern(fold(prefix[0])) + r"[ \t]?" + rest
    return word_pattern(bare)


def name_pattern(name: str) -> str:
    """A regular expression for ``name`` in a folded view: any whitespace between words,
    apostrophes and hyphens inside a word as :func:`word_pattern` says, a title's full stop
    optional (``Mrs.`` for ``Mrs``) and a prefix joined to a capital optionally apart
    (``Mc Allister`` for ``McAllister``)."""
    words = [_one_word(word) for word in name.split()]
    return r"\s+".join(w for w in words if w)


MONTH_WORDS = frozenset(MONTHS)
"""Month names and their short forms, folded."""
WEEKDAY_WORDS = frozenset(WEEKDAYS)
"""Weekday names and their short forms, folded."""
HONORIFICS = re.compile(r"(?<![\w\-'])(?:mr|mrs|ms|miss|mx|dr|prof|rev)\.?\s+$")
"""An honorific just before a name, in the folded view: taken with the name."""


_MONTH_BEFORE = re.compile(
    r"(?:(?<![\w'\-])(?:by|in|until|till|since|during|throughout|early|late|mid"
    r"|(?:end|start|beginning|middle)\s+of)\s+|(?<![\w'\-])mid-)$"
)
"""Words before a month that make it one without a day or year (``by May``, ``mid-May``)."""


def is_date_month(text: str, start: int, end: int) -> bool:
    """Whether folded ``text[start:end]`` is a month name next to a day number or a year
    (``2 May``, ``May 2024``, ``May 3, 2022``), or after a word that makes it a month
    (``by May``, ``in May``, ``until May``, ``end of May``, ``early May``, ``mid-May``)
    and not a possessive: a date, not a name."""
    if text[start:end].strip(".") not in MONTH_WORDS:
        return False
    window = text[max(0, start - 16) : start]
    before = re.search(r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$", window)
    after = re.match(r"\.?,?\s+'?\d{1,4}(?!\d)", text[end : end + 9])
    if before is not None or after is not None:
        return True
    return _MONTH_BEFORE.search(window) is not None and not re.match(r"'\w", text[end : end + 2])


ROLE_ABBREVIATIONS = {
    "pc": ("police", "constable"),
    "dc": ("police", "detective"),
    "ds": ("police", "detective", "sergeant"),
    "sgt": ("police", "sergeant"),
    "insp": ("police", "inspector"),
    "dr": ("doctor",),
    "sn": ("staff nurse",),
    "dn": ("district nurse",),
    "sw": ("social worker",),
    "hv": ("health visitor",),
}
"""A rank or role written short before a name, and how an alias of that role begins:
``PC Jack May`` for ``Police Officer 1`` is the alias alone."""

COMMON_ABBREVIATIONS = frozenset(
    """AE AED AMHP ASC BP CFS CPN CQC CT DN DNA DOLS DS DC ED ENT GP HCA HV ICU ITU LD
    MAR ME MH MHA MS NOK OT PA PC PD PT RN SALT SN SW TB UTI VA""".split()  # noqa: SIM905
)
"""Abbreviations whose dotted form (``G.P.``, ``M.E.``) is never someone's initials."""


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The letters (in capitals) of the common abbreviations and the shipped glossary's."""
    try:
        from imr_tui.checks.glossary import load_glossary

        found = {re.sub(r"[^A-Za-z]", "", a).upper() for a in load_glossary()}
    except Exception:  # the built-in list is enough without the glossary
        found = set()
    return COMMON_ABBREVIATIONS | frozenset(found)


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
