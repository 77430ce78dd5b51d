"""Drafts in the core: unfinished chronology entries and recommendations kept in the file.

A draft is every field given and the one being typed, as typed. It lives in the review
file as readable ``[[drafts]]`` tables, is journalled like any other part (a kill loses at
most a fifth of a second of it), is copied by a save's snapshot and survives an outside
change. A review without drafts is written exactly as before.
"""

from __future__ import annotations

from pathlib import Path

from terminal import until

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.journal import apply, read_journal
from imr_tui.core.model import Draft, Review
from imr_tui.core.session import Session, open_session, snapshot
from imr_tui.core.store import load, save

ENTRY = Draft(
    kind="entry",
    fields={
        "date": "11/03/2025",
        "time": "9:05",
        "source": "Patient records",
        "practitioner": "Amy Ha",
    },
    typing="practitioner",
)
RECOMMENDATION = Draft(
    kind="recommendation",
    record="r1",
    fields={"text": "Ensure that ward staff record every\ncontact."},
    typing="text",
)


def opened(path: Path, catalogue: Catalogue) -> Session:
    """A journalled session on a new, empty review at ``path``."""
    save(path, Review(), catalogue)
    session, recovered = open_session(path, catalogue)
    assert recovered is None
    session.recover(None)
    return session


def closed(session: Session) -> None:
    """End a session, releasing its lock."""
    session.close()
    if session.lock is not None:
        session.lock.release()


# ---------------------------------------------------------------- the session's API


def test_put_replaces_the_draft_of_the_same_kind_and_record(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session = opened(tmp_path / "r.toml", catalogue)
    session.put_draft(ENTRY)
    session.put_draft(RECOMMENDATION)
    later = ENTRY.model_copy(update={"fields": {**ENTRY.fields, "practitioner": "Amy Hart"}})
    session.put_draft(later)
    assert session.review.drafts == [later, RECOMMENDATION]  # in its place
    assert session.drafts_of("entry") == [later]
    assert session.drafts_of("recommendation") == [RECOMMENDATION]
    # another record's draft of the same kind is another draft
    other = RECOMMENDATION.model_copy(update={"record": ""})
    session.put_draft(other)
    assert session.drafts_of("recommendation") == [RECOMMENDATION, other]
    assert session.draft_of("recommendation", "r1") == RECOMMENDATION
    session.drop_draft("recommendation", "r1")
    assert session.drafts_of("recommendation") == [other]
    session.drop_draft("entry")
    session.drop_draft("entry")  # none left: nothing happens
    assert session.review.drafts == [other]
    closed(session)


def test_every_change_to_the_drafts_marks_the_review_changed(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session = opened(tmp_path / "r.toml", catalogue)
    before = session.generation
    session.put_draft(ENTRY)
    assert session.dirty and session.generation == before + 1
    session.put_draft(ENTRY)  # the same again: no change
    assert session.generation == before + 1
    session.drop_draft("recommendation")  # none: no change
    assert session.generation == before + 1
    session.drop_draft("entry")
    assert session.generation == before + 2
    closed(session)


def test_drafts_go_through_save_and_load(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(ENTRY)
    session.put_draft(RECOMMENDATION)
    assert session.save()
    closed(session)
    assert load(path, catalogue).drafts == [ENTRY, RECOMMENDATION]


def test_the_snapshot_a_save_writes_holds_its_own_list_of_drafts(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session = opened(tmp_path / "r.toml", catalogue)
    session.put_draft(ENTRY)
    taken = snapshot(session.review)
    session.put_draft(RECOMMENDATION)
    session.drop_draft("entry")
    assert taken.drafts == [ENTRY]
    assert session.review.drafts == [RECOMMENDATION]
    closed(session)


def test_a_draft_survives_a_kill_through_the_journal(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(ENTRY)
    # Never saved: as if killed now. The journal's thread writes it to disk.
    found = until(lambda: ((j := read_journal(path)) and "drafts" in j.changes and j) or None, 5.0)
    assert found is not None
    assert apply(load(path, catalogue), found.changes).drafts == [ENTRY]
    assert session.lock is not None
    session.lock.release()
    # The next session replays it, and saving puts it in the file.
    again, recovered = open_session(path, catalogue)
    assert recovered is not None
    again.recover(recovered)
    assert again.review.drafts == [ENTRY]
    assert again.save()
    closed(again)
    assert load(path, catalogue).drafts == [ENTRY]


def test_a_removed_draft_stays_removed_after_a_kill(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(ENTRY)
    assert session.save()
    session.drop_draft("entry")
    found = until(lambda: ((j := read_journal(path)) and "drafts" in j.changes and j) or None, 5.0)
    assert found is not None
    assert load(path, catalogue).drafts == [ENTRY]  # the file still has it...
    assert apply(load(path, catalogue), found.changes).drafts == []  # ...the journal not
    assert session.lock is not None
    session.lock.release()
