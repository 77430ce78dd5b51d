"""Comments as blocks of the report, only when asked for (``imr export --with-comments``).

A report never holds a comment unless the export asks for them: the walker
(:func:`imr_tui.report.walker.walk`) is given a :class:`CommentBlocks` only then. Each
comment comes after what it is about, under a heading ``Comments`` one level below it:
after a prompt's answer, after a Terms of Reference heading's analysis, after a
recommendation, and, for the chronology's entries, in one ``Comments`` part after the
chronology's table (an entry's row cannot hold them). Each says its place in words
(:func:`imr_tui.core.comment_places.describe_comment`), who wrote it, when, and whether
it is open or resolved (by whom, when), then its text and each reply the same way. A
comment whose place was deleted comes in a last part of its own, "Comments whose place
was deleted", never dropped.

Every line of a comment is the author's (or the panel's) text, so it is an authored
:class:`~imr_tui.report.blocks.Paragraph`: each renderer shows it exactly as typed
(escaped in Markdown, literal in Word), and a transform of the author's text (the
anonymiser's :func:`~imr_tui.report.blocks.map_authored`) and the search of what a
reader sees (:func:`~imr_tui.report.blocks.texts`) cover it like any answer.

A comment is not the report's text, though: it plays no part in the report's glossary
(a word in a comment is neither listed nor queried). :class:`CommentBlocks` remembers
every block it hands out (:meth:`CommentBlocks.made`) so the walker leaves them out
when it builds the glossary.
"""

from __future__ import annotations

from datetime import datetime

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_places import describe_comment, is_detached
from imr_tui.core.dates import uk
from imr_tui.core.model import Comment, Review
from imr_tui.report import blocks as b

HEADING = "Comments"
"""The heading over the comments on one place."""
DETACHED = "Comments whose place was deleted"
"""The last part: comments on a prompt, heading, entry or recommendation since deleted."""
OTHERS = "Other comments"
"""The last part for a comment the report has no place for (none in the shipped template)."""
NO_TEXT = "(no text)"
"""Shown for a comment or reply with no words."""
MAX_LEVEL = 4
"""The deepest heading a comments heading is given."""


def when(at: datetime) -> str:
    """A comment's time as shown: ``01/06/2026 14:02``."""
    return f"{uk(at.date())} {at:%H:%M}"


def _by(name: str) -> str:
    name = " ".join(name.split())
    return f" by {name}" if name else ""


def state_words(comment: Comment) -> str:
    """``open``, or ``resolved by NAME on 02/06/2026 09:00`` (name and time when known)."""
    if comment.is_open:
        return "open"
    on = f" on {when(comment.resolved_at)}" if comment.resolved_at else ""
    return f"resolved{_by(comment.resolved_by)}{on}"


def _text(text: str) -> b.Paragraph:
    return b.Paragraph(text if text.strip() else NO_TEXT, authored=True)


def comment_blocks(comment: Comment, review: Review, catalogue: Catalogue) -> list[b.Block]:
    """One comment: a line saying where, by whom, when and its state (``Comment on
    Summary of involvement — Panel chair, 01/06/2026 14:02, open``); its text; each
    reply with who wrote it and when (``Reply by Jo Author, 02/06/2026 09:00``), then
    its text."""
    place = describe_comment(comment, review, catalogue)
    by = " ".join(comment.by.split())
    who = f"{by}, " if by else ""
    head = f"Comment on {place} \u2014 {who}{when(comment.at)}, {state_words(comment)}"
    out: list[b.Block] = [b.Paragraph(head, italic=True, authored=True), _text(comment.text)]
    for reply in comment.replies:
        line = f"Reply{_by(reply.by)}, {when(reply.at)}"
        out += [b.Paragraph(line, italic=True, authored=True), _text(reply.text)]
    return out


class CommentBlocks:
    """The review's comments, handed out once each as the walker reaches their places."""

    def __init__(self, review: Review, catalogue: Catalogue) -> None:
        self.review = review
        self.catalogue = catalogue
        ordered = sorted(review.comments, key=lambda c: c.at)
        self.detached = [c for c in ordered if is_detached(c, review, catalogue)]
        self.waiting = [c for c in ordered if c not in self.detached]
        self._made: list[b.Block] = []  # kept, so the ids below stay theirs
        self._ids: set[int] = set()

    def _handed(self, blocks: list[b.Block]) -> list[b.Block]:
        self._made += blocks
        self._ids.update(id(block) for block in blocks)
        return blocks

    def made(self, block: b.Block) -> bool:
        """Whether ``block`` is one of the comments' blocks this handed out (this very
        object: a comment's line equal to some answer's is still told apart)."""
        return id(block) in self._ids

    def without_comments(self, blocks: list[b.Block]) -> list[b.Block]:
        """``blocks`` without any this handed out: the report as its glossary sees it."""
        return [block for block in blocks if not self.made(block)]

    def _blocks(self, found: list[Comment], level: int, heading: str = HEADING) -> list[b.Block]:
        if not found:
            return []
        out: list[b.Block] = [b.Heading(min(level, MAX_LEVEL), heading)]
        for comment in found:
            out += comment_blocks(comment, self.review, self.catalogue)
        return self._handed(out)

    def take(self, places: list[str], level: int) -> list[b.Block]:
        """The comments on any of ``places`` (stored forms, ``prompt:summary``) not yet
        given, under a ``Comments`` heading at ``level``, in the order of ``places`` and
        oldest first; nothing when there are none."""
        found = [c for on in places for c in self.waiting if c.on == on]
        self.waiting = [c for c in self.waiting if c not in found]
        return self._blocks(found, level)

    def take_kind(self, kind: str, ids: list[str], level: int) -> list[b.Block]:
        """The comments on every record of ``kind`` (``entry``), in the order of ``ids``
        (as the report shows them), as :meth:`take` does."""
        return self.take([f"{kind}:{i}" for i in ids], level)

    def prompts(self, ids: list[str], level: int) -> list[b.Block]:
        """The comments on the prompts ``ids`` not yet given (a section's sweep)."""
        return self.take([f"prompt:{i}" for i in ids], level)

    def last_parts(self) -> list[b.Block]:
        """The last parts: comments whose place was deleted; then any the report had no
        place for (each part a section of its own; nothing when there are none)."""
        out: list[b.Block] = []
        for title, found in ((DETACHED, self.detached), (OTHERS, self.waiting)):
            if found:
                out.append(b.Section(title, title))
                for comment in found:
                    out += comment_blocks(comment, self.review, self.catalogue)
        self.detached, self.waiting = [], []
        return self._handed(out)
