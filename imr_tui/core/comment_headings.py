"""Which column of a panel's spreadsheet of comments holds what, read from its heading.

A heading is matched first as a whole (:data:`HEADINGS`: ``Place``, ``Comment``,
``By``...), then by its words, as the chronology import matches its headings:

- ``Raised by``, ``Comment from``: a heading ending (or starting) with *by* or *from*
  says who;
- ``Date raised``, ``When asked``: a date word with words about the comment says when;
- ``Where in the report``, ``Place of the question``: a heading starting with *where*
  (or *place*, *location*) is the place, even when it names the question;
- ``Panel question``, ``Comment / question``, ``Question for author``: any other heading
  holding *question* or *comment* (or *query*, *remark*) is the text;
- ``Section / Entry``, ``Report section``: place words only (with fillers) are the place;
- ``Panel member``, ``Reviewer name``: a word for a person (with fillers) says who.

Anything else (``Priority``, ``Notes``, ``Author's response``) is no known column: its
text is kept, added to each comment's labelled with its heading. Of two columns of the
same kind, one matched as a whole wins over one matched by its words, then the first.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


HEADINGS: dict[str, tuple[str, ...]] = {
    "place": ("place", "where", "prompt", "entry", "on", "location", "about", "refers to"),
    "text": ("text", "comment", "comments", "question", "questions", "query", "remark"),
    "by": ("by", "from", "author", "who", "name", "reviewer", "panel member", "commenter"),
    "field": ("field", "column"),
    "date": ("date", "when", "at", "date and time", "written"),
    "id": ("id", "comment id"),
}
"""The whole headings each column is known by (any capitals, spacing and punctuation)."""

FILLERS = _set("a an and or the of in on for to at is it this that which what s its")
"""Words that say nothing about a column."""
TEXT_WORDS = _set("question questions comment comments query queries remark remarks text")
"""Words that make a heading the comment's text (unless it clearly says where or who)."""
PLACE_WORDS = _set(
    "place where prompt entry entries section sections location heading part whereabouts"
)
"""Words naming where a comment is."""
PLACE_FIRST = frozenset({"where", "place", "location", "whereabouts"})
"""Place words that, first in a heading, make it the place whatever it also names."""
PLACE_QUALIFIERS = _set(
    "report imr chronology template number no ref reference commented questioned asked "
    "raised relates refers"
)
"""Words that may come with a place word (``Report section``, ``Entry number``)."""
BY_ENDS = frozenset({"by", "from"})
"""Words that, last (or first) in a heading, make it who wrote the comment."""
BY_WORDS = _set("author member reviewer who name commenter raiser person")
"""Words naming who wrote a comment."""
BY_QUALIFIERS = _set("panel full chair raised asked written made")
"""Words that may come with a person word (``Panel member``, ``Reviewer name``)."""
DATE_WORDS = frozenset({"date", "when", "dated"})
"""Words naming when a comment was written."""
DATE_QUALIFIERS = _set("raised asked written made sent received time day")
"""Words that may come with a date word (``Date raised``), besides the text words."""
ID_WORDS = frozenset({"id", "identifier"})
"""Words naming a comment's id."""
FIELD_WORDS = frozenset({"field", "column"})
"""Words naming the field of an entry or recommendation."""
FIELD_QUALIFIERS = frozenset({"entry", "record", "recommendation", "chronology", "name"})
"""Words that may come with a field word (``Entry field``)."""


def words_of(heading: str) -> list[str]:
    """A heading's words: capitals, spacing and punctuation aside."""
    return re.sub(r"[^\w]+", " ", heading.casefold()).split()


def _only(words: list[str], names: frozenset[str], others: frozenset[str]) -> bool:
    """Whether a word is one of ``names`` and every word one of those, ``others`` or a filler."""
    return any(w in names for w in words) and all(
        w in names or w in others or w in FILLERS for w in words
    )


def by_words(heading: str) -> str:
    """The kind of column a heading names by its words (``""`` when none clearly)."""
    words = words_of(heading)
    content = [w for w in words if w not in FILLERS]
    if not content:
        return ""
    if content[-1] in BY_ENDS or content[0] in BY_ENDS:
        return "by"
    if _only(words, DATE_WORDS, DATE_QUALIFIERS | TEXT_WORDS):
        return "date"
    if _only(words, ID_WORDS, TEXT_WORDS):
        return "id"
    if _only(words, FIELD_WORDS, FIELD_QUALIFIERS):
        return "field"
    if content[0] in PLACE_FIRST and _only(words, PLACE_WORDS, PLACE_QUALIFIERS | TEXT_WORDS):
        return "place"
    if any(w in TEXT_WORDS for w in words):
        return "text"
    if _only(words, PLACE_WORDS, PLACE_QUALIFIERS):
        return "place"
    if _only(words, BY_WORDS, BY_QUALIFIERS):
        return "by"
    return ""


def kind_of(heading: str) -> str:
    """The kind of column a heading names (``place``, ``text``, ``by``, ``field``,
    ``date``, ``id``), as a whole or by its words; ``""`` for none."""
    folded = " ".join(words_of(heading))
    exact = next((k for k, names in HEADINGS.items() if folded in names), "")
    return exact or by_words(heading)


def match_columns(headers: tuple[str, ...]) -> tuple[dict[str, int], list[int]]:
    """The column of each kind (a whole heading first, then the first by its words), and
    the others, whose text is added to the comment's, labelled."""
    columns: dict[str, int] = {}
    for whole in (True, False):
        for i, heading in enumerate(headers):
            folded = " ".join(words_of(heading))
            exact = next((k for k, names in HEADINGS.items() if folded in names), "")
            kind = exact if whole else ("" if exact else by_words(heading))
            if kind and kind not in columns:
                columns[kind] = i
    taken = set(columns.values())
    return columns, [i for i in range(len(headers)) if i not in taken]
