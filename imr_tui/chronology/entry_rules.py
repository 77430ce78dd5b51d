"""The rules for a chronology entry typed into a form, in one place for every mode.

The Textual form and plain mode ask the same fields (:func:`entry_fields`), refuse
the same text with the same sentence (:func:`field_problems`), warn the same way
(:func:`entry_warnings`) and make the same entry of it (:func:`entry_from_fields`).
A form that cannot be finished (the app closing with it open) is kept by
:func:`salvage_entry`, which never drops a typed word. The lines that list entries
come from here too (:func:`entry_when`, :func:`entry_row`, :func:`entry_summary`).
What an entry's date means, how it is shown, when two entries are the same and
whether it is inside the review period are the entry's own rules
(:class:`~imr_tui.core.model.ChronologyEntry`); this module only reads forms.

No front end is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from imr_tui.core import dates
from imr_tui.core.catalogue import Chronology
from imr_tui.core.dates import DateError, FuzzyDate, parse_fuzzy
from imr_tui.core.field_rules import (
    DATE_NEEDED,
    FormField,
    RecordError,
    RecordInput,
    date_message,
    keep_note,
    one_line,
)
from imr_tui.core.model import ChronologyEntry, ReviewPeriod, end_problem

FIXED = ("date", "time", "end_date", "end_time", "reference", "source")
"""The fields every entry has; the catalogue's columns follow them."""
DATES = ("date", "end_date")
"""The fields holding a date."""
TIMES = ("time", "end_time")
"""The fields holding a time of day."""
END_DATE_TITLE = "End date"
"""The label of the end of a period."""
END_DATE_FORMAT = "for an event that lasted, optional"
"""What the end date is for, in a few words."""
END_TIME_TITLE = "End time"
"""The label of the time a period ended."""
REFERENCE_TITLE = "Reference"
"""The label of the agency's own record number."""
REFERENCE_FORMAT = "the record's own number, optional"
"""What the reference is, in a few words."""
END_TIME_ALONE = "An end time needs an end date."
"""Why an end time without an end date is refused."""
SOURCE_NEEDED = "Say which record this entry comes from."
"""Why an entry without a source is refused."""
TIME_FORMAT = "14:30, optional"
"""How to write a time, in a few words."""
TIME_PROBLEM = "'{text}' is not a time (write it as 14:30, or leave it empty)"
"""Why a time that cannot be read is refused; ``text`` is what was typed."""
CANNOT_MOVE = (
    "An entry moves only among the entries of its day, and not past one with another time."
)
"""Why an entry was not moved up or down."""
STILL_SAVE = "You can still save it."
"""Said after the warning for a date outside the review period."""


def entry_fields(chronology: Chronology) -> list[FormField]:
    """The fields of an entry's form, in order: :data:`FIXED`, then the columns."""
    ch = chronology
    return [
        FormField("date", ch.date_title, ch.date_hint, required=DATE_NEEDED),
        FormField("time", ch.time_title, format=TIME_FORMAT),
        FormField("end_date", END_DATE_TITLE, format=END_DATE_FORMAT),
        FormField("end_time", END_TIME_TITLE, format=TIME_FORMAT),
        FormField("reference", REFERENCE_TITLE, format=REFERENCE_FORMAT),
        FormField("source", ch.source_title, ch.source_hint, required=SOURCE_NEEDED),
        *(FormField(c.id, c.title, c.hint, long=c.long) for c in ch.columns),
    ]


def entry_date(entry: ChronologyEntry) -> str:
    """The entry's date as the author writes it: ``11/03/2025``, ``?03/2025``; or ``""``."""
    return entry.when.display() if entry.when else ""


def entry_when(entry: ChronologyEntry) -> str:
    """When, for a list: ``11/03/2025 09:05``, or a period ``11/03/2025 – 18/03/2025``."""
    return entry.shown_when()


def entry_values(chronology: Chronology, entry: ChronologyEntry | None) -> dict[str, str]:
    """The text of each field of the form for ``entry`` (empty for a new one)."""
    e = entry or ChronologyEntry()
    values = {
        "date": entry_date(e),
        "time": e.time,
        "end_date": e.until.display() if e.until else "",
        "end_time": e.end_time,
        "reference": e.reference,
        "source": e.source,
    }
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
    if field_id == "date" and not text.strip():
        return DATE_NEEDED
    if field_id in DATES and text.strip():
        try:
            parse_fuzzy(text)
        except DateError as e:
            return date_message(e)
    elif field_id in TIMES and text.strip():
        try:
            parse_time(text)
        except DateError as e:
            return str(e)
    elif field_id == "source" and not text.strip():
        return SOURCE_NEEDED
    return ""


