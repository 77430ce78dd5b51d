"""The comments on the prompt on screen, under its editor, and the author's replies.

The pane lists each comment with who wrote it, when, the place it is about (for a
record, "Chronology entry 3 (11/03/2025), Source of information"), its text and its
replies, always literally. It shows only when the prompt has comments, or changed
since the last version sent (one line says so). The editor keeps the focus: Ctrl+B
(from the interview) comes here; then Up and Down move between comments, ``r``
replies (a box opens under the comment; every keystroke goes into the review, as
an answer does, so a hang-up keeps it), ``x`` resolves, ``o`` reopens, ``a`` lists
every comment of the review, and Escape goes back to writing.

The answer keeps its room: on a table step (the chronology, the recommendations, the
headings), and on any prompt when the terminal is short
(:data:`~imr_tui.tui.widgets.comment_fold.TALL`), the pane is folded to one line
("2 open comments on entries: Ctrl+B to read and reply") while the focus is elsewhere,
and unfolds (scrolling past its height) when the author comes to it.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from imr_tui.core.comment_places import on_step
from imr_tui.core.session import Session
from imr_tui.tui.literal import literal, plain
from imr_tui.tui.widgets.comment_fold import FoldingPane
from imr_tui.tui.widgets.comment_text import comment_text, commented_steps, when

__all__ = ["CommentsPane", "comment_text", "commented_steps", "when"]


class CommentsPane(FoldingPane, can_focus=True):
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
        self.replying = ""
        """The id of the comment being replied to, or empty."""
        self.reply_id = ""
        """The id of the reply being typed (empty until its first character)."""
        self._texts: list[str] = []
        """What the pane shows for each comment (to redraw only when it changes)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="comments-changed", markup=False)
        yield Static("", id="comments-title", markup=False)
        yield Vertical(id="comments-list")

    async def show(
        self, session: Session, step_id: str, changed_note: str = "", *, tables: bool = False
    ) -> None:
        """Show the comments on ``step_id`` (and ``changed_note``, one line, if any);
        ``tables``: the step is a table, which keeps its rows (the pane folds)."""
        self.session = session
        self.replying = self.reply_id = ""
        self.comments = on_step(step_id, session.review, session.catalogue)
        self.selected = 0
        self.tables = tables
        self.set_changed(changed_note)
        await self._redraw()

    async def reload(self, step_id: str) -> None:
        """Read the step's comments again (its records changed: one deleted, moved,
        renumbered), keeping the comment chosen when it is still there."""
        session = self.session
        if session is None or self.replying:
            return
        chosen = self._current()
        fresh = on_step(step_id, session.review, session.catalogue)
        if not fresh and not self.comments:
            return
        texts = [comment_text(c, session.review, session, self._width()) for c in fresh]
        if texts == self._texts:
            return  # nothing the pane says changed (a heading typed, say)
        ids = [c.id for c in fresh]
        self.comments = fresh
        self.selected = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        await self._redraw()

    def set_changed(self, note: str) -> None:
        """Say (or stop saying) that the prompt changed since the version sent."""
        self.note = note
        self.query_one("#comments-changed", Static).update(literal(note))
        self.fit()

    async def _redraw(self) -> None:
        session = self.session
        holder = self.query_one("#comments-list", Vertical)
        await holder.remove_children()
        self._texts = []
        self.fit()
        if session is None or not self.comments:
            return
        review = session.review
        self.comments = [session.comment(c.id) or c for c in self.comments]
        self._refresh_title()
        widgets = []
        for i, comment in enumerate(self.comments):
            text = comment_text(comment, review, session, self._width())
            self._texts.append(text)
            box = Static(literal(text), classes="comment")
            box.set_class(i == self.selected, "selected")
            box.set_class(not comment.is_open, "resolved")
            widgets.append(box)
        await holder.mount_all(widgets)
        self.app.refresh_bindings()

    def _width(self) -> int:
        """The width a comment's text wraps at (inside its box's left bar and padding,
        a scrollbar's room kept); 0 before the pane has been laid out."""
        return max(0, self.content_region.width - 4)

    def on_resize(self) -> None:
        """A wider or narrower pane: the replies' text is wrapped again, indented."""
        session = self.session
        if session is None or self.replying:
            return
        for i, (box, comment) in enumerate(zip(self._boxes(), self.comments, strict=False)):
            text = comment_text(comment, session.review, session, self._width())
            if i < len(self._texts) and text != self._texts[i]:
                self._texts[i] = text
                box.update(literal(text))

    def _boxes(self) -> list[Static]:
        return list(self.query_one("#comments-list").query(".comment").results(Static))

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
            text = comment_text(fresh, session.review, session, self._width())
            if self.selected < len(self._texts):
                self._texts[self.selected] = text
            box.update(literal(text))
            box.set_class(not fresh.is_open, "resolved")
        self._refresh_title()
        self.app.refresh_bindings()

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
        self._refresh_title()
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
        """Come here from the editor (Ctrl+B): unfolded, the selected comment in view."""
        self.focus()
        self.fit()
        boxes = self._boxes()
        if boxes:
            self.call_after_refresh(
                self.scroll_to_widget, boxes[min(self.selected, len(boxes) - 1)]
            )
        self.app.refresh_bindings()

    def plain_summary(self) -> str:
        """Everything the pane shows (folded, its one line), as plain text."""
        shown = [
            w
            for w in self.query(Static)
            if w.display and (w.parent is self or getattr(w.parent, "display", False))
        ]
        return "\n".join(plain(str(w.render())) for w in shown)
