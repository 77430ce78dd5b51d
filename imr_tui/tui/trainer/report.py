"""The whole report as it will be exported, for the trainer: the interview's review
screen, read-only (the trainee exports their own review)."""

from __future__ import annotations

from textual.binding import Binding

from imr_tui.tui.screens.review import ReviewScreen


class ReportScreen(ReviewScreen):
    """:class:`~imr_tui.tui.screens.review.ReviewScreen` for the trainer: Escape goes back
    to the review being read, and there is no Export key."""

    BINDINGS = [Binding("escape", "back", "Back to the review")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Export is not the trainer's: its key is neither shown nor run."""
        if action == "export":
            return False
        return super().check_action(action, parameters)

    def action_export(self) -> None:
        """Never run (see :meth:`check_action`); refused should it be reached."""
        self.notify("Read-only: the trainee exports their own review.", markup=False)
