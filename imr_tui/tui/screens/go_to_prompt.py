"""The command palette's "Go to: <prompt>" entries, shown literally."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

Jump = Callable[[], Awaitable[None]]
"""Going to one prompt."""


@runtime_checkable
class HasJumps(Protocol):
    """A screen that lists the prompts it can go to."""

    def jumps(self) -> Iterator[tuple[str, str, Jump]]:
        """``(title, help, jump)`` for each prompt."""
        ...


def _highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as literal text with the letters the search matched picked out."""
    content = Content(candidate)
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class GoToPrompt(Provider):
    """The palette's "Go to: <prompt>" entries.

    A prompt's title can be the author's own words (each Terms of Reference heading
    is a prompt), so the entries are literal text: the palette's own commands read
    their titles as markup, where ``[/]`` crashes and ``[@click=...]`` runs an action.
    """

    def _jumps(self) -> list[tuple[str, str, Jump]]:
        screen = self.screen
        return list(screen.jumps()) if isinstance(screen, HasJumps) else []

    async def discover(self) -> Hits:
        for title, help_text, jump in self._jumps():
            yield DiscoveryHit(Content(title), jump, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, jump in self._jumps():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), jump, text=title, help=help_text)
