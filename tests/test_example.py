"""For trainers: the worked example, `imr check` on it, its export glossary, training mode."""

from __future__ import annotations

import shutil
import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from imr_tui.checks import Glossary, find_abbreviations, load_glossary, report, run_checks
from imr_tui.checks.findings import RULES
from imr_tui.cli import main as cli
from imr_tui.core.catalogue import Catalogue, default_prompts_dir
from imr_tui.core.errors import UserError
from imr_tui.core.example import EXAMPLE_FILE, example_path_for, load_example, render
from imr_tui.core.model import Review
from imr_tui.core.session import Session
from imr_tui.core.steps import overall, progress
from imr_tui.core.store import load

if TYPE_CHECKING:
    from conftest import Imr

DNA = "Did Not Attend; Deoxyribonucleic acid (a forensic or genetic sample)"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


CO = "Complaining of; Care of (an address)"

Weakness = tuple[str, str, str, str, str, str]
"""A finding as the tests compare it: kind, section, step, where, rule, abbreviation."""


def deliberate_weaknesses(y: int) -> list[Weakness]:
    """What `imr check` must find in the example whose events happened in year ``y``: one
    finding for each deliberate weak place listed in the header of example.toml. The rule
    is named for the measured rules (findings.RULES); "" stands for any other."""
    analysis = "analysis"
    recs = ("recommendations", "recommendations", "recommendations", "recommendation 3")
    return [
        ("language", "summary", "summary", "Summary of involvement", "label", ""),
        (
            "abbreviation",
            "chronology",
            "chronology",
            f"chronology entry of 16/04/{y}",
            "abbreviation",
            "DNA",
        ),
        (
            "chronology",
            "chronology",
            "chronology",
            f"between the chronology entries of 30/04/{y} and 11/06/{y}",
            "",
            "",
        ),
        (  # an entry without its source is unfinished
            "completeness",
            "chronology",
            "chronology",
            f"chronology entry of 20/06/{y} at 16:45",
            "",
            "",
        ),
        (
            "abbreviation",
            "chronology",
            "chronology",
            f"chronology entry of 02/07/{y} at 09:30",
            "abbreviation",
            "c/o",
        ),
        (
            "analysis",
            analysis,
            "tor_analysis:tor3",
            "How well did the agency share information and work with other agencies?",
            "describes",
            "",
        ),
        (
            "language",
            analysis,
            "q_action",
            "Did action accord with assessments and decisions?",
            "blame",
            "",
        ),
        (
            "language",
            analysis,
            "q_escalation",
            "Were managers and other agencies involved when they should have been?",
            "hindsight",
            "",
        ),
        (
            "analysis",
            analysis,
            "q_identity",
            "Was practice sensitive to protected characteristics and identity?",
            "too_short",
            "",
        ),
        (*recs, "", ""),  # no target date
        (*recs, "vague", ""),
        (*recs, "not_measurable", ""),
        (*recs, "lead", ""),
    ]


def as_tuples(review: Review, catalogue: Catalogue, glossary: Glossary, today: date) -> list[Any]:
    return [
        (
            f.kind,
            f.section_id,
            f.step_id,
            f.where,
            f.rule if f.rule in RULES else "",
            f.abbreviation,
        )
        for f in run_checks(catalogue, review, glossary, today)
    ]


# ---------------------------------------------------------------- the example itself


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 11, 25),
        date(2026, 1, 30),  # a day before the example's endorsement date comes round
        date(2026, 1, 31),
        date(2028, 2, 29),
        date(2031, 12, 31),
    ],
)
def test_check_finds_exactly_the_deliberate_weaknesses(
    catalogue: Catalogue, glossary: Glossary, today: date
) -> None:
    review = load_example(catalogue, today=today)
    assert review.review_period.start is not None
    y = review.review_period.start.year
    assert as_tuples(review, catalogue, glossary, today) == deliberate_weaknesses(y)


def test_years_are_the_latest_that_keep_events_in_the_past(catalogue: Catalogue) -> None:
    def endorsed(today: date) -> str:
        return load_example(catalogue, today=today).answer("endorsed_on")

    assert endorsed(date(2026, 1, 30)) == "2025-01-31"
    assert endorsed(date(2026, 1, 31)) == "2026-01-31"
    assert endorsed(date(2026, 11, 25)) == "2026-01-31"
    review = load_example(catalogue, today=date(2026, 11, 25))
    assert review.review_period.start == date(2025, 2, 1)
    assert [r.target_date for r in review.recommendations] == [
        date(2027, 3, 31),
        date(2027, 6, 30),
        None,
    ]
    assert review.adults[0].date_of_birth == date(1946, 3, 14)
    assert "stroke in 2022" in review.answer("summary")


