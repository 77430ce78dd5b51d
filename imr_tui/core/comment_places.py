"""Where a comment is: the place it is about, as stored, as a person writes it, and in words.

A comment's place is stored as ``KIND:ID`` (:attr:`~imr_tui.core.model.Comment.on`)
with an optional field (:attr:`~imr_tui.core.model.Comment.field`):

- ``prompt:summary``: a prompt of the template, by its id;
- ``heading:ID``: a Terms of Reference heading (and the analysis written under it);
- ``entry:ID``: a chronology entry; its field ``date``, ``time``, ``end_date``,
  ``end_time``, ``reference``, ``source`` or a column's id;
- ``recommendation:ID``: a recommendation; its field ``recommendation``, ``actions``...

A panel writes a place as people do (:func:`find_place`): a prompt's id or title
(``summary``, ``Summary of involvement``), ``entry 3`` (the third entry as the
chronology is shown), ``entry 3 source``, ``entry 27/02/2025`` (the entry of that
date), ``recommendation 2 lead``, ``heading 1`` or a heading's wording, the stored form,
or as ``imr comments`` lists it (``Chronology entry 3 (27/02/2025 14:30)``, the date
checked): :mod:`imr_tui.core.comment_place_reading`. Every front end and command reads places
through this module, so a place means the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Comment, Review
from imr_tui.core.steps import SEP

PlaceKind = Literal["prompt", "heading", "entry", "recommendation"]
KINDS: tuple[PlaceKind, ...] = ("prompt", "heading", "entry", "recommendation")

ENTRY_FIELDS = {
    "date": "Date",
    "time": "Time",
    "end_date": "End date",
    "end_time": "End time",
    "reference": "Reference",
    "source": "Source of information",
}
"""A chronology entry's own fields and their names; the catalogue adds its columns."""

PLACE_FORMS = (
    "a prompt's id or title (summary), 'entry N' or 'entry N FIELD' (N as the chronology "
    "is shown), 'entry DD/MM/YYYY' (the entry of that date), 'recommendation N' or "
    "'recommendation N FIELD', 'heading N' or a heading's wording, or as 'imr comments' "
    "lists it"
)
"""The forms :func:`find_place` reads, for an error message."""


class PlaceError(ValueError):
    """A place that names nothing in the review; the message says why in one line."""


@dataclass(frozen=True)
class Place:
    """One place of a review a comment can be about."""

    kind: PlaceKind
    """What it is."""
    ident: str
    """The prompt's id, or the heading's, entry's or recommendation's id."""
    field: str = ""
    """The field of an entry or recommendation, or empty."""

    @property
    def on(self) -> str:
        """The stored form, :attr:`Comment.on`."""
        return f"{self.kind}:{self.ident}"


@dataclass(frozen=True)
class Target:
    """Where the interview goes for a comment: a step, a record on it and its field."""

    step_id: str
    """The step to show."""
    record_id: str = ""
    """The chronology entry or recommendation to open, or empty."""
    field: str = ""
    """The field of that record, or empty."""


def place_of(comment: Comment) -> Place:
    """The place a comment is about, as stored (an unknown kind reads as a prompt)."""
    kind, _, ident = comment.on.partition(":")
    if kind not in KINDS:
        return Place("prompt", comment.on, comment.field)
    return Place(kind, ident, comment.field)


def entry_fields(catalogue: Catalogue) -> dict[str, str]:
    """A chronology entry's field ids and their names, the catalogue's columns included."""
    chronology = catalogue.chronology
    names = {
        **ENTRY_FIELDS,
        "date": chronology.date_title,
        "time": chronology.time_title,
        "source": chronology.source_title,
    }
    return {**names, **{c.id: c.title for c in chronology.columns}}


def recommendation_fields(catalogue: Catalogue) -> dict[str, str]:
    """A recommendation's field ids and their names, in the form's order."""
    return {f.id: f.title for f in catalogue.recommendations.fields}


def fields_of(kind: PlaceKind, catalogue: Catalogue) -> dict[str, str]:
    """The fields a place of ``kind`` has (none for a prompt or heading)."""
    if kind == "entry":
        return entry_fields(catalogue)
    if kind == "recommendation":
        return recommendation_fields(catalogue)
    return {}


def exists(place: Place, review: Review, catalogue: Catalogue) -> bool:
    """Whether the place is still in the review (a deleted entry's comment is detached)."""
    if place.kind == "prompt":
        try:
            catalogue.prompt(place.ident)
        except KeyError:
            return False
        return True
    if place.kind == "heading":
        return any(h.id == place.ident for h in review.headings)
    if place.kind == "entry":
        return any(e.id == place.ident for e in review.chronology)
    return any(r.id == place.ident for r in review.recommendations)


def is_detached(comment: Comment, review: Review, catalogue: Catalogue) -> bool:
    """Whether the comment's place was deleted (it is kept, and shown as detached)."""
    return not exists(place_of(comment), review, catalogue)


def _number(items: list[str], ident: str) -> int:
    return items.index(ident) + 1 if ident in items else 0


ABOUT_WORDS = 60
"""The most characters of a record's own words a deleted record's description keeps."""


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= ABOUT_WORDS else flat[: ABOUT_WORDS - 1] + "\u2026"


