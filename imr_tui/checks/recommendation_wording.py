"""Reading a recommendation's wording: phrases from the ``[checks]`` lists, quotations
left out, and whether it names a measure.

The phrase language (see :mod:`imr_tui.core.recommendation_settings`): whole words,
ignoring case and spacing; ``*`` ends a word with any ending; ``...`` stands for up to
three words.
"""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’|(?<![\w’'])'(?=\S)[^'\n]*(?<=\S)'(?!\w)")
"""Text in quotation marks: straight or curly double quotes, curly single quotes, and
straight single quotes that open and close outside a word (not ``nurse's``)."""

_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|hundred|half|quarter\\s+of|third\\s+of"
)
_NUMBER = re.compile(rf"\d|(?<!\w)(?:{_NUMBER_WORDS})(?!\w)", re.IGNORECASE)
"""A number: a digit, or a number word (``one`` is left out: ``no one``, ``one of``)."""

_NOT_A_MEASURE = re.compile(
    r"(?<!\w)(?:act|section|s|version|v|paragraph|chapter|level|category|stage|band|"
    r"phase|step|tier|grade|no|number|ref|reference)\.?\s*\d[\d.]*\w*"
    r"|(?<!\w)(?:act|regulations?|order)\s+(?:19|20)\d\d(?!\d)"
    r"|(?<!\w)(?:19|20)\d\d\s+(?:act|regulations?|policy|guidance|procedures?)"
    r"|\(\s*(?:\w+\s+)?\d+\s*\)",
    re.IGNORECASE,
)
"""Numbers that name a thing rather than measure it: ``Care Act 2014``, ``section 42``,
``version 4``, ``category 3``, a bracketed label such as ``(change 1)``."""


_DIRECTION = re.compile(
    r"(?<!\w)(?:an?\s+)?(?:increase|decrease|reduction|rise|fall|drop|improvement|change|"
    r"growth|more|fewer|less|greater|higher|lower)\s+in\s+(?:the\s+)?numbers?\s+of(?!\w)",
    re.IGNORECASE,
)
"""A direction with no figure (``an increase in the number of people weighed``): it
names what would move, not a measure of how far."""

_KNOWN_COUNT = re.compile(rf"(?<!\w)(?:the|both)\s+(?:{_NUMBER_WORDS})(?!\w)", re.IGNORECASE)
"""A number word after ``the`` counts things already named (``the two organisations``),
it does not measure."""

_BARE = re.compile(
    r"(?<!\w)(?:and|or|through|via|from|with|by)\s+(?:re-)?audits?(?!\w)(?!\s+of)",
    re.IGNORECASE,
)
"""``audit`` as one source among others, with nothing audited (``as evidenced through
supervision and audit``)."""

_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")


def sentence_after(text: str, start: int) -> str:
    """The rest of the sentence from ``start``."""
    m = _SENTENCE_END.search(text, start)
    return text[start : m.start() if m else len(text)]


def unquoted(text: str) -> str:
    """The text with every quotation (words from a record or the adult) blanked out."""
    return _QUOTED.sub(lambda m: " " * len(m[0]), text)


@lru_cache(maxsize=512)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The regular expression for one phrase of a ``[checks]`` list."""
    parts: list[str] = []
    for word in phrase.split():
        if word == "...":
            parts.append(r"(?:\S+\s+){0,3}?")
            continue
        star = word.endswith("*")
        core = re.escape(word.rstrip("*"))
        parts.append(core + (r"[\w'’-]*" if star else "") + r"\s+")
    body = "".join(parts)
    body = body[: -len(r"\s+")] if body.endswith(r"\s+") else body
    start = r"(?<!\w)" if phrase[:1].isalnum() else ""
    end = r"(?!\w)" if phrase.rstrip("*")[-1:].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


def find_phrase(text: str, phrases: list[str]) -> re.Match[str] | None:
    """The earliest match in the text of any phrase (first listed wins a tie)."""
    best: re.Match[str] | None = None
    for phrase in phrases:
        if not phrase.strip():
            continue
        m = phrase_pattern(phrase.strip()).search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


def _word_start(text: str, word: str) -> bool:
    """``measurable_words`` matching: at the start of a word, or anywhere for ``%``."""
    if word[0].isalnum():
        return re.search(rf"(?<!\w){re.escape(word)}", text, re.IGNORECASE) is not None
    return word.casefold() in text.casefold()


def measurable(text: str, words: list[str], not_measures: list[str]) -> bool:
    """Whether the wording names a measure: a number, a date or one of the words."""
    text = _BARE.sub(" ", _DIRECTION.sub(" ", text))
    if _NUMBER.search(_KNOWN_COUNT.sub(" ", _NOT_A_MEASURE.sub(" ", text))):
        return True
    ignored = {w.strip().casefold() for w in not_measures}
    return any(
        _word_start(text, w.strip())
        for w in words
        if w.strip() and w.strip().casefold() not in ignored
    )
