"""The checks on analysis answers: too short to be analysis, describing rather than
analysing, and analysis with no chronology date or source.

Thresholds and word lists come from the catalogue's ``[checks]`` table
(:class:`imr_tui.core.analysis_settings.AnalysisSettings`). An answer to a prompt that
allows "nothing to add" which says so (``There are no further features requiring
comment.``) is a full answer: none of these rules applies to it.
"""

from __future__ import annotations

from imr_tui.checks.analysis_text import Reader, Reading, has_date, says_nothing_to_add
from imr_tui.checks.findings import Finding, Found, step_orders
from imr_tui.core.analysis_settings import AnalysisSettings
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.core.steps import Step, steps, written_text

_WHY_SHORT = (
    "A panel needs to see why things happened and whether practice met the standard; a "
    "few words cannot show either."
)
_WHY_DESCRIBES = (
    "Analysis explains why things happened and whether practice met the standard "
    "expected; the chronology already says what happened."
)
_ADVICE_DESCRIBES = (
    "Keep only the dates that matter, then say why it happened, what shaped the decisions "
    "at the time, and whether practice met the policy or standard, naming it."
)
_REWRITE_DESCRIBES = (
    "On [date] [what happened]; [who] [did what] because [what shaped it at the time]. "
    "This [met / did not meet] [the policy or standard], which meant [the effect on the "
    "adult]."
)
_WHY_UNREFERENCED = (
    "A panel tests each point against the chronology and the records; analysis that "
    "points to neither cannot be checked."
)
_REWRITE_UNREFERENCED = (
    "The entry of [date] in [the record] shows [what]; [the policy], which asks staff to "
    "[standard], was [met / not met] because [reason]."
)


def says_nothing_more(step: Step, text: str, settings: AnalysisSettings) -> bool:
    """Whether ``text`` is a full answer saying there is nothing to add, where the
    prompt allows one: a short answer with a sentence of
    :attr:`AnalysisSettings.nothing_to_add`."""
    if not step.prompt.allows_none or step.heading_id:
        return False
    limit = max(settings.min_analysis_words, settings.min_reference_words, 1)
    return len(text.split()) < limit and says_nothing_to_add(text, settings.nothing_to_add)


def _finding(step: Step, rule: str, message: str, advice: str, why: str, rewrite: str) -> Finding:
    return Finding(
        "analysis",
        step.section.id,
        step.id,
        step.title,
        message,
        advice,
        rule=rule,
        why=why,
        rewrite=rewrite,
    )


def _too_short(step: Step, words: int, minimum: int) -> Finding:
    return _finding(
        step,
        "too_short",
        f"At {words} word{'s' if words != 1 else ''}, this answer is too short to be "
        f"analysis (at least {minimum} are expected).",
        "Say what happened, why, and whether practice met the standard expected, "
        "referring to chronology dates.",
        _WHY_SHORT,
        "",
    )


def describes(reading: Reading, settings: AnalysisSettings) -> bool:
    """Whether an answer read as ``reading`` describes rather than analyses."""
    total = reading.sentences
    if total < settings.describes_min_sentences:
        return False
    return (
        reading.narrative >= settings.describes_min_narrative_share * total
        and reading.reasoning <= settings.describes_max_reasoning_share * total
    )


def _describes(step: Step, reading: Reading) -> Finding:
    told = reading.narrative
    reasons = (
        "none says"
        if reading.reasoning == 0
        else f"only {reading.reasoning} {'says' if reading.reasoning == 1 else 'say'}"
    )
    return _finding(
        step,
        "describes",
        f"This answer describes rather than analyses: {told} of its {reading.sentences} "
        f"sentences retell events, and {reasons} why they happened or whether practice met "
        "the standard.",
        _ADVICE_DESCRIBES,
        _WHY_DESCRIBES,
        _REWRITE_DESCRIBES,
    )


def _unreferenced(step: Step) -> Finding:
    return _finding(
        step,
        "unreferenced",
        "This is analysis with no date or source: it names no chronology date and no "
        "record, policy or interview, so the panel cannot check it.",
        "Name the chronology dates and the record, policy or interview each point rests on.",
        _WHY_UNREFERENCED,
        _REWRITE_UNREFERENCED,
    )


def analysis(catalogue: Catalogue, review: Review) -> Found:
    """Answers in the analysis sections too short to be analysis, describing rather
    than analysing, or with no chronology date or source."""
    settings = catalogue.checks
    minimum = settings.min_analysis_words
    sections = set(settings.analysis_sections)
    reader = Reader.of(
        settings.reasoning_words,
        settings.stock_phrases,
        settings.narrative_words,
        settings.source_words,
        settings.source_titles,
    )
    all_steps = steps(catalogue, review)
    orders = step_orders(catalogue, all_steps)
    out: Found = []
    for step in all_steps:
        if step.removed or step.section.id not in sections:
            continue
        text = written_text(step, review)
        if text is None or not text.strip() or says_nothing_more(step, text, settings):
            continue
        words = len(text.split())
        found: list[Finding] = []
        # Where "nothing to add" is a full answer (particular features), so is one short
        # comment: only a set question or a Terms of Reference heading must be analysis.
        brief_is_enough = step.prompt.allows_none and not step.heading_id
        if words < minimum and not brief_is_enough:
            found.append(_too_short(step, words, minimum))
        reading = reader.reads(text)
        if reader.reasoning is not None and describes(reading, settings):
            found.append(_describes(step, reading))
        limit = settings.min_reference_words
        if limit and words >= limit and not has_date(text) and not reader.has_source(text):
            found.append(_unreferenced(step))
        out.extend((orders[step.id], f) for f in found)
    return out
