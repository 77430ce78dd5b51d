"""Plain mode, in-process: what a screen-reader user was told, and what was kept.

Each test drives the whole plain interview from a script (tests/scripted_asker.py)
and reads what was said and the review file on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from line_script import line_asker
from scripted_asker import Script

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.model import ChronologyEntry, Draft, Recommendation
from imr_tui.core.session import Session
from imr_tui.core.store import create, load
from imr_tui.plain.run import interview


@pytest.fixture(autouse=True)
def _no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return DataFiles.resolve(None).glossary


ENTRY = ChronologyEntry(
    date="2025-03-11",
    time="10:05",
    source="GP notes",
    cells={"event": "Leg ulcer reviewed", "outcome": "Dressing changed", "practitioner": "Nurse"},
)
REC = Recommendation(
    recommendation="Share discharge plans with the district nurses",
    actions="Write it into the discharge policy",
    lead="Ward manager",
)


def _review(
    folder: Path,
    catalogue: Catalogue,
    kind: str,
    entries: Sequence[ChronologyEntry] = (),
    recs: Sequence[Recommendation] = (),
    drafts: Sequence[Draft] = (),
) -> Path:
    """A review resuming at the step of ``kind`` (or with that id), with the records and
    drafts given."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "r.toml"
    create(path, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    for entry in entries:
        session.put_entry(entry)
    for rec in recs:
        session.put_recommendation(rec)
    for draft in drafts:
        session.put_draft(draft)
    step = next(s for s in session.steps() if kind in (s.prompt.kind, s.id))
    session.set_resume(step.id)
    session.save()
    session.close()
    return path


def _run(script: Script, catalogue: Catalogue, path: Path, glossary: Glossary) -> int:
    return interview(script, catalogue, path, glossary)


# ---------------------------------------------------------------- 1. a change not in the summary


def test_a_change_only_to_a_field_the_summary_leaves_out_is_said_as_a_change(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, "chronology", entries=[ENTRY])
    script = Script(
        "Change or delete one",
        1,
        "Edit it",
        ("Date", "11/03/2025"),
        ("Time", "10:05"),
        ("End date", ""),
        ("End time", ""),
        ("Reference", ""),
        ("Source", "GP notes"),
        ("Practitioner", "Nurse"),
        ("Type of contact", ""),
        ("Event", "Leg ulcer reviewed"),
        ("Action", ""),
        ("Outcome", "Dressing changed and the leg bandaged"),
        ("What would you like to do?", "Change or delete one"),
        1,
        "Edit it",
        ("Date", "11/03/2025"),
        ("Time", "10:05"),
        ("End date", ""),
        ("End time", ""),
        ("Reference", ""),
        ("Source", "GP notes"),
        ("Practitioner", "Nurse"),
        ("Type of contact", ""),
        ("Event", "Leg ulcer reviewed"),
        ("Action", ""),
        ("Outcome", "Dressing changed and the leg bandaged"),
    )
    assert _run(script, catalogue, path, glossary) == 130
    said = script.said
    changed = [s for s in said if s.startswith("Chronology entry 1 changed: ")]
    assert len(changed) == 1, said
    assert "11/03/2025" in changed[0]
    assert said.count("Chronology entry not changed.") == 1  # the second edit changed nothing
    entry = load(path, catalogue).chronology[0]
    assert entry.cells["outcome"] == "Dressing changed and the leg bandaged"


def test_a_recommendation_changed_only_in_its_actions_is_said_as_changed(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, "recommendations", recs=[REC])
    script = Script(
        "Change or delete one",
        1,
        "Edit it",
        ("Recommendation", REC.recommendation),
        ("Action(s)", "Write it into the discharge policy and audit it"),
        ("Lead", "Ward manager"),
        ("Target date", ""),
        ("Resources", ""),
        ("evidenced", ""),
    )
    assert _run(script, catalogue, path, glossary) == 130
    assert any(s.startswith("Recommendation 1 changed: ") for s in script.said), script.said
    assert "Recommendation not changed." not in script.said
    rec = load(path, catalogue).recommendations[0]
    assert rec.actions == "Write it into the discharge policy and audit it"


# ---------------------------------------------------------------- 2. a form left part way


def test_an_adult_left_at_the_date_of_birth_is_kept_with_the_name_and_said(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, "adults")
    script = Script(("name:", "Dorothy Hollins"), ("Date of birth", "?back"))
    assert _run(script, catalogue, path, glossary) == 130
    assert "Adult 1 added with what was given: Dorothy Hollins." in script.said
    assert [a.name for a in load(path, catalogue).adults] == ["Dorothy Hollins"]


def test_an_adult_stopped_at_the_date_of_death_keeps_the_date_of_birth_and_says_so(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _review(tmp_path, catalogue, "adults")
    script = Script(("name:", "Dorothy Hollins"), ("Date of birth", "01/02/1940"))
    assert _run(script, catalogue, path, glossary) == 130  # Ctrl-C at the date of death
    out = " ".join(capsys.readouterr().out.split())
    assert "Adult 1 added with what was given: Dorothy Hollins, date of birth 01/02/1940." in out
    adults = load(path, catalogue).adults
    assert [(a.name, str(a.date_of_birth)) for a in adults] == [("Dorothy Hollins", "1940-02-01")]


def test_a_name_to_replace_left_before_what_replaces_it_is_said_not_kept(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, "pseudonyms")
    script = Script(("Name", "Dorothy Hollins"), ("Replace with", "?back"))
    assert _run(script, catalogue, path, glossary) == 130
    said = script.said
    assert "The name Dorothy Hollins was not added: it needs what replaces it." in said
    assert load(path, catalogue).pseudonyms == []


# ---------------------------------------------------------------- 3. drafts named at the end

DRAFT = Draft(kind="entry", fields={"date": "11/03/2025", "source": "GP notes"}, typing="event")
STILL_KEPT = "Still kept unfinished: 1 chronology entry, offered at the chronology."


def test_ctrl_c_at_a_kept_drafts_menu_names_the_draft_in_the_exit_line(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _review(tmp_path, catalogue, "chronology", drafts=[DRAFT])
    script = Script()  # Ctrl-C at "Finish it / Remove it / Leave it for now"
    assert _run(script, catalogue, path, glossary) == 130
    assert "Finish it" not in script.said and script.asked
    out = " ".join(capsys.readouterr().out.split())
    assert f"Saved. {STILL_KEPT} Run 'imr plain" in out
    assert len(load(path, catalogue).drafts) == 1


def test_the_finish_screen_and_the_exit_line_name_a_draft_kept_from_before(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _review(tmp_path, catalogue, "endorsed_on", drafts=[DRAFT])
    script = Script(("Date (dd/mm/yyyy):", ""), ("What would you like to do?", "Save and quit"))
    assert _run(script, catalogue, path, glossary) == 0
    said = script.said
    end = said.index("You have reached the end of the interview: 0 of 33 prompts answered.")
    assert said[end + 1] == STILL_KEPT
    out = " ".join(capsys.readouterr().out.split())
    assert f"Saved. {STILL_KEPT} Run 'imr plain" in out


def test_a_draft_stopped_in_now_is_named_once_in_the_exit_line(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _review(tmp_path, catalogue, "chronology")
    script = Script(("Date", "11/03/2025"), ("Time", "10:05"))  # Ctrl-C at the end date
    assert _run(script, catalogue, path, glossary) == 130
    out = " ".join(capsys.readouterr().out.split())
    assert "was kept unfinished" in out and "Still kept unfinished" not in out


# ---------------------------------------------------------------- 4. removing a draft is asked


def test_removing_a_kept_draft_is_asked_first_and_no_keeps_it(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, "chronology", drafts=[DRAFT])
    question = "Remove the unfinished chronology entry of 11/03/2025? Everything typed in it goes."
    script = Script(
        ("finish it, or remove it?", "Remove it"),
        (question, False),
        ("finish it, or remove it?", "Leave it for now"),
    )
    assert _run(script, catalogue, path, glossary) == 130
    assert len(load(path, catalogue).drafts) == 1
    assert "Removed." not in script.said

    script = Script(("finish it, or remove it?", "Remove it"), (question, True))
    assert _run(script, catalogue, path, glossary) == 130
    assert "Removed." in script.said
    assert load(path, catalogue).drafts == []


# ---------------------------------------------------------------- 6. declining a new review


def test_declining_a_new_review_says_nothing_was_created(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = tmp_path / "new one.toml"
    script = Script(("new one.toml does not exist yet. Start a new review there?", False))
    assert _run(script, catalogue, path, glossary) == 0
    assert script.said == ["Nothing was created."]
    assert not path.exists()


# ---------------------------------------------------------------- 5. the exit line wrapped


def test_the_exit_line_is_wrapped_at_spaces_and_a_question_gets_no_full_stop(
    tmp_path: Path,
    catalogue: Catalogue,
    glossary: Glossary,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    folder = tmp_path / ("a-long-folder-name-with-no-spaces-in-it-at-all" * 2)
    folder.mkdir()
    path = _review(folder, catalogue, "q_capacity", drafts=[DRAFT])
    assert _run(Script(), catalogue, path, glossary) == 130  # Ctrl-C at the question
    lines = capsys.readouterr().out.strip().splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith("Saved."))
    said = lines[start:]
    assert len(said) > 3
    command = f"Run 'imr plain {path}'"
    assert command in said  # never cut, on a line of its own here
    assert all(len(x) <= 49 for x in said if x != command), said
    assert " ".join(said).endswith("carry on at: Was mental capacity assessed and recorded?")


# ---------------------------------------------------------------- 7. lines read aloud

LONG_EVENT = "Leg ulcer reviewed at home with the daughter present and the dressing changed twice"


def test_records_are_said_with_semicolons_and_cut_at_a_word(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    entry = ENTRY.model_copy(update={"cells": {**ENTRY.cells, "event": LONG_EVENT}})
    rec = REC.model_copy(update={"recommendation": LONG_EVENT})
    said: list[str] = []
    for kind in ("chronology", "recommendations"):
        path = _review(tmp_path / kind, catalogue, kind, entries=[entry], recs=[rec])
        script = Script()  # Ctrl-C at the menu, after the list
        assert _run(script, catalogue, path, glossary) == 130
        said += script.said
    listed = [s for s in said if s.startswith("1. ")]
    cut = "Leg ulcer reviewed at home with the daughter present and the ..."
    assert listed == [f"1. 11/03/2025 10:05; GP notes; {cut}", f"1. {cut} (Ward manager)"]
    assert not any(" | " in s or "…" in s for s in said)


def test_kept_fields_that_end_a_sentence_are_not_followed_by_a_semicolon(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    draft = Draft(
        kind="recommendation",
        fields={"recommendation": "Share the plans.", "actions": "Audit the answers."},
        typing="lead",
    )
    path = _review(tmp_path, catalogue, "recommendations", drafts=[draft])
    script = Script(("finish it, or remove it?", "Finish it"))
    assert _run(script, catalogue, path, glossary) == 130
    assert (
        "Kept so far: Recommendation: Share the plans. Action(s): Audit the answers." in script.said
    )


# ---------------------------------------------------------------- 8. abbreviations as the checks


def test_a_record_number_is_not_flagged_but_the_source_is(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, "chronology")
    script = Script(
        ("Date", "11/03/2025"),
        ("Time", ""),
        ("End date", ""),
        ("End time", ""),
        ("Reference", "DN-2024-0411"),
        ("Source", "DN notes"),
    )
    assert _run(script, catalogue, path, glossary) == 130  # Ctrl-C at the practitioner
    flagged = [s for s in script.said if s.startswith("Abbreviation")]
    assert len(flagged) == 1 and flagged[0].startswith("Abbreviation: DN means "), script.said
    assert script.asked[-1].startswith("Practitioner")  # said after the source alone


@pytest.mark.parametrize(
    ("typed", "born", "said"),
    [
        (
            b"05/06/1980",
            "1980-06-05",
            "Adult 1 added with what was given: Ben Example, date of birth 05/06/1980.",
        ),
        (
            b"03/04/19",
            None,
            "Adult 1 added with what was given: Ben Example. The date of birth "
            "you were typing (03/04/19) was not kept: it is not a whole date.",
        ),
    ],
)
def test_ctrl_c_while_typing_an_adults_date_keeps_it_or_says_it_was_not_kept(
    tmp_path: Path,
    catalogue: Catalogue,
    glossary: Glossary,
    capsys: pytest.CaptureFixture[str],
    typed: bytes,
    born: str | None,
    said: str,
) -> None:
    """Ctrl-C in the middle of typing a date (no Enter yet): a whole date is kept with
    the adult; a half-typed one is named in the exit line as not kept."""
    path = _review(tmp_path, catalogue, "adults")
    asker, _ = line_asker([("Full name", b"Ben Example\r"), ("Date of birth", typed)])
    assert interview(asker, catalogue, path, glossary) == 130  # the script ends in Ctrl-C
    out = " ".join(capsys.readouterr().out.split())
    assert said in out
    adults = load(path, catalogue).adults
    assert [(a.name, str(a.date_of_birth) if a.date_of_birth else None) for a in adults] == [
        ("Ben Example", born)
    ]


def test_ctrl_c_while_typing_a_new_adults_name_keeps_the_name(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _review(tmp_path, catalogue, "adults")
    asker, _ = line_asker([("Full name", b"Ben Exam")])
    assert interview(asker, catalogue, path, glossary) == 130
    assert "Adult 1 added with what was given: Ben Exam." in " ".join(
        capsys.readouterr().out.split()
    )
    assert [a.name for a in load(path, catalogue).adults] == ["Ben Exam"]
