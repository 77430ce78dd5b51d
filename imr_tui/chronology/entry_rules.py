"""The rules for a chronology entry typed into a form, in one place for every mode.

The Textual form and plain mode ask the same fields (:func:`entry_fields`), refuse
the same text with the same sentence (:func:`field_problems`), warn the same way
(:func:`entry_warnings`) and make the same entry of it (:func:`entry_from_fields`).
A form that cannot be finished (the app closing with it open) is kept by
:func:`salvage_entry`, which never drops a typed word. The lines that list entries
come from here too (:func:`entry_when`, :func:`entry_row`, :func:`entry_summary`).

No front end is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from imr_tui.core import dates
from imr_tui.core.catalogue import Chronology
from imr_tui.core.dates import DateError, FuzzyDate, from_stored, parse_fuzzy
from imr_tui.core.field_rules import (
    DATE_NEEDED,
    FormField,
    RecordError,
    RecordInput,
    date_message,
    keep_note,
    one_line,
    outside_period,
    period_span,
)
from imr_tui.core.model import ChronologyEntry, ReviewPeriod

FIXED = ("date", "time", "source")
"""The fields every entry has; the catalogue's columns follow them."""
SOURCE_NEEDED = "Say which record this entry comes from."
"""Why an entry without a source is refused."""
TIME_FORMAT = "14:30, optional"
"""How to write a time, in a few words."""
TIME_PROBLEM = "'{text}' is not a time (write it as 14:30, or leave it empty)"
"""Why a time that cannot be read is refused; ``text`` is what was typed."""
OUTSIDE_PERIOD = "This date is outside the review period ({span}). You can still save it."
"""The warning for a date outside the review period; ``span`` is the period in words."""


def entry_fields(chronology: Chronology) -> list[FormField]:
    """The fields of an entry's form, in order: date, time, source, then the columns."""
    ch = chronology
    return [
        FormField("date", ch.date_title, ch.date_hint, required=DATE_NEEDED),
        FormField("time", ch.time_title, format=TIME_FORMAT),
        FormField("source", ch.source_title, ch.source_hint, required=SOURCE_NEEDED),
        *(FormField(c.id, c.title, c.hint, long=c.long) for c in ch.columns),
    ]


def entry_date(entry: ChronologyEntry) -> str:
    """The entry's date as the author writes it: ``11/03/2025``, ``?03/2025``; or ``""``."""
    return from_stored(entry.date, entry.approximate).display() if entry.date else ""


def entry_when(entry: ChronologyEntry) -> str:
    """Its date and time for a list: ``11/03/2025 09:05``."""
    return f"{entry_date(entry)} {entry.time}".strip()


def entry_values(chronology: Chronology, entry: ChronologyEntry | None) -> dict[str, str]:
    """The text of each field of the form for ``entry`` (empty for a new one)."""
    e = entry or ChronologyEntry()
    values = {"date": entry_date(e), "time": e.time, "source": e.source}
    values.update({c.id: e.cells.get(c.id, "") for c in chronology.columns})
    return values


def parse_time(text: str) -> str:
    """``9:05``, ``0905``, ``09.05`` or ``9:05 am`` as ``09:05``.

    Raises :class:`~imr_tui.core.dates.DateError` with :data:`TIME_PROBLEM` if it is
    not a time of day. Times are read as an imported spreadsheet's are.
    """
    try:
        return dates.parse_time(text)
    except DateError:
        raise DateError(TIME_PROBLEM.format(text=text.strip())) from None


def field_problem(field_id: str, text: str) -> str:
    """Why ``text`` cannot be the field's value, in one sentence, or ``""``."""
    if field_id == "date":
        if not text.strip():
            return DATE_NEEDED
        try:
            parse_fuzzy(text)
        except DateError as e:
            return date_message(e)
    elif field_id == "time" and text.strip():
        try:
            parse_time(text)
        except DateError as e:
            return str(e)
    elif field_id == "source" and not text.strip():
        return SOURCE_NEEDED
    return ""


def field_problems(values: Mapping[str, str]) -> dict[str, str]:
    """Why each refused field is refused, keyed by field id; empty if none is."""
    problems = {k: field_problem(k, values.get(k, "")) for k in FIXED}
    return {k: v for k, v in problems.items() if v}


