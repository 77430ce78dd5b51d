"""Reading an analysis answer: its sentences, its dates, and whether each sentence
retells events or reasons about them.

Everything here is a single pass of regular expressions over the text, so the checks
stay linear in its length (they run in the background on every save).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from imr_tui.checks.language_words import NORMAL, phrase_pattern
from imr_tui.checks.text_index import trie

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_ANY_MONTH = f"(?:{_MONTHS}|{_SHORT})"
_DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # 03/03/2025, 3.3.25
    r"|\b\d{4}-\d{2}-\d{2}\b"  # 2025-03-03
    rf"|\b\d{{1,2}}-(?i:{_SHORT}|May)-\d{{2,4}}\b"  # 28-MAR-2025
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_ANY_MONTH}\b"  # 3 March, 3rd of Mar
    rf"|\b{_ANY_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"  # March 3
    rf"|\b{_ANY_MONTH}\s+(?:19|20)\d{{2}}\b"  # March 2025
    rf"|\b(?i:in|of|on|during|by|from|until|till|since|to|and|between|before|after|early|"
    rf"late|mid|mid-|end\s+of|start\s+of|beginning\s+of)\s+(?:{_MONTHS})\b"  # in April
    r"|(?<!Act )\b(?:19|20)\d{2}\b"  # a year (not an Act's: Mental Capacity Act 2005)
)
"""A date in any form an author writes one. Month names only with a capital letter
(``may`` and ``march`` are also verbs), and a bare month only after a word that makes it
a date (``in April``, ``of April``)."""
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)
"""A time of day or a day of the week: it places an event, as a date does."""
_PAST = re.compile(r"\b[a-z]{2,}ed\b", re.IGNORECASE)
"""A word ending in ``-ed``: an action told in the past tense (or a past participle)."""
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n|\n(?=\s*[-*•])")
"""Where one sentence ends and the next begins: a full stop, question or exclamation
mark then a capital or digit, a blank line, or a new list item."""
_LOWER_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")
_NO = re.compile(r"^no[,;:]\s+")
"""A leading "No," before a sentence saying there is nothing further."""
_CLAUSES = re.compile(r"\s*[:;]\s*|\s+[-–—]\s+")
"""Where a sentence divides into clauses: "Not applicable: there are no further features"."""
_OWN_VOICE = re.compile(
    r"^(?:the\s+(?:author|reviewer|agency|trust|service|team|panel)|this\s+(?:author|agency|"
    r"review|report)|i|we)\s+(?:has|have|had|can\s+(?:find|see|identify)|finds|found|sees|"
    r"identified|identifies)\s+"
)
"""An author saying it of themselves: "The author has nothing further to add"."""


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each stripped, empty ones left out. A text written
    all in lower case (note form) is split at every full stop followed by a space."""
    pattern = _LOWER_SENTENCE_END if not any(c.isupper() for c in text) else _SENTENCE_END
    return [s.strip() for s in pattern.split(text) if s.strip()]


def normalised(text: str) -> str:
    """``text`` folded for comparing with a phrase: lower case, one space between
    words, no closing punctuation."""
    # Spaces made single, then trailing spaces and . ! ; : , dropped: str.split() takes
    # the same characters as spaces as a pattern's \s does (a test holds it to that).
    return " ".join(text.split()).rstrip(" .!;:,").casefold()


def has_date(text: str) -> bool:
    """Whether ``text`` names a date (``3 March``, ``03/03/2025``, ``March 2025``,
    ``in April``, ``28-MAR-2025``, a year)."""
    return _DATE.search(text) is not None


GAP_WORDS = 5
"""The most words a phrase's ``...`` stands for."""


def words_pattern(words: Sequence[str], whole: bool = False) -> re.Pattern[str] | None:
    """One pattern matching any of ``words`` at the start of a word (``whole``: as
    whole words, a plural ``s`` allowed), ignoring case and how the words of a phrase
    are spaced; ``...`` between two words stands for up to five words ("plan ...
    lists" matches "plan from the second stay lists");
    ``None`` for no words."""
    return _words_pattern(tuple(words), whole)


