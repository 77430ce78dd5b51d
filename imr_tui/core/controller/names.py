"""The name a person types for a new review: the place, or why not.

Every front end (the new-review dialog, plain mode) takes names through this, so a
rule fixed here is fixed everywhere. A served trainee's name is the workshop's
(:mod:`imr_tui.workshop.entering`).
"""

from __future__ import annotations

from pathlib import Path

from imr_tui.core.errors import UserError
from imr_tui.core.workspace import review_in


def new_review_path(workspace: Path, text: str) -> tuple[Path | None, str]:
    """``(path, "")`` for a new review named ``text`` in the workspace, or ``(None, why not)``.

    The one rule every front end follows when a person names a new review: the name
    follows :func:`name_problem`, the place is not taken by a link, folder or special
    file (:func:`review_in`), and a review already there is chosen from the list instead.
    """
    try:
        path = review_in(workspace, text)
    except UserError as e:
        return None, str(e)
    if path.exists():
        return None, f"{path.name} already exists: choose it from the list to carry on with it."
    return path, ""
