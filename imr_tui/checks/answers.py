"""Checks on answers as a whole: answers that say nothing, dates that cannot be right.

A placeholder (``N/A``, ``TBC``, ``See above``, ``.``) where the review must say
something is reported as incomplete (kind ``completeness``), so it stops a final report
as an empty answer does. The phrases are data (``placeholder_answers`` under
``[checks]``). The dates are checked in :mod:`imr_tui.checks.answers_dates`.
"""

from __future__ import annotations

import re
from datetime import date

from imr_tui.checks.analysis_text import normalised, says_nothing_to_add
from imr_tui.checks.answers_dates import dates
from imr_tui.checks.findings import Finding, Found, step_orders
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.core.steps import Step, steps, written_text

_WHY = (
    "A panel reads every answer as the agency's account; filler tells it nothing and "
    "reads as an unanswered question."
)
_XS = re.compile(r"x{2,}")
_WORDY = re.compile(r"\w")


def is_placeholder(text: str, phrases: set[str]) -> bool:
    """Whether ``text`` is only filler: one of ``phrases`` (already
    :func:`~imr_tui.checks.analysis_text.normalised`), no letter or digit at all, or
    x's only. An empty answer is not a placeholder (it is unanswered)."""
    if not text.strip():
        return False
    said = normalised(text)
    if not _WORDY.search(said) or _XS.fullmatch(said):
        return True
    return said in phrases or said.rstrip("?!") in phrases


def _answer(step: Step, review: Review, endorsement: str) -> str | None:
    """The text at ``step`` if it must say something, else ``None``."""
    if step.removed:
        return None
    text = written_text(step, review)
    if text is None or step.heading_id:
        return text
    if not step.prompt.required and step.section.id != endorsement:
        return None
    return text


def _advice(step: Step) -> str:
    if step.heading_id:
        return "Analyse your agency's practice against this heading, or say why you cannot yet."
    if step.prompt.allows_none:
        return "Answer it, or say plainly that there is nothing further to add."
    return "Answer it, or write why it cannot be answered yet."


def placeholders(catalogue: Catalogue, review: Review) -> Found:
    """Required answers, Terms of Reference analyses, the endorsement and
    recommendations' leads that are only filler."""
    settings = catalogue.checks
    phrases = {normalised(p) for p in settings.placeholder_answers if p.strip()}
    all_steps = steps(catalogue, review)
    orders = step_orders(catalogue, all_steps)
    out: Found = []
    for step in all_steps:
        text = _answer(step, review, settings.endorsement_section)
        if text is None or not is_placeholder(text, phrases):
            continue
        if step.prompt.allows_none and says_nothing_to_add(text, settings.nothing_to_add):
            continue
        finding = Finding(
            "completeness",
            step.section.id,
            step.id,
            step.title,
            "This answer is a placeholder, not an answer.",
            _advice(step),
            rule="placeholder_answer",
            why=_WHY,
        )
        out.append((orders[step.id], finding))
    prompt = catalogue.prompt_of_kind("recommendations")
    if prompt is None:
        return out
    base = orders[prompt.id]
    sid = catalogue.section_of(prompt.id).id
    for i, rec in enumerate(review.recommendations, 1):
        if not is_placeholder(rec.lead, phrases):
            continue
        finding = Finding(
            "completeness",
            sid,
            prompt.id,
            f"recommendation {i}",
            "Its lead is a placeholder, not a named role.",
            "Name the role in your agency responsible for delivering it.",
            record_id=rec.id,
            field="lead",
            rule="placeholder_answer",
            why="Each recommendation needs an owner the board can hold to account for it.",
        )
        out.append(((base[0], base[1], i), finding))
    return out


def answers(catalogue: Catalogue, review: Review, today: date) -> Found:
    """Answers that only fill the space, and dates of completion or endorsement that
    cannot be right."""
    return [*placeholders(catalogue, review), *dates(catalogue, review, today)]
