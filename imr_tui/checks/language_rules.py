"""The language checks' word lists, loaded from ``prompts/language.toml``.

A board's ``--prompts`` folder may carry its own ``language.toml``; the one that ships
with imr-tui is used otherwise. Errors name the file and the key
(``prompts/language.toml: blame[3]: 'phrases' is required``).

How a phrase is written (see the comments in ``prompts/language.toml``): words match
whole and in any case, across line breaks; a hyphen also matches a space or nothing
(``non-compliant`` finds ``non compliant`` and ``noncompliant``); a straight apostrophe
also matches a curly one; a word ending in ``*`` matches any ending (``negligen*``);
``...`` stands for a few words within the sentence (``had ... would have``); a phrase
starting ``^`` matches only at the start of a sentence or clause.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, field_validator

from imr_tui.core.catalogue import load_data_file
from imr_tui.core.data_files import LANGUAGE_FILE, refuse_newer, shipped_dir

if TYPE_CHECKING:
    from imr_tui.checks.language_match import Matcher

LANGUAGE_SCHEMA_VERSION = 1

Rule = Literal["blame", "hindsight", "label"]
"""The language rules, as :data:`imr_tui.checks.findings.RULES` names them."""

LANGUAGE_RULES: tuple[Rule, ...] = ("blame", "hindsight", "label")

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def _check_phrase(phrase: str) -> str:
    words = phrase.split()
    if words and words[0] == "^":
        words = words[1:]
    if not words or all(w == "..." for w in words):
        raise ValueError(f"phrase {phrase!r} has no words")
    if words[0] == "..." or words[-1] == "...":
        raise ValueError(f"phrase {phrase!r} may not start or end with '...'")
    for w in words:
        if w != "..." and not re.fullmatch(r"[\w'’-]+\*?", w):
            raise ValueError(
                f"phrase {phrase!r}: {w!r} is not a word (letters, digits, hyphens and "
                "apostrophes, with '*' only at the end)"
            )
    return phrase


class RuleText(BaseModel):
    """What every finding of one rule says, unless its entry says otherwise."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    says: _Text
    """What the phrase does, after the phrase quoted: ``blames a person``."""
    why: _Text
    """Why a review panel objects, one sentence."""
    advice: _Text
    """What to do, one sentence."""
    rewrite: _Text
    """A neutral way to write it, used where an entry gives none."""


