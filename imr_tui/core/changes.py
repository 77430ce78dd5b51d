"""Which steps of the interview changed since a version was sent.

The interview marks each prompt whose answer differs from the review as it was sent
(:func:`~imr_tui.core.sent_copies.sent_review`); ``imr diff`` says, word by word and
field by field, how. Both compare what a step holds (:func:`step_value`), so "changed"
means the same in both.
"""

from __future__ import annotations

from typing import Any

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.core.steps import Step, steps


def step_value(step: Step, review: Review) -> Any:
    """What a step holds, as plain data that compares equal when nothing changed."""
    kind = step.prompt.kind
    if step.heading_id:
        kept = review.heading_analysis.get(step.heading_id)
        return kept.text if kept else ""
    if kind == "adults":
        return [a.model_dump(mode="json") for a in review.adults]
    if kind == "period":
        return review.review_period.model_dump(mode="json")
    if kind == "headings":
        return [h.model_dump(mode="json") for h in review.headings]
    if kind == "chronology":
        return [e.model_dump(mode="json") for e in review.chronology]
    if kind == "recommendations":
        return [r.model_dump(mode="json") for r in review.recommendations]
    if kind == "pseudonyms":
        return [p.model_dump(mode="json") for p in review.pseudonyms]
    if kind == "tor_analysis":
        return None
    return review.answer(step.prompt.id)


def changed_steps(now: Review, sent: Review, catalogue: Catalogue) -> set[str]:
    """The ids of the steps of ``now`` whose content differs from ``sent`` (an analysis
    heading that is new since counts as changed when it holds text)."""
    before = {s.id: s for s in steps(catalogue, sent)}
    out: set[str] = set()
    for step in steps(catalogue, now):
        old = before.get(step.id)
        value = step_value(step, now)
        if old is None:
            if value:
                out.add(step.id)
        elif value != step_value(old, sent):
            out.add(step.id)
    return out
