"""Language and analysis checks tuned on the released fresh set: each class of wording
with a sentence of its own and a near miss, the adult's judgement reported with advice
about the adult, and every rewrite an example sentence rather than an instruction.
"""

from __future__ import annotations

from datetime import date

import pytest

from imr_tui.checks.analysis import analysis
from imr_tui.checks.findings import Finding
from imr_tui.checks.language import language
from imr_tui.checks.language_rules import shipped_language
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review, ReviewPeriod
from imr_tui.core.store import new_review


def _review(catalogue: Catalogue, text: str) -> Review:
    review = new_review(catalogue)
    review.review_period = ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31))
    review.answers = {"summary": text}
    return review


def _found(catalogue: Catalogue, text: str) -> list[Finding]:
    review = _review(catalogue, text)
    return [f for _, f in language(catalogue, review, shipped_language())]


FOUND = [
    ("blame", "The doctor showed a complete lack of interest in the bruising."),
    ("blame", "Her neglect of herself reflects an attitude problem."),
    ("blame", "The coordinator was thoughtless in leaving the visits in the morning."),
    ("blame", "Some carers simply did not care about her."),
    ("blame", "The manager was more interested in defending the team than in listening."),
    ("blame", "It has to be said that the fall was her own fault."),
    ("blame", "A failure of the nurse to act."),
    ("hindsight", "A referral in May would have prevented the ulcer."),
    (
        "hindsight",
        "The outcome would have been different if the team leader had escalated on 14 March.",
    ),
    ("hindsight", "Her decline was obvious to anyone who visited."),
    ("hindsight", "It was clear from the start that she could not manage."),
    ("hindsight", "It is self-evident that two visits a week were never going to be enough."),
    ("hindsight", "With what we now know, this was sepsis."),
    ("hindsight", "Any experienced nurse would have seen it."),
    ("hindsight", "Inviting housing would have guaranteed that the flat was seen."),
    ("label", "She was a poor engager with every agency."),
    ("label", "Crews saw her as a regular caller."),
    ("label", "Staff found it hard to help someone who refused to engage."),
    ("label", "Mrs Penrose chose to live without heating."),
]

NEAR = [
    "A failure of the referral route meant twelve days were lost.",
    "The referral process failed Mrs Penrose: the form went to the wrong team.",
    "Against the Self-Neglect Guidance the visit fell short: no concern was raised.",
    "There was a lack of professional curiosity, which the training had not covered.",
    "It may be that an earlier referral would have prevented the ulcer.",
    "It is not possible to say whether the outcome would have been different.",
    "It was clear from the notes that she wanted afternoon visits.",
    "What we know of her wishes comes from the nursing notes.",
    "Mrs Penrose chose to have her dressing done in the kitchen because the light was better.",
    "Visits continued, which respected her choice to stay at home.",
    "A label like non-compliant closes a conversation a question would open.",
    "Her daughter said she was a regular visitor to the library.",
]


@pytest.mark.parametrize(("rule", "text"), FOUND)
def test_each_class_of_wording_is_found(catalogue: Catalogue, rule: str, text: str) -> None:
    assert rule in [f.rule for f in _found(catalogue, text)]


@pytest.mark.parametrize("text", NEAR)
def test_near_misses_are_not_found(catalogue: Catalogue, text: str) -> None:
    assert _found(catalogue, text) == []


def test_a_judgement_of_the_adult_gets_advice_about_the_adult(catalogue: Catalogue) -> None:
    (f,) = _found(catalogue, "Mrs Penrose was manipulative and obstructive.")
    assert f.rule == "blame"
    assert "judges the adult" in f.message
    assert "what they wanted" in f.advice
    assert "workload" not in f.advice and "supervision" not in f.advice
    assert f.rewrite.startswith("She ")


def test_staff_and_adult_judgements_each_get_their_own_advice(catalogue: Catalogue) -> None:
    found = _found(catalogue, "The nurse was obstructive. Mrs Penrose was manipulative.")
    assert [f.rule for f in found] == ["blame", "blame"]
    staff, adult = found
    assert '"obstructive" blames a person' in staff.message
    assert "workload" in staff.advice and "She " not in staff.rewrite
    assert '"manipulative" judges the adult' in adult.message
    assert "what they wanted" in adult.advice


