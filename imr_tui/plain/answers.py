"""Single answers (text, long text, dates) and the review period."""

from __future__ import annotations

from datetime import date

from imr_tui.core import list_rules
from imr_tui.core.dates import parse_date, parse_optional_date, uk
from imr_tui.core.field_rules import date_problem
from imr_tui.core.model import ReviewPeriod
from imr_tui.core.steps import Step, is_answered
from imr_tui.plain.asks import external_editor, write_in_editor
from imr_tui.plain.base import SKIPPED, Base, Nav
from imr_tui.plain.commands import Navigate, parse

LONG_KINDS = ("long_text", "tor_analysis")
"""The kinds of prompt answered in several lines."""


def without_command(text: str) -> str:
    """What is being typed, less a last line that is (or is becoming) a command: a
    command is never part of an answer, not even for a moment in the journal."""
    lines = text.split("\n")
    if parse(lines[-1]) is not None:
        lines.pop()
    return "\n".join(lines)


class AnswerMixin(Base):
    """Asks for one step's answer when it is text, a date or the review period."""

    # ---------------------------------------------------------------- text and dates
    def ask_single(self, step: Step) -> Nav:
        """Text, long text or a date: keep, change or replace an answer, never overwrite it
        unasked. An empty answer skips the prompt."""
        kind = step.prompt.kind
        long = kind in LONG_KINDS
        editor = external_editor() if long else None
        while True:
            current = self.session.text(step)
            default, prefix, use_editor = "", "", False
            if current.strip():
                shown = uk(parse_date(current)) if kind == "date" else current
                self.show_current("Your answer so far:", shown)
                pick = self.menu("What would you like to do with it?", self._choices(long, editor))
                if pick == "keep":
                    return Nav.NEXT
                if pick == "clear":
                    if self.ask.confirm("Clear this answer?", default=False):
                        self.session.set_text(step, "")
                        self.save()
                        self.ask.say("Cleared.")
                    continue
                default = shown if pick in ("edit", "editor") else ""
                prefix = current if pick == "append" else ""
                use_editor = pick == "editor"
            elif self.editor and editor:
                use_editor = True
            answer = self._type_answer(step, default, prefix, editor if use_editor else None)
            if answer is None:
                self.ask.say("The editor did not finish; nothing was changed.")
                if current.strip():
                    continue
                answer = self._type_answer(step, "", "", None) or ""
            if answer.strip():
                stored = self._stored(step, f"{prefix}\n{answer}" if prefix else answer)
                self.session.set_text(step, stored)
                self.save()
                if kind != "date":
                    self.flag_abbreviations(answer)
                return Nav.NEXT
            self.session.set_text(step, current)  # what was typed and rubbed out is not kept
            if current.strip():
                self.ask.say("Nothing typed: the answer is kept as it was.")
                continue
            self.ask.say(SKIPPED)
            return Nav.NEXT

    def _choices(self, long: bool, editor: list[str] | None) -> list[tuple[str, str]]:
        """The existing-answer menu, the common choice first, at most five."""
        choices = [("Keep it and go on", "keep"), ("Replace it", "replace")]
        if getattr(self.ask, "edits_in_place", True):
            choices.append(("Edit it", "edit"))
        elif long:
            choices.append(("Add to the end of it", "append"))
        choices.append(("Clear it", "clear"))
        if editor:
            choices.append((f"Write it in your editor ({editor[0]})", "editor"))
        return choices

    def _stored(self, step: Step, answer: str) -> str:
        if step.prompt.kind == "date":
            return parse_date(answer).isoformat()
        return answer.strip("\n") if step.prompt.kind != "text" else answer.strip()

    def _type_answer(
        self, step: Step, default: str, prefix: str, editor: list[str] | None
    ) -> str | None:
        """The answer as typed (``prefix`` is the answer it is added to); None if the
        editor failed. Every key reaches the session at once; Ctrl-C, Ctrl-D and a
        command keep what was typed (an empty answer or a half date keeps the one before)."""
        kind = step.prompt.kind
        before = self.session.text(step)

        def draft(text: str) -> None:
            """Every change of the answer being typed (it goes to the recovery journal at
            once): as in the file after Enter, where an empty answer keeps the one before,
            and only a whole date is a date."""
            text = without_command(text)
            if prefix and text.strip():
                text = f"{prefix}\n{text}"
            if not text.strip() or (kind == "date" and date_problem(text)):
                stored = before
            else:
                stored = self._stored(step, text)
            with self.gate.saving():  # a hang-up waits until the change is recorded
                self.session.set_text(step, stored)

        if editor is not None:
            text = f"{default}\n" if default else ""  # a file's lines end with a newline
            return write_in_editor(self.ask, editor, text, self.session.path.parent)
        try:
            if kind == "date":
                return self.ask.text(
                    "Date (dd/mm/yyyy):", default=default, check=date_problem, on_draft=draft
                )
            if kind == "text":
                return self.ask.text("Your answer:", default=default, on_draft=draft)
            return self.ask.long_text("Your answer:", default=default, on_draft=draft)
        except (KeyboardInterrupt, EOFError):
            if self.session.text(step) != before:
                self.stopped_note = f'What you were typing for "{step.title}" was kept.'
            raise
        except Navigate:
            if self.session.text(step) != before:
                self.ask.say(f"What you typed for {step.title} is kept.")
            raise

    # ---------------------------------------------------------------- review period
    def ask_period(self, step: Step) -> Nav:
        """The start and end of the review period, the end not before the start."""
        labels = step.prompt.labels
        start_label = labels.get("start", "Start")
        end_label = labels.get("end", "End")
        while True:
            period = self.session.review.review_period
            if is_answered(step, self.session.review):
                self.show_current(
                    "Your answer so far:",
                    f"{start_label}: {uk(period.start)}\n{end_label}: {uk(period.end)}",
                )
                pick = self.menu(
                    "What would you like to do with it?",
                    [("Keep it and go on", Nav.NEXT), ("Change it", None)],
                )
                if pick is not None:
                    return pick
            start_text = self.ask.text(
                f"{start_label} (dd/mm/yyyy):", default=uk(period.start), check=date_problem
            )
            if not start_text.strip():
                self.ask.say(SKIPPED)
                return Nav.NEXT
            start = parse_date(start_text)

            def end_problem(text: str, start: date = start) -> str:
                problem = date_problem(text)
                if not problem and text.strip():
                    return list_rules.period_problem(start, parse_date(text))
                return problem

            end_text = self.ask.text(
                f"{end_label} (dd/mm/yyyy):", default=uk(period.end), check=end_problem
            )
            self.session.set_period(ReviewPeriod(start=start, end=parse_optional_date(end_text)))
            self.save()
            if end_text.strip():
                return Nav.NEXT
