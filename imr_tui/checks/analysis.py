"""The checks on analysis answers: too short to be analysis.

Thresholds come from the catalogue's ``[checks]`` table
(:class:`imr_tui.core.analysis_settings.AnalysisSettings`).
"""

from __future__ import annotations

from imr_tui.checks.findings import Finding, Found, step_orders
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.core.steps import steps


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
