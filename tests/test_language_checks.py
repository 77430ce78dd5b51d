"""The language checks: blame and judgement, hindsight, labels about the adult.

Where a finding points and what it says, and that a board's ``language.toml`` changes
the checks (the phrase lists and their near misses are in ``test_language_phrases.py``).
"""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from imr_tui.checks import load_glossary, run_checks
from imr_tui.checks.findings import Finding
from imr_tui.checks.language import language
from imr_tui.checks.language_quotes import quoted_spans
from imr_tui.checks.language_rules import load_language, shipped_language
from imr_tui.core.catalogue import Catalogue, default_prompts_dir
from imr_tui.core.errors import UserError
from imr_tui.core.model import ChronologyEntry, Recommendation, Review, ReviewPeriod
from imr_tui.core.store import new_review, save

if TYPE_CHECKING:
    from conftest import Imr

TODAY = date(2026, 1, 24)


def _review(catalogue: Catalogue, summary: str = "", **answers: str) -> Review:
    review = new_review(catalogue)
    review.review_period = ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31))
    review.answers = {"summary": summary, **answers} if summary else dict(answers)
    return review


def _language(catalogue: Catalogue, review: Review) -> list[Finding]:
    return [f for _, f in language(catalogue, review, shipped_language())]


def _rules_found(catalogue: Catalogue, text: str) -> list[str]:
    return [f.rule for f in _language(catalogue, _review(catalogue, text))]


def test_a_finding_quotes_the_phrase_and_its_sentence_with_why_and_rewrite(
    catalogue: Catalogue,
) -> None:
    text = "She lived alone. The nurse failed to refer her and was lazy. She later fell."
    (finding,) = _language(catalogue, _review(catalogue, text))
    assert finding.kind == "language"
    assert finding.rule == "blame"
    assert finding.step_id == "summary"
    assert finding.message.startswith('"failed to" blames a person, in: The nurse failed to')
    assert 'Also here: "lazy".' in finding.message
    assert "She later fell" not in finding.message  # only the sentence it is in
    rules = tomllib.loads((default_prompts_dir() / "language.toml").read_text("utf-8"))
    failed = next(e for e in rules["blame"] if "failed to" in e["phrases"])
    assert finding.rewrite == failed["rewrite"]  # the entry's own rewrite
    assert finding.why == rules["defaults"]["blame"]["why"]  # the rule's default why
    assert finding.advice == rules["defaults"]["blame"]["advice"]


def test_one_finding_per_rule_and_place(catalogue: Catalogue) -> None:
    text = (
        "The nurse failed to refer her. Staff were negligent. She was non-compliant and "
        "refused to engage. An earlier visit would have prevented the fall."
    )
    found = _language(catalogue, _review(catalogue, text))
    assert sorted(f.rule for f in found) == ["blame", "hindsight", "label"]
    label = next(f for f in found if f.rule == "label")
    assert label.message.startswith('"non-compliant" is a label about the adult')
    assert '"refused to engage"' in label.message


def test_a_label_said_of_staff_is_blame_and_failed_to_said_of_the_adult_is_a_label(
    catalogue: Catalogue,
) -> None:
    assert _rules_found(catalogue, "The social worker was uncooperative.") == ["blame"]
    assert _rules_found(catalogue, "Mrs Marlow failed to wash for weeks.") == ["label"]
    label = _language(catalogue, _review(catalogue, "She failed to wash for weeks."))[0]
    assert label.rewrite == shipped_language().defaults.label.rewrite  # the label's text


def test_chronology_and_recommendation_findings_name_the_record_and_field(
    catalogue: Catalogue,
) -> None:
    review = _review(catalogue)
    review.chronology = [
        ChronologyEntry(
            id="e1",
            date="2025-03-03",
            source="Electronic patient record",
            cells={"event": "Visit.", "outcome": "Patient was non-compliant with dressings."},
        )
    ]
    review.recommendations = [
        Recommendation(
            id="r1",
            recommendation="Audit declined visits each quarter.",
            actions="Discipline the nurse who failed to refer.",
            lead="Head of Community Nursing",
        )
    ]
    found = {f.rule: f for f in _language(catalogue, review)}
    assert found["label"].record_id == "e1"
    assert found["label"].field == "outcome"
    assert found["label"].where == "chronology entry of 03/03/2025"
    assert found["blame"].record_id == "r1"
    assert found["blame"].field == "actions"
    assert found["blame"].where == "recommendation 1"


