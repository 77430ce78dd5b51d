"""Every comment of the review: open ones first, then resolved; Enter goes to its place.

A comment whose place was deleted is listed as detached (it is never dropped); Enter
on it goes to the nearest prompt (the chronology, the recommendations). Everything a
panel or an author wrote is shown literally.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core.comment_model import Comment
from imr_tui.core.comment_places import describe_comment, is_detached, target_of
from imr_tui.core.session import Session
from imr_tui.tui.literal import plain
from imr_tui.tui.screens.check import GoTo
from imr_tui.tui.widgets.comments_pane import when


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
        yield Footer(show_command_palette=False)

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
