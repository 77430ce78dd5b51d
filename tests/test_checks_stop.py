"""A closing app stops the checks between families instead of waiting for all of them."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from imr_tui.checks import load_glossary, run_checks
from imr_tui.checks.rules import ChecksStopped
from imr_tui.core.catalogue import Catalogue

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synth import review as synthetic_review

TODAY = date(2025, 6, 1)


def test_stop_is_asked_between_families_and_ends_the_run(catalogue: Catalogue) -> None:
    review = synthetic_review(catalogue, 50)
    glossary = load_glossary()
    asked: list[int] = []

    def stop_after_two() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(ChecksStopped):
        run_checks(catalogue, review, glossary, TODAY, stop=stop_after_two)
    assert len(asked) == 3


def test_never_stopped_gives_the_same_findings(catalogue: Catalogue) -> None:
    review = synthetic_review(catalogue, 50)
    glossary = load_glossary()
    asked: list[int] = []

    def never() -> bool:
        asked.append(1)
        return False

    found = run_checks(catalogue, review, glossary, TODAY, stop=never)
    assert found == run_checks(catalogue, review, glossary, TODAY)
    assert found and len(asked) == 7
