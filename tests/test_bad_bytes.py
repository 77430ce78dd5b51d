"""Bytes from the terminal that are not UTF-8 become U+FFFD, with a notice; typing goes on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from terminal import Terminal, imr_command, wait_gone

from imr_tui.core.store import load


def test_invalid_utf8_from_the_terminal_is_replaced_and_typing_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    subprocess.run([sys.executable, "-m", "imr_tui", "new", str(path)], check=True)
    term = Terminal(imr_command("r.toml"), tmp_path)
    try:
        term.wait_for("Name of agency")
        pid = term.pane_pid()
        term.type("Acme ")
        term._tmux("send-keys", "-t", term.name, "-H", "ff", "c3", "28")  # not UTF-8
        term.type(" Trust")
        term.wait_for("could not be read")
        term.send("C-q")
        took = wait_gone(pid, 10.0)
    finally:
        term.close()
    answer = load(path).answer("agency")
    assert answer.startswith("Acme \ufffd") and answer.endswith(" Trust"), answer
    assert took < 10


def test_control_codes_in_answers_never_reach_the_terminal(tmp_path: Path) -> None:
    """An answer holding escape codes (a paste, an imported spreadsheet) is drawn as text:
    the codes do not recolour, clear or retitle the author's terminal."""
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.store import create, save

    catalogue = load_catalogue()
    path = tmp_path / "r.toml"
    review = create(path, catalogue)
    agency = "Acme\x1b[31mRED\x1b[0m end"
    summary = "one\x1b[2Kzap\x1b]0;owned\x07\ntwo \x1b[41mBG\x9b31m"
    review.answers.update({"agency": agency, "summary": summary})
    for resume, shown, codes in (
        ("agency", ["Acme[31mRED[0m end"], ["Acme\x1b[31m", "RED\x1b[0m"]),
        ("summary", ["one[2Kzap]0;owned", "two [41mBG31m"], ["\x1b[41m", "\x1b[2K"]),
    ):
        review.resume = resume
        save(path, review, catalogue)
        term = Terminal(imr_command("r.toml"), tmp_path)
        try:
            term.wait_for(shown[0])
            pid = term.pane_pid()
            screen = term.screen()
            coded = term._tmux("capture-pane", "-p", "-e", "-t", term.name)
            for text in shown:
                assert text in screen
            for code in codes:
                assert code not in coded
            title = term._tmux("display-message", "-p", "-t", term.name, "#{pane_title}")
            assert "owned" not in title
            term.send("C-q")
            wait_gone(pid, 10.0)
        finally:
            term.close()
        kept = load(path)
        assert (kept.answer("agency"), kept.answer("summary")) == (agency, summary)
