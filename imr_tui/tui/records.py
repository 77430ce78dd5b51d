"""Chronology entries and recommendations: tables, forms, and forms into records."""

from __future__ import annotations

import re

from imr_tui.core.dates import DateError, FuzzyDate, parse_fuzzy, parse_optional_date, uk
from imr_tui.core.model import ChronologyEntry, Recommendation
from imr_tui.core.session import Session
from imr_tui.tui.screens.form import Checker, FieldSpec, FormScreen
from imr_tui.tui.widgets.record_table import RecordTable

TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")
WHEN_WIDTH = 17
TIME_ERROR = "Write the time as 14:30 (or leave it empty)."


def _entry_when(e: ChronologyEntry) -> str:
    shown = FuzzyDate(e.date, e.approximate).display() if e.date else ""
    return f"{shown} {e.time}".strip()


def chronology_rows(session: Session) -> list[tuple[str, list[str]]]:
    """Rows for the chronology table in date and time order."""
    cols = [c for c in session.catalogue.chronology.columns if c.in_table]
    return [
        (e.id, [_entry_when(e), e.source, *[e.cells.get(c.id, "") for c in cols]])
        for e in session.review.sorted_chronology()
    ]


def chronology_table(session: Session) -> RecordTable:
    """The chronology as a table fitted to the screen."""
    ch = session.catalogue.chronology
    columns = [(f"{ch.date_title} / {ch.time_title}", WHEN_WIDTH), (ch.source_title, -1)]
    columns += [(c.title, -2) for c in ch.columns if c.in_table]
    return RecordTable(
        columns,
        chronology_rows(session),
        note="",
        empty=ch.no_contact_guidance,
        allow_import=True,
    )


