"""Which chronology column a spreadsheet heading names: by the whole heading, or by its words.

``prompts/columns.toml`` lists whole headings (``synonyms``) and, for each column,
the words a heading for it is made of (``words``). A heading is matched:

1. **Exactly**: the whole heading (ignoring capitals, spacing and punctuation, and
   failing that a part in brackets) is the catalogue's own title of a column or a
   listed synonym.
2. **By its words**: a heading fits a column when one of its words *names* the
   column and every other word names it too, *describes* it (its qualifiers) or is
   a filler word (``of``, ``the``...); numbers (``1. Date``) are passed over. Plurals
   count as their singular. When exactly
   one column fits, that is the column (``Action taken / decision``: action;
   ``Event ref no.``: reference, since ``event`` only describes a reference).
3. **Not guessed**: when several columns fit, or the words name different columns
   (``Outcome / action taken``), or a word is not known at all (``Date of birth``),
   the heading is not matched, and the author says where the column goes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from imr_tui.core.catalogue import load_data_file
from imr_tui.core.data_files import COLUMNS_FILE, refuse_newer

COLUMNS_SCHEMA_VERSION = 1
EXACT = "exact heading"
"""How a column was matched: its whole heading is known."""
BY_WORDS = "by its words"
"""How a column was matched: its heading is made of the words of one column."""
CHOSEN = "as chosen"
"""How a column was matched: the author said where it goes (``--map`` or asked)."""

_Heading = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_FIELD_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normalise(heading: str) -> str:
    """A heading as compared: lower case words only (``Date_of contact:``: ``date of contact``)."""
    text = unicodedata.normalize("NFKC", heading).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def unbracketed(heading: str) -> str:
    """A heading without its parts in brackets, normalised."""
    return normalise(_BRACKETS.sub(" ", heading))


def stem(word: str) -> str:
    """A word as matched: a plural as its singular (``entries``: ``entry``, ``notes``: ``note``)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class ColumnWords(BaseModel):
    """The words a heading for one column is made of."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    names: list[_Heading] = Field(min_length=1)
    """Words that name the column (``outcome``, ``impact``): a heading needs one of them."""
    qualifiers: list[_Heading] = []
    """Words that may describe it (``taken`` in ``Action taken``) but do not name it."""


class ColumnsFile(BaseModel):
    """The layout of ``columns.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = COLUMNS_SCHEMA_VERSION
    """Version of this file's layout."""
    synonyms: dict[str, list[_Heading]]
    """Chronology field (``date``, ``time``, ``source`` or a column id) to its headings."""
    words: dict[str, ColumnWords] = {}
    """Chronology field to the words its headings are made of (none: whole headings only)."""
    filler: list[_Heading] = []
    """Words that say nothing about the column (``of``, ``the``, ``and``)."""

    @model_validator(mode="after")
    def _check(self) -> ColumnsFile:
        refuse_newer(self.schema_version, COLUMNS_SCHEMA_VERSION)
        seen: dict[str, str] = {}
        for key, fid in [("synonyms", f) for f in self.synonyms] + [
            ("words", f) for f in self.words
        ]:
            if not _FIELD_ID.match(fid):
                raise ValueError(
                    f"{key}: '{fid}' is not a field: use date, time, source or the id "
                    "of a chronology column (lower case)"
                )
        for fid, headings in self.synonyms.items():
            for heading in headings:
                norm = normalise(heading)
                if not norm:
                    raise ValueError(f"synonyms.{fid}: '{heading}' has no letters or digits")
                if seen.get(norm, fid) != fid:
                    raise ValueError(
                        f"synonyms.{fid}: '{heading}' is also listed under {seen[norm]}"
                    )
                seen[norm] = fid
        filler = {stem(w) for w in self._single_words("filler", self.filler)}
        for fid, words in self.words.items():
            for part in ("names", "qualifiers"):
                for word in self._single_words(f"words.{fid}.{part}", getattr(words, part)):
                    if stem(word) in filler:
                        raise ValueError(f"words.{fid}.{part}: '{word}' is also a filler word")
        return self

    @staticmethod
    def _single_words(key: str, words: list[str]) -> list[str]:
        out = []
        for word in words:
            norm = normalise(word)
            if len(norm.split()) != 1:
                raise ValueError(f"{key}: '{word}' is not one word")
            out.append(norm)
        return out


