"""Opening a review, the one way for every front end: create, lock, read-only, recovery.

:func:`open_review` decides the outcome; each outcome carries the question or line
every view shows, so the Textual app and plain mode ask the same things in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.journal import Recovered
from imr_tui.core.lock import LockHeld, LockUnavailable
from imr_tui.core.session import Session, open_session, view_session
from imr_tui.core.workspace import shown_name


def put_back_sentence(count: int) -> str:
    """``2 changes not saved when the last session ended were put back.``"""
    changes, were = ("changes", "were") if count != 1 else ("change", "was")
    return f"{count} {changes} not saved when the last session ended {were} put back."


@dataclass
class Opened:
    """The review is locked and loaded for this session to change."""

    session: Session
    """The open review."""
    recovered: Recovered | None = None
    """What a session that ended abruptly had not saved (None if nothing)."""

    @property
    def recovery_question(self) -> str:
        """The question to ask before putting the recovered changes back (empty if none)."""
        if self.recovered is None:
            return ""
        return (
            f"Changes to {shown_name(self.session.path.name)} were not saved when its last "
            "session ended (the connection dropped, or the program was stopped): "
            f"{self.recovered.describe()}. Put them back?"
        )

    def put_back(self, yes: bool) -> str:
        """Replay the recovered changes (``yes``) or discard them; from then on the session
        journals its own changes. Returns the sentence to show (empty if nothing came
        back). The caller saves."""
        recovered = self.recovered if yes else None
        self.session.recover(recovered)
        self.recovered = None
        if recovered is None:
            return ""
        count = sum(1 for key in recovered.changes if key != "resume")
        return put_back_sentence(count) if count else ""


@dataclass(frozen=True)
class Missing:
    """No file there yet: ask before starting a new review."""

    path: Path
    """Where the review would be made."""

    @property
    def question(self) -> str:
        """``r.toml does not exist yet. Start a new review there?``"""
        return f"{shown_name(self.path.name)} does not exist yet. Start a new review there?"


@dataclass(frozen=True)
class Held:
    """Another live session has the review open: offer to look at it read-only."""

    path: Path
    """The review."""
    held: LockHeld
    """Who holds it."""

    @property
    def question(self) -> str:
        """Who has it, and the offer to open it read-only."""
        return (
            f"{shown_name(self.path.name)} is open in another session: "
            f"{self.held.info.describe()}. Only one session can change it at a time. "
            "Open it read-only to look at it?"
        )

    @property
    def note(self) -> str:
        """The line shown all through the read-only view."""
        return f"Read-only: open in another session ({self.held.info.describe()})."


@dataclass(frozen=True)
class Unavailable:
    """The review cannot be locked here (a read-only folder, a full disk): view it only."""

    path: Path
    """The review."""
    reason: str
    """Why the lock could not be made."""

    @property
    def note(self) -> str:
        """The line shown all through the read-only view."""
        return f"Read-only: {self.reason}."


@dataclass(frozen=True)
class Broken:
    """The review cannot be opened at all."""

    message: str
    """One line saying why."""


Outcome = Opened | Missing | Held | Unavailable | Broken


def open_review(path: Path, catalogue: Catalogue, *, create: bool = False) -> Outcome:
    """Lock the review, then load it (so nothing changes it in between).

    A file that does not exist is :class:`Missing` unless ``create`` (the author
    agreed): then a new review is made there first.
    """
    from imr_tui.core.store import create as create_file

    try:
        if not path.exists():
            if not create:
                return Missing(path)
            create_file(path, catalogue)
        session, recovered = open_session(path, catalogue)
    except LockHeld as held:
        return Held(path, held)
    except LockUnavailable as e:
        return Unavailable(path, str(e))
    except UserError as e:
        return Broken(str(e))
    return Opened(session, recovered)


def view_review(path: Path, catalogue: Catalogue) -> Session | Broken:
    """The review loaded to look at, never changed (no lock, no journal, no saves)."""
    try:
        return view_session(path, catalogue)
    except UserError as e:
        return Broken(str(e))
