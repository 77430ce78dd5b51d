"""An open review: the document, where it lives, and every edit a front end can make.

Both front ends edit through this class, so the Textual interview and plain mode
change the file in exactly the same ways. It keeps track of unsaved changes and
of the last save's outcome; it never loses the text in memory when a save fails.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.chronology_order import display_order
from imr_tui.core.errors import UserError
from imr_tui.core.journal import ORDER_KEY, Journal, Recovered, apply, discard, read_journal
from imr_tui.core.lock import ReviewLock
from imr_tui.core.model import (
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
from imr_tui.core.session_comments import CommentsMixin
from imr_tui.core.session_drafts import DraftsMixin
from imr_tui.core.steps import Step, steps
from imr_tui.core.store import (
    Fingerprint,
    OutsideChange,
    SaveError,
    load_checked,
    remove_stale_temporaries,
    render,
    review_data,
    stamp,
    write_review,
)

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """Text as it can be saved: a lone surrogate (half of a character, from a broken
    paste) becomes U+FFFD, the replacement character."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def snapshot(review: Review) -> Review:
    """The review as it is now, cheaply, for another thread to write out.

    Every container the session changes in place (the answers, the analyses) or
    replaces (the lists) is copied; the records in them are shared, because the
    session never changes a record in place, it puts a new one in its place. So
    turning a 5,000-entry review into data (about 0.1 s) happens off the event
    loop, and typing does not wait for it.
    """
    return review.model_copy(
        update={
            "meta": review.meta.model_copy(),
            "answers": dict(review.answers),
            "heading_analysis": dict(review.heading_analysis),
            "adults": list(review.adults),
            "headings": list(review.headings),
            "chronology": list(review.chronology),
            "recommendations": list(review.recommendations),
            "accepted_abbreviations": list(review.accepted_abbreviations),
            "abbreviation_meanings": dict(review.abbreviation_meanings),
            "pseudonyms": list(review.pseudonyms),
            "sent": list(review.sent),
            "drafts": list(review.drafts),
            "comments": list(review.comments),
        }
    )


def _dump(items: list[Any]) -> list[Any]:
    return [item.model_dump(mode="json") for item in items]


class WriteGuard:
    """Keeps a session's writes in order: an older snapshot never overwrites a newer one.

    It also knows the file as this session last read or wrote it, so that a file
    changed by anything else is never written over without the author's say.
    """

    def __init__(self, fingerprint: Fingerprint | None = None) -> None:
        self.lock = threading.Lock()
        self.latest = -1
        self.fingerprint = fingerprint
        """The file as last loaded or written here (None: do not check)."""


@dataclass
class SaveJob:
    """One save, split so the slow part (rendering and writing) can run on a worker thread."""

    path: Path
    """Where to write."""
    snapshot: Review
    """The review as it was when the save began (its own containers, shared records)."""
    catalogue: Catalogue | None
    """Puts the answers in template order."""
    generation: int
    """The session's change count when the save began."""
    guard: WriteGuard
    """The session's write order."""
    lock: ReviewLock | None = None
    """The review's lock, which must still be this session's."""
    journal: Journal | None = None
    """The recovery journal, told what the file now holds."""
    error: str = ""
    """Why writing failed, or empty."""
    conflict: str = ""
    """Set (with ``error``) when the file or its lock changed under the session."""
    data: dict[str, Any] = field(default_factory=dict)
    """The review as plain data, once :meth:`run` has rendered it."""

    def run(self) -> None:
        """Render and write the file; safe on a worker thread."""
        self.data = review_data(self.snapshot, self.catalogue)
        text = render(self.data)
        with self.guard.lock:
            if self.generation < self.guard.latest:
                return  # a newer save has already written the file
            try:
                if self.lock is not None and not self.lock.is_ours():
                    raise OutsideChange(
                        f"{self.path}: its lock was removed or taken by another program"
                    )
                self.guard.fingerprint = write_review(self.path, text, self.guard.fingerprint)
            except OutsideChange as e:
                self.error = self.conflict = str(e)
                return
            except (SaveError, UserError) as e:
                self.error = str(e)
                return
            self.guard.latest = self.generation
        if self.journal is not None:
            self.journal.saved(self.generation)


