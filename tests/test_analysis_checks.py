"""The analysis checks as a panel reads an answer: too short to be analysis, describing
rather than analysing, analysis with no chronology date or source; a prompt that allows
"nothing to add" accepts it. Driven through ``imr check`` on files, the check function
itself on many answers, and the Check screen through Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Imr
from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_helpers import SIZE, make_app, prompt_title, settled, until

from imr_tui.checks.analysis import analysis
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.example import load_example
from imr_tui.core.model import Heading, HeadingAnalysis, Review
from imr_tui.core.store import create, load
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.check import CheckScreen

DESCRIBES = [
    "On 3 March 2025 the district nurse visited and dressed the wound. On 11 March the nurse "
    "visited again and Mrs Marlow declined help with washing. On 20 March the GP was informed. "
    "Communication could have been better and lessons have been learned.",
    "The nurse visited on 3 March. She visited again on 11 March and recorded that the flat "
    "was cold. On 2 July Mrs Marlow fell and was admitted to hospital. She was discharged on "
    "11 August. There were missed opportunities.",
    "Mrs Marlow was seen at home on 14 April 2025. The care plan was reviewed on 30 April. A "
    "referral was sent to the dietitian on 11 June. The dietitian visited on 25 June.",
    "At 09:30 on 8 October the nurse arrived and found Mrs Marlow confused. She called an "
    "ambulance. The crew arrived at 10:15 and took her to hospital. Later that day the ward "
    "rang the team. Lessons will be learned.",
    "In April the podiatrist wrote to the team. In May the nurses visited twice a week. In "
    "June the son rang and asked to be kept informed. In July Mrs Marlow fell and went into "
    "hospital.",
]
"""Retellings of the chronology: dates and events, and no reason or standard (a stock
phrase that only sounds like analysis does not count)."""

ANALYSES = [
    "The nurses saw the weight loss on 28 March 2025 but did not reassess the risk, because "
    "the team saw its role as wound care. This did not meet the Pressure Ulcer Prevention "
    "Policy, which asks for a reassessment after any change.",
    "Staff rightly started from the assumption that Mrs Marlow had capacity. When she kept "
    "declining care that put her at risk, no one assessed her capacity to make those "
    "decisions, which the Mental Capacity Act 2005 would have supported.",
    "On 14 March 2025 the team meeting discussed Mrs Marlow's refusals. The team agreed to "
    "keep offering help, which made sense at the time given that she had capacity and the "
    "wound was healing. The meeting did not consider self-neglect, so no advice was sought.",
    "On 2 May 2025 the nurse visited and recorded a cold home and an empty fridge. The heating "
    "had been off since April and the boiler had broken, which means the cold was not her "
    "choice but a repair the landlord had left undone for weeks.",
]
"""Analysis with dates in it: each says why, or weighs practice against a standard."""

UNREFERENCED = [
    "The team did not recognise that the adult was neglecting herself, because they saw "
    "their role as wound care. Staff assumed that her choices were informed and did not "
    "consider whether she understood the risks. Managers did not ask about patients who "
    "declined care, so the pattern was not seen by anyone who could act on it.",
    "Practice was not in line with expectations. The nurses should have considered whether "
    "the adult was at risk and whether a safeguarding concern was needed, and the team "
    "leader should have sought advice, as the situation was complex and the adult's needs "
    "were increasing over the whole period.",
    "Work with adult social care was weak, because the service had no routine link with it "
    "and did not see a referral as part of wound care. This meant the council did not know "
    "she was struggling, which delayed an assessment of her needs, and it did not fit the "
    "partnership principle of the Care Act or the Mental Capacity Act 2005. Her consent to "
    "share was on file.",
    "The change in her mobility was not followed by a falls assessment, although the service "
    "expects one. The nurse covering the round had not met her before, and the next nurse did "
    "not read the entry, so the change went unnoticed, which meant nobody reviewed the risk.",
]
"""Reasoned, but with no date and no source: the panel cannot check it (an Act's year is
not a date, an assessment of needs or a consent on file is not a record cited)."""

REFERENCED = [
    UNREFERENCED[0] + " The entries of 8 February and 28 March show this.",
    UNREFERENCED[0].replace("The team", "As the electronic patient record shows, the team", 1),
    UNREFERENCED[0] + " In interview the team leader agreed.",
    UNREFERENCED[0] + " The Safeguarding Adults Policy asks staff to act.",
    UNREFERENCED[0].replace("Managers", "From 03/03/2025 managers"),
    UNREFERENCED[0].replace("Managers", "In April managers"),
    UNREFERENCED[0].replace("Managers", "After 28-MAR-2025 managers"),
    UNREFERENCED[0].replace("Managers", "By March 2025 managers"),
    UNREFERENCED[0] + " This did not meet the Pressure Ulcer Prevention Policy.",
    UNREFERENCED[0] + " The records show no discussion of it.",
    UNREFERENCED[0] + " The entries of the district nursing team show this.",
]
"""The same analysis with one date (any form) or one source."""

NOTHING_TO_ADD = [
    "There are no further features requiring comment.",
    "None.",
    "No further comment.",
    "Nothing further to add",
    "There are no further features requiring comment in respect of this agency's involvement.",
    "No, there is nothing further.",
    "None that are not covered above.",
    "No.",
    "We have nothing more to add.",
    "N/A - there is nothing further to say.",
    "Not applicable; there are no other features.",
    "There are no other particular features that the Trust considers need further comment.",
    "There are no particular features in this case requiring comment.",
]

SHORT_NOT_NOTHING = [
    "No record of a capacity assessment was found.",
    "The author has no view on the care given.",
]
"""Short answers that begin like "nothing to add" and are not: too short where the
prompt allows none too."""

DELIBERATE = {"tor_analysis:tor3"}
"""The worked example's analysis answer written to describe rather than analyse."""


