"""Language checks tuned on the released second fresh set, by class of wording: each
class with a sentence of its own and a near miss (a thing failing, a contrast, an open
question, a procedure's name, someone else known to the police, how staff treated her).
"""

from __future__ import annotations

from datetime import date

import pytest

from imr_tui.checks.language import language
from imr_tui.checks.language_rules import shipped_language
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import ReviewPeriod
from imr_tui.core.store import new_review


def _rules(catalogue: Catalogue, text: str) -> list[str]:
    review = new_review(catalogue)
    review.review_period = ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31))
    review.answers = {"summary": text}
    return [f.rule for _, f in language(catalogue, review, shipped_language())]


FOUND = [
    # foresight claimed for anyone, or the outcome certain
    ("hindsight", "Anyone could have predicted that she would fall again."),
    ("hindsight", "It was a decline that anybody could have seen coming."),
    ("hindsight", "It is obvious now that the visits should have been daily."),
    ("hindsight", "By the June visit her decline was obvious."),
    ("hindsight", "A referral in May would have changed everything for her."),
    # a procedure that "asks" is not someone's view reported
    (
        "hindsight",
        "With a sensor fitted, as the falls pathway asks for anyone who has fallen, the "
        "fall would not have happened.",
    ),
    # character judgements and idioms
    ("blame", "Her son was an unpleasant, controlling man."),
    ("blame", "Some of the carers were simply not up to the job."),
    # labels: a victim who will not help, a choice, known to the police
    ("label", "The officer described her as a reluctant witness."),
    ("label", "She had chosen to stay in the cold flat for years."),
    ("label", "She was well known to the police."),
    ("label", "She was a nuisance to the night staff."),
]

NEAR = [
    "Whether a visit in May would have prevented the fall cannot be known.",
    "The referral sent on 3 April failed to reach the falls team.",
    "This was a gap in training rather than a fault of the nurse.",
    "The frequent caller procedure asks for a review after three calls.",
    "Every case with a carer known to the police is discussed at the monthly meeting.",
    "The night staff treated her as a nuisance when she rang her bell at night.",
    "The manager's statement makes it plain this was a gap in the rota.",
    "The flat had an unpleasant smell of damp.",
    "The dressing change was unpleasant, so it was moved to the afternoon.",
    "The nurse had an unpleasant visit to the flat on 3 April.",
]


@pytest.mark.parametrize(("rule", "text"), FOUND)
def test_each_class_of_wording_is_found(catalogue: Catalogue, rule: str, text: str) -> None:
    assert rule in _rules(catalogue, text)


@pytest.mark.parametrize("text", NEAR)
def test_near_misses_are_not_found(catalogue: Catalogue, text: str) -> None:
    assert _rules(catalogue, text) == []
