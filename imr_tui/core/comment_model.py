"""Comments on a review: the panel's (or a trainer's) questions and the author's replies.

A comment is attached to one place of the review (:attr:`Comment.on`, see
:mod:`imr_tui.core.comment_places`): a prompt, a Terms of Reference heading, a
chronology entry or a recommendation, and optionally one field of the record. It is
kept in the review file as a ``[[comments]]`` table, its replies as
``[[comments.replies]]``. A comment whose place was deleted is kept and shown as
detached, never dropped. Comments are never exported unless asked for
(``--with-comments``) and never in an anonymised export.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from imr_tui.core import clock
from imr_tui.core.model_base import FileModel, new_id

CommentState = Literal["open", "resolved"]
"""A comment waits for the author (``open``) or has been dealt with (``resolved``)."""


class Reply(FileModel):
    """One reply to a comment, by the author or the panel."""

    id: str = Field(default_factory=new_id)
    """Stable identifier, so a reply being typed is written in its place."""
    by: str = ""
    """Who wrote it, as they gave their name."""
    at: datetime = Field(default_factory=clock.now)
    """When it was written."""
    text: str = ""
    """What it says, exactly as typed."""


class Comment(FileModel):
    """A question or remark on one place of the review, with its replies."""

    id: str = Field(default_factory=new_id)
    """Stable identifier, so a reply or a resolution always finds its comment."""
    on: str = ""
    """The place it is about: ``prompt:summary``, ``heading:ID``, ``entry:ID`` or
    ``recommendation:ID`` (see :mod:`imr_tui.core.comment_places`)."""
    about: str = Field(default="", exclude_if=lambda v: not v)
    """What the place was, in words, when the comment was written or the record deleted
    (``27/02/2025 14:30, GP record``), so a comment whose place was deleted still says
    what it was about. Left out of the file while empty."""
    field: str = Field(default="", exclude_if=lambda v: not v)
    """The field of a chronology entry or recommendation it is about (``source``,
    ``lead``...), or empty for the whole record. Left out of the file while empty."""
    by: str = ""
    """Who wrote it, as they gave their name (``Panel chair``)."""
    at: datetime = Field(default_factory=clock.now)
    """When it was written."""
    text: str = ""
    """What it says, exactly as written."""
    state: CommentState = "open"
    """``open`` until someone resolves it."""
    resolved_by: str = Field(default="", exclude_if=lambda v: not v)
    """Who resolved it. Left out of the file while open."""
    resolved_at: datetime | None = None
    """When it was resolved; none while open."""
    replies: list[Reply] = []
    """Replies, oldest first."""

    @property
    def is_open(self) -> bool:
        """Whether it still waits for the author."""
        return self.state == "open"
