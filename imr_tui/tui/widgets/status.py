"""The status line: whether the review is saved, and where the author is."""

from __future__ import annotations

from textual.widgets import Static

from imr_tui.core import clock
from imr_tui.core.session import Session
from imr_tui.tui.literal import literal


class StatusBar(Static):
    """Shows ``Saved 14:02:11``, unsaved changes, or why saving failed."""

    def __init__(self) -> None:
        super().__init__("", id="status", markup=False)
        self.position = ""
        self._shown = ""

    def update_from(self, session: Session | None) -> None:
        """Redraw from the session's save state, only when what it says has changed.

        Unsaved typing is not announced: it is on disk within a second, and every
        redraw costs bytes on a slow connection.
        """
        if session is None:
            state = ""
        elif session.conflict:
            state = f"NOT SAVED: {session.conflict}. Your text is kept; Ctrl+S to choose."
        elif session.error:
            state = f"NOT SAVED: {session.error}. Your text is kept; retrying."
        elif session.last_saved is not None:
            saved = session.last_saved.astimezone()
            when = (
                f"{saved:%H:%M:%S}" if saved.date() == clock.today() else f"{saved:%d/%m/%Y %H:%M}"
            )
            state = f"Saved {when}"
        else:
            state = "No changes yet"
        gap = " " * max(2, (self.size.width or 78) - 2 - len(state) - len(self.position))
        text = f"{state}{gap}{self.position}" if self.position else state
        if text != self._shown:
            self._shown = text
            self.set_class(bool(session and session.error), "error")
            self.update(literal(text), layout=False)  # an error can quote a path
