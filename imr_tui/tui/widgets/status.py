"""The status line: whether the review is saved, and where the author is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.reactive import reactive
from textual.widgets import Static

from imr_tui.core import clock
from imr_tui.core.session import Session
from imr_tui.tui.literal import literal


@dataclass(frozen=True)
class SaveState:
    """What the status line says about saving (the app holds the current one)."""

    open: bool = False
    """A review is open."""
    conflict: str = ""
    """The file or its lock changed under the session, or empty."""
    error: str = ""
    """Why the last save failed, or empty."""
    last_saved: datetime | None = None
    """When the review was last written."""

    @classmethod
    def of(cls, session: Session | None) -> SaveState:
        """The save state of the open review's session (None: no review open)."""
        if session is None:
            return cls()
        return cls(True, session.conflict, session.error, session.last_saved)

    def describe(self) -> str:
        """``Saved 14:02:11``, ``No changes yet``, or why saving failed.

        Unsaved typing is not announced: it is on disk within a second, and every
        redraw costs bytes on a slow connection.
        """
        if not self.open:
            return ""
        if self.conflict:
            return f"NOT SAVED: {self.conflict}. Your text is kept; Ctrl+S to choose."
        if self.error:
            return f"NOT SAVED: {self.error}. Your text is kept; retrying."
        if self.last_saved is None:
            return "No changes yet"
        saved = self.last_saved.astimezone()
        today = saved.date() == clock.today()
        return f"Saved {saved:%H:%M:%S}" if today else f"Saved {saved:%d/%m/%Y %H:%M}"


class StatusBar(Static):
    """Shows the app's save state (its ``save_state``, followed as it changes) and
    the author's place in the interview."""

    state: reactive[SaveState] = reactive(SaveState, init=False)
    """The save state shown."""
    position: reactive[str] = reactive("", init=False)
    """Where the author is (``Ctrl+T hint · 3/40``), shown on the right."""

    def __init__(self) -> None:
        super().__init__("", id="status", markup=False)
        self._shown = ""

    def on_mount(self) -> None:
        self.watch(self.app, "save_state", self._follow)

    def _follow(self, state: object) -> None:
        if isinstance(state, SaveState):
            self.state = state

    def watch_state(self) -> None:
        self._redraw()

    def watch_position(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        """Redraw, only when what the line says has changed."""
        state = self.state.describe()
        gap = " " * max(2, (self.size.width or 78) - 2 - len(state) - len(self.position))
        text = f"{state}{gap}{self.position}" if self.position else state
        if text != self._shown:
            self._shown = text
            self.set_class(bool(self.state.error), "error")
            self.update(literal(text), layout=False)  # an error can quote a path