def test_the_headings_list_is_not_checked(catalogue: Catalogue) -> None:
    from imr_tui.core.model import Heading

    review = _review(catalogue)
    review.headings = [Heading(id="h1", title="Why staff failed to refer")]
    assert all(f.step_id != "headings" for f in _language(catalogue, review))
    assert _language(catalogue, review) == []


def test_run_checks_reports_language_findings(catalogue: Catalogue) -> None:
    review = _review(catalogue, "She refused to engage with the nurses.")
    findings = run_checks(catalogue, review, load_glossary(), TODAY)
    assert [f.rule for f in findings if f.kind == "language"] == ["label"]


def test_quoted_spans_tell_quotes_from_apostrophes() -> None:
    text = "Mary's son said 'no' and 'don't come' but the nurses' car left. \"Open"
    spans = [text[a:b] for a, b in quoted_spans(text)]
    assert spans == ["'no'", "'don't come'"]


def test_a_broken_phrase_is_refused_naming_the_file_and_key(tmp_path: Path) -> None:
    text = (default_prompts_dir() / "language.toml").read_text("utf-8")
    broken = tmp_path / "language.toml"
    broken.write_text(text.replace('"failed to", "fails to"', '"failed (to", "fails to"'))
    with pytest.raises(UserError) as e:
        load_language(broken)
    assert str(e.value).startswith(f"{broken}: blame[0]: 'phrases'")


def _board(tmp_path: Path, language_toml: str) -> Path:
    folder = tmp_path / "board"
    folder.mkdir()
    shutil.copy(default_prompts_dir() / "imr.toml", folder / "imr.toml")
    (folder / "language.toml").write_text(language_toml, encoding="utf-8")
    return folder


def _saved(tmp_path: Path, catalogue: Catalogue, summary: str) -> Path:
    path = tmp_path / "r.toml"
    save(path, _review(catalogue, summary), catalogue)
    return path


def test_imr_check_prints_the_finding_with_why_and_rewrite(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _saved(tmp_path, catalogue, "Mrs Marlow refused to engage with the nurses.")
    before = path.read_bytes()
    result = imr("check", path)
    assert result.returncode == 1
    out = result.stdout
    assert '"refused to engage" is a label about the adult, in: Mrs Marlow refused' in out
    assert f"Why a panel asks: {shipped_language().defaults.label.why}" in out
    assert "For example: She did not take up the offer of a visit" in out
    assert path.read_bytes() == before


def test_a_boards_language_file_changes_imr_check(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    shipped = (default_prompts_dir() / "language.toml").read_text("utf-8")
    added = (
        shipped
        + '\n[[blame]]\nphrases = ["botched"]\nwhy = "Board: judge practice, not people."\n'
        + 'rewrite = "Board: describe what was done."\n'
    )
    folder = _board(tmp_path, added)
    path = _saved(tmp_path, catalogue, "The nurse botched the dressing.")
    assert "botched" not in imr("check", path).stdout  # the shipped lists lack it
    result = imr("check", path, "--prompts", folder)
    assert '"botched" blames a person' in result.stdout
    assert "Why a panel asks: Board: judge practice, not people." in result.stdout
    assert "For example: Board: describe what was done." in result.stdout


def test_a_broken_board_language_file_is_one_line_and_exit_2(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    shipped = (default_prompts_dir() / "language.toml").read_text("utf-8")
    folder = _board(tmp_path, shipped.replace("\nnegatable = false", '\nnegatable = "maybe"'))
    path = _saved(tmp_path, catalogue, "The nurse failed to refer her.")
    before = path.read_bytes()
    result = imr("check", path, "--prompts", folder)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(folder / "language.toml") in lines[0]
    assert "blame[" in lines[0] and "negatable" in lines[0]
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_plain_mode_checks_with_a_boards_language_file(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    from scripted_asker import Script

    from imr_tui.core.data_files import DataFiles
    from imr_tui.plain.run import interview

    shipped = (default_prompts_dir() / "language.toml").read_text("utf-8")
    folder = _board(tmp_path, shipped + '\n[[blame]]\nphrases = ["botched"]\n')
    path = _saved(tmp_path, catalogue, "The nurse botched the dressing.")
    data = DataFiles.resolve(folder)
    script = Script(
        ("Your answer:", "?check"),  # at the first prompt
        ("What would you like to do", "Go back to where I was"),
    )
    interview(script, data.catalogue, path, data.glossary)
    said = script.transcript()
    assert '"botched" blames a person, in: The nurse botched the dressing.' in said
    assert f"Why a panel asks: {shipped_language().defaults.blame.why}" in said
