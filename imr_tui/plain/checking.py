"""Checking the review from plain mode, and exporting the report."""

from __future__ import annotations

from pathlib import Path

from imr_tui.checks import report, run_checks
from imr_tui.checks.abbreviation_accept import accept_as_written
from imr_tui.core.errors import UserError
from imr_tui.plain.base import Base


class CheckingMixin(Base):
    """The checks' findings and what to do about them; the export."""

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

        self.show_report(
            report(run_checks(self.catalogue, self.session.review, self.glossary), self.catalogue)
        )
        while True:
            review = self.session.review
            findings = run_checks(self.catalogue, review, self.glossary)
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
            choices.append(("Go back to where I was", "stay"))
            pick = self.menu("What would you like to do?", choices)
            if pick == "stay":
                return
            if pick == "go":
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
