"""A review is never silently overwritten, emptied or lost (the file's side).

Lock before load, outside changes detected before a save, backups that cannot
be poisoned, the recovery journal, and every odd file refused with one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from terminal import until

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.journal import FLUSH_INTERVAL, Recovered, apply, journal_path, read_journal
from imr_tui.core.lock import lock_path
from imr_tui.core.model import ChronologyEntry
from imr_tui.core.session import open_session
from imr_tui.core.steps import steps
from imr_tui.core.store import (
    backups,
    create,
    load,
    render,
    restore,
    review_data,
    save,
    write_review,
)

if TYPE_CHECKING:
    from conftest import Imr


def _review(tmp_path: Path, catalogue: Catalogue, summary: str = "first") -> Path:
    path = tmp_path / "r.toml"
    review = create(path, catalogue)
    review.answers["summary"] = summary
    save(path, review, catalogue)
    return path


def _imr_process(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a separate process, for a test that must survive it hanging."""
    return subprocess.run(
        [sys.executable, "-m", "imr_tui", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def _step(catalogue: Catalogue, path: Path, step_id: str):  # type: ignore[no-untyped-def]
    return next(s for s in steps(catalogue, load(path)) if s.id == step_id)


# ---------------------------------------------------------------- backups


def test_an_empty_review_is_refused_and_names_the_good_backup(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _review(tmp_path, catalogue)
    save(path, load(path), catalogue)  # now r.toml.bak holds a good version
    good = (tmp_path / "r.toml.bak").read_bytes()
    path.write_bytes(b"")
    result = imr("export", "r.toml")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "is empty (0 bytes)" in result.stderr
    assert "'imr restore" in result.stderr and "version 1" in result.stderr
    assert (tmp_path / "r.toml.bak").read_bytes() == good
    with pytest.raises(UserError, match="empty"):
        open_session(path, catalogue)
    assert not lock_path(path).exists()  # refused: the lock is not left behind


def test_a_review_cut_short_is_refused(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _review(tmp_path, catalogue, summary="x" * 2000)
    raw = path.read_bytes()
    cut = raw[: raw.index(b"summary")] + b"summary = 'half'\n"  # still valid TOML
    path.write_bytes(cut)
    with pytest.raises(UserError, match="cut short"):
        load(path)


def test_the_rotation_keeps_three_good_versions_and_the_day(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _review(tmp_path, catalogue, summary="v1")
    os.utime(path, (1_000_000_000, 1_000_000_000))  # saves a moment apart have distinct times
    for n in range(2, 7):
        review = load(path)
        review.answers["summary"] = f"v{n}"
        save(path, review, catalogue)
        os.utime(path, (1_000_000_000 + n, 1_000_000_000 + n))
    kept = backups(path)
    texts = [load(b.path).answer("summary") for b in kept]
    assert texts[:3] == ["v5", "v4", "v3"]
    assert texts[3] == ""  # the day's first save kept the review as the day began
    for b in kept:
        assert b.path.stat().st_mode & 0o777 == 0o600
    # Restoring version 2 puts v4 back and keeps v6 as the newest backup.
    restore(path, 2)
    assert load(path).answer("summary") == "v4"
    assert load(backups(path)[0].path).answer("summary") == "v6"
    with pytest.raises(UserError, match="no version 9"):
        restore(path, 9)


# ---------------------------------------------------------------- odd files


def test_a_fifo_is_refused_at_once_and_nothing_hangs(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "r.toml")
    start = time.monotonic()
    result = _imr_process(tmp_path, "export", "r.toml")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "FIFO" in result.stderr
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    os.mkfifo(prompts / "imr.toml")
    result = _imr_process(tmp_path, "new", "x.toml", "--prompts", str(prompts))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert time.monotonic() - start < 30
    assert not (tmp_path / "x.toml").exists()


def test_deep_nesting_and_duplicate_ids_get_one_line(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("answers = " + "[" * 600 + "]" * 600 + "\n")
    result = imr("export", "deep.toml")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "nest deeper" in result.stderr
    path = _review(tmp_path, catalogue)
    review = load(path)
    review.chronology = [ChronologyEntry(date="2025-01-02", source="a")]
    data = review_data(review)
    data["chronology"].append({**data["chronology"][0], "source": "b"})
    path.write_text(render(data))
    before = path.read_bytes()
    result = imr("export", "r.toml")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "is used by chronology entries 1 and 2" in result.stderr
    assert path.read_bytes() == before


def test_a_newline_in_a_path_stays_on_one_line(imr: Imr, tmp_path: Path) -> None:
    result = imr("export", "two\nlines.toml")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "two\\nlines.toml" in result.stderr


def test_a_symlinked_review_is_saved_through_to_its_target(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    target = _review(tmp_path, catalogue)
    link = tmp_path / "link.toml"
    link.symlink_to(target.name)
    session, _ = open_session(link, catalogue)
    session.set_text(_step(catalogue, target, "summary"), "through the link")
    assert session.save()
    session.close()
    assert session.lock is not None
    session.lock.release()
    assert link.is_symlink()
    assert load(target).answer("summary") == "through the link"


def test_a_lock_path_that_is_a_folder_gets_one_line(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _review(tmp_path, catalogue)
    lock_path(path).mkdir()
    result = imr("pseudonyms", "r.toml", "add", "Jane Doe", "Adult A")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr


def test_stale_temporary_files_are_removed_on_open(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _review(tmp_path, catalogue)
    stale = tmp_path / ".r.toml.99999.tmp"
    stale.write_text("a killed save's copy of the review")
    old = time.time() - 60
    os.utime(stale, (old, old))
    other = tmp_path / ".other.toml.99999.tmp"
    other.write_text("another review's")
    os.utime(other, (old, old))
    session, _ = open_session(path, catalogue)
    assert not stale.exists()
    assert other.exists()
    session.close()
    assert session.lock is not None
    session.lock.release()


def test_a_lone_surrogate_is_saved_as_the_replacement_character(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _review(tmp_path, catalogue)
    session, _ = open_session(path, catalogue)
    session.set_text(_step(catalogue, path, "summary"), "broken \ud800 paste")
    assert session.save(), session.error
    session.close()
    assert session.lock is not None
    session.lock.release()
    assert load(path).answer("summary") == "broken \ufffd paste"
    with pytest.raises(UserError, match="not valid Unicode"):
        write_review(path, "x = '\ud800'\n")


# ---------------------------------------------------------------- outside changes


def test_an_outside_change_is_never_written_over(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _review(tmp_path, catalogue)
    session, _ = open_session(path, catalogue)
    summary = _step(catalogue, path, "summary")
    session.set_text(summary, "the author's words")
    # Another program changes the file (keeping the lock file alone).
    other = load(path)
    other.answers["sources"] = "added by another program"
    save(path, other, catalogue)
    theirs = path.read_bytes()
    assert not session.save()
    assert "changed by another program" in session.conflict
    assert path.read_bytes() == theirs
    session.set_text(summary, "the author's words, more")  # typing goes on meanwhile
    assert not session.save() and path.read_bytes() == theirs
    session.reload_keeping_mine()
    assert session.save()
    both = load(path)
    assert both.answer("summary") == "the author's words, more"
    assert both.answer("sources") == "added by another program"
    session.close()
    assert session.lock is not None
    session.lock.release()


def test_a_removed_lock_stops_the_save(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _review(tmp_path, catalogue)
    session, _ = open_session(path, catalogue)
    lock_path(path).unlink()
    session.set_text(_step(catalogue, path, "summary"), "mine")
    assert not session.save()
    assert "lock" in session.conflict
    copy = session.keep_both()
    assert load(copy).answer("summary") == "mine"
    assert load(path).answer("summary") == "first"
    session.close()
    assert session.lock is not None
    session.lock.release()


# ---------------------------------------------------------------- the journal


def test_the_journal_holds_every_change_within_the_interval(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _review(tmp_path, catalogue)
    session, recovered = open_session(path, catalogue)
    assert recovered is None
    summary = _step(catalogue, path, "summary")
    for text in ("a", "ab", "abc"):
        session.set_text(summary, text)
    entry = ChronologyEntry(date="2025-03-16", time="11:00", source="GP notes")
    session.put_entry(entry)

    def journalled() -> Recovered | None:  # by the journal's own thread
        found = read_journal(path)
        return found if found is not None and len(found.changes) >= 2 else None

    found = until(journalled, FLUSH_INTERVAL * 5, every=0.02)
    assert found is not None, "the changes were not journalled within the interval"
    assert journal_path(path).stat().st_mode & 0o777 == 0o600
    replayed = apply(load(path), found.changes)
    assert replayed.answer("summary") == "abc"
    assert [e.source for e in replayed.chronology] == ["GP notes"]
    # A save takes those changes into the file: the journal goes.
    assert session.save()
    assert not journal_path(path).exists()
    session.close()
    assert session.lock is not None
    session.lock.release()


def test_a_torn_last_line_still_recovers_the_rest(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _review(tmp_path, catalogue)
    journal_path(path).write_text(
        '{"k": "#", "v": 1, "t": 0}\n'
        '{"k": "answer:summary", "v": "kept", "t": 1}\n'
        '{"k": "answer:sources", "v": "cut sh'
    )
    found = read_journal(path)
    assert found is not None and found.changes == {"answer:summary": "kept"}
    session, recovered = open_session(path, catalogue)
    assert recovered is not None
    assert session.recover(recovered) == 1
    assert session.save()
    session.close()
    assert session.lock is not None
    session.lock.release()
    assert load(path).answer("summary") == "kept"
    assert not journal_path(path).exists()


def test_a_journal_with_nothing_readable_is_replaced_not_appended_to(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _review(tmp_path, catalogue)
    journal_path(path).write_bytes(b"\x00\x01 not a journal\n")
    session, recovered = open_session(path, catalogue)
    assert recovered is None
    session.set_text(_step(catalogue, path, "summary"), "after the garbage")
    assert session.journal is not None
    session.journal.flush()
    found = read_journal(path)
    assert found is not None and found.changes["answer:summary"] == "after the garbage"
    session.close()
    assert session.lock is not None
    session.lock.release()


def test_a_linked_review_lists_the_versions_kept_beside_its_target(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    target = _review(tmp_path, catalogue, summary="v1")
    review = load(target)
    review.answers["summary"] = "v2"
    save(target, review, catalogue)
    link = tmp_path / "link.toml"
    link.symlink_to(target.name)
    assert [b.path for b in backups(link)] == [b.path for b in backups(target)]
    assert load(backups(link)[0].path).answer("summary") == "v1"
