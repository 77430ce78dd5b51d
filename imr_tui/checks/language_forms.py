"""What the language checks' matcher works with: a phrase of ``language.toml`` as it
is matched (:class:`Form`) and a phrase found and kept (:class:`Hit`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imr_tui.checks.language_rules import Entry, Rule


COMMON = frozenset(
    """a about after again all an and any are as at be been before being but by can
    care could did do does doing for from had has have he her him his how i if in into
    is it its me more my no not now of on or our out over she should so some than that
    the their them then there they this to too up very was we were what when which who
    why will with would you your staff nurse nurses patient patients medication family
    carer carers home team time visit visited agreed assessed""".split()  # noqa: SIM905
)
"""Words so common in a review that a phrase is better looked for by another of its
words (its :attr:`Form.anchor`): "not up to the job" by "job", not by "not"."""


@dataclass(frozen=True)
class Form:
    """One phrase of one entry, as the pattern matches it."""

    rule: Rule
    """The rule whose list it is in."""
    entry: Entry
    """The entry it belongs to."""
    phrase: str
    """As written in ``language.toml``."""
    at_start: bool
    """It matches only at the start of a sentence or clause (written with ``^``)."""
    required: frozenset[str]
    """Its plain words (no ``*``, hyphen or apostrophe), lower case: a text lacking
    one cannot hold the phrase."""
    anchor: str
    """Its longest plain word not in :data:`COMMON` (likely the rarest; else its longest),
    ``""`` if it has none."""


def form_of(rule: Rule, entry: Entry, phrase: str) -> Form:
    """The :class:`Form` of one phrase of one entry."""
    words = phrase.split()
    plain = [w.lower() for w in words if w not in ("^", "...") and re.fullmatch(r"\w+", w)]
    anchor = max(plain, key=lambda w: (w not in COMMON, len(w))) if plain else ""
    return Form(rule, entry, phrase, words[0] == "^", frozenset(plain), anchor)


@dataclass(frozen=True)
class Hit:
    """A phrase found in a text, kept after the exemptions."""

    rule: Rule
    """The rule it is reported under (blame for a label said of staff)."""
    entry: Entry
    """The entry whose phrase it is."""
    start: int
    """Where it starts in the text."""
    written: str
    """The words as the author wrote them, spaces and line breaks made single spaces."""
    why: str
    """Why a panel objects: the entry's, else the rule's default."""
    rewrite: str
    """A neutral rewrite: the entry's, else the rule's default."""
    context: str
    """The sentence it is in (cut to about :data:`CONTEXT_MAX` characters)."""
    adult: bool = False
    """Blame said of the adult: reported with ``defaults.blame_adult``'s text."""
