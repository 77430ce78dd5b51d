"""What plain mode says about comments: a step's comments, ``?comments``, the opening
line, and whether a prompt changed since the version sent.

A step's open comments are numbered as they are said ("Comment 1 of 2, from ...");
those numbers are the ones its menu asks for. ``?comments`` lists the review's open
comments unnumbered, each with its place, so that no number said there can be typed
at a prompt and pick another comment.
"""

from __future__ import annotations

from imr_tui.core.changes import SentComparison, changed_note
from imr_tui.core.comment_model import Comment
from imr_tui.core.comment_places import describe_comment, on_step
from imr_tui.core.dates import uk
from imr_tui.core.steps import Step
from imr_tui.core.visible import visible
from imr_tui.plain.base import Base

NO_OPEN = "No open comments in this review."
"""What ``?comments`` says when every comment is resolved (or there are none)."""


def plural(count: int, noun: str) -> str:
    """``1 comment``, ``2 comments``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def opening_note(open_count: int) -> str:
    """Said once at the start of plain mode when the review has open comments."""
    if not open_count:
        return ""
    if open_count == 1:
        return "This review has 1 open comment; ?comments lists it."
    return f"This review has {open_count} open comments; ?comments lists them."


def signed(name: str) -> str:
    """A name on one line, or "someone unnamed"."""
    return " ".join(name.split()) or "someone unnamed"


class CommentsSaid(Base):
    """Says comments, and a prompt's change since the version sent."""

    _sent_comparison: SentComparison | None = None

    def say_changed(self, step: Step) -> None:
        """Say :func:`~imr_tui.core.changes.changed_note` when ``step`` changed since the
        version last sent (nothing when none was sent or its copy cannot be read)."""
        if self._sent_comparison is None:
            self._sent_comparison = SentComparison()
        version, changed = self._sent_comparison.changed(
            self.session.path, self.session.review, self.catalogue
        )
        if step.id in changed:
            self.ask.say(changed_note(version))

    def say_opening(self) -> None:
        """The opening line about the review's open comments, when it has some."""
        note = opening_note(len(self.session.open_comments()))
        if note:
            self.ask.say(note)

    def say_comments(self, step: Step) -> list[str]:
        """Say the open comments on ``step`` (numbered) and how many resolved ones it has;
        the ids of the open ones, in the order said."""
        comments = on_step(step.id, self.session.review, self.catalogue)
        open_ones = [c for c in comments if c.is_open]
        for n, comment in enumerate(open_ones, 1):
            self.say_comment(comment, f"Comment {n} of {len(open_ones)}, from")
        resolved = len(comments) - len(open_ones)
        if resolved:
            also = "Also " if open_ones else ""
            self.ask.say(f"{also}{plural(resolved, 'resolved comment')} here, not read out.")
        return [c.id for c in open_ones]

    def resolved_here(self, step: Step) -> list[Comment]:
        """The resolved comments on ``step``, in the order they are kept."""
        comments = on_step(step.id, self.session.review, self.catalogue)
        return [c for c in comments if not c.is_open]

    def say_comment(self, comment: Comment, lead: str) -> None:
        """One comment: ``lead`` ("Comment 1 of 2, from"), who wrote it, when and where,
        then its text and its replies."""
        where = describe_comment(comment, self.session.review, self.catalogue)
        self.ask.say(
            visible(f"{lead} {signed(comment.by)} on {uk(comment.at.date())}, on {where}:")
        )
        self.ask.say(visible(comment.text.strip("\n")) or "(no text)", indent="  ")
        for reply in comment.replies:
            self.ask.say(
                visible(f"Reply from {signed(reply.by)} on {uk(reply.at.date())}:"),
                indent="  ",
            )
            self.ask.say(visible(reply.text.strip("\n")), indent="    ")

    def list_open_comments(self) -> None:
        """``?comments``: every open comment of the review with its place, unnumbered
        (a prompt numbers its own comments; a number said here would pick another)."""
        open_ones = self.session.open_comments()
        if not open_ones:
            self.ask.say(NO_OPEN)
            return
        self.ask.say(f"{plural(len(open_ones), 'open comment')} in this review:")
        for comment in open_ones:
            self.say_comment(comment, "From")
