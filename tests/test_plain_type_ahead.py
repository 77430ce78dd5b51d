"""Keys typed while plain mode is busy between two questions (a laggy link delivers them
late, in a burst): the line asker holds the terminal for the whole interview, so they
wait for the next question, land in it, and are shown once, by it; the terminal never
echoes them itself in the middle of what is printed."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from terminal import LinePrompts, Terminal, until
from test_plain import SLOW_SAVES, new_review

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import load


def test_keys_typed_during_a_save_wait_for_the_next_question_and_are_shown_once(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = new_review(tmp_path, catalogue)
    log = tmp_path / "saves.log"
    log.touch()
    words = ["env", "TERM=dumb", f"SAVES_LOG={log}", sys.executable, "-c", SLOW_SAVES]
    command = " ".join(shlex.quote(a) for a in [*words, "plain", "r.toml"])

    def saves(what: str, count: int) -> bool | None:
        return True if log.read_text().split().count(what) >= count else None

    p = LinePrompts(Terminal(command, tmp_path))
    try:
        p.expect("Your answer:")
        assert until(lambda: saves("end", 1), 10.0)  # the first save (of the position)
        p.term.type("Acme Trust\r")
        assert until(lambda: saves("start", 2), 10.0)  # the answer's save takes a second...
        p.term.type("Jo Bloggs\r")  # ...and the next answer arrives during it
        p.expect("Date of birth")
        screen = p.term.history()
        p.answer("")  # date of birth
        p.answer("")  # date of death
        p.expect("Adult 1 added: Jo Bloggs")
        saved = until(lambda: load(path, catalogue).adults or None, 15.0)
    finally:
        p.term.close()
    assert screen.count("Jo Bloggs") == 1, screen
    assert "Full name: (Enter on its own to add nobody) Jo Bloggs" in screen, screen
    assert [a.name for a in saved or []] == ["Jo Bloggs"]
    assert load(path, catalogue).answer("agency") == "Acme Trust"
