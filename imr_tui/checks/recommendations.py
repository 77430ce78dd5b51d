"""The checks on recommendations: too many, fields missing, target dates passed, and
whether each is SMART (a measurable outcome, no vague verbs, one role in this agency
as its lead).

Word lists come from the catalogue's ``[checks]`` table
(:class:`imr_tui.core.recommendation_settings.RecommendationSettings`) and the advised
number from ``recommendations.max_advised``.
"""

from __future__ import annotations

from datetime import date

from imr_tui.checks.findings import Finding, Found, places, step_orders
from imr_tui.checks.recommendation_lead import lead_problem, organisations
from imr_tui.checks.recommendation_wording import (
    find_phrase,
    measurable,
    phrase_pattern,
    sentence_after,
    unquoted,
)
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.dates import DateError, parse_date, uk
from imr_tui.core.model import Recommendation, Review
from imr_tui.core.recommendation_settings import RecommendationSettings, VaguePhrase
from imr_tui.core.steps import steps

_FIELD_ADVICE = {
    "recommendation": "Say what must change, in one or two sentences.",
    "lead": "Name the role responsible for delivering it.",
    "target_date": "Give the date by which it will be done.",
    "resources": "Say what it needs, such as staff time, training or money, or that it needs none.",
    "evidence": "Say how you will know it has worked, for example an audit of records.",
}

_SMART = "who will do what, by when, and how you will know it worked"


def reference_date(catalogue: Catalogue, review: Review, today: date) -> tuple[date, bool]:
    """The date target dates are judged against, and whether it is the date of completion
    (otherwise today)."""
    prompt_id = catalogue.checks.completion_prompt
    text = review.answer(prompt_id) if prompt_id else ""
    if text.strip():
        try:
            return parse_date(text), True
        except DateError:
            pass
    return today, False


def _past_target(
    target: date, reference: date, completion: bool, training: bool
) -> tuple[str, str] | None:
    """The message and why of a target date before the reference date, if it is."""
    if target >= reference:
        return None
    if completion:
        return (
            f"Its target date, {uk(target)}, is before the date of completion of this "
            f"review, {uk(reference)}.",
            "A target date must be after the review is completed, or the action "
            "cannot be planned from its findings.",
        )
    message = f"Its target date, {uk(target)}, has passed."
    if training:
        message = (
            f"This is a training case: its target date, {uk(target)}, is judged against "
            f"today, {uk(reference)}, because no date of completion is set, and has passed."
        )
    return message, "A target date that has passed leaves the action plan out of date."


def recommendations(catalogue: Catalogue, review: Review, today: date) -> Found:
    """Too many; missing lead, date, resources or evidence; past dates; not SMART."""
    prompt = catalogue.prompt_of_kind("recommendations")
    if prompt is None:
        return []
    rc, settings = catalogue.recommendations, catalogue.checks
    sid = catalogue.section_of(prompt.id).id
    base = step_orders(catalogue, steps(catalogue, review))[prompt.id]
    out: Found = []

    def add(i: int, where: str, message: str, advice: str, **extra: str) -> None:
        finding = Finding("recommendations", sid, prompt.id, where, message, advice, **extra)
        out.append(((base[0], base[1], i), finding))

    count = len(review.recommendations)
    if count > rc.max_advised:
        add(
            0,
            prompt.title,
            f"There are {count} recommendations; the template asks for few, "
            f"at most {rc.max_advised}.",
            "Combine or drop the least important, keeping those most likely to change practice.",
            rule="too_many",
            why="An action plan with many actions is hard to deliver and to oversee.",
        )
    reference, completion = reference_date(catalogue, review, today)
    agency = review.answer(settings.agency_prompt)
    texts = [agency, *(t for p in places(catalogue, review) for t in p.texts)]
    mentioned = organisations(texts, settings.organisation_words)
    fields = ("recommendation", "lead", "target_date", "resources", "evidence")
    for i, r in enumerate(review.recommendations, 1):
        where = f"recommendation {i}"
        if not any(_value(r, f) for f in (*fields, "actions")):
            add(
                i, where, "It is empty.", "Fill it in, or delete it.",
                record_id=r.id, field="recommendation", rule="empty",
            )  # fmt: skip
            continue
        for f in fields:
            if not _value(r, f):
                add(
                    i, where, f"Its '{rc.title(f)}' is empty.", _FIELD_ADVICE[f],
                    record_id=r.id, field=f, rule="missing_field",
                    rewrite=_field_example(f, settings),
                )  # fmt: skip
        if r.target_date is not None:
            past = _past_target(r.target_date, reference, completion, review.meta.training)
            if past is not None:
                add(
                    i, where, past[0],
                    "Set a date by which it can still be done, or report what has been done.",
                    record_id=r.id, field="target_date", rule="past_target", why=past[1],
                )  # fmt: skip
        for f, rule, message, advice, why, rewrite in _smart(r, agency, mentioned, catalogue):
            add(
                i, where, message, advice,
                record_id=r.id, field=f, rule=rule, why=why, rewrite=rewrite,
            )  # fmt: skip
    return out


