"""SIGKILL while typing into a long review: the journal gives back all but the last
fifth of a second, and reopening the review offers it back.

The review has 5,000 chronology entries (so saving it takes a good part of a
second); the author types steadily into a long answer in a real terminal; the
program is killed without warning at a random moment.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

from terminal import Terminal, imr_command, until, wait_gone

from imr_tui.core.catalogue import load_catalogue
from imr_tui.core.journal import apply, journal_path, read_journal
from imr_tui.core.store import load, save

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synth import review as synthetic_review

TRIALS = 20
WINDOW = 0.2
"""Typing older than this at the moment of the kill must be recovered."""
EXISTING = "Written in an earlier session."


def _long_review(folder: Path) -> Path:
    catalogue = load_catalogue()
    review = synthetic_review(catalogue, 5000)
    review.resume = "summary"
    review.answers["summary"] = EXISTING
    path = folder / "long.toml"
    save(path, review, catalogue)
    return path


def _recovered(path: Path) -> str:
    review = load(path)
    found = read_journal(path)
    if found is not None:
        review = apply(review, found.changes)
    return review.answer("summary")


def test_sigkill_while_typing_loses_at_most_the_last_fifth_of_a_second(tmp_path: Path) -> None:
    rng = random.Random(2026)
    template = _long_review(tmp_path)
    letters = "abcdefghijklmnopqrstuvwxyz"
    worst = 0.0
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        path = folder / "r.toml"
        shutil.copyfile(template, path)
        os.chmod(path, 0o600)
        term = Terminal(imr_command("r.toml"), folder)
        try:
            term.wait_for("Summary of involvement", timeout=30)
            pid = term.pane_pid()
            sent: list[tuple[float, str]] = []
            typed = ""
            stop = time.monotonic() + rng.uniform(0.5, 2.5)
            while time.monotonic() < stop:
                ch = rng.choice(letters)
                term.type(ch)
                typed += ch
                sent.append((time.monotonic(), typed))
                time.sleep(0.03)
            killed = time.monotonic()
            os.kill(pid, signal.SIGKILL)
            wait_gone(pid, 10.0)
        finally:
            term.close()
        text = _recovered(path)
        assert text.startswith(" " + EXISTING) or text.startswith(EXISTING), text[:60]
        got = text.removeprefix(EXISTING)
        assert typed.startswith(got), (trial, got, typed)
        needed = [t for when, t in sent if when <= killed - WINDOW]
        must = needed[-1] if needed else ""
        assert got.startswith(must), (trial, f"lost {len(must) - len(got)} characters")
        lost_at = next((when for when, t in sent if len(t) > len(got)), killed)
        worst = max(worst, killed - lost_at)
    print(f"at most {worst * 1000:.0f} ms of typing lost in {TRIALS} kills")


def test_reopening_after_a_kill_puts_the_typing_back(tmp_path: Path) -> None:
    path = _long_review(tmp_path)
    term = Terminal(imr_command(path.name), tmp_path)
    try:
        term.wait_for("Summary of involvement", timeout=30)
        pid = term.pane_pid()
        term.type(" More words after the kill")
        term.wait_for("after the kill")
        until(lambda: read_journal(path), 5.0, every=0.02)
        os.kill(pid, signal.SIGKILL)
        wait_gone(pid, 10.0)
    finally:
        term.close()
    assert load(path).answer("summary") == EXISTING  # not saved...
    assert journal_path(path).exists()  # ...but journalled
    term = Terminal(imr_command(path.name), tmp_path)
    try:
        term.wait_for("Put them back?", timeout=30)
        pid = term.pane_pid()
        term.send("y")
        term.wait_for("put back")
        term.send("C-q")
        wait_gone(pid, 15.0)
    finally:
        term.close()
    assert load(path).answer("summary") == EXISTING + " More words after the kill"
    assert not journal_path(path).exists()