def parse_time(text: str) -> str:
    """``9:05``, ``0905`` or ``09.05`` as ``09:05``; raises ValueError if not a time."""
    m = TIME.match(text.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ValueError(TIME_ERROR)
    return f"{int(m[1]):02d}:{m[2]}"


def chronology_form(session: Session, entry: ChronologyEntry | None) -> FormScreen:
    """The form for adding or editing a chronology entry."""
    ch = session.catalogue.chronology
    period = session.review.review_period
    e = entry or ChronologyEntry()
    date_text = _entry_when(e).removesuffix(e.time).strip() if e.date else ""
    fields = [
        FieldSpec(
            "date", ch.date_title, ch.date_hint, value=date_text, required="A date is needed."
        ),
        FieldSpec("time", ch.time_title, "14:30 (optional)", value=e.time),
        FieldSpec(
            "source",
            ch.source_title,
            ch.source_hint,
            value=e.source,
            required="Say which record this entry comes from.",
        ),
    ]
    fields += [
        FieldSpec(c.id, c.title, c.hint, "long" if c.long else "text", e.cells.get(c.id, ""))
        for c in ch.columns
    ]

    def check(values: dict[str, str]) -> tuple[dict[str, str], str]:
        errors: dict[str, str] = {}
        warning = ""
        if values["date"].strip():
            try:
                fd = parse_fuzzy(values["date"])
            except DateError as err:
                errors["date"] = str(err)[0].upper() + str(err)[1:]
            else:
                if (period.start or period.end) and not period.contains(fd.earliest, fd.latest):
                    warning = (
                        f"This date is outside the review period ({uk(period.start) or '?'} to "
                        f"{uk(period.end) or '?'}). You can still save it."
                    )
        if values["time"].strip():
            try:
                parse_time(values["time"])
            except ValueError as err:
                errors["time"] = str(err)
        return errors, warning

    title = "New chronology entry" if entry is None else "Edit chronology entry"
    entry_id = entry.id if entry else None
    return FormScreen(
        title, fields, check, lambda values: session.put_entry(salvage_entry(values, entry_id))
    )


def entry_from_form(values: dict[str, str], entry_id: str | None) -> ChronologyEntry:
    """Turn a saved form into a chronology entry."""
    fd = parse_fuzzy(values["date"])
    time = parse_time(values["time"]) if values["time"].strip() else ""
    cells = {
        k: v.strip() for k, v in values.items() if k not in ("date", "time", "source") and v.strip()
    }
    kwargs = {"id": entry_id} if entry_id else {}
    return ChronologyEntry(
        date=fd.iso,
        approximate=fd.approximate,
        time=time,
        source=values["source"].strip(),
        cells=cells,
        **kwargs,
    )


def recommendation_rows(session: Session) -> list[tuple[str, list[str]]]:
    """Rows for the recommendations table, numbered."""
    return [
        (r.id, [str(i), r.recommendation, r.lead, uk(r.target_date)])
        for i, r in enumerate(session.review.recommendations, 1)
    ]


def recommendations_note(session: Session) -> str:
    """The gentle warning when there are more recommendations than advised."""
    rc = session.catalogue.recommendations
    n = len(session.review.recommendations)
    if n <= rc.max_advised:
        return ""
    return (
        f"There are {n} recommendations. Recommendations should be few in number "
        f"(usually no more than {rc.max_advised}), focused and specific."
    )


def recommendations_table(session: Session) -> RecordTable:
    """The recommendations as a numbered table."""
    rc = session.catalogue.recommendations
    columns = [
        ("No.", 3),
        (rc.title("recommendation"), -3),
        (rc.title("lead"), -1),
        (rc.title("target_date"), 11),
    ]
    return RecordTable(
        columns,
        recommendation_rows(session),
        note=recommendations_note(session),
        allow_move=True,
        allow_duplicate=False,
    )


def recommendation_form(session: Session, rec: Recommendation | None) -> FormScreen:
    """The form for adding or editing a recommendation."""
    rc = session.catalogue.recommendations
    r = rec or Recommendation()
    long = {"recommendation", "actions", "evidence"}
    fields = []
    for f in rc.fields:
        value = uk(r.target_date) if f.id == "target_date" else str(getattr(r, f.id))
        required = "Write the recommendation." if f.id == "recommendation" else ""
        kind = "long" if f.id in long else "text"
        fields.append(FieldSpec(f.id, f.title, f.hint, kind, value, required))  # type: ignore[arg-type]

    def check(values: dict[str, str]) -> tuple[dict[str, str], str]:
        try:
            parse_optional_date(values["target_date"])
        except DateError as err:
            return {"target_date": str(err)[0].upper() + str(err)[1:]}, ""
        return {}, ""

    checker: Checker = check
    title = "New recommendation" if rec is None else "Edit recommendation"
    rec_id = rec.id if rec else None
    return FormScreen(
        title,
        fields,
        checker,
        lambda values: session.put_recommendation(salvage_recommendation(values, rec_id)),
    )


def recommendation_from_form(values: dict[str, str], rec_id: str | None) -> Recommendation:
    """Turn a saved form into a recommendation."""
    kwargs = {"id": rec_id} if rec_id else {}
    return Recommendation(
        recommendation=values["recommendation"].strip(),
        actions=values["actions"].strip(),
        lead=values["lead"].strip(),
        target_date=parse_optional_date(values["target_date"]),
        resources=values["resources"].strip(),
        evidence=values["evidence"].strip(),
        **kwargs,
    )


def _keep(note: str, text: str) -> str:
    return f"{text}\n{note}".strip()


def salvage_entry(values: dict[str, str], entry_id: str | None) -> ChronologyEntry:
    """A chronology entry from an unfinished form: nothing typed is dropped.

    A date or time that cannot be read is left empty and what was typed is kept
    in the event column, marked, so the author can put it right.
    """
    values = dict(values)
    notes = []
    try:
        fd = parse_fuzzy(values["date"]) if values["date"].strip() else None
    except DateError:
        fd = None
        notes.append(f"(date as typed: {values['date'].strip()})")
    try:
        time = parse_time(values["time"]) if values["time"].strip() else ""
    except ValueError:
        time = ""
        notes.append(f"(time as typed: {values['time'].strip()})")
    cells = {k: v for k, v in values.items() if k not in ("date", "time", "source") and v.strip()}
    if notes:
        key = "event" if "event" in values else next(iter(cells), "event")
        cells[key] = _keep(" ".join(notes), cells.get(key, ""))
    kwargs = {"id": entry_id} if entry_id else {}
    return ChronologyEntry(
        date=fd.iso if fd else "",
        approximate=fd.approximate if fd else False,
        time=time,
        source=values["source"].strip(),
        cells=cells,
        **kwargs,
    )


def salvage_recommendation(values: dict[str, str], rec_id: str | None) -> Recommendation:
    """A recommendation from an unfinished form; an unreadable target date is kept as text."""
    values = dict(values)
    try:
        parse_optional_date(values["target_date"])
    except DateError:
        note = f"(target date as typed: {values['target_date'].strip()})"
        values["actions"] = _keep(note, values["actions"])
        values["target_date"] = ""
    return recommendation_from_form(values, rec_id)
