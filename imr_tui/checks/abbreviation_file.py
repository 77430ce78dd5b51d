"""The layout of the glossary file ``prompts/abbreviations.toml``, validated.

Besides ``[abbreviations]`` (matched by the case rules :class:`~imr_tui.checks.glossary.
Glossary` describes), the file has ``[shorthand]``: clinical and case-note shorthand
written in lower case (``pt``, ``obs``, ``c/o``, ``x2``), matched only as written or with
its first letter in capitals (``Pt`` at a sentence's start), never in other cases, so
``od`` (once daily) is not ``OD`` (overdose) and no ordinary word is taken for one; and
``[forms]``: a written form that has one sense of an ambiguous abbreviation
(``"DNA'd" = "Did Not Attend"``: a verb, never Deoxyribonucleic acid).
"""

from __future__ import annotations

from collections.abc import Container
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from imr_tui.core.data_files import refuse_newer

GLOSSARY_SCHEMA_VERSION = 1

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Word = Annotated[str, StringConstraints(pattern=r"^\S+$")]
_Meanings = Annotated[list[_Text], Field(min_length=1)]


class GlossaryFile(BaseModel):
    """The layout of ``abbreviations.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = GLOSSARY_SCHEMA_VERSION
    """Version of this file's layout."""
    heading: _Text
    """Heading of the glossary the export appends."""
    introduction: str = ""
    """A sentence under the heading."""
    abbreviation_title: _Text = "Abbreviation"
    """Heading of the glossary's first column."""
    meaning_title: _Text = "Meaning"
    """Heading of the glossary's second column."""
    abbreviations: dict[_Word, _Meanings]
    """Abbreviation to its expansions; two or more make it ambiguous."""
    shorthand: dict[_Word, _Meanings] = {}
    """Shorthand in lower case (``pt``, ``c/o``, ``x2``) to its expansions, matched only
    as written or with its first letter in capitals (``Pt``)."""
    forms: dict[_Word, _Text] = {}
    """A written form of an abbreviation (its beginning) that has only one of its
    meanings: ``"DNA'd" = "Did Not Attend"``. Matched exactly as written."""
    variants: dict[_Word, list[_Word]] = {}
    """Other spellings of an abbreviation, each matched exactly as written."""
    well_known: list[_Word] = []
    """Abbreviations in [abbreviations] the export's glossary lists but the check never
    queries (``NHS``, ``UK``, ``IMR``: universally read or the document's own name)."""
    not_abbreviations: list[_Word] = []
    """Words written in capitals that are not abbreviations (``OK``, ``MONDAY``, ``NOTE``):
    never reported as an abbreviation the glossary does not know."""
    label_words: list[_Word] = []
    """Words after which capital letters are a label, not an abbreviation (``Adult AB``)."""
    short_words: list[_Word] = []
    """Common English words of two to four letters (``NO``, ``KEY``, ``SAFE``, ``CALL``):
    written in capitals they are emphasis, never reported as an abbreviation the glossary
    does not know. Longer words in capitals are emphasis anyway (see
    :mod:`imr_tui.checks.unknown_abbreviations`)."""

    @model_validator(mode="after")
    def _check(self) -> GlossaryFile:
        refuse_newer(self.schema_version, GLOSSARY_SCHEMA_VERSION)
        for abbr in self.well_known:
            if abbr not in self.abbreviations:
                raise ValueError(f"well_known: '{abbr}' is not in [abbreviations]")
        for word in self.not_abbreviations:
            if word in self.abbreviations:
                raise ValueError(f"not_abbreviations: '{word}' is in [abbreviations]")
        self._check_short_words()
        self._check_shorthand()
        known = {**self.abbreviations, **self.shorthand}
        for abbr, spellings in self.variants.items():
            if abbr not in known:
                raise ValueError(f"variants: '{abbr}' is not in [abbreviations] or [shorthand]")
            for s in spellings:
                other = next((a for a in known if a == s and a != abbr), None)
                if other is not None:
                    raise ValueError(f"variants: '{s}' is already the abbreviation '{other}'")
        for form, meaning in self.forms.items():
            abbr = form_abbreviation(form, known)
            if not abbr:
                raise ValueError(
                    f"forms: '{form}' does not begin with an abbreviation in [abbreviations] "
                    "or [shorthand] followed by an ending ('DNA' and 'd, 'DNA' and s)"
                )
            if meaning.casefold() not in {m.casefold() for m in known[abbr]}:
                listed = "; ".join(known[abbr])
                raise ValueError(
                    f"forms: '{form}': '{meaning}' is not one of the meanings of '{abbr}' "
                    f"({listed})"
                )
        return self

    def _check_short_words(self) -> None:
        spellings_listed = {s.upper() for spellings in self.variants.values() for s in spellings}
        spellings_listed |= {a.upper() for a in self.abbreviations}
        seen: set[str] = set()
        for word in self.short_words:
            if not (word.isalpha() and word.isascii() and word.isupper() and 2 <= len(word) <= 4):
                raise ValueError(
                    f"short_words: '{word}' is not a word of two to four capital letters"
                )
            if word in seen:
                raise ValueError(f"short_words: '{word}' is listed twice")
            seen.add(word)
            if word in spellings_listed:
                raise ValueError(f"short_words: '{word}' is in [abbreviations]")

    def _check_shorthand(self) -> None:
        for word in self.shorthand:
            if not word[:1].islower():
                raise ValueError(
                    f"shorthand: '{word}' does not begin with a lower-case letter (an "
                    "abbreviation in capitals goes in [abbreviations])"
                )
            capital = word[:1].upper() + word[1:]
            for spelling in (word, capital):
                if spelling in self.abbreviations:
                    raise ValueError(f"shorthand: '{spelling}' is also in [abbreviations]")


def form_abbreviation(form: str, known: Container[str]) -> str:
    """The abbreviation a written form begins with (the longest: ``DNA`` for ``DNA'd``
    or ``DNAs``), when what follows it is an ending (not a digit, nor a capital
    letter that would make another abbreviation); else ``""``."""
    for size in range(len(form) - 1, 0, -1):
        head, tail = form[:size], form[size:]
        if head in known and not tail[:1].isdigit() and not tail[:1].isupper():
            return head
    return ""
