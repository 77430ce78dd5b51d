"""Words that look like abbreviations the glossary does not know (``TVN``, ``SALT``, ``A&E``).

A candidate is a word of two to four capital letters (``TVN``, ``CMHT``), or of capitals
with digits or ``&`` (``S4A``, ``A&E``), perhaps with a plural or possessive ending
(``TVNs``, ``TVN's``). A longer word in capitals (``REFUSED``, ``CANCELLED``, ``FALLS``)
is emphasis, not an abbreviation, unless the glossary lists it (``MARAC``). To keep false
alarms rare, a word is never reported when it is:

- in the glossary (it is a known abbreviation), or one of its ``not_abbreviations``
  (``OK``, ``MONDAY``, units) or ``short_words`` (common English words of two to four
  letters written in capitals for emphasis: ``NO``, ``KEY``, ``SAFE``, ``CALL``, ``BACK``,
  or their plural), or a word of a name the review lists;
- part of shouting rather than an abbreviation: a run of three or more words in
  capitals, or a sentence of two or more words all in capitals, or mostly in capitals;
- a Roman numeral (``II``, ``XIV``), a single letter, a postcode (``ST4 7QB``), a
  National Insurance number (``QQ 12 34 56 C``), an identifier with three or more
  digits (``AB12345``), or part of a reference joining digits with a hyphen or slash
  (``ADM-0012``, ``AB12/34``);
- a label after one of the glossary's ``label_words`` (``Adult AB``);
- inside a date or time (``28-MAR-2025``), an e-mail header or address (``CC:``,
  ``someone@northshire.nhs.uk``), a file name (``REPORT_DN.docx``) or a web address
  (see :mod:`imr_tui.checks.abbreviation_ignore`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from imr_tui.checks import text_index
from imr_tui.checks.abbreviation_ignore import blank_ignored
from imr_tui.checks.glossary import Glossary

_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b")
_NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
"""A National Insurance number (``QQ 12 34 56 C``): its letters are no abbreviation."""
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
_EDGE = "\"'‘’“”()[]{}<>.,;:!?…*_"
_CANDIDATE = re.compile(r"([A-Z](?:[A-Z0-9&]*[A-Z0-9])?)(?:['’]s|s)?")
_ROMAN = re.compile(r"M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
_LETTERS = re.compile(r"[^\W\d_]")
_CAPITALS_PAIR = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9]")
"""What every candidate holds: a capital then capitals, digits or ``&``, ending in a
capital or digit (``TV``, ``S4``, ``A&E``)."""
LONGEST = 4
"""The most letters an abbreviation of letters alone may have to be reported when the
glossary does not know it; a longer word in capitals is emphasis."""


def _is_roman(word: str) -> bool:
    return bool(word) and set(word) <= set("IVXLC") and bool(_ROMAN.fullmatch(word))


def _capitals(word: str) -> bool:
    """Whether a word is written in capitals (two or more letters, none lower case)."""
    letters = _LETTERS.findall(word)
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _candidate(word: str) -> str:
    """The abbreviation a bare word would be (``TVN`` for ``TVNs``), or ``""``."""
    m = _CANDIDATE.fullmatch(word)
    if m is None:
        return ""
    abbr = m[1]
    if sum(c.isalpha() for c in abbr) < 2 or abbr.endswith("&"):
        return ""
    if sum(c.isdigit() for c in abbr) > 2:
        return ""  # an identifier (AB12345), not an abbreviation
    if abbr.isalpha() and len(abbr) > LONGEST:
        return ""  # a word in capitals for emphasis (REFUSED), not an abbreviation
    return abbr


def _ordinary(abbr: str, glossary: Glossary) -> bool:
    """Whether a candidate is an ordinary word in capitals (``NO``, ``KEY``, ``KEYS``)."""
    words = glossary.not_abbreviations | glossary.short_words
    return abbr in words or (abbr.endswith("S") and abbr[:-1] in words)


def _parts(word: str) -> list[str]:
    """A word split at hyphens and slashes, or nothing when it is a reference (digits
    joined to letters by a hyphen or slash: ``ADM-0012``, ``12/03``)."""
    pieces = re.split(r"[-/‐‑–]", word)
    if len(pieces) > 1 and any(ch.isdigit() for ch in word):
        return []
    return [p.strip(_EDGE) for p in pieces]


def may_be_unknown(texts: Sequence[str], blob: str, starts: list[int]) -> set[int]:
    """The indexes of ``texts`` (joined in ``blob``, see
    :mod:`imr_tui.checks.text_index`) :func:`unknown_abbreviations` may find something
    in: for every other text it finds nothing."""
    return text_index.candidates(texts, _CAPITALS_PAIR, blob, starts)


def unknown_abbreviations(text: str, glossary: Glossary, ignore: Iterable[str] = ()) -> list[str]:
    """The words in ``text`` that look like abbreviations the glossary does not know,
    each once, in order of first use (see the module's description).

    ``ignore`` holds words never reported, compared case-insensitively (the words of the
    names the review lists, so a surname written in capitals is not an abbreviation).
    """
    if _CAPITALS_PAIR.search(text) is None:
        return []  # no two capitals together: no candidate (most prose), nothing to read
    skip = {w.casefold() for w in ignore}
    text = _NI_NUMBER.sub(" ", _POSTCODE.sub(" ", blank_ignored(text)))
    found: dict[str, None] = {}
    for sentence in _SENTENCE.split(text):
        words = [w.strip(_EDGE) for w in sentence.split()]
        words = [w for w in words if _LETTERS.search(w)]
        shouting = [_capitals(w) and not glossary.canonical(_bare(w)) for w in words]
        loud = sum(shouting)
        if len(words) >= 2 and (loud == len(words) or (loud >= 3 and 2 * loud > len(words))):
            continue
        for i, word in enumerate(words):
            if shouting[i] and _in_run(shouting, i):
                continue
            if i and words[i - 1].casefold() in glossary.label_words:
                continue
            for part in _parts(word):
                abbr = _candidate(part)
                if not abbr or abbr.casefold() in skip or part.casefold() in skip:
                    continue
                if glossary.canonical(abbr) or glossary.canonical(part):
                    continue
                if _ordinary(abbr, glossary) or _is_roman(abbr):
                    continue
                found.setdefault(abbr, None)
    return list(found)


def _bare(word: str) -> str:
    m = _CANDIDATE.fullmatch(word)
    return m[1] if m else word


def _in_run(flags: list[bool], i: int, length: int = 3) -> bool:
    """Whether ``flags[i]`` is in a run of at least ``length`` true flags."""
    start = i
    while start > 0 and flags[start - 1]:
        start -= 1
    end = i
    while end + 1 < len(flags) and flags[end + 1]:
        end += 1
    return end - start + 1 >= length


# ---------------------------------------------------------------- defined in the text
_SMALL = frozenset(
    {"a", "an", "and", "&", "at", "by", "for", "from", "in", "into", "of", "on", "or"}
    | {"the", "to", "with", "under", "upon"}
)
"""Small words a definition may skip: ``Court of Protection`` spells ``CoP`` or ``CP``."""
_ABBR_IN_BRACKETS = re.compile(r"\(\s*([A-Z][A-Za-z&]*[A-Z])(?:['’]?s)?\s*\)")
_ABBR_THEN_BRACKETS = re.compile(
    r"(?<![\w&])([A-Z][A-Za-z&]*[A-Z])(?:['’]?s)?\s*\(([^()\n]{3,150})\)"
)
_LONGEST_DEFINED = 12
"""The most letters an abbreviation a text defines may have (longer: no definition)."""
_TOKEN = re.compile(r"[^\s\-‐‑–/]+")
_CLAUSE_END = re.compile(r"[.!?;:()\[\]\n]")
_STRIP = "\"'‘’“”,*_"


def _spells(letters: str, words: list[str], *, all_words: bool) -> int:
    """How many of the last ``words`` spell ``letters`` by their initials (small words
    may be skipped; ``&`` matches "and"), or 0. The first and last words used must
    count; with ``all_words`` every word must be used."""

    def initial(word: str) -> str:
        return "&" if word.casefold() == "and" else word[:1].casefold()

    @cache
    def go(k: int, j: int, last: bool) -> int:
        # letters[:k] still to spell from words[:j]; ``last`` is words[j-1] the first
        # word before the abbreviation (it must count).
        if k == 0:
            first = words[j]
            if first.casefold() in _SMALL or (all_words and j != 0):
                return 0
            return len(words) - j
        if j == 0:
            return 0
        word = words[j - 1]
        letter = letters[k - 1].casefold()
        if letter in (initial(word), word[:1].casefold()):
            got = go(k - 1, j - 1, False)
            if got:
                return got
        if not last and word.casefold() in _SMALL:
            return go(k, j - 1, False)
        return 0

    if len(letters) > _LONGEST_DEFINED:
        return 0
    if len(words) > 3 * len(letters):
        words = words[-3 * len(letters) :]
    return go(len(letters), len(words), True) if words else 0


def _tokens(text: str) -> list[re.Match[str]]:
    return [t for t in _TOKEN.finditer(text) if t[0].strip(_STRIP)]


def _meaning(text: str, tokens: list[re.Match[str]], count: int) -> str:
    """The text covered by the last ``count`` tokens, as written."""
    used = tokens[-count:]
    return text[used[0].start() : used[-1].end()].strip(_STRIP).strip()


def defined_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations ``text`` defines itself, with the meaning it gives, first
    definition first: ``a Public Protection Notice (PPN)`` or ``PPN (Public Protection
    Notice)``. The initials of the words, in order and with no word left out but small
    ones (of, and, the), must spell the abbreviation's letters: ``Court of Protection
    (CoP)``, ``Multi-Agency Risk Assessment Conference (MARAC)``, ``Accident and
    Emergency (A&E)``. Anything else in brackets (``(see above)``, ``(GP)`` after
    words that do not spell it) defines nothing."""
    found: dict[str, str] = {}
    if "(" not in text:
        return found  # both forms need a bracket: most text has none
    for m in _ABBR_IN_BRACKETS.finditer(text):
        abbr = m[1]
        before = text[: m.start()]
        clause = _CLAUSE_END.split(before)[-1]
        tokens = _tokens(clause)
        words = [t[0].strip(_STRIP) for t in tokens]
        count = _spells(abbr, words, all_words=False)
        if count:
            found.setdefault(abbr, _meaning(clause, tokens, count))
    for m in _ABBR_THEN_BRACKETS.finditer(text):
        abbr, inside = m[1], m[2]
        tokens = _tokens(inside)
        words = [t[0].strip(_STRIP) for t in tokens]
        if _spells(abbr, words, all_words=True):
            found.setdefault(abbr, inside.strip().strip(_STRIP).strip())
    return found
