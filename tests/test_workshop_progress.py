"""The trainer's progress view: counts as the start screen counts them, cheap to poll."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment
from imr_tui.core.lock import ReviewLock
from imr_tui.core.steps import overall
from imr_tui.core.store import create, load, save
from imr_tui.workshop import progress
from imr_tui.workshop import trainees as t
from imr_tui.workshop.cases import EXAMPLE_NAME, Case, hand_out
from imr_tui.workshop.progress import ProgressWatch


class FakeClock:
    """Seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def room(tmp_path: Path, catalogue: Catalogue) -> Path:
    """Twenty trainees, each with the worked example and an empty review."""
    for n in range(20):
        joined = t.join(tmp_path, f"Trainee {n}")
        assert isinstance(joined, t.Joined)
        create(tmp_path / joined.trainee.folder / "blank.toml", catalogue)
    hand_out(tmp_path, Case(EXAMPLE_NAME, None), catalogue, None)
    return tmp_path


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    calls: list[Any] = []
    real = getattr(progress, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(progress, name, counted)
    return calls


def test_progress_counts_and_rereads_nothing_unchanged(
    room: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _counting(monkeypatch, "load")
    checks = _counting(monkeypatch, "run_checks")
    clock = FakeClock()
    watch = ProgressWatch(room, catalogue, checks_every=20.0, clock=clock)
    first = watch.read()
    assert len(first) == 20 and all(len(p.reviews) == 2 for p in first)
    assert len(loads) == 40 and len(checks) == 40
    anna = first[0]
    example = next(r for r in anna.reviews if r.path.name == EXAMPLE_NAME)
    assert (example.done, example.total) == overall(catalogue, load(example.path, catalogue))
    assert example.done > 0 and sum(example.findings.values()) > 0
    assert example.last_saved is not None and not example.open_now and example.problem == ""
    loads.clear()
    checks.clear()
    assert watch.read() == first
    assert loads == [] and checks == []


def test_checks_are_throttled_and_open_reviews_and_problems_shown(
    room: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    watch = ProgressWatch(room, catalogue, checks_every=20.0, clock=clock)
    watch.read()
    loads = _counting(monkeypatch, "load")
    checks = _counting(monkeypatch, "run_checks")
    folder = room / t.trainees(room)[0].folder
    blank = folder / "blank.toml"
    review = load(blank, catalogue)
    review.answers[catalogue.prompts()[0].id] = "An answer"
    review.comments = [Comment(on=f"prompt:{catalogue.prompts()[0].id}", text="Why?", by="t")]
    save(blank, review, catalogue)
    clock.now += 5  # within the window: read again, checks not run
    row = next(r for r in watch.read()[0].reviews if r.path == blank)
    assert len(loads) == 1 and checks == []
    assert row.done == 1 and row.open_comments == 1
    clock.now += 20  # past the window: the changed review is checked once
    watch.read()
    assert len(checks) == 1 and len(loads) == 1
    watch.read()
    assert len(checks) == 1
    (folder / "broken.toml").write_text("not = = toml")
    with ReviewLock.acquire(blank):
        rows = {r.path.name: r for r in watch.read()[0].reviews}
    assert rows["blank.toml"].open_now
    assert "broken.toml" in rows["broken.toml"].problem and rows["broken.toml"].total == 0
    os.unlink(folder / "broken.toml")
    assert "broken.toml" not in {r.path.name for r in watch.read()[0].reviews}


def test_folders_from_before_codes_are_listed_after_the_trainees(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    joined = t.join(tmp_path, "Anna")
    assert isinstance(joined, t.Joined)
    (tmp_path / "Old Bob").mkdir()
    create(tmp_path / "Old Bob" / "r.toml", catalogue)
    rows = ProgressWatch(tmp_path, catalogue).read()
    assert [(p.trainee.name, p.trainee.code_hash) for p in rows] == [
        ("Anna", joined.trainee.code_hash),
        ("Old Bob", ""),
    ]
    assert [r.path.name for r in rows[1].reviews] == ["r.toml"]
    assert rows[1].reviews[0].total > 0
