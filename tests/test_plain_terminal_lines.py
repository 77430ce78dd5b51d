"""Plain mode's line asker in a real terminal (tmux at 80x24, ``TERM=dumb``), byte by byte.

The program's own output is captured as it leaves it (``tmux pipe-pane``), before any
terminal reads it: not one escape code may be in it. An answer ends with a full stop
on its own line (or Esc then Enter) however long the author waits between keys; Ctrl-C
or a hang-up inside a chronology entry or a recommendation keeps what was given as a
draft, offered again on the next run. Under the line asker neither questionary nor
prompt_toolkit is ever loaded.
"""

from __future__ import annotations

import os
import shlex
import signal
import sys
from pathlib import Path

import pytest
from terminal import LinePrompts, Terminal, imr_command, until, wait_gone

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.lock import lock_path
from imr_tui.core.session import Session
from imr_tui.core.steps import steps
from imr_tui.core.store import create, load
from imr_tui.plain.base import SaveGate
from imr_tui.plain.run import _on_interrupt, wants_lines

RAW = "raw.bin"
"""Where the program's output bytes are kept, in the test's folder."""


class Lines(LinePrompts):
    """``imr plain`` in a tmux window, its output bytes piped to a file from the very first.

    The shell waits for an Enter before starting imr, so the pipe is in place before
    imr writes anything; after imr ends the window stays, to read its last words.
    """

    def __init__(self, folder: Path, *args: str, env: str = "TERM=dumb", after: str = "") -> None:
        run = f"env {env} {imr_command(*args)}"
        script = f"trap : INT; read go; {run}; echo exit=$?; {after}sleep 600"
        super().__init__(Terminal("sh -c " + shlex.quote(script), folder))
        self.raw = folder / RAW
        self.term._tmux(
            "pipe-pane", "-o", "-t", self.term.name, f"cat >> {shlex.quote(str(self.raw))}"
        )
        self.term.send("Enter")  # imr starts now

    def imr_pid(self) -> int:
        """The pid of imr (the shell's child)."""
        shell = self.term.pane_pid()

        def child() -> int | None:
            text = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
            return int(text[0]) if text else None

        pid = until(child, 10.0)
        assert pid is not None, "imr did not start"
        return pid

    def bytes_out(self) -> bytes:
        """Every byte the window's programs have written so far."""
        return self.raw.read_bytes() if self.raw.exists() else b""

    def quiet_for(self, seconds: float) -> None:
        """A slow typist's pause: for ``seconds`` nothing at all may change on the screen
        (no timer may end an answer or act on a key half-way)."""
        before = self.term.screen()
        changed = until(lambda: True if self.term.screen() != before else None, seconds, 0.1)
        assert changed is None, f"the screen changed during a pause:\n{self.term.screen()}"

    def stop(self) -> str:
        """Ctrl-C: saved and stopped (exit 130), no traceback; returns what was shown."""
        self.term.send("C-c")
        self.expect("Saved. ")
        self.expect("exit=130")
        shown = self.term.history()
        assert "Traceback" not in shown
        return shown

    def close(self) -> None:
        self.term.close()


