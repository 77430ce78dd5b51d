"""Phrases listed as themselves (``Ward`` to ``Ward``): where such a word is the ordinary
word, kept, and where it is in a name's setting, and so a name after all.

A one-word row kept as itself keeps the ordinary word only (``on the Ward``, ``did not
Read``). It is not kept, so the replacement and the search still see it, after a title or
honorific (``Mr Read``, ``Mrs Early``), after a capitalised given name listed or not
(``Mark Read``, ``Danny Ward``) or a pseudonym (``Adult M Ward``), before a name's word
(``Ward, Margaret``), in capitals before a capitalised word (``WARD Margaret``), nor
when the row is in lower case (``read``) and the word is written otherwise (``Read``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from imr_tui.report.folding import Folded, fold
from imr_tui.report.name_words import MONTH_WORDS, WEEKDAY_WORDS, sentence_start

NAME_TITLES = frozenset(
    """mr mrs ms miss mx dr doctor prof professor sir dame lady lord rev revd reverend
    father sister brother nurse constable pc pcso dc ds sergeant sgt inspector detective
    officer""".split()  # noqa: SIM905
)
"""Words after which a word is a surname (``Mr Read``, ``PC Power``)."""

FUNCTION_WORDS = frozenset(
    """a an the on in at to of and or but so then when after before from by for with
    into onto as if that this these those there here our their his her its my your we
    she he they it i no not all each every some any one new old main this next last""".split()  # noqa: SIM905
)
"""Capitalised words at a sentence's start that are not given names (``On Ward 3``)."""

_PREVIOUS = re.compile(r"(?<![\w'\-])([^\W\d_][\w'\u2019\-]*)\.?[ \t\u00a0]+$")
_MONTHS = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
_NUMBER_AFTER = re.compile(
    rf"[ \t\u00a0]+\d{{1,3}}[a-z]?(?![\w/\-]|[.,:]\d|,?\s+(?:of\s+)?(?:{_MONTHS})(?!\w))",
    re.IGNORECASE,
)
"""A short number, not a date or time, just after a word: ``Ward 12``, ``Bay 3``."""
_NEXT = re.compile(r"(,?)[ \t\u00a0]+([^\W\d_][\w'\u2019\-]*)")


def family_after(text: str, end: int) -> bool:
    """Whether folded ``text`` goes on, from ``end``, with a word of a family or home
    (``the Hart family``, ``the Ward household``): the word before is a name."""
    after = _FAMILY_AFTER.match(text, end)
    return after is not None and after[1] in FAMILY_WORDS


def in_name_setting(view: Folded, start: int, end: int, known: Collection[str]) -> bool:
    """Whether the word at folded ``view.text[start:end]`` is in a name's setting (see
    the module's description); ``known`` are the folded words of listed names and aliases."""
    begin, stop = view.span(start, end)
    text = view.original
    word = text[begin:stop]
    if _NUMBER_AFTER.match(text, stop):
        return False  # "Ward 12", "Bay 3": a place
    if family_after(view.text, end):
        return True  # "the Ward family"
    before = _PREVIOUS.search(text, max(0, begin - 60), begin)
    if before is not None:
        prev = before[1]
        folded = fold(prev).strip("'\u2019")
        if folded in NAME_TITLES:
            return True
        if (
            prev[:1].isupper()
            and folded not in MONTH_WORDS
            and folded not in WEEKDAY_WORDS
            and folded not in FUNCTION_WORDS
            and (folded in known or not sentence_start(text, before.start()))
        ):  # a sentence's first word is a given name only when listed ("Later Rose")
            return True
    after = _NEXT.match(text, stop)
    if after is not None and after[2][:1].isupper():
        nxt = fold(after[2]).strip("'\u2019")
        if nxt in known or (len(word) > 1 and word.isupper() and not after[1]):
            return True
    return False


def kept_here(
    view: Folded, start: int, end: int, lower: Collection[str], known: Collection[str]
) -> bool:
    """Whether a phrase listed as itself, found at folded ``start:end``, is kept there: a
    phrase of more than one word always; one word only as the ordinary word (and, when
    listed in lower case, only written in lower case)."""
    found = view.text[start:end]
    if len(found.split()) > 1:
        return True
    begin, stop = view.span(start, end)
    written = view.original[begin:stop]
    if found in lower and written != written.lower():
        return False
    return not in_name_setting(view, start, end, known)