@dataclass
class Session(DraftsMixin, CommentsMixin):
    """A review being edited (its drafts' methods: :class:`DraftsMixin`)."""

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
    lock: ReviewLock | None = None
    """This session's lock on the review (None for a read-only view)."""
    journal: Journal | None = None
    """Where every change goes within a fifth of a second (None: not journalled)."""
    conflict: str = ""
    """Why saving stopped: the file or its lock changed under the session. Nothing is
    written until the author chooses (reload, keep both, overwrite)."""

    # ------------------------------------------------------------------ saving
    def begin_save(self) -> SaveJob | None:
        """Take what must be written, or None when the file is up to date (or when an
        outside change is waiting for the author's decision)."""
        if self.read_only or self.conflict or (not self.dirty and not self.error):
            return None
        stamp(self.review)
        return SaveJob(
            self.path,
            snapshot(self.review),
            self.catalogue,
            self.generation,
            self.guard,
            self.lock,
            self.journal,
        )

    def end_save(self, job: SaveJob) -> bool:
        """Record a finished save's outcome; returns whether it succeeded."""
        if job.error:
            self.error = job.error
            self.conflict = job.conflict or self.conflict
            return False
        self.error = ""
        self.saves += 1
        self.last_saved = self.review.meta.last_saved
        if job.generation == self.generation:
            self.dirty = False
        return True

    def save(self) -> bool:
        """Write the review now if it has changed; False (keeping ``error``) on failure."""
        if self.conflict:
            return False
        job = self.begin_save()
        if job is None:
            return True
        job.run()
        return self.end_save(job)

    def changed(self, key: str = "", value: Any = None) -> None:
        """Note that the review in memory has changed; ``key`` names the part (for the
        journal, which gets ``value``, its new state as plain data)."""
        if self.read_only:
            return
        self.dirty = True
        self.generation += 1
        if key and self.journal is not None:
            self.journal.record(key, value, self.generation)

    def recover(self, recovered: Recovered | None) -> int:
        """Replay a journal left by an ended session (or, given None, discard it);
        from then on this session journals its own changes. Returns how many parts
        changed. The caller saves."""
        count = 0
        if recovered is not None:
            self.review = apply(self.review, recovered.changes)
            count = len(recovered.changes)
        if self.lock is not None and not self.read_only:
            discard(self.path)
            if self.journal is None:
                self.journal = Journal(self.path)
            if recovered is not None:
                for key, value in recovered.changes.items():
                    self.changed(key, value)
        return count

    def reload_keeping_mine(self) -> None:
        """After an outside change: take the file as it is now, with this session's
        unsaved changes (every part the journal holds) put back on top. The caller saves."""
        review, fingerprint = load_checked(self.path, self.catalogue)
        self._retake_lock()
        mine = self.journal.unsaved() if self.journal is not None else {}
        self.review = apply(review, mine)
        self.guard.fingerprint = fingerprint
        self.conflict = ""
        self.error = ""
        self.dirty = True
        self.generation += 1

    def overwrite(self) -> None:
        """After an outside change, with the author's confirmation: the next save
        replaces the file with this session's version."""
        self._retake_lock()
        self.guard.fingerprint = None
        self.conflict = ""
        self.error = ""
        self.dirty = True
        self.generation += 1

    def keep_both(self) -> Path:
        """After an outside change: save this session's version as a new file beside the
        review (which stays as the other program left it) and carry on in the copy."""
        from imr_tui.core.store import create

        stem = self.path.stem
        for n in range(1, 1000):
            copy = self.path.with_name(f"{stem} (my version {n}){self.path.suffix}")
            if not copy.exists():
                break
        else:
            raise UserError(f"{self.path}: too many copies beside it; tidy the folder first")
        create(copy, self.catalogue, self.review)
        old_lock, old_journal = self.lock, self.journal
        self.lock = ReviewLock.acquire(copy)
        if old_lock is not None:
            old_lock.release()
        if old_journal is not None:
            old_journal.close()
            discard(self.path)
        self.path = copy
        self.guard = WriteGuard(load_checked(copy, self.catalogue)[1])
        self.journal = Journal(copy)
        self.conflict = ""
        self.error = ""
        self.dirty = False
        return copy

    def _retake_lock(self) -> None:
        """Make sure the lock is this session's again (it may have been removed)."""
        if self.lock is not None and self.lock.is_ours():
            return
        lock = ReviewLock.acquire(self.path)
        if self.lock is not None:
            self.lock.forget()
        self.lock = lock

    def close(self) -> None:
        """The session ends: stop the journal (it stays on disk only if changes are unsaved)."""
        if self.journal is not None:
            self.journal.close()
            if not self.dirty and not self.conflict:
                discard(self.path)
            self.journal = None

    # ------------------------------------------------------------------ walking
    def steps(self) -> list[Step]:
        """The interview's steps for the review as it is now."""
        return steps(self.catalogue, self.review)

    def set_resume(self, step_id: str) -> None:
        """Remember the prompt the author is on."""
        if self.review.resume != step_id:
            self.review.resume = step_id
            self.changed("resume", step_id)

    # ------------------------------------------------------------------ answers
    def set_text(self, step: Step, text: str) -> None:
        """Record a text, long text or date answer (dates already ISO)."""
        if step.heading_id:
            self.set_analysis(step.heading_id, step.heading_title, text)
            return
        text = clean(text)
        if self.review.answer(step.prompt.id) != text:
            self.review.set_answer(step.prompt.id, text)
            self.changed(f"answer:{step.prompt.id}", text)

    def text(self, step: Step) -> str:
        """The current text answer to a step."""
        if step.heading_id:
            kept = self.review.heading_analysis.get(step.heading_id)
            return kept.text if kept else ""
        return self.review.answer(step.prompt.id)

    def set_analysis(self, heading_id: str, heading: str, text: str) -> None:
        """Record the analysis for a Terms of Reference heading."""
        text = clean(text)
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
        saved = kept.get(heading_id)
        self.changed(f"analysis:{heading_id}", saved.model_dump(mode="json") if saved else None)

    def set_adults(self, adults: list[Adult]) -> None:
        """Replace the list of adults."""
        if adults != self.review.adults:
            self.review.adults = adults
            self.changed("adults", _dump(adults))

    def set_pseudonyms(self, pseudonyms: list[Pseudonym]) -> None:
        """Replace the names to replace in an anonymised export."""
        if pseudonyms != self.review.pseudonyms:
            self.review.pseudonyms = pseudonyms
            self.changed("pseudonyms", _dump(pseudonyms))

    def set_period(self, period: ReviewPeriod) -> None:
        """Set the review period."""
        if period != self.review.review_period:
            self.review.review_period = period
            self.changed("period", period.model_dump(mode="json"))

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
        self.changed("headings", _dump(headings))
        self.changed("heading_analysis", {k: v.model_dump(mode="json") for k, v in kept.items()})

    def accept_abbreviation(self, abbreviation: str) -> None:
        """Keep an abbreviation for this review: checks stop flagging it, the export lists it."""
        known = {a.casefold() for a in self.review.accepted_abbreviations}
        if abbreviation.strip() and abbreviation.casefold() not in known:
            self.review.accepted_abbreviations = [
                *self.review.accepted_abbreviations,
                abbreviation,
            ]
            self.changed("abbreviations", list(self.review.accepted_abbreviations))

    def unaccept_abbreviation(self, abbreviation: str) -> None:
        """Stop accepting an abbreviation and forget any meaning given to it (compared
        case-insensitively), so it is exactly as if never accepted: the checks query it
        again and the export's glossary no longer prints that meaning."""
        key = abbreviation.casefold()
        meanings = {
            a: m for a, m in self.review.abbreviation_meanings.items() if a.casefold() != key
        }
        if meanings != self.review.abbreviation_meanings:
            self.review.abbreviation_meanings = meanings
            self.changed("meanings", dict(meanings))
        kept = [a for a in self.review.accepted_abbreviations if a.casefold() != key]
        if kept != self.review.accepted_abbreviations:
            self.review.accepted_abbreviations = kept
            self.changed("abbreviations", list(kept))

    def set_abbreviation_meaning(self, abbreviation: str, meaning: str) -> None:
        """Give an abbreviation the meaning the author intends (one of an ambiguous
        one's expansions, or any text for one the glossary does not know); the
        export's glossary prints it. Giving a meaning also accepts the abbreviation;
        an empty meaning forgets the meaning (the abbreviation stays accepted: to
        return it to the checks, :meth:`unaccept_abbreviation`).

        The meaning is kept on one line, without control characters.
        """
        abbreviation = " ".join(abbreviation.split())
        if not abbreviation:
            return
        meaning = "".join(c if c.isprintable() else " " for c in clean(meaning))
        meaning = " ".join(meaning.split())
        meanings = {
            a: m
            for a, m in self.review.abbreviation_meanings.items()
            if a.casefold() != abbreviation.casefold()
        }
        if meaning:
            meanings[abbreviation] = meaning
        if meanings != self.review.abbreviation_meanings:
            self.review.abbreviation_meanings = meanings
            self.changed("meanings", dict(meanings))
        if meaning:
            self.accept_abbreviation(abbreviation)

    # ------------------------------------------------------------------ records
    def put_entry(self, entry: ChronologyEntry) -> None:
        """Add a chronology entry (at the end of the author's order), or replace the one
        with the same id: in its place, unless its date or time changed, when it goes to
        the end (after the timed entries of its new day, as a new entry does)."""
        entries = list(self.review.chronology)
        i = next((n for n, e in enumerate(entries) if e.id == entry.id), None)
        if i is not None and (entries[i].day(), entries[i].time) == (entry.day(), entry.time):
            entries[i] = entry
            self.review.chronology = entries
        else:
            self._reorder([*(e for e in entries if e.id != entry.id), entry])
        self.changed(f"entry:{entry.id}", entry.model_dump(mode="json"))

    def add_entries(self, entries: list[ChronologyEntry]) -> None:
        """Add entries after the review's own, in the order given (an import's rows)."""
        if entries:
            self._reorder([*self.review.chronology, *entries])
            for entry in entries:
                self.changed(f"entry:{entry.id}", entry.model_dump(mode="json"))

    def _reorder(self, entries: list[ChronologyEntry]) -> None:
        """Take ``entries`` as the chronology in the author's order (journalled)."""
        self.review.chronology = entries
        self.changed(ORDER_KEY, [e.id for e in entries])

    def duplicate_entry(self, entry_id: str) -> ChronologyEntry | None:
        """Copy an entry (new id), just after it, so a similar contact is quick to add."""
        entries = list(self.review.chronology)
        for n, e in enumerate(entries):
            if e.id == entry_id:
                copy = e.model_copy(update={"id": new_id()}, deep=True)
                entries.insert(n + 1, copy)
                self._reorder(entries)
                self.changed(f"entry:{copy.id}", copy.model_dump(mode="json"))
                return copy
        return None

    def move_entry(self, entry_id: str, delta: int) -> bool:
        """Move an entry up (-1) or down (+1) among the entries of its day, as shown.

        False (nothing changes) at the first or last entry of its day, or where its
        time puts it (an entry at 09:05 cannot go before one at 08:15).
        """
        shown = self.review.sorted_chronology()
        i = next((n for n, e in enumerate(shown) if e.id == entry_id), None)
        if i is None or not 0 <= i + delta < len(shown) or shown[i].day() != shown[i + delta].day():
            return False
        wanted = list(shown)
        wanted[i], wanted[i + delta] = wanted[i + delta], wanted[i]
        day = shown[i].day()
        entries = list(self.review.chronology)
        slots = [n for n, e in enumerate(entries) if e.day() == day]
        for n, e in zip(slots, (e for e in wanted if e.day() == day), strict=True):
            entries[n] = e
        if display_order(entries) != wanted:
            return False
        self._reorder(entries)
        return True

    def delete_entry(self, entry_id: str) -> None:
        """Remove a chronology entry (its comments are kept, and say what it was)."""
        self.remember_places(entry_id)
        self.review.chronology = [e for e in self.review.chronology if e.id != entry_id]
        self.changed(f"entry:{entry_id}", None)

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
        self.changed("recommendations", _dump(recs))

    def delete_recommendation(self, rec_id: str) -> None:
        """Remove a recommendation (its comments are kept, and say what it was)."""
        self.remember_places(rec_id)
        self.review.recommendations = [r for r in self.review.recommendations if r.id != rec_id]
        self.changed("recommendations", _dump(self.review.recommendations))

    def move_recommendation(self, rec_id: str, delta: int) -> None:
        """Move a recommendation up (-1) or down (+1) the numbered list."""
        recs = list(self.review.recommendations)
        i = next((n for n, r in enumerate(recs) if r.id == rec_id), None)
        if i is None or not 0 <= i + delta < len(recs):
            return
        recs[i], recs[i + delta] = recs[i + delta], recs[i]
        self.review.recommendations = recs
        self.changed("recommendations", _dump(recs))


