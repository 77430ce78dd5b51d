"""Start plain mode: choose the asker and the review, lock it then load it (putting back
what a session that ended abruptly had not saved), and stop cleanly on Ctrl-C, hang-up or a
crash, saying exactly what was kept."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.controller import (
    Broken,
    Held,
    Missing,
    Opened,
    list_workspace,
    new_review_path,
    open_review,
    view_review,
)
from imr_tui.core.controller.drafts import drafts_line
from imr_tui.core.errors import UserError
from imr_tui.core.session import Session
from imr_tui.core.store import create
from imr_tui.plain.asks import Asks, external_editor
from imr_tui.plain.base import SaveGate, drafts_kept
from imr_tui.plain.interview import PlainInterview

HANG_UP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def run_plain(
    catalogue: Catalogue,
    file: Path | None,
    workspace: Path | None,
    *,
    glossary: Glossary,
    training: bool = False,
    accessible: bool = False,
    editor: bool = False,
) -> int:
    """Run the plain interview on ``file`` (or let the author choose one in ``workspace``).

    The asker is chosen by :func:`choose_asker`; ``editor`` (``--editor``) is dropped,
    with one line saying why, where no editor can be used.
    """
    ask = choose_asker(os.environ, accessible)
    try:
        if editor and (note := editor_note(os.environ)):
            ask.say(note)
            editor = False
        if file is None:
            file = choose_review(ask, catalogue, workspace or Path.cwd())
            if file is None:
                return 0
        return interview(ask, catalogue, file, glossary, training, editor=editor)
    except (KeyboardInterrupt, EOFError):
        print("\nStopped; nothing was changed.", flush=True)
        return 130


def wants_lines(environ: Mapping[str, str], accessible: bool = False) -> bool:
    """Whether plain mode asks line by line (the line asker): ``--accessible``, a terminal
    that is ``dumb`` or unnamed, ``NO_COLOR`` set, or ``IMR_ACCESSIBLE=1``."""
    return (
        accessible
        or environ.get("TERM", "") in ("dumb", "")
        or bool(environ.get("NO_COLOR", ""))
        or environ.get("IMR_ACCESSIBLE", "") == "1"
    )


def choose_asker(environ: Mapping[str, str], accessible: bool = False) -> Asks:
    """The line asker where :func:`wants_lines`, else questionary's (only then imported)."""
    if wants_lines(environ, accessible):
        from imr_tui.plain.keys import TtyKeys
        from imr_tui.plain.lines import LineAsker

        return LineAsker(TtyKeys(sys.stdin.fileno()), sys.stdout)
    from imr_tui.plain.ask import Asker

    return Asker()


def editor_note(environ: Mapping[str, str]) -> str:
    """Why ``--editor`` cannot be honoured here (one line), or empty if it can."""
    if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"):
        return "An editor cannot be used over SSH; type your answers here."
    if external_editor() is None:
        return "No editor is set up (VISUAL or EDITOR); type your answers here."
    return ""


def choose_review(ask: Asks, catalogue: Catalogue, workspace: Path) -> Path | None:
    """List the workspace's reviews; the author picks one or names a new one.

    Entries that cannot be opened (a file that may not be read, a link, a folder, a
    pipe) are listed after the reviews, one line each saying why, and never opened.
    """
    ask.say(catalogue.title)
    listing = list_workspace(workspace, catalogue)
    if listing.problem:
        raise UserError(listing.problem)
    paths = [row.path for row in listing.rows]
    if paths:
        ask.say("Your reviews:")
    for n, row in enumerate(listing.rows, 1):
        ask.say(f"{n}. {row.line()}")
    if listing.unusable:
        ask.say("These cannot be opened:")
    for line in listing.unusable:
        ask.say(line, indent="  ")

    def check(text: str) -> str:
        t = text.strip().lower()
        if t in ("", "n", "q") or (t.isdigit() and 1 <= int(t) <= len(paths)):
            return ""
        return f"Type a number from 1 to {len(paths)}, n or q" if paths else "Type n or q"

    while True:
        what = "Type the number of a review to open it, " if paths else ""
        pick = ask.text(f"{what}n for a new review, or q to quit:", check=check).strip().lower()
        if pick == "q":
            return None
        if pick.isdigit() and 1 <= int(pick) <= len(paths):
            return paths[int(pick) - 1]
        if pick == "n":
            name = ask.text("Name of the new review (a file in this folder):")
            if not name.strip():
                continue
            path, problem = new_review_path(workspace, name)
            if path is None:
                ask.say(problem)
                continue
            create(path, catalogue)
            return path


def interview(
    ask: Asks,
    catalogue: Catalogue,
    file: Path,
    glossary: Glossary,
    training: bool = False,
    *,
    editor: bool = False,
) -> int:
    """Lock the review, then load it, put back what a session that ended abruptly had not
    saved, run the interview, and save on every way out, saying what was kept.

    A review another session has open is offered read-only, in the app's words; one that
    cannot be locked here is shown read-only with the reason. An asker that can hold the
    terminal (the line asker) holds it from the first question to the last, so that keys
    typed while the program is busy wait for the next question instead of being echoed
    by the terminal in the middle of what is printed.
    """
    tty = _terminal_settings()
    holding = getattr(ask, "holding", None)
    with holding() if holding is not None else contextlib.nullcontext():
        return _interview(ask, catalogue, file, glossary, training, editor=editor, tty=tty)


def _terminal_settings() -> list[Any]:
    """The terminal's settings as the author's shell left them (none if not a terminal)."""
    with contextlib.suppress(Exception):
        import termios

        return [termios.tcgetattr(sys.stdin.fileno())]
    return []


