"""The comments on the prompt on screen, under its editor, and the author's replies.

The pane lists each comment with who wrote it, when, the place it is about (for a
record, "Chronology entry 3 (11/03/2025), Source of information"), its text and its
replies, always literally. It shows only when the prompt has comments, or changed
since the last version sent (one line says so). The editor keeps the focus: Ctrl+B
(from the interview) comes here; then Up and Down move between comments, ``r``
replies (a box opens under the comment; every keystroke goes into the review, as
an answer does, so a hang-up keeps it), ``x`` resolves, ``o`` reopens, ``a`` lists
every comment of the review, and Escape goes back to writing.
"""

from __future__ import annotations

from datetime import datetime

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from imr_tui.core.changes import changed_steps
from imr_tui.core.comment_model import Comment
from imr_tui.core.comment_places import (
    describe_comment,
    is_detached,
    on_step,
    place_of,
    target_of,
)
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.sent_copies import sent_review
from imr_tui.core.session import Session
from imr_tui.tui.literal import literal, plain


def when(at: datetime | None) -> str:
    """A comment's or reply's time as people here write it: ``01/12/2026 10:30``."""
    return at.strftime("%d/%m/%Y %H:%M") if at is not None else ""


def comment_text(comment: Comment, review: Review, session: Session) -> str:
    """One comment as the pane shows it, on several lines (plain text, shown literally)."""
    state = "Open" if comment.is_open else "Resolved"
    head = [state, " ".join(comment.by.split()) or "Someone", when(comment.at)]
    if is_detached(comment, review, session.catalogue):
        head.append(describe_comment(comment, review, session.catalogue))
        head.append("detached: its place was deleted")
    elif place_of(comment).kind != "prompt":  # on the prompt itself: its title is above
        head.append(describe_comment(comment, review, session.catalogue))
    lines = [" · ".join(head), comment.text]
    for reply in comment.replies:
        lines.append(f"  ↳ {' '.join(reply.by.split())} · {when(reply.at)}: {reply.text}")
    if not comment.is_open:
        on = f" on {when(comment.resolved_at)}" if comment.resolved_at else ""
        lines.append(f"  Resolved by {' '.join(comment.resolved_by.split()) or 'someone'}{on}")
    return "\n".join(lines)


def commented_steps(session: Session) -> set[str]:
    """The steps with open comments (the sidebar marks them)."""
    review = session.review
    return {target_of(c, review, session.catalogue).step_id for c in review.comments if c.is_open}


class SentComparison:
    """The review as it was last sent, read once per version, and what changed since."""

    def __init__(self) -> None:
        self._version = 0
        self._sent: Review | None = None

    def changed(self, session: Session) -> tuple[int, set[str]]:
        """``(version, steps changed since)``; ``(0, set())`` when nothing was sent or
        the copy kept of it cannot be read (then nothing is marked)."""
        review = session.review
        if not review.sent:
            return 0, set()
        last = review.sent[-1]
        if last.version != self._version:
            self._version = last.version
            try:
                self._sent = sent_review(session.path, last, session.catalogue)
            except (UserError, OSError, ValueError):
                self._sent = None
        if self._sent is None:
            return 0, set()
        return last.version, changed_steps(review, self._sent, session.catalogue)


