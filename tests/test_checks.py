"""Quality checks find what they should and nothing else; the report; the export glossary."""

from __future__ import annotations

import copy
import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import tomli_w

from imr_tui.checks import (
    Finding,
    Glossary,
    find_abbreviations,
    findings_by_section,
    findings_by_step,
    load_glossary,
    report,
    run_checks,
    used_abbreviations,
)
from imr_tui.core.catalogue import Catalogue, Checks, default_prompts_dir, load_catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.core.session import Session
from imr_tui.core.store import save
from imr_tui.report import blocks as b
from imr_tui.report.glossary_section import glossary_blocks
from imr_tui.report.markdown import to_markdown
from imr_tui.report.walker import walk

if TYPE_CHECKING:
    from conftest import Imr

TODAY = date(2026, 11, 25)
# Forty-odd plain words: long enough to count as analysis, reasoned, with a date (so the
# panel can check it against the chronology) and no abbreviation in it.
PROSE = (
    "Nurses visited twice each week and recorded what they saw in detail, but they did not "
    "connect the refusals of care with the weight loss, so nobody asked whether the adult "
    "was neglecting herself or raised the concern with a manager on 5 March 2024."
)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def entry(
    day: str, eid: str, source: str = "Electronic patient record", **cells: str
) -> ChronologyEntry:
    cells = {"event": f"Home visit on {day}; wound dressed.", **cells}
    return ChronologyEntry(id=eid, date=day, source=source, cells=cells)


def recommendation(n: int, **changes: Any) -> Recommendation:
    fields: dict[str, Any] = {
        "id": f"r{n}",
        "recommendation": f"Nurses record every refusal of care (change {n}).",
        "actions": "Add a refusal template to the record.",
        "lead": "Head of Community Nursing",
        "target_date": date(2027, 3, 31),
        "resources": "Two days of developer time.",
        "evidence": "An audit of 30 records shows refusals recorded in 90% of cases.",
    }
    fields.update(changes)
    return Recommendation(**fields)


def complete(catalogue: Catalogue) -> Review:
    """A review that answers everything and gives no check anything to find."""
    review = Review()
    for p in catalogue.prompts():
        if p.kind == "date":
            review.set_answer(p.id, "2025-01-24")
        elif p.kind in ("text", "long_text"):
            review.set_answer(p.id, PROSE)
    review.adults = [Adult(name="Adult A", date_of_birth=date(1946, 3, 14))]
    # Ten days after the last entry: no gap to the period's end, even at a threshold of 10.
    review.review_period = ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 3, 29))
    review.headings = [Heading(id="h1", title="Response to self-neglect")]
    review.heading_analysis = {
        "h1": HeadingAnalysis(heading="Response to self-neglect", text=PROSE)
    }
    review.chronology = [
        entry("2024-02-06", "c1"),
        entry("2024-02-20", "c2"),
        entry("2024-03-05", "c3"),
        entry("2024-03-19", "c4"),
    ]
    review.recommendations = [recommendation(1), recommendation(2)]
    return review


def found(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.kind, f.step_id, f.where, f.message) for f in findings]


def check(catalogue: Catalogue, review: Review, glossary: Glossary) -> list[Finding]:
    return run_checks(catalogue, review, glossary, today=TODAY)


def test_a_complete_review_has_no_findings(catalogue: Catalogue, glossary: Glossary) -> None:
    assert check(catalogue, complete(catalogue), glossary) == []
    assert (
        report([], catalogue) == "No findings: the checks found nothing to query in this review.\n"
    )


# ---------------------------------------------------------------- completeness


