"""The status line: whether the review is saved, and where the author is."""

from __future__ import annotations

from textual.widgets import Static

from imr_tui.session import Session


class StatusBar(Static):
    """Shows ``Saved 14:02:11``, unsaved changes, or why saving failed."""

    def __init__(self) -> None:
        super().__init__("", id="status", markup=False)
        self.position = ""

    def update_from(self, session: Session | None) -> None:
        """Redraw from the session's save state."""
        if session is None:
            state = ""
        elif session.error:
            state = f"NOT SAVED: {session.error}. Your text is kept; retrying."
        elif session.dirty:
            state = "Saving..."
        elif session.last_saved is not None:
            state = f"Saved {session.last_saved.strftime('%H:%M:%S')}"
        else:
            state = "No changes yet"
        self.set_class(bool(session and session.error), "error")
        gap = " " * max(2, (self.size.width or 78) - 2 - len(state) - len(self.position))
        self.update(f"{state}{gap}{self.position}" if self.position else state)