def rules_at(catalogue: Catalogue, review: Review, step_id: str) -> list[str]:
    """The analysis rules that fire at one step."""
    return sorted(f.rule for _, f in analysis(catalogue, review) if f.step_id == step_id)


def answered(prompt_id: str, text: str) -> Review:
    review = Review()
    review.set_answer(prompt_id, text)
    return review


@pytest.mark.parametrize("text", DESCRIBES)
def test_a_retelling_of_the_chronology_describes_rather_than_analyses(
    catalogue: Catalogue, text: str
) -> None:
    review = answered("q_assessment", text)
    assert rules_at(catalogue, review, "q_assessment") == ["describes"]
    under_heading = Review(
        headings=[Heading(id="h1", title="Escalation")],
        heading_analysis={"h1": HeadingAnalysis(heading="Escalation", text=text)},
    )
    assert rules_at(catalogue, under_heading, "tor_analysis:h1") == ["describes"]


@pytest.mark.parametrize("text", ANALYSES + REFERENCED)
def test_analysis_that_reasons_and_points_to_a_date_or_source_passes(
    catalogue: Catalogue, text: str
) -> None:
    assert rules_at(catalogue, answered("q_assessment", text), "q_assessment") == []


@pytest.mark.parametrize("text", UNREFERENCED)
def test_analysis_with_no_date_and_no_source_cannot_be_checked(
    catalogue: Catalogue, text: str
) -> None:
    review = answered("q_consistency", text)
    assert rules_at(catalogue, review, "q_consistency") == ["unreferenced"]
    (finding,) = [f for _, f in analysis(catalogue, review)]
    assert finding.kind == "analysis"
    assert finding.message.startswith("This is analysis with no date or source")
    assert finding.why and finding.rewrite


@pytest.mark.parametrize("text", NOTHING_TO_ADD)
def test_nothing_to_add_is_a_full_answer_only_where_the_prompt_allows_none(
    catalogue: Catalogue, text: str
) -> None:
    assert catalogue.prompt("q_further").allows_none
    assert rules_at(catalogue, answered("q_further", text), "q_further") == []
    # Elsewhere it is too short to be analysis.
    assert rules_at(catalogue, answered("q_assessment", text), "q_assessment") == ["too_short"]


@pytest.mark.parametrize("text", SHORT_NOT_NOTHING)
def test_a_short_comment_is_enough_where_the_prompt_allows_none_and_too_short_elsewhere(
    catalogue: Catalogue, text: str
) -> None:
    """Where "nothing to add" is a full answer (particular features), one short comment
    is too; a set question or a Terms of Reference heading must be analysis."""
    assert rules_at(catalogue, answered("q_further", text), "q_further") == []
    assert rules_at(catalogue, answered("q_assessment", text), "q_assessment") == ["too_short"]


def test_more_than_nothing_to_add_is_read_as_analysis(catalogue: Catalogue) -> None:
    text = "None. " + DESCRIBES[2] + " " + DESCRIBES[4]
    assert rules_at(catalogue, answered("q_further", text), "q_further") == ["describes"]


def test_the_learning_section_is_not_held_to_the_analysis_rules(catalogue: Catalogue) -> None:
    assert rules_at(catalogue, answered("l_lessons", DESCRIBES[0]), "l_lessons") == []


def test_the_worked_example_analyses_apart_from_its_deliberate_weak_places(
    catalogue: Catalogue,
) -> None:
    review = load_example(catalogue)
    flagged = {
        f.step_id for _, f in analysis(catalogue, review) if f.rule in ("describes", "unreferenced")
    }
    assert flagged == DELIBERATE
    short = {f.step_id for _, f in analysis(catalogue, review) if f.rule == "too_short"}
    assert short == {"q_identity"}


def test_the_thresholds_and_word_lists_are_the_catalogues(catalogue: Catalogue) -> None:
    review = answered("q_assessment", DESCRIBES[0])
    off = catalogue.checks.model_copy(update={"reasoning_words": []})
    assert rules_at(catalogue.model_copy(update={"checks": off}), review, "q_assessment") == []
    # A board that counts "lessons have been learned" as reasoning (no stock phrases)
    # reads the first retelling as analysis: its last sentence mentions "learned".
    stock = catalogue.checks.model_copy(
        update={"stock_phrases": [], "reasoning_words": ["lessons have been learned"]}
    )
    board = catalogue.model_copy(update={"checks": stock})
    assert rules_at(board, review, "q_assessment") == []
    unreferenced = answered("q_assessment", UNREFERENCED[0])
    never = catalogue.checks.model_copy(update={"min_reference_words": 0})
    assert (
        rules_at(catalogue.model_copy(update={"checks": never}), unreferenced, "q_assessment") == []
    )


