"""The interview controller: what every front end does the same way, written once.

Opening a review (:mod:`.opening`), the step cursor (:mod:`.cursor`), the workspace's
list (:mod:`.listing`), names for new reviews (:mod:`.names`),
the report beside the review (:mod:`.export`) and what is said about unfinished
entries and recommendations (:mod:`.drafts`). The Textual app and plain mode are views
over these. Nothing here imports a front end or the report.
"""

from imr_tui.core.controller.cursor import Cursor
from imr_tui.core.controller.drafts import drafts_line, kept_sentence, offer_question
from imr_tui.core.controller.export import export_beside
from imr_tui.core.controller.listing import Listing, ReviewRow, list_workspace, review_row
from imr_tui.core.controller.names import (
    new_review_path,
)
from imr_tui.core.controller.opening import (
    Broken,
    Held,
    Missing,
    Opened,
    Outcome,
    Unavailable,
    open_review,
    put_back_sentence,
    view_review,
)

__all__ = [
    "Broken",
    "Cursor",
    "Held",
    "Listing",
    "Missing",
    "Opened",
    "Outcome",
    "ReviewRow",
    "Unavailable",
    "drafts_line",
    "export_beside",
    "kept_sentence",
    "list_workspace",
    "new_review_path",
    "offer_question",
    "open_review",
    "put_back_sentence",
    "review_row",
    "view_review",
]
