"""A command-line change made while the interview opens a long review is never lost.

The interview takes the review's lock before it reads the file, so a change
that another command reports as done is either in the file the interview
reads, or refused (the review is open), never undone by the interview's first
save. Tried at several moments while a 5,000-entry review opens.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from terminal import Terminal, imr_command, wait_gone
from test_kill_recovery import _long_review

from imr_tui.core.store import load

OFFSETS = [-0.6, -0.4, -0.3, -0.2, -0.1, 0.0, 0.15, 0.5, 1.2]
"""Seconds from the interview's start to the command's (negative: the command first)."""


def test_a_change_made_while_the_interview_opens_is_never_undone(tmp_path: Path) -> None:
    template = _long_review(tmp_path)
    outcomes = []
    for n, offset in enumerate(OFFSETS):
        folder = tmp_path / f"o{n}"
        folder.mkdir()
        path = folder / "r.toml"
        shutil.copyfile(template, path)
        path.chmod(0o600)
        command = [sys.executable, "-m", "imr_tui", "pseudonyms", "r.toml", "add", f"Name {n}", "A"]
        if offset < 0:
            cli = subprocess.Popen(
                command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            time.sleep(-offset)
        term = Terminal(imr_command("r.toml"), folder)
        try:
            pid = term.pane_pid()
            if offset >= 0:
                time.sleep(offset)
                cli = subprocess.Popen(
                    command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
            out, err = cli.communicate(timeout=60)
            added = subprocess.CompletedProcess(command, cli.returncode, out, err)
            screen = term.wait_for("r.toml", timeout=30)
            if "Read-only" in screen or "another session" in screen:
                term.send("n")  # the command had the lock first: do not look read-only
            else:
                term.wait_for("Summary of involvement", timeout=30)
                term.type(" typed")
                term.wait_for("typed")
                term.send("C-q")
            wait_gone(pid, 30.0)
        finally:
            term.close()
        names = [p.name for p in load(path).pseudonyms]
        if added.returncode == 0:
            assert f"Name {n}" in names, (offset, added.stdout)
            outcomes.append("added")
        else:
            assert added.returncode == 2 and "another session" in added.stderr, added.stderr
            assert added.stderr.count("\n") == 1
            assert f"Name {n}" not in names
            outcomes.append("refused")
    print("outcomes by offset:", dict(zip(OFFSETS, outcomes, strict=True)))
