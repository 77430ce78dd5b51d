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
_NUMBER_AFTER = re.compile(r"[ \t\u00a0]+\d")
_NEXT = re.compile(r"(,?)[ \t\u00a0]+([^\W\d_][\w'\u2019\-]*)")


def in_name_setting(view: Folded, start: int, end: int, known: Collection[str]) -> bool:
    """Whether the word at folded ``view.text[start:end]`` is in a name's setting (see
    the module's description); ``known`` are the folded words of listed names and aliases."""
    begin, stop = view.span(start, end)
    text = view.original
    word = text[begin:stop]
    if _NUMBER_AFTER.match(text, stop):
        return False  # "Ward 12", "Bay 3": a place
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