def date_warning(date_text: str, period: ReviewPeriod) -> str:
    """The warning for a date outside the review period, or ``""`` (also if unreadable)."""
    try:
        fd = parse_fuzzy(date_text) if date_text.strip() else None
    except DateError:
        return ""
    if fd is None or not outside_period(period, fd.earliest, fd.latest):
        return ""
    return OUTSIDE_PERIOD.format(span=period_span(period))


def entry_warnings(values: Mapping[str, str], period: ReviewPeriod) -> list[str]:
    """What the author should know before saving, which does not stop it."""
    warning = date_warning(values.get("date", ""), period)
    return [warning] if warning else []


def _cells(values: Mapping[str, str]) -> dict[str, str]:
    return {k: v.strip() for k, v in values.items() if k not in FIXED and v.strip()}


def _entry(
    fd: FuzzyDate | None, time: str, values: Mapping[str, str], cells: dict[str, str], entry_id: str
) -> ChronologyEntry:
    kwargs = {"id": entry_id} if entry_id else {}
    return ChronologyEntry(
        date=fd.iso if fd else "",
        approximate=fd.approximate if fd else False,
        time=time,
        source=values.get("source", "").strip(),
        cells=cells,
        **kwargs,
    )


def entry_from_fields(values: Mapping[str, str], entry_id: str = "") -> ChronologyEntry:
    """The entry a finished form makes; :class:`RecordError` if any field is refused.

    ``entry_id`` is the entry edited (a new id when empty).
    """
    problems = field_problems(values)
    if problems:
        raise RecordError(problems)
    time = values.get("time", "")
    return _entry(
        parse_fuzzy(values["date"]),
        parse_time(time) if time.strip() else "",
        values,
        _cells(values),
        entry_id,
    )


def read_entry(
    values: Mapping[str, str], period: ReviewPeriod, entry_id: str = ""
) -> RecordInput[ChronologyEntry]:
    """The entry, problems and warnings a form's text makes."""
    problems = field_problems(values)
    record = None if problems else entry_from_fields(values, entry_id)
    return RecordInput(record, problems, entry_warnings(values, period))


def salvage_entry(values: Mapping[str, str], entry_id: str = "") -> ChronologyEntry:
    """An entry from an unfinished form: nothing typed is dropped.

    A date or time that cannot be read is left empty and what was typed is kept
    in the event column (or the first column), marked, so the author can put it right.
    """
    notes = []
    date_text, time_text = values.get("date", "").strip(), values.get("time", "").strip()
    try:
        fd = parse_fuzzy(date_text) if date_text else None
    except DateError:
        fd = None
        notes.append(f"(date as typed: {date_text})")
    try:
        time = parse_time(time_text) if time_text else ""
    except DateError:
        time = ""
        notes.append(f"(time as typed: {time_text})")
    cells = _cells(values)
    if notes:
        columns = [k for k in values if k not in FIXED]
        key = "event" if "event" in values else next(iter(columns), "event")
        cells[key] = keep_note(" ".join(notes), cells.get(key, ""))
    return _entry(fd, time, values, cells, entry_id)


def entry_row(chronology: Chronology, entry: ChronologyEntry) -> list[str]:
    """The cells of its row in the chronology table: when, source, the table's columns."""
    cols = [c for c in chronology.columns if c.in_table]
    return [entry_when(entry), entry.source, *[entry.cells.get(c.id, "") for c in cols]]


def entry_summary(chronology: Chronology, entry: ChronologyEntry) -> str:
    """One line for a list: ``12/03/2024 09:05 | Ward notes | Amy Hart``."""
    first = next((c for c in chronology.columns if c.in_table), None)
    parts = [entry_when(entry), entry.source]
    if first is not None and entry.cells.get(first.id):
        parts.append(one_line(entry.cells[first.id]))
    return " | ".join(p for p in parts if p)


def entry_details(chronology: Chronology, entry: ChronologyEntry) -> list[tuple[str, str]]:
    """Every field the entry has, as ``(title, text)``, in the form's order."""
    values = entry_values(chronology, entry)
    return [(f.title, values[f.id]) for f in entry_fields(chronology) if values[f.id]]
