"""The plain interview: every step in template order, saved after each answer."""

from __future__ import annotations

from pathlib import Path

from imr_tui.checks import report, run_checks
from imr_tui.core.steps import Step, is_answered, overall, progress, resume_index
from imr_tui.plain.answers import AnswerMixin
from imr_tui.plain.base import NAV_CHOICES, Nav
from imr_tui.plain.records import RecordsMixin


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
            "jump to a section, check the review or quit."
        )
        if self.training:
            self.ask.say("Training: each prompt also shows why it matters and a model answer.")
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
            elif nav is Nav.CHECK:
                index = self.check_review(here)
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
        if self.training and prompt.why:
            self.ask.say(f"Why it matters: {prompt.why}")
        if self.training and prompt.model_answer:
            self.ask.say(f"A model answer: {prompt.model_answer}")

    def ask_step(self, step: Step) -> Nav:
        """Ask the step with the editor its kind needs."""
        kind = step.prompt.kind
        if kind == "period":
            return self.ask_period(step)
        if kind == "adults":
            return self.ask_adults(step)
        if kind == "headings":
            return self.ask_headings(step)
        if kind == "pseudonyms":
            return self.ask_pseudonyms(step)
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
        if nav is Nav.CHECK:
            return nav, self.check_review(total)
        return nav, index

    # ---------------------------------------------------------------- checking
    def check_review(self, here: int) -> int:
        """Print what the checks find; go to a finding's prompt, or accept abbreviations.

        Returns the index of the step to go to (``here`` to stay).
        """
        shown = False
        while True:
            review = self.session.review
            findings = run_checks(self.catalogue, review, self.glossary)
            if not shown:
                self.show_report(report(findings, self.catalogue))
                shown = True
            steps = self.session.steps()
            where = {s.id: i for i, s in enumerate(steps)}
            targets = list(dict.fromkeys(f.step_id for f in findings if f.step_id in where))
            abbreviations = list(dict.fromkeys(f.abbreviation for f in findings if f.abbreviation))
            accepted = list(review.accepted_abbreviations)
            choices: list[tuple[str, str]] = []
            if targets:
                choices.append(("Go to the prompt of a finding", "go"))
            if abbreviations:
                choices.append(("Accept an abbreviation for this review", "accept"))
            if accepted:
                choices.append(("Stop accepting an abbreviation", "unaccept"))
            if findings:
                choices.append(("Show the findings again", "show"))
            choices.append(("Go back to where I was", "stay"))
            pick = self.menu("What would you like to do?", choices)
            if pick == "stay":
                return here
            if pick == "show":
                shown = False
            elif pick == "go":
                for n, step_id in enumerate(targets, 1):
                    step = steps[where[step_id]]
                    count = sum(f.step_id == step_id for f in findings)
                    plural = "" if count == 1 else "s"
                    self.ask.say(
                        f"{n}. {step.section.title}: {step.title} ({count} finding{plural})"
                    )
                which = self.ask.number("Which prompt? Type its number:", len(targets))
                if which is not None:
                    return where[targets[which - 1]]
            elif pick == "accept":
                for n, abbr in enumerate(abbreviations, 1):
                    self.ask.say(f"{n}. {abbr}: {self.glossary.meaning(abbr)}")
                which = self.ask.number("Which abbreviation? Type its number:", len(abbreviations))
                if which is not None:
                    abbr = abbreviations[which - 1]
                    self.session.accept_abbreviation(abbr)
                    self.save()
                    self.ask.say(
                        f"{abbr} is accepted for this review: the checks no longer flag it, "
                        "and the exported report's glossary lists it."
                    )
            else:
                for n, abbr in enumerate(accepted, 1):
                    self.ask.say(f"{n}. {abbr}")
                which = self.ask.number("Which abbreviation? Type its number:", len(accepted))
                if which is not None:
                    abbr = accepted[which - 1]
                    self.session.unaccept_abbreviation(abbr)
                    self.save()
                    self.ask.say(f"{abbr} is no longer accepted: the checks flag it again.")

    def show_report(self, text: str) -> None:
        """The checks' report, wrapped to the terminal, each line keeping its indent."""
        self.ask.say()
        for line in text.rstrip("\n").split("\n"):
            body = line.lstrip()
            self.ask.say(body, indent=line[: len(line) - len(body)])

    def export(self) -> Path | None:
        """Save, then write the Markdown report beside the review."""
        from imr_tui.core.errors import UserError
        from imr_tui.core.store import write_text_private
        from imr_tui.report.markdown import to_markdown

        self.save()
        target = self.session.path.with_suffix(".md")
        try:
            markdown = to_markdown(self.session.review, self.catalogue, self.glossary)
            write_text_private(target, markdown)
        except UserError as e:
            self.ask.say(f"Export failed: {e}")
            return None
        self.ask.say(f"The report was written to {target.name}, beside the review.")
        return target