def field_problems(values: Mapping[str, str]) -> dict[str, str]:
    """Why each refused field is refused, keyed by field id; empty if none is.

    An end before the start is the end's problem (:meth:`ChronologyEntry.end_problem`).
    """
    problems = {k: field_problem(k, values.get(k, "")) for k in FIXED}
    problems = {k: v for k, v in problems.items() if v}
    if values.get("end_time", "").strip() and not values.get("end_date", "").strip():
        problems.setdefault("end_date", END_TIME_ALONE)
    if not problems.keys() & {*DATES, *TIMES}:
        start, end = _fuzzy(values.get("date", "")), _fuzzy(values.get("end_date", ""))
        times = _time(values.get("time", "")), _time(values.get("end_time", ""))
        if problem := end_problem(start, times[0], end, times[1]):
            problems["end_date"] = problem
    return problems


def date_warning(date_text: str, period: ReviewPeriod, end_text: str = "") -> str:
    """The warning for a date (or period) outside the review period, or ``""`` (also if
    unreadable): :meth:`ChronologyEntry.outside` and :data:`STILL_SAVE`."""
    try:
        entry = _dated({"date": date_text, "end_date": end_text}, "")
    except ValueError:
        return ""
    outside = entry.outside(period)
    return f"{outside} {STILL_SAVE}" if outside else ""


def entry_warnings(values: Mapping[str, str], period: ReviewPeriod) -> list[str]:
    """What the author should know before saving, which does not stop it."""
    warning = date_warning(values.get("date", ""), period, values.get("end_date", ""))
    return [warning] if warning else []


def _cells(values: Mapping[str, str]) -> dict[str, str]:
    return {k: v.strip() for k, v in values.items() if k not in FIXED and v.strip()}


def _fuzzy(text: str) -> FuzzyDate | None:
    return parse_fuzzy(text) if text.strip() else None


def _time(text: str) -> str:
    return parse_time(text) if text.strip() else ""


def _dated(values: Mapping[str, str], entry_id: str) -> ChronologyEntry:
    """An entry of only the form's dates and times (raises if one cannot be read)."""
    return _entry(
        _fuzzy(values.get("date", "")),
        _time(values.get("time", "")),
        values,
        {},
        entry_id,
        _fuzzy(values.get("end_date", "")),
        _time(values.get("end_time", "")),
    )


def _entry(
    fd: FuzzyDate | None,
    time: str,
    values: Mapping[str, str],
    cells: dict[str, str],
    entry_id: str,
    end: FuzzyDate | None = None,
    end_time: str = "",
) -> ChronologyEntry:
    kwargs = {"id": entry_id} if entry_id else {}
    return ChronologyEntry(
        date=fd.iso if fd else "",
        approximate=fd.approximate if fd else False,
        time=time,
        end_date=end.iso if end else "",
        end_approximate=end.approximate if end else False,
        end_time=end_time if end else "",
        reference=values.get("reference", "").strip(),
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
    entry = _dated(values, entry_id)
    return entry.model_copy(update={"cells": _cells(values)})


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
    notes: list[str] = []
    read: dict[str, str] = {}
    for key, what in (("date", "date"), ("end_date", "end date")):
        text = values.get(key, "").strip()
        try:
            read[key] = text if _fuzzy(text) else ""
        except DateError:
            read[key] = ""
            notes.append(f"({what} as typed: {text})")
    for key, what in (("time", "time"), ("end_time", "end time")):
        text = values.get(key, "").strip()
        try:
            read[key] = _time(text)
        except DateError:
            read[key] = ""
            notes.append(f"({what} as typed: {text})")
    if read["end_time"] and not read["end_date"]:
        notes.append(f"(end time as typed: {values.get('end_time', '').strip()})")
    try:
        entry = _dated({**values, **read}, entry_id)
    except ValueError:  # the end is before the start: keep it as typed
        notes.append(f"(end as typed: {values.get('end_date', '').strip()} {read['end_time']})")
        entry = _dated({**values, **read, "end_date": "", "end_time": ""}, entry_id)
    cells = _cells(values)
    if notes:
        columns = [k for k in values if k not in FIXED]
        key = "event" if "event" in values else next(iter(columns), "event")
        cells[key] = keep_note(" ".join(notes).replace(" )", ")"), cells.get(key, ""))
    return entry.model_copy(update={"cells": cells})


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
