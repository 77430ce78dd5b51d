"""Reading a recommendation's wording: phrases from the ``[checks]`` lists, quotations
left out, and whether it names a measure.

The phrase language (see :mod:`imr_tui.core.recommendation_settings`): whole words,
ignoring case and spacing; ``*`` ends a word with any ending; ``...`` stands for up to
three words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from imr_tui.checks.language_quotes import quoted_spans
from imr_tui.checks.language_words import phrase_pattern as words_phrase

GAP_WORDS = 3
"""The most words a phrase's ``...`` stands for."""

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
    """The text with every quotation (words from a record or the adult, as the language
    checks find them: :func:`~imr_tui.checks.language_quotes.quoted_spans`) blanked out."""
    out = list(text)
    for start, end in quoted_spans(text):
        out[start:end] = " " * (end - start)
    return "".join(out)


@lru_cache(maxsize=512)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The regular expression for one phrase of a ``[checks]`` list: the language
    checks' phrase language (:func:`~imr_tui.checks.language_words.phrase_pattern`),
    ``...`` standing for up to three words, matched as whole words."""
    start = r"(?<!\w)" if phrase[:1].isalnum() else ""
    end = r"(?!\w)" if phrase.rstrip("*")[-1:].isalnum() else ""
    return re.compile(start + words_phrase(phrase, GAP_WORDS) + end, re.IGNORECASE)


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