def _interview(
    ask: Asks,
    catalogue: Catalogue,
    file: Path,
    glossary: Glossary,
    training: bool,
    *,
    editor: bool,
    tty: list[Any],
) -> int:
    """:func:`interview`, the terminal held."""
    outcome = open_review(file, catalogue)
    if isinstance(outcome, Missing):
        if not ask.confirm(outcome.question, True):
            ask.say("Nothing was created.")
            return 0
        outcome = open_review(file, catalogue, create=True)
    if isinstance(outcome, Broken):
        raise UserError(outcome.message)
    if isinstance(outcome, Held):
        if not ask.confirm(outcome.question, default=True):
            return outcome.held.exit_code
        return read_only(ask, file, catalogue, glossary, outcome.note)
    if not isinstance(outcome, Opened):
        assert not isinstance(outcome, Missing)
        return read_only(ask, file, catalogue, glossary, outcome.note)
    session = outcome.session
    try:
        talk = PlainInterview(session, ask, glossary, training, editor=editor)
        previous = _on_hang_up(session, ask, talk.gate, tty, talk.holding)
        previous[signal.SIGINT] = _on_interrupt(talk.gate)
        try:
            if outcome.recovered is not None:
                said = outcome.put_back(True)
                if said:
                    ask.say(said)
                talk.save()
            if kept := drafts_line(session.review):
                ask.say(kept)
            talk.run()
        except (KeyboardInterrupt, EOFError):
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut the save
            with talk.gate.saving():
                saved = session.save()
            print(flush=True)
            if saved:
                print(stopped_line(talk), flush=True)
            else:
                print(f"imr: {session.error}; {KEPT}", file=sys.stderr, flush=True)
            return 130
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if not talk.save():
            print(f"imr: {session.error}; {KEPT}", file=sys.stderr, flush=True)
            return 1
        print(stopped_line(talk), flush=True)
        return 0
    finally:
        session.close()  # the journal stays on disk only if something is not saved
        if session.lock is not None:
            session.lock.release()


def stopped_line(talk: PlainInterview) -> str:
    """The last words of a session whose review was saved: what was kept unfinished (the
    interview's ``stopped_note``, if any) and where the next session carries on."""
    where = talk.resume_title()
    waiting = drafts_kept(talk.session.review, talk.stopped_draft)
    run = f"Run 'imr plain {talk.session.path}'".replace(" ", KEEP_TOGETHER)
    parts = ("Saved.", talk.stopped_note, waiting, run)
    end = "" if where.endswith(("?", "!", ".")) else "."
    return wrapped(" ".join(p for p in parts if p) + f" to carry on at: {where}{end}")


KEEP_TOGETHER = "\x00"
"""Stands for a space the exit line is never broken at (inside the command to type)."""


def wrapped(text: str) -> str:
    """``text`` wrapped at spaces only (a path or a long word never cut; nor the command
    to type, its spaces given as :data:`KEEP_TOGETHER`) to one less than the terminal's
    width, as everything else plain mode says is."""
    width = max(shutil.get_terminal_size().columns - 1, 20)
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines).replace(KEEP_TOGETHER, " ")


def read_only(ask: Asks, file: Path, catalogue: Catalogue, glossary: Glossary, note: str) -> int:
    """Show the review's answers without changing anything (no lock, no journal, no saves)."""
    from imr_tui.report.markdown import to_markdown

    session = view_review(file, catalogue)
    if isinstance(session, Broken):
        raise UserError(session.message)
    ask.say(note)
    ask.show(to_markdown(session.review, catalogue, glossary))
    return 0


KEPT = "your changes are kept beside it and put back the next time it is opened"


Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def _on_interrupt(gate: SaveGate) -> Handler:
    """Ctrl-C outside a question (during a save, the checks, an export) stops as Ctrl-C in
    a question does; one that arrives during a save takes effect when the save is done."""

    def interrupt() -> None:
        raise KeyboardInterrupt

    def handler(signum: int, frame: FrameType | None) -> None:
        if not gate.busy:
            raise KeyboardInterrupt
        if gate.pending is None:  # a hang-up already waiting goes first: it saves and exits
            gate.pending = interrupt

    return signal.signal(signal.SIGINT, handler)


def _on_hang_up(
    session: Session,
    ask: Asks,
    gate: SaveGate,
    tty: list[Any],
    holding: Sequence[Callable[[], object]] = (),
) -> dict[int, Handler]:
    """On SIGHUP (the line dropped) or SIGTERM: save, answer being typed included (and what
    a form being filled in would keep if left now: ``holding``), and exit, giving the
    terminal back with the settings ``tty`` holds (as the shell left them)."""
    fired: list[int] = []

    def finish(signum: int) -> None:
        try:
            draft, target = ask.draft(), ask.on_draft
            if draft.strip() and target is not None:
                with contextlib.suppress(Exception):
                    target(draft)
            for put in reversed(list(holding)):
                with contextlib.suppress(Exception):
                    put()
            with contextlib.suppress(Exception):
                session.save()
            with contextlib.suppress(Exception):
                session.close()  # kept on disk if the save failed
            if session.lock is not None:
                session.lock.release()
            if tty and signum != signal.SIGHUP:  # the terminal is still there: tidy it
                import termios

                with contextlib.suppress(Exception):
                    termios.tcsetattr(sys.stdin.fileno(), termios.TCSANOW, tty[0])
        finally:
            os._exit(128 + signum)

    def handler(signum: int, frame: FrameType | None) -> None:
        if fired:
            return
        fired.append(signum)
        if gate.busy:
            gate.pending = lambda: finish(signum)  # right after the save under way
        else:
            finish(signum)

    return {sig: signal.signal(sig, handler) for sig in HANG_UP_SIGNALS}
