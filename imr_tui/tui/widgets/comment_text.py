"""The words the interview shows for comments: one comment with its replies, the one
line a folded comments pane says, the keys its title names, the steps with open
comments. Plain text only: the pane shows it literally."""

from __future__ import annotations

import textwrap
from datetime import datetime

from imr_tui.core.comment_model import Comment
from imr_tui.core.comment_places import (
    describe_comment,
    is_detached,
    place_of,
    steps_showing,
)
from imr_tui.core.model import Review
from imr_tui.core.session import Session

REPLY_INDENT = "    "
"""How far a reply's text sits in from the comment's, under its ``↳ name · date:`` line."""


def when(at: datetime | None) -> str:
    """A comment's or reply's time as people here write it: ``01/12/2026 10:30``."""
    return at.strftime("%d/%m/%Y %H:%M") if at is not None else ""


def _name(name: str, default: str) -> str:
    return " ".join(name.split()) or default


def _indented(text: str, width: int) -> list[str]:
    """A reply's text under its line: every line indented, wrapped lines too when the
    ``width`` it is shown in is known (0: not known yet)."""
    out: list[str] = []
    for line in text.splitlines() or [""]:
        if width > len(REPLY_INDENT) + 10 and line.strip():
            out.extend(
                textwrap.wrap(
                    line,
                    width,
                    initial_indent=REPLY_INDENT,
                    subsequent_indent=REPLY_INDENT,
                    break_on_hyphens=False,
                )
            )
        else:
            out.append(f"{REPLY_INDENT}{line}")
    return out


def comment_text(comment: Comment, review: Review, session: Session, width: int = 0) -> str:
    """One comment as the pane shows it, on several lines (plain text, shown literally):
    its head line, its text, then each reply's ``↳ name · date:`` line with the reply's
    text indented under it (wrapped at ``width`` with the indent kept, when given)."""
    state = "Open" if comment.is_open else "Resolved"
    head = [state, _name(comment.by, "Someone"), when(comment.at)]
    if is_detached(comment, review, session.catalogue):
        head.append(describe_comment(comment, review, session.catalogue))
        head.append("detached: its place was deleted")
    elif place_of(comment).kind != "prompt":  # on the prompt itself: its title is above
        head.append(describe_comment(comment, review, session.catalogue))
    lines = [" · ".join(head), comment.text]
    for reply in comment.replies:
        lines.append(f"  ↳ {_name(reply.by, 'Someone')} · {when(reply.at)}:")
        lines.extend(_indented(reply.text, width))
    if not comment.is_open:
        on = f" on {when(comment.resolved_at)}" if comment.resolved_at else ""
        lines.append(f"  Resolved by {_name(comment.resolved_by, 'someone')}{on}")
    return "\n".join(lines)


def commented_steps(session: Session) -> set[str]:
    """The steps with open comments (the sidebar marks them)."""
    review, catalogue = session.review, session.catalogue
    return {
        step
        for c in review.comments
        if c.is_open
        for step in steps_showing(place_of(c), review, catalogue)
    }


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def folded_line(comments: list[Comment]) -> str:
    """What a folded pane says in one line: ``2 open comments on entries: Ctrl+B to read
    and reply`` (``on recommendations``, none on a prompt: its title is above)."""
    kinds = {place_of(c).kind for c in comments}
    on = {"entry": " on entries", "recommendation": " on recommendations"}
    where = on.get(next(iter(kinds)), "") if len(kinds) == 1 else ""
    still = sum(c.is_open for c in comments)
    if still:
        return f"{_count(still, 'open comment')}{where}: Ctrl+B to read and reply"
    return f"{_count(len(comments), 'resolved comment')}{where}: Ctrl+B to read them"


def keys_for(comment: Comment | None) -> str:
    """The keys that apply to the chosen comment, for the pane's title."""
    if comment is None:
        return "Esc back"
    return "r reply, x resolve" if comment.is_open else "r reply, o reopen"
