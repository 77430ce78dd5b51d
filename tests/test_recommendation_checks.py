"""Recommendations checked as a panel reads them: SMART (vague wording, no measurable
outcome, a lead that is not one role in this agency), and target dates judged against
the date of completion. Through ``imr check`` and the Check screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import Imr
from tui_helpers import SIZE, catalogue, make_app, settled, to_finding, until

from imr_tui.core.model import Recommendation, Review, ReviewPeriod
from imr_tui.core.store import load, to_toml
from imr_tui.tui.screens.form import FormScreen

AGENCY = "Northshire Community Health NHS Trust (FICTIONAL)"
GOOD: dict[str, Any] = {
    "recommendation": "District nurses record every refusal of care as a decision.",
    "actions": "Add a refusal of care template to the electronic patient record.",
    "lead": "Head of Community Nursing",
    "target_date": date(2030, 3, 31),
    "resources": "Two days of developer time.",
    "evidence": "An audit of 30 records shows refusals recorded in at least 90% of cases.",
}
VAGUE = "is vague: it does not say what will change."
NOT_MEASURABLE = "Its wording has no measurable outcome."
LEAD = ("not one role in this agency", "is another agency", "names ", "is a team or service")


def review_with(*recommendations: dict[str, Any], completed: str = "2026-01-24") -> Review:
    """A review by the Trust, naming other agencies in its summary, with these changes
    to a good recommendation (one recommendation each)."""
    review = Review(review_period=ReviewPeriod(start=date(2025, 2, 1), end=date(2025, 10, 31)))
    review.set_answer("agency", AGENCY)
    review.set_answer("completed_on", completed)
    review.set_answer(
        "summary",
        "Mrs Marlow (FICTIONAL) was known to Northshire County Council (NCC) adult social "
        "care and to Northshire Ambulance Service (FICTIONAL), as well as to the Trust.",
    )
    review.recommendations = [
        Recommendation(id=f"r{n}", **{**GOOD, **changes})
        for n, changes in enumerate(recommendations, 1)
    ]
    return review


LABELS = ("  Why a panel asks: ", "  What to do: ", "  For example: ")


def findings_of(stdout: str, number: int) -> list[str]:
    """The messages ``imr check`` prints under ``- Recommendation N``."""
    out, inside = [], False
    for line in stdout.splitlines():
        if line.startswith("- "):
            inside = line == f"- Recommendation {number}"
        elif inside and line.startswith("  ") and not line.startswith(LABELS):
            out.append(line.strip())
    return out


def check(imr: Imr, tmp_path: Path, review: Review, *options: str | Path) -> tuple[str, int]:
    """``imr check`` on the review written to a file; the file is left as it was."""
    path = tmp_path / "marlow.toml"
    path.write_text(to_toml(review, catalogue()), encoding="utf-8")
    before = path.read_bytes()
    result = imr("check", *options, path)
    assert result.stderr == ""
    assert path.read_bytes() == before
    return result.stdout, result.returncode


MUST_FIND: list[tuple[dict[str, Any], str]] = [
    (
        {
            "recommendation": "Raise awareness of self-neglect among district nurses.",
            "actions": "A reminder at team meetings.",
            "evidence": "Compliance will be monitored.",
        },
        "'Raise awareness' " + VAGUE,
    ),
    (
        {
            "recommendation": "Raise awareness of self-neglect among district nurses.",
            "actions": "A reminder at team meetings.",
            "evidence": "Compliance will be monitored and awareness will increase.",
        },
        NOT_MEASURABLE,
    ),
    ({"recommendation": "Remind staff to record refusals of care."}, "'Remind staff' " + VAGUE),
    (
        {"recommendation": "Staff to be more professionally curious about refusals of care."},
        "'professionally curious' " + VAGUE,
    ),
    ({"actions": "Nurses will be more vigilant with frail adults."}, "'be more vigilant' " + VAGUE),
    (
        {"actions": "Staff will be reminded at the next team meeting."},
        "'be reminded' " + VAGUE,
    ),
    (
        {"recommendation": "Improve communication between district nurses and GPs."},
        "'Improve communication' " + VAGUE,
    ),
    ({"recommendation": "Lessons will be learned from this case."}, "'Lessons will be learned' "),
    ({"lead": "All agencies"}, "'All agencies' is not one role in this agency."),
    (
        {"lead": "Safeguarding team"},
        "'Safeguarding team' is a team or service, not one role in it.",
    ),
    (
        {"lead": "Northshire County Council"},
        "'Northshire County Council' is another agency: it is not a role in this agency.",
    ),
    (
        {"lead": "Safeguarding Adults Lead, NCC"},
        "'Safeguarding Adults Lead, NCC' names NCC: it is not a role in this agency.",
    ),
    (
        {"lead": "Adult social care"},
        "'Adult social care' is another agency: it is not a role in this agency.",
    ),
    ({"lead": "Sam Okafor (FICTIONAL)"}, "'Sam Okafor (FICTIONAL)' does not name a role."),
    # Classes missed on the fresh set, each in our own words.
    ({"actions": "What went wrong here is to be learned by every team."}, "'be learned' "),
    ({"actions": "The briefing will be shared widely."}, "'shared widely' "),
    (
        {"recommendation": "Reinforce the message that a refusal is recorded with its reason."},
        "'Reinforce the message' ",
    ),
    ({"actions": "The escalation route will be looked at."}, "'looked at' "),
    ({"recommendation": "Review the hoarding procedure."}, "'Review the hoarding procedure' "),
    ({"recommendation": "Update the missed visits policy."}, "'Update the missed visits policy' "),
    ({"actions": "Revisit the escalation route."}, "'Revisit' "),
    ({"actions": "An audit will be considered."}, "'be considered' "),
    ({"actions": "Staff will receive training on self-neglect."}, "'Staff will receive training' "),
    ({"evidence": "An increase in the number of capacity assessments."}, NOT_MEASURABLE),
    ({"evidence": "Better joint work between the two teams."}, NOT_MEASURABLE),
    ({"evidence": "Practice improved, as shown through supervision and audit."}, NOT_MEASURABLE),
    (
        {"lead": "Head of Community Nursing and Named Nurse for Safeguarding Adults"},
        "'Head of Community Nursing and Named Nurse for Safeguarding Adults' names more than "
        "one role: an action plan needs one owner.",
    ),
    ({"lead": "Matron / Team Leader"}, "'Matron / Team Leader' names more than one role"),
    (
        {"lead": "Head of Nursing & Safeguarding Lead"},
        "'Head of Nursing & Safeguarding Lead' names more than one role",
    ),
    ({"recommendation": "Ensure the learning is embedded."}, "'learning is embedded' "),
    (
        {"recommendation": "The Trust will seek assurance that refusals are recorded."},
        "'seek assurance' ",
    ),
    (
        {"lead": "Locality Manager and Team Leaders"},
        "'Locality Manager and Team Leaders' names more than one role",
    ),
    ({"lead": "Senior management"}, "'Senior management' does not name a role."),
    ({"lead": "The Board"}, "'The Board' is not one role in this agency."),
    ({"lead": "Managers"}, "'Managers' does not name a role."),
    ({"lead": "HR"}, "'HR' does not name a role."),
    ({"lead": "Executive Team"}, "'Executive Team' is a team or service, not one role in it."),
    # a vague aim however worded: understanding developed, reflection on anything
    (
        {"recommendation": "Develop a better understanding of self-neglect across the teams."},
        "'Develop a better understanding' " + VAGUE,
    ),
    ({"actions": "Teams to reflect on the Self-Neglect Guidance."}, "'reflect on' " + VAGUE),
    # roles that belong to another kind of agency
    (
        {"lead": "Station Manager, Prevention"},
        "'Station Manager, Prevention' names Station Manager",
    ),
    (
        {"lead": "Registered Manager, Brook Lodge"},
        "'Registered Manager, Brook Lodge' names Registered Manager",
    ),
]

MUST_NOT_FIND: list[dict[str, Any]] = [
    {},
    {"lead": "Named Nurse for Safeguarding Adults"},
    {"lead": "Head of Safeguarding, Northshire Community Health NHS Trust (FICTIONAL)"},
    {"lead": "District Nursing Team Leader"},
    {"evidence": "Referrals sent within two working days of the need being found."},
    {"evidence": "Monthly figures on the number of referrals sent on the day."},
    {"evidence": "A re-audit of capacity recording in records of patients who declined care."},
    {"recommendation": 'Record it when the adult says "remind me next week" and why.'},
    {"recommendation": "Nurses raise a safeguarding concern when a refusal puts her at risk."},
    {"recommendation": "Nurses record that capacity was considered when care is declined."},
    {"recommendation": "The adult's wishes are explored and recorded at each review."},
    {"actions": "The electronic record reminds the nurse when a referral has waited two days."},
    {"actions": "Give health promotion leaflets on nutrition at the first visit."},
    # Near misses of the classes above.
    {
        "recommendation": "Raise the profile of hoarding in supervision by adding a "
        "standing question to the supervision record."
    },
    {"recommendation": "Handover improved by a shared sheet with a section for family."},
    {"actions": "Explore why care was declined using four set questions on the template."},
    {"actions": "Nurses learned the pathway at induction in March."},
    {"actions": "Review each declined visit at the weekly team meeting."},
    {"actions": "Add a prompt to the record; update the Missed Visits Policy."},
    {
        "recommendation": "Review the missed visits policy to require a call to the "
        "next of kin after a second missed visit."
    },
    {
        "evidence": "The audit is reported to the Safeguarding Committee, which is assured "
        "when at least 90% of records meet the standard."
    },
    {"evidence": "Monthly figures on the number of referrals sent on the day."},
    {"evidence": "A fall in the number of late referrals from 12 to 3 a month."},
    {"evidence": "An audit of capacity recording in the records of declined care."},
    {"evidence": "The three questions are answered in nine of ten records sampled."},
    {"lead": "Head of Safeguarding and Quality"},
    {"lead": "Director of Nursing and Quality"},
    {"lead": "Lead for Learning and Development"},
    {"lead": "Head of District Nursing and Nurse Education"},
    {"lead": "Practice Educator, Community Nursing"},
    {"lead": "Team Leader, Eastfield District Nursing Team"},
    # a dash ends a title's head, as a comma does
    {"lead": "Service Manager – Community Nursing (North Locality)"},
    {"lead": "Service Manager - Community Nursing"},
    {
        "evidence": "A sample of 25 referrals in September shows the person's "
        "understanding of the risk recorded in at least 22."
    },
]


@pytest.mark.parametrize(("changes", "message"), MUST_FIND)
def test_imr_check_finds_what_a_panel_would_send_back(
    imr: Imr, tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    stdout, code = check(imr, tmp_path, review_with(changes))
    assert code == 1
    assert any(m.startswith(message) for m in findings_of(stdout, 1)), stdout


@pytest.mark.parametrize("changes", MUST_NOT_FIND)
def test_imr_check_leaves_a_smart_recommendation_alone(
    imr: Imr, tmp_path: Path, changes: dict[str, Any]
) -> None:
    stdout, _ = check(imr, tmp_path, review_with(changes))
    found = findings_of(stdout, 1)
    assert not [m for m in found if VAGUE in m or m == NOT_MEASURABLE or any(w in m for w in LEAD)]


def test_another_agency_is_told_from_the_review_s_own_agency_answer(
    imr: Imr, tmp_path: Path
) -> None:
    lead = {"lead": "Head of Adult Social Care"}
    stdout, _ = check(imr, tmp_path, review_with(lead))
    assert findings_of(stdout, 1) == [
        "'Head of Adult Social Care' names Adult Social Care: it is not a role in this agency."
    ]
    council = review_with(lead, {"lead": "Named Nurse, Northshire Community Health NHS Trust"})
    council.set_answer("agency", "Northshire County Council (FICTIONAL)")
    council.set_answer("summary", "She was known to Northshire Community Health NHS Trust.")
    (tmp_path / "marlow.toml").unlink()
    stdout, _ = check(imr, tmp_path, council)
    assert findings_of(stdout, 1) == []
    assert findings_of(stdout, 2) == [
        "'Named Nurse, Northshire Community Health NHS Trust' names Northshire Community "
        "Health NHS Trust: it is not a role in this agency."
    ]
    # With no agency named yet, neither lead can be told to be another agency's.
    council.set_answer("agency", "")
    (tmp_path / "marlow.toml").unlink()
    stdout, _ = check(imr, tmp_path, council)
    assert (findings_of(stdout, 1), findings_of(stdout, 2)) == ([], [])


def test_a_finding_says_why_and_gives_the_better_shape(imr: Imr, tmp_path: Path) -> None:
    stdout, _ = check(imr, tmp_path, review_with({"lead": "All agencies"}))
    block = stdout[stdout.index("- Recommendation 1") :]
    assert (
        "  'All agencies' is not one role in this agency.\n"
        "  Why a panel asks: The panel will ask who is accountable: an action plan needs "
        "one owner who answers for it.\n"
        "  What to do: Name the one role in this agency that will answer for it.\n"
        "  For example: Head of Community Nursing\n"
    ) in block


def test_a_missing_lead_is_given_an_example(imr: Imr, tmp_path: Path) -> None:
    stdout, _ = check(imr, tmp_path, review_with({"lead": " "}))
    block = stdout[stdout.index("- Recommendation 1") :]
    assert block.startswith(
        "- Recommendation 1\n  Its 'Lead' is empty.\n"
        "  What to do: Name the role responsible for delivering it.\n"
        "  For example: Head of Community Nursing\n"
    )


def test_target_dates_are_judged_against_the_date_of_completion(
    imr: Imr, tmp_path: Path, fixed_clock: object
) -> None:
    # Completed on 24/01/2026: a target after it has not passed, even if today is later.
    before = {"target_date": date(2026, 1, 23)}
    after = {"target_date": date(2026, 2, 1)}
    stdout, _ = check(imr, tmp_path, review_with(before, after))
    assert (
        "Its target date, 23/01/2026, is before the date of completion of this review, "
        "24/01/2026." in findings_of(stdout, 1)
    )
    assert not [m for m in findings_of(stdout, 2) if "target date" in m]
    # With no date of completion, today (01/06/2026) is the reference.
    (tmp_path / "marlow.toml").unlink()
    stdout, _ = check(imr, tmp_path, review_with(before, after, completed=""))
    assert "Its target date, 01/02/2026, has passed." in findings_of(stdout, 2)


def test_a_training_case_judged_against_today_says_so(
    imr: Imr, tmp_path: Path, fixed_clock: object
) -> None:
    review = review_with({"target_date": date(2026, 2, 1)}, completed="")
    review.meta.training = True
    stdout, _ = check(imr, tmp_path, review)
    assert findings_of(stdout, 1)[0] == (
        "This is a training case: its target date, 01/02/2026, is judged against today, "
        "01/06/2026, because no date of completion is set, and has passed."
    )


def _board(tmp_path: Path, repo_root: Path, *replacements: tuple[str, str]) -> Path:
    """A board's folder holding the shipped imr.toml with these exact replacements."""
    text = (repo_root / "prompts" / "imr.toml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    board = tmp_path / "board"
    board.mkdir()
    (board / "imr.toml").write_text(text, encoding="utf-8")
    return board


def test_a_board_changes_the_lists_in_its_imr_toml(
    imr: Imr, tmp_path: Path, repo_root: Path
) -> None:
    shipped = (repo_root / "prompts" / "imr.toml").read_text(encoding="utf-8")
    phrases = shipped[shipped.index("vague_phrases = [") :]
    phrases = phrases[: phrases.index("\n]\n") + 3]
    board = _board(
        tmp_path,
        repo_root,
        (
            phrases,
            'vague_phrases = [\n  { phrase = "cascad*", better = "Say who tells whom." },\n]\n',
        ),
        ('"named nurse",', '"named nurse", "champion",'),
    )
    review = review_with(
        {"recommendation": "Remind staff to cascade the policy to their teams."},
        {"lead": "Safeguarding Champion"},
    )
    stdout, _ = check(imr, tmp_path, review, "--prompts", board)
    assert findings_of(stdout, 1) == ["'cascade' " + VAGUE]
    assert "For example: Say who tells whom." in stdout
    assert findings_of(stdout, 2) == []
    # The shipped lists: "Remind" is vague and a champion is not a role.
    stdout, _ = check(imr, tmp_path / "board", review)
    assert findings_of(stdout, 1) == ["'Remind staff' " + VAGUE]
    assert findings_of(stdout, 2) == [
        "'Safeguarding Champion' is a team or service, not one role in it."
    ]


def test_a_board_measurable_words_list_from_an_earlier_version_still_loads(
    imr: Imr, tmp_path: Path, repo_root: Path
) -> None:
    shipped = (repo_root / "prompts" / "imr.toml").read_text(encoding="utf-8")
    words = shipped[shipped.index("measurable_words = [") :]
    words = words[: words.index("\n]\n") + 3]
    not_measures = shipped[shipped.index("not_measures = [") :]
    not_measures = not_measures[: not_measures.index("\n]\n") + 3]
    old = 'measurable_words = ["%", "audit", "compliance", "increase", "monitor", "number"]\n'
    board = _board(tmp_path, repo_root, (words, old), (not_measures, ""))
    review = review_with(
        {"evidence": "Compliance will be monitored."},
        {"evidence": "Records will be audited in June."},
    )
    stdout, _ = check(imr, tmp_path, review, "--prompts", board)
    assert NOT_MEASURABLE in findings_of(stdout, 1)  # "monitor" still names no measure
    assert NOT_MEASURABLE not in findings_of(stdout, 2)


def test_a_hostile_lead_is_quoted_literally_and_cut(imr: Imr, tmp_path: Path) -> None:
    lead = "[bold]Safeguarding\x1b[31m team[/bold] " + "ऑ" * 300
    stdout, _ = check(imr, tmp_path, review_with({"lead": lead}))
    shown = (lead[:79] + "…").replace("\x1b", "␛")  # 80 characters, the escape visible
    assert findings_of(stdout, 1) == [f"'{shown}' is a team or service, not one role in it."]


HOSTILE_LEAD = "[@click=app.quit]Safeguarding team[/]"


async def test_the_check_screen_shows_why_and_an_example_and_enter_opens_the_lead(
    tmp_path: Path,
) -> None:
    path = tmp_path / "marlow.toml"
    path.write_text(to_toml(review_with({}, {"lead": HOSTILE_LEAD}), catalogue()), "utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settled(pilot, app)
        _, option = await to_finding(pilot, app, lambda f: f.rule == "lead")
        label = str(option.prompt)
        assert f"recommendation 2: '{HOSTILE_LEAD}' is a team or service" in label
        assert "Why a panel asks: A team cannot answer for an action" in label
        assert "For example: Head of Community Nursing" in label
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-lead"
        assert isinstance(app.screen, FormScreen)
        assert app.screen.values()["lead"] == HOSTILE_LEAD
        await pilot.press("end", *["backspace"] * len(HOSTILE_LEAD), *"Head of Nursing")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen), "the form to close")
        await settled(pilot, app)
        assert not [f for f in app.findings if f.rule == "lead"]
    assert load(path).recommendations[1].lead == "Head of Nursing"
