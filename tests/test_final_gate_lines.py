"""The final report's gate names every place that stops it, one line each, even when one
record of a prompt has a completeness finding of its own."""

from __future__ import annotations

from imr_tui.checks import Glossary, load_glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.report.final_gate import final_problems


def test_a_placeholder_lead_does_not_hide_another_recommendations_empty_date(
    catalogue: Catalogue,
) -> None:
    from test_final_export import completed

    glossary: Glossary = load_glossary()
    review = completed(catalogue)
    assert final_problems(review, catalogue, glossary) == []
    first, second = review.recommendations[0], review.recommendations[1]
    first.lead = "TBC"
    second.target_date = None
    problems = final_problems(review, catalogue, glossary)
    assert any("recommendation 1" in p.lower() and "lead" in p.lower() for p in problems)
    assert any("Recommendation 2" in p and "Target date" in p for p in problems), problems
