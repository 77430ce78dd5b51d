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
- a label after one of the glossary's ``label_words`` (``Adult AB``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from imr_tui.checks.glossary import Glossary

_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b")
_NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
"""A National Insurance number (``QQ 12 34 56 C``): its letters are no abbreviation."""
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
_EDGE = "\"'‘’“”()[]{}<>.,;:!?…*_"
_CANDIDATE = re.compile(r"([A-Z](?:[A-Z0-9&]*[A-Z0-9])?)(?:['’]s|s)?")
_ROMAN = re.compile(r"M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
_LETTERS = re.compile(r"[^\W\d_]")
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


def unknown_abbreviations(text: str, glossary: Glossary, ignore: Iterable[str] = ()) -> list[str]:
    """The words in ``text`` that look like abbreviations the glossary does not know,
    each once, in order of first use (see the module's description).

    ``ignore`` holds words never reported, compared case-insensitively (the words of the
    names the review lists, so a surname written in capitals is not an abbreviation).
    """
    skip = {w.casefold() for w in ignore}
    text = _NI_NUMBER.sub(" ", _POSTCODE.sub(" ", text))
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
