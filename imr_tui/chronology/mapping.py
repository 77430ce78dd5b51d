"""Which column of a spreadsheet goes into which column of the chronology.

Headings are matched whole (ignoring capitals, spacing, punctuation and, failing
that, a part in brackets) against the catalogue's own column titles and the
synonyms in ``prompts/columns.toml``. Whatever is not recognised is listed, with
why, so the author can say where it goes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from imr_tui.chronology.entry_rules import entry_fields
from imr_tui.core.catalogue import Catalogue, load_data_file
from imr_tui.core.data_files import COLUMNS_FILE as COLUMNS_FILE
from imr_tui.core.data_files import path_for, refuse_newer
from imr_tui.core.errors import UserError

COLUMNS_SCHEMA_VERSION = 1
FIXED_FIELDS = ("date", "time", "end_date", "end_time", "reference", "source")
"""The chronology's own fields; the catalogue's columns follow them."""
SINGLE_FIELDS = frozenset({"date", "time", "end_date", "end_time"})
"""Fields only one spreadsheet column can fill (text fields may join several)."""
SKIP = "skip"
"""What ``--map 'Heading=skip'`` says: leave the column out."""

_Heading = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_FIELD_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normalise(heading: str) -> str:
    """A heading as compared: lower case words only (``Date_of contact:``: ``date of contact``)."""
    text = unicodedata.normalize("NFKC", heading).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _unbracketed(heading: str) -> str:
    return normalise(_BRACKETS.sub(" ", heading))


class ColumnsFile(BaseModel):
    """The layout of ``columns.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = COLUMNS_SCHEMA_VERSION
    """Version of this file's layout."""
    synonyms: dict[str, list[_Heading]]
    """Chronology field (``date``, ``time``, ``source`` or a column id) to its headings."""

    @model_validator(mode="after")
    def _check(self) -> ColumnsFile:
        refuse_newer(self.schema_version, COLUMNS_SCHEMA_VERSION)
        seen: dict[str, str] = {}
        for field, headings in self.synonyms.items():
            if not _FIELD_ID.match(field):
                raise ValueError(
                    f"synonyms: '{field}' is not a field: use date, time, source or the id "
                    "of a chronology column (lower case)"
                )
            for heading in headings:
                key = normalise(heading)
                if not key:
                    raise ValueError(f"synonyms.{field}: '{heading}' has no letters or digits")
                if seen.get(key, field) != field:
                    raise ValueError(
                        f"synonyms.{field}: '{heading}' is also listed under {seen[key]}"
                    )
                seen[key] = field
        return self


@dataclass(frozen=True)
class Synonyms:
    """Known headings: normalised heading to chronology field."""

    by_heading: dict[str, str]
    """``date of contact`` to ``date``, and so on."""


def load_synonyms(path: Path | None = None) -> Synonyms:
    """Load and validate ``columns.toml`` (a folder is taken to hold it).

    Errors name the file and the key: ``prompts/columns.toml: synonyms.time: 'when'
    is also listed under date``.
    """
    parsed = load_data_file(path, COLUMNS_FILE, ColumnsFile, "list of column headings")
    return Synonyms(
        {normalise(h): field for field, headings in parsed.synonyms.items() for h in headings}
    )


def columns_path_for(prompts: Path | None) -> Path:
    """The ``columns.toml`` going with a catalogue given as ``--prompts`` (else the shipped one)."""
    return path_for(prompts, COLUMNS_FILE)


def field_choices(catalogue: Catalogue) -> list[tuple[str, str]]:
    """Every field a spreadsheet column can go into, as ``(id, title)``, in chronology order."""
    return [(f.id, f.title) for f in entry_fields(catalogue.chronology)]


def field_title(catalogue: Catalogue, field: str) -> str:
    """The title of a field, as the catalogue words it."""
    return dict(field_choices(catalogue)).get(field, field)


def resolve_field(catalogue: Catalogue, text: str) -> str:
    """The field named by an id or a title (``event``, ``Event / what happened``); ``""`` for skip.

    Raises :class:`UserError` naming the choices when nothing matches.
    """
    key = normalise(text)
    if key in ("", SKIP):
        return ""
    for fid, title in field_choices(catalogue):
        if key in (normalise(fid), normalise(title)):
            return fid
    choices = ", ".join(fid for fid, _ in field_choices(catalogue))
    raise UserError(
        f"'{text.strip()}' is not a column of the chronology: use one of {choices}, or {SKIP}"
    )


