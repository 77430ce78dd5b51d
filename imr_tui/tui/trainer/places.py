"""A review laid out for reading: every place a trainer can read and comment on, in order.

Each prompt of the template (an analysis heading is one), then within the chronology
and the recommendations each entry on its own, with the answer as plain text and the
comments already there. The place's ``on`` is the stored form that
:func:`imr_tui.workshop.inbox.post_comment` reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_places import entry_fields, on_record, on_step
from imr_tui.core.model import ChronologyEntry, Comment, Recommendation, Review
from imr_tui.core.steps import Step, is_answered, steps

NOT_ANSWERED = "(not answered yet)"


@dataclass(frozen=True)
class Readable:
    """One place of the review, as the trainer reads it."""

    on: str
    """Where a comment on it goes: ``prompt:summary``, ``heading:ID``, ``entry:ID``..."""
    section: str
    """The template's section it is in (``Summary``)."""
    label: str
    """Its name in the list: ``Summary of involvement``, ``Entry 3, 27/02/2025``."""
    text: str
    """What the trainee wrote there, as plain text."""
    comments: tuple[str, ...] = ()
    """The comments on it, one line each (``Trainer: ...``)."""
    answered: bool = True
    """Whether anything is written there."""


def _comment_lines(comments: list[Comment]) -> tuple[str, ...]:
    return tuple(
        f"{c.by or 'Someone'}{' (resolved)' if c.state != 'open' else ''}: {c.text}"
        for c in comments
    )


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def _step_text(step: Step, review: Review) -> str:
    kind = step.prompt.kind
    if step.heading_id:
        kept = review.heading_analysis.get(step.heading_id)
        return kept.text if kept else ""
    if kind == "adults":
        return "\n".join(
            " ".join(
                p
                for p in (
                    a.name,
                    f"born {_day(a.date_of_birth)}" if a.date_of_birth else "",
                    f"died {_day(a.date_of_death)}" if a.date_of_death else "",
                )
                if p
            )
            for a in review.adults
            if a.name.strip()
        )
    if kind == "period":
        period = review.review_period
        if period.start is None and period.end is None:
            return ""
        return f"{_day(period.start) or '?'} to {_day(period.end) or '?'}"
    if kind == "headings":
        return "\n".join(f"{n}. {h.title}" for n, h in enumerate(review.headings, 1))
    if kind == "chronology":
        n = len(review.chronology)
        return f"{n} entr{'y' if n == 1 else 'ies'}, each listed below." if n else ""
    if kind == "recommendations":
        n = len(review.recommendations)
        return f"{n} recommendation{'' if n == 1 else 's'}, each listed below." if n else ""
    if kind == "pseudonyms":
        return "\n".join(f"{p.name} -> {p.alias}" for p in review.pseudonyms if p.name.strip())
    if kind == "tor_analysis":
        return ""
    return review.answer(step.prompt.id)


def _entry_text(entry: ChronologyEntry, catalogue: Catalogue) -> str:
    names = entry_fields(catalogue)
    lines = [f"{names['date']}: {entry.shown_when() or 'undated'}"]
    for field in ("reference", "source"):
        value = str(getattr(entry, field))
        if value.strip():
            lines.append(f"{names[field]}: {value}")
    for column in catalogue.chronology.columns:
        value = entry.cells.get(column.id, "")
        if value.strip():
            lines.append(f"{column.title}:\n{value}")
    return "\n".join(lines)


def _recommendation_text(rec: Recommendation, catalogue: Catalogue) -> str:
    lines = []
    for field in catalogue.recommendations.fields:
        value = getattr(rec, field.id, "")
        shown = _day(value) if isinstance(value, date) else str(value or "")
        if shown.strip():
            lines.append(f"{field.title}: {shown}")
    return "\n".join(lines)


def readables(review: Review, catalogue: Catalogue) -> list[Readable]:
    """Every place of the review in the template's order, records after their prompt."""
    out: list[Readable] = []
    for step in steps(catalogue, review):
        on = f"heading:{step.heading_id}" if step.heading_id else f"prompt:{step.prompt.id}"
        own = [c for c in on_step(step.id, review, catalogue) if c.on == on]
        text = _step_text(step, review)
        section = step.section.title
        out.append(
            Readable(
                on,
                section,
                step.title,
                text or NOT_ANSWERED,
                _comment_lines(own),
                is_answered(step, review),
            )
        )
        if step.prompt.kind == "chronology":
            for n, entry in enumerate(review.sorted_chronology(), 1):
                out.append(
                    Readable(
                        f"entry:{entry.id}",
                        section,
                        f"Entry {n}, {entry.shown_when() or 'undated'}",
                        _entry_text(entry, catalogue),
                        _comment_lines(on_record(entry.id, review)),
                    )
                )
        if step.prompt.kind == "recommendations":
            for n, rec in enumerate(review.recommendations, 1):
                out.append(
                    Readable(
                        f"recommendation:{rec.id}",
                        section,
                        f"Recommendation {n}",
                        _recommendation_text(rec, catalogue),
                        _comment_lines(on_record(rec.id, review)),
                    )
                )
    return out
