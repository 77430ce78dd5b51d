"""Markdown whose links open nothing.

Textual's Markdown turns URLs, e-mail addresses and ``[text](target)`` into
links. Left alone, clicking one asks the system to open it (on a server that
starts a console browser inside the author's session), and in a
``MarkdownViewer`` it also loads the target as a file into the viewer. Here a
click only says, in a notification, what the address is.
"""

from __future__ import annotations

from pathlib import PurePath

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.widgets import Markdown, MarkdownViewer
from textual.widgets.markdown import MarkdownTableOfContents

from imr_tui.tui.literal import plain

NOT_OPENED = "Links are not opened from imr-tui: "


class InertMarkdown(Markdown):
    """A Markdown document in which a link is shown, never followed.

    Control characters in the text are shown as symbols, not sent to the terminal.
    """

    def __init__(
        self, markdown: str | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(markdown, id=id, classes=classes, open_links=False)

    def update(self, markdown: str) -> AwaitComplete:
        """Show this Markdown (every way of showing text comes through here)."""
        return super().update(plain(markdown))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        # Nothing else may act on the click: not Markdown's own handler (which
        # would open the address) and not a viewer above (which would load it).
        event.prevent_default()
        event.stop()
        self.notify(NOT_OPENED + plain(event.href), title="Link", markup=False)


class InertMarkdownViewer(MarkdownViewer):
    """A scrolling Markdown document whose links open nothing and load nothing."""

    def compose(self) -> ComposeResult:
        markdown = InertMarkdown()
        markdown.can_focus = True
        yield markdown
        yield MarkdownTableOfContents(markdown)

    async def go(self, location: str | PurePath) -> None:
        """Never load another document (a link's target is not followed)."""
        self.notify(NOT_OPENED + plain(str(location)), title="Link", markup=False)

    async def back(self) -> None:
        """There is no other document to go back to."""

    async def forward(self) -> None:
        """There is no other document to go forward to."""
