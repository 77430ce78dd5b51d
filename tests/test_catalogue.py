"""The shipped catalogue follows the IMR template; broken catalogues are refused plainly."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from imr_tui.core.catalogue import Catalogue, default_prompts_dir, load_catalogue
from imr_tui.core.errors import UserError

# The template's own wording (imr-template.txt), copied here so the test does not
# depend on where the template lives.
INTRODUCTION = [
    "This document is intended to provide an IMR of the decisions, actions taken and services "
    "provided to the adult.",
    "The aim of the IMR is to look openly and critically at individual and organisational "
    "practice to see whether the case indicates that changes could and should be made and, if "
    "so, to identify how those changes will be brought about.",
    "The findings from the IMR report should be endorsed by the senior officer within the "
    "organisation who has commissioned the report and who will be responsible for ensuring that "
    "recommendations are acted upon.",
]
CONSIDER_SPECIFICALLY = [
    "Were practitioners sensitive to the needs of the adult at risk in their work, knowledgeable "
    "about the potential indicators of abuse or neglect, and about what to do if they had a "
    "concern about an adult at risk of abuse or neglect?",
    "Did the agency have policies and procedures for safeguarding adults at risk and acting on "
    "concerns about abuse or neglect?",
    "What were the key relevant points/opportunities for assessment and decision making in the "
    "case in relation to the adult? Do assessments and decisions appear to have been reached in "
    "an informed and professional way?",
    "Did action accord with assessments and decisions made? Were appropriate services "
    "offered/provided or relevant enquiries made in the light of assessments?",
    "Where relevant were appropriate care plans in place, reviewing processes complied with and "
    "how did they involve relevant risk assessment in protecting the adult?",
    "Were more senior managers or other agencies and professionals, involved at points they "
    "should have been?",
    "Was the work in this case consistent with agency policy and procedures for safeguarding "
    "adults at risk, and wider professional standards?",
    "Was mental capacity adequately assessed and recorded where appropriate?",
    "Was practice sensitive to any protected characteristics and identity of the adult?",
    "Are there any particular features of this case, or issues surrounding the death or injury "
    "of the adult(s), that you consider require further comment in respect of your agency's "
    "involvement?",
]
LEARNING_QUESTIONS = [
    "Is there good practice to highlight, as well as ways in which practice can be improved?",
    "Are there lessons from this case for the way in which this agency works to safeguard adults?",
    "Are there implications for ways of working?",
    "Are there implications for management and/or supervision?",
    "Are there implications for training (single or multi-agency)?",
]
SUMMARY_GUIDANCE = (
    "Provide a brief factual and contextual summary of your agency's involvement with the adult "
    "for the time period identified for this safeguarding adult review. Provide reference for the "
    "source of factual information."
)
CHRONOLOGY_GUIDANCE = (
    "Provide a comprehensive chronology of involvement by your agency and/or professional(s) in "
    "contact with the adult(s) over the period of time set out in the review's terms of "
    "reference. Please avoid abbreviation."
)
RECOMMENDATIONS_GUIDANCE = (
    "Recommendations should be few in number, focused and specific, and capable of being "
    "implemented. Consideration should be given to the resources required to implementing the "
    "recommendations such as cost."
)
# The template's headings, in order, with the two the catalogue adds (Terms of Reference,
# which the template refers to, and the endorsement it asks for).
SECTION_HEADINGS = [
    "TERMS OF REFERENCE",
    "SUMMARY",
    "CHRONOLOGY OF AGENCY INVOLVEMENT",
    "ANALYSIS OF INVOLVEMENT",
    "LEARNING",
    "RECOMMENDATIONS FOR ACTION",
    "ENDORSEMENT",
]


def section(catalogue: Catalogue, section_id: str) -> list[str]:
    """The guidance of each prompt in a section, in order."""
    return [p.guidance for s in catalogue.sections if s.id == section_id for p in s.prompts]


def test_shipped_catalogue_loads(catalogue: Catalogue) -> None:
    assert catalogue.name == "imr-standard"
    assert catalogue.title == "Individual Management Review"
    assert catalogue.placeholder == "Not yet answered"
    assert load_catalogue(default_prompts_dir()) == catalogue  # a folder works too


def test_sections_follow_the_template(catalogue: Catalogue) -> None:
    assert [s.heading for s in catalogue.sections if s.heading] == SECTION_HEADINGS
    assert catalogue.sections[0].heading == ""  # the details table at the top
    assert catalogue.introduction == INTRODUCTION


def test_details_use_the_template_labels(catalogue: Catalogue) -> None:
    labels = [p.label for p in catalogue.sections[0].prompts]
    for label in ("Name of Agency", "Name of Adult(s)", "Date of Completion of IMR"):
        assert label in labels
    assert "Name, agency and contact details of author." in section(catalogue, "details")


def test_consider_specifically_questions_are_verbatim_and_in_order(catalogue: Catalogue) -> None:
    analysis = section(catalogue, "analysis")
    assert [g for g in analysis if g in CONSIDER_SPECIFICALLY] == CONSIDER_SPECIFICALLY


def test_learning_questions_are_verbatim_and_in_order(catalogue: Catalogue) -> None:
    assert section(catalogue, "learning") == LEARNING_QUESTIONS


def test_section_guidance_is_the_template_text(catalogue: Catalogue) -> None:
    by_id = {s.id: s.guidance for s in catalogue.sections}
    assert by_id["summary"] == SUMMARY_GUIDANCE
    assert by_id["chronology"].endswith(CHRONOLOGY_GUIDANCE)
    assert by_id["recommendations"] == RECOMMENDATIONS_GUIDANCE
    assert "headings to analyse practice against" in by_id["analysis"]


def test_every_structured_kind_appears_once(catalogue: Catalogue) -> None:
    kinds = [p.kind for p in catalogue.prompts()]
    for kind in ("adults", "period", "headings", "chronology", "tor_analysis", "recommendations"):
        assert kinds.count(kind) == 1, kind
    ids = [p.id for p in catalogue.prompts()]
    assert len(ids) == len(set(ids))


def test_lookups(catalogue: Catalogue) -> None:
    assert catalogue.prompt("summary").title == "Summary of involvement"
    assert catalogue.section_of("q_capacity").id == "analysis"
    prompt = catalogue.prompt_of_kind("chronology")
    assert prompt is not None and prompt.id == "chronology"
    assert catalogue.recommendations.title("target_date") == "Target date"
    with pytest.raises(KeyError):
        catalogue.prompt("nope")


# ---------------------------------------------------------------- broken catalogues


def shipped_data() -> dict[str, Any]:
    with (default_prompts_dir() / "imr.toml").open("rb") as f:
        return tomllib.load(f)


Mutation = Callable[[dict[str, Any]], None]


def load_variant(tmp_path: Path, mutate: Mutation) -> str:
    """Write the shipped catalogue changed by ``mutate``; return the error loading it gives."""
    data = copy.deepcopy(shipped_data())
    mutate(data)
    path = tmp_path / "variant.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_catalogue(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


def prompt_of(data: dict[str, Any], s: int, p: int) -> dict[str, Any]:
    prompt: dict[str, Any] = data["sections"][s]["prompts"][p]
    return prompt


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            lambda d: prompt_of(d, 4, 2).update(kind="essay"),
            "sections[4].prompts[2]: 'kind' must be one of 'text', 'long_text', 'date'",
            id="wrong-kind",
        ),
        pytest.param(
            lambda d: prompt_of(d, 4, 2).update(id="q_sensitive"),
            "prompt id 'q_sensitive' is used twice",
            id="duplicate-prompt-id",
        ),
        pytest.param(
            lambda d: d["sections"][5].update(id="summary"),
            "section id 'summary' is used twice",
            id="duplicate-section-id",
        ),
        pytest.param(
            lambda d: d["chronology"]["columns"][1].update(id="practitioner"),
            "'chronology': column id 'practitioner' is used twice",
            id="duplicate-column-id",
        ),
        pytest.param(
            lambda d: d["chronology"]["columns"][0].update(id="source"),
            "reserved",
            id="reserved-column-id",
        ),
        pytest.param(
            lambda d: prompt_of(d, 2, 0).update(colour="red"),
            "sections[2].prompts[0]: 'colour' is not a known key",
            id="unknown-prompt-key",
        ),
        pytest.param(
            lambda d: d.update(colour="red"),
            "'colour' is not a known key",
            id="unknown-top-level-key",
        ),
        pytest.param(
            lambda d: prompt_of(d, 4, 2).pop("title"),
            "sections[4].prompts[2]: 'title' is required",
            id="missing-title",
        ),
        pytest.param(
            lambda d: prompt_of(d, 4, 2).update(id="Bad Id"),
            "sections[4].prompts[2]: 'id': string should match pattern",
            id="bad-id",
        ),
        pytest.param(
            lambda d: prompt_of(d, 4, 2).update(kind="chronology"),
            "only one prompt may have kind 'chronology'",
            id="second-chronology",
        ),
        pytest.param(
            lambda d: d["recommendations"]["fields"].pop(),
            "'recommendations': fields must describe each of",
            id="missing-recommendation-field",
        ),
        pytest.param(
            lambda d: d["sections"][1].update(prompts=[]),
            "sections[1]: 'prompts': list should have at least 1 item",
            id="empty-section",
        ),
        pytest.param(
            lambda d: d.update(schema_version=2),
            "schema_version 2 is newer than this version of imr-tui understands (1)",
            id="newer-schema",
        ),
    ],
)
def test_broken_catalogue_names_the_key(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    assert expected in load_variant(tmp_path, mutate)


def test_malformed_catalogue_toml_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "imr.toml"
    path.write_text('name = "x"\ntitle = = "y"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"line 2, column 9: .*\(not valid TOML\)$") as info:
        load_catalogue(tmp_path)  # a folder holding imr.toml
    assert str(info.value).startswith(f"{path}: ")


def test_missing_catalogue(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such prompt catalogue"):
        load_catalogue(tmp_path / "nope.toml")
