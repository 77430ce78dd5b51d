"""Bytes from the terminal that are not UTF-8 become U+FFFD, with a notice; typing goes on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from terminal import Terminal, imr_command, wait_gone

from imr_tui.store import load


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