def test_every_unanswered_required_prompt_is_reported(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    findings = check(catalogue, Review(), glossary)
    assert {f.kind for f in findings} == {"completeness"}
    required = [p.id for p in catalogue.prompts() if p.required and p.kind != "tor_analysis"]
    # The endorsement, missing altogether, is one finding, not one per prompt.
    endorsement = [p.id for p in catalogue.sections[-1].prompts]
    expected = [i for i in required if i not in endorsement[1:]]
    assert [f.step_id for f in findings] == expected
    by_id = {f.step_id: f for f in findings}
    assert by_id["summary"].message == "This required prompt has not been answered."
    assert by_id["summary"].where == "Summary of involvement"
    assert by_id["summary"].section_id == "summary"
    assert by_id["chronology"].message == "The chronology has no entries."
    assert by_id["tor_headings"].message == "No Terms of Reference headings have been entered."
    assert by_id["review_period"].message == "The review period is not complete."
    assert by_id["endorser_name"].message == "The review has not been endorsed."
    assert "senior officer" in by_id["endorser_name"].advice
    assert "author_agency" not in by_id  # not required


def test_a_half_entered_period_is_incomplete(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.review_period = ReviewPeriod(start=date(2024, 2, 1))
    assert found(check(catalogue, review, glossary)) == [
        ("completeness", "review_period", "Review period", "The review period is not complete.")
    ]


def test_each_heading_without_analysis(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.headings = [*review.headings, Heading(id="h2", title="Working with other agencies")]
    assert found(check(catalogue, review, glossary)) == [
        (
            "completeness",
            "tor_analysis:h2",
            "Working with other agencies",
            "This Terms of Reference heading has no analysis.",
        )
    ]
    # An answer kept for a heading taken off the list is not asked for again.
    review.headings = review.headings[1:]
    review.heading_analysis = {**review.heading_analysis, "h2": HeadingAnalysis(text=PROSE)}
    assert check(catalogue, review, glossary) == []


def test_a_part_endorsement_names_what_is_missing(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.set_answer("endorsed_on", "")
    assert found(check(catalogue, review, glossary)) == [
        (
            "completeness",
            "endorsed_on",
            "Date of endorsement",
            "The endorsement is incomplete: this is not recorded.",
        )
    ]
    for pid in ("endorser_name", "endorser_role"):
        review.set_answer(pid, "")
    assert found(check(catalogue, review, glossary)) == [
        (
            "completeness",
            "endorser_name",
            "Name of the endorsing senior officer",
            "The review has not been endorsed.",
        )
    ]


# ---------------------------------------------------------------- abbreviations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seen by her GP.", ["GP"]),
        ("Two GPs and the GP's receptionist", ["GP"]),
        ("gp Gp GPS", []),  # capitals only, and GPS is a different word
        ("The cop was kind; cops came.", []),
        ("Applied to the CoP; the COP agreed.", ["CoP"]),
        ("NOT hot, a lot of pilots; OT. OTs", ["OT"]),
        ("taken to A&E.", ["A&E"]),
        ("A&E-based team; (A&E)", ["A&E"]),
        ("A & E, A&Ex, xA&E", []),
        ("S42 enquiry, s42, s.42", ["S42"]),
        ("S420 and XS42 and S42b", []),
        ("She DNA'd twice; DNAs noted", ["DNA"]),
        ("DNACPR in place", ["DNACPR"]),
        ("DoLS, DOLS and dols", ["DoLS"]),
        ("Reported as a misper; Misper found", ["misper"]),
        ("GP_notes and GP2", []),
        ("SW/OT joint visit", ["SW", "OT"]),
        ("CMHT then GP then CMHT", ["CMHT", "GP"]),
    ],
)
def test_whole_word_matching(glossary: Glossary, text: str, expected: list[str]) -> None:
    assert find_abbreviations(text, glossary) == expected


def test_matches_give_the_text_as_written(glossary: Glossary) -> None:
    text = "Her GPs and the COP"
    got = [(m.abbreviation, m.text, text[m.start : m.end]) for m in glossary.matches(text)]
    assert got == [("GP", "GPs", "GPs"), ("CoP", "COP", "COP")]
    assert glossary.canonical("COP") == "CoP"
    assert glossary.canonical("nope") == ""


def test_abbreviation_finding_suggests_the_expansion(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = complete(catalogue)
    review.set_answer("summary", f"{PROSE} Her CPN and her CPN's manager visited.")
    (finding,) = check(catalogue, review, glossary)
    assert finding == Finding(
        "abbreviation",
        "summary",
        "summary",
        "Summary of involvement",
        '"CPN" is an abbreviation (Community Psychiatric Nurse).',
        'Write "Community Psychiatric Nurse" in full, or accept "CPN" for this review so the '
        "export's glossary lists it.",
        "CPN",
        rule="abbreviation",
    )


def test_ambiguous_abbreviation_lists_every_meaning(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = complete(catalogue)
    review.set_answer("q_further", f"{PROSE} An application went to the CoP.")
    (finding,) = check(catalogue, review, glossary)
    assert finding.abbreviation == "CoP"
    assert finding.message == (
        '"CoP" is an abbreviation with more than one meaning: '
        "Court of Protection; Code of Practice."
    )
    assert "the meaning you intend" in finding.advice


def test_abbreviations_are_found_everywhere_the_author_writes(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = complete(catalogue)
    review.set_answer("agency", "Northshire ASC")
    review.headings = [Heading(id="h1", title="Response to DoLS applications")]
    review.heading_analysis = {"h1": HeadingAnalysis(text=f"{PROSE} The BIA agreed.")}
    review.chronology = [
        *review.chronology[:2],
        entry("2024-03-05", "c3", source="MASH record", event="Seen by the DN."),
        review.chronology[3],
    ]
    review.recommendations = [recommendation(1, lead="Head of ASC"), recommendation(2)]
    got = [
        (f.section_id, f.step_id, f.where, f.abbreviation)
        for f in check(catalogue, review, glossary)
    ]
    assert got == [
        ("details", "agency", "Name of agency", "ASC"),
        ("terms", "tor_headings", "Terms of Reference headings", "DoLS"),
        ("chronology", "chronology", "chronology entry of 05/03/2024", "MASH"),
        ("chronology", "chronology", "chronology entry of 05/03/2024", "DN"),
        # The heading's own wording is checked once, where the headings are entered.
        ("analysis", "tor_analysis:h1", "Response to DoLS applications", "BIA"),
        ("recommendations", "recommendations", "recommendation 1", "ASC"),
    ]


def test_accepted_abbreviations_are_not_reported(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.set_answer("summary", f"{PROSE} Her GP and the DoLS team; her GP again.")
    assert [f.abbreviation for f in check(catalogue, review, glossary)] == ["GP", "DoLS"]
    review.accepted_abbreviations = ["GP"]
    assert [f.abbreviation for f in check(catalogue, review, glossary)] == ["DoLS"]
    review.accepted_abbreviations = ["GP", "dols"]  # typed by hand in another case
    assert check(catalogue, review, glossary) == []


def test_session_accepts_and_unaccepts(catalogue: Catalogue, tmp_path: Path) -> None:
    session = Session(tmp_path / "r.toml", complete(catalogue), catalogue)
    session.accept_abbreviation("GP")
    session.accept_abbreviation("gp")
    assert session.review.accepted_abbreviations == ["GP"]
    assert session.dirty
    session.unaccept_abbreviation("Gp")
    assert session.review.accepted_abbreviations == []


# ---------------------------------------------------------------- chronology


def chronology_findings(
    catalogue: Catalogue, review: Review, glossary: Glossary
) -> list[tuple[str, str]]:
    return [
        (f.where, f.message) for f in check(catalogue, review, glossary) if f.kind == "chronology"
    ]


def test_dates_outside_the_review_period(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.review_period = ReviewPeriod(start=date(2024, 2, 6), end=date(2024, 3, 18))
    outside = "The date is outside the review period (06/02/2024 to 18/03/2024)."
    # The first entry is on the start date (inside); the last is a day after the end.
    assert chronology_findings(catalogue, review, glossary) == [
        ("chronology entry of 19/03/2024", outside)
    ]
    review.review_period = ReviewPeriod(start=date(2024, 2, 7))  # only a start is known
    assert chronology_findings(catalogue, review, glossary) == [
        (
            "chronology entry of 06/02/2024",
            "The date is outside the review period (07/02/2024 to ?).",
        )
    ]


def test_approximate_dates_overlapping_the_period_are_inside(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = complete(catalogue)
    review.review_period = ReviewPeriod(start=date(2024, 2, 15), end=date(2024, 3, 19))
    review.chronology = [
        ChronologyEntry(id="a", date="2024-02", source="Notes", cells={"event": "Visits began."}),
        *review.chronology[2:],
    ]
    assert chronology_findings(catalogue, review, glossary) == []


def test_missing_source_and_date(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.chronology = [
        *review.chronology[:3],
        entry("2024-03-19", "c4", source=" "),
        ChronologyEntry(id="u", source="Notes", cells={"event": "Undated letter."}),
    ]
    # Both leave the entry unfinished: "completeness", which stops a final report.
    found = [
        (f.where, f.message, f.kind)
        for f in check(catalogue, review, glossary)
        if f.section_id == "chronology"
    ]
    assert found == [
        ("chronology entry of 19/03/2024", "It has no source of information.", "completeness"),
        ("chronology entry 5 (no date)", "It has no date.", "completeness"),
    ]


def test_entries_in_any_file_order_and_duplicated(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    c1, c2, c3, c4 = review.chronology
    # One time written 09:05, the other 9:05: the same entry all the same.
    copy_of_c3 = ChronologyEntry.model_validate({**c3.model_dump(), "id": "c3b", "time": "9:05"})
    c3 = ChronologyEntry.model_validate({**c3.model_dump(), "time": "09:05"})
    # The file's order is the author's: any order is shown by date, and is no finding.
    review.chronology = [c1, c3, c2, copy_of_c3, c4]
    assert chronology_findings(catalogue, review, glossary) == [
        (
            "chronology entry of 05/03/2024 at 09:05",
            "It repeats an earlier entry: same date, time, source and details.",
        ),
    ]


def test_same_day_contacts_are_not_duplicates(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.chronology = [
        *review.chronology,
        entry("2024-03-19", "c5", event="Telephone call from her son."),
    ]
    assert chronology_findings(catalogue, review, glossary) == []


def test_gap_longer_than_the_threshold(catalogue: Catalogue, glossary: Glossary) -> None:
    assert catalogue.chronology.gap_days == 28
    review = complete(catalogue)
    review.review_period = ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 4, 30))
    # 19/03 to 17/04: 28 days with no contact, allowed; to 18/04: 29, reported.
    review.chronology = [*review.chronology, entry("2024-04-17", "c5")]
    assert chronology_findings(catalogue, review, glossary) == []
    review.chronology = [*review.chronology[:4], entry("2024-04-18", "c5")]
    (finding,) = [f for f in check(catalogue, review, glossary) if f.kind == "chronology"]
    assert finding.where == "between the chronology entries of 19/03/2024 and 18/04/2024"
    assert finding.message == (
        "There is no recorded contact for 29 days (more than 28) and no entry saying so."
    )
    assert "add an entry saying so" in finding.advice
    assert finding.step_id == "chronology"


def test_gap_explained_by_a_no_contact_entry(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.review_period = ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 5, 15))
    review.chronology = [
        *review.chronology,
        entry("2024-03-20", "c5", event="No contact from 20/03 to 30/04: she was in hospital."),
        entry("2024-05-01", "c6"),
    ]
    assert chronology_findings(catalogue, review, glossary) == []


def test_a_period_counts_until_its_end_for_gaps_and_the_review_period(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = complete(catalogue)
    stay = entry("2024-03-20", "c5", event="Admitted to hospital.").model_copy(
        update={"end_date": "2024-04-10"}
    )
    review.review_period = ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 5, 15))
    review.chronology = [*review.chronology, stay, entry("2024-05-05", "c6")]
    assert chronology_findings(catalogue, review, glossary) == []  # 24 days after the stay
    review.chronology[-2] = stay.model_copy(update={"end_date": ""})
    [(where, message)] = chronology_findings(catalogue, review, glossary)
    assert message.startswith("There is no recorded contact for 45 days")
    # A period that starts before the review period and runs into it is inside it.
    # (to 30/04: 20 days after the stay, no gap)
    review.review_period = ReviewPeriod(start=date(2024, 4, 1), end=date(2024, 4, 30))
    review.chronology = [stay]
    assert chronology_findings(catalogue, review, glossary) == []
    review.review_period = ReviewPeriod(start=date(2024, 4, 1), end=date(2024, 4, 20))
    review.chronology = [stay.model_copy(update={"end_date": "2024-03-31"})]
    [(where, message)] = chronology_findings(catalogue, review, glossary)
    assert where == "chronology entry of 20/03/2024 to 31/03/2024"
    assert message == "The date is outside the review period (01/04/2024 to 20/04/2024)."


def test_gap_threshold_comes_from_the_catalogue(catalogue: Catalogue, glossary: Glossary) -> None:
    tight = catalogue.model_copy(
        update={"chronology": catalogue.chronology.model_copy(update={"gap_days": 10})}
    )
    got = chronology_findings(tight, complete(catalogue), glossary)
    assert len(got) == 3  # every fortnightly gap of 13 days
    assert got[0][1].startswith("There is no recorded contact for 13 days (more than 10)")


# ---------------------------------------------------------------- recommendations


def recommendation_findings(
    catalogue: Catalogue, review: Review, glossary: Glossary
) -> list[tuple[str, str]]:
    return [
        (f.where, f.message)
        for f in check(catalogue, review, glossary)
        if f.kind == "recommendations"
    ]


def test_more_than_five_recommendations(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.recommendations = [recommendation(n) for n in range(1, 6)]
    assert recommendation_findings(catalogue, review, glossary) == []
    review.recommendations = [recommendation(n) for n in range(1, 7)]
    assert recommendation_findings(catalogue, review, glossary) == [
        (
            "Recommendations for action",
            "There are 6 recommendations; the template asks for few, at most 5.",
        )
    ]


def test_missing_lead_date_resources_and_evidence(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.recommendations = [
        recommendation(1, lead="", target_date=None),
        recommendation(2, resources=" ", evidence=""),
    ]
    # Recommendation 2's measurable wording was in its evidence, now gone.
    assert recommendation_findings(catalogue, review, glossary) == [
        ("recommendation 1", "Its 'Lead' is empty."),
        ("recommendation 1", "Its 'Target date' is empty."),
        ("recommendation 2", "Its 'Resources / cost' is empty."),
        ("recommendation 2", "Its 'How impact will be evidenced' is empty."),
        ("recommendation 2", "Its wording has no measurable outcome."),
    ]


def test_an_empty_recommendation_is_one_finding(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.recommendations = [recommendation(1), Recommendation(id="e")]
    assert recommendation_findings(catalogue, review, glossary) == [
        ("recommendation 2", "It is empty.")
    ]


def test_target_date_in_the_past(catalogue: Catalogue, glossary: Glossary) -> None:
    # With no date of completion, target dates are judged against today.
    review = complete(catalogue)
    review.set_answer("completed_on", "")
    review.recommendations = [
        recommendation(1, target_date=TODAY - timedelta(days=1)),
        recommendation(2, target_date=TODAY),
    ]
    assert recommendation_findings(catalogue, review, glossary) == [
        ("recommendation 1", "Its target date, 24/11/2026, has passed.")
    ]


@pytest.mark.parametrize(
    ("evidence", "measurable"),
    [
        ("Staff will be reminded of the policy.", False),
        ("Managers will be made aware.", False),
        ("Records will be audited in June.", True),  # "audit" starts the word
        ("At least 90% of records.", True),  # "%" anywhere
        ("The number of referrals sent on the day.", True),
        ("Monitoring at the team meeting.", False),  # "monitor" names no measure
        ("Compliance will be monitored and will increase.", False),
        ("Referrals sent within two working days.", True),  # a number
        ("In line with the Care Act 2014, section 42.", False),  # numbers naming things
        ("Fewer falls per cent of visits.", True),
        ("A laudit is not a word.", False),  # not at the start of a word
    ],
)
def test_measurable_wording(
    catalogue: Catalogue, glossary: Glossary, evidence: str, measurable: bool
) -> None:
    review = complete(catalogue)
    review.recommendations = [
        recommendation(
            1,
            recommendation="Staff understand self-neglect.",
            actions="Training.",
            evidence=evidence,
        )
    ]
    flagged = ("recommendation 1", "Its wording has no measurable outcome.")
    assert (flagged in recommendation_findings(catalogue, review, glossary)) is not measurable


def test_measurable_words_come_from_the_catalogue(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.recommendations = [recommendation(1, evidence="Staff will be reminded.")]
    assert recommendation_findings(catalogue, review, glossary)
    off = catalogue.model_copy(
        update={"checks": catalogue.checks.model_copy(update={"measurable_words": []})}
    )
    assert recommendation_findings(off, review, glossary) == []
    reminded = catalogue.model_copy(
        update={"checks": catalogue.checks.model_copy(update={"measurable_words": ["remind"]})}
    )
    assert recommendation_findings(reminded, review, glossary) == []


# ---------------------------------------------------------------- analysis


def test_short_analysis_answers(catalogue: Catalogue, glossary: Glossary) -> None:
    assert catalogue.checks.min_analysis_words == 30
    review = complete(catalogue)
    review.set_answer("q_capacity", "Capacity was assumed.")
    review.heading_analysis = {"h1": HeadingAnalysis(text=" ".join(["word"] * 29))}
    review.set_answer("l_training", "Training.")  # learning is not analysis
    review.set_answer("q_identity", " ".join(["word"] * 30))
    got = [(f.step_id, f.where, f.message) for f in check(catalogue, review, glossary)]
    assert got == [
        (
            "tor_analysis:h1",
            "Response to self-neglect",
            "At 29 words, this answer is too short to be analysis (at least 30 are expected).",
        ),
        (
            "q_capacity",
            "Was mental capacity assessed and recorded?",
            "At 3 words, this answer is too short to be analysis (at least 30 are expected).",
        ),
    ]


def test_analysis_threshold_comes_from_the_catalogue(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = complete(catalogue)
    strict = catalogue.model_copy(
        update={"checks": catalogue.checks.model_copy(update={"min_analysis_words": 50})}
    )
    assert {f.kind for f in check(strict, review, glossary)} == {"analysis"}
    # nine questions and one heading: "particular features" may be one short comment
    assert len(check(strict, review, glossary)) == 10
    off = catalogue.model_copy(
        update={"checks": catalogue.checks.model_copy(update={"min_analysis_words": 0})}
    )
    review.set_answer("q_capacity", "Assumed.")
    assert check(off, review, glossary) == []


# ---------------------------------------------------------------- order and report


def test_findings_come_in_template_order(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.set_answer("endorsed_on", "")
    review.recommendations = [recommendation(1, lead="")]
    review.chronology = [*review.chronology, entry("2024-03-26", "c5", source="")]
    review.set_answer("q_action", "Too short.")
    review.set_answer("summary", f"{PROSE} The GP referred her.")
    review.set_answer("agency", "")
    findings = check(catalogue, review, glossary)
    assert [(f.section_id, f.kind) for f in findings] == [
        ("details", "completeness"),
        ("summary", "abbreviation"),
        ("chronology", "completeness"),  # an entry without its source is unfinished
        ("analysis", "analysis"),
        ("recommendations", "recommendations"),
        ("endorsement", "completeness"),
    ]
    assert list(findings_by_section(findings)) == [
        "details", "summary", "chronology", "analysis", "recommendations", "endorsement"
    ]  # fmt: skip
    assert findings_by_step(findings)["chronology"] == [findings[2]]


def test_report_groups_findings_under_section_titles(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = complete(catalogue)
    review.recommendations = [recommendation(1, lead="")]
    review.chronology = [*review.chronology, entry("2024-03-26", "c5", source="")]
    review.set_answer("summary", f"{PROSE} The GP referred her.")
    text = report(check(catalogue, review, glossary), catalogue)
    assert text == (
        "3 findings in 3 sections.\n"
        "\n"
        "Summary (1 finding)\n"
        "- Summary of involvement\n"
        '  "GP" is an abbreviation (General Practitioner).\n'
        '  What to do: Write "General Practitioner" in full, or accept "GP" for this review so '
        "the export's glossary lists it.\n"
        "\n"
        "Chronology (1 finding)\n"
        "- Chronology entry of 26/03/2024\n"
        "  It has no source of information.\n"
        "  What to do: Say which record it comes from, for example the electronic patient "
        "record.\n"
        "\n"
        "Recommendations (1 finding)\n"
        "- Recommendation 1\n"
        "  Its 'Lead' is empty.\n"
        "  What to do: Name the role responsible for delivering it.\n"
        "  For example: Head of Community Nursing\n"
    )


# ---------------------------------------------------------------- export glossary


def test_export_without_a_glossary_is_unchanged(catalogue: Catalogue, glossary: Glossary) -> None:
    review = complete(catalogue)
    review.set_answer("summary", f"{PROSE} The GP referred her.")
    review.accepted_abbreviations = ["GP"]
    plain = to_markdown(review, catalogue)
    assert "Glossary of abbreviations" not in plain
    review.accepted_abbreviations = []
    # Given the glossary, an abbreviation used is listed whether accepted or not.
    with_glossary = to_markdown(review, catalogue, glossary)
    assert "Glossary of abbreviations" in with_glossary
    assert "| GP | General Practitioner |" in with_glossary


def test_the_glossary_lists_every_abbreviation_used_accepted_or_not(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = complete(catalogue)
    review.set_answer("summary", f"{PROSE} The GP and the CoP; the CPN.")
    review.accepted_abbreviations = ["GP", "CoP", "MCA"]  # MCA is accepted but never used
    found = glossary_blocks(walk(review, catalogue, glossary), review, catalogue, glossary)
    table = found[-1]
    assert isinstance(table, b.Table) and table.kind == "glossary"
    rows = {r[0]: r[1] for r in table.rows}
    assert rows["CoP"] == "Court of Protection, or Code of Practice"
    assert rows["GP"] == "General Practitioner"
    assert rows["CPN"] == "Community Psychiatric Nurse"  # used, not accepted: listed too
    assert "MCA" not in rows
    assert list(rows) == sorted(rows, key=str.casefold)
    assert used_abbreviations(catalogue, review, glossary) == ["GP", "CoP", "CPN"]


def test_export_glossary_wording_comes_from_the_glossary(catalogue: Catalogue) -> None:
    board = Glossary(
        {"A&E": ["Accident and Emergency"]},
        heading="Abbreviations we kept",
        abbreviation_title="Short form",
        meaning_title="In full",
    )
    review = complete(catalogue)
    review.set_answer("summary", f"{PROSE} Taken to A&E.")
    found = glossary_blocks(walk(review, catalogue, board), review, catalogue, board)
    assert found == [
        b.Section("Abbreviations we kept", "Abbreviations we kept"),
        b.Table(
            "glossary",
            ("Short form", "In full"),
            (("A&E", "Accident and Emergency"),),
            (1.0, 3.0),
            placeholder=catalogue.placeholder,
            placeholder_columns=frozenset({1}),
            authored_columns=frozenset({0, 1}),
            repeat_header=True,
        ),
    ]


# ---------------------------------------------------------------- catalogue [checks]


def shipped() -> dict[str, Any]:
    with (default_prompts_dir() / "imr.toml").open("rb") as f:
        return tomllib.load(f)


def test_checks_table_is_validated(tmp_path: Path) -> None:
    data = copy.deepcopy(shipped())
    data["checks"]["analysis_sections"] = ["analysis", "anaylsis"]
    path = tmp_path / "imr.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_catalogue(path)
    assert str(info.value) == f"{path}: checks: there is no section with id 'anaylsis'"
    data["checks"] = {"min_analysis_words": -1}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(UserError, match=r"checks: 'min_analysis_words': input should be greater"):
        load_catalogue(path)


def test_a_catalogue_without_checks_uses_defaults_and_the_shipped_word_lists(
    tmp_path: Path,
) -> None:
    data = copy.deepcopy(shipped())
    del data["checks"]
    path = tmp_path / "imr.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    got, defaults, ships = load_catalogue(path).checks, Checks(), load_catalogue().checks
    assert got.min_analysis_words == defaults.min_analysis_words
    assert got.analysis_sections == defaults.analysis_sections
    assert got.endorsement_section == defaults.endorsement_section
    assert got.vague_phrases == ships.vague_phrases and got.vague_phrases
    assert got.measurable_words == ships.measurable_words and got.measurable_words


# ---------------------------------------------------------------- imr check


def test_imr_check_exit_codes(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    review = complete(catalogue)
    review.recommendations = [recommendation(1, target_date=date.today() + timedelta(days=400))]
    save(tmp_path / "clean.toml", review, catalogue)
    result = imr("check", "clean.toml")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "No findings: the checks found nothing to query in this review.\n"

    review.set_answer("summary", f"{PROSE} Her GP.")
    save(tmp_path / "gp.toml", review, catalogue)
    result = imr("check", "gp.toml")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.startswith("1 finding in 1 section.\n\nSummary (1 finding)\n")

    result = imr("check", "missing.toml")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "imr: missing.toml: no such review file\n"
    (tmp_path / "bad.toml").write_text("answers = 3\n", encoding="utf-8")
    result = imr("check", "bad.toml")
    assert result.returncode == 2
    assert result.stderr.startswith("imr: bad.toml: ") and result.stderr.count("\n") == 1
    assert "check" in imr("--help").stdout


def test_a_finding_about_a_record_names_the_record_and_its_field(glossary: Glossary) -> None:
    """What "go there" needs: the entry or recommendation, and the field concerned."""
    catalogue = load_catalogue()
    review = Review(
        review_period=ReviewPeriod(start=date(2025, 1, 1), end=date(2025, 12, 31)),
        chronology=[
            entry("2025-03-11", "unsourced", source=""),
            entry("2024-01-05", "outside", outcome="Seen by the CPN."),
        ],
        recommendations=[Recommendation(id="rec", recommendation="Audit wound care.")],
    )
    found = run_checks(catalogue, review, glossary, today=TODAY)
    targets = {(f.kind, f.record_id, f.field) for f in found if f.record_id}
    assert ("completeness", "unsourced", "source") in targets
    assert ("chronology", "outside", "date") in targets
    assert ("abbreviation", "outside", "outcome") in targets
    assert ("recommendations", "rec", "lead") in targets
    assert ("recommendations", "rec", "target_date") in targets
    # Prompts' own findings name no record; an unfinished entry names itself.
    assert all(
        f.record_id == ""
        for f in found
        if f.kind in ("completeness", "analysis") and f.section_id != "chronology"
    )


def test_two_entries_at_the_same_time_are_told_apart_by_their_sources(
    glossary: Glossary,
) -> None:
    catalogue = load_catalogue()
    review = Review(
        review_period=ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31)),
        chronology=[
            ChronologyEntry(date="2025-03-11", time="09:05", source="GP records"),
            ChronologyEntry(date="2025-03-11", time="09:05", source="ASC case notes"),
        ],
    )
    wheres = {f.where for f in run_checks(catalogue, review, glossary, today=TODAY)}
    assert "chronology entry of 11/03/2025 at 09:05 (GP records)" in wheres
    assert "chronology entry of 11/03/2025 at 09:05 (ASC case notes)" in wheres
    assert "chronology entry of 11/03/2025 at 09:05" not in wheres


def test_the_kinds_of_finding_are_the_kinds_a_catalogue_may_name() -> None:
    from imr_tui.checks.findings import KINDS
    from imr_tui.core.catalogue import CHECK_KINDS

    assert KINDS == CHECK_KINDS
