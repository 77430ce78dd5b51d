"""Wrong codes for one name soon pause its tries, so a trainee's code cannot be guessed."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from imr_tui.core import clock
from imr_tui.workshop import trainees as t
from imr_tui.workshop.tries import LIMIT, WAIT

START = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def at() -> Iterator[list[datetime]]:
    """The fixed clock; set ``at[0]`` and call ``clock.fix`` to move it."""
    moment = [START]
    clock.fix(START)
    yield moment
    clock.fix(None)


def _later(seconds: float) -> None:
    clock.fix(clock.now() + timedelta(seconds=seconds))


def test_wrong_codes_pause_the_name_then_a_right_code_works(
    tmp_path: Path, at: list[datetime]
) -> None:
    joined = t.join(tmp_path, "Anna Trainee")
    assert isinstance(joined, t.Joined)
    for _ in range(LIMIT):
        assert t.come_back(tmp_path, "anna trainee", "AAA-AAA") == t.Refused(t.WRONG)
        _later(5)
    # Over the limit: even the right code waits (a guess that happens to be right tells nothing).
    assert t.come_back(tmp_path, "Anna Trainee", joined.code) == t.Refused(WAIT)
    # Another trainee is not held up.
    ben = t.join(tmp_path, "Ben Trainee")
    assert isinstance(ben, t.Joined)
    assert t.come_back(tmp_path, "Ben Trainee", ben.code) == ben.trainee
    _later(61)
    assert t.come_back(tmp_path, "Anna Trainee", joined.code) == joined.trainee
    # The right code cleared the count: one more mistake is an ordinary wrong code.
    assert t.come_back(tmp_path, "Anna Trainee", "AAA-AAA") == t.Refused(t.WRONG)
    tries = tmp_path / ".workshop" / "tries.toml"
    assert stat.S_IMODE(tries.stat().st_mode) == 0o600
    assert joined.code not in tries.read_text(encoding="utf-8")


def test_an_unknown_name_pauses_the_same_way(tmp_path: Path, at: list[datetime]) -> None:
    for _ in range(LIMIT):
        assert t.come_back(tmp_path, "Nobody Here", "AAA-AAA") == t.Refused(t.WRONG)
    assert t.come_back(tmp_path, "nobody here", "AAA-AAA") == t.Refused(WAIT)


def test_old_wrong_codes_are_forgotten(tmp_path: Path, at: list[datetime]) -> None:
    joined = t.join(tmp_path, "Anna Trainee")
    assert isinstance(joined, t.Joined)
    for _ in range(LIMIT - 1):
        assert t.come_back(tmp_path, "Anna Trainee", "AAA-AAA") == t.Refused(t.WRONG)
    _later(11 * 60)  # the window is ten minutes: those no longer count
    assert t.come_back(tmp_path, "Anna Trainee", "AAA-AAA") == t.Refused(t.WRONG)
    assert t.come_back(tmp_path, "Anna Trainee", joined.code) == joined.trainee
