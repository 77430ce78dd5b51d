"""The review lock, with real processes: who holds it, stale locks, safe takeover."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import tomli_w

from imr_tui.core.errors import UserError
from imr_tui.core.lock import LockHeld, LockInfo, ReviewLock, lock_path, read_lock

HOLD = """
import sys
from pathlib import Path
from imr_tui.core.lock import ReviewLock
lock = ReviewLock.acquire(Path(sys.argv[1]))
print("locked", flush=True)
sys.stdin.read()  # hold it until the test lets go (or ends)
"""

RACE = """
import sys, time
from pathlib import Path
import imr_tui.core.lock
from imr_tui.core.lock import LockHeld, ReviewLock
real_is_alive = imr_tui.core.lock.is_alive
def slow_is_alive(record):
    # Widen the gap between judging a lock stale and replacing it, so that the
    # racers really overlap there: the re-check under the folder lock must save us.
    alive = real_is_alive(record)
    time.sleep(0.3)
    return alive
imr_tui.core.lock.is_alive = slow_is_alive
print("ready", flush=True)
sys.stdin.readline()  # all start together, when the test says go
try:
    lock = ReviewLock.acquire(Path(sys.argv[1]))
except LockHeld:
    print("refused", flush=True)
else:
    print("took", flush=True)
    sys.stdin.read()  # hold it until every racer has had its answer
"""


def hold(review: Path) -> subprocess.Popen[str]:
    """Another process that takes the lock and keeps it until it is killed or its input
    is closed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(review)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "locked\n"
    return proc


def write_lock(review: Path, **fields: object) -> None:
    data: dict[str, object] = {
        "user": "priya",
        "host": socket.gethostname(),
        "pid": 999_999_999,
        "since": datetime(2025, 3, 11, 14, 2, tzinfo=UTC),
        "token": "theirs",
    }
    data.update(fields)
    lock_path(review).write_text(tomli_w.dumps(data), encoding="utf-8")
    os.chmod(lock_path(review), 0o600)


@pytest.fixture
def review(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    path.write_text("", encoding="utf-8")
    return path


def test_the_lock_sits_beside_the_review_private_and_readable(review: Path) -> None:
    with ReviewLock.acquire(review) as lock:
        path = lock_path(review)
        assert path == review.with_name(".r.toml.lock")
        assert lock.path == path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid()
        assert data["host"] == socket.gethostname()
        info = read_lock(review)
        assert info is not None and info == lock.info
        assert info.pid == os.getpid()
        assert abs((datetime.now(UTC) - info.since).total_seconds()) < 5
        assert sorted(p.name for p in review.parent.iterdir()) == [".r.toml.lock", "r.toml"]
    assert not path.exists()
    assert read_lock(review) is None


def test_describe_says_who_where_and_since_when() -> None:
    since = datetime(2025, 3, 11, 14, 2).astimezone()
    info = LockInfo("priya", "imr-server", 4242, since)
    assert info.describe() == "priya on imr-server (process 4242) since 14:02 on 11/03/2025"


def test_a_live_holder_is_named_and_refused(review: Path) -> None:
    holder = hold(review)
    try:
        with pytest.raises(LockHeld) as caught:
            ReviewLock.acquire(review)
        assert caught.value.info.pid == holder.pid
        message = str(caught.value)
        assert message.startswith(f"{review}: is open in another session: ")
        assert f"on {socket.gethostname()} (process {holder.pid}) since " in message
        assert isinstance(caught.value, UserError) and caught.value.exit_code == 2
        assert read_lock(review) == caught.value.info
    finally:
        holder.kill()
        holder.wait()


def test_the_same_process_cannot_open_it_twice(review: Path) -> None:
    with ReviewLock.acquire(review), pytest.raises(LockHeld):
        ReviewLock.acquire(review)


def test_a_lock_left_by_a_killed_process_is_taken_over(review: Path) -> None:
    holder = hold(review)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    stale = read_lock(review)
    assert stale is not None and stale.pid == holder.pid  # left behind
    with ReviewLock.acquire(review) as lock:
        assert read_lock(review) == lock.info
        assert lock.info.pid == os.getpid()
        assert stat.S_IMODE(lock_path(review).stat().st_mode) == 0o600
    assert not lock_path(review).exists()


def test_a_reused_pid_is_not_mistaken_for_the_holder(review: Path) -> None:
    # This very process is alive, but it started at another time than the lock says.
    write_lock(review, pid=os.getpid(), started=1)
    with ReviewLock.acquire(review) as lock:
        assert lock.is_ours()


def test_a_lock_from_another_host_is_respected(review: Path) -> None:
    write_lock(review, host="another-host.example")
    with pytest.raises(LockHeld, match=r"priya on another-host\.example \(process 999999999\)"):
        ReviewLock.acquire(review)


def test_an_unreadable_lock_is_taken_over(review: Path) -> None:
    lock_path(review).write_bytes(b"\xff not a lock")
    assert read_lock(review) is None
    with ReviewLock.acquire(review) as lock:
        assert lock.is_ours()


def test_release_leaves_a_lock_that_is_no_longer_ours(review: Path) -> None:
    lock = ReviewLock.acquire(review)
    write_lock(review, pid=1, token="someone-else")
    lock.release()
    assert lock_path(review).exists()
    assert tomllib.loads(lock_path(review).read_text())["token"] == "someone-else"


def test_release_twice_is_harmless(review: Path) -> None:
    lock = ReviewLock.acquire(review)
    lock.release()
    other = ReviewLock.acquire(review)
    lock.release()  # must not remove the new holder's lock
    assert other.is_ours()
    other.release()


def test_only_one_of_many_racing_processes_takes_a_stale_lock(review: Path) -> None:
    write_lock(review)  # stale: that pid does not exist
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(review)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline() == "ready\n"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outcomes = [p.stdout.readline().strip() for p in procs if p.stdout is not None]
    for p in procs:
        p.communicate(timeout=30)
    assert sorted(outcomes) == ["refused"] * 7 + ["took"], outcomes
    winner = read_lock(review)
    assert winner is not None and winner.pid in [p.pid for p in procs]
    with ReviewLock.acquire(review) as lock:  # the winner has ended: stale again
        assert lock.is_ours()
    assert [p.name for p in review.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_review_in_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    review = folder / "r.toml"
    review.write_text("")
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root ignores the mode: nothing to check here
            return
        with pytest.raises(UserError, match="cannot create the lock file"):
            ReviewLock.acquire(review)
    finally:
        folder.chmod(0o700)


def test_the_lock_and_the_workspace_are_core_modules() -> None:
    code = (
        "import sys, imr_tui.core.lock, imr_tui.core.workspace\n"
        "print(sorted(m for m in sys.modules if m.startswith("
        "('textual', 'questionary', 'prompt_toolkit', 'imr_tui.tui', 'imr_tui.plain'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert result.stdout == "[]\n"
