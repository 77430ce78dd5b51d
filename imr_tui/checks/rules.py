"""The quality checks: completeness, abbreviations, chronology, recommendations, analysis.

Each check returns ``(order, finding)`` pairs; :func:`run_checks` sorts them into
template order. Thresholds and wording lists come from the catalogue's ``[checks]``
table (and ``chronology.gap_days``, ``recommendations.max_advised``), and the
abbreviations from the glossary, so a board or trainer can tune them without code.
"""

from __future__ import annotations

import re
from datetime import date

from imr_tui.checks.chronology import chronology
from imr_tui.checks.findings import Finding, Found, places, step_orders
from imr_tui.checks.glossary import Glossary
from imr_tui.checks.unknown_abbreviations import defined_abbreviations, unknown_abbreviations
from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.dates import uk
from imr_tui.core.model import Recommendation, Review
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


_FIELD_ADVICE = {
    "recommendation": "Say what must change, in one or two sentences.",
    "lead": "Name the role responsible for delivering it.",
    "target_date": "Give the date by which it will be done.",
    "resources": "Say what it needs, such as staff time, training or money, or that it needs none.",
    "evidence": "Say how you will know it has worked, for example an audit of records.",
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


def name_words(review: Review) -> set[str]:
    """The words of every name the review lists (adults, names to replace and their
    pseudonyms), case folded: a surname in capitals is not an abbreviation."""
    names = [a.name for a in review.adults]
    names += [t for p in review.pseudonyms for t in (p.name, p.alias)]
    return {w.strip("().,'’").casefold() for n in names for w in n.split()}


def _known_finding(abbr: str, glossary: Glossary) -> tuple[str, str]:
    meanings = glossary.expansions(abbr)
    if len(meanings) > 1:
        listed = "; ".join(meanings)
        message = f'"{abbr}" is an abbreviation with more than one meaning: {listed}.'
        advice = (
            f'Write out in full the meaning you intend, or give "{abbr}" the meaning you '
            "intend (or accept it) so the export's glossary lists it."
        )
    else:
        message = f'"{abbr}" is an abbreviation ({meanings[0]}).'
        advice = (
            f'Write "{meanings[0]}" in full, or accept "{abbr}" for this review so '
            "the export's glossary lists it."
        )
    return message, advice


def _which_meaning_finding(abbr: str, glossary: Glossary) -> tuple[str, str]:
    listed = "; ".join(glossary.expansions(abbr))
    message = f'"{abbr}" is accepted, but which meaning? It may mean: {listed}.'
    advice = (
        f'Give "{abbr}" the meaning you intend (m in the Check screen, or imr glossary '
        f'FILE mean {abbr} "..."), or write it out in full: a final report needs it.'
    )
    return message, advice


def defined_in_review(catalogue: Catalogue, review: Review) -> dict[str, str]:
    """The abbreviations the author's text defines itself (``a Public Protection Notice
    (PPN)``), case folded, with the meaning written there, first definition first."""
    found: dict[str, str] = {}
    for place in places(catalogue, review):
        for text in place.texts:
            for abbr, meaning in defined_abbreviations(text).items():
                found.setdefault(abbr.casefold(), meaning)
    return found


def _unknown_finding(abbr: str) -> tuple[str, str]:
    message = f'"{abbr}" looks like an abbreviation, and it is not in the glossary.'
    advice = (
        f'Write out in full what "{abbr}" stands for, give its meaning so the '
        f'export\'s glossary lists it, or accept "{abbr}" as written if it is no abbreviation.'
    )
    return message, advice


def abbreviations(catalogue: Catalogue, review: Review, glossary: Glossary) -> Found:
    """Every glossary abbreviation the author has not accepted, and every word that looks
    like an abbreviation the glossary does not know and has no meaning, once per place.

    The glossary's ``well_known`` abbreviations (``NHS``) are never reported; an
    abbreviation the author gave a meaning, or that the text defines itself (``a Public
    Protection Notice (PPN)``), is accepted; a word the glossary does not know that the
    author accepted is fine as written. An ambiguous one accepted with no meaning is
    still reported (which meaning?), as a final report needs one.
    """
    accepted = {a.casefold() for a in review.accepted_abbreviations}
    meant = {a.casefold() for a, m in review.abbreviation_meanings.items() if m.strip()}
    meant |= set(defined_in_review(catalogue, review))
    ignore = name_words(review)
    out: Found = []
    for place in places(catalogue, review):
        found: dict[str, tuple[str, bool]] = {}
        for n, text in enumerate(place.texts):
            field = place.fields[n] if n < len(place.fields) else ""
            for m in glossary.matches(text):
                found.setdefault(m.abbreviation, (field, True))
            for abbr in unknown_abbreviations(text, glossary, ignore):
                found.setdefault(abbr, (field, False))
        for abbr, (field, known) in found.items():
            key = abbr.casefold()
            if key in meant or (known and abbr in glossary.well_known):
                continue
            if key in accepted and not (known and glossary.is_ambiguous(abbr)):
                continue
            if key in accepted:
                message, advice = _which_meaning_finding(abbr, glossary)
            elif known:
                message, advice = _known_finding(abbr, glossary)
            else:
                message, advice = _unknown_finding(abbr)
            finding = Finding(
                "abbreviation",
                place.section_id,
                place.step_id,
                place.where,
                message,
                advice,
                abbr,
                place.record_id,
                field,
            )
            out.append((place.order, finding))
    return out


def used_abbreviations(catalogue: Catalogue, review: Review, glossary: Glossary) -> list[str]:
    """The glossary abbreviations used anywhere in the review, in order of first use."""
    texts = (t for place in places(catalogue, review) for t in place.texts)
    return list(dict.fromkeys(m.abbreviation for t in texts for m in glossary.matches(t)))


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


def analysis(catalogue: Catalogue, review: Review) -> Found:
    """Answers in the analysis sections too short to be analysis."""
    minimum = catalogue.checks.min_analysis_words
    sections = set(catalogue.checks.analysis_sections)
    all_steps = steps(catalogue, review)
    orders = step_orders(catalogue, all_steps)
    out: Found = []
    for step in all_steps:
        if step.removed or step.section.id not in sections:
            continue
        if step.heading_id:
            kept = review.heading_analysis.get(step.heading_id)
            text = kept.text if kept else ""
        elif step.prompt.kind in ("text", "long_text"):
            text = review.answer(step.prompt.id)
        else:
            continue
        words = len(text.split())
        if 0 < words < minimum:
            finding = Finding(
                "analysis",
                step.section.id,
                step.id,
                step.title,
                f"At {words} word{'s' if words != 1 else ''}, this answer is too short to be "
                f"analysis (at least {minimum} are expected).",
                "Say what happened, why, and whether practice met the standard expected, "
                "referring to chronology dates.",
            )
            out.append((orders[step.id], finding))
    return out


def run_checks(
    catalogue: Catalogue, review: Review, glossary: Glossary, today: date | None = None
) -> list[Finding]:
    """Every finding, ordered by section (template order) then place in the section."""
    found = [
        *completeness(catalogue, review),
        *analysis(catalogue, review),
        *chronology(catalogue, review),
        *recommendations(catalogue, review, today or clock.today()),
        *abbreviations(catalogue, review, glossary),
    ]
    found.sort(key=lambda pair: pair[0])
    return [f for _, f in found]
