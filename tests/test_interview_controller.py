"""The interview controller in the core: opening outcomes, the step cursor, the
workspace's rows, names for new reviews, and the report beside the review."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.controller import (
    Broken,
    Cursor,
    Held,
    Missing,
    Opened,
    Unavailable,
    export_beside,
    list_workspace,
    new_review_path,
    open_review,
    put_back_sentence,
    view_review,
)
from imr_tui.core.errors import UserError
from imr_tui.core.journal import journal_path
from imr_tui.core.lock import ReviewLock, lock_path
from imr_tui.core.model import Adult
from imr_tui.core.session import Session
from imr_tui.core.store import create, load


def _session(tmp_path: Path, catalogue: Catalogue) -> Session:
    path = tmp_path / "r.toml"
    create(path, catalogue)
    return Session(path, load(path, catalogue), catalogue)


def _answer(session: Session, step_id: str, text: str) -> None:
    session.set_text(next(s for s in session.steps() if s.id == step_id), text)


# ---------------------------------------------------------------- opening


def test_opening_a_missing_file_asks_first_then_makes_it(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "AB 2025.toml"
    missing = open_review(path, catalogue)
    assert isinstance(missing, Missing) and not path.exists()
    assert missing.question == "AB 2025.toml does not exist yet. Start a new review there?"
    opened = open_review(path, catalogue, create=True)
    assert isinstance(opened, Opened) and opened.recovered is None
    assert opened.recovery_question == ""
    assert lock_path(path).exists()
    opened.session.close()
    assert opened.session.lock is not None
    opened.session.lock.release()
    assert load(path, catalogue).answers == {}


def test_a_held_review_is_offered_read_only_and_viewing_changes_nothing(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    session = _session(tmp_path, catalogue)
    _answer(session, "agency", "Acme Trust")
    session.save()
    before = session.path.read_bytes()
    with ReviewLock.acquire(session.path) as lock:
        held = open_review(session.path, catalogue)
        assert isinstance(held, Held)
        who = lock.info.describe()
        assert held.question == (
            f"r.toml is open in another session: {who}. Only one session can change it "
            "at a time. Open it read-only to look at it?"
        )
        assert held.note == f"Read-only: open in another session ({who})."
        viewed = view_review(session.path, catalogue)
        assert isinstance(viewed, Session) and viewed.read_only
        assert viewed.review.answer("agency") == "Acme Trust"
        _answer(viewed, "agency", "changed")
        assert viewed.save() and not viewed.dirty
    assert session.path.read_bytes() == before


def test_a_review_that_cannot_be_locked_or_read_says_why(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    import imr_tui.core.lock

    session = _session(tmp_path, catalogue)
    broken = tmp_path / "broken.toml"
    broken.write_text("agency = [\n", encoding="utf-8")
    bad = open_review(broken, catalogue)
    assert isinstance(bad, Broken) and "broken.toml" in bad.message
    assert "not valid TOML" in bad.message and "\n" not in bad.message
    assert not lock_path(broken).exists()
    assert isinstance(view_review(broken, catalogue), Broken)

    def full_disk(target: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(imr_tui.core.lock, "_write_new", full_disk)
    unavailable = open_review(session.path, catalogue)
    assert isinstance(unavailable, Unavailable)
    assert unavailable.note.startswith("Read-only: ") and unavailable.note.endswith(".")
    assert "No space left on device" in unavailable.note


@pytest.mark.parametrize("yes", [True, False])
def test_recovered_changes_are_asked_about_then_put_back_or_discarded(
    tmp_path: Path, catalogue: Catalogue, yes: bool
) -> None:
    path = _session(tmp_path, catalogue).path
    journal_path(path).write_text(
        '{"k": "#", "v": 1, "t": 0}\n'
        '{"k": "answer:summary", "v": "typed before the crash", "t": 1764500000}\n'
        '{"k": "answer:sources", "v": "GP notes", "t": 1764500000}\n'
        '{"k": "resume", "v": "summary", "t": 1764500000}\n'
    )
    opened = open_review(path, catalogue)
    assert isinstance(opened, Opened) and opened.recovered is not None
    question = opened.recovery_question
    assert question.startswith("Changes to r.toml were not saved when its last session ended")
    assert "3 changes, made up to " in question and question.endswith("Put them back?")
    said = opened.put_back(yes)
    assert said == (put_back_sentence(2) if yes else "")  # the resume position is no change
    assert opened.recovery_question == ""
    assert opened.session.save()
    opened.session.close()
    assert opened.session.lock is not None
    opened.session.lock.release()
    assert load(path, catalogue).answer("summary") == ("typed before the crash" if yes else "")
    assert not journal_path(path).exists()


def test_the_put_back_sentence_counts() -> None:
    assert put_back_sentence(1) == "1 change not saved when the last session ended was put back."
    assert put_back_sentence(3) == (
        "3 changes not saved when the last session ended were put back."
    )


# ---------------------------------------------------------------- the cursor


def test_the_cursor_resumes_moves_and_goes_past_the_end(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    session = _session(tmp_path, catalogue)
    cursor = Cursor(session)
    ids = [s.id for s in cursor.steps()]
    assert cursor.resume().id == "agency"  # nothing answered, no position saved
    assert cursor.back() is None and cursor.step_id == "agency"  # the first stays put
    assert cursor.forward() is not None and cursor.step_id == "adults"
    assert session.review.resume == "adults"
    assert cursor.go("endorsed_on").id == "endorsed_on" and cursor.index == len(ids) - 1
    assert cursor.following() is None
    assert cursor.forward() is None and cursor.past_end and cursor.step is None
    assert cursor.index == len(ids)
    assert session.review.resume == "endorsed_on"  # past the end, the last shown is kept
    before = cursor.preceding()
    assert before is not None and before.id == "endorsed_on"
    back = cursor.back()
    assert back is not None and back.id == "endorsed_on"
    assert cursor.go("no such step").id == "agency"

    _answer(session, "agency", "Acme Trust")
    session.set_resume("summary")
    assert Cursor(session).resume().id == "summary"  # the saved position wins


def test_the_cursor_finds_sections_and_the_first_unanswered(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    session = _session(tmp_path, catalogue)
    cursor = Cursor(session)
    first = cursor.first_unanswered()
    assert first is not None and first.id == "agency"
    _answer(session, "agency", "Acme Trust")
    session.set_adults([Adult(name="Dorothy Hollins")])
    first = cursor.first_unanswered()
    assert first is not None and first.id == "pseudonyms"
    _answer(session, "summary", "Seen twice.")
    start = cursor.section_start("summary")
    assert start is not None and start.id == "sources"  # its first unanswered step
    _answer(session, "sources", "GP notes")
    start = cursor.section_start("summary")
    assert start is not None and start.id == "summary"  # all answered: its first step
    assert cursor.section_start("no such section") is None
    sections = cursor.sections()
    assert [part.section.id for part, _ in sections] == [s.id for s in catalogue.sections]
    details = sections[0]
    assert (details[0].answered, details[1].id) == (2, "pseudonyms")


def test_the_cursor_keeps_its_place_when_headings_come_and_go(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    session = _session(tmp_path, catalogue)
    cursor = Cursor(session)
    cursor.go("summary")
    at = cursor.index
    session.set_headings([("", "Communication"), ("", "Risk")])
    assert cursor.step_id == "summary" and cursor.index == at  # analyses come after
    heading = next(s for s in cursor.steps() if s.heading_id)
    cursor.go(heading.id)
    at = cursor.index
    session.set_headings([("", "Communication")])  # the heading on screen goes (no answer)
    step = cursor.step
    assert step is not None and step.id != heading.id
    assert cursor.index == at  # what took its place
    cursor.go("tor_headings")
    session.set_headings([])
    after = cursor.following()
    assert after is not None and after.id == "summary"


# ---------------------------------------------------------------- the workspace


def test_the_workspace_rows_and_what_cannot_be_opened(tmp_path: Path, catalogue: Catalogue) -> None:
    session = _session(tmp_path, catalogue)
    _answer(session, "agency", "Acme Trust")
    session.set_adults([Adult(name="Dorothy Hollins"), Adult(name="Ann"), Adult(name="Bo")])
    session.save()
    (tmp_path / "folder.toml").mkdir()
    listing = list_workspace(tmp_path, catalogue)
    assert listing.problem == ""
    assert listing.unusable == ["folder.toml — is a folder, not a review file"]
    [row] = listing.rows
    saved = load(session.path, catalogue).meta.last_saved
    assert isinstance(saved, datetime)
    when = saved.astimezone().strftime("%d/%m/%Y %H:%M")
    assert row.cells() == ["r.toml", "Acme Trust", "Dorothy Hollins +2", when, "2/33"]
    assert row.line() == "r.toml, Acme Trust (2 of 33 answered)"
    gone = list_workspace(tmp_path / "nowhere", catalogue)
    assert gone.rows == [] and "this folder cannot be read" in gone.problem


def test_a_new_review_name_is_the_path_or_one_line_why_not(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    create(tmp_path / "taken.toml", catalogue)
    assert new_review_path(tmp_path, " Zoë 2025 ") == (tmp_path.resolve() / "Zoë 2025.toml", "")
    for name, why in [
        ("../escape", "A review name cannot hold / or \\"),
        ("", "Type a name for the review"),
        ("taken", "taken.toml already exists: choose it from the list to carry on with it."),
    ]:
        path, problem = new_review_path(tmp_path, name)
        assert path is None and problem.startswith(why) and "\n" not in problem


# ---------------------------------------------------------------- the report


def test_export_beside_saves_first_then_writes_privately(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    session = _session(tmp_path, catalogue)
    _answer(session, "agency", "Acme Trust")
    assert session.dirty
    target = export_beside(session, lambda review: f"# {review.answer('agency')}\n")
    assert target == tmp_path / "r.md" and not session.dirty
    assert target.read_text(encoding="utf-8") == "# Acme Trust\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert load(session.path, catalogue).answer("agency") == "Acme Trust"
    target.unlink()
    target.mkdir()
    with pytest.raises(UserError):
        export_beside(session, lambda review: "x")
