"""The real program in a real terminal: a dropped line never loses the last words typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from terminal import Terminal, imr_command, wait_gone

from imr_tui.core.store import load


def _new_review(folder: Path) -> Path:
    path = folder / "r.toml"
    subprocess.run([sys.executable, "-m", "imr_tui", "new", str(path)], check=True)
    return path


def test_hangup_saves_the_last_typed_words(tmp_path: Path) -> None:
    path = _new_review(tmp_path)
    term = Terminal(imr_command("r.toml"), tmp_path)
    try:
        term.wait_for("Name of agency")
        pid = term.pane_pid()
        words = "Northshire Community Health"
        term.type(words)
        term.wait_for(words)
        # Hang up at once: well inside the autosave delay, so only the SIGHUP save can have it.
        term.hang_up()
        took = wait_gone(pid, 5.0)
    finally:
        term.close()
    assert load(path).answer("agency") == words, took
    assert took < 1.5


def test_reopening_resumes_on_the_same_prompt_with_the_text(tmp_path: Path) -> None:
    path = _new_review(tmp_path)
    term = Terminal(imr_command("r.toml"), tmp_path)
    try:
        term.wait_for("Name of agency")
        pid = term.pane_pid()
        term.type("Acme Trust")
        term.send("Enter")
        term.wait_for("dd/mm/yyyy")  # the adult's row is on screen, its name box focused
        term.type("Dorothy Hollins")
        term.wait_for("Dorothy Hollins")
        term.send("C-q")
        wait_gone(pid, 5.0)
    finally:
        term.close()
    review = load(path)
    assert review.resume == "adults"
    assert [a.name for a in review.adults] == ["Dorothy Hollins"]

    term = Terminal(imr_command("r.toml"), tmp_path)
    try:
        screen = term.wait_for("Dorothy Hollins")
        assert "Name of adult(s) and date of birth" in screen
        assert "Saved" in screen or "No changes yet" in screen
    finally:
        term.close()


def test_hangup_with_a_chronology_form_open_keeps_the_entry(tmp_path: Path) -> None:
    path = _new_review(tmp_path)
    term = Terminal(imr_command("r.toml"), tmp_path)
    try:
        term.wait_for("Name of agency")
        pid = term.pane_pid()
        term.send("C-g")
        term.wait_for("Search")
        term.type("Chronology of agency")
        term.wait_for("Go to: Chronology of agency involvement")
        term.send("Enter")
        term.wait_for("Add")
        term.send("a")
        term.wait_for("New chronology entry")
        term.type("15/03/2024")
        term.send("Enter")  # to the time
        for _ in range(4):  # past the end date, end time and reference to the source
            term.send("Enter")
        term.type("District nursing notes")
        term.wait_for("District nursing notes")
        term.hang_up()
        wait_gone(pid, 5.0)
    finally:
        term.close()
    [entry] = load(path).chronology
    assert (entry.date, entry.source) == ("2024-03-15", "District nursing notes")