class Defaults(BaseModel):
    """The text each rule's findings carry by default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    blame: RuleText
    """Blame and judgement about a person."""
    hindsight: RuleText
    """Hindsight and counterfactual certainty."""
    label: RuleText
    """Labels about the adult."""
    blame_adult: RuleText | None = None
    """Blame said of the adult ("difficult", "manipulative", "her own fault"): reported
    under the blame rule, with what Making Safeguarding Personal asks instead of the
    staff advice (``None``: ``blame``'s text)."""


class Entry(BaseModel):
    """Phrases a panel objects to for the same reason, with their rewrite."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phrases: Annotated[list[_Phrase], Field(min_length=1)]
    """The phrases, in the syntax described at the top of ``language.toml``."""
    why: str = ""
    """Why a panel objects to these (``""``: the rule's default)."""
    rewrite: str = ""
    """A neutral way to write it (``""``: the rule's default)."""
    unless_before: list[_Text] = []
    """Words that, among the two words just before the phrase, make it an ordinary use
    (``referral`` for ``failed to``: "the referral failed to arrive")."""
    unless_after: list[_Text] = []
    """Words that, right after the phrase, make it an ordinary use (``to`` for ``was
    difficult``: "it was difficult to arrange")."""
    unless_nearby: list[_Text] = []
    """Words that, anywhere in the sentence after the phrase's, make it an owned
    use (``at the time`` for ``with hindsight``: "With hindsight the visits form a
    pattern. At the time each was recorded alone" names the hindsight and sets it
    against what was known then)."""
    of_staff: Literal["same", "blame", "ignore"] = "same"
    """When the phrase is said of staff (a word of ``staff_words`` is the last person
    named before it in the sentence): ``same`` (no difference), ``blame`` (reported as
    blame, e.g. "the nurse was obstructive") or ``ignore`` ("the nurse chose to visit")."""
    negatable: bool = True
    """Whether a negation before the phrase makes it neutral (``false`` for "bothered
    to": "neither of them bothered to read it" is still blame)."""
    adult: bool = False
    """The phrase is always about the adult ("her own fault"): reported with
    ``defaults.blame_adult``'s text even when no person is named before it."""
    why_adult: str = ""
    """Why a panel objects when it is said of the adult (``""``: ``defaults.blame_adult``)."""
    rewrite_adult: str = ""
    """A neutral rewrite when it is said of the adult (``""``: ``defaults.blame_adult``)."""
    unless_later: list[_Text] = []
    """Words that, later in the phrase's own sentence, make it an ordinary use (a reason
    given for a choice: "she chose to have her dressing done in the kitchen because the
    light was better")."""
    of_adult: Literal["same", "label", "ignore"] = "same"
    """When the phrase is said of the adult (a word of ``adult_words`` is the last person
    named before it): ``same``, ``label`` (reported as a label, with the label rule's
    why and rewrite: "she failed to take her tablets") or ``ignore``."""

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, value: list[str]) -> list[str]:
        return [_check_phrase(p) for p in value]


class LanguageRules(BaseModel):
    """The layout of ``language.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = LANGUAGE_SCHEMA_VERSION
    """Version of this file's layout."""
    gap_words: Annotated[int, Field(ge=1, le=30)] = 8
    """How many words ``...`` in a phrase may stand for (never past the sentence's end)."""
    negations: list[_Text] = []
    """Words that, shortly before a phrase in the same clause, make it neutral
    ("there is no evidence that staff failed to", "it cannot be said that ... would
    have prevented")."""
    negation_window: Annotated[int, Field(ge=0, le=20)] = 6
    """How many words before a phrase a negation (or a hedge) is looked for."""
    hedges: list[_Text] = []
    """Words that, shortly before a hindsight phrase in the same clause, take away its
    certainty ("it is possible that an earlier referral would have led to...")."""
    clause_words: list[_Text] = []
    """Words that start a new clause: a negation before one does not reach past it."""
    reporting_words: list[_Text] = []
    """Words that report someone else's words or view ("said", "felt", "told"): a phrase
    after one, in its sentence, is what they said, unless the one reporting is the author
    (a word of ``own_voice`` among the three words before it)."""
    own_voice: list[_Text] = []
    """Words naming the author ("author", "I", "we", "review"): "the author felt the nurse
    failed to" is the author's own judgement."""
    staff_words: list[_Text] = []
    """Words naming staff or an agency ("nurse", "social worker", "team")."""
    mention_words: list[_Text] = []
    """Words just before a phrase that show it is talked about, not used: "a label like
    non-compliant closes a conversation"."""
    adult_words: list[_Text] = []
    """Words naming the adult or their family ("she", "Mrs", "patient", "daughter")."""
    defaults: Defaults
    """Each rule's message, why, advice and default rewrite."""
    blame: list[Entry] = []
    """Blame and judgement about a person (staff or the adult)."""
    hindsight: list[Entry] = []
    """Hindsight and counterfactual certainty."""
    label: list[Entry] = []
    """Labels about the adult, with the Making Safeguarding Personal wording."""

    _matcher: Matcher | None = PrivateAttr(default=None)

    def model_post_init(self, context: object, /) -> None:
        refuse_newer(self.schema_version, LANGUAGE_SCHEMA_VERSION)

    def entries(self, rule: Rule) -> list[Entry]:
        """The entries of one rule."""
        entries: list[Entry] = getattr(self, rule)
        return entries

    def matcher(self) -> Matcher:
        """The phrases compiled into one pattern, once per rules object."""
        if self._matcher is None:
            from imr_tui.checks.language_match import Matcher

            self._matcher = Matcher(self)
        return self._matcher


def load_language(path: Path | None = None) -> LanguageRules:
    """Load and validate a language file (default: the shipped ``language.toml``)."""
    return load_data_file(path, LANGUAGE_FILE, LanguageRules, "language checks' word lists")


@cache
def shipped_language() -> LanguageRules:
    """The ``language.toml`` that ships with imr-tui, loaded once."""
    return load_language(shipped_dir() / LANGUAGE_FILE)
