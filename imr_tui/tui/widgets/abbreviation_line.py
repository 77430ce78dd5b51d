"""One line under an answer naming the abbreviations in it, with what they stand for."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widgets import Static

from imr_tui.tui.literal import literal

if TYPE_CHECKING:
    from imr_tui.checks import Glossary

DELAY = 0.3
"""Seconds after the last keystroke before the line is worked out again."""


class AbbreviationLine(Static):
    """``Abbreviations: GP = General Practitioner``, for those the author has not accepted."""

    DEFAULT_CSS = """
    AbbreviationLine {
        height: 1;
        width: 1fr;
        color: $warning;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(
        self, glossary: Callable[[], Glossary | None], accepted: Callable[[], list[str]]
    ) -> None:
        super().__init__("", markup=False, classes="abbreviations")
        self.glossary = glossary
        """Gives the glossary once it is loaded (it is loaded after the first screen)."""
        self.accepted = accepted
        self._timer: Timer | None = None
        self._text = ""
        self._shown = ""

    def watch_text(self, text: str) -> None:
        """Work the line out again shortly (not on every keystroke)."""
        self._text = text
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DELAY, self.show_now)

    def show_now(self) -> None:
        """Work out the line for the text now."""
        from imr_tui.checks import find_abbreviations
        from imr_tui.checks.abbreviations import one_sense

        self._timer = None
        glossary = self.glossary()
        if glossary is None:
            return
        kept = {a.casefold() for a in self.accepted()}
        found = [a for a in find_abbreviations(self._text, glossary) if a.casefold() not in kept]
        matches = glossary.matches(self._text)
        # A form with one sense (DNA'd) is shown with that sense only.
        senses = {a: one_sense([m for m in matches if m.abbreviation == a]) for a in found}
        parts = [f"{a} = {senses[a] or ' or '.join(glossary.expansions(a))}" for a in found]
        line = "Write out: " + "; ".join(parts) if parts else ""
        if line != self._shown:
            self._shown = line
            self.update(literal(line), layout=False)
