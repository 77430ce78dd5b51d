"""Chronology entries and recommendations on screen: their tables and forms.

Every rule (the fields, what is refused and why, the warnings, the record a form
makes) is the core's, shared with plain mode: :mod:`imr_tui.chronology.entry_rules`
and :mod:`imr_tui.core.recommendation_rules`. This module only lays them out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import overload

from imr_tui.chronology import entry_rules
from imr_tui.core import recommendation_rules as rec_rules
from imr_tui.core.catalogue import Chronology
from imr_tui.core.comment_places import on_record
from imr_tui.core.model import ChronologyEntry, Recommendation
from imr_tui.core.session import Session
from imr_tui.report.timeline import timeline_block
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.widgets.record_table import RecordTable
from imr_tui.tui.widgets.timeline_strip import TimelineStrip

WHEN_WIDTH = 17


class EntryRow(Sequence[str]):
    """An entry's cells in the chronology table, worked out when the row is first drawn
    (a long chronology's rows are mostly never drawn)."""

    def __init__(self, chronology: Chronology, entry: ChronologyEntry) -> None:
        self._chronology = chronology
        self._entry = entry
        self._cells: list[str] | None = None

    def _made(self) -> list[str]:
        if self._cells is None:
            self._cells = entry_rules.entry_row(self._chronology, self._entry)
        return self._cells

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._made()[index]

    def __len__(self) -> int:
        return len(self._made())


def chronology_rows(session: Session) -> list[tuple[str, Sequence[str]]]:
    """Rows for the chronology table in the order it is shown (date, time, the author's)."""
    ch = session.catalogue.chronology
    return [(e.id, EntryRow(ch, e)) for e in session.review.sorted_chronology()]


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
        allow_move=True,
        details=lambda rid: entry_details(session, rid),
        above=TimelineStrip(
            lambda: timeline_block(session.review, session.catalogue),
            lambda: len(session.review.chronology),
        ),
    )


def entry_details(session: Session, entry_id: str) -> list[tuple[str, str]]:
    """Every field of a chronology entry, for the pane under the table."""
    entry = next((e for e in session.review.chronology if e.id == entry_id), None)
    return entry_rules.entry_details(session.catalogue.chronology, entry) if entry else []


def recommendation_details(session: Session, rec_id: str) -> list[tuple[str, str]]:
    """Every field of a recommendation, for the pane under the table."""
    rec = next((r for r in session.review.recommendations if r.id == rec_id), None)
    return rec_rules.recommendation_details(session.catalogue.recommendations, rec) if rec else []


def comment_notes(session: Session, record_id: str) -> dict[str, str]:
    """The open comments on a record, as lines for its form: those on the whole record
    under ``""``, those on a field under its id (``Panel chair asks: Which GP?``)."""
    out: dict[str, list[str]] = {}
    for c in on_record(record_id, session.review):
        if c.is_open:
            said = " ".join(c.text.split())
            out.setdefault(c.field, []).append(
                f"{' '.join(c.by.split()) or 'The panel'} asks: {said}"
            )
    return {k: "\n".join(v) for k, v in out.items()}


def chronology_form(session: Session, entry: ChronologyEntry | None, entry_id: str) -> FormScreen:
    """The form for adding or editing a chronology entry; ``entry_id`` is the id the
    entry has (or, for a new one, will have) whether it is saved or salvaged, so the
    two can never make two entries."""
    ch = session.catalogue.chronology

    def check(values: dict[str, str]) -> tuple[dict[str, str], list[str]]:
        found = entry_rules.read_entry(values, session.review.review_period, entry_id)
        return found.problems, found.warnings

    return FormScreen(
        "New chronology entry" if entry is None else "Edit chronology entry",
        entry_rules.entry_fields(ch),
        entry_rules.entry_values(ch, entry),
        check,
        lambda values: session.put_entry(entry_rules.salvage_entry(values, entry_id)),
        notes=comment_notes(session, entry_id),
    )


def entry_from_form(values: Mapping[str, str], entry_id: str) -> ChronologyEntry:
    """Turn a saved form into the chronology entry ``entry_id``."""
    return entry_rules.entry_from_fields(values, entry_id)


def recommendation_rows(session: Session) -> list[tuple[str, Sequence[str]]]:
    """Rows for the recommendations table, numbered."""
    return [
        (r.id, rec_rules.recommendation_row(i, r))
        for i, r in enumerate(session.review.recommendations, 1)
    ]


def recommendations_note(session: Session) -> str:
    """The gentle warning when there are more recommendations than advised."""
    advised = session.catalogue.recommendations.max_advised
    return rec_rules.too_many_note(len(session.review.recommendations), advised)


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
        details=lambda rid: recommendation_details(session, rid),
    )


def recommendation_form(session: Session, rec: Recommendation | None, rec_id: str) -> FormScreen:
    """The form for adding or editing a recommendation; ``rec_id`` as for
    :func:`chronology_form`."""

    def check(values: dict[str, str]) -> tuple[dict[str, str], list[str]]:
        found = rec_rules.read_recommendation(values, rec_id)
        return found.problems, found.warnings

    return FormScreen(
        "New recommendation" if rec is None else "Edit recommendation",
        rec_rules.recommendation_fields(session.catalogue.recommendations),
        rec_rules.recommendation_values(rec),
        check,
        lambda values: session.put_recommendation(rec_rules.salvage_recommendation(values, rec_id)),
        notes=comment_notes(session, rec_id),
    )


def recommendation_from_form(values: Mapping[str, str], rec_id: str) -> Recommendation:
    """Turn a saved form into the recommendation ``rec_id``."""
    return rec_rules.recommendation_from_fields(values, rec_id)