def _smart(
    r: Recommendation, agency: str, mentioned: set[str], catalogue: Catalogue
) -> list[tuple[str, str, str, str, str, str]]:
    """Vague wording, no measurable outcome, a lead that is not one role in this agency:
    ``(field, rule, message, advice, why, rewrite)`` for each."""
    settings = catalogue.checks
    out: list[tuple[str, str, str, str, str, str]] = []
    for f in ("recommendation", "actions"):
        text = unquoted(getattr(r, f))
        phrases = [
            p for p in settings.vague_phrases if f == "recommendation" or not p.recommendation_only
        ]
        hit = _vague(text, phrases, settings.vague_made_concrete)
        if hit is not None:
            phrase, better = hit
            out.append(
                (
                    f,
                    "vague",
                    f"'{phrase}' is vague: it does not say what will change.",
                    f"Write it in a SMART shape: {_SMART}.",
                    "A panel cannot tell what will be done, by whom, or how anyone will "
                    "know it worked.",
                    better,
                )
            )
            break
    words = settings.measurable_words
    wording = r.evidence if r.evidence.strip() else f"{r.recommendation} {r.actions}"
    if words and wording.strip() and not measurable(wording, words, settings.not_measures):
        out.append(
            (
                "evidence",
                "not_measurable",
                "Its wording has no measurable outcome.",
                "Say what will be measured and how, for example an audit of records "
                "showing how many now meet the standard.",
                "Words such as 'monitor', 'improve' or 'increase' name no measure, so no "
                "one can show whether the action worked.",
                settings.measurable_example,
            )
        )
    if r.lead.strip():
        problem = lead_problem(r.lead, agency, mentioned, settings)
        if problem is not None:
            out.append(
                (
                    "lead",
                    "lead",
                    problem.message,
                    "Name the one role in this agency that will answer for it.",
                    problem.why,
                    settings.lead_example,
                )
            )
    return out


def _vague(text: str, phrases: list[VaguePhrase], concrete: list[str]) -> tuple[str, str] | None:
    """The earliest vague phrase in the text, as written there, with its better shape;
    a phrase followed in its sentence by a means that names the change
    (``concrete``) is not vague there."""
    best: tuple[int, str, str] | None = None
    for p in phrases:
        for phrase in p.phrases():
            if not phrase.strip():
                continue
            for m in phrase_pattern(phrase.strip()).finditer(text):
                if best is not None and m.start() >= best[0]:
                    break
                if not find_phrase(sentence_after(text, m.end()), [*concrete, *p.made_concrete]):
                    best = (m.start(), " ".join(m[0].split()), p.better)
                    break
    return None if best is None else (best[1], best[2])


def _field_example(field_id: str, settings: RecommendationSettings) -> str:
    """An example of what a missing field could say (``""`` for a date: it is the
    author's to set)."""
    return {
        "recommendation": "District nurses record every refusal of care as a decision.",
        "lead": settings.lead_example,
        "resources": "Two days of electronic record developer time; training within "
        "existing budgets.",
        "evidence": settings.measurable_example,
    }.get(field_id, "")


def _value(r: Recommendation, field_id: str) -> str:
    value = getattr(r, field_id)
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))