@lru_cache(maxsize=64)
def _words_pattern(
    words: tuple[str, ...], whole: bool, quick: bool = True
) -> re.Pattern[str] | None:
    """:func:`words_pattern`, built once per word list (each check run asks again);
    ``quick=False`` leaves out the look-ahead that only makes it faster (a test
    compares the two)."""
    at_word: list[str] = []  # tried only where a word begins: quick on long text
    starts: list[str] = []  # the letters each of those begins with, as written
    anywhere: list[str] = []
    for word in words:
        if not word.split():
            continue
        tail = r"s?\b" if whole and word[-1].isalnum() else ""
        joined = phrase_pattern(" ".join(word.split()), GAP_WORDS)
        (at_word if word[0].isalnum() else anywhere).append(joined + tail)
        if word[0].isalnum():
            starts.append(word.split()[0].rstrip("*").translate(NORMAL).split("-")[0])
    if not at_word and not anywhere:
        return None
    longest_first = sorted(anywhere, key=len, reverse=True)
    if at_word:
        # Where a word begins, the words are tried only if one of their first letters
        # follows (a trie: one test a letter), so most places are passed over at once;
        # what matches, and where, is the same.
        ahead = f"(?={trie(starts)})" if quick else ""
        body = "|".join(sorted(at_word, key=len, reverse=True))
        longest_first.append(rf"\b{ahead}(?:{body})")
    return re.compile("|".join(longest_first), re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What an answer's sentences do: how many retell events and how many reason."""

    sentences: int
    """Sentences in the answer."""
    narrative: int
    """Sentences that retell events (a date or time, a word of sequence, a past-tense
    action) and do not reason."""
    reasoning: int
    """Sentences that explain, weigh practice against a standard or judge it."""


@dataclass(frozen=True)
class Reader:
    """The word lists of the analysis checks, compiled once."""

    reasoning: re.Pattern[str] | None
    """Words that reason."""
    stock: re.Pattern[str] | None
    """Phrases that only sound like analysis."""
    narrative: re.Pattern[str] | None
    """Words of sequence and past-tense actions without ``-ed``, as whole words."""
    sources: re.Pattern[str] | None
    """Words that name a source."""
    titles: re.Pattern[str] | None
    """A named policy or guidance: a capitalised word, then one of the titles."""

    @classmethod
    def of(
        cls,
        reasoning: Sequence[str],
        stock: Sequence[str],
        narrative: Sequence[str],
        sources: Sequence[str],
        titles: Sequence[str] = (),
    ) -> Reader:
        """A reader for these word lists."""
        named = "|".join(re.escape(t) for t in titles if t.strip())
        return cls(
            words_pattern(reasoning),
            words_pattern(stock),
            words_pattern(narrative, whole=True),
            words_pattern(sources, whole=True),
            re.compile(rf"\b[A-Z][\w'’-]*\s+(?:{named})\b") if named else None,
        )

    def reads(self, text: str) -> Reading:
        """How ``text``'s sentences divide between retelling and reasoning."""
        found = sentences(text)
        narrative = reasoning = 0
        for sentence in found:
            plain = self.stock.sub(" ", sentence) if self.stock else sentence
            if self.reasoning and self.reasoning.search(plain):
                reasoning += 1
            elif (  # the quickest test first: most sentences that retell have an -ed
                _PAST.search(plain)
                or has_date(plain)
                or _TIME.search(plain)
                or (self.narrative and self.narrative.search(plain))
            ):
                narrative += 1
        return Reading(len(found), narrative, reasoning)

    def has_source(self, text: str) -> bool:
        """Whether ``text`` names a source (a record, a policy, an interview...)."""
        return bool(
            (self.sources and self.sources.search(text))
            or (self.titles and self.titles.search(text))
        )


def says_nothing_to_add(text: str, phrases: Sequence[str]) -> bool:
    """Whether a sentence of ``text`` says there is nothing to add: it, or one of its
    clauses (divided at a colon, semicolon or dash), is one of ``phrases`` or begins
    with one of three words or more, once a leading "No," or the author speaking of
    themselves ("The author has", "We found") is set aside."""
    wanted = [normalised(p) for p in phrases if p.strip()]
    for sentence in sentences(text):
        folded = normalised(sentence)
        for clause in {folded, *_CLAUSES.split(folded)}:
            said = _NO.sub("", normalised(clause))
            said = _OWN_VOICE.sub("", said)
            for phrase in wanted:
                if said == phrase or (len(phrase.split()) >= 3 and said.startswith(phrase + " ")):
                    return True
    return False
