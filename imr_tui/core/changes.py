"""Which steps of the interview changed since a version was sent.

The interview marks each prompt whose answer differs from the review as it was sent
(:func:`~imr_tui.core.sent_copies.sent_review`); ``imr diff`` says, word by word and
field by field, how. Both compare what a step holds (:func:`step_value`), so "changed"
means the same in both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.chronology_order import display_order
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.steps import Step, steps


class ShownChronology:
    """A chronology that compares equal to another when it is shown the same: the same
    entries in the same shown order (by date, then the author's order within a day), so
    an entry moved only in the file is no change. Quick when nothing changed, or when an
    entry was added, removed or edited: the shown order is worked out only for the same
    entries in another order."""

    def __init__(self, entries: list[ChronologyEntry]) -> None:
        self.entries = entries

    def __bool__(self) -> bool:
        return bool(self.entries)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ShownChronology):
            return NotImplemented
        mine, theirs = self.entries, other.entries
        if mine == theirs:
            return True
        if len(mine) != len(theirs) or {e.id: e for e in mine} != {e.id: e for e in theirs}:
            return False
        return [e.id for e in display_order(mine)] == [e.id for e in display_order(theirs)]

    __hash__ = None  # type: ignore[assignment]


def step_value(step: Step, review: Review) -> Any:
    """What a step holds, comparing equal when nothing changed: the text, or the records
    themselves (a record compares by its fields, so a long chronology is compared without
    turning it into data)."""
    kind = step.prompt.kind
    if step.heading_id:
        kept = review.heading_analysis.get(step.heading_id)
        return kept.text if kept else ""
    if kind == "adults":
        return list(review.adults)
    if kind == "period":
        return review.review_period
    if kind == "headings":
        return list(review.headings)
    if kind == "chronology":
        return ShownChronology(review.chronology)
    if kind == "recommendations":
        return list(review.recommendations)
    if kind == "pseudonyms":
        return list(review.pseudonyms)
    if kind == "tor_analysis":
        return None
    return review.answer(step.prompt.id)


def changed_steps(now: Review, sent: Review, catalogue: Catalogue) -> set[str]:
    """The ids of the steps of ``now`` whose content differs from ``sent`` (an analysis
    heading that is new since counts as changed when it holds text)."""
    before = {s.id: s for s in steps(catalogue, sent)}
    out: set[str] = set()
    for step in steps(catalogue, now):
        old = before.get(step.id)
        value = step_value(step, now)
        if old is None:
            if value:
                out.add(step.id)
        elif value != step_value(old, sent):
            out.add(step.id)
    return out


def changed_note(version: int) -> str:
    """The line every front end says on a prompt changed since ``version`` was sent."""
    return f"Changed since version {version} was sent."


class SentComparison:
    """The review as it was last sent, read once per version, and which steps changed
    since: what the interview and plain mode mark."""

    def __init__(self) -> None:
        self._version = 0
        self._sent: Review | None = None

    def changed(self, path: Path, review: Review, catalogue: Catalogue) -> tuple[int, set[str]]:
        """``(version, steps changed since)`` for the review at ``path``; ``(0, set())``
        when nothing was sent or the copy kept of it cannot be read (then nothing is
        marked)."""
        from imr_tui.core.errors import UserError
        from imr_tui.core.sent_copies import sent_review

        if not review.sent:
            return 0, set()
        last = review.sent[-1]
        if last.version != self._version:
            self._version = last.version
            try:
                self._sent = sent_review(path, last, catalogue)
            except (UserError, OSError, ValueError):
                self._sent = None
        if self._sent is None:
            return 0, set()
        return last.version, changed_steps(review, self._sent, catalogue)
