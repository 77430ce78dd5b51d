"""Reading a place as a person writes it (see :func:`imr_tui.core.comment_places.find_place`).

The forms: a prompt's id or title, ``entry 3`` (``entry 3 source``), ``recommendation 2
lead``, ``heading 1`` or a heading's wording, the stored ``entry:ID:field``; the places as
``imr comments`` lists them, ``Chronology entry 3 (27/02/2025 14:30), Source of
information`` (the date checked against entry 3 now: a place written before entries were
added or deleted is refused, saying which entry has that date now) and ``Terms of
Reference heading 2 (\u201cwording\u201d)``; and ``entry 27/02/2025``, the one entry of that
date.
"""

from __future__ import annotations

import re

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_places import (
    PLACE_FORMS,
    Place,
    PlaceError,
    PlaceKind,
    exists,
    fields_of,
)
from imr_tui.core.model import Review
from imr_tui.core.steps import SEP

_NUMBERED = re.compile(
    r"(?P<kind>entry|entries|chronology|chronology entry|recommendation|rec|heading|"
    r"terms of reference heading|tor heading|tor)\s*#?\s*(?P<n>\d+)"
    r"(?:\s*\((?P<paren>[^()]*)\))?(?:\s*(?P<sep>[,:/.])?\s*(?P<field>.+))?",
    re.IGNORECASE,
)
_DATED = re.compile(
    r"(?:chronology entry|chronology|entry|entries)\s+(?:of\s+|dated\s+)?"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2})?)(?:\s*[,:/.]?\s*(?P<field>.+))?",
    re.IGNORECASE,
)


def _same_when(written: str, shown: str) -> bool:
    """Whether an entry shown as ``shown`` is the one dated ``written`` (a date alone
    names an entry with a time or an end too)."""

    def norm(text: str) -> str:
        text = " ".join(text.split()).casefold()
        text = re.sub(
            r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b",
            lambda m: f"{int(m[1]):02d}/{int(m[2]):02d}/{m[3]}",
            text,
        )
        return re.sub(r"\b(\d{1,2}):(\d{2})\b", lambda m: f"{int(m[1]):02d}:{m[2]}", text)

    wanted, there = norm(written), norm(shown)
    return bool(wanted) and (there == wanted or there.startswith(wanted + " "))


def _dated(when: str, review: Review) -> list[int]:
    """The numbers (as the chronology is shown) of the entries dated ``when``."""
    shown = review.sorted_chronology()
    return [n for n, e in enumerate(shown, 1) if _same_when(when, e.shown_when() or "undated")]


def _numbers(numbers: list[int]) -> str:
    said = [str(n) for n in numbers]
    return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"


def _check_entry(n: int, when: str, review: Review, place: str) -> None:
    """Refuse ``entry N (WHEN)`` when entry N is no longer dated WHEN (entries were added
    or deleted since the place was written), saying which entry is."""
    entry = review.sorted_chronology()[n - 1]
    shown = entry.shown_when() or "undated"
    if _same_when(when, shown):
        return
    now = _dated(when, review)
    where = (
        f"; the entry of {when} is now entry {now[0]}"
        if len(now) == 1
        else f"; entries {_numbers(now)} are of {when}"
        if now
        else f"; no entry is of {when} now"
    )
    raise PlaceError(f"'{place}': entry {n} is now {shown}, not {when}{where}")


def _check_heading(n: int, wording: str, review: Review, place: str) -> None:
    """Refuse ``heading N (wording)`` when heading N no longer has that wording."""
    title = " ".join(review.headings[n - 1].title.split())
    said = " ".join(wording.strip().strip("\u201c\u201d\"'").split())
    if said.casefold() != title.casefold():
        raise PlaceError(
            f"'{place}': heading {n} is now \u201c{title}\u201d, not \u201c{said}\u201d"
        )