def test_imr_check_says_describes_rather_than_analyses_with_why_and_an_example(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue, answered("q_assessment", DESCRIBES[0]))
    before = path.read_bytes()
    result = imr("check", "r.toml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    at = lines.index("- Key points for assessment and decision making")
    assert lines[at + 1] == (
        "  This answer describes rather than analyses: 3 of its 4 sentences retell events, "
        "and none says why they happened or whether practice met the standard."
    )
    assert lines[at + 2] == (
        "  Why a panel asks: Analysis explains why things happened and whether practice met "
        "the standard expected; the chronology already says what happened."
    )
    assert lines[at + 3].startswith("  What to do: Keep only the dates that matter, then say why")
    assert lines[at + 4].startswith("  For example: On [date] [what happened]; [who] [did what]")
    assert path.read_bytes() == before


def test_imr_check_accepts_nothing_to_add_in_particular_features(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue, answered("q_further", NOTHING_TO_ADD[0]))
    result = imr("check", "r.toml")
    assert "Particular features that need further comment" not in result.stdout
    assert "too short" not in result.stdout


def _labels(app: IMRApp) -> list[str]:
    options = app.screen.query_one("#findings", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _highlight(app: IMRApp, pilot: Pilot[int], words: str) -> None:
    """Move to the first finding saying ``words`` with the arrow keys, as an author does."""
    options = app.screen.query_one("#findings", OptionList)
    target = next(i for i, label in enumerate(_labels(app)) if words in label)
    for _ in range(options.option_count):
        if options.highlighted == target:
            return
        at = -1 if options.highlighted is None else options.highlighted
        await pilot.press("down" if at < target else "up")
    assert options.highlighted == target, f"no way to the finding saying {words}"


async def test_the_check_screen_shows_describes_with_why_and_enter_opens_the_prompt(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue, answered("q_assessment", DESCRIBES[1]))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check screen")
        await until(
            pilot,
            lambda: any("describes rather than analyses" in x for x in _labels(app)),
            "the describes finding",
        )
        label = next(x for x in _labels(app) if "describes rather than analyses" in x)
        assert "Key points for assessment and decision making" in label
        assert "Why a panel asks: Analysis explains why things happened" in label
        assert "For example: On [date] [what happened]" in label
        await _highlight(app, pilot, "describes rather than analyses")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, CheckScreen), "the interview")
        assert prompt_title(app).startswith("Key points for assessment and decision making")
        await settled(pilot, app)
    saved = load(path)
    assert saved.answer("q_assessment") == DESCRIBES[1]  # the answer untouched
    assert saved.resume == "q_assessment"  # the author is left at the prompt


# Tuned on the released second fresh set, by class: a document cited for what it says
# is a source, a document only mentioned is not, nor is a duration in minutes; a
# judgement against criteria, or what a service depends on, is reasoning.
CITES_A_DOCUMENT = (
    "Her support plan from the first visit lists her goals as staying at home and keeping "
    "her dog, because the assessor asked her what mattered to her. The plan from the second "
    "visit lists only tasks, since the template had changed and dropped that section, which "
    "meant her own goals were lost from view."
)
MENTIONS_A_DOCUMENT = (
    "The support plan addressed the wound only, because the referral asked only for wound "
    "care and the service saw its role narrowly. Her wish to stay at home was known to the "
    "nurses, but nobody asked what would help her do that, which meant the risks at home "
    "were never weighed against her wishes."
)
MINUTES_OF_TIME = (
    "It is hard in fifteen minutes to look at the whole person, because appointments are "
    "booked for one problem. Her chest was treated and her low mood was not asked about, so "
    "the chance to see her decline was lost, which meant no referral was made to the frailty "
    "team when she stopped coming."
)
AGAINST_CRITERIA = (
    "The team closed the referral after one assessment on 3 April 2025. The assessing nurse "
    "recorded her grief and her wish not to take tablets on 3 April 2025. The closure followed "
    "the team's criteria for mild low mood at the time, and the decision was reasonable "
    "against them."
)


def test_a_document_cited_for_what_it_says_is_a_source(catalogue: Catalogue) -> None:
    review = answered("q_assessment", CITES_A_DOCUMENT)
    assert rules_at(catalogue, review, "q_assessment") == []


@pytest.mark.parametrize("text", [MENTIONS_A_DOCUMENT, MINUTES_OF_TIME])
def test_a_document_only_mentioned_or_minutes_of_time_are_no_source(
    catalogue: Catalogue, text: str
) -> None:
    review = answered("q_assessment", text)
    assert rules_at(catalogue, review, "q_assessment") == ["unreferenced"]


def test_a_judgement_against_criteria_is_analysis(catalogue: Catalogue) -> None:
    review = answered("q_assessment", AGAINST_CRITERIA)
    assert rules_at(catalogue, review, "q_assessment") == []
