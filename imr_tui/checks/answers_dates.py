"""Dates of completion and endorsement that cannot be right, or that a panel would query.

What is certain stops a final report (kind ``completeness``): a date of completion or
endorsement after today, an endorsement before the report was completed, a report
completed or endorsed before the review period began. What is only odd is a query
(kind ``chronology``, the check that judges dates against the review period, which a
board may add to ``export.must_fix``): a report completed before the period ends, when
the events it reviews had not all happened yet.
"""

from __future__ import annotations

from datetime import date

from imr_tui.checks.findings import Finding, Found, Kind, Order, step_orders
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.dates import uk
from imr_tui.core.model import Review
from imr_tui.core.steps import Step, steps

COMPLETION_PROMPT = "completed_on"
"""The prompt holding the date of completion of the IMR."""

_WHY_FUTURE = "A report cannot be completed or endorsed on a date that has not come yet."
_WHY_ORDER = (
    "The senior officer endorses a finished report, so the endorsement cannot come before "
    "the report was completed."
)
_WHY_BEFORE_PERIOD = (
    "An IMR reviews the period set by the Terms of Reference, so it is written after the "
    "period begins."
)
_WHY_IN_PERIOD = (
    "An IMR is written after the period it reviews; completed before the period ends, it "
    "could not take the last part of the period into account."
)


def _date_answer(review: Review, prompt_id: str) -> date | None:
    """The date answered at ``prompt_id`` (stored as ``YYYY-MM-DD``), ``None`` if none."""
    try:
        return date.fromisoformat(review.answer(prompt_id).strip())
    except ValueError:
        return None


def _dated_step(
    all_steps: list[Step], review: Review, section_id: str, prompt_id: str
) -> tuple[Step, date] | None:
    """The date prompt ``prompt_id`` (or, with ``""``, the first date prompt of section
    ``section_id``) with its answer, when it is answered with a valid date."""
    for step in all_steps:
        if step.prompt.kind != "date":
            continue
        if (prompt_id and step.prompt.id == prompt_id) or (
            not prompt_id and step.section.id == section_id
        ):
            when = _date_answer(review, step.prompt.id)
            return (step, when) if when else None
    return None


def dates(catalogue: Catalogue, review: Review, today: date) -> Found:
    """The dates of completion and endorsement against today, each other and the
    review period."""
    all_steps = steps(catalogue, review)
    orders = step_orders(catalogue, all_steps)
    completion = _dated_step(all_steps, review, "", COMPLETION_PROMPT)
    section = catalogue.checks.endorsement_section
    endorsement = _dated_step(all_steps, review, section, "") if section else None
    period = review.review_period
    training = (
        " (this training case is judged against today's date)" if review.meta.training else ""
    )
    out: Found = []

    def add(step: Step, kind: Kind, rule: str, message: str, advice: str, why: str) -> None:
        order: Order = orders[step.id]
        finding = Finding(
            kind, step.section.id, step.id, step.title, message, advice, rule=rule, why=why
        )
        out.append((order, finding))

    before_period = bool(completion and period.start and completion[1] < period.start)
    if completion:
        step, done = completion
        if done > today:
            add(
                step,
                "completeness",
                "completion_in_future",
                f"The date of completion, {uk(done)}, is after today ({uk(today)}){training}.",
                "Enter the date the report was completed.",
                _WHY_FUTURE,
            )
        if period.start and done < period.start:
            add(
                step,
                "completeness",
                "completed_before_period",
                f"The date of completion, {uk(done)}, is before the review period begins "
                f"({uk(period.start)}).",
                "Check the date of completion and the review period set by the Terms of Reference.",
                _WHY_BEFORE_PERIOD,
            )
        elif period.end and done < period.end:
            add(
                step,
                "chronology",
                "completed_within_period",
                f"The date of completion, {uk(done)}, is before the review period ends "
                f"({uk(period.end)}).",
                "Check both dates; if the report was finished early, say which part of the "
                "period it could not cover.",
                _WHY_IN_PERIOD,
            )
    if endorsement:
        step, signed = endorsement
        if signed > today:
            add(
                step,
                "completeness",
                "endorsement_in_future",
                f"The date of endorsement, {uk(signed)}, is after today ({uk(today)}){training}.",
                "Enter the date the senior officer endorsed the report.",
                _WHY_FUTURE,
            )
        if completion and signed < completion[1]:
            add(
                step,
                "completeness",
                "endorsed_before_completion",
                f"The date of endorsement, {uk(signed)}, is before the date of completion, "
                f"{uk(completion[1])}.",
                "Check both dates: the report is endorsed once it is completed.",
                _WHY_ORDER,
            )
        elif period.start and signed < period.start and not before_period:
            add(
                step,
                "completeness",
                "endorsed_before_period",
                f"The date of endorsement, {uk(signed)}, is before the review period begins "
                f"({uk(period.start)}).",
                "Check the date of endorsement and the review period set by the Terms of "
                "Reference.",
                _WHY_BEFORE_PERIOD,
            )
    return out