class CommentsPane(VerticalScroll, can_focus=True):
    """The comments on one prompt (see the module)."""

    BINDINGS = [
        Binding("up", "move(-1)", "Choose", show=False),
        Binding("down", "move(1)", "Choose", key_display="↑↓"),
        Binding("r", "reply", "Reply"),
        Binding("x", "resolve", "Resolve"),
        Binding("o", "reopen", "Reopen"),
        Binding("a", "all", "All comments"),
        Binding("escape", "leave", "Back to writing"),
    ]

    class Edited(Message):
        """A comment was replied to, resolved or reopened: the review changed."""

    class Leave(Message):
        """The author goes back to the editor."""

    class ShowAll(Message):
        """The author asked for every comment of the review."""

    def __init__(self) -> None:
        super().__init__(id="comments-pane")
        self.session: Session | None = None
        self.comments: list[Comment] = []
        self.selected = 0
        self.replying = ""
        """The id of the comment being replied to, or empty."""
        self.reply_id = ""
        """The id of the reply being typed (empty until its first character)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="comments-changed", markup=False)
        yield Static("", id="comments-title", markup=False)
        yield Vertical(id="comments-list")

    async def show(self, session: Session, step_id: str, changed_note: str = "") -> None:
        """Show the comments on ``step_id`` (and ``changed_note``, one line, if any)."""
        self.session = session
        self.replying = self.reply_id = ""
        self.comments = on_step(step_id, session.review, session.catalogue)
        self.selected = 0
        self.set_changed(changed_note)
        await self._redraw()

    def set_changed(self, note: str) -> None:
        """Say (or stop saying) that the prompt changed since the version sent."""
        line = self.query_one("#comments-changed", Static)
        line.update(literal(note))
        line.display = bool(note)
        self.display = bool(note or self.comments)

    async def _redraw(self) -> None:
        session = self.session
        holder = self.query_one("#comments-list", Vertical)
        await holder.remove_children()
        title = self.query_one("#comments-title", Static)
        title.display = bool(self.comments)
        self.display = bool(self.comments) or self.query_one("#comments-changed").display
        if session is None or not self.comments:
            return
        review = session.review
        self.comments = [session.comment(c.id) or c for c in self.comments]
        self._refresh_title()
        widgets = []
        for i, comment in enumerate(self.comments):
            box = Static(literal(comment_text(comment, review, session)), classes="comment")
            box.set_class(i == self.selected, "selected")
            box.set_class(not comment.is_open, "resolved")
            widgets.append(box)
        await holder.mount_all(widgets)
        self.app.refresh_bindings()

    def _boxes(self) -> list[Static]:
        return list(self.query_one("#comments-list").query(".comment").results(Static))

    def _current(self) -> Comment | None:
        if not self.comments:
            return None
        return self.comments[min(self.selected, len(self.comments) - 1)]

    def _refresh_current(self) -> None:
        """Redraw the selected comment from the review (after a reply, a resolve)."""
        session, comment = self.session, self._current()
        if session is None or comment is None:
            return
        fresh = session.comment(comment.id) or comment
        self.comments[self.selected] = fresh
        boxes = self._boxes()
        if self.selected < len(boxes):
            box = boxes[self.selected]
            box.update(literal(comment_text(fresh, session.review, session)))
            box.set_class(not fresh.is_open, "resolved")
        self._refresh_title()
        self.app.refresh_bindings()

    def on_focus(self) -> None:
        self._refresh_title()

    def on_blur(self) -> None:
        self._refresh_title()

    def on_descendant_blur(self) -> None:
        self._refresh_title()

    def _refresh_title(self) -> None:
        still = sum(c.is_open for c in self.comments)
        hint = "r reply, x resolve" if self.has_focus_within else "Ctrl+B to reply"
        self.query_one("#comments-title", Static).update(
            f"Comments, {still} open of {len(self.comments)}: {hint}"
        )

    # ------------------------------------------------------------------ keys
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a reply is typed only Escape (and Enter) work; resolve and reopen show
        only where they apply."""
        if self.replying:
            return action == "leave"
        comment = self._current()
        if action == "resolve":
            return comment is not None and comment.is_open
        if action == "reopen":
            return comment is not None and not comment.is_open
        if action in ("move", "reply"):
            return comment is not None
        return True

    def action_move(self, step: int) -> None:
        """Select the previous or next comment."""
        if not self.comments:
            return
        self.selected = max(0, min(len(self.comments) - 1, self.selected + step))
        for i, box in enumerate(self._boxes()):
            box.set_class(i == self.selected, "selected")
            if i == self.selected:
                self.scroll_to_widget(box)
        self.app.refresh_bindings()

    def on_click(self, event: events.Click) -> None:
        """A click on a comment chooses it (and comes to the comments)."""
        boxes = self._boxes()
        if self.replying or event.widget not in boxes:
            return
        assert isinstance(event.widget, Static)
        self.selected = boxes.index(event.widget)
        self.action_move(0)
        self.enter()

    def _writable(self) -> Session | None:
        session = self.session
        if session is None or session.read_only:
            self.notify("This review is open read-only: nothing can be changed.", markup=False)
            return None
        return session

    async def action_reply(self) -> None:
        """Open a box under the comment for the reply; it is kept as it is typed."""
        comment = self._current()
        if comment is None or self._writable() is None:
            return
        self.replying, self.reply_id = comment.id, ""
        box = Input(placeholder="Your reply (Enter when done)", id="reply-input", compact=True)
        await self.query_one("#comments-list").mount(box, after=self._boxes()[self.selected])
        box.focus()
        self.call_after_refresh(self.scroll_to_widget, box)
        self.app.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._keep_reply(event.value)

    def _keep_reply(self, text: str) -> None:
        session = self.session
        if not self.replying or session is None:
            return
        self.reply_id = session.set_reply(self.replying, self.reply_id, text)
        self.post_message(self.Edited())

    def flush(self) -> None:
        """Take the reply box's text as it is now (a hang-up can come before its message)."""
        if not self.replying:
            return
        for box in self.query("#reply-input").results(Input):
            self._keep_reply(box.value)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self._end_reply()

    async def _end_reply(self) -> None:
        self.flush()
        self.replying = self.reply_id = ""
        await self.query("#reply-input").remove()
        self.focus()
        self._refresh_current()

    def action_resolve(self) -> None:
        """Mark the selected comment resolved (by the author, now)."""
        comment, session = self._current(), self._writable()
        if comment is None or session is None:
            return
        session.resolve(comment.id)
        self._refresh_current()
        self.post_message(self.Edited())

    def action_reopen(self) -> None:
        """Open the selected comment again."""
        comment, session = self._current(), self._writable()
        if comment is None or session is None:
            return
        session.reopen(comment.id)
        self._refresh_current()
        self.post_message(self.Edited())

    def action_all(self) -> None:
        """Every comment of the review (the Comments screen)."""
        self.post_message(self.ShowAll())

    async def action_leave(self) -> None:
        """Finish the reply being typed, or go back to writing."""
        if self.replying:
            await self._end_reply()
            return
        self.post_message(self.Leave())

    def enter(self) -> None:
        """Come here from the editor (Ctrl+B): the selected comment in view."""
        self.focus()
        boxes = self._boxes()
        if boxes:
            self.scroll_to_widget(boxes[min(self.selected, len(boxes) - 1)])
        self._refresh_title()
        self.app.refresh_bindings()

    def plain_summary(self) -> str:
        """Everything the pane shows, as plain text."""
        return "\n".join(plain(str(w.render())) for w in self.query(Static) if w.display)