def test_render_replaces_only_year_tokens() -> None:
    assert render("{Y} {Y+1} {Y-79} {Y+12} { Y} {X} {Y*2}", 2025) == (
        "2025 2026 1946 2037 { Y} {X} {Y*2}"
    )


def test_the_example_answers_every_prompt_of_every_section(catalogue: Catalogue) -> None:
    review = load_example(catalogue)
    answered, total = overall(catalogue, review)
    assert answered == total
    assert all(p.answered == p.total > 0 for p in progress(catalogue, review))
    assert all(review.answer(p.id).strip() for p in catalogue.prompts() if p.kind == "text")


def test_the_example_is_plainly_fictional(catalogue: Catalogue) -> None:
    review = load_example(catalogue)
    assert review.answer("agency") == "Northshire Community Health NHS Trust (FICTIONAL)"
    assert review.adults[0].name == "Edith Marlow (FICTIONAL)"
    for pid in ("author_name", "author_contact", "endorser_name"):
        assert "(FICTIONAL)" in review.answer(pid), pid
    assert ".example" in review.answer("author_contact")  # a domain that cannot exist
    assert "01632 960" in review.answer("author_contact")  # the range kept for drama


def test_the_example_chronology_and_recommendations(catalogue: Catalogue) -> None:
    today = date(2026, 11, 25)
    review = load_example(catalogue, today=today)
    period = review.review_period
    assert period.start and period.end
    assert len(review.chronology) >= 15
    assert all(
        period.start.isoformat() <= e.date <= period.end.isoformat() for e in review.chronology
    )
    assert [e.id for e in review.chronology if not e.source] == ["c09"]
    # It also shows the right way to record a period of no contact.
    assert any(e.cells.get("event", "").startswith("No contact from") for e in review.chronology)
    assert 2 <= len(review.recommendations) <= 4
    assert review.accepted_abbreviations == ["GP"]


