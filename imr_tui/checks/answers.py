"""Checks on answers as a whole: answers that say nothing, dates that cannot be right."""

from __future__ import annotations

from datetime import date

from imr_tui.checks.findings import Found
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review


def answers(catalogue: Catalogue, review: Review, today: date) -> Found:
    """Answers that only fill the space, and dates of completion or endorsement that
    cannot be right."""
    return []