MODALS = frozenset({"will", "may", "can", "must", "shall", "might"})
"""Names that are also modal verbs: ``Will she cope?`` is the verb."""
PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "there", "this", "that"})
DETERMINERS = frozenset(
    """the a an her his their my our your its this that these those whose""".split()  # noqa: SIM905
)
"""Words after which an everyday word is the ordinary word (``Her Will``, ``the Rose``)."""

FAMILY_WORDS = frozenset(
    """family families household home house residence address property children child
    kids son sons daughter daughters siblings brothers sisters parents couple twins
    grandchildren boys girls case""".split()  # noqa: SIM905
)
"""Words after which a name that is also an ordinary word is a name after all, whatever
comes before it (``the Hart family``, ``the Ward household``)."""

_WORD_BEFORE = re.compile(r"(?<![\w'\-])([^\W\d_]+)\.?[ \t\u00a0]+$")
_DETERMINER_BEFORE = re.compile(r"(?<![\w'\-])([^\W\d_]+)[ \t\u00a0]+$")
"""The word just before, with nothing but spaces between: a determiner that ends a
sentence (``... into the. Hart said``) is not one."""
_FAMILY_AFTER = re.compile(r"(?:'s|\u2019s)?\s+([^\W\d_]+)")
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")
_MONTH_LINK = r"(?:\s*,\s*|\s+(?:and|or|to|until|till|through)\s+|\s*[\-\u2013]\s*)"


PLACE_WORDS = frozenset({"ward", "bay", "room", "bed", "flat", "unit", "block", "floor"})
"""Words that name a place before its number (``Bay 3``) even when not everyday words."""


def ordinary_word(
    text: str, start: int, end: int, everyday: Collection[str], *, determiners: bool = True
) -> bool:
    """Whether the one word at folded ``text[start:end]`` (a listed name or a word of one)
    is the ordinary word there, not a name: a month in a list of months (``April, May and
    June``, ``From April to June``); a weekday not after a title (``on Sunday``); and, for
    an everyday word, a modal verb starting a sentence before a pronoun (``Will she
    cope?``), a word after a determiner or possessive (``Her Will``, ``the Rose``) or a
    place followed directly by a number (``Ward 12``, ``Bay 3``). Any other name before a
    number is a name (``Peggy 84``).

    A word of a family or home after it makes it a name (``the Hart family``). The search
    after replacement passes ``determiners=False``: a capitalised name after ``the`` or
    ``her`` is kept in the text but still reported, so that the author decides (and keeps
    the phrase as written when it is the ordinary word)."""
    word = text[start:end].strip(".")
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    prev = before[1] if before is not None else ""
    if word in MONTH_WORDS:
        months = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
        if re.search(rf"(?<!\w)(?:{months})\.?{_MONTH_LINK}$", text[max(0, start - 30) : start]):
            return True
        if re.match(rf"{_MONTH_LINK}(?:{months})(?!\w)", text[end : end + 30]):
            return True
    if word in WEEKDAY_WORDS and prev not in NAME_TITLES:
        return True
    if word not in everyday and word not in PLACE_WORDS:
        return False
    if _NUMBER_AFTER.match(text, end):
        return True
    if word not in everyday:
        return False
    if family_after(text, end):
        return False  # "the Hart family"
    determiner = _DETERMINER_BEFORE.search(text, max(0, start - 40), start)
    if determiners and determiner is not None and determiner[1] in DETERMINERS:
        return True
    after = _WORD_AFTER.match(text, end)
    return (
        word in MODALS
        and after is not None
        and after[1] in PRONOUNS
        and sentence_start(text, start)
    )


def fragment_as_name(text: str, start: int, end: int, listed: Collection[str]) -> bool:
    """Whether a word of a listed name written in lower case at folded ``text[start:end]``
    is in a name's setting: after a title or honorific (``mrs hollins``) or next to
    another word of a listed name (``dorothy hollins``; ``listed``: folded words)."""
    word = text[start:end]
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is not None and (
        before[1] in NAME_TITLES or (before[1] in listed and before[1] != word)
    ):
        return True
    after = _WORD_AFTER.match(text, end)
    return after is not None and after[1] in listed and after[1] != word
