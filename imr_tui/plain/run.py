"""Start plain mode: choose the review, lock it then load it (putting back what a session
that ended abruptly had not saved), and stop cleanly on Ctrl-C, hang-up or a crash."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.journal import Recovered
from imr_tui.core.lock import LockHeld, LockUnavailable
from imr_tui.core.session import Session, open_session
from imr_tui.core.steps import overall
from imr_tui.core.store import create, load
from imr_tui.core.workspace import list_reviews, listed, load_listed, review_in
from imr_tui.plain.ask import Asker
from imr_tui.plain.base import SaveGate
from imr_tui.plain.interview import PlainInterview

HANG_UP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def run_plain(
    catalogue: Catalogue,
    file: Path | None,
    workspace: Path | None,
    *,
    glossary: Glossary,
    training: bool = False,
) -> int:
    """Run the plain interview on ``file`` (or let the author choose one in ``workspace``)."""
    ask = Asker()
    try:
        if file is None:
            file = choose_review(ask, catalogue, workspace or Path.cwd())
            if file is None:
                return 0
        return interview(ask, catalogue, file, glossary, training)
    except (KeyboardInterrupt, EOFError):
        print("\nStopped; nothing was changed.", flush=True)
        return 130


def choose_review(ask: Asker, catalogue: Catalogue, workspace: Path) -> Path | None:
    """List the workspace's reviews; the author picks one or names a new one.

    Entries that cannot be opened (a file that may not be read, a link, a folder, a
    pipe) are listed after the reviews, one line each saying why, and never opened.
    """
    ask.say(catalogue.title)
    paths: list[Path] = []
    unusable: list[str] = []
    lines: list[str] = []
    for entry in list_reviews(workspace):
        review, entry = load_listed(entry, catalogue)
        if review is None:
            unusable.append(entry.line())
            continue
        paths.append(entry.path)
        done, total = overall(catalogue, review)
        agency = review.answer("agency")
        lines.append(
            f"{len(paths)}. {entry.name}{', ' + agency if agency else ''} "
            f"({done} of {total} answered)"
        )
    if lines:
        ask.say("Your reviews:")
    for line in lines:
        ask.say(line)
    if unusable:
        ask.say("These cannot be opened:")
    for line in unusable:
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
            try:
                path = review_in(workspace, name)
            except UserError as e:
                ask.say(str(e))
                continue
            if path.exists():
                review, entry = load_listed(listed(path), catalogue)
                if review is None:
                    ask.say(entry.line())
                    continue
                ask.say(f"{path.name} already exists; opening it.")
                return path
            create(path, catalogue)
            return path


def interview(
    ask: Asker, catalogue: Catalogue, file: Path, glossary: Glossary, training: bool = False
) -> int:
    """Lock the review, then load it, put back what a session that ended abruptly had not
    saved, run the interview, and save on every way out."""
    if not file.exists():
        if not ask.confirm(f"{file.name} does not exist yet. Start a new review there?", True):
            return 0
        create(file, catalogue)
    try:
        session, recovered = open_session(file, catalogue)
    except (LockHeld, LockUnavailable) as e:
        print(f"imr: {e}", file=sys.stderr, flush=True)
        if ask.confirm("Show its answers read-only?", default=True):
            from imr_tui.report.markdown import to_markdown

            print(to_markdown(load(file, catalogue), catalogue, glossary), flush=True)
            return 0
        return e.exit_code
    try:
        talk = PlainInterview(session, ask, glossary, training)
        previous = _on_hang_up(session, ask, talk.gate)
        try:
            if recovered is not None:
                _put_back(talk, recovered)
            talk.run()
        except (KeyboardInterrupt, EOFError):
            with talk.gate.saving():
                saved = session.save()
            where = talk.step.title if talk.step else "the start"
            print(flush=True)
            if saved:
                print(f"Saved. Run 'imr plain {session.path}' to carry on at: {where}", flush=True)
            else:
                print(f"imr: {session.error}; {KEPT}", file=sys.stderr, flush=True)
            return 130
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if not talk.save():
            print(f"imr: {session.error}; {KEPT}", file=sys.stderr, flush=True)
            return 1
        where = talk.step.title if talk.step else "the start"
        print(f"Saved. Run 'imr plain {session.path}' to carry on at: {where}", flush=True)
        return 0
    finally:
        session.close()  # the journal stays on disk only if something is not saved
        if session.lock is not None:
            session.lock.release()


KEPT = "your changes are kept beside it and put back the next time it is opened"


def _put_back(talk: PlainInterview, recovered: Recovered) -> None:
    """Replay a journal left by a session that ended abruptly, say so, and save."""
    talk.session.recover(recovered)
    count = sum(1 for key in recovered.changes if key != "resume")
    if count:
        changes, were = ("changes", "were") if count != 1 else ("change", "was")
        talk.ask.say(f"{count} {changes} not saved when the last session ended {were} put back.")
    talk.save()


Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def _on_hang_up(session: Session, ask: Asker, gate: SaveGate) -> dict[int, Handler]:
    """On SIGHUP (the line dropped) or SIGTERM: save, answer being typed included, and exit."""
    tty: list[Any] = []
    with contextlib.suppress(Exception):
        import termios

        tty.append(termios.tcgetattr(sys.stdin.fileno()))
    fired: list[int] = []

    def finish(signum: int) -> None:
        try:
            draft, target = ask.draft(), ask.on_draft
            if draft.strip() and target is not None:
                with contextlib.suppress(Exception):
                    target(draft)
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
