"""The checks on recommendations: too many, fields missing, target dates passed, nothing
measurable.

Word lists come from the catalogue's ``[checks]`` table
(:class:`imr_tui.core.recommendation_settings.RecommendationSettings`) and the advised
number from ``recommendations.max_advised``.
"""

from __future__ import annotations

import re
from datetime import date

from imr_tui.checks.findings import Finding, Found, step_orders
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.dates import uk
from imr_tui.core.model import Recommendation, Review
from imr_tui.core.steps import steps

_FIELD_ADVICE = {
    "recommendation": "Say what must change, in one or two sentences.",
    "lead": "Name the role responsible for delivering it.",
    "target_date": "Give the date by which it will be done.",
    "resources": "Say what it needs, such as staff time, training or money, or that it needs none.",
    "evidence": "Say how you will know it has worked, for example an audit of records.",
}


def _measurable(text: str, words: list[str]) -> bool:
    for w in words:
        w = w.strip()
        if not w:
            continue
        if w[0].isalnum():
            if re.search(rf"(?<!\w){re.escape(w)}", text, re.IGNORECASE):
                return True
        elif w.casefold() in text.casefold():
            return True
    return False


def recommendations(catalogue: Catalogue, review: Review, today: date) -> Found:
    """Too many; missing lead, date, resources or evidence; past dates; nothing measurable."""
    prompt = catalogue.prompt_of_kind("recommendations")
    if prompt is None:
        return []
    rc = catalogue.recommendations
    sid = catalogue.section_of(prompt.id).id
    base = step_orders(catalogue, steps(catalogue, review))[prompt.id]
    out: Found = []

    def add(
        i: int, where: str, message: str, advice: str, record_id: str = "", field: str = ""
    ) -> None:
        finding = Finding(
            "recommendations", sid, prompt.id, where, message, advice, "", record_id, field
        )
        out.append(((base[0], base[1], i), finding))

    count = len(review.recommendations)
    if count > rc.max_advised:
        add(
            0,
            prompt.title,
            f"There are {count} recommendations; the template asks for few, "
            f"at most {rc.max_advised}.",
            "Combine or drop the least important, keeping those most likely to change practice.",
        )
    fields = ("recommendation", "lead", "target_date", "resources", "evidence")
    for i, r in enumerate(review.recommendations, 1):
        where = f"recommendation {i}"
        if not any(_value(r, f) for f in (*fields, "actions")):
            add(i, where, "It is empty.", "Fill it in, or delete it.", r.id, "recommendation")
            continue
        for f in fields:
            if not _value(r, f):
                add(i, where, f"Its '{rc.title(f)}' is empty.", _FIELD_ADVICE[f], r.id, f)
        if r.target_date is not None and r.target_date < today:
            add(
                i,
                where,
                f"Its target date, {uk(r.target_date)}, has passed.",
                "Set a date by which it can still be done, or report what has been done.",
                r.id,
                "target_date",
            )
        words = catalogue.checks.measurable_words
        text = " ".join((r.recommendation, r.actions, r.evidence))
        if words and text.strip() and not _measurable(text, words):
            add(
                i,
                where,
                "Its wording has no measurable outcome.",
                "Say what will be measured and how, for example an audit of records "
                "showing how many now meet the standard.",
                r.id,
                "evidence",
            )
    return out


def _value(r: Recommendation, field_id: str) -> str:
    value = getattr(r, field_id)
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))
