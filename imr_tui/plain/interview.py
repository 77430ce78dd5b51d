"""The plain interview: every step in template order, saved after each answer."""

from __future__ import annotations

from pathlib import Path

from imr_tui.checks import report, run_checks
from imr_tui.checks.abbreviation_accept import accept_as_written
from imr_tui.core.errors import UserError
from imr_tui.core.example import model_answer
from imr_tui.core.steps import Step, overall
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
        cursor = self.cursor
        cursor.resume()
        done, total = overall(self.catalogue, self.session.review)
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
            step = cursor.step
            if step is None:
                if self.finish() is Nav.QUIT:
                    return
                last_section = ""
                continue
            self.step = cursor.go(step.id)
            self.save()
            if step.section.id != last_section:
                self.show_section(step)
                last_section = step.section.id
            self.show_step(step, cursor.index, len(cursor.steps()))
            nav = self.ask_step(step)  # headings may change the steps: the cursor keeps its place
            if nav is Nav.QUIT:
                return
            if nav is Nav.NEXT:
                cursor.forward()
            elif nav is Nav.BACK:
                cursor.back()
            elif nav is Nav.SECTIONS:
                self.pick_section()
                last_section = ""
            elif nav is Nav.CHECK:
                self.check_review()
                last_section = ""

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
            self.ask.say(f"A model answer: {model_answer(prompt.model_answer, self.catalogue)}")

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
    def pick_section(self) -> None:
        """Go to a section the author chooses (its first unanswered step), or stay."""
        choices = [
            (f"{part.section.title} ({part.answered} of {part.total})", start.id)
            for part, start in self.cursor.sections()
        ]
        choices.append(("Stay where I was", ""))
        step_id = self.menu("Which section?", choices)
        if step_id:
            self.cursor.go(step_id)

    def finish(self) -> Nav:
        """Past the last prompt: export, go elsewhere, or quit."""
        done, count = overall(self.catalogue, self.session.review)
        self.ask.say()
        self.ask.say(
            f"You have reached the end of the interview: {done} of {count} prompts answered."
        )
        unanswered = self.cursor.first_unanswered()
        choices: list[tuple[str, Nav | str]] = [("Export the report", "export")]
        if unanswered is not None:
            choices.append(("Go to the first unanswered prompt", "unanswered"))
        choices += NAV_CHOICES
        pick = self.menu("What would you like to do?", choices)
        if pick == "export":
            self.export()
            return Nav.STAY
        if pick == "unanswered" and unanswered is not None:
            self.cursor.go(unanswered.id)
            return Nav.NEXT
        if pick is Nav.BACK:
            self.cursor.back()
        elif pick is Nav.SECTIONS:
            self.pick_section()
        elif pick is Nav.CHECK:
            self.check_review()
        return pick if isinstance(pick, Nav) else Nav.STAY

    # ---------------------------------------------------------------- checking
    def check_review(self) -> None:
        """Print what the checks find; go to a finding's prompt, accept abbreviations or
        give their meanings (then stay where the author was)."""

        def give_meaning(abbreviations: list[str]) -> None:
            """Ask which abbreviation and what it stands for: an ambiguous one's meanings by
            number, or any text (empty: no change). Giving a meaning also accepts it."""
            given = {a.casefold(): m for a, m in self.session.review.abbreviation_meanings.items()}
            for n, abbr in enumerate(abbreviations, 1):
                known = self.glossary.meaning(abbr)
                meaning = given.get(abbr.casefold()) or known or "not in the glossary"
                self.ask.say(f"{n}. {abbr}: {meaning}")
            which = self.ask.number("Which abbreviation? Type its number:", len(abbreviations))
            if which is None:
                return
            abbr = abbreviations[which - 1]
            expansions = self.glossary.expansions(abbr)
            for n, expansion in enumerate(expansions, 1):
                self.ask.say(f"{n}. {expansion}")
            how = "Type a meaning's number or write another" if expansions else "Write it out"
            typed = self.ask.text(
                f'What does "{abbr}" stand for in this review? {how} (empty: no change):',
                given.get(abbr.casefold(), ""),
            )
            typed = " ".join(typed.split())
            if typed.isdigit() and 1 <= int(typed) <= len(expansions):
                typed = expansions[int(typed) - 1]
            if not typed:
                return
            self.session.set_abbreviation_meaning(abbr, typed)
            self.save()
            self.ask.say(
                f"{abbr} now means {typed} in this review: the checks no longer flag it, and "
                "the exported report's glossary gives that meaning."
            )

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
            meanable = list(
                dict.fromkeys(
                    [
                        *abbreviations,
                        *(a for a in accepted if self.glossary.canonical(a)),
                        *review.abbreviation_meanings,
                    ]
                )
            )
            if meanable:
                choices.append(("Give the meaning of an abbreviation", "mean"))
            if accepted:
                choices.append(("Stop accepting an abbreviation", "unaccept"))
            if findings:
                choices.append(("Show the findings again", "show"))
            choices.append(("Go back to where I was", "stay"))
            pick = self.menu("What would you like to do?", choices)
            if pick == "stay":
                return
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
                    self.cursor.go(targets[which - 1])
                    return
            elif pick == "accept":
                for n, abbr in enumerate(abbreviations, 1):
                    self.ask.say(f"{n}. {abbr}: {self.glossary.meaning(abbr)}")
                which = self.ask.number("Which abbreviation? Type its number:", len(abbreviations))
                if which is not None:
                    abbr = abbreviations[which - 1]
                    how = '"Give the meaning of an abbreviation" in this menu'
                    note = accept_as_written(self.session, self.catalogue, self.glossary, abbr, how)
                    self.save()
                    self.ask.say(note)
            elif pick == "mean":
                give_meaning(meanable)
            else:
                for n, abbr in enumerate(accepted, 1):
                    self.ask.say(f"{n}. {abbr}")
                which = self.ask.number("Which abbreviation? Type its number:", len(accepted))
                if which is not None:
                    abbr = accepted[which - 1]
                    had = abbr.casefold() in {
                        a.casefold() for a in self.session.review.abbreviation_meanings
                    }
                    self.session.unaccept_abbreviation(abbr)
                    self.save()
                    forgot = " and its meaning forgotten" if had else ""
                    flagged = any(
                        f.abbreviation == abbr
                        for f in run_checks(self.catalogue, self.session.review, self.glossary)
                    )
                    again = ": the checks flag it again" if flagged else ""
                    self.ask.say(f"{abbr} is no longer accepted{forgot}{again}.")

    def show_report(self, text: str) -> None:
        """The checks' report, wrapped to the terminal, each line keeping its indent."""
        self.ask.say()
        for line in text.rstrip("\n").split("\n"):
            body = line.lstrip()
            self.ask.say(body, indent=line[: len(line) - len(body)])

    def export(self) -> list[Path]:
        """Ask draft or final, Markdown or Word; save, then write the report beside the
        review. A refused final report lists what stops it and writes nothing."""
        import importlib.util

        from imr_tui.core.controller.export import Refused, export_report
        from imr_tui.core.model import Review
        from imr_tui.core.sent_copies import copy_problems, final_path, next_version
        from imr_tui.report.export_files import edition_for, export_files
        from imr_tui.report.final_gate import final_problems

        class _NotConfirmed(Exception):
            """The author did not confirm the final report: nothing is written."""

        word = importlib.util.find_spec("docx") is not None
        choices: list[tuple[str, tuple[bool, str] | None]] = [("Draft as Markdown", (False, "md"))]
        if word:
            choices.append(("Draft as Word", (False, "docx")))
        choices.append(("Final report as Markdown", (True, "md")))
        if word:
            choices.append(("Final report as Word", (True, "docx")))
        choices.append(("Do not export", None))
        if not word:
            self.ask.say("Word needs the docx extra: pip install 'imr-tui[docx]'")
        self.ask.say(
            "A draft says DRAFT on every page. A final report is checked first, gets the "
            "next version number, and a private copy of it is kept."
        )
        pick = self.menu("Which export?", choices)
        if pick is None:
            return []
        final, fmt = pick
        self.save()
        catalogue, glossary = self.catalogue, self.glossary
        path = self.session.path

        def target(version: int | None) -> Path:
            return final_path(path, fmt, version) if version else path.with_suffix(f".{fmt}")

        def confirm(review: Review) -> list[str]:
            """The gate, then (nothing stopping it) the word FINAL typed to confirm: a
            typed word, so a stray key never writes one, and simple to hear and type."""
            found = final_problems(review, catalogue, glossary, path)
            if found:
                return found
            for warning in copy_problems(path, review):
                self.ask.say(f"Warning: {warning}")
            version = next_version(review, path)
            name = target(version).name
            typed = self.ask.text(
                f"Write the final report, version {version}, to {name}? "
                "Type FINAL in capitals to write it; anything else writes nothing."
            )
            if typed.strip() != "FINAL":
                raise _NotConfirmed
            return []

        try:
            outcome = export_report(
                self.session,
                lambda review, version: export_files(
                    review, catalogue, glossary, fmt, target(version), edition_for(version)
                ),
                final=final,
                problems=confirm,
            )
        except _NotConfirmed:
            self.ask.say("Nothing was written.")
            return []
        except UserError as e:
            self.ask.say(f"Export failed: {e}")
            return []
        if isinstance(outcome, Refused):
            count = len(outcome.problems)
            self.ask.say(
                f"The final report was not written: put {count} "
                f"thing{'s' if count != 1 else ''} right first:"
            )
            for problem in outcome.problems:
                self.ask.say(f"- {problem}")
            return []
        names = " and ".join(p.name for p in outcome.files)
        if outcome.version:
            self.ask.say(
                f"Final report, version {outcome.version}, written to {names}, beside the "
                "review; a private copy of it is kept."
            )
        else:
            self.ask.say(f"The report was written to {names}, beside the review.")
        return outcome.files