def test_a_trainer_can_ship_their_own_example(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    assert example_path_for(None) == default_prompts_dir() / EXAMPLE_FILE
    assert example_path_for(tmp_path) == default_prompts_dir() / EXAMPLE_FILE
    shutil.copy(default_prompts_dir() / "imr.toml", tmp_path / "imr.toml")
    (tmp_path / EXAMPLE_FILE).write_text(
        '[answers]\nagency = "Westmoor Council (FICTIONAL)"\ncompleted_on = "{Y}-05-01"\n',
        encoding="utf-8",
    )
    assert example_path_for(tmp_path / "imr.toml") == tmp_path / EXAMPLE_FILE
    result = imr("new", "t.toml", "--example", "--prompts", str(tmp_path))
    assert result.returncode == 0, result.stderr
    review = load(tmp_path / "t.toml", catalogue)
    assert review.answer("agency") == "Westmoor Council (FICTIONAL)"
    assert date.fromisoformat(review.answer("completed_on")) <= date.today()


def test_a_broken_example_names_the_file(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / EXAMPLE_FILE
    path.write_text("[answers]\ncompleted_on = 3\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_example(catalogue, path)
    assert str(info.value).startswith(f"{path}: answers: 'completed_on'")


# ---------------------------------------------------------------- as a trainee meets it


def test_new_example_then_check_then_export(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    result = imr("new", "example.toml", "--example")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Created example.toml, a fictional worked example. "
        "Find its weaknesses with: imr check example.toml\n"
    )
    path = tmp_path / "example.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    review = load(path, catalogue)
    assert review.meta.catalogue == f"{catalogue.name} {catalogue.version}"

    result = imr("check", "example.toml")
    assert (result.returncode, result.stderr) == (1, "")
    findings = run_checks(catalogue, review, glossary)
    assert result.stdout == report(findings, catalogue)
    out = result.stdout
    assert out.startswith("13 findings in 4 sections.\n\nSummary (1 finding)\n")
    for text in (
        "\nChronology (4 findings)\n",
        "\nAnalysis (4 findings)\n",
        "\nRecommendations (4 findings)\n",
        '"refused to engage" is a label about the adult',
        f'"DNA" is an abbreviation with more than one meaning: {DNA}.',
        f'"c/o" is an abbreviation with more than one meaning: {CO}.',
        "It has no source of information.",
        "There is no recorded contact for 41 days (more than 28) and no entry saying so.",
        "At 8 words, this answer is too short to be analysis",
        "This answer describes rather than analyses",
        '"failed to" blames a person',
        '"would have prevented" is hindsight',
        "- Recommendation 3\n  Its 'Target date' is empty.\n  What to do: Give the date",
        "'Remind staff' is vague",
        "Its wording has no measurable outcome.",
        "'All agencies' is not one role in this agency.",
        "  What to do: Write out in full the meaning you intend",
    ):
        assert text in out, text

    result = imr("export", "example.toml")
    assert (result.returncode, result.stderr) == (0, "")
    markdown = (tmp_path / "example.md").read_text(encoding="utf-8")
    # The glossary, before the endorsement: every abbreviation the report uses, accepted
    # or not, the template's own (DOB, IMR) too; an ambiguous one with all its meanings
    # until the author gives the one they intend.
    glossary_part = markdown.split("\n## Glossary of abbreviations\n", 1)[1]
    assert glossary_part.split("\n## ")[1].startswith("ENDORSEMENT")
    assert glossary_part.startswith(
        "\nAbbreviations used in this review and what they stand for.\n\n"
        "| Abbreviation | Meaning |\n| --- | --- |\n"
        f"| c/o | {CO.replace('; ', ', or ')} |\n"
        f"| DNA | {DNA.replace('; ', ', or ')} |\n"
        "| DOB | Date of Birth |\n| GP | General Practitioner |\n"
        "| IMR | Individual Management Review |\n| NHS | National Health Service |\n\n"
    )
    assert "FICTIONAL" in markdown


def test_an_accepted_abbreviation_joins_the_exported_glossary(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    assert imr("new", "example.toml", "--example").returncode == 0
    path = tmp_path / "example.toml"
    session = Session(path, load(path, catalogue), catalogue)
    session.accept_abbreviation("DNA")
    assert session.save()

    result = imr("check", "example.toml")
    assert result.returncode == 1
    # Accepted, but an ambiguous abbreviation still needs the meaning intended.
    assert result.stdout.startswith("13 findings in 4 sections.\n")
    assert '"DNA" is accepted, but which meaning?' in result.stdout

    assert imr("export", "example.toml", "-o", "out.md").returncode == 0
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    glossary_part = markdown.split("\n## Glossary of abbreviations\n", 1)[1]
    assert glossary_part.split("\n\n## ", 1)[1].startswith("ENDORSEMENT")
    assert (
        "| DNA | Did Not Attend, or Deoxyribonucleic acid (a forensic or genetic sample) |\n"
        "| DOB | Date of Birth |\n| GP | General Practitioner |\n"
    ) in glossary_part
    # Given the meaning intended, the glossary gives that one only.
    session = Session(path, load(path, catalogue), catalogue)
    session.set_abbreviation_meaning("DNA", "Did Not Attend")
    assert session.save()
    assert imr("export", "example.toml", "-o", "out.md").returncode == 0
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "| DNA | Did Not Attend |\n" in markdown


def test_new_example_refuses_to_overwrite(imr: Imr, tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text("# mine\n", encoding="utf-8")
    result = imr("new", "mine.toml", "--example")
    assert result.returncode == 2
    assert result.stderr == "imr: mine.toml: already exists; open it with 'imr mine.toml'\n"
    assert (tmp_path / "mine.toml").read_text(encoding="utf-8") == "# mine\n"


# ---------------------------------------------------------------- training mode


def test_every_prompt_has_trainer_notes(catalogue: Catalogue, glossary: Glossary) -> None:
    for p in catalogue.prompts():
        assert p.why.strip(), p.id
        assert p.model_answer.strip(), p.id
        # Model answers model the template's "please avoid abbreviation".
        assert find_abbreviations(p.model_answer, glossary) == [], p.id


def test_training_is_offered_and_passed_to_the_interview(
    imr: Imr, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "--training" in imr("open", "--help").stdout
    import imr_tui.tui.run

    calls: list[dict[str, Any]] = []

    def fake(catalogue: Catalogue, file: Path | None, workspace: Path | None, **kw: Any) -> int:
        calls.append({"file": file, "training": kw["training"]})
        return 0

    monkeypatch.setattr(imr_tui.tui.run, "run_interview", fake)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("IMR_PLAIN", raising=False)
    assert cli.main(["--training", str(tmp_path / "r.toml")]) == 0
    assert cli.main(["open", str(tmp_path / "r.toml")]) == 0
    assert calls == [
        {"file": tmp_path / "r.toml", "training": True},
        {"file": tmp_path / "r.toml", "training": False},
    ]
