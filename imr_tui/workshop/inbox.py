"""Comments from the trainer to a review that may be open in a trainee's session.

A review nobody has open gets the comment at once, through the review's lock and a
:class:`~imr_tui.core.session.Session` (so a trainee opening it at that moment gets
the normal lock message). A review that is open (or that has a recovery journal
waiting, whose replay must not lose the comment) gets it queued in
``.NAME.toml.inbox/ID.toml`` beside it (``0600``); the trainee's open app adds the
queued comments with :func:`take_queued`.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Literal

import tomli_w
from pydantic import ValidationError

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment
from imr_tui.core.comment_places import PlaceError, find_place
from imr_tui.core.errors import UserError
from imr_tui.core.journal import journal_path
from imr_tui.core.lock import LockHeld
from imr_tui.core.session import Session, open_session
from imr_tui.core.store import load
from imr_tui.workshop.files import private_folder, read_toml, write_private

_HEADER = "# imr-tui: a comment from the trainer, waiting for the open review to take it.\n\n"


def inbox_folder(review: Path) -> Path:
    """``.NAME.toml.inbox`` beside the review."""
    return review.with_name(f".{review.name}.inbox")


def post_comment(
    review: Path, catalogue: Catalogue, *, on: str, text: str, by: str, field: str = ""
) -> Literal["added", "queued"]:
    """Comment on the place ``on`` (as :func:`find_place` reads it) of ``review``.

    ``"added"`` when the review was not open (saved into it now), ``"queued"`` when it
    is open (the trainee's app adds it). A place that names nothing raises a
    :class:`UserError` of one line.
    """
    current = load(review, catalogue)
    try:
        place = find_place(on, current, catalogue)
    except PlaceError as e:
        raise UserError(f"{review}: {e}") from None
    comment = Comment(on=place.on, field=field or place.field, by=by, text=text)
    if journal_path(review).exists():
        return _queue(review, comment)
    try:
        session, recovered = open_session(review, catalogue, journal=False)
    except LockHeld:
        return _queue(review, comment)
    try:
        if recovered is not None:  # a journal appeared in between: leave it to the trainee
            return _queue(review, comment)
        session.add_comment(comment)
        if not session.save():
            raise UserError(session.error)
    finally:
        session.close()
        if session.lock is not None:
            session.lock.release()
    return "added"


def _queue(review: Path, comment: Comment) -> Literal["queued"]:
    folder = private_folder(inbox_folder(review))
    data = comment.model_dump(mode="python", exclude_none=True)
    text = _HEADER + tomli_w.dumps(data)
    write_private(folder / f"{comment.id}.toml", text.encode("utf-8"))
    return "queued"


def _queued_files(review: Path) -> list[tuple[Comment, Path]]:
    try:
        entries = [e for e in os.scandir(inbox_folder(review)) if e.name.endswith(".toml")]
    except OSError:
        return []
    found: list[tuple[Comment, Path]] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue  # a file being written
        path = Path(entry.path)
        try:
            data = read_toml(path)
            if data is not None:
                found.append((Comment.model_validate(data), path))
        except (UserError, ValidationError):
            continue  # not one of ours: left where it is
    found.sort(key=lambda item: (item[0].at, item[1].name))
    return found


def queued(review: Path) -> list[Comment]:
    """The comments waiting in the review's inbox, oldest first."""
    return [comment for comment, _ in _queued_files(review)]


def take_queued(session: Session) -> int:
    """Add the queued comments to the open ``session`` (keeping their id, author and
    time), save, then remove them from the inbox; how many were added. Cheap when
    the inbox is empty (one ``scandir``)."""
    if session.read_only or session.lock is None:
        return 0  # a view cannot keep them: they wait for the trainee's own session
    waiting = _queued_files(session.path)
    if not waiting:
        return 0
    have = {c.id for c in session.review.comments}
    added = 0
    for comment, _ in waiting:
        if comment.id not in have:
            session.add_comment(comment)
            added += 1
    if added and not session.save():
        return 0  # kept in the inbox: taken on a later call
    for _, path in waiting:
        with contextlib.suppress(OSError):
            path.unlink()
    with contextlib.suppress(OSError):
        inbox_folder(session.path).rmdir()
    return added
