"""``imr backups``, ``imr restore``, ``imr unlock`` and ``imr check --renumber``, run as a
user runs them; and every command that changes a review locks it before loading it and
never writes over a journal left by a session that ended abruptly."""

from __future__ import annotations

import os
import re
import shlex
import socket
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from terminal import Reader, Terminal, imr_command
from test_cli import folder_state
from test_lock import hold, write_lock

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.journal import Journal, journal_path
from imr_tui.core.lock import LockHeld, ReviewLock, lock_path
from imr_tui.core.model import ChronologyEntry, Pseudonym
from imr_tui.core.store import backups, create, load, render, review_data, save

if TYPE_CHECKING:
    from conftest import Imr, Result


def refused(result: Result, starts: str) -> None:
    """One plain line on stderr, exit 2, nothing on stdout."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    assert result.stderr.startswith(starts), result.stderr


def versions(folder: Path, catalogue: Catalogue, count: int) -> Path:
    """``r.toml`` saved ``count`` times: summary v1 ... v{count}, one more answer each time."""
    path = folder / "r.toml"
    review = create(path, catalogue)
    for n in range(1, count + 1):
        review.answers["summary"] = f"v{n}"
        review.answers[f"x{n}"] = "more"
        if n == 2:
            review.chronology = [ChronologyEntry(date="2025-01-02", source="GP record")]
        save(path, review, catalogue)
    return path


def leave_journal(path: Path, text: str) -> None:
    """What an interview killed while the author typed leaves beside the review."""
    journal = Journal(path)
    journal.record("answer:summary", text, 1)
    journal.close()
    assert journal_path(path).exists()


def spoil(version: Path) -> None:
    """Empty a kept version (a new file: its hard-linked twins stay whole), keeping its time."""
    info = version.stat()
    version.unlink()
    version.write_bytes(b"")
    os.utime(version, ns=(info.st_atime_ns, info.st_mtime_ns))


def duplicate_ids(folder: Path, catalogue: Catalogue) -> Path:
    """A review whose two chronology entries share an id (it does not load)."""
    path = folder / "r.toml"
    review = create(path, catalogue)
    review.chronology = [ChronologyEntry(date="2025-01-02", source="first")]
    data = review_data(review)
    data["chronology"].append({**data["chronology"][0], "source": "second"})
    path.write_text(render(data), encoding="utf-8")
    os.chmod(path, 0o600)
    return path


# ---------------------------------------------------------------- imr backups


def test_backups_lists_the_versions_newest_first_even_when_the_review_will_not_load(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = versions(tmp_path, catalogue, 4)
    kept = backups(path)
    spoil(tmp_path / ".r.toml.backups" / "3.toml")
    path.write_bytes(b"")  # and the review itself emptied: the time backups are needed
    before = folder_state(tmp_path)
    result = imr("backups", "r.toml")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Earlier versions of r.toml, newest first:"
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[1:-1]]
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(kept) + 1)]
    for row, version in zip(rows, kept, strict=True):
        assert row[1] == f"{version.when:%d/%m/%Y %H:%M}"
        assert re.fullmatch(r"\d+ bytes|\d+\.\d KB", row[2]), row
    assert rows[0][3] == "4 answers, 1 chronology entry"  # v3: summary, x1, x2, x3
    assert rows[1][3] == "3 answers, 1 chronology entry"  # v2
    assert rows[2][3] == "cannot be read"
    assert (
        lines[-1] == "'imr restore r.toml N' puts version N back (the review as it is now is kept)."
    )
    assert folder_state(tmp_path) == before  # listing changes nothing


def test_backups_of_a_review_never_saved_twice_and_of_no_review(imr: Imr, tmp_path: Path) -> None:
    assert imr("new", "r.toml").returncode == 0
    result = imr("backups", "r.toml")
    assert result.returncode == 0 and result.stdout.startswith("No earlier versions of r.toml")
    refused(imr("backups", "nothere.toml"), "imr: nothere.toml: no such review file")


# ---------------------------------------------------------------- imr restore


def test_restore_puts_a_version_back_and_can_be_undone(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = versions(tmp_path, catalogue, 4)
    second = backups(path)[1]
    assert load(second.path).answer("summary") == "v2"
    result = imr("restore", "r.toml", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"Put back version 2 of r.toml, saved {second.when:%d/%m/%Y %H:%M} "
        "(3 answers, 1 chronology entry).",
        "The review as it was is now version 1: 'imr restore r.toml 1' undoes this.",
    ]
    assert load(path).answer("summary") == "v2"
    assert not lock_path(path).exists()
    for p in [path, *(b.path for b in backups(path))]:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    assert imr("restore", "r.toml", "1").returncode == 0
    assert load(path).answer("summary") == "v4"  # undone


def test_restore_over_an_empty_or_unreadable_review(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = versions(tmp_path, catalogue, 3)
    path.write_bytes(b"")
    refused(imr("export", "r.toml"), "imr: r.toml: is empty (0 bytes)")
    result = imr("restore", "r.toml", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Put back version 1 of r.toml")
    assert "undoes" not in result.stdout  # an empty file is not worth keeping
    assert load(path).answer("summary") == "v2"
    # A file that does not load but holds something is kept aside, never just replaced.
    damaged = b'[answers]\nsummary = "precious but unterminated\n'
    path.write_bytes(damaged)
    result = imr("restore", "r.toml", "1")
    assert result.returncode == 0, result.stderr
    assert "a copy of it is kept as r.toml.unreadable" in result.stdout
    assert (tmp_path / "r.toml.unreadable").read_bytes() == damaged
    assert stat.S_IMODE((tmp_path / "r.toml.unreadable").stat().st_mode) == 0o600
    assert load(path).answer("summary") == "v2"


def test_restore_leaves_unsaved_typing_to_be_offered_back(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = versions(tmp_path, catalogue, 3)
    leave_journal(path, "typed before the crash")
    journal = journal_path(path).read_bytes()
    result = imr("restore", "r.toml", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("is still kept beside the review; 'imr r.toml' offers it back.\n")
    assert journal_path(path).read_bytes() == journal
    assert load(path).answer("summary") == "v1"


@pytest.mark.parametrize("number", ["0", "abc", "-1", "1.5", "99"])
def test_a_bad_version_number_is_one_line(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, number: str
) -> None:
    versions(tmp_path, catalogue, 3)
    before = folder_state(tmp_path)
    result = imr("restore", "r.toml", number)
    refused(result, "imr: r.toml: ")
    assert "'imr backups r.toml'" in result.stderr
    assert folder_state(tmp_path) == before


def test_an_unreadable_version_is_not_restored(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    versions(tmp_path, catalogue, 3)
    spoil(tmp_path / "r.toml.bak")
    before = folder_state(tmp_path)
    refused(imr("restore", "r.toml", "1"), "imr: r.toml: version 1 cannot be read")
    assert folder_state(tmp_path) == before


def test_restore_waits_for_the_lock(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    versions(tmp_path, catalogue, 3)
    holder = hold(tmp_path / "r.toml")
    try:
        before = folder_state(tmp_path)
        result = imr("restore", "r.toml", "1")
        refused(result, "imr: r.toml: is open in another session: ")
        assert f"(process {holder.pid})" in result.stderr
        assert folder_state(tmp_path) == before
    finally:
        holder.kill()
        holder.wait()


# ---------------------------------------------------------------- imr check --renumber


def test_check_renumbers_records_that_share_an_id(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = duplicate_ids(tmp_path, catalogue)
    before = folder_state(tmp_path)
    result = imr("check", "r.toml")
    refused(result, "imr: r.toml: ")
    assert "is used by chronology entries 1 and 2" in result.stderr
    assert folder_state(tmp_path) == before
    holder = hold(path)
    try:
        held = folder_state(tmp_path)
        refused(imr("check", "r.toml", "--renumber"), "imr: r.toml: is open in another")
        assert folder_state(tmp_path) == held
    finally:
        holder.kill()
        holder.wait()
    result = imr("check", "r.toml", "--renumber")
    assert result.returncode == 1, result.stderr  # findings: the review is far from done
    assert result.stdout.startswith(
        "Gave new ids to 1 record of r.toml that shared an id with another; "
        "nothing else was changed.\n"
    )
    review = load(path)
    assert sorted(e.source for e in review.chronology) == ["first", "second"]
    assert len({e.id for e in review.chronology}) == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not lock_path(path).exists()
    again = imr("check", "r.toml", "--renumber")
    assert again.stdout.startswith("No records of r.toml share an id; nothing was changed.\n")


# ---------------------------------------------------------------- lock, load, journal


def test_changing_commands_never_write_over_unsaved_typing(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = versions(tmp_path, catalogue, 1)
    (tmp_path / "c.csv").write_text("Date,Source\n11/03/2025,EPR\n", encoding="utf-8")
    leave_journal(path, "typed before the crash")
    before = folder_state(tmp_path)
    for args in (
        ["pseudonyms", "r.toml", "add", "Dorothy Hollins", "Adult A"],
        ["pseudonyms", "r.toml", "remove", "Dorothy Hollins"],
        ["chronology", "import", "r.toml", "c.csv", "--yes"],
    ):
        result = imr(*args)
        refused(result, "imr: r.toml: holds typing that was never saved when its last session")
        assert "(1 change, made up to " in result.stderr
        assert "open it with 'imr r.toml' to put it back" in result.stderr
        assert folder_state(tmp_path) == before, args  # journal, review and lock as they were
    # The interview's own recovery then finds every word.
    from imr_tui.core.session import open_session

    session, recovered = open_session(path, catalogue)
    assert recovered is not None and recovered.changes == {
        "answer:summary": "typed before the crash"
    }
    session.close()
    assert session.lock is not None
    session.lock.release()


def test_changing_commands_lock_first_and_check_the_file_they_loaded(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    from imr_tui.cli.common import open_to_change

    path = versions(tmp_path, catalogue, 1)
    with open_to_change(path, catalogue) as session:
        assert session.lock is not None and session.lock.is_ours()
        with pytest.raises(LockHeld):
            ReviewLock.acquire(path)
        other = load(path)  # another program, ignoring the lock, changes the file
        other.answers["sources"] = "theirs"
        save(path, other, catalogue)
        theirs = path.read_bytes()
        session.set_pseudonyms([Pseudonym(name="Dorothy Hollins", alias="Adult A")])
        assert not session.save()
        assert "changed by another program" in session.conflict
        assert path.read_bytes() == theirs
    assert not lock_path(path).exists()


# ---------------------------------------------------------------- imr unlock


def test_unlock_with_no_lock_and_with_no_review(imr: Imr, tmp_path: Path) -> None:
    assert imr("new", "r.toml").returncode == 0
    result = imr("unlock", "r.toml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "r.toml is not locked.\n", "")
    refused(imr("unlock", "nothere.toml"), "imr: nothere.toml: no such review file")


def test_unlock_refuses_a_session_still_running_here(imr: Imr, tmp_path: Path) -> None:
    assert imr("new", "r.toml").returncode == 0
    holder = hold(tmp_path / "r.toml")
    try:
        lock = lock_path(tmp_path / "r.toml").read_bytes()
        for args in (["unlock", "r.toml"], ["unlock", "r.toml", "--yes"]):
            result = imr(*args)
            refused(result, "imr: r.toml: is open in a session that is still running: ")
            assert f"(process {holder.pid})" in result.stderr and "close it there" in result.stderr
            assert lock_path(tmp_path / "r.toml").read_bytes() == lock
    finally:
        holder.kill()
        holder.wait()


def test_unlock_another_computers_lock_asks_or_takes_yes(imr: Imr, tmp_path: Path) -> None:
    assert imr("new", "r.toml").returncode == 0
    write_lock(tmp_path / "r.toml", host="laptop.example")
    before = folder_state(tmp_path)
    result = imr("unlock", "r.toml")  # no terminal to ask on, no --yes
    refused(result, "imr: r.toml: the lock was not removed: there is no terminal to ask on")
    assert result.stdout.startswith(
        "r.toml is locked by priya on laptop.example (process 999999999) since "
    )
    assert "cannot be checked from here" in result.stdout
    assert folder_state(tmp_path) == before
    result = imr("unlock", "r.toml", "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("Removed the lock on r.toml.\n")
    assert not lock_path(tmp_path / "r.toml").exists()


def test_unlock_a_lock_path_that_is_not_a_file(imr: Imr, tmp_path: Path) -> None:
    assert imr("new", "r.toml").returncode == 0
    lock_path(tmp_path / "r.toml").mkdir()
    before = folder_state(tmp_path)
    refused(imr("unlock", "r.toml", "--yes"), "imr: .r.toml.lock: is in the place")
    assert folder_state(tmp_path) == before


def _unlock_in_a_terminal(folder: Path, answer: str) -> str:
    """Run ``imr unlock r.toml`` in a real terminal, answer its question, and return
    everything the terminal showed, down to the exit status."""
    command = "sh -c " + shlex.quote(f"{imr_command('unlock', 'r.toml')}; echo exit=$?; sleep 600")
    term = Terminal(command, folder)
    try:
        out = Reader(term)
        out.expect("Remove this lock? [y/N]")
        term.type(answer)
        term.send("Enter")
        out.expect("exit=")
        return term.history()
    finally:
        term.close()


def test_unlock_in_a_terminal_shows_who_and_asks(imr: Imr, tmp_path: Path) -> None:
    assert imr("new", "r.toml").returncode == 0
    write_lock(tmp_path / "r.toml")  # a process on this computer that has ended
    lock = lock_path(tmp_path / "r.toml").read_bytes()
    shown = _unlock_in_a_terminal(tmp_path, "n")
    assert "The lock was left in place.\nexit=1\n" in shown
    assert lock_path(tmp_path / "r.toml").read_bytes() == lock
    shown = _unlock_in_a_terminal(tmp_path, "y")
    assert (
        f"r.toml is locked by priya on {socket.gethostname()} (process 999999999) since "
        f"{datetime(2025, 3, 11, 14, 2, tzinfo=UTC).astimezone():%H:%M on %d/%m/%Y}.\n"
        "That process has ended, so the lock was left behind.\n"
        "Remove this lock? [y/N] y\n"
        "Removed the lock on r.toml.\n"
        "exit=0\n"
    ) in shown
    assert "Traceback" not in shown
    assert not lock_path(tmp_path / "r.toml").exists()
