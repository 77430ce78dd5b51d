"""A session's comments: adding them, replying as the reply is typed, resolving them.

Every change is journalled under the key ``comments`` (the whole list: a review holds
tens of comments, not thousands), so a reply being typed is kept like an answer: a
hang-up or a killed process loses at most a fifth of a second of it. A reply is
written into its comment as it is typed (:meth:`CommentsMixin.set_reply`), not when
it is finished, for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imr_tui.core import clock
from imr_tui.core.comment_model import Comment, Reply
from imr_tui.core.comment_places import about, place_of
from imr_tui.core.model import Review, new_id

COMMENTS_KEY = "comments"
"""The journal's key for the list of comments."""

AUTHOR = "the author"
"""Who a reply is by when the review names no author."""


def author_of(review: Review) -> str:
    """The name a reply from the interview is signed with: the author's name as given in
    the details, else "the author"."""
    return " ".join(review.answer("author_name").split()) or AUTHOR


class CommentsMixin:
    """The comment methods of :class:`~imr_tui.core.session.Session`."""

    if TYPE_CHECKING:
        review: Review

        def changed(self, key: str = "", value: Any = None) -> None:
            """Provided by the session."""

    def comment(self, comment_id: str) -> Comment | None:
        """The comment with this id, or None."""
        return next((c for c in self.review.comments if c.id == comment_id), None)

    def open_comments(self) -> list[Comment]:
        """The comments still open, oldest first."""
        return [c for c in self.review.comments if c.is_open]

    def add_comment(self, comment: Comment) -> Comment:
        """Keep a new comment (after the others); returns it."""
        from imr_tui.core.session import clean

        was = comment.about or about(place_of(comment), self.review)
        update = {"text": clean(comment.text), "by": clean(comment.by), "about": was}
        comment = comment.model_copy(update=update)
        self._set_comments([*self.review.comments, comment])
        return comment

    def remember_places(self, record_id: str) -> None:
        """Before a chronology entry or recommendation is deleted: its comments remember
        what it was (:func:`~imr_tui.core.comment_places.about`), as it is now."""
        changed = False
        comments = []
        for c in self.review.comments:
            place = place_of(c)
            was = about(place, self.review) if place.ident == record_id else ""
            if was and was != c.about:
                c = c.model_copy(update={"about": was})
                changed = True
            comments.append(c)
        if changed:
            self._set_comments(comments)

    def set_reply(self, comment_id: str, reply_id: str, text: str, by: str = "") -> str:
        """Write the reply ``reply_id`` to a comment as it is now typed (a new one is
        added at the end; ``""`` makes a new id). An empty text removes the reply. Returns
        the reply's id (``""`` when it was removed or the comment is gone)."""
        from imr_tui.core.session import clean

        comment = self.comment(comment_id)
        if comment is None:
            return ""
        text = clean(text)
        reply_id = reply_id or new_id()
        replies = list(comment.replies)
        at = next((i for i, r in enumerate(replies) if r.id == reply_id), None)
        if not text.strip():
            if at is None:
                return ""
            del replies[at]
            reply_id = ""
        elif at is None:
            replies.append(Reply(id=reply_id, by=clean(by) or author_of(self.review), text=text))
        elif replies[at].text == text:
            return reply_id
        else:
            replies[at] = replies[at].model_copy(update={"text": text})
        self._put(comment.model_copy(update={"replies": replies}))
        return reply_id

    def resolve(self, comment_id: str, by: str = "") -> None:
        """Mark a comment resolved, by ``by`` (the author when not given), now."""
        comment = self.comment(comment_id)
        if comment is None or not comment.is_open:
            return
        who = by or author_of(self.review)
        self._put(
            comment.model_copy(
                update={"state": "resolved", "resolved_by": who, "resolved_at": clock.now()}
            )
        )

    def reopen(self, comment_id: str) -> None:
        """Open a resolved comment again."""
        comment = self.comment(comment_id)
        if comment is None or comment.is_open:
            return
        self._put(
            comment.model_copy(update={"state": "open", "resolved_by": "", "resolved_at": None})
        )

    def remove_comment(self, comment_id: str) -> None:
        """Remove a comment and its replies (the panel's own, withdrawn)."""
        kept = [c for c in self.review.comments if c.id != comment_id]
        if len(kept) != len(self.review.comments):
            self._set_comments(kept)

    def _put(self, comment: Comment) -> None:
        self._set_comments([comment if c.id == comment.id else c for c in self.review.comments])

    def _set_comments(self, comments: list[Comment]) -> None:
        self.review.comments = comments
        self.changed(COMMENTS_KEY, [c.model_dump(mode="json") for c in comments])
