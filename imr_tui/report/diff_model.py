"""What changed between two versions of a review: the model every renderer reads.

:func:`imr_tui.report.diff_build.compare` compares two :class:`~imr_tui.core.model.Review`
objects with a catalogue and returns :class:`Changes`: the sections in template order,
each with the steps (prompts) that changed, then the comments opened, resolved and
replied to. Nothing here is rendered; the terminal text (``diff_text``), Markdown
(``diff_markdown``) and Word renderers each walk the same model.

How each kind of step changed:

- a prompt with text, or the analysis under a Terms of Reference heading
  (:attr:`StepChange.words`): word-level pieces (:class:`~imr_tui.report.diff_words.Piece`,
  kept / inserted / deleted) from which both texts rebuild exactly;
- a step of values (a date answer, the adults, the review period, the pseudonyms)
  (:attr:`StepChange.values`): :class:`FieldChange` old -> new, one per value changed;
- a step of records (the chronology, the Terms of Reference headings list, the
  recommendations) (:attr:`StepChange.records`): :class:`RecordChange` per record
  added, removed, changed (field by field) or moved in the order shown (a record
  whose content did not change but whose place among the others did is ``moved``,
  never removed and added). Recommendations and headings are shown in the author's
  order; the chronology by date and time (the author's order only among entries of
  the same day and time, :func:`imr_tui.core.chronology_order.display_order`), so
  swapping two entries of different days in the file moves nothing a reader sees.

The diff is not anonymised: it is for the author and the panel, who know the names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from imr_tui.report.diff_words import Piece

StepKind = Literal["text", "values", "records"]
"""How a step's change is told: word by word, value by value, or record by record."""

RecordKind = Literal["entry", "recommendation", "heading"]
"""What a record is: a chronology entry, a recommendation or a Terms of Reference heading."""

RecordChangeKind = Literal["added", "removed", "changed", "moved"]
"""What happened to a record: ``changed`` may also have moved (:attr:`RecordChange.moved`)."""

CommentChangeKind = Literal["opened", "resolved", "reopened", "replied", "removed"]
"""What happened to a comment since the old version."""


@dataclass(frozen=True)
class FieldChange:
    """One value or field that differs: ``old`` -> ``new`` as people read them (dates as
    ``dd/mm/yyyy``); for a long text also word by word (:attr:`words`)."""

    field: str
    """The field's id (``date``, ``source``, a column id, ``lead``, ``start``...)."""
    title: str
    """Its name as the catalogue gives it (``Source of information``, ``Lead``)."""
    old: str
    """The value before (``""`` when it had none, or the record is new)."""
    new: str
    """The value now (``""`` when it has none, or the record was removed)."""
    words: tuple[Piece, ...] = ()
    """For a long text changed in place: the word-level pieces (rebuild both exactly);
    empty when the change is told as ``old`` -> ``new``."""


@dataclass(frozen=True)
class RecordChange:
    """A chronology entry, recommendation or heading added, removed, changed or moved."""

    kind: RecordChangeKind
    """What happened to it."""
    record: RecordKind
    """What it is."""
    record_id: str
    """Its id (the new one when it was matched by its content across files)."""
    label: str
    """How it is named: ``Chronology entry 3 (11/03/2025)``, ``Recommendation 2``;
    numbered as in the new version (the old one for a removed record)."""
    old_position: int | None
    """Its place (1-based) in the order shown before (:func:`order_name`); ``None``
    when added."""
    new_position: int | None
    """Its place (1-based) in the order shown now; ``None`` when removed."""
    fields: tuple[FieldChange, ...] = ()
    """``changed``: the fields that differ; ``added``: every field with a value
    (``old`` empty); ``removed``: every field it had (``new`` empty); ``moved``: none."""
    moved: bool = False
    """True when its place among the others in the order shown changed (always for
    ``moved``; a ``changed`` record may also have moved)."""


@dataclass(frozen=True)
class StepChange:
    """One prompt (step of the interview) whose content differs."""

    step_id: str
    """The step's id (``summary``, ``analysis:HEADING_ID``)."""
    title: str
    """The prompt's title or the heading's wording."""
    kind: StepKind
    """Which of the following holds the change."""
    words: tuple[Piece, ...] = ()
    """``text``: the word-level pieces (kept / inserted / deleted)."""
    values: tuple[FieldChange, ...] = ()
    """``values``: each value that differs."""
    records: tuple[RecordChange, ...] = ()
    """``records``: each record added, removed, changed or moved, in the new order
    (removed records where they were)."""
    note: str = ""
    """A remark on the step as a whole: ``new heading``, ``heading removed``, or ``""``."""


@dataclass(frozen=True)
class SectionChanges:
    """The steps of one catalogue section that changed, in template order."""

    section_id: str
    """The section's id."""
    title: str
    """The section's title."""
    steps: tuple[StepChange, ...]
    """Its changed steps, never empty."""


@dataclass(frozen=True)
class CommentChange:
    """A comment opened, resolved, reopened, replied to, or removed since."""

    kind: CommentChangeKind
    """What happened."""
    comment_id: str
    """The comment's id."""
    place: str
    """Where it is, in words (``Chronology entry 3 (11/03/2025), Source of information``)."""
    by: str
    """Who did it: the comment's writer (opened), who resolved it, or the reply's writer."""
    at: str
    """When, ``dd/mm/yyyy HH:MM`` (``""`` when not known)."""
    text: str
    """The comment's text (opened, resolved, reopened, removed) or the reply's (replied)."""
    comment_text: str = ""
    """For a reply: the comment it answers."""


@dataclass(frozen=True)
class Changes:
    """Everything that changed from one version of a review to another."""

    old_label: str
    """What is compared from: ``version 1``, or a file's name."""
    new_label: str
    """What is compared to: ``version 2``, ``the file now``, or a file's name."""
    sections: tuple[SectionChanges, ...] = ()
    """The sections with changes, in template order."""
    comments: tuple[CommentChange, ...] = ()
    """The comments' changes, in the order of the comments in the new file."""
    old_version: int | None = None
    """The version number compared from, when it is a version sent."""
    notes: tuple[str, ...] = field(default=())
    """Lines to say before the changes (a copy's problem, a catalogue mismatch)."""

    @property
    def empty(self) -> bool:
        """Whether nothing changed (notes aside)."""
        return not self.sections and not self.comments


def order_name(record: RecordKind) -> str:
    """The order a record's place is counted in, as said after "in": the chronology's
    (by date and time) for an entry, the author's for a recommendation or heading."""
    return "the chronology's order" if record == "entry" else "the author's order"
