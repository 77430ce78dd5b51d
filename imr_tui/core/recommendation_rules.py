"""The rules for a recommendation typed into a form, in one place for every mode.

The Textual form and plain mode ask the same fields (:func:`recommendation_fields`),
refuse the same text with the same sentence (:func:`field_problems`) and make the
same recommendation of it (:func:`recommendation_from_fields`). A form that cannot
be finished is kept by :func:`salvage_recommendation`, which never drops a typed
word. The gentle note when there are too many (:func:`too_many_note`) and the lines
that list recommendations come from here too.

No front end is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from imr_tui.core.catalogue import Recommendations
from imr_tui.core.dates import parse_optional_date, uk
from imr_tui.core.field_rules import (
    FormField,
    RecordError,
    RecordInput,
    date_problem,
    keep_note,
    one_line,
)
from imr_tui.core.model import Recommendation

LONG_FIELDS = frozenset({"recommendation", "actions", "evidence"})
"""The fields written as free text of more than a line."""
TEXT_FIELDS = ("recommendation", "actions", "lead", "resources", "evidence")
"""The fields kept as text (the target date is a date)."""
NEEDED = "Write the recommendation."
"""Why a recommendation with no text is refused."""
DATE_FORMAT = "dd/mm/yyyy"
"""How to write the target date, in a few words."""
TOO_MANY = (
    "There are {count} recommendations. Recommendations should be few in number "
    "(usually no more than {max_advised}), focused and specific."
)
"""The gentle note when there are more recommendations than advised."""


def recommendation_fields(recommendations: Recommendations) -> list[FormField]:
    """The fields of a recommendation's form, in the catalogue's order."""
    return [
        FormField(
            f.id,
            f.title,
            f.hint,
            long=f.id in LONG_FIELDS,
            required=NEEDED if f.id == "recommendation" else "",
            format=DATE_FORMAT if f.id == "target_date" else "",
        )
        for f in recommendations.fields
    ]


def recommendation_values(rec: Recommendation | None) -> dict[str, str]:
    """The text of each field of the form for ``rec`` (empty for a new one)."""
    r = rec or Recommendation()
    values = {f: str(getattr(r, f)) for f in TEXT_FIELDS}
    values["target_date"] = uk(r.target_date)
    return values


def field_problem(field_id: str, text: str) -> str:
    """Why ``text`` cannot be the field's value, in one sentence, or ``""``."""
    if field_id == "recommendation" and not text.strip():
        return NEEDED
    if field_id == "target_date":
        return date_problem(text)
    return ""


def field_problems(values: Mapping[str, str]) -> dict[str, str]:
    """Why each refused field is refused, keyed by field id; empty if none is."""
    problems = {k: field_problem(k, values.get(k, "")) for k in ("recommendation", "target_date")}
    return {k: v for k, v in problems.items() if v}


def recommendation_from_fields(values: Mapping[str, str], rec_id: str = "") -> Recommendation:
    """The recommendation a finished form makes; :class:`RecordError` if a field is refused.

    ``rec_id`` is the recommendation edited (a new id when empty).
    """
    problems = field_problems(values)
    if problems:
        raise RecordError(problems)
    kwargs = {"id": rec_id} if rec_id else {}
    return Recommendation(
        **{f: values.get(f, "").strip() for f in TEXT_FIELDS},
        target_date=parse_optional_date(values.get("target_date", "")),
        **kwargs,
    )


def read_recommendation(values: Mapping[str, str], rec_id: str = "") -> RecordInput[Recommendation]:
    """The recommendation and problems a form's text makes (it has no warnings)."""
    problems = field_problems(values)
    record = None if problems else recommendation_from_fields(values, rec_id)
    return RecordInput(record, problems)


def salvage_recommendation(values: Mapping[str, str], rec_id: str = "") -> Recommendation:
    """A recommendation from an unfinished form: nothing typed is dropped.

    A target date that cannot be read is left empty and what was typed is kept in
    the actions, marked; an empty recommendation is kept empty.
    """
    kept = {f: values.get(f, "") for f in TEXT_FIELDS}
    target = values.get("target_date", "").strip()
    if date_problem(target):
        kept["actions"] = keep_note(f"(target date as typed: {target})", kept["actions"])
        target = ""
    kwargs = {"id": rec_id} if rec_id else {}
    return Recommendation(
        **{f: v.strip() for f, v in kept.items()},
        target_date=parse_optional_date(target),
        **kwargs,
    )


def too_many_note(count: int, max_advised: int) -> str:
    """The gentle note when ``count`` is more than advised, or ``""``."""
    return "" if count <= max_advised else TOO_MANY.format(count=count, max_advised=max_advised)


def recommendation_row(number: int, rec: Recommendation) -> list[str]:
    """The cells of its row in the numbered table: number, text, lead, target date."""
    return [str(number), rec.recommendation, rec.lead, uk(rec.target_date)]


def recommendation_summary(rec: Recommendation) -> str:
    """One line for a list: the recommendation cut short, then its lead and date."""
    extra = [x for x in (rec.lead, uk(rec.target_date)) if x]
    return one_line(rec.recommendation) + (f" ({', '.join(extra)})" if extra else "")


def recommendation_details(
    recommendations: Recommendations, rec: Recommendation
) -> list[tuple[str, str]]:
    """Every field the recommendation has, as ``(title, text)``, in the catalogue's order."""
    values = recommendation_values(rec)
    return [(f.title, values[f.id]) for f in recommendations.fields if values[f.id]]