def _by_date(written: str, review: Review, catalogue: Catalogue) -> Place | None:
    """``entry 27/02/2025`` (``entry 27/02/2025 14:30 source``): the one entry of that
    date; ``None`` when ``written`` is not of that form."""
    dated = _DATED.fullmatch(written)
    if not dated:
        return None
    when = " ".join(dated["date"].split())
    found = _dated(when, review)
    if not found:
        raise PlaceError(f"'{written}': no chronology entry is of {when}")
    if len(found) > 1:
        raise PlaceError(
            f"'{written}': entries {_numbers(found)} are of {when}: say which, "
            f"as 'entry {found[0]}'"
        )
    ident = review.sorted_chronology()[found[0] - 1].id
    field = (dated["field"] or "").strip()
    return Place("entry", ident, _field("entry", field, catalogue, written))


def _field(kind: PlaceKind, written: str, catalogue: Catalogue, place: str) -> str:
    """A field as written (its id or name, any capitals) as its id."""
    if not written:
        return ""
    fields = fields_of(kind, catalogue)
    wanted = " ".join(written.replace("_", " ").split()).casefold()
    for ident, title in fields.items():
        if wanted in (ident.replace("_", " ").casefold(), " ".join(title.split()).casefold()):
            return ident
    names = ", ".join(fields)
    what = "an entry" if kind == "entry" else f"a {kind}"
    raise PlaceError(f"'{place}': '{written}' is not a field of {what}: use one of {names}")


def _by_number(kind: PlaceKind, n: int, review: Review, place: str) -> str:
    if kind == "entry":
        ids = [e.id for e in review.sorted_chronology()]
        what = "chronology entries"
    elif kind == "recommendation":
        ids = [r.id for r in review.recommendations]
        what = "recommendations"
    else:
        ids = [h.id for h in review.headings]
        what = "Terms of Reference headings"
    if not 1 <= n <= len(ids):
        raise PlaceError(f"'{place}': the review has {len(ids)} {what}, so there is no {n}")
    return ids[n - 1]


def read_place(text: str, review: Review, catalogue: Catalogue) -> Place:
    """The place a person means by ``text`` (see the module's description); raises
    :class:`PlaceError` with one line saying what was not found and what is read."""
    written = " ".join(text.split())
    if not written:
        raise PlaceError(f"no place was given: give {PLACE_FORMS}")
    stored = re.fullmatch(r"(prompt|heading|entry|recommendation):([^:\s]+)(?::(\S+))?", written)
    if stored:
        kind: PlaceKind = stored[1]  # type: ignore[assignment]
        place = Place(kind, stored[2], _field(kind, stored[3] or "", catalogue, written))
        if not exists(place, review, catalogue):
            raise PlaceError(f"'{written}': no {kind} has the id '{stored[2]}' in this review")
        return place
    dated = _by_date(written, review, catalogue)
    if dated is not None:
        return dated
    numbered = _NUMBERED.fullmatch(written)
    if numbered:
        word = numbered["kind"].casefold()
        kind = (
            "entry"
            if word.startswith(("entr", "chron"))
            else "recommendation"
            if word.startswith("rec")
            else "heading"
        )
        n = int(numbered["n"])
        ident = _by_number(kind, n, review, written)
        field = (numbered["field"] or "").strip()
        paren = numbered["paren"]
        if kind == "heading":
            if paren is not None or (field and numbered["sep"] == ":"):
                _check_heading(n, field if paren is None else paren, review, written)
                if paren is not None and field:
                    raise PlaceError(f"'{written}': a heading has no fields")
                return Place(kind, ident)
            if field:
                raise PlaceError(f"'{written}': a heading has no fields")
        elif paren is not None:
            if kind != "entry":
                raise PlaceError(f"'{written}': a recommendation is named by its number alone")
            _check_entry(n, paren, review, written)
        return Place(kind, ident, _field(kind, field, catalogue, written))
    folded = written.casefold()
    analysis = re.fullmatch(r"(\w+)" + re.escape(SEP) + r"(\w+)", written)
    if analysis and any(h.id == analysis[2] for h in review.headings):
        return Place("heading", analysis[2])
    for prompt in catalogue.prompts():
        if folded in (prompt.id.casefold(), " ".join(prompt.title.split()).casefold()):
            return Place("prompt", prompt.id)
    for heading in review.headings:
        if folded == " ".join(heading.title.split()).casefold():
            return Place("heading", heading.id)
    raise PlaceError(f"'{written}' is not a place in this review: give {PLACE_FORMS}")
