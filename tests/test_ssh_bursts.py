"""Bursts of keys over the real sshd, and the connection killed at random moments.

The whole burst (answers joined by Enter, or a chronology entry's fields joined
by Tab) is one write into the ssh client, as a laggy link delivers it; the
client is then killed after a seeded random delay. Every character the server
received is in the answer or field it was typed into.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from terminal import Terminal
from test_bursts_terminal import PROMPTS, _words, landed
from test_ssh import Server, _drop, server  # noqa: F401  (the fixture)

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import create, load, save

TRIALS = 12
FIELDS = {
    "date": "16/03/2025",
    "time": "11:00",
    "end_date": "",
    "end_time": "",
    "reference": "",
    "source": "SRC2",
    "practitioner": "PRAC2",
}
"""A chronology entry typed field by field with Tab; Ctrl+S saves it."""


def _fresh(path: Path, catalogue: Catalogue, resume: str) -> None:
    path.unlink(missing_ok=True)
    review = create(path, catalogue)
    review.resume = resume
    review.answers.update({"author_role": "Staff Nurse ", "author_contact": "Ward 7 "})
    save(path, review, catalogue)


def _entry_landed(path: Path, catalogue: Catalogue) -> bool:
    """Each field holds (a start of) its own value; True if the whole entry is there."""
    entries = load(path, catalogue).chronology
    assert len(entries) <= 1, entries
    if not entries:
        return False
    [entry] = entries
    source, practitioner = entry.source, entry.cells.get("practitioner", "")
    assert FIELDS["source"].startswith(source), entry
    assert FIELDS["practitioner"].startswith(practitioner), entry
    assert not any("as typed" in cell for cell in entry.cells.values()), entry
    if source:
        assert (entry.date, entry.time) == ("2025-03-16", "11:00"), entry
    return bool(source == FIELDS["source"] and practitioner == FIELDS["practitioner"])


def test_bursts_over_ssh_then_a_dropped_connection(
    server: Server,  # noqa: F811
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    rng = random.Random(1130)
    whole = 0
    path = server.workspace / "a.toml"
    previous = None
    for trial in range(TRIALS):
        chronology = trial % 3 == 2
        _fresh(path, catalogue, "chronology" if chronology else PROMPTS[0])
        typed = [_words(rng) for _ in PROMPTS]
        delay = rng.choice([0.0, 0.005, 0.02, 0.05, 0.2, 0.5])
        term = Terminal(server.ssh(), tmp_path)
        try:
            term.wait_for("a.toml")
            app = server.app_pid(previous=previous)
            previous = app
            term.send("Enter")
            if chronology:
                term.wait_for("Chronology of agency")
                term.type("a" + "\t".join(FIELDS.values()) + "\x13")
            else:
                term.wait_for("Author's name")
                term.type("\r".join(typed))
            time.sleep(delay)
            took = _drop(term, app)
        finally:
            term.close()
        if chronology:
            complete = _entry_landed(path, catalogue)
        else:
            complete = landed(path, typed).complete == len(typed)
        whole += complete
        assert took < 7.0, f"trial {trial}: {took:.2f} s from the drop to the exit"
        if delay >= 0.5:
            assert complete, (trial, delay, load(path, catalogue))
    print(f"{whole} of {TRIALS} trials over ssh had the whole burst on disk")