@dataclass(frozen=True)
class Synonyms:
    """Known headings and words, as read from ``columns.toml``."""

    by_heading: dict[str, str]
    """``date of contact`` to ``date``, and so on."""
    names: dict[str, frozenset[str]] = field(default_factory=dict)
    """A word (as :func:`stem` gives it) to the fields it names."""
    qualifiers: dict[str, frozenset[str]] = field(default_factory=dict)
    """A word to the fields it may describe."""
    filler: frozenset[str] = frozenset()
    """Words that say nothing about the column."""


def load_synonyms(path: Path | None = None) -> Synonyms:
    """Load and validate ``columns.toml`` (a folder is taken to hold it).

    Errors name the file and the key: ``prompts/columns.toml: synonyms.time: 'when'
    is also listed under date``.
    """
    parsed = load_data_file(path, COLUMNS_FILE, ColumnsFile, "list of column headings")
    names: dict[str, set[str]] = {}
    qualifiers: dict[str, set[str]] = {}
    for fid, words in parsed.words.items():
        for word in words.names:
            names.setdefault(stem(normalise(word)), set()).add(fid)
        for word in words.qualifiers:
            qualifiers.setdefault(stem(normalise(word)), set()).add(fid)
    return Synonyms(
        {normalise(h): fid for fid, headings in parsed.synonyms.items() for h in headings},
        {w: frozenset(f) for w, f in names.items()},
        {w: frozenset(f) for w, f in qualifiers.items()},
        frozenset(stem(normalise(w)) for w in parsed.filler),
    )


@dataclass(frozen=True)
class HeadingMatch:
    """What a heading names, and how sure that is."""

    field: str
    """The chronology field, or ``""`` when the heading is not matched."""
    how: str = ""
    """:data:`EXACT` or :data:`BY_WORDS`; ``""`` when not matched."""
    could_be: tuple[str, ...] = ()
    """When not matched because its words fit or name several fields: those fields."""


def _by_words(text: str, fields: list[str], synonyms: Synonyms) -> HeadingMatch | None:
    words = [
        w for w in (stem(t) for t in text.split()) if w not in synonyms.filler and not w.isdigit()
    ]
    if not words:
        return None
    allowed = set(fields)

    def named(word: str) -> set[str]:
        return set(synonyms.names.get(word, ())) & allowed

    def fits(word: str) -> set[str]:
        return named(word) | (set(synonyms.qualifiers.get(word, ())) & allowed)

    if any(not fits(w) for w in words):
        return None
    candidates = set.intersection(*(fits(w) for w in words))
    candidates &= set().union(*(named(w) for w in words))
    if len(candidates) == 1:
        return HeadingMatch(candidates.pop(), BY_WORDS)
    mentioned = candidates or set().union(*(named(w) for w in words))
    if not mentioned:
        return None
    return HeadingMatch("", "", tuple(f for f in fields if f in mentioned))


def match_heading(
    heading: str, known: dict[str, str], fields: list[str], synonyms: Synonyms
) -> HeadingMatch:
    """The field ``heading`` names: by the whole heading (``known``), else by its words.

    ``known`` maps normalised headings to fields; ``fields`` are the fields a column can
    fill, in chronology order (words of other fields are not known here).
    """
    for text in (normalise(heading), unbracketed(heading)):
        if text in known:
            return HeadingMatch(known[text], EXACT)
    unsure: HeadingMatch | None = None
    for text in dict.fromkeys((normalise(heading), unbracketed(heading))):
        found = _by_words(text, fields, synonyms)
        if found is not None and found.field:
            return found
        unsure = unsure or found
    return unsure or HeadingMatch("")
