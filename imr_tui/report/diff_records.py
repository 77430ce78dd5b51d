"""Records compared across two versions: chronology entries, recommendations, headings.

Records are matched by id; those left over (a file made elsewhere gives every record
a new id) are matched by their content (:meth:`ChronologyEntry.identity` for an entry,
the folded text of every field otherwise). Of the matched records, the longest run
that kept its order (a longest common subsequence of the order shown) stayed where
it was; every other one *moved*: a record moved and otherwise untouched is reported as
moved, never as removed and added.

The order is the one a reader sees: the author's for recommendations and headings,
the chronology's (:meth:`Review.sorted_chronology`: by date and time, the author's
order only among entries of the same day and time) for entries. Two entries of
different days swapped in the file move nothing a reader sees, and are not moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_places import Place, describe, entry_fields
from imr_tui.core.dates import uk
from imr_tui.core.model import ChronologyEntry, Heading, Recommendation, Review
from imr_tui.report.diff_model import FieldChange, RecordChange, RecordKind
from imr_tui.report.diff_words import word_diff

Record = ChronologyEntry | Recommendation | Heading
"""One record of a list the diff compares."""

LONG = 40
"""A field longer than this (or on more than one line) is compared word by word."""


def _entry_values(entry: ChronologyEntry, catalogue: Catalogue) -> dict[str, str]:
    """An entry's fields as people read them, in the form's order (columns last)."""
    when, until = entry.when, entry.until
    values = {
        "date": when.display() if when else "",
        "time": entry.time,
        "end_date": until.display() if until else "",
        "end_time": entry.end_time,
        "reference": entry.reference,
        "source": entry.source,
    }
    values |= {c.id: entry.cells.get(c.id, "") for c in catalogue.chronology.columns}
    values |= {k: v for k, v in entry.cells.items() if k not in values}
    return values


def _recommendation_values(rec: Recommendation, catalogue: Catalogue) -> dict[str, str]:
    """A recommendation's fields as people read them, in the form's order."""
    out: dict[str, str] = {}
    for f in catalogue.recommendations.fields:
        value = getattr(rec, f.id, "")
        out[f.id] = uk(value) if isinstance(value, date) else str(value or "")
    return out


def values_of(record: Record, catalogue: Catalogue) -> dict[str, str]:
    """Every field of ``record`` as people read it (dates ``dd/mm/yyyy``)."""
    if isinstance(record, ChronologyEntry):
        return _entry_values(record, catalogue)
    if isinstance(record, Recommendation):
        return _recommendation_values(record, catalogue)
    return {"title": record.title}


def titles_of(kind: RecordKind, catalogue: Catalogue) -> dict[str, str]:
    """The name of each field of a record of ``kind`` (the catalogue's titles)."""
    if kind == "entry":
        return entry_fields(catalogue)
    if kind == "recommendation":
        return {f.id: f.title for f in catalogue.recommendations.fields}
    return {"title": "Heading"}


def field_change(field: str, title: str, old: str, new: str) -> FieldChange:
    """``old`` -> ``new``; word by word when both are there and one is long."""
    long = max(len(old), len(new)) > LONG or "\n" in old + new
    words = tuple(word_diff(old, new)) if old and new and long else ()
    return FieldChange(field, title, old, new, words)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _content_key(record: Record, catalogue: Catalogue) -> tuple[str, ...]:
    """What makes two records with different ids the same one."""
    if isinstance(record, ChronologyEntry):
        return record.identity()
    return tuple(_fold(v) for v in values_of(record, catalogue).values())


def match(old: Sequence[Record], new: Sequence[Record], catalogue: Catalogue) -> dict[int, int]:
    """New index -> old index of each record in both (by id, then by content)."""
    old_at = {r.id: i for i, r in enumerate(old)}
    pairs = {j: old_at[r.id] for j, r in enumerate(new) if r.id in old_at}
    taken = set(pairs.values())
    spare: dict[tuple[str, ...], list[int]] = {}
    for i, r in enumerate(old):
        if i not in taken:
            spare.setdefault(_content_key(r, catalogue), []).append(i)
    for j, r in enumerate(new):
        if j not in pairs and (left := spare.get(_content_key(r, catalogue))):
            pairs[j] = left.pop(0)
    return pairs


def stayed(pairs: dict[int, int]) -> set[int]:
    """The new indexes of the matched records that kept their order: a longest
    increasing run of their old indexes (the longest common subsequence of the two
    orders, as the records are unique)."""
    order = sorted(pairs)
    tails: list[int] = []  # old index ending the best run of each length
    tail_at: list[int] = []  # its new index
    back: dict[int, int | None] = {}
    for j in order:
        i = pairs[j]
        k = bisect_left(tails, i)
        back[j] = tail_at[k - 1] if k else None
        if k == len(tails):
            tails.append(i)
            tail_at.append(j)
        else:
            tails[k], tail_at[k] = i, j
    out: set[int] = set()
    at: int | None = tail_at[-1] if tail_at else None
    while at is not None:
        out.add(at)
        at = back[at]
    return out


def _label(kind: RecordKind, record: Record, review: Review, catalogue: Catalogue) -> str:
    """``Chronology entry 3 (11/03/2025)``, ``Recommendation 2``, ``Terms of Reference
    heading 1: ...``, numbered as ``review`` shows it."""
    return describe(Place(kind, record.id), review, catalogue)


def compare_records(
    kind: RecordKind,
    old_review: Review,
    new_review: Review,
    catalogue: Catalogue,
) -> list[RecordChange]:
    """Each record of ``kind`` added, removed, changed or moved, in the new order shown
    (see the module's description) with the removed ones where they were."""
    old, new = _records(kind, old_review), _records(kind, new_review)
    pairs = match(old, new, catalogue)
    kept = stayed(pairs)
    titles = titles_of(kind, catalogue)
    removed = sorted(set(range(len(old))) - set(pairs.values()))
    out: list[RecordChange] = []

    def flush_removed(before: int) -> None:
        while removed and removed[0] < before:
            i = removed.pop(0)
            fields = [
                field_change(k, titles.get(k, k), v, "")
                for k, v in values_of(old[i], catalogue).items()
                if v
            ]
            label = _label(kind, old[i], old_review, catalogue)
            out.append(RecordChange("removed", kind, old[i].id, label, i + 1, None, tuple(fields)))

    for j, record in enumerate(new):
        label = _label(kind, record, new_review, catalogue)
        if j not in pairs:
            fields = [
                field_change(k, titles.get(k, k), "", v)
                for k, v in values_of(record, catalogue).items()
                if v
            ]
            out.append(RecordChange("added", kind, record.id, label, None, j + 1, tuple(fields)))
            continue
        i = pairs[j]
        if j in kept:
            flush_removed(i)
        before, now = values_of(old[i], catalogue), values_of(record, catalogue)
        fields = [
            field_change(k, titles.get(k, k), before.get(k, ""), now.get(k, ""))
            for k in dict.fromkeys([*now, *before])
            if before.get(k, "") != now.get(k, "")
        ]
        moved = j not in kept
        if fields:
            out.append(
                RecordChange("changed", kind, record.id, label, i + 1, j + 1, tuple(fields), moved)
            )
        elif moved:
            out.append(RecordChange("moved", kind, record.id, label, i + 1, j + 1, (), True))
    flush_removed(len(old))
    return out


def _records(kind: RecordKind, review: Review) -> list[Record]:
    if kind == "entry":
        return list(review.sorted_chronology())  # as shown, not as in the file
    if kind == "recommendation":
        return list(review.recommendations)
    return list(review.headings)
