"""The plain interview: every step in template order, saved after each answer.

Moving about is by command (``?`` lists them: skip, back, sections, go to a section,
check, guidance, editor, quit), typed at any question; menus hold only the choices
about the answer itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from imr_tui.checks import Glossary, run_checks
from imr_tui.core.example import model_answer
from imr_tui.core.session import Session
from imr_tui.core.steps import Step, overall
from imr_tui.plain.answers import AnswerMixin, without_command
from imr_tui.plain.asks import Asks, external_editor, write_in_editor
from imr_tui.plain.base import CHECK_LABEL, Nav, drafts_kept
from imr_tui.plain.checking import CheckingMixin
from imr_tui.plain.commands import HELP, NOT_A_COMMAND, Navigate, parse
from imr_tui.plain.comments import CommentsMixin
from imr_tui.plain.lists import ListsMixin
from imr_tui.plain.records import RecordsMixin

INTRO = (
    "Each answer is saved as soon as you give it. Enter on an empty answer skips a "
    "prompt; ? on its own lists the commands (back, sections, check, comments, save and quit). "
    "Ctrl-C saves and stops."
)


class PlainInterview(AnswerMixin, ListsMixin, RecordsMixin, CheckingMixin, CommentsMixin):
    """Walks the steps one at a time until the author quits."""

    step: Step | None = None
    """The step on screen (for the message that says where to carry on)."""

    def __init__(
        self,
        session: Session,
        ask: Asks,
        glossary: Glossary,
        training: bool = False,
        editor: bool = False,
    ) -> None:
        super().__init__(session, ask, glossary, training, editor)
        ask.commands = self.run_command
        self.section_guidance = ""
        """The section guidance said last (a prompt's guidance within it is not repeated)."""
        self.last_section = ""
        """The section whose heading was said last."""

    def run(self) -> None:
        """Ask every step from the resume point; returns when the author chooses to quit.

        Ctrl-C raises :class:`KeyboardInterrupt` out of here, at once, from any prompt.
        """
        cursor = self.cursor
        cursor.resume()
        done, total = overall(self.catalogue, self.session.review)
        self.ask.say(f"{self.catalogue.title}: {self.session.path.name}")
        self.ask.say(f"{done} of {total} prompts answered. {INTRO}")
        self.say_opening()
        if self.training:
            self.ask.say("Training: each prompt also shows why it matters and a model answer.")
        while True:
            step = cursor.step
            if step is None:
                if self.follow(self.finish):
                    return
                self.last_section = ""
                continue
            self.step = cursor.go(step.id)
            self.save()
            if step.section.id != self.last_section:
                self.show_section(step)
                self.last_section = step.section.id
            self.show_step(step, cursor.index, len(cursor.steps()))
            # headings may change the steps: the cursor keeps its place
            if self.follow(partial(self.with_comments, step, self.ask_step)):
                return

    def follow(self, ask: Callable[[], Nav]) -> bool:
        """Run ``ask`` (a callable giving where to go) and go there, following every
        command that leaves a question on the way; True when the author quits."""
        target = ""
        try:
            nav = ask()
        except Navigate as n:
            nav, target = n.nav, n.step_id
        while True:
            try:
                return self.move(nav, target)
            except Navigate as n:
                nav, target = n.nav, n.step_id

    def move(self, nav: Nav, step_id: str = "") -> bool:
        """Go where ``nav`` says; True when the author quits."""
        cursor = self.cursor
        if nav is Nav.QUIT:
            return True
        if nav is Nav.NEXT:
            cursor.forward()
        elif nav is Nav.BACK:
            if cursor.back() is None:
                self.ask.say("This is the first prompt.")
        elif nav is Nav.GOTO:
            cursor.go(step_id)
            self.last_section = ""
        elif nav is Nav.SECTIONS:
            self.pick_section()
            self.last_section = ""
        elif nav is Nav.CHECK:
            self.check_review()
            self.last_section = ""
        return False

    # ---------------------------------------------------------------- commands
    def run_command(self, line: str) -> str | None:
        """A command typed at a question (see :data:`imr_tui.plain.commands.HELP`):
        None to ask the question again, text for the answer (the editor's), or
        :class:`Navigate` to leave the question."""
        found = parse(line)
        if found is None:
            return line
        word, argument = found
        if not word:
            self.ask.say(HELP)
            return None
        moves = {"skip": Nav.NEXT, "back": Nav.BACK, "check": Nav.CHECK, "quit": Nav.QUIT}
        if word in moves:
            raise Navigate(moves[word])
        if word == "sections":
            self.list_sections()
        elif word == "go":
            sections = self.cursor.sections()
            if argument.isdigit() and 1 <= int(argument) <= len(sections):
                raise Navigate(Nav.GOTO, sections[int(argument) - 1][1].id)
            self.list_sections()
        elif word == "guidance":
            if self.field_hint:
                self.ask.say(self.field_hint, indent="  ")
            elif self.step is not None:
                self.show_guidance(self.step)
        elif word == "editor":
            return self.write_in_editor()
        elif word == "comments":
            self.list_open_comments()
        else:
            self.ask.say(NOT_A_COMMAND)
        return None

    def write_in_editor(self) -> str | None:
        """The answer written in the author's editor, from what is typed so far."""
        editor = external_editor()
        if editor is None:
            self.ask.say("No editor can be used here: set EDITOR (never over SSH).")
            return None
        so_far = without_command(self.ask.draft())
        written = write_in_editor(
            self.ask, editor, f"{so_far}\n" if so_far else "", self.session.path.parent
        )
        if written is None:
            self.ask.say("The editor did not finish; nothing was changed.")
        return written

    def list_sections(self) -> None:
        """The sections numbered, each with how much of it is answered."""
        sections = self.cursor.sections()
        for n, (part, _start) in enumerate(sections, 1):
            self.ask.say(f"{n}. {part.section.title} ({part.answered} of {part.total})")
        self.ask.say(f"Type ?go and a number from 1 to {len(sections)} to go to that section.")

    def resume_title(self) -> str:
        """The title of the prompt the next session opens at."""
        resume = self.session.review.resume
        step = next((s for s in self.session.steps() if s.id == resume), None) or self.step
        return step.title if step is not None else "the start"

    # ---------------------------------------------------------------- showing
    def show_section(self, step: Step) -> None:
        """The section's heading and the template's guidance for it."""
        section = step.section
        self.ask.say()
        self.ask.say(f"== {section.title} ==")
        self.section_guidance = section.guidance
        if section.guidance:
            self.ask.say(section.guidance)

    def show_step(self, step: Step, index: int, total: int) -> None:
        """Where the prompt is and its title on one line; its guidance and hint the first
        time it is met this session (not what the section's guidance has just said)."""
        prompt = step.prompt
        self.ask.say()
        self.ask.say(f"Prompt {index + 1} of {total} ({step.section.title}): {step.title}")
        if step.heading_id:
            self.ask.say(f"{prompt.title}.")
            if step.removed:
                self.ask.say(self.catalogue.removed_heading_note)
        if prompt.id not in self.guided:
            self.guided.add(prompt.id)
            said = self.section_guidance
            self.show_guidance(step, skip=said if prompt.guidance in said else "")
        self.section_guidance = ""

    def show_guidance(self, step: Step, skip: str = "") -> None:
        """The prompt's guidance (unless ``skip`` holds it), hint and trainers' notes."""
        prompt = step.prompt
        if prompt.guidance and not skip:
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
        """Go to a section the author chooses by number (its first unanswered step)."""
        sections = self.cursor.sections()
        self.list_sections()
        which = self.ask.number("Which section? Type its number:", len(sections))
        if which is not None:
            self.cursor.go(sections[which - 1][1].id)

    def finish(self) -> Nav:
        """Past the last prompt: export, check, go to what is left, or quit. The next
        session opens at the first prompt unanswered or with a finding."""
        done, count = overall(self.catalogue, self.session.review)
        self.ask.say()
        self.ask.say(
            f"You have reached the end of the interview: {done} of {count} prompts answered."
        )
        if waiting := drafts_kept(self.session.review):
            self.ask.say(waiting)
        findings = run_checks(self.catalogue, self.session.review, self.glossary)
        target = self.cursor.after_end({f.step_id for f in findings})
        choices: list[tuple[str, str]] = [("Export the report", "export")]
        if target is not None:
            choices.append(("Go to the first prompt unanswered or with a finding", "target"))
        choices += [(CHECK_LABEL, "check"), ("Save and quit", "quit")]
        pick = self.menu("What would you like to do?", choices)
        if pick == "export":
            self.export()
        elif pick == "target" and target is not None:
            self.cursor.go(target.id)
        elif pick == "check":
            return Nav.CHECK
        elif pick == "quit":
            return Nav.QUIT
        return Nav.STAY
