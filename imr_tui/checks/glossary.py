"""The glossary of abbreviations, loaded from ``prompts/abbreviations.toml``, and finding them.

Matching is by whole word (see :class:`Glossary`), so a board can add an abbreviation
without worrying that it hides inside ordinary words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from imr_tui.checks.language_rules import LanguageRules, shipped_language
from imr_tui.core.catalogue import load_data_file
from imr_tui.core.data_files import GLOSSARY_FILE as GLOSSARY_FILE
from imr_tui.core.data_files import path_for, refuse_newer

GLOSSARY_SCHEMA_VERSION = 1

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Word = Annotated[str, StringConstraints(pattern=r"^\S+$")]


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
    abbreviations: dict[_Word, Annotated[list[_Text], Field(min_length=1)]]
    """Abbreviation to its expansions; two or more make it ambiguous."""
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
        for abbr, spellings in self.variants.items():
            if abbr not in self.abbreviations:
                raise ValueError(f"variants: '{abbr}' is not in [abbreviations]")
            for s in spellings:
                other = next((a for a in self.abbreviations if a == s and a != abbr), None)
                if other is not None:
                    raise ValueError(f"variants: '{s}' is already the abbreviation '{other}'")
        return self


# A match may end in a plural or possessive: GPs, GP's, GP’s, DNA'd.
_SUFFIX = r"(?:['’][sd]|s)?"


def _trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, built as a trie (longest first)."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict[str, Any]]) -> str:
        alternatives = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = "(?:" + "|".join(alternatives) + ")"
        return body + "?" if "" in node else body

    return build(root)


@dataclass(frozen=True)
class Match:
    """One abbreviation found in a text."""

    abbreviation: str
    """The glossary's abbreviation (``GP`` for ``GPs``)."""
    text: str
    """The text as written, ending included (``GPs``)."""
    start: int
    """Offset of the first character in the text searched."""
    end: int
    """Offset just after the last character."""


