"""The quality checks, run together: completeness here, the others in their own modules.

Each check returns ``(order, finding)`` pairs; :func:`run_checks` sorts them into
template order. Thresholds and wording lists come from the catalogue's ``[checks]``
table (and ``chronology.gap_days``, ``recommendations.max_advised``), the
abbreviations from the glossary and the language checks' word lists from
``language.toml`` (carried by the glossary), so a board or trainer can tune them
without code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from imr_tui.checks.abbreviations import abbreviations
from imr_tui.checks.analysis import analysis
from imr_tui.checks.answers import answers
from imr_tui.checks.chronology import chronology
from imr_tui.checks.findings import Finding, Found, one_run, step_orders
from imr_tui.checks.glossary import Glossary
from imr_tui.checks.language import language
from imr_tui.checks.recommendations import recommendations
from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.core.steps import is_answered, steps

_EMPTY_ADVICE = {
    "adults": ("No adult is named.", "Name each adult the review is about, with date of birth."),
    "period": (
        "The review period is not complete.",
        "Enter the start and end dates set out in the Terms of Reference.",
    ),
    "headings": (
        "No Terms of Reference headings have been entered.",
        "Copy the headings from the Terms of Reference the review panel sent you.",
    ),
    "chronology": (
        "The chronology has no entries.",
        "Add an entry for each contact or event in the review period, with its source.",
    ),
    "recommendations": (
        "There are no recommendations.",
        "Add the recommendations for action, each with a lead, target date and resources.",
    ),
}


def completeness(catalogue: Catalogue, review: Review) -> Found:
    """Required prompts unanswered, headings without analysis, endorsement missing.

    Analysis against the Terms of Reference is asked for once per heading, so with no
    headings yet it is the headings prompt that is reported.
    """
    all_steps = steps(catalogue, review)
    orders = step_orders(catalogue, all_steps)
    endorsement = catalogue.checks.endorsement_section
    signed = [s for s in all_steps if s.section.id == endorsement and s.prompt.required]
    unsigned = not any(is_answered(s, review) for s in signed)
    out: Found = []
    for step in all_steps:
        if step.removed or is_answered(step, review):
            continue
        sid, kind = step.section.id, step.prompt.kind
        if step.heading_id:
            message = "This Terms of Reference heading has no analysis."
            advice = "Analyse your agency's practice against it, referring to chronology dates."
        elif not step.prompt.required:
            continue
        elif sid == endorsement and unsigned:
            if step is not signed[0]:
                continue  # one finding for an endorsement that is missing altogether
            message = "The review has not been endorsed."
            advice = (
                "The senior officer who commissioned the report must endorse its findings; "
                "record their endorsement here."
            )
        elif sid == endorsement:
            message = "The endorsement is incomplete: this is not recorded."
            advice = "Record it as the endorsing senior officer gives it."
        elif kind in _EMPTY_ADVICE:
            message, advice = _EMPTY_ADVICE[kind]
        else:
            message = "This required prompt has not been answered."
            advice = "Answer it, or write why it cannot be answered yet."
        finding = Finding("completeness", sid, step.id, step.title, message, advice)
        out.append((orders[step.id], finding))
    return out


class ChecksStopped(Exception):
    """The checks were stopped before the end (the app is closing): no findings."""


def run_checks(
    catalogue: Catalogue,
    review: Review,
    glossary: Glossary,
    today: date | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[Finding]:
    """Every finding, ordered by section (template order) then place in the section.

    ``stop`` is asked between the families of checks; when it says so the run
    ends with :class:`ChecksStopped` (a closing app need not wait for the rest).
    """
    today = today or clock.today()
    families: list[Callable[[], Found]] = [
        lambda: completeness(catalogue, review),
        lambda: answers(catalogue, review, today),
        lambda: analysis(catalogue, review),
        lambda: chronology(catalogue, review),
        lambda: recommendations(catalogue, review, today),
        lambda: abbreviations(catalogue, review, glossary),
        lambda: language(catalogue, review, glossary.language),
    ]
    found: Found = []
    with one_run():
        for family in families:
            if stop is not None and stop():
                raise ChecksStopped
            found.extend(family())
    found.sort(key=lambda pair: pair[0])
    return [f for _, f in found]
