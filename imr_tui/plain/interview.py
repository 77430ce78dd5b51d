"""The plain interview: every step in template order, saved after each answer."""

from __future__ import annotations

from pathlib import Path

from imr_tui.plain.answers import AnswerMixin
from imr_tui.plain.base import NAV_CHOICES, Nav
from imr_tui.plain.records import RecordsMixin
from imr_tui.walk import Step, is_answered, overall, progress, resume_index


class PlainInterview(AnswerMixin, RecordsMixin):
    """Walks the steps one at a time until the author quits."""

    step: Step | None = None
    """The step on screen (for the message that says where to carry on)."""

    def run(self) -> None:
        """Ask every step from the resume point; returns when the author chooses to quit.

        Ctrl-C raises :class:`KeyboardInterrupt` out of here, at once, from any prompt.
        """
        review = self.session.review
        index = resume_index(self.catalogue, review)
        done, total = overall(self.catalogue, review)
        self.ask.say(f"{self.catalogue.title}: {self.session.path.name}")
        self.ask.say(
            f"{done} of {total} prompts answered. Each answer is saved as soon as you give it; "
            "Ctrl-C saves and stops. Press Enter on an empty answer to skip, go back, "
            "jump to a section or quit."
        )
        last_section = ""
        while True:
            steps = self.session.steps()
            if index >= len(steps):
                nav, index = self.finish(len(steps))
                if nav is Nav.QUIT:
                    return
                continue
            step = steps[index]
            self.step = step
            self.session.set_resume(step.id)
            self.save()
            if step.section.id != last_section:
                self.show_section(step)
                last_section = step.section.id
            self.show_step(step, index, len(steps))
            nav = self.ask_step(step)
            steps = self.session.steps()  # headings may have changed the steps
            here = next((i for i, s in enumerate(steps) if s.id == step.id), index)
            if nav is Nav.QUIT:
                return
            if nav is Nav.NEXT:
                index = here + 1
            elif nav is Nav.BACK:
                index = max(0, here - 1)
            elif nav is Nav.SECTIONS:
                index = self.pick_section(here)
                last_section = ""
            else:
                index = here

    # ---------------------------------------------------------------- showing
    def show_section(self, step: Step) -> None:
        """The section's heading and the template's guidance for it."""
        section = step.section
        self.ask.say()
        self.ask.say(f"== {section.title} ==")
        if section.guidance and section.guidance != step.prompt.guidance:
            self.ask.say(section.guidance)

    def show_step(self, step: Step, index: int, total: int) -> None:
        """The prompt's title, guidance and hint."""
        prompt = step.prompt
        self.ask.say()
        self.ask.say(f"{step.section.title}, prompt {index + 1} of {total}:")
        self.ask.say(step.title)
        if step.heading_id:
            self.ask.say(f"{prompt.title}.")
            if step.removed:
                self.ask.say(self.catalogue.removed_heading_note)
        if prompt.guidance:
            self.ask.say(prompt.guidance)
        if prompt.hint:
            self.ask.say(f"Hint: {prompt.hint}")

    def ask_step(self, step: Step) -> Nav:
        """Ask the step with the editor its kind needs."""
        kind = step.prompt.kind
        if kind == "period":
            return self.ask_period(step)
        if kind == "adults":
            return self.ask_adults(step)
        if kind == "headings":
            return self.ask_headings(step)
        if kind == "chronology":
            return self.ask_chronology(step)
        if kind == "recommendations":
            return self.ask_recommendations(step)
        return self.ask_single(step)

    # ---------------------------------------------------------------- moving about
    def pick_section(self, here: int) -> int:
        """The first step of a section the author chooses (or ``here`` to stay)."""
        steps = self.session.steps()
        parts = progress(self.catalogue, self.session.review)
        choices: list[tuple[str, int]] = []
        for part in parts:
            first = next((i for i, s in enumerate(steps) if s.section.id == part.section.id), None)
            if first is not None:
                unanswered = next(
                    (
                        i
                        for i, s in enumerate(steps)
                        if s.section.id == part.section.id
                        and not is_answered(s, self.session.review)
                    ),
                    first,
                )
                choices.append(
                    (f"{part.section.title} ({part.answered} of {part.total})", unanswered)
                )
        choices.append(("Stay where I was", here))
        return self.menu("Which section?", choices)

    def finish(self, total: int) -> tuple[Nav, int]:
        """Past the last prompt: export, go elsewhere, or quit."""
        review = self.session.review
        done, count = overall(self.catalogue, review)
        self.ask.say()
        self.ask.say(
            f"You have reached the end of the interview: {done} of {count} prompts answered."
        )
        steps = self.session.steps()
        unanswered = next(
            (i for i, s in enumerate(steps) if not s.removed and not is_answered(s, review)), None
        )
        choices: list[tuple[str, tuple[Nav, int] | str]] = [
            ("Export the report as Markdown", "export")
        ]
        if unanswered is not None:
            choices.append(("Go to the first unanswered prompt", (Nav.NEXT, unanswered)))
        choices += [
            (title, (nav, max(0, total - 1)) if nav is Nav.BACK else (nav, total))
            for title, nav in NAV_CHOICES
        ]
        pick = self.menu("What would you like to do?", choices)
        if pick == "export":
            self.export()
            return Nav.STAY, total
        assert not isinstance(pick, str)
        nav, index = pick
        if nav is Nav.SECTIONS:
            return nav, self.pick_section(total)
        return nav, index

    def export(self) -> Path | None:
        """Save, then write the Markdown report beside the review."""
        from imr_tui.errors import UserError
        from imr_tui.export import to_markdown
        from imr_tui.store import write_text_private

        self.save()
        target = self.session.path.with_suffix(".md")
        try:
            write_text_private(target, to_markdown(self.session.review, self.catalogue))
        except UserError as e:
            self.ask.say(f"Export failed: {e}")
            return None
        self.ask.say(f"The report was written to {target.name}, beside the review.")
        return target