class Glossary:
    """Abbreviations and their expansions, and how to find them in text.

    Whole-word matching: an abbreviation never touches a letter, digit or
    underscore on either side, so ``OT`` is not found in ``NOT`` and ``S42`` not in
    ``S420``; punctuation inside it (``A&E``) is part of it. Case: written in
    capitals it matches only in capitals (``GP``, not ``gp``); written in mixed case
    it also matches all in capitals (``CoP``, ``COP``, never ``cop``); written in
    lower case it matches in any case (``misper``, ``Misper``). A plural or
    possessive ending is allowed (``GPs``, ``GP's``, ``DNA'd``).
    """

    def __init__(
        self,
        entries: dict[str, list[str]],
        *,
        heading: str = "Glossary of abbreviations",
        introduction: str = "",
        abbreviation_title: str = "Abbreviation",
        meaning_title: str = "Meaning",
        variants: dict[str, list[str]] | None = None,
        well_known: Iterable[str] = (),
        not_abbreviations: Iterable[str] = (),
        label_words: Iterable[str] = (),
        short_words: Iterable[str] = (),
        language: LanguageRules | None = None,
    ) -> None:
        self.heading = heading
        """Heading of the glossary in the export."""
        self.introduction = introduction
        """A sentence under that heading."""
        self.abbreviation_title = abbreviation_title
        """Heading of the abbreviation column."""
        self.meaning_title = meaning_title
        """Heading of the meaning column."""
        self.well_known = frozenset(well_known)
        """Abbreviations the export lists but the check never queries."""
        self.not_abbreviations = frozenset(w.upper() for w in not_abbreviations)
        """Words in capitals that are not abbreviations (kept in capitals)."""
        self.label_words = frozenset(w.casefold() for w in label_words)
        """Words after which capitals are a label (case folded)."""
        self.short_words = frozenset(w.upper() for w in short_words)
        """Common English words of two to four letters, in capitals: emphasis, not an
        abbreviation."""
        self._language = language
        self._entries = {k: tuple(v) for k, v in entries.items()}
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        for abbr in self._entries:
            if abbr.lower() == abbr:
                self._folded[abbr.casefold()] = abbr
            else:
                self._exact[abbr] = abbr
                self._exact.setdefault(abbr.upper(), abbr)
        for abbr, spellings in (variants or {}).items():
            for s in spellings:
                self._exact.setdefault(s, abbr)
        # The exact spellings as a trie, so each place in the text is tried once per
        # letter rather than once per abbreviation; its greedy optional tails try
        # "DNACPR" before "DNA". Spellings matched in any case follow, longest first.
        folded = sorted(self._folded, key=lambda s: (-len(s), s))
        parts = [_trie(list(self._exact))] if self._exact else []
        parts += [f"(?i:{re.escape(s)})" for s in folded]
        body = "|".join(parts) or r"(?!x)x"
        self._pattern = re.compile(rf"(?<!\w)({body}){_SUFFIX}(?!\w)")

    @property
    def language(self) -> LanguageRules:
        """The language checks' word lists that came with this glossary (from the same
        data folder), or the shipped ones."""
        return self._language if self._language is not None else shipped_language()

    # ------------------------------------------------------------------ lookups
    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __contains__(self, abbreviation: object) -> bool:
        return abbreviation in self._entries

    def expansions(self, abbreviation: str) -> tuple[str, ...]:
        """Every expansion of an abbreviation (empty if it is not in the glossary)."""
        return self._entries.get(self.canonical(abbreviation) or abbreviation, ())

    def is_ambiguous(self, abbreviation: str) -> bool:
        """Whether the abbreviation has more than one meaning."""
        return len(self.expansions(abbreviation)) > 1

    def canonical(self, written: str) -> str:
        """The glossary's abbreviation for a spelling (``COP`` gives ``CoP``), or ``""``."""
        if written in self._entries:
            return written
        return self._exact.get(written) or self._folded.get(written.casefold(), "")

    def meaning(self, abbreviation: str) -> str:
        """The expansions as one phrase: ``Court of Protection, or Code of Practice``."""
        return ", or ".join(self.expansions(abbreviation))

    # ------------------------------------------------------------------ finding
    def matches(self, text: str) -> list[Match]:
        """Every abbreviation in ``text``, in order, with where it is."""
        out = []
        for m in self._pattern.finditer(text):
            written = m[1]
            abbr = self._exact.get(written) or self._folded.get(written.casefold(), "")
            if abbr:
                out.append(Match(abbr, m[0], m.start(), m.end()))
        return out


def find_abbreviations(text: str, glossary: Glossary) -> list[str]:
    """The glossary abbreviations in ``text`` an author is asked about, in order of first
    appearance, each once: the well-known ones (``NHS``) are left out."""
    found = (m.abbreviation for m in glossary.matches(text))
    return list(dict.fromkeys(a for a in found if a not in glossary.well_known))


def load_glossary(path: Path | None = None, language: LanguageRules | None = None) -> Glossary:
    """Load and validate a glossary file (default: the catalogue folder's ``abbreviations.toml``).

    A folder is taken to hold ``abbreviations.toml``. Errors name the file and the key:
    ``prompts/abbreviations.toml: abbreviations: 'GP': list should have at least 1 item``.
    """
    parsed = load_data_file(path, GLOSSARY_FILE, GlossaryFile, "glossary of abbreviations")
    return Glossary(
        parsed.abbreviations,
        heading=parsed.heading,
        introduction=parsed.introduction,
        abbreviation_title=parsed.abbreviation_title,
        meaning_title=parsed.meaning_title,
        variants=parsed.variants,
        well_known=parsed.well_known,
        not_abbreviations=parsed.not_abbreviations,
        label_words=parsed.label_words,
        short_words=parsed.short_words,
        language=language,
    )


def glossary_path_for(prompts: Path | None) -> Path:
    """The glossary that goes with a catalogue given as ``--prompts``.

    A board's own catalogue folder may carry its own ``abbreviations.toml``; if it
    does not (or a single catalogue file is given without one beside it), the
    glossary that ships with imr-tui is used.
    """
    return path_for(prompts, GLOSSARY_FILE)
