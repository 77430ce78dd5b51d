"""The language checks' phrase lists: what must be found (with inflections, capitals,
curly apostrophes, line breaks inside a phrase) and the near misses that must not be
(quotations, negation, things rather than people, reported words).
"""

from __future__ import annotations

from datetime import date

import pytest

from imr_tui.checks.language import language
from imr_tui.checks.language_rules import shipped_language
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import ReviewPeriod
from imr_tui.core.store import new_review


def _rules_found(catalogue: Catalogue, text: str) -> list[str]:
    review = new_review(catalogue)
    review.review_period = ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31))
    review.answers = {"summary": text}
    return [f.rule for _, f in language(catalogue, review, shipped_language())]


FOUND = [
    ("blame", "The nurse failed to refer her to adult social care."),
    ("blame", "Staff are failing to record declined visits."),
    ("blame", "Nurse Grant FAILS TO record the visits."),
    ("blame", "The team leader failed\nto escalate the concern."),
    ("blame", "This was a failure of the nurse to act."),
    ("blame", "The nurse was clearly negligent."),
    ("blame", "Their negligence put her at risk."),
    ("blame", "The carers were lazy and did the minimum."),
    ("blame", "An incompetent assessment by the social worker."),
    ("blame", "Careless record keeping by the ward."),
    ("blame", "The nurse should be disciplined."),
    ("blame", "This was poor practice by Nurse Hart."),
    ("blame", "There is no excuse for this."),
    ("blame", "The delay was unacceptable."),
    ("blame", "Mrs Marlow was difficult and obstructive."),
    ("blame", "She was manipulative with the carers."),
    ("blame", "She was attention-seeking when staff visited."),
    ("blame", "The nurse was obstructive at the meeting."),
    ("blame", "The nurses failed Mrs Marlow at every turn."),
    ("blame", "Nurse Grant couldn’t be bothered to stay."),
    ("blame", "Staff not only failed to refer her but also lost the letter."),
    ("blame", "The author felt that the nurse failed to listen to her."),
    ("blame", "She said the nurse was kind; the nurse was lazy about records."),
    ("hindsight", "An earlier referral would have prevented her fall."),
    ("hindsight", "She would not have died if the nurse had visited."),
    ("hindsight", "She would have survived with a care package."),
    ("hindsight", "The nurse should have known she was at risk."),
    ("hindsight", "Staff should have realised that the house was cold."),
    ("hindsight", "It is obvious that the referral was needed."),
    ("hindsight", "The team clearly should have escalated."),
    ("hindsight", "The team could easily have arranged a visit."),
    ("hindsight", "Had they referred her in May, she would have been safe."),
    ("hindsight", "Her admission was inevitable."),
    ("hindsight", "With hindsight it is clear that she was at risk."),
    ("hindsight", "Her death was preventable."),
    ("hindsight", "With hindsight, the nurses should have acted sooner."),
    ("hindsight", "An earlier referral would have led to an assessment."),
    ("label", "Mrs Marlow was non-compliant with her medication."),
    ("label", "She was non compliant with her bandages."),
    ("label", "She was noncompliant."),
    ("label", "Her non‑compliance was recorded."),
    ("label", "She was non-concordant with treatment."),
    ("label", "She refused to engage with the district nurses."),
    ("label", "She refuses to engage."),
    ("label", "She didn’t engage with the offer."),
    ("label", "Mrs Marlow did not engage with services."),
    ("label", "She had disengaged by June."),
    ("label", "She chose to live in squalor."),
    ("label", "Her self-neglect was a lifestyle choice."),
    ("label", "She was unwilling to accept help."),
    ("label", "She was uncooperative with the carers."),
    ("label", "She was a frequent flyer at the emergency department."),
    ("label", "She was a bed blocker."),
    ("label", "She was well known to services."),
    ("label", "Mrs Marlow was challenging."),
    ("label", "She failed to attend the clinic."),
    # words joined by hyphens find a phrase written with spaces
    ("label", "He was treated as a frequent-flyer by the crews."),
    ("label", "The district had many hard-to-engage older men."),
    # a plural names who a judgement is about ("residents who chose to")
    ("label", "The nurses visited residents who chose to stay in bed all day."),
    # a person before a preposition is the subject, whatever follows it
    ("blame", "The nurse responsible for the referral failed to chase it."),
    # judging a person's character
    ("blame", "Mr Adebayo was stubborn and ungrateful."),
    ("blame", "She was nasty to the carers when they were late."),
    ("blame", "The daughter was abusive to staff on the phone."),
    ("blame", "Her brother was an awkward and demanding man."),
    ("blame", "It was a catalogue of errors from start to finish."),
    ("blame", "The team fell well short."),
    # hindsight: passive forms, certainty about what would have happened
    ("hindsight", "Her weight loss should have been picked up by the team."),
    ("hindsight", "I am certain that an assessment would have changed things."),
    ("hindsight", "With a care package she would have lived."),
    ("hindsight", "It was a preventable death."),
    ("hindsight", "Her fall was an accident waiting to happen."),
    ("hindsight", "Staff clearly missed the signs."),
    ("hindsight", "With hindsight, the nurse should have referred her at the time."),
    ("hindsight", "The nurses missed obvious signs of neglect."),
    # labels in other words
    ("label", "She had a drink problem."),
    ("label", "He lived in squalor by choice."),
    ("label", "He was a poor historian."),
    ("label", "She was service-resistant."),
    ("label", "pt won't engage with the DN team."),
    ("label", "She was hard to help."),
    ("blame", "The carer chose to ignore the pressure sore."),
    ("blame", "Staff should know better."),
    ("hindsight", "Offered a care package, she would have accepted it."),
]