def open_session(
    path: Path, catalogue: Catalogue, *, journal: bool = True
) -> tuple[Session, Recovered | None]:
    """Lock the review, then load it: the one way every mode opens a review to change it.

    Taking the lock first means no change another command makes (and reports as
    done) can slip in between reading the file and this session's first save.
    Raises :class:`~imr_tui.core.lock.LockHeld` or :class:`UserError`. Also returns what
    a journal left by an ended session holds (None if nothing): the caller offers
    to replay it (:meth:`Session.recover`) or to discard it.
    """
    lock = ReviewLock.acquire(path)
    try:
        review, fingerprint = load_checked(path, catalogue)
        remove_stale_temporaries(path, lock.info.since.timestamp())
        recovered = read_journal(path)
    except BaseException:
        lock.release()
        raise
    session = Session(path, review, catalogue, last_saved=review.meta.last_saved, lock=lock)
    session.guard.fingerprint = fingerprint
    if journal and recovered is None:
        discard(path)  # a journal with nothing readable in it: start afresh, never after it
        session.journal = Journal(path)
    return session, recovered


def view_session(path: Path, catalogue: Catalogue) -> Session:
    """Load a review to look at without changing it (no lock, no journal, no saves)."""
    review, _ = load_checked(path, catalogue)
    return Session(path, review, catalogue, read_only=True)
