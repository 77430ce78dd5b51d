"""Handing out case files, newcomers getting them, and resetting a trainee's copy."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.journal import journal_path
from imr_tui.core.lock import ReviewLock
from imr_tui.core.session import open_session
from imr_tui.core.store import create, load, save
from imr_tui.workshop import trainees as t
from imr_tui.workshop.cases import (
    EXAMPLE_NAME,
    Case,
    case_problems,
    cases,
    hand_out,
    reset,
)
from imr_tui.workshop.inbox import post_comment, queued


@pytest.fixture
def folder(tmp_path: Path, catalogue: Catalogue) -> Path:
    """A cases folder: one good starting file, one broken file."""
    cases_dir = tmp_path / "cases"
    cases_dir.mkdir()
    review = create(cases_dir / "marlow-case.toml", catalogue)
    review.answers[catalogue.prompts()[0].id] = "Starting text"
    save(cases_dir / "marlow-case.toml", review, catalogue)
    (cases_dir / "broken.toml").write_text("this is = = not toml")
    return cases_dir


def _join(workspace: Path, name: str) -> t.Trainee:
    joined = t.join(workspace, name)
    assert isinstance(joined, t.Joined)
    return joined.trainee


def test_cases_lists_good_files_and_the_example(folder: Path, catalogue: Catalogue) -> None:
    found = cases(folder, example=True, catalogue=catalogue, prompts=None)
    assert found == [
        Case("marlow-case.toml", folder / "marlow-case.toml"),
        Case(EXAMPLE_NAME, None),
    ]
    problems = case_problems(folder, catalogue)
    assert len(problems) == 1 and "broken.toml" in problems[0]


def test_hand_out_to_everyone_keeps_existing_and_reaches_newcomers(
    tmp_path: Path, folder: Path, catalogue: Catalogue
) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    anna, bob = _join(ws, "Anna"), _join(ws, "Bob")
    mine = ws / bob.folder / "marlow-case.toml"
    mine.write_text("Bob's own")
    case = Case("marlow-case.toml", folder / "marlow-case.toml")
    done = hand_out(ws, case, catalogue, None)
    assert done.given == [ws / anna.folder / "marlow-case.toml"] and done.kept == [mine]
    assert done.summary() == "Given to 1 trainee; 1 already had marlow-case.toml and kept theirs."
    given = load(done.given[0], catalogue)
    assert given.answers[catalogue.prompts()[0].id] == "Starting text"
    assert stat.S_IMODE(done.given[0].stat().st_mode) == 0o600
    assert mine.read_text() == "Bob's own"
    cara = _join(ws, "Cara")
    assert load(ws / cara.folder / "marlow-case.toml", catalogue).answers
    # one trainee only: not remembered for newcomers
    example = hand_out(ws, Case(EXAMPLE_NAME, None), catalogue, None, to=[anna])
    assert example.given == [ws / anna.folder / EXAMPLE_NAME]
    assert load(example.given[0], catalogue).meta.training
    dan = _join(ws, "Dan")
    assert sorted(p.name for p in (ws / dan.folder).iterdir()) == ["marlow-case.toml"]


def test_reset_keeps_the_old_copy_its_journal_and_backups(
    tmp_path: Path, folder: Path, catalogue: Catalogue
) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    anna = _join(ws, "Anna Trainee")
    case = Case("marlow-case.toml", folder / "marlow-case.toml")
    hand_out(ws, case, catalogue, None)
    review = ws / anna.folder / "marlow-case.toml"
    work = load(review, catalogue)
    work.answers[catalogue.prompts()[0].id] = "Anna's answer"
    save(review, work, catalogue)
    journal_path(review).write_text('{"k": "resume", "v": "somewhere"}\n')
    post_comment(
        review, catalogue, on=catalogue.prompts()[0].id, text="Waiting for Anna", by="Trainer"
    )
    kept = reset(ws, anna, case, catalogue, None)
    assert isinstance(kept, Path) and kept.parent == ws / anna.folder / "kept"
    assert kept.name.startswith("marlow-case-before-reset-")
    assert load(kept, catalogue).answers[catalogue.prompts()[0].id] == "Anna's answer"
    assert journal_path(kept).exists() and not journal_path(review).exists()
    assert kept.with_name(kept.name + ".bak").exists()
    # the trainer's comment waiting for the old copy went with it, not into the fresh file
    assert [c.text for c in queued(kept)] == ["Waiting for Anna"] and not queued(review)
    assert load(review, catalogue).answers[catalogue.prompts()[0].id] == "Starting text"
    session, recovered = open_session(review, catalogue)
    assert recovered is None
    session.close()
    assert session.lock is not None
    session.lock.release()


def test_reset_is_refused_while_open_naming_the_trainee(
    tmp_path: Path, folder: Path, catalogue: Catalogue
) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    anna = _join(ws, "Anna Trainee")
    case = Case("marlow-case.toml", folder / "marlow-case.toml")
    hand_out(ws, case, catalogue, None)
    review = ws / anna.folder / "marlow-case.toml"
    before = review.read_bytes()
    with ReviewLock.acquire(review):
        refused = reset(ws, anna, case, catalogue, None)
    assert isinstance(refused, t.Refused)
    assert refused.reason == "Anna Trainee has marlow-case.toml open: ask them to close it first."
    assert review.read_bytes() == before and not (ws / anna.folder / "kept").exists()


def test_a_folder_replaced_by_a_link_is_never_written_through(
    tmp_path: Path, folder: Path, catalogue: Catalogue
) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    anna = _join(ws, "Anna")
    outside = tmp_path / "outside"
    outside.mkdir()
    (ws / anna.folder).rmdir()
    (ws / anna.folder).symlink_to(outside)
    done = hand_out(ws, Case("marlow-case.toml", folder / "marlow-case.toml"), catalogue, None)
    assert done.given == [] and list(outside.iterdir()) == []
