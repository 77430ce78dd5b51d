"""The fictional whole review the plain-mode bench types, as abstract answers.

Each step is keyed by the title plain mode prints for it; what is sent for it is
decided by the bench from what the program asks (a menu, a yes/no question, a one-line
or a long answer), so the same review drives either asker and any menu order.
Every name, place and event here is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Long = tuple[str, ...]
"""A long answer: its lines."""

Answer = str | Long


@dataclass
class StepPlan:
    """What the author gives at one step: one answer, or records field by field."""

    answer: Answer = ""
    records: list[dict[str, Answer]] = field(default_factory=list)
    """Each record's fields by the field's title as asked (the first one starts a record)."""


TYPED_ONE_BY_ONE = "Northshire Community Health NHS Trust"
"""The first one-line answer, typed one character per write to measure the bytes sent back."""

HEADING = "How well did agencies share information about Mrs Hollins?"

REVIEW: dict[str, StepPlan] = {
    "Name of agency": StepPlan(TYPED_ONE_BY_ONE),
    "Name of adult(s) and date of birth": StepPlan(
        records=[{"Full name": "Dorothy Hollins", "Date of birth": "02/03/1941"}]
    ),
    "Names to replace in an anonymised export": StepPlan(
        records=[
            {
                "Name as written": "Dorothy Hollins",
                "Replace with": "Adult A",
                "Who they are": "adult",
            }
        ]
    ),
    "Author's name": StepPlan("Sam Revie"),
    "Author's role": StepPlan("Named nurse for safeguarding adults"),
    "Author's agency": StepPlan("Northshire Community Health NHS Trust"),
    "Author's contact details": StepPlan("sam.revie@example.org, 01632 960 123"),
    "Date of completion of IMR": StepPlan("14/11/2025"),
    "Name or reference of the review": StepPlan("Safeguarding Adults Review: Adult A"),
    "Review period": StepPlan(
        records=[
            {"Start of the review period": "01/02/2025", "End of the review period": "31/10/2025"}
        ]
    ),
    "Terms of Reference headings": StepPlan(records=[{"Heading or key line of enquiry": HEADING}]),
    "Summary of involvement": StepPlan(
        (
            "The district nursing team visited Mrs Hollins at home from February to",
            "October 2025 to dress a leg ulcer.",
            "",
            "She lived alone and declined help with washing twice; both decisions were",
            "recorded. Her weight fell from 56 to 49 kilograms over the period.",
        )
    ),
    "Sources of information": StepPlan(
        (
            "Electronic patient record, district nursing notes.",
            "Safeguarding team log.",
        )
    ),
    "Chronology of agency involvement": StepPlan(
        records=[
            {
                "Date": "11/03/2025",
                "Time": "10:05",
                "Source of information": "Electronic patient record, district nursing notes",
                "Practitioner (name and role)": "Amy Hart, staff nurse",
                "Type of contact": "Home visit",
                "Event / what happened": (
                    "Leg ulcer dressed; it measured 4 by 3 centimetres.",
                    "Weight recorded as 56 kilograms.",
                ),
                "Action taken or decision": ("Offered a referral to adult social care.",),
                "Outcome": ("Mrs Hollins declined; her decision was recorded.",),
            },
            {
                "Date": "02/06/2025",
                "Source of information": "Electronic patient record, district nursing notes",
                "Practitioner (name and role)": "Amy Hart, staff nurse",
                "Type of contact": "Telephone call",
                "Event / what happened": (
                    "Mrs Hollins cancelled the visit, saying she was tired.",
                ),
                "Action taken or decision": ("Visit moved to the next day.",),
                "Outcome": ("Seen the next day; weight 52 kilograms.",),
            },
            {
                "Date": "20/09/2025",
                "Time": "14:30",
                "Source of information": "Safeguarding team log",
                "Practitioner (name and role)": "Lee Morgan, safeguarding lead",
                "Type of contact": "Referral",
                "Event / what happened": ("Concern raised about weight loss and self-neglect.",),
                "Action taken or decision": ("Referral made to adult social care the same day.",),
                "Outcome": ("Joint visit arranged for the following week.",),
            },
        ]
    ),
    HEADING: StepPlan(
        (
            "Information about the weight loss stayed in the nursing notes until",
            "September; it was not shared with the GP practice, because the team had",
            "no agreed route for sharing a concern short of a safeguarding referral.",
        )
    ),
    "Were practitioners sensitive to the adult's needs?": StepPlan(
        ("Staff respected her wish to stay at home and recorded her decisions.",)
    ),
    "Was mental capacity assessed and recorded?": StepPlan(
        (
            "Capacity was assumed and not assessed when she declined help, although",
            "her weight was falling; the policy asks for an assessment in that case.",
        )
    ),
    "Particular features that need further comment": StepPlan(("Nothing to add.",)),
    "Lessons for safeguarding adults": StepPlan(
        ("Repeated refusals alongside weight loss should prompt a capacity assessment.",)
    ),
    "Recommendations for action": StepPlan(
        records=[
            {
                "Recommendation": (
                    "Northshire Community Health NHS Trust should agree a route for",
                    "sharing concerns about weight loss with GP practices.",
                ),
                "Action(s)": ("Write the route into the district nursing standard.",),
                "Lead": "Head of district nursing",
                "Target date": "31/03/2026",
                "Resources / cost": "Within existing resources",
                "How impact will be evidenced": ("An audit of 20 records in June 2026.",),
            },
            {
                "Recommendation": (
                    "District nurses should assess mental capacity when an adult refuses",
                    "care while losing weight.",
                ),
                "Lead": "Named nurse for safeguarding adults",
                "Target date": "30/06/2026",
            },
        ]
    ),
    "Name of the endorsing senior officer": StepPlan("Jo Patel"),
    "Role of the endorsing senior officer": StepPlan("Director of Nursing"),
}


def author_texts() -> list[str]:
    """Every piece of text the author types, one line each (for telling echo from prompts)."""
    texts: list[str] = []

    def add(answer: Answer) -> None:
        texts.extend([answer] if isinstance(answer, str) else list(answer))

    for title, plan in REVIEW.items():
        if title == HEADING:
            texts.append(title)
        add(plan.answer)
        for record in plan.records:
            for value in record.values():
                add(value)
    return [t for t in texts if t.strip()]


def prompts_answered() -> int:
    """The steps of the review the script gives an answer at."""
    return sum(1 for plan in REVIEW.values() if plan.answer or plan.records)
