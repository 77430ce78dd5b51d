"""The language checks: blame and judgement, hindsight, labels about the adult."""

from __future__ import annotations

from imr_tui.checks.findings import Found
from imr_tui.checks.language_rules import LanguageRules
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review


def language(catalogue: Catalogue, review: Review, rules: LanguageRules) -> Found:
    """Every phrase a panel would object to, once per phrase and place."""
    return []
