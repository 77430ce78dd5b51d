"""A paste holding escape characters (text copied from a terminal's log, a program's
coloured output) lands whole and in order: the escapes are dropped, as many
terminals do, instead of Textual's parser handing the rest of the paste on as keys
before the paste's beginning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from terminal import Terminal, imr_command, wait_gone
from textual import events
from textual._xterm_parser import XTermParser

from imr_tui.core.store import load
from imr_tui.tui.terminal_bytes import PasteEscapes

PASTED = "start A\x1b[31mRED\x1b[0mB end \x1b]0;title\x07 done\x1b"
KEPT = "start A[31mRED[0mB end ]0;title\x07 done"
STREAM = f"x\x1b[200~{PASTED}\x1b[201~ typed"


def _text(events_: list[events.Event]) -> str:
    out = []
    for event in events_:
        if isinstance(event, events.Paste):
            out.append(f"<{event.text}>")
        elif isinstance(event, events.Key) and event.character:
            out.append(event.character)
    return "".join(out)


@pytest.mark.parametrize("cut", range(len(STREAM) + 1))
def test_the_paste_reaches_the_parser_whole_wherever_the_reads_split(cut: int) -> None:
    """The bytes arrive in two reads split anywhere (a slow link splits them)."""
    pastes = PasteEscapes()
    parser = XTermParser()
    got: list[events.Event] = []
    for chunk in (STREAM[:cut], STREAM[cut:]):
        if chunk:  # an empty read is the end of the input
            got += [e for e in parser.feed(pastes.filter(chunk)) if isinstance(e, events.Event)]
    assert _text(got) == f"x<{KEPT}> typed"
    assert not pastes.in_paste


def test_outside_a_paste_nothing_is_held_or_changed() -> None:
    pastes = PasteEscapes()
    for text in ("\x1b", "\x1b[A", "a\x1b[1;5Hb", "\x1b[20", "0~"):
        assert pastes.filter(text) == text


def test_a_paste_with_escapes_lands_in_order_in_the_real_terminal(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    subprocess.run([sys.executable, "-m", "imr_tui", "new", str(path)], check=True)
    term = Terminal(imr_command("r.toml"), tmp_path)
    try:
        term.wait_for("Name of agency")
        pid = term.pane_pid()
        term.type("Acme ")
        buffer = tmp_path / "paste.txt"
        buffer.write_text("Trust\x1b[31m (red)\x1b[0m Ltd", encoding="utf-8")
        term._tmux("load-buffer", str(buffer))
        term._tmux("paste-buffer", "-p", "-t", term.name)  # bracketed, as a terminal pastes
        term.type(" end")
        term.wait_for("Ltd end")
        term.send("C-q")
        wait_gone(pid, 10.0)
    finally:
        term.close()
    assert load(path).answer("agency") == "Acme Trust[31m (red)[0m Ltd end"
