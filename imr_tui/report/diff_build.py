"""Compare two versions of a review, section by section in template order.

:func:`compare` walks the interview's steps (:func:`imr_tui.core.steps.steps`) of both
versions and keeps each step whose content differs (:func:`imr_tui.core.changes.step_value`,
so "changed" means what the interview marks as changed), then the comments. See
:mod:`imr_tui.report.diff_model` for what is said of each kind of step.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import zip_longest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.changes import step_value
from imr_tui.core.comment_places import describe_comment
from imr_tui.core.dates import uk
from imr_tui.core.model import Adult, Comment, Pseudonym, Review
from imr_tui.core.steps import Step, steps
from imr_tui.report.diff_model import (
    Changes,
    CommentChange,
    FieldChange,
    RecordKind,
    SectionChanges,
    StepChange,
)
from imr_tui.report.diff_records import compare_records
from imr_tui.report.diff_words import word_diff

_RECORDS: dict[str, RecordKind] = {
    "chronology": "entry",
    "recommendations": "recommendation",
    "headings": "heading",
}


def _iso_date(text: str) -> str:
    """A stored date answer as people read it (``dd/mm/yyyy``); other text as it is."""
    try:
        return uk(date.fromisoformat(text)) if text else ""
    except ValueError:
        return text


def _adult_line(adult: Adult) -> str:
    parts = [" ".join(adult.name.split()) or "(no name)"]
    if adult.date_of_birth:
        parts.append(f"born {uk(adult.date_of_birth)}")
    if adult.date_of_death:
        parts.append(f"died {uk(adult.date_of_death)}")
    return ", ".join(parts)


def _pseudonym_line(p: Pseudonym) -> str:
    line = f"{p.name} -> {p.alias}"
    return f"{line} ({p.kind})" if p.kind else line


def _lines(titled: str, old: list[str], new: list[str]) -> list[FieldChange]:
    """Two lists of lines compared place by place: ``Adult 2``: old -> new."""
    return [
        FieldChange(f"{n}", f"{titled} {n}", a or "", b or "")
        for n, (a, b) in enumerate(zip_longest(old, new), 1)
        if a != b
    ]


def _values(step: Step, old: Review, new: Review) -> list[FieldChange]:
    """A step of values: each value that differs, old -> new."""
    prompt = step.prompt
    if prompt.kind == "adults":
        return _lines(
            "Adult", [_adult_line(a) for a in old.adults], [_adult_line(a) for a in new.adults]
        )
    if prompt.kind == "pseudonyms":
        return _lines(
            "Name to replace",
            [_pseudonym_line(p) for p in old.pseudonyms],
            [_pseudonym_line(p) for p in new.pseudonyms],
        )
    if prompt.kind == "period":
        out = []
        for name in ("start", "end"):
            a = uk(getattr(old.review_period, name))
            b = uk(getattr(new.review_period, name))
            if a != b:
                out.append(FieldChange(name, prompt.labels.get(name, name.title()), a, b))
        return out
    a, b = _iso_date(old.answer(prompt.id)), _iso_date(new.answer(prompt.id))
    return [FieldChange(prompt.id, prompt.title, a, b)] if a != b else []


def _is_text(step: Step) -> bool:
    return bool(step.heading_id) or step.prompt.kind in ("text", "long_text")


def _text_of(step: Step | None, review: Review) -> str:
    if step is None:
        return ""
    if step.heading_id:
        kept = review.heading_analysis.get(step.heading_id)
        return kept.text if kept else ""
    return review.answer(step.prompt.id)


def _step_change(
    step: Step,
    old_step: Step | None,
    new_step: Step | None,
    old: Review,
    new: Review,
    catalogue: Catalogue,
) -> StepChange | None:
    """How one step changed, or ``None`` when it did not."""
    before = step_value(old_step, old) if old_step else None
    after = step_value(new_step, new) if new_step else None
    if before == after or (not before and not after):
        return None
    note = ""
    if step.heading_id and old_step is None:
        note = "new heading"
    elif step.heading_id and new_step is None:
        note = "heading removed"
    elif (
        new_step is not None and new_step.removed and old_step is not None and not old_step.removed
    ):
        note = "heading removed; its analysis is kept"
    if _is_text(step):
        words = tuple(word_diff(_text_of(old_step, old), _text_of(new_step, new)))
        return StepChange(step.id, step.title, "text", words=words, note=note)
    record = _RECORDS.get(step.prompt.kind)
    if record is not None:
        records = tuple(compare_records(record, old, new, catalogue))
        return StepChange(step.id, step.title, "records", records=records) if records else None
    values = tuple(_values(step, old, new))
    return StepChange(step.id, step.title, "values", values=values) if values else None


def _sections(old: Review, new: Review, catalogue: Catalogue) -> list[SectionChanges]:
    old_steps = {s.id: s for s in steps(catalogue, old)}
    new_steps = steps(catalogue, new)
    seen = {s.id for s in new_steps}
    out = []
    for section in catalogue.sections:
        mine = [s for s in new_steps if s.section.id == section.id]
        mine += [s for s in old_steps.values() if s.section.id == section.id and s.id not in seen]
        found = []
        for s in mine:
            news = s if s.id in seen else None
            change = _step_change(s, old_steps.get(s.id), news, old, new, catalogue)
            if change is not None:
                found.append(change)
        if found:
            out.append(SectionChanges(section.id, section.title, tuple(found)))
    return out


def when(at: datetime | None) -> str:
    """A time as people read it: ``11/03/2025 09:05`` (``""`` for none)."""
    return at.strftime("%d/%m/%Y %H:%M") if at else ""


def _comments(old: Review, new: Review, catalogue: Catalogue) -> list[CommentChange]:
    before = {c.id: c for c in old.comments}
    out: list[CommentChange] = []

    def add(kind: str, c: Comment, review: Review, by: str, at: datetime | None) -> None:
        place = describe_comment(c, review, catalogue)
        out.append(CommentChange(kind, c.id, place, by, when(at), c.text))  # type: ignore[arg-type]

    for c in new.comments:
        was = before.get(c.id)
        # In the order they happened: opened, the replies, then resolved or reopened.
        if was is None:
            add("opened", c, new, c.by, c.at)
        had = {r.id for r in was.replies} if was else set()
        place = describe_comment(c, new, catalogue)
        for r in c.replies:
            if r.id not in had:
                out.append(CommentChange("replied", c.id, place, r.by, when(r.at), r.text, c.text))
        if not c.is_open and (was is None or was.is_open):
            add("resolved", c, new, c.resolved_by, c.resolved_at)
        if c.is_open and was is not None and not was.is_open:
            add("reopened", c, new, "", None)
    now = {c.id for c in new.comments}
    for c in old.comments:
        if c.id not in now:
            add("removed", c, old, c.by, c.at)
    return out


def compare(
    old: Review,
    new: Review,
    catalogue: Catalogue,
    old_label: str = "the old version",
    new_label: str = "the new version",
    old_version: int | None = None,
) -> Changes:
    """What changed from ``old`` to ``new``: sections in template order, then comments."""
    return Changes(
        old_label,
        new_label,
        tuple(_sections(old, new, catalogue)),
        tuple(_comments(old, new, catalogue)),
        old_version,
    )
