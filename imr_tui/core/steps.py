"""The interview as a sequence of steps, and how complete each part is.

A *step* is one screenful of the interview: a catalogue prompt, except that the
``tor_analysis`` prompt becomes one step per Terms of Reference heading (plus a
step for each kept answer whose heading was removed). Every front end walks
these same steps, and the export and checks count completion with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from imr_tui.core.catalogue import Catalogue, Prompt, Section
from imr_tui.core.model import Review

SEP = ":"


@dataclass(frozen=True)
class Step:
    """One prompt as the author meets it."""

    id: str
    """``prompt_id`` or ``prompt_id:heading_id`` for an analysis heading."""
    section: Section
    """The section it belongs to."""
    prompt: Prompt
    """The catalogue prompt behind it."""
    heading_id: str = ""
    """For analysis against a Terms of Reference heading: the heading's id."""
    heading_title: str = ""
    """For analysis against a heading: its wording."""
    removed: bool = False
    """True for an answer kept after its heading was taken off the list."""

    @property
    def title(self) -> str:
        """What the step is called on screen and in the export."""
        return self.heading_title or self.prompt.title


def steps(catalogue: Catalogue, review: Review) -> list[Step]:
    """Every step of the interview, in template order."""
    out: list[Step] = []
    for section in catalogue.sections:
        for prompt in section.prompts:
            if prompt.kind != "tor_analysis":
                out.append(Step(prompt.id, section, prompt))
                continue
            current = {h.id for h in review.headings}
            for h in review.headings:
                title = h.title.strip() or "(untitled heading)"
                out.append(Step(f"{prompt.id}{SEP}{h.id}", section, prompt, h.id, title))
            for hid, kept in review.heading_analysis.items():
                if hid not in current and kept.text.strip():
                    title = kept.heading.strip() or "(untitled heading)"
                    out.append(
                        Step(f"{prompt.id}{SEP}{hid}", section, prompt, hid, title, removed=True)
                    )
    return out


def written_text(step: Step, review: Review) -> str | None:
    """The prose written at a step: the analysis under a Terms of Reference heading, or a
    text or long text answer; ``None`` for any other kind of step."""
    if step.heading_id:
        kept = review.heading_analysis.get(step.heading_id)
        return kept.text if kept else ""
    if step.prompt.kind in ("text", "long_text"):
        return review.answer(step.prompt.id)
    return None


def is_answered(step: Step, review: Review) -> bool:
    """Whether the author has given any answer to the step."""
    kind = step.prompt.kind
    if step.heading_id:
        kept = review.heading_analysis.get(step.heading_id)
        return bool(kept and kept.text.strip())
    if kind == "adults":
        return any(a.name.strip() for a in review.adults)
    if kind == "period":
        return review.review_period.start is not None and review.review_period.end is not None
    if kind == "headings":
        return any(h.title.strip() for h in review.headings)
    if kind == "chronology":
        return bool(review.chronology)
    if kind == "recommendations":
        return bool(review.recommendations)
    if kind == "pseudonyms":
        return any(p.name.strip() for p in review.pseudonyms)
    if kind == "tor_analysis":
        return False
    return bool(review.answer(step.prompt.id).strip())


@dataclass(frozen=True)
class Progress:
    """How many steps of a section are answered."""

    section: Section
    """The section counted."""
    answered: int
    """Steps with an answer."""
    total: int
    """Steps in the section (removed headings are not counted)."""

    def label(self) -> str:
        """``Analysis 4/13``."""
        return f"{self.section.title} {self.answered}/{self.total}"


def progress(catalogue: Catalogue, review: Review) -> list[Progress]:
    """Completion of each section, in order."""
    all_steps = [s for s in steps(catalogue, review) if not s.removed]
    out = []
    for section in catalogue.sections:
        mine = [s for s in all_steps if s.section.id == section.id]
        done = sum(is_answered(s, review) for s in mine)
        out.append(Progress(section, done, len(mine)))
    return out


def overall(catalogue: Catalogue, review: Review) -> tuple[int, int]:
    """Answered steps and total steps across the whole review."""
    parts = progress(catalogue, review)
    return sum(p.answered for p in parts), sum(p.total for p in parts)


def resume_index(catalogue: Catalogue, review: Review) -> int:
    """Index of the step to open: the saved position, else the first unanswered step."""
    all_steps = steps(catalogue, review)
    for i, s in enumerate(all_steps):
        if s.id == review.resume:
            return i
    for i, s in enumerate(all_steps):
        if not is_answered(s, review):
            return i
    return 0
