"""The whole report as it will be exported, for the trainer: the interview's review
screen, read-only (the trainee exports their own review)."""

from __future__ import annotations

from imr_tui.tui.screens.review import ReviewScreen


class ReportScreen(ReviewScreen):
    """:class:`~imr_tui.tui.screens.review.ReviewScreen`, with export refused."""

    def action_export(self) -> None:
        self.notify("Read-only: the trainee exports their own review.", markup=False)