def review_at(folder: Path, catalogue: Catalogue, step_id: str, **answers: str) -> Path:
    """A review that resumes at ``step_id``, with ``answers`` already given."""
    path = folder / "r.toml"
    create(path, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    for step in steps(catalogue, session.review):
        if step.id in answers:
            session.set_text(step, answers[step.id])
    session.set_resume(step_id)
    assert session.save()
    return path


LONG_LINE = (
    "District nurses visited weekly to dress a leg wound, and each visit was recorded "
    "in the electronic patient record with the wound's size and the plan."
)
"""Longer than the window is wide: the terminal wraps it, the program never does."""


# ---------------------------------------------------------------- not one escape code


def test_a_dumb_terminal_gets_not_one_escape_byte(tmp_path: Path, catalogue: Catalogue) -> None:
    path = review_at(tmp_path, catalogue, "review_reference", summary="Seen by nurses.")
    p = Lines(tmp_path, "plain", "r.toml")
    try:
        p.expect("Name or reference of the review")
        p.expect("Your answer:")
        p.answer("SAR Adult Z")
        p.expect("Start of the review period")
        p.answer("01/01/2024")
        p.expect("End of the review period")
        p.answer("31/12/2024")
        p.expect("Terms of Reference headings")
        p.answer("?skip")  # a command, at whatever the headings ask first
        p.expect("Summary of involvement")
        p.choose("Replace it")  # a menu: the summary was answered
        p.expect("(end with a full stop on its own line)")
        p.long(f"{LONG_LINE}\n\nThe GP referred her to the falls clinic.")
        p.expect("Sources of information")
        p.long("Electronic patient record")
        p.expect("Chronology of agency involvement")
        p.stop()
        raw = p.bytes_out()
    finally:
        p.close()
    assert b"\x1b" not in raw, raw[max(0, raw.find(b"\x1b") - 80) : raw.find(b"\x1b") + 40]
    assert LONG_LINE.encode() in raw  # echoed as typed: not cut by cursor moves
    review = load(path, catalogue)
    assert review.answer("review_reference") == "SAR Adult Z"
    assert review.answer("summary") == f"{LONG_LINE}\n\nThe GP referred her to the falls clinic."
    assert review.answer("sources") == "Electronic patient record"
    assert review.resume == "chronology"


# ---------------------------------------------------------------- no timing between keys


@pytest.mark.parametrize("end", ["full stop", "escape"])
def test_a_long_answer_ends_the_same_after_a_long_pause(
    tmp_path: Path, catalogue: Catalogue, end: str
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    p = Lines(tmp_path, "plain", "r.toml")
    try:
        p.expect("Summary of involvement")
        p.expect("(end with a full stop on its own line)")
        p.answer("line one")
        p.expect("line one")
        p.quiet_for(2.5)
        if end == "full stop":
            p.term.type(".")
            p.expect(".")
        else:
            p.term.send("Escape")
        p.quiet_for(2.0)
        p.term.send("Enter")
        p.expect("Sources of information")
        p.stop()
        raw = p.bytes_out()
    finally:
        p.close()
    assert load(path, catalogue).answer("summary") == "line one"  # no blank lines added
    assert b"\x1b" not in raw


# ---------------------------------------------------------------- nothing lost


def test_ctrl_c_inside_a_chronology_entry_keeps_it_as_a_draft_offered_with_its_date(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_at(tmp_path, catalogue, "chronology")
    p = Lines(tmp_path, "plain", "r.toml")
    try:
        p.expect("Chronology of agency involvement")
        p.expect("Date")
        p.answer("11/03/2025")
        p.expect("Time (14:30, optional):")
        p.answer("9:05")
        for label in ("End date", "End time", "Reference"):
            p.expect(label)
            p.answer("")
        p.expect("Source of information:")
        p.answer("Patient records")
        p.expect("Practitioner (name and role):")
        p.term.type("Amy Ha")
        p.expect("Amy Ha")
        shown = p.stop()
    finally:
        p.close()
    last = shown[shown.rfind("Saved. ") :]
    assert "The chronology entry you were adding was kept unfinished" in " ".join(last.split())
    assert "Run 'imr plain " in last and "to carry on at: Chronology" in last
    [draft] = load(path, catalogue).drafts
    assert draft.kind == "entry"
    assert draft.fields["date"] == "11/03/2025" and draft.fields["source"] == "Patient records"
    assert draft.fields["practitioner"] == "Amy Ha"
    assert not lock_path(path).exists()

    p = Lines(tmp_path, "plain", "r.toml")
    try:
        p.expect("1 unfinished chronology entry was kept from last time")
        p.expect("An unfinished chronology entry of 11/03/2025 was kept: finish it, or remove it?")
        p.choose("Finish it")
        p.expect("Practitioner")
        p.answer("")  # Enter keeps what was typed
        p.expect("Type of contact:")
        p.answer("Home visit")
        for column in ("Event", "Action taken", "Outcome"):
            p.expect(column)
            p.long("")
        p.expect("11/03/2025")
        p.stop()
    finally:
        p.close()
    review = load(path, catalogue)
    assert review.drafts == []
    [entry] = review.chronology
    assert (entry.source, entry.time) == ("Patient records", "09:05")
    assert entry.cells["practitioner"] == "Amy Ha"
    assert entry.cells["contact_type"] == "Home visit"


def test_a_hang_up_inside_a_recommendation_keeps_a_draft(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_at(tmp_path, catalogue, "recommendations")
    p = Lines(tmp_path, "plain", "r.toml")
    try:
        p.expect("Recommendations for action")
        p.expect("Recommendation:")
        p.long("Share district nursing notes with the GP practice.")
        p.expect("Action(s):")
        imr = p.imr_pid()
        p.term.type("Weekly hud")
        p.expect("Weekly hud")
        p.term.hang_up()
        wait_gone(imr, 5.0)
    finally:
        p.close()
    review = load(path, catalogue)
    assert review.recommendations == []
    [draft] = review.drafts
    assert draft.kind == "recommendation"
    assert draft.fields["recommendation"] == "Share district nursing notes with the GP practice."
    assert draft.fields["actions"] == "Weekly hud"
    assert not lock_path(path).exists()


def test_sigterm_while_reading_a_key_saves_and_gives_the_terminal_back(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_at(tmp_path, catalogue, "agency")
    p = Lines(tmp_path, "plain", "r.toml", after="stty -a; ")
    try:
        p.expect("Name of agency")
        p.term.type("Acme Tru")
        p.expect("Acme Tru")
        imr = p.imr_pid()
        os.kill(imr, signal.SIGTERM)  # in raw mode: the line asker is waiting for a key
        wait_gone(imr, 5.0)
        p.expect("exit=143")
        settings = p.expect("speed").split()
    finally:
        p.close()
    assert "icanon" in settings and "echo" in settings and "isig" in settings, settings
    assert load(path, catalogue).answer("agency") == "Acme Tru"
    assert not lock_path(path).exists()


def test_a_sigint_outside_a_key_stops_as_ctrl_c_does(tmp_path: Path, catalogue: Catalogue) -> None:
    """SIGINT from outside (as Ctrl-C does while the program is busy, not reading a key)."""
    path = review_at(tmp_path, catalogue, "agency")
    p = Lines(tmp_path, "plain", "r.toml")
    try:
        p.expect("Name of agency")
        p.term.type("Acme")
        p.expect("Acme")
        os.kill(p.imr_pid(), signal.SIGINT)
        p.expect("Saved. ")
        p.expect("to carry on at: Name of agency.")
        p.expect("exit=130")
        assert "Traceback" not in p.term.history()
    finally:
        p.close()
    assert load(path, catalogue).answer("agency") == "Acme"  # what was typed is kept


def test_ctrl_c_during_a_save_takes_effect_when_the_save_is_done() -> None:
    gate = SaveGate()
    previous = _on_interrupt(gate)
    try:
        done = []
        with pytest.raises(KeyboardInterrupt), gate.saving():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("the save went on to its end")
        assert done == ["the save went on to its end"]
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)  # outside a save: at once
    finally:
        signal.signal(signal.SIGINT, previous)


# ---------------------------------------------------------------- --editor


def _editor(folder: Path) -> Path:
    """A stand-in editor that writes one line into the file it is given, and notes the
    terminal's settings as it found them (in ``stty.txt`` beside it)."""
    script = folder / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f"stty -a > {shlex.quote(str(folder / 'stty.txt'))}\n"
        "printf 'Written in my editor.\\n' > \"$1\"\n"
    )
    script.chmod(0o700)
    return script


def test_with_editor_a_long_answer_is_written_in_the_editor(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    editor = _editor(tmp_path)
    p = Lines(tmp_path, "plain", "--editor", "r.toml", env=f"TERM=dumb EDITOR={editor}")
    try:
        p.expect("Sources of information")  # the summary went by in the editor
        p.stop()
    finally:
        p.close()
    assert load(path, catalogue).answer("summary") == "Written in my editor."
    found = (tmp_path / "stty.txt").read_text().split()  # the terminal as the shell left it
    assert {"icanon", "echo", "isig"} <= set(found), found


def test_with_editor_over_ssh_says_once_that_it_cannot_and_carries_on(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    editor = _editor(tmp_path)
    env = f"TERM=dumb EDITOR={editor} SSH_CONNECTION='192.0.2.1 5000 192.0.2.2 22'"
    p = Lines(tmp_path, "--editor", "r.toml", env=env)  # --editor on open means plain mode
    try:
        p.expect("An editor cannot be used over SSH; type your answers here.")
        p.expect("(end with a full stop on its own line)")
        p.long("Typed here.")
        p.expect("Sources of information")
        shown = p.stop()
    finally:
        p.close()
    assert shown.count("An editor cannot be used over SSH") == 1
    assert load(path, catalogue).answer("summary") == "Typed here."


# ---------------------------------------------------------------- which asker


@pytest.mark.parametrize(
    ("environ", "accessible", "lines"),
    [
        ({"TERM": "dumb"}, False, True),
        ({}, False, True),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, False, True),
        ({"TERM": "xterm-256color", "NO_COLOR": ""}, False, False),
        ({"TERM": "xterm-256color", "IMR_ACCESSIBLE": "1"}, False, True),
        ({"TERM": "xterm-256color"}, True, True),
        ({"TERM": "xterm-256color"}, False, False),
    ],
)
def test_which_terminals_get_the_line_asker(
    environ: dict[str, str], accessible: bool, lines: bool
) -> None:
    assert wants_lines(environ, accessible) is lines


PROBE = (
    "import sys\n"
    "from imr_tui.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "front = ('questionary', 'prompt_toolkit')\n"
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] in front)\n"
    "print('loaded:', loaded[:2])\n"
    "raise SystemExit(code)\n"
)


@pytest.mark.parametrize(
    ("env", "args", "loaded"),
    [
        ("TERM=dumb", ["plain", "r.toml"], False),
        ("TERM=xterm-256color NO_COLOR=1", ["plain", "r.toml"], False),
        ("TERM=xterm-256color", ["--accessible", "r.toml"], False),
        ("TERM=xterm-256color", ["plain", "r.toml"], True),  # the questionary asker
    ],
    ids=["dumb", "no-color", "accessible", "capable"],
)
def test_the_line_asker_never_loads_questionary(
    tmp_path: Path, catalogue: Catalogue, env: str, args: list[str], loaded: bool
) -> None:
    review_at(tmp_path, catalogue, "agency")
    run = " ".join(shlex.quote(a) for a in (sys.executable, "-c", PROBE, *args))
    script = f"trap : INT; env {env} {run}; echo exit=$?; sleep 600"
    p = LinePrompts(Terminal("sh -c " + shlex.quote(script), tmp_path))
    try:
        p.expect("Name of agency")
        p.term.type("Acme")
        p.expect("Acme")
        p.term.send("C-c")
        shown = p.expect("loaded: ")
        p.expect("exit=130")
    finally:
        p.term.close()
    said = shown.splitlines()[0]
    assert (said != "loaded: []") is loaded, said


def test_a_hang_up_inside_a_new_adult_keeps_the_name_and_the_whole_date_typed(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_at(tmp_path, catalogue, "adults")
    p = Lines(tmp_path, "plain", "r.toml")
    try:
        p.expect("Full name:")
        p.answer("Ben Example")
        p.expect("Date of birth")
        imr = p.imr_pid()
        p.term.type("05/06/1980")  # no Enter: the line drops while it is being typed
        p.expect("05/06/1980")
        p.term.hang_up()
        wait_gone(imr, 5.0)
    finally:
        p.close()
    adults = load(path, catalogue).adults
    assert [(a.name, str(a.date_of_birth)) for a in adults] == [("Ben Example", "1980-06-05")]