def column_letter(index: int) -> str:
    """The spreadsheet's name for a column: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_name(headers: Sequence[str], index: int) -> str:
    """A column in plain words: ``'Notes' (column D)`` or ``column D (no heading)``."""
    heading = headers[index].strip() if index < len(headers) else ""
    letter = column_letter(index)
    return f"'{heading}' (column {letter})" if heading else f"column {letter} (no heading)"


def _known(catalogue: Catalogue, synonyms: Synonyms) -> dict[str, str]:
    """Normalised heading to field: the catalogue's titles first, then the synonyms."""
    known: dict[str, str] = {}
    for fid, title in field_choices(catalogue):
        for key in (normalise(title), _unbracketed(title), normalise(fid)):
            if key:
                known.setdefault(key, fid)
    fields = {fid for fid, _ in field_choices(catalogue)}
    for key, fid in synonyms.by_heading.items():
        if fid in fields:
            known.setdefault(key, fid)
    return known


def recognise(heading: str, catalogue: Catalogue, synonyms: Synonyms) -> str:
    """The field a heading names (``""`` if none): whole heading, then without brackets."""
    known = _known(catalogue, synonyms)
    return known.get(normalise(heading)) or known.get(_unbracketed(heading), "")


@dataclass(frozen=True)
class ColumnMapping:
    """Where each column of the spreadsheet goes."""

    headers: tuple[str, ...]
    """The spreadsheet's headings, in order."""
    fields: tuple[str, ...]
    """For each column, the chronology field it fills, or ``""`` when it is not imported."""
    reasons: tuple[str, ...]
    """For each column not imported, why (plain words); ``""`` for imported columns."""

    def columns(self, field: str) -> list[int]:
        """The columns that fill ``field``, in order."""
        return [i for i, f in enumerate(self.fields) if f == field]

    @property
    def unmapped(self) -> list[int]:
        """The columns that are not imported."""
        return [i for i, f in enumerate(self.fields) if not f]

    @property
    def missing(self) -> list[str]:
        """Fields the import cannot do without and no column fills: ``["date"]`` or none."""
        return [] if "date" in self.fields else ["date"]

    def describe(self, catalogue: Catalogue) -> list[tuple[str, str]]:
        """Each column and where it goes, in words: ``('Notes' (column D), 'Event')``."""
        out = []
        for i, field in enumerate(self.fields):
            where = field_title(catalogue, field) if field else f"not imported: {self.reasons[i]}"
            out.append((column_name(self.headers, i), where))
        return out


def _override_columns(headers: Sequence[str], key: str | int) -> list[int]:
    if isinstance(key, int):
        if not 0 <= key < len(headers):
            raise UserError(f"there is no column {key + 1}: the file has {len(headers)} columns")
        return [key]
    wanted = normalise(key)
    found = [i for i, h in enumerate(headers) if wanted and normalise(h) == wanted]
    if found:
        return found
    m = re.fullmatch(r"column\s+([a-z]{1,3})", wanted)
    if m:
        found = [i for i in range(len(headers)) if column_letter(i).lower() == m[1]]
        if found:
            return found
    listed = ", ".join(f"'{h.strip()}'" for h in headers if h.strip()) or "none"
    raise UserError(f"there is no column headed '{key}' (the headings are: {listed})")


def map_columns(
    headers: Sequence[str],
    catalogue: Catalogue,
    overrides: Mapping[str | int, str] | None = None,
    synonyms: Synonyms | None = None,
) -> ColumnMapping:
    """Decide where each column goes: the author's ``overrides`` first, then known headings.

    ``overrides`` maps a heading (or a column's index, or ``column D``) to a field id or
    title, or to ``skip``/``""`` to leave it out. Only one column can fill the date and
    one the time: a further column recognised as either is left out, with why. Several
    columns may fill the source or a text column; their cells are joined, one per line,
    in column order. Raises :class:`UserError` for an override naming no column or no
    field, or giving the date (or time) to two columns.
    """
    if synonyms is None:
        synonyms = load_synonyms()
    headers = tuple(headers)
    fields = [""] * len(headers)
    reasons = [""] * len(headers)
    decided: set[int] = set()
    for key, value in (overrides or {}).items():
        field = resolve_field(catalogue, value)
        for i in _override_columns(headers, key):
            decided.add(i)
            fields[i] = field
            reasons[i] = "" if field else "left out as asked"
    for field in SINGLE_FIELDS:
        taken = [i for i, f in enumerate(fields) if f == field]
        if len(taken) > 1:
            names = " and ".join(column_name(headers, i) for i in taken)
            title = field_title(catalogue, field).lower()
            raise UserError(f"{names} are both given to the {title}; only one column can be")
    for i, heading in enumerate(headers):
        if i in decided:
            continue
        if not heading.strip():
            reasons[i] = "it has no heading"
            continue
        field = recognise(heading, catalogue, synonyms)
        if not field:
            reasons[i] = "its heading is not one imr-tui knows"
        elif field in SINGLE_FIELDS and field in fields:
            other = column_name(headers, fields.index(field))
            title = field_title(catalogue, field).lower()
            reasons[i] = f"it looks like the {title} too, which comes from {other}"
        else:
            fields[i] = field
    return ColumnMapping(headers, tuple(fields), tuple(reasons))
