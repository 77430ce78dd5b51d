"""Plain mode never loses what reached it, driven in a real terminal (tmux, TERM=dumb,
where plain mode asks line by line).

The answer being typed is journalled as it is typed, so SIGKILL at any moment loses at
most the last fifth of a second and the next session puts it back with a notice; bytes
from the terminal that are not UTF-8 become U+FFFD with a notice, never a crash; and a
file another program changed meanwhile is never written over unasked.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
from terminal import wait_gone
from test_plain import Plain, _at, _stop

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.journal import journal_path
from imr_tui.core.lock import lock_path
from imr_tui.core.store import backups, load, save

TRIALS = 8
WINDOW = 0.2
"""Typing older than this at the moment of the kill must come back."""
NOTICE = "1 change not saved when the last session ended was put back."
STRICT = "TERM=dumb PYTHONIOENCODING=utf-8:strict"
"""As under a UTF-8 locale such as en_GB.UTF-8, where writing a lone surrogate fails
(the test machine's C locale would quietly let it through)."""


def _type_steadily(p: Plain, rng: random.Random, newline: bool) -> list[tuple[float, str]]:
    """Type letters about every 30 ms for a random while (with one new line in a long
    answer); returns when each prefix had been sent."""
    sent: list[tuple[float, str]] = []
    typed = ""
    stop = time.monotonic() + rng.uniform(0.4, 1.6)
    breaks_at = time.monotonic() + 0.2
    while time.monotonic() < stop:
        if newline and time.monotonic() > breaks_at and "\n" not in typed:
            p.term.send("Enter")  # a new line inside the long answer
            typed += "\n"
        else:
            ch = rng.choice("abcdefghijklmnopqrstuvwxyz")
            p.term.type(ch)
            typed += ch
        sent.append((time.monotonic(), typed))
        time.sleep(0.03)  # the typist's pace
    return sent


def test_sigkill_while_typing_an_answer_then_reopening_puts_it_back(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    rng = random.Random(2027)
    worst = 0.0
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        step = "agency" if trial % 2 == 0 else "summary"  # a one-line and a long answer
        path = _at(folder, catalogue, step)
        p = Plain(folder, "plain", "r.toml", keep=False)
        try:
            p.expect("Your answer:")
            pid = p.term.pane_pid()
            sent = _type_steadily(p, rng, newline=step == "summary")
            killed = time.monotonic()
            os.kill(pid, signal.SIGKILL)
            wait_gone(pid, 10.0)
        finally:
            p.close()
        assert load(path, catalogue).answer(step) == ""  # never saved: only journalled
        assert journal_path(path).stat().st_mode & 0o777 == 0o600

        p = Plain(folder, "plain", "r.toml")
        try:
            p.expect(NOTICE)
            p.expect("Your answer so far:")
            p.expect("What would you like to do with it?")
            got = load(path, catalogue).answer(step)  # put back and saved
            _stop(p)
        finally:
            p.close()
        typed = sent[-1][1]
        assert typed.startswith(got), (trial, got, typed)
        older = [text for when, text in sent if when <= killed - WINDOW]
        must = older[-1].strip("\n") if older else ""
        assert got.startswith(must), (trial, f"lost {len(must) - len(got)} characters")
        lost_at = next((when for when, text in sent if len(text.strip("\n")) > len(got)), killed)
        worst = max(worst, killed - lost_at)
        assert not journal_path(path).exists()
        assert not lock_path(path).exists()
    print(f"at most {worst * 1000:.0f} ms of typing lost in {TRIALS} kills")


def test_bytes_that_are_not_utf8_become_the_replacement_character(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _at(tmp_path, catalogue, "agency")
    p = Plain(tmp_path, "plain", "r.toml", env=STRICT)
    try:
        p.expect("Your answer:")
        p.term.type("Acme ")
        p.term.send("-H", "ff")  # a byte that is never UTF-8
        p.term.type(" Trust")
        p.term.send("Enter")
        p.expect("not readable text: it shows as \ufffd.")
        p.expect("Full name:")
        p.term.type("Dor")
        p.term.send("-H", "ff", "c3", "28")  # and a broken two-byte character
        p.term.type("thy")
        p.term.send("Enter")
        p.expect("not readable text: it shows as \ufffd.")
        p.expect("Date of birth")
        p.answer("")
        p.expect("Date of death")
        p.answer("")
        p.expect("Adult 1 added: Dor\ufffd\ufffd(thy")
        p.expect("Full name:")  # the next adult, asked at once
        shown = _stop(p)
    finally:
        p.close()
    assert "Traceback" not in shown
    review = load(path, catalogue)
    assert review.answer("agency") == "Acme \ufffd Trust"
    assert [a.name for a in review.adults] == ["Dor\ufffd\ufffd(thy"]


def test_a_paste_that_is_not_utf8_in_a_long_answer(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _at(tmp_path, catalogue, "summary")
    pasted = tmp_path / "paste.bin"
    pasted.write_bytes(b"Seen by the GP \xff\xfe on Monday")
    p = Plain(tmp_path, "plain", "r.toml", env=STRICT)
    try:
        p.expect("Your answer:")
        p.term._tmux("load-buffer", str(pasted))
        p.term._tmux("paste-buffer", "-p", "-t", p.term.name)  # as a bracketed paste
        p.expect("on Monday")
        p.term.send("Enter")
        p.answer(".")  # a full stop on its own line ends the answer
        p.expect("not readable text: it shows as \ufffd.")
        p.expect("Sources of information")
        p.expect("Your answer: (long answer)")  # the way to end one was said once
        shown = _stop(p)
    finally:
        p.close()
    assert "Traceback" not in shown
    assert load(path, catalogue).answer("summary") == "Seen by the GP \ufffd\ufffd on Monday"


@pytest.mark.parametrize("choice", ["reload", "both", "overwrite"])
def test_a_file_changed_by_another_program_is_never_written_over_unasked(
    tmp_path: Path, catalogue: Catalogue, choice: str
) -> None:
    path = _at(tmp_path, catalogue, "agency")
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Your answer:")
        other = load(path, catalogue)  # another program, ignoring the lock, changes the file
        other.answers["sources"] = "written by another program"
        save(path, other, catalogue)
        theirs = path.read_bytes()
        p.answer("Acme Trust")
        p.expect("Not saved: r.toml: was changed by another program since it was opened.")
        assert path.read_bytes() == theirs
        if choice == "reload":
            p.choose("Reload it, with my unsaved changes on top")
            p.expect("Reloaded, with your unsaved changes put back.")
        elif choice == "both":
            p.choose("Keep both: save mine as a new file beside it")
            p.expect("Your version is saved as r (my version 1).toml; you carry on in it.")
        else:
            p.choose("Overwrite it with my version")
            p.expect("Replace r.toml with your version?")
            p.confirm("y")
        p.expect("Full name:")
        _stop(p)
    finally:
        p.close()
    review = load(path, catalogue)
    if choice == "reload":
        assert review.answer("agency") == "Acme Trust"
        assert review.answer("sources") == "written by another program"
    elif choice == "both":
        assert path.read_bytes() == theirs
        mine = load(tmp_path / "r (my version 1).toml", catalogue)
        assert mine.answer("agency") == "Acme Trust" and mine.answer("sources") == ""
        assert not lock_path(tmp_path / "r (my version 1).toml").exists()
    else:
        assert review.answer("agency") == "Acme Trust" and review.answer("sources") == ""
        kept = [load(b.path).answer("sources") for b in backups(path)]
        assert "written by another program" in kept  # only in the backups, as promised
    assert not lock_path(path).exists()
