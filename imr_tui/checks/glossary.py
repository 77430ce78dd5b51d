"""The glossary of abbreviations, loaded from ``prompts/abbreviations.toml``, and finding them.

Matching is by whole word (see :class:`Glossary`), so a board can add an abbreviation
without worrying that it hides inside ordinary words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from imr_tui.checks import text_index
from imr_tui.checks.abbreviation_file import GLOSSARY_SCHEMA_VERSION as GLOSSARY_SCHEMA_VERSION
from imr_tui.checks.abbreviation_file import GlossaryFile as GlossaryFile
from imr_tui.checks.abbreviation_file import form_abbreviation
from imr_tui.checks.abbreviation_ignore import ignored_spans, inside
from imr_tui.checks.language_rules import LanguageRules, shipped_language
from imr_tui.checks.text_index import trie
from imr_tui.core.catalogue import load_data_file
from imr_tui.core.data_files import GLOSSARY_FILE as GLOSSARY_FILE
from imr_tui.core.data_files import path_for

# A match may end in a plural or possessive: GPs, GP's, GP’s, DNA'd.
_SUFFIX = r"(?:['’][sd]|s)?"


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
    sense: str = ""
    """The one meaning this written form has (``Did Not Attend`` for ``DNA'd``: the
    glossary's ``[forms]``), or ``""`` when it may have any of the abbreviation's."""


class Glossary:
    """Abbreviations and their expansions, and how to find them in text.

    Whole-word matching: an abbreviation never touches a letter, digit or
    underscore on either side, so ``OT`` is not found in ``NOT`` and ``S42`` not in
    ``S420``; punctuation inside it (``A&E``) is part of it. Case: written in
    capitals it matches only in capitals (``GP``, not ``gp``); written in mixed case
    it also matches all in capitals (``CoP``, ``COP``, never ``cop``); written in
    lower case it matches in any case (``misper``, ``Misper``). Shorthand (``pt``,
    ``c/o``: the file's ``[shorthand]``, given as ``shorthand``) matches only as written
    or with its first letter in capitals (``Pt``), never ``PT``. A plural or possessive
    ending is allowed (``GPs``, ``GP's``, ``DNA'd``); a written form with one sense
    (``forms``: ``DNA'd`` is Did Not Attend) gives its match that sense. Nothing inside a
    date or time, an e-mail header or address, a file name or a web address is matched
    (``MAR`` in ``28-MAR-2025``, ``CC:``: see :mod:`imr_tui.checks.abbreviation_ignore`).
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
        shorthand: dict[str, list[str]] | None = None,
        forms: dict[str, str] | None = None,
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
        self.shorthand = frozenset((shorthand or {}).keys() - self._entries.keys())
        """The shorthand (``pt``, ``c/o``): matched only as written or capitalised."""
        for abbr, meanings in (shorthand or {}).items():
            self._entries.setdefault(abbr, tuple(meanings))
            self._exact.setdefault(abbr, abbr)
            self._exact.setdefault(abbr[:1].upper() + abbr[1:], abbr)
        for abbr, spellings in (variants or {}).items():
            for s in spellings:
                self._exact.setdefault(s, abbr)
        self._senses: dict[str, str] = {}
        """A written form (apostrophes straight) to its one sense."""
        for form, sense in (forms or {}).items():
            self._senses[_straight(form)] = sense
            abbr = form_abbreviation(form, self._entries)
            if abbr:
                self._exact.setdefault(form, abbr)
        # The exact spellings as a trie, so each place in the text is tried once per
        # letter rather than once per abbreviation; its greedy optional tails try
        # "DNACPR" before "DNA". Spellings matched in any case follow, longest first.
        folded = sorted(self._folded, key=lambda s: (-len(s), s))
        parts = [trie(list(self._exact))] if self._exact else []
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
        return len(self._entries) - len(self.shorthand)

    def __iter__(self) -> Iterator[str]:
        """The abbreviations (``[abbreviations]``), not the shorthand: their letters are
        never someone's initials (see :mod:`imr_tui.report.name_words`), while
        shorthand's may be (``r/v``, ``c/o``)."""
        return (a for a in self._entries if a not in self.shorthand)

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
    def may_match(self, texts: Sequence[str], blob: str, starts: list[int]) -> set[int]:
        """The indexes of ``texts`` (joined in ``blob``, see
        :mod:`imr_tui.checks.text_index`) :meth:`matches` may find something in: in
        every other text it finds nothing."""
        return text_index.candidates(texts, self._pattern, blob, starts)

    def matches(self, text: str) -> list[Match]:
        """Every abbreviation in ``text``, in order, with where it is (none inside a
        date, a time, an e-mail header or address, a file name or a web address)."""
        out = []
        skip: list[tuple[int, int]] | None = None
        for m in self._pattern.finditer(text):
            written = m[1]
            abbr = self._exact.get(written) or self._folded.get(written.casefold(), "")
            if not abbr:
                continue
            if skip is None:
                skip = ignored_spans(text)
            if inside(skip, m.start(), m.end()):
                continue
            out.append(Match(abbr, m[0], m.start(), m.end(), self._senses.get(_straight(m[0]), "")))
        return out


def _straight(text: str) -> str:
    """``text`` with curly apostrophes made straight (``DNA’d`` is ``DNA'd``)."""
    return text.replace("’", "'")


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
        shorthand=parsed.shorthand,
        forms=parsed.forms,
    )


def glossary_path_for(prompts: Path | None) -> Path:
    """The glossary that goes with a catalogue given as ``--prompts``.

    A board's own catalogue folder may carry its own ``abbreviations.toml``; if it
    does not (or a single catalogue file is given without one beside it), the
    glossary that ships with imr-tui is used.
    """
    return path_for(prompts, GLOSSARY_FILE)
