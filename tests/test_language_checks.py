"""The language checks: blame and judgement, hindsight, labels about the adult.

What must be found (with inflections, capitals, curly apostrophes, line breaks inside a
phrase) and what must not (quotations, negation, things rather than people), where a
finding points, and that a board's ``language.toml`` changes the checks.
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
        "",  # the first prompt: nothing typed
        ("Nothing typed", "Check the review"),
        ("What would you like to do", "Go back to where I was"),
    )
    interview(script, data.catalogue, path, data.glossary)
    said = script.transcript()
    assert '"botched" blames a person, in: The nurse botched the dressing.' in said
    assert f"Why a panel asks: {shipped_language().defaults.blame.why}" in said