def test_every_rewrite_is_an_example_sentence() -> None:
    rules = shipped_language()
    instructions = ("Describe", "Say ", "Name ", "Record ", "Write ")
    texts = [rules.defaults.blame.rewrite, rules.defaults.hindsight.rewrite]
    texts.append(rules.defaults.label.rewrite)
    for rule in ("blame", "hindsight", "label"):
        for entry in rules.entries(rule):
            texts += [t for t in (entry.rewrite, entry.rewrite_adult) if t]
    assert [t for t in texts if t.startswith(instructions)] == []


def _describes(catalogue: Catalogue, text: str) -> bool:
    review = Review()
    review.set_answer("q_assessment", text)
    return any(f.rule == "describes" for _, f in analysis(catalogue, review))


def test_since_as_a_reason_counts_as_reasoning(catalogue: Catalogue) -> None:
    text = (
        "On 3 April 2025 the nurse offered a referral to the falls team. "
        "It is not possible to say whether she would have accepted it, since she had "
        "declined similar offers on 30 April and 12 August. "
        "On 20 May 2025 the nurse visited again."
    )
    assert not _describes(catalogue, text)
    assert _describes(catalogue, text.replace(", since she had", ". She had"))


def test_a_lower_case_retelling_describes(catalogue: Catalogue) -> None:
    text = (
        "mrs penrose was seen on 3 april 2025 by the nurse. she was seen on 20 may 2025 "
        "by another nurse who changed the dressing. she was seen again on 17 june 2025. "
        "the next contact was 8 july 2025 when housing rang the office"
    )
    assert _describes(catalogue, text)
    assert not _describes(catalogue, text.replace("office", "office because of the smell"))


def test_stock_praise_is_not_reasoning(catalogue: Catalogue) -> None:
    text = (
        "On 8 July 2025 the duty nurse took the call from the housing officer. "
        "On 14 August 2025 the allocated nurse visited Mrs Penrose at home. "
        "On 2 September 2025 she was found on the floor and admitted to hospital. "
    )
    assert _describes(catalogue, text + "Good practice was evident throughout.")
    assert not _describes(catalogue, text + "This was good practice, as the policy asks.")


def test_according_to_the_visit_log_names_a_source(catalogue: Catalogue) -> None:
    text = (
        "Four of the five declined visits were in the morning{}. This suggests pain, not "
        "reluctance, was behind them, because she had told nurses her legs were worst "
        "before her tablets took effect. The scheduling system could not hold a "
        "preferred time, so her request for afternoon visits was lost."
    )

    def unreferenced(answer: str) -> bool:
        review = Review()
        review.set_answer("q_assessment", answer)
        return any(f.rule == "unreferenced" for _, f in analysis(catalogue, review))

    assert not unreferenced(text.format(", according to the visit log"))
    assert unreferenced(text.format(", more than the afternoon ones"))


def test_a_duty_nurse_is_no_reasoning(catalogue: Catalogue) -> None:
    text = (
        "On 8 July 2025 the duty nurse took the call from the housing officer. "
        "On 14 August 2025 the allocated nurse visited Mrs Penrose at home. "
        "On 2 September 2025 she was found on the floor and admitted to hospital."
    )
    assert _describes(catalogue, text)
    assert not _describes(catalogue, text + " The team had a duty to assess her, which it met.")


def test_advice_about_the_adult_does_not_assume_who_they_are(catalogue: Catalogue) -> None:
    """Mr Tully is no "she": the advice and why of labels and judgements of the adult are
    written of "the person" (an example sentence may still tell one case)."""
    import re

    for text in ("Mr Tully was non-compliant with his tablets.", "Mr Tully was manipulative."):
        found = _found(catalogue, text)
        assert found, text
        for f in found:
            said = f"{f.why} {f.advice}"
            assert not re.search(r"\b(she|her|hers|herself)\b", said, re.IGNORECASE), said


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("blame", "This was a serious failing by the nurse."),
        ("blame", "The call was wrongly triaged by the handler."),
        ("blame", "The handler made a poor decision under pressure."),
        ("hindsight", "Nothing more could have been done for him."),
        ("hindsight", "The team did everything they could for him."),
        ("hindsight", "She was always going to be a difficult case."),
    ],
)
def test_judgements_and_certainty_a_trainer_pasted(
    catalogue: Catalogue, rule: str, text: str
) -> None:
    assert rule in {f.rule for f in _found(catalogue, text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "She said she was always going to refuse a care home.",
        "The team decided that nothing more could be done without her agreement.",
        "The wound was wrongly labelled on the chart, and the pharmacist corrected it.",
    ],
)
def test_their_near_misses_stay_clean(catalogue: Catalogue, text: str) -> None:
    assert {f.rule for f in _found(catalogue, text)} <= set(), text