@pytest.mark.parametrize(("rule", "text"), FOUND)
def test_each_rule_finds_its_phrases(catalogue: Catalogue, rule: str, text: str) -> None:
    assert rule in _rules_found(catalogue, text)


NOT_FOUND = [
    'She said she "did not engage with social workers" because of how her husband was treated.',
    "The discharge letter calls her “non-compliant with medication”.",
    "Her son said she 'chose to stay at home' whatever happened.",
    "The nurse wrote: 'Mrs Marlow\nrefused to engage again'.",
    'The GP letter described her as "non-compliant with medication".',
    "The boiler failed twice in March.",
    "There was a failed delivery of her medication.",
    "The referral failed to arrive at the team.",
    "The fax failed to send.",
    "There is no evidence that staff failed to follow the policy.",
    "It cannot be said that an earlier visit would have prevented the fall.",
    "It is not possible to say whether she would have survived.",
    "She was not non-compliant: the tablets made her dizzy.",
    "It was difficult to arrange a visit.",
    "It was a very difficult time for the family.",
    "She found it very difficult to walk.",
    "She chose the blue chair.",
    "The team leader chose to escalate the concern the same day.",
    "The GP did not engage with the meeting.",
    "She did not attend the clinic; she said she had no transport.",
    "She declined the visit and said she was tired.",
    "The ward was chaotic that evening.",
    "The lifestyle section of the form was left blank.",
    "She had said she would have liked more visits.",
    "The policy says staff should raise a concern when self-neglect may put her at risk.",
    "An assessment at this point may have shown that her needs had changed.",
    "The house was hard to reach by car.",
    "Mary's daughter didn't know; the nurses' view was that she was safe.",
    "Her daughter felt that the nurses had failed her mother.",
    "The crew felt it was inevitable that she would be admitted.",
    "Had she agreed, the nurse would have arranged a referral.",
    "Access to the property was challenging because of the stairs.",
    "The care plan failed to reflect her wishes.",
    "She was admitted with chronic obstructive pulmonary disease.",
    "It is easy with hindsight to see the pattern; at the time each visit stood alone.",
    "It is only in retrospect that the pattern can be seen.",
    "It is possible that an earlier referral would have led to an assessment.",
    # a thing is the subject, however far before the phrase
    "The letter from the continence service failed to arrive before the visit.",
    "Access to the flat was awkward because of the stairs.",
    "The role of team leader is demanding.",
    "The patient's nurses chose to visit in pairs.",
    # owning the hindsight, set against what was known at the time
    "In hindsight the three missed appointments read as a warning. At the time each had a "
    "reason the nurse recorded.",
    # what staff are to do in general is no hindsight about this case
    "Training will help nurses recognise obvious signs of self-neglect.",
    # a standard's "should", a doubt, an observation at the time
    "She should have been seen by the GP within two weeks, as the pathway requires.",
    "It is not certain that an assessment would have changed things.",
    "Her pleasure at the visit was obvious.",
    # things, quantities and standards
    "She had a nasty fall in the garden.",
    "Her son was abusive to her, the police recorded.",
    "A handful of visits were missed.",
    "The record fell short of the Pressure Ulcer Policy, because the template had no field.",
    "The team was not compliant with the record-keeping standard.",
    "She described her drinking as a problem she wanted help with.",
    "The carers chose to visit in pairs after the incident.",
    "She told the nurse she would have accepted a visit in the afternoon.",
    "It was hard to help her because the stairs were blocked.",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_near_misses_are_not_found(catalogue: Catalogue, text: str) -> None:
    assert _rules_found(catalogue, text) == []
