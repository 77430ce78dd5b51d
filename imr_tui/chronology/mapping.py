"""Which column of a spreadsheet goes into which column of the chronology.

Headings are matched by :mod:`imr_tui.chronology.headings` (the whole heading, else
its words). Whatever is not matched is listed, with why, so the author can say where
it goes; a column with text is never left out unless the author says so (or the
catalogue's ``[chronology] unmapped`` puts it into a column, labelled with its
heading).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from imr_tui.chronology.column_names import column_label, column_letter, column_name, map_key
from imr_tui.chronology.entry_rules import entry_fields
from imr_tui.chronology.headings import (
    BY_WORDS,
    CHOSEN,
    EXACT,
    ColumnsFile,
    Synonyms,
    load_synonyms,
    match_heading,
    normalise,
    unbracketed,
)
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import COLUMNS_FILE, path_for
from imr_tui.core.errors import UserError

__all__ = [
    "BY_WORDS",
    "CHOSEN",
    "COLUMNS_FILE",
    "EXACT",
    "ColumnsFile",
    "Synonyms",
    "column_label",
    "column_letter",
    "column_name",
    "load_synonyms",
    "map_key",
    "normalise",
]

FIXED_FIELDS = ("date", "time", "end_date", "end_time", "reference", "source")
"""The chronology's own fields; the catalogue's columns follow them."""
SINGLE_FIELDS = frozenset({"date", "time", "end_date", "end_time", "reference"})
"""Fields only one spreadsheet column can fill (text fields may join several)."""
SKIP = "skip"
"""What ``--map 'Heading=skip'`` says: leave the column out."""
LABELLED = "labelled"
"""What ``--map 'Heading=labelled'`` says: into the event column, labelled with its heading."""
FROM_CATALOGUE = "as the catalogue says"
"""How a column was placed: the catalogue's ``unmapped`` setting."""
LEFT_OUT = "left out as asked"
"""Why a column the author chose to leave out is not imported."""
NOT_KNOWN = "its heading is not one imr-tui knows"


def columns_path_for(prompts: Path | None) -> Path:
    """The ``columns.toml`` going with a catalogue given as ``--prompts`` (else the shipped one)."""
    return path_for(prompts, COLUMNS_FILE)


def field_choices(catalogue: Catalogue) -> list[tuple[str, str]]:
    """Every field a spreadsheet column can go into, as ``(id, title)``, in chronology order."""
    return [(f.id, f.title) for f in entry_fields(catalogue.chronology)]


def field_title(catalogue: Catalogue, field: str) -> str:
    """The title of a field, as the catalogue words it."""
    return dict(field_choices(catalogue)).get(field, field)


def labelled_field(catalogue: Catalogue) -> str:
    """The column a column's text goes into "labelled with its heading": the catalogue's
    ``unmapped`` column, else ``event``, else its first long column, else its first."""
    ch = catalogue.chronology
    ids = [c.id for c in ch.columns]
    if ch.unmapped in ids:
        return ch.unmapped
    if "event" in ids:
        return "event"
    return next((c.id for c in ch.columns if c.long), ids[0])


def resolve_field(catalogue: Catalogue, text: str) -> str:
    """The field named by an id or a title (``event``, ``Event / what happened``); ``""`` for
    skip; :data:`LABELLED` for "into the event column, labelled with its heading".

    Raises :class:`UserError` naming the choices when nothing matches.
    """
    key = normalise(text)
    if key in ("", SKIP):
        return ""
    if key == LABELLED:
        return LABELLED
    for fid, title in field_choices(catalogue):
        if key in (normalise(fid), normalise(title)):
            return fid
    choices = ", ".join(fid for fid, _ in field_choices(catalogue))
    raise UserError(
        f"'{text.strip()}' is not a column of the chronology: use one of {choices}, "
        f"{LABELLED} or {SKIP}"
    )


def _known(catalogue: Catalogue, synonyms: Synonyms) -> dict[str, str]:
    """Normalised heading to field: the catalogue's titles first, then the synonyms."""
    known: dict[str, str] = {}
    for fid, title in field_choices(catalogue):
        for key in (normalise(title), unbracketed(title), normalise(fid)):
            if key:
                known.setdefault(key, fid)
    fields = {fid for fid, _ in field_choices(catalogue)}
    for key, fid in synonyms.by_heading.items():
        if fid in fields:
            known.setdefault(key, fid)
    return known


def recognise(heading: str, catalogue: Catalogue, synonyms: Synonyms) -> str:
    """The field a heading names (``""`` if none): the whole heading, else its words."""
    fields = [f for f, _ in field_choices(catalogue)]
    return match_heading(heading, _known(catalogue, synonyms), fields, synonyms).field


