"""An open review: the document, where it lives, and every edit a front end can make.

Both front ends edit through this class, so the Textual interview and plain mode
change the file in exactly the same ways. It keeps track of unsaved changes and
of the last save's outcome; it never loses the text in memory when a save fails.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from imr_tui.catalogue import Catalogue
from imr_tui.model import (
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
    new_id,
)
from imr_tui.store import SaveError, render, review_data, stamp, write_review
from imr_tui.walk import Step, steps


class WriteGuard:
    """Keeps a session's writes in order: an older snapshot never overwrites a newer one."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latest = -1


@dataclass
class SaveJob:
    """One save, split so the slow part (rendering and writing) can run on a worker thread."""

    path: Path
    """Where to write."""
    data: dict[str, Any]
    """The review as plain data, taken when the save began."""
    generation: int
    """The session's change count when the save began."""
    guard: WriteGuard
    """The session's write order."""
    error: str = ""
    """Why writing failed, or empty."""

    def run(self) -> None:
        """Render and write the file; safe on a worker thread."""
        text = render(self.data)
        with self.guard.lock:
            if self.generation < self.guard.latest:
                return  # a newer save has already written the file
            try:
                write_review(self.path, text)
            except SaveError as e:
                self.error = str(e)
                return
            self.guard.latest = self.generation


