"""Answers that say nothing (``N/A``, ``TBC``, ``See above``, ``.``) and dates of
completion and endorsement that cannot be right: found by the check, said by
``imr check``, and (being incomplete) stopping ``imr export --final``, which names the
place and writes nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import test_final_export as final
from conftest import Imr

from imr_tui.checks.answers import answers
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import (
    Heading,
    HeadingAnalysis,
    Meta,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.core.store import create

TODAY = date(2026, 6, 1)
"""The day of the :data:`conftest.FIXED_NOW` clock."""

PLACEHOLDERS = [
    ".",
    "-",
    "--",
    "?",
    "N/A",
    "n/a",
    "NA",
    "TBC",
    "tbc.",
    "To be confirmed",
    "To follow",
    "xxx",
    "XXXX",
    "See above",
    "As above.",
    "Not known",
    "  TBC  ",
]
"""Filler in place of an answer, as authors leave it."""

ANSWERS = [
    "Not known to the service before March 2025, when her GP referred her.",
    "See above: the referral of 12 August was sent three weeks late.",
    "NHS Trust",
    "None of the nurses had been trained in self-neglect.",
    "Head of Community Nursing",
]
"""Real answers that begin or end like filler."""


def placeholder_steps(catalogue: Catalogue, review: Review) -> list[str]:
    """Where the placeholder rule fires: step ids, with ``:lead`` for a lead."""
    out = []
    for _, f in answers(catalogue, review, TODAY):
        if f.rule == "placeholder_answer":
            assert f.kind == "completeness"
            out.append(f"{f.step_id}:{f.field}" if f.field else f.step_id)
    return out


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_filler_in_a_required_answer_is_a_placeholder(catalogue: Catalogue, text: str) -> None:
    review = Review(
        headings=[Heading(id="h1", title="Escalation")],
        heading_analysis={"h1": HeadingAnalysis(heading="Escalation", text=text)},
        recommendations=[Recommendation(id="r1", lead=text)],
    )
    for prompt_id in ("q_assessment", "endorser_name", "endorser_role", "summary", "q_further"):
        review.set_answer(prompt_id, text)
    expected = [
        "summary",
        "tor_analysis:h1",
        "q_assessment",
        "recommendations:lead",
        "endorser_name",
        "endorser_role",
    ]
    if text.strip().casefold() not in ("n/a", "na"):  # "not applicable": nothing to add
        expected.insert(3, "q_further")
    assert sorted(placeholder_steps(catalogue, review)) == sorted(expected)


@pytest.mark.parametrize("text", ANSWERS)
def test_a_real_answer_is_not_a_placeholder(catalogue: Catalogue, text: str) -> None:
    review = Review(recommendations=[Recommendation(id="r1", lead=text)])
    for prompt_id in ("q_assessment", "endorser_role", "summary"):
        review.set_answer(prompt_id, text)
    assert placeholder_steps(catalogue, review) == []


def test_an_optional_prompt_may_say_not_known(catalogue: Catalogue) -> None:
    assert not catalogue.prompt("author_agency").required
    review = Review()
    review.set_answer("author_agency", "Not known")
    review.set_answer("review_reference", "TBC")
    assert placeholder_steps(catalogue, review) == []


def test_nothing_to_add_is_no_placeholder_where_the_prompt_allows_none(
    catalogue: Catalogue,
) -> None:
    for text in ("None.", "Not applicable", "N/A", "There are no further features."):
        assert placeholder_steps(catalogue, answered("q_further", text)) == [], text
        assert placeholder_steps(catalogue, answered("q_assessment", text)) in (
            ["q_assessment"],
            [],  # a sentence, not filler: the analysis check says it is too short
        )
    assert placeholder_steps(catalogue, answered("q_further", "TBC")) == ["q_further"]


def answered(prompt_id: str, text: str) -> Review:
    review = Review()
    review.set_answer(prompt_id, text)
    return review


def test_imr_check_says_a_placeholder_is_not_an_answer(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue, answered("endorser_role", "TBC"))
    before = path.read_bytes()
    result = imr("check", "r.toml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    at = lines.index("- Role of the endorsing senior officer")
    assert lines[at + 1] == "  This answer is a placeholder, not an answer."
    assert lines[at + 2].startswith("  Why a panel asks: A panel reads every answer")
    assert path.read_bytes() == before


def test_a_final_report_is_refused_while_an_answer_is_a_placeholder(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review = final.completed(catalogue)
    review.set_answer("q_policies", "See above")
    review.recommendations[0].lead = "TBC"
    path = tmp_path / "done.toml"
    create(path, catalogue, review)
    before = path.read_bytes()
    result = imr("export", "done.toml", "--final")
    assert result.returncode == 1
    title = catalogue.prompt("q_policies").title
    assert f"Analysis, {title}: This answer is a placeholder, not an answer." in result.stderr
    assert (
        "Recommendations, recommendation 1: Its lead is a placeholder, not a named role."
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["done.toml"]


# ---------------------------------------------------------------- dates


def dated(
    completed: str = "",
    endorsed: str = "",
    start: date | None = date(2025, 2, 1),
    end: date | None = date(2025, 10, 31),
    training: bool = False,
) -> Review:
    review = Review(review_period=ReviewPeriod(start=start, end=end))
    review.set_answer("completed_on", completed)
    review.set_answer("endorsed_on", endorsed)
    if training:
        review.meta = Meta(training=True)
    return review


def date_findings(catalogue: Catalogue, review: Review) -> list[tuple[str, str, str]]:
    return [
        (f.kind, f.rule, f.message)
        for _, f in answers(catalogue, review, TODAY)
        if f.rule != "placeholder_answer"
    ]


def test_dates_in_order_after_the_period_raise_nothing(catalogue: Catalogue) -> None:
    assert date_findings(catalogue, dated("2026-01-24", "2026-01-31")) == []
    assert date_findings(catalogue, dated("2026-06-01", "2026-06-01")) == []  # today
    assert date_findings(catalogue, dated()) == []  # not given: the completeness check's
    assert date_findings(catalogue, dated("2026-01-24", "2026-01-31", None, None)) == []


def test_a_date_after_today_cannot_be_right(catalogue: Catalogue) -> None:
    assert date_findings(catalogue, dated("2026-06-02", "2026-07-01")) == [
        (
            "completeness",
            "completion_in_future",
            "The date of completion, 02/06/2026, is after today (01/06/2026).",
        ),
        (
            "completeness",
            "endorsement_in_future",
            "The date of endorsement, 01/07/2026, is after today (01/06/2026).",
        ),
    ]
    training = date_findings(catalogue, dated("2026-06-02", training=True))
    assert training[0][2] == (
        "The date of completion, 02/06/2026, is after today (01/06/2026) (this training case "
        "is judged against today's date)."
    )


def test_an_endorsement_before_the_completion_cannot_be_right(catalogue: Catalogue) -> None:
    assert date_findings(catalogue, dated("2026-01-31", "2026-01-24")) == [
        (
            "completeness",
            "endorsed_before_completion",
            "The date of endorsement, 24/01/2026, is before the date of completion, 31/01/2026.",
        )
    ]


def test_a_report_completed_before_its_period_begins_cannot_be_right(
    catalogue: Catalogue,
) -> None:
    assert date_findings(catalogue, dated("2025-01-24", "2025-01-31")) == [
        (
            "completeness",
            "completed_before_period",
            "The date of completion, 24/01/2025, is before the review period begins (01/02/2025).",
        )
    ]
    assert date_findings(catalogue, dated("", "2025-01-31")) == [
        (
            "completeness",
            "endorsed_before_period",
            "The date of endorsement, 31/01/2025, is before the review period begins (01/02/2025).",
        )
    ]


def test_a_report_completed_before_its_period_ends_is_only_queried(
    catalogue: Catalogue,
) -> None:
    assert date_findings(catalogue, dated("2025-09-30", "2025-11-30")) == [
        (
            "chronology",
            "completed_within_period",
            "The date of completion, 30/09/2025, is before the review period ends (31/10/2025).",
        )
    ]


def test_a_final_report_is_refused_with_a_completion_date_after_today(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, fixed_clock: datetime
) -> None:
    review = final.completed(catalogue)
    review.set_answer("completed_on", "2026-06-02")
    review.set_answer("endorsed_on", "2026-06-02")
    path = tmp_path / "done.toml"
    create(path, catalogue, review)
    before = path.read_bytes()
    result = imr("export", "done.toml", "--final")
    assert result.returncode == 1
    assert (
        "Details, Date of completion of IMR: The date of completion, 02/06/2026, is after "
        "today (01/06/2026) (this training case is judged against today's date)." in result.stderr
    )
    assert "Date of endorsement: The date of endorsement, 02/06/2026" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["done.toml"]
