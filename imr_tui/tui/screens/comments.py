"""Every comment of the review: open ones first, then resolved; Enter goes to its place.

A comment whose place was deleted is listed as detached (it is never dropped); Enter
on it goes to the nearest prompt (the chronology, the recommendations). Everything a
panel or an author wrote is shown literally. :class:`InterviewComments` is the
interview's side: its comment keys, the pane's messages, what changed since the
version sent.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core.changes import SentComparison, changed_note
from imr_tui.core.comment_model import Comment
from imr_tui.core.comment_places import describe_comment, is_detached, target_of
from imr_tui.core.session import Session
from imr_tui.tui.literal import plain
from imr_tui.tui.screens.check import GoTo
from imr_tui.tui.widgets.comment_text import when
from imr_tui.tui.widgets.comments_pane import CommentsPane
from imr_tui.tui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from textual import events

    from imr_tui.core.steps import Step
    from imr_tui.tui.app import IMRApp


TABLES = ("chronology", "recommendations", "headings")
"""The steps whose answer is a table of records: their comments pane stays folded."""


def ordered(comments: list[Comment]) -> list[Comment]:
    """Open comments first, then resolved ones, each in the order they were written."""
    return [c for c in comments if c.is_open] + [c for c in comments if not c.is_open]


class CommentsScreen(Screen[GoTo | None]):
    """Lists the review's comments; Enter returns the place to go to."""

    DEFAULT_CSS = """
    CommentsScreen #comments-summary { height: auto; padding: 0 1; }
    CommentsScreen #all-comments { height: 1fr; scrollbar-gutter: stable; }
    """

    BINDINGS = [Binding("escape", "back", "Back to writing")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.shown = ordered(session.review.comments)

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static("", id="comments-summary", markup=False)
        yield OptionList(id="all-comments")
        yield QuietFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "Comments"
        review, catalogue = self.session.review, self.session.catalogue
        options = self.query_one(OptionList)
        still = sum(c.is_open for c in self.shown)
        if not self.shown:
            summary = "There are no comments on this review."
        else:
            summary = (
                f"{still} open, {len(self.shown) - still} resolved. "
                "Enter goes to the place a comment is about; Escape goes back."
            )
        self.query_one("#comments-summary", Static).update(summary)
        for i, comment in enumerate(self.shown):
            state = "Open" if comment.is_open else "Resolved"
            place = describe_comment(comment, review, catalogue)
            if is_detached(comment, review, catalogue):
                place = f"DETACHED (its place was deleted) · {place}"
            by = " ".join(comment.by.split()) or "Someone"
            label = Text.assemble(
                (plain(f"{state} · {place}"), "bold"),
                "\n   ",
                plain(f"{by}, {when(comment.at)}: {comment.text}"),
            )
            replies = len(comment.replies)
            if replies:
                label.append(f"\n   {replies} repl{'ies' if replies != 1 else 'y'}")
            options.add_option(Option(label, id=str(i)))
        if self.shown:
            options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        comment = self.shown[int(event.option.id)]
        target = target_of(comment, self.session.review, self.session.catalogue)
        self.dismiss(
            GoTo(target.step_id, target.record_id, target.field) if target.step_id else None
        )

    def action_back(self) -> None:
        self.dismiss(None)


class InterviewComments:
    """The interview's comment keys and what changed since the version sent (mixed
    into :class:`~imr_tui.tui.screens.interview.InterviewScreen`)."""

    if TYPE_CHECKING:
        session: Session
        step: Step | None
        training: bool
        sent: SentComparison
        changed: tuple[int, set[str]]

        @property
        def imr(self) -> IMRApp: ...

        def rebuild_sidebar(self) -> None: ...

        def flush(self) -> None: ...

        def _focus_editor(self) -> None: ...

        def go_to_place(self, place: GoTo | None) -> Awaitable[None]: ...

    def _screen(self) -> Screen[None]:
        return cast("Screen[None]", self)

    def _pane(self) -> CommentsPane:
        return self._screen().query_one(CommentsPane)

    def changed_note(self) -> str:
        """One line when the prompt on screen changed since the version sent, else empty."""
        version, steps = self.changed
        if self.step is None or self.step.id not in steps:
            return ""
        return changed_note(version)

    def compare_sent(self) -> tuple[int, set[str]]:
        """The version last sent and the steps changed since (the core's comparison)."""
        session = self.session
        return self.sent.changed(session.path, session.review, session.catalogue)

    async def show_comments(self, step: Step) -> None:
        """The comments pane for the step just shown (folded on a table step)."""
        tables = step.prompt.kind in TABLES
        await self._pane().show(self.session, step.id, self.changed_note(), tables=tables)

    def records_changed(self) -> None:
        """Records were added, edited, moved or deleted (or headings changed): the pane
        says their comments again (numbers, detached ones) and the sidebar its marks."""
        step = self.step
        if step is None or step.prompt.kind not in TABLES:
            return
        self._screen().call_later(self._pane().reload, step.id)
        self.rebuild_sidebar()

    def on_resize(self, event: events.Resize) -> None:
        """A taller or shorter terminal: the pane folds or unfolds."""
        self._pane().fit()

    def refresh_changed(self) -> None:
        """After a save (its state, or the checks that follow it): which prompts changed
        since the version sent (the review as sent is read once; comparing is quick)."""
        changed = self.compare_sent()
        if changed == self.changed:
            return
        self.changed = changed
        self._pane().set_changed(self.changed_note())
        self.rebuild_sidebar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+B shows in the footer only where there are comments (elsewhere the
        same key, unshown, says there are none); the model answer's key only in
        training mode."""
        if action == "toggle_model_answer":
            return self.training
        if action in ("comments", "no_comments"):
            panes = self._screen().query(CommentsPane)
            return bool(panes and panes.first().comments) == (action == "comments")
        return True

    def action_comments(self) -> None:
        """From the editor to the comments on this prompt (Escape comes back)."""
        pane = self._pane()
        if pane.comments:
            pane.enter()

    def action_no_comments(self) -> None:
        """Ctrl+B on a prompt without comments: say so."""
        self._screen().notify("No comments on this prompt.", timeout=4)

    def action_all_comments(self) -> None:
        """Every comment of the review; Enter on one goes to its place."""
        if not self.session.review.comments:
            self._screen().notify("No comments in this review.", timeout=4)
            return
        self.flush()
        self._screen().app.push_screen(CommentsScreen(self.session), self.go_to_place)

    def on_comments_pane_edited(self, message: CommentsPane.Edited) -> None:
        """A reply typed, a comment resolved or reopened: save it, mark the sidebar."""
        if self.session.dirty:
            self.imr.note_change()
        self.rebuild_sidebar()

    def on_comments_pane_leave(self, message: CommentsPane.Leave) -> None:
        """Back to the answer."""
        self._focus_editor()

    def on_comments_pane_show_all(self, message: CommentsPane.ShowAll) -> None:
        """The pane's ``a``: every comment of the review."""
        self.action_all_comments()