@dataclass
class Session:
    """A review being edited."""

    path: Path
    """The review file."""
    review: Review
    """The document in memory (the truth while the app runs)."""
    catalogue: Catalogue
    """The interview it follows."""
    dirty: bool = False
    """True when memory holds changes the file does not."""
    last_saved: datetime | None = None
    """When the file was last written by this session."""
    error: str = ""
    """Why the last save failed, or empty."""
    saves: int = field(default=0)
    """How many times this session has written the file."""
    generation: int = field(default=0)
    """Counts changes, so a save that began before a change does not clear ``dirty``."""
    guard: WriteGuard = field(default_factory=WriteGuard)
    """Orders this session's writes."""
    read_only: bool = False
    """True when another session has the review open: nothing is ever written."""

    # ------------------------------------------------------------------ saving
    def begin_save(self) -> SaveJob | None:
        """Take what must be written, or None when the file is up to date."""
        if self.read_only or (not self.dirty and not self.error):
            return None
        stamp(self.review)
        data = review_data(self.review, self.catalogue)
        return SaveJob(self.path, data, self.generation, self.guard)

    def end_save(self, job: SaveJob) -> bool:
        """Record a finished save's outcome; returns whether it succeeded."""
        if job.error:
            self.error = job.error
            return False
        self.error = ""
        self.saves += 1
        self.last_saved = self.review.meta.last_saved
        if job.generation == self.generation:
            self.dirty = False
        return True

    def save(self) -> bool:
        """Write the review now if it has changed; False (keeping ``error``) on failure."""
        job = self.begin_save()
        if job is None:
            return True
        job.run()
        return self.end_save(job)

    def changed(self) -> None:
        """Note that the review in memory has changed."""
        if self.read_only:
            return
        self.dirty = True
        self.generation += 1

    # ------------------------------------------------------------------ walking
    def steps(self) -> list[Step]:
        """The interview's steps for the review as it is now."""
        return steps(self.catalogue, self.review)

    def set_resume(self, step_id: str) -> None:
        """Remember the prompt the author is on."""
        if self.review.resume != step_id:
            self.review.resume = step_id
            self.changed()

    # ------------------------------------------------------------------ answers
    def set_text(self, step: Step, text: str) -> None:
        """Record a text, long text or date answer (dates already ISO)."""
        if step.heading_id:
            self.set_analysis(step.heading_id, step.heading_title, text)
            return
        if self.review.answer(step.prompt.id) != text:
            self.review.set_answer(step.prompt.id, text)
            self.changed()

    def text(self, step: Step) -> str:
        """The current text answer to a step."""
        if step.heading_id:
            kept = self.review.heading_analysis.get(step.heading_id)
            return kept.text if kept else ""
        return self.review.answer(step.prompt.id)

    def set_analysis(self, heading_id: str, heading: str, text: str) -> None:
        """Record the analysis for a Terms of Reference heading."""
        current = self.review.heading_analysis.get(heading_id)
        if current and current.text == text:
            return
        kept = self.review.heading_analysis  # changed in place: this runs on every keystroke
        if text:
            title = current.heading if current and current.heading else heading
            for h in self.review.headings:
                if h.id == heading_id:
                    title = h.title
            kept[heading_id] = HeadingAnalysis(heading=title, text=text)
        else:
            kept.pop(heading_id, None)
        self.changed()

    def set_adults(self, adults: list[Adult]) -> None:
        """Replace the list of adults."""
        if adults != self.review.adults:
            self.review.adults = adults
            self.changed()

    def set_pseudonyms(self, pseudonyms: list[Pseudonym]) -> None:
        """Replace the names to replace in an anonymised export."""
        if pseudonyms != self.review.pseudonyms:
            self.review.pseudonyms = pseudonyms
            self.changed()

    def set_period(self, period: ReviewPeriod) -> None:
        """Set the review period."""
        if period != self.review.review_period:
            self.review.review_period = period
            self.changed()

    def set_headings(self, titles: list[tuple[str, str]]) -> None:
        """Replace the Terms of Reference headings, given as ``(id or "", title)``.

        Analysis answers of removed headings are kept (with the heading's wording)
        and shown as removed, never dropped; renamed headings keep their answers.
        """
        headings = [Heading(id=hid or new_id(), title=title) for hid, title in titles]
        if [(h.id, h.title) for h in headings] == [(h.id, h.title) for h in self.review.headings]:
            return
        self.review.headings = headings
        kept = dict(self.review.heading_analysis)
        for h in headings:
            if h.id in kept and kept[h.id].heading != h.title:
                kept[h.id] = HeadingAnalysis(heading=h.title, text=kept[h.id].text)
        self.review.heading_analysis = kept
        self.changed()

    def accept_abbreviation(self, abbreviation: str) -> None:
        """Keep an abbreviation for this review: checks stop flagging it, the export lists it."""
        known = {a.casefold() for a in self.review.accepted_abbreviations}
        if abbreviation.strip() and abbreviation.casefold() not in known:
            self.review.accepted_abbreviations = [
                *self.review.accepted_abbreviations,
                abbreviation,
            ]
            self.changed()

    def unaccept_abbreviation(self, abbreviation: str) -> None:
        """Stop accepting an abbreviation: checks flag it again."""
        kept = [
            a for a in self.review.accepted_abbreviations if a.casefold() != abbreviation.casefold()
        ]
        if kept != self.review.accepted_abbreviations:
            self.review.accepted_abbreviations = kept
            self.changed()

    # ------------------------------------------------------------------ records
    def put_entry(self, entry: ChronologyEntry) -> None:
        """Add a chronology entry, or replace the one with the same id."""
        entries = [e for e in self.review.chronology if e.id != entry.id]
        entries.append(entry)
        self.review.chronology = sorted(entries, key=ChronologyEntry.sort_key)
        self.changed()

    def duplicate_entry(self, entry_id: str) -> ChronologyEntry | None:
        """Copy an entry (new id) so a similar contact is quick to add."""
        for e in self.review.chronology:
            if e.id == entry_id:
                copy = e.model_copy(update={"id": new_id()}, deep=True)
                self.put_entry(copy)
                return copy
        return None

    def delete_entry(self, entry_id: str) -> None:
        """Remove a chronology entry."""
        self.review.chronology = [e for e in self.review.chronology if e.id != entry_id]
        self.changed()

    def put_recommendation(self, rec: Recommendation) -> None:
        """Add a recommendation, or replace the one with the same id (keeping its place)."""
        recs = list(self.review.recommendations)
        for i, r in enumerate(recs):
            if r.id == rec.id:
                recs[i] = rec
                break
        else:
            recs.append(rec)
        self.review.recommendations = recs
        self.changed()

    def delete_recommendation(self, rec_id: str) -> None:
        """Remove a recommendation."""
        self.review.recommendations = [r for r in self.review.recommendations if r.id != rec_id]
        self.changed()

    def move_recommendation(self, rec_id: str, delta: int) -> None:
        """Move a recommendation up (-1) or down (+1) the numbered list."""
        recs = list(self.review.recommendations)
        i = next((n for n, r in enumerate(recs) if r.id == rec_id), None)
        if i is None or not 0 <= i + delta < len(recs):
            return
        recs[i], recs[i + delta] = recs[i + delta], recs[i]
        self.review.recommendations = recs
        self.changed()