@dataclass(frozen=True)
class ColumnMapping:
    """Where each column of the spreadsheet goes."""

    headers: tuple[str, ...]
    """The spreadsheet's headings, in order."""
    fields: tuple[str, ...]
    """For each column, the chronology field it fills, or ``""`` when it is not imported."""
    reasons: tuple[str, ...]
    """For each column not imported, why (plain words); ``""`` for imported columns."""
    how: tuple[str, ...] = ()
    """For each imported column, how sure: :data:`EXACT`, :data:`BY_WORDS`, :data:`CHOSEN`
    or :data:`FROM_CATALOGUE`; ``""`` for columns not imported."""
    labelled: frozenset[int] = frozenset()
    """Columns whose cells go in labelled with the heading (``Heading: text``)."""

    def columns(self, field: str) -> list[int]:
        """The columns that fill ``field``, in order."""
        return [i for i, f in enumerate(self.fields) if f == field]

    def is_labelled(self, index: int) -> bool:
        """Whether the column's cells go in labelled with its heading (``Heading: text``):
        when the mapping says so, or when an earlier column fills the same field, so that a
        reader can tell which column each part of the joined text came from (the first
        column's text is as it is)."""
        if index in self.labelled:
            return True
        field = self.fields[index] if index < len(self.fields) else ""
        plain = [i for i in self.columns(field) if i not in self.labelled] if field else []
        return bool(plain) and plain[0] != index

    @property
    def unmapped(self) -> list[int]:
        """The columns that are not imported."""
        return [i for i, f in enumerate(self.fields) if not f]

    @property
    def missing(self) -> list[str]:
        """Fields the import cannot do without and no column fills: ``["date"]`` or none."""
        return [] if "date" in self.fields else ["date"]

    def unplaced(self, filled: Collection[int]) -> list[int]:
        """Columns with text (``filled``) that are not imported and that the author has not
        chosen to leave out: an import must not go ahead while there are any."""
        return [i for i in self.unmapped if i in filled and self.reasons[i] != LEFT_OUT]

    def describe(self, catalogue: Catalogue) -> list[tuple[str, str]]:
        """Each column and where it goes, in words: ``('Notes' (column D), 'Event (exact
        heading)')``."""
        out = []
        for i, field in enumerate(self.fields):
            if not field:
                where = f"not imported: {self.reasons[i]}"
            else:
                where = field_title(catalogue, field)
                if self.is_labelled(i):
                    where += ", labelled with its heading"
                how = self.how[i] if i < len(self.how) else ""
                where += f" ({how})" if how else ""
            out.append((column_name(self.headers, i), where))
        return out


def unplaced_message(name: str, mapping: ColumnMapping, filled: Collection[int]) -> str:
    """Why an import cannot go ahead, naming each column with text that has no place and
    the ``--map`` that would place or skip it (one line)."""
    parts = []
    for i in mapping.unplaced(filled):
        key = map_key(mapping.headers, i)
        place, skip = (_quoted(f"{key}={what}") for what in ("COLUMN", SKIP))
        parts.append(
            f"{column_name(mapping.headers, i)} has text but no place in the chronology "
            f"({mapping.reasons[i]}): put it in a column with --map {place} or "
            f"leave it out with --map {skip}"
        )
    return f"{name}: nothing imported: " + "; ".join(parts)


def _quoted(argument: str) -> str:
    """An argument as typed at a shell: in single quotes (``'Case notes=skip'``)."""
    return shlex.quote(argument) if "'" in argument else f"'{argument}'"


def place_unmapped(
    mapping: ColumnMapping, catalogue: Catalogue, filled: Collection[int]
) -> ColumnMapping:
    """Where the catalogue says so (``[chronology] unmapped = "event"``), put each column
    with text that has no place into that column, labelled with its heading."""
    target = catalogue.chronology.unmapped
    todo = mapping.unplaced(filled)
    if target == "ask" or not todo:
        return mapping
    fields, reasons = list(mapping.fields), list(mapping.reasons)
    how = list(mapping.how or [""] * len(fields))
    for i in todo:
        fields[i], reasons[i], how[i] = target, "", FROM_CATALOGUE
    return ColumnMapping(
        mapping.headers, tuple(fields), tuple(reasons), tuple(how), mapping.labelled | set(todo)
    )


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
    title, to :data:`LABELLED` (into the event column, labelled with its heading), or to
    ``skip``/``""`` to leave it out. Only one column can fill the date, the time, the end
    date, the end time and the reference: a further column recognised as one of them is
    not imported, with why. Several columns may fill the source or a text column; their
    cells are joined, one per line, in column order. Raises :class:`UserError` for an
    override naming no column or no field, or giving the date (or time...) to two columns.
    """
    if synonyms is None:
        synonyms = load_synonyms()
    headers = tuple(headers)
    fields = [""] * len(headers)
    reasons = [""] * len(headers)
    how = [""] * len(headers)
    labelled: set[int] = set()
    decided: set[int] = set()
    for key, value in (overrides or {}).items():
        field = resolve_field(catalogue, value)
        if field == LABELLED:
            field = labelled_field(catalogue)
            labelled.update(_override_columns(headers, key))
        for i in _override_columns(headers, key):
            decided.add(i)
            fields[i], how[i] = field, CHOSEN if field else ""
            reasons[i] = "" if field else LEFT_OUT
    for field in SINGLE_FIELDS:
        taken = [i for i, f in enumerate(fields) if f == field]
        if len(taken) > 1:
            names = " and ".join(column_name(headers, i) for i in taken)
            title = field_title(catalogue, field).lower()
            raise UserError(f"{names} are both given to the {title}; only one column can be")
    known = _known(catalogue, synonyms)
    choices = [f for f, _ in field_choices(catalogue)]
    for i, heading in enumerate(headers):
        if i in decided:
            continue
        if not heading.strip():
            reasons[i] = "it has no heading"
            continue
        found = match_heading(heading, known, choices, synonyms)
        if not found.field:
            titles = [f"'{field_title(catalogue, f)}'" for f in found.could_be]
            reasons[i] = (
                NOT_KNOWN
                if not titles
                else f"its words do not clearly name {titles[0]}"
                if len(titles) == 1
                else f"its words could mean {' or '.join(titles)}: say which"
            )
        elif found.field in SINGLE_FIELDS and found.field in fields:
            other = column_name(headers, fields.index(found.field))
            title = field_title(catalogue, found.field).lower()
            reasons[i] = f"it looks like the {title} too, which comes from {other}"
        else:
            fields[i], how[i] = found.field, found.how
    return ColumnMapping(headers, tuple(fields), tuple(reasons), tuple(how), frozenset(labelled))
