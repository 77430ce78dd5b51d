"""Bursts of keys and a hang-up at random moments, in a real terminal.

A laggy link delivers a whole line (``name<Enter>next answer<Enter>...``) in
one write, and a dropped connection can come a few milliseconds later. The
real program runs in tmux; the burst is one write to its terminal; then the
terminal is closed after a seeded random delay. Whatever the moment, every
character the program received is in the answer it was typed into, in order,
and no answer already written is overwritten or removed.
"""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from terminal import Terminal, imr_command, wait_gone

from imr_tui.core.catalogue import load_catalogue
from imr_tui.core.store import create, load, save

PROMPTS = ["author_name", "author_role", "author_agency", "author_contact"]
EXISTING = {"author_role": "Staff Nurse ", "author_contact": "Ward 7 "}
TRIALS = 50


@dataclass
class Outcome:
    """How far through the burst the file got."""

    complete: int
    """Answers with every typed character."""
    partial: str
    """What reached the answer after those (a prefix of what was typed there)."""


def landed(path: Path, typed: list[str]) -> Outcome:
    """Check the file against the burst: whole answers, then one prefix, then nothing."""
    review = load(path)
    got = []
    for step in PROMPTS:
        answer = review.answer(step)
        before = EXISTING.get(step, "")
        assert answer.startswith(before), f"{step}: the existing answer was changed: {answer!r}"
        got.append(answer[len(before) :])
    complete = 0
    while complete < len(typed) and got[complete] == typed[complete]:
        complete += 1
    if complete == len(typed):
        return Outcome(complete, "")
    partial = got[complete]
    assert typed[complete].startswith(partial), f"{PROMPTS[complete]}: {partial!r} vs {typed!r}"
    for later in got[complete + 1 :]:
        assert later == "", f"text landed after a partial answer: {got!r} for {typed!r}"
    return Outcome(complete, partial)


def _words(rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return " ".join(
        "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
        for _ in range(rng.randint(1, 4))
    )


def _review(folder: Path) -> Path:
    path = folder / "r.toml"
    review = create(path, load_catalogue())
    review.resume = PROMPTS[0]
    for step, text in EXISTING.items():
        review.answers[step] = text
    save(path, review, load_catalogue())
    return path


def test_bursts_then_a_hang_up_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(20261130)
    whole = 0
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        path = _review(folder)
        typed = [_words(rng) for _ in PROMPTS]
        delay = rng.choice([0.0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.3])
        term = Terminal(imr_command("r.toml"), folder)
        try:
            term.wait_for("Author's name")
            pid = term.pane_pid()
            term.type("\r".join(typed))  # one write, as a laggy link delivers it
            time.sleep(delay)
            term.hang_up()
            took = wait_gone(pid, 5.0)
        finally:
            term.close()
        outcome = landed(path, typed)
        assert took < 6.0, f"trial {trial}: {took:.2f} s to save and exit"
        whole += outcome.complete == len(typed)
        if delay >= 0.1:
            # Long enough for the program to have read the burst: all of it is there.
            assert outcome.complete == len(typed), (trial, delay, typed, outcome)
    print(f"{whole} of {TRIALS} trials had the whole burst on disk")


def test_a_burst_sent_with_the_hang_up_is_read_before_saving(tmp_path: Path) -> None:
    """The keys and the hang-up signal arrive together: the program reads the keys, then saves."""
    for trial in range(5):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        path = _review(folder)
        typed = ["QQ113764", "ZZ128717", "Acme", "Ward"]
        term = Terminal(imr_command("r.toml"), folder)
        try:
            term.wait_for("Author's name")
            pid = term.pane_pid()
            term.type("\r".join(typed))  # in the terminal's buffer, not yet read...
            os.kill(pid, signal.SIGHUP)  # ...when the hang-up comes
            took = wait_gone(pid, 5.0)
        finally:
            term.close()
        assert landed(path, typed).complete == len(typed), (trial, load(path).answers)
        assert took < 6.0