def about(place: Place, review: Review) -> str:
    """What a chronology entry or recommendation is, in a few words, to remember it by
    once it is deleted (``27/02/2025 14:30, GP record``, ``Train staff in ...``); ``""``
    for other places or a record not there."""
    if place.kind == "entry":
        entry = next((e for e in review.chronology if e.id == place.ident), None)
        if entry is None:
            return ""
        return ", ".join(p for p in (entry.shown_when() or "undated", _short(entry.source)) if p)
    if place.kind == "recommendation":
        rec = next((r for r in review.recommendations if r.id == place.ident), None)
        return f"\u201c{_short(rec.recommendation)}\u201d" if rec and rec.recommendation else ""
    return ""


def describe(place: Place, review: Review, catalogue: Catalogue, was: str = "") -> str:
    """The place in words, on one line: ``Summary of involvement``, ``Chronology entry 3
    (11/03/2025), Source of information``, ``Recommendation 2, Lead``; a deleted one says
    so, and what it was when ``was`` (:func:`about`) is given (``Chronology entry
    (deleted; it was 27/02/2025 14:30, GP record)``)."""
    field = fields_of(place.kind, catalogue).get(place.field, place.field)
    tail = f", {field}" if field else ""
    gone = f"deleted; it was {was}" if was else "deleted"
    if place.kind == "prompt":
        try:
            return catalogue.prompt(place.ident).title
        except KeyError:
            return f"Prompt '{place.ident}' (not in this template)"
    if place.kind == "heading":
        heading = next((h for h in review.headings if h.id == place.ident), None)
        if heading is None:
            kept = review.heading_analysis.get(place.ident)
            title = kept.heading.strip() if kept else ""
            said = f" (\u201c{' '.join(title.split())}\u201d)" if title else ""
            return f"Terms of Reference heading (deleted){said}"
        n = _number([h.id for h in review.headings], place.ident)
        return f"Terms of Reference heading {n} (\u201c{' '.join(heading.title.split())}\u201d)"
    if place.kind == "entry":
        shown = review.sorted_chronology()
        entry = next((e for e in shown if e.id == place.ident), None)
        if entry is None:
            return f"Chronology entry ({gone}){tail}"
        n = _number([e.id for e in shown], place.ident)
        when = entry.shown_when() or "undated"
        return f"Chronology entry {n} ({when}){tail}"
    n = _number([r.id for r in review.recommendations], place.ident)
    if not n:
        return f"Recommendation ({gone}){tail}"
    return f"Recommendation {n}{tail}"


def describe_comment(comment: Comment, review: Review, catalogue: Catalogue) -> str:
    """Where a comment is, in words (:func:`describe`)."""
    return describe(place_of(comment), review, catalogue, comment.about)


def step_of(place: Place, review: Review, catalogue: Catalogue) -> str:
    """The id of the interview's step that shows the place (the nearest one for a
    deleted record: the chronology or the recommendations)."""
    if place.kind == "prompt":
        return place.ident
    if place.kind == "heading":
        analysis = next((p.id for p in catalogue.prompts() if p.kind == "tor_analysis"), "")
        if analysis and place.ident in {h.id for h in review.headings}:
            return f"{analysis}{SEP}{place.ident}"
        return next((p.id for p in catalogue.prompts() if p.kind == "headings"), "")
    kind = "chronology" if place.kind == "entry" else "recommendations"
    return next((p.id for p in catalogue.prompts() if p.kind == kind), "")


def steps_showing(place: Place, review: Review, catalogue: Catalogue) -> list[str]:
    """Every step that shows a comment on ``place``: its own (:func:`step_of`), and for a
    Terms of Reference heading also the list of headings, where its wording is edited."""
    own = step_of(place, review, catalogue)
    if place.kind != "heading":
        return [own]
    headings = next((p.id for p in catalogue.prompts() if p.kind == "headings"), "")
    return list(dict.fromkeys(s for s in (own, headings) if s))


def target_of(comment: Comment, review: Review, catalogue: Catalogue) -> Target:
    """Where the interview goes for ``comment``: its step, and its record and field when
    the record is still there."""
    place = place_of(comment)
    step = step_of(place, review, catalogue)
    if place.kind in ("entry", "recommendation") and exists(place, review, catalogue):
        return Target(step, place.ident, place.field)
    return Target(step)


def on_step(step_id: str, review: Review, catalogue: Catalogue) -> list[Comment]:
    """The comments shown on one step of the interview, oldest first: those on its
    prompt or heading (a heading's also on the list of headings), and on the chronology
    step every entry's, on the recommendations step every recommendation's (detached
    ones included)."""
    return [c for c in review.comments if step_id in steps_showing(place_of(c), review, catalogue)]


def on_record(record_id: str, review: Review) -> list[Comment]:
    """The comments on one chronology entry or recommendation, oldest first."""
    records = ("entry", "recommendation")
    return [
        c
        for c in review.comments
        if (place := place_of(c)).ident == record_id and place.kind in records
    ]


def find_place(text: str, review: Review, catalogue: Catalogue) -> Place:
    """The place a person means by ``text`` (see the module's description, and
    :mod:`imr_tui.core.comment_place_reading`); raises :class:`PlaceError` with one line
    saying what was not found and what is read."""
    from imr_tui.core.comment_place_reading import read_place

    return read_place(text, review, catalogue)
