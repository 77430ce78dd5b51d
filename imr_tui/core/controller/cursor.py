"""The step cursor: where the author is in the interview, and moving about it.

Both front ends move with it (next, back, a step, a section, the first unanswered
prompt, past the end), so a rule about where a move lands is written once.
"""

from __future__ import annotations

from collections.abc import Collection

from imr_tui.core.session import Session
from imr_tui.core.steps import Progress, Step, is_answered, progress, resume_index


class Cursor:
    """Where the author is in the interview: a step (by id), or past the last one.

    The place is kept by step id, so it survives Terms of Reference headings being
    added or removed; moving records the resume position in the session.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        """The review being walked."""
        self.step_id = ""
        """The current step's id (empty past the end)."""
        self._index = 0
        """Where the step was when last seen (a step that vanished is replaced by the one there)."""

    # -------------------------------------------------------------- where
    def steps(self) -> list[Step]:
        """The steps as the review is now."""
        return self.session.steps()

    @property
    def index(self) -> int:
        """The current step's position (the number of steps past the end)."""
        steps = self.steps()
        if not self.step_id:
            return len(steps)
        for i, s in enumerate(steps):
            if s.id == self.step_id:
                self._index = i
                return i
        return min(self._index, len(steps))

    @property
    def step(self) -> Step | None:
        """The current step (None past the end)."""
        steps = self.steps()
        i = self.index
        return steps[i] if i < len(steps) else None

    @property
    def past_end(self) -> bool:
        """Whether the author has gone on past the last step."""
        return self.step is None

    def following(self) -> Step | None:
        """The step after the current one (None if it is the last, or past the end)."""
        steps = self.steps()
        i = self.index + 1
        return steps[i] if i < len(steps) else None

    def preceding(self) -> Step | None:
        """The step before the current one (None at the first); past the end, the last."""
        steps = self.steps()
        i = self.index - 1
        return steps[i] if 0 <= i < len(steps) else None

    # -------------------------------------------------------------- targets
    def resume_step(self) -> Step:
        """Where to open: the saved position, else the first unanswered step."""
        return self.steps()[resume_index(self.session.catalogue, self.session.review)]

    def first_unanswered(self) -> Step | None:
        """The first step with no answer (removed headings left out), or None."""
        review = self.session.review
        return next((s for s in self.steps() if not s.removed and not is_answered(s, review)), None)

    def section_start(self, section_id: str) -> Step | None:
        """A section's first unanswered step, else its first step (None: no such section)."""
        mine = [s for s in self.steps() if s.section.id == section_id]
        review = self.session.review
        return next((s for s in mine if not is_answered(s, review)), mine[0] if mine else None)

    def sections(self) -> list[tuple[Progress, Step]]:
        """Each section that has steps, its completion, and where going to it lands."""
        out: list[tuple[Progress, Step]] = []
        for part in progress(self.session.catalogue, self.session.review):
            start = self.section_start(part.section.id)
            if start is not None:
                out.append((part, start))
        return out

    # -------------------------------------------------------------- moving
    def go(self, step_id: str) -> Step:
        """Move to the step with this id (the first step if there is none) and remember it."""
        steps = self.steps()
        step = next((s for s in steps if s.id == step_id), steps[0])
        self.step_id = step.id
        self._index = steps.index(step)
        self.session.set_resume(step.id)
        return step

    def resume(self) -> Step:
        """Move to where the author left off."""
        return self.go(self.resume_step().id)

    def forward(self) -> Step | None:
        """Move to the next step, or past the end after the last (None there)."""
        after = self.following()
        if after is not None:
            return self.go(after.id)
        self.to_end()
        return None

    def back(self) -> Step | None:
        """Move to the previous step; None (staying put) at the first."""
        before = self.preceding()
        return self.go(before.id) if before is not None else None

    def to_end(self) -> None:
        """Go on past the last step (the resume position stays the last step shown)."""
        self._index = len(self.steps())
        self.step_id = ""

    def after_end(self, flagged: Collection[str] = ()) -> Step | None:
        """Where to carry on after going past the last step: the first step (removed
        headings left out) that is unanswered or whose id is in ``flagged`` (the steps
        the checks find something at), which becomes the resume position. None when
        every step is answered and none is flagged: the resume position stays as it is.

        The cursor itself stays where it is (past the end), so a front end that is
        finishing does not walk the interview again.
        """
        review = self.session.review
        target = next(
            (
                s
                for s in self.steps()
                if not s.removed and (s.id in flagged or not is_answered(s, review))
            ),
            None,
        )
        if target is not None:
            self.session.set_resume(target.id)
        return target
