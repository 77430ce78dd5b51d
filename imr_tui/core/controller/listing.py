"""The workspace as the lists show it: each review's row, and the entries that cannot be opened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.steps import overall
from imr_tui.core.workspace import list_reviews, load_listed, shown_name


@dataclass(frozen=True)
class ReviewRow:
    """One review of the workspace as the lists show it."""

    path: Path
    """The review file."""
    name: str
    """Its file name as it can be shown."""
    agency: str
    """The agency the review is written for."""
    adult: str
    """The first adult named, with ``+N`` for the others."""
    last_saved: str
    """When it was last saved (``31/01/2026 14:02``, local time), or empty."""
    done: int
    """Steps answered."""
    total: int
    """Steps in all."""

    def cells(self) -> list[str]:
        """``[file, agency, adult, last saved, done/total]`` for a table."""
        return [self.name, self.agency, self.adult, self.last_saved, f"{self.done}/{self.total}"]

    def line(self) -> str:
        """``r.toml, Acme Trust (5 of 32 answered)`` for a list."""
        agency = f", {self.agency}" if self.agency else ""
        return f"{self.name}{agency} ({self.done} of {self.total} answered)"


@dataclass(frozen=True)
class Listing:
    """What the workspace holds: reviews to open, and the entries that cannot be opened."""

    rows: list[ReviewRow]
    """The reviews, by file name."""
    unusable: list[str]
    """One line for each entry that cannot be opened, saying why."""
    problem: str = ""
    """Why the folder itself cannot be read, or empty."""


def review_row(path: Path, review: Review, catalogue: Catalogue) -> ReviewRow:
    """How one review is listed."""
    adults = [a.name for a in review.adults if a.name.strip()]
    adult = adults[0] + (f" +{len(adults) - 1}" if len(adults) > 1 else "") if adults else ""
    saved = review.meta.last_saved
    when = saved.astimezone().strftime("%d/%m/%Y %H:%M") if isinstance(saved, datetime) else ""
    done, total = overall(catalogue, review)
    return ReviewRow(path, shown_name(path.name), review.answer("agency"), adult, when, done, total)


def list_workspace(workspace: Path, catalogue: Catalogue) -> Listing:
    """Read every review in the workspace (slow for a big folder: not on an event loop)."""
    try:
        entries = list_reviews(workspace)
    except UserError as e:
        return Listing([], [], str(e))
    rows: list[ReviewRow] = []
    unusable: list[str] = []
    for entry in entries:
        review, entry = load_listed(entry, catalogue)
        if review is None:
            unusable.append(entry.line())
        else:
            rows.append(review_row(entry.path, review, catalogue))
    return Listing(rows, unusable)
