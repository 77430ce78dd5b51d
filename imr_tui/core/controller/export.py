"""Writing the report beside the review (the renderer is handed in: the core knows no report)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from imr_tui.core.model import Review
from imr_tui.core.session import Session


def export_beside(
    session: Session, markdown: Callable[[Review], str], target: Path | None = None
) -> Path:
    """Save, then write the report (``markdown`` renders it) privately beside the review
    as ``<review>.md`` (or to ``target``); returns where it went. Raises
    :class:`UserError` if it cannot be written."""
    from imr_tui.core.store import write_text_private

    session.save()
    target = target or session.path.with_suffix(".md")
    write_text_private(target, markdown(session.review))
    return target
