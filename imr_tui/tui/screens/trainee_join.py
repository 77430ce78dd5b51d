"""Serve mode's first question: who the trainee is.

A newcomer types their name and presses Enter: they join the workshop
(:func:`imr_tui.workshop.trainees.join`), get a private folder and a personal
code, shown once (:class:`~imr_tui.tui.screens.trainee_code.TraineeCodeScreen`).
Someone coming back types their name, then their code
(:func:`~imr_tui.workshop.trainees.come_back`). Names are real names, matched
without regard to capitals (the rule is :mod:`imr_tui.workshop.names`); a name
someone else has taken asks for the code, so typing another trainee's name never
opens their work. Every refusal is one plain line; what the trainee typed is shown
as typed. The rule is :func:`imr_tui.workshop.entering.enter_workshop`, run
on a worker thread (it reads and writes the registry).
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from imr_tui.tui.literal import literal
from imr_tui.tui.screens.trainee_code import TraineeCodeScreen
from imr_tui.tui.widgets.answer_input import AnswerInput
from imr_tui.tui.widgets.quiet_footer import QuietFooter
from imr_tui.workshop.entering import Entered, enter_workshop, taken_line
from imr_tui.workshop.names import trainee_name_problem
from imr_tui.workshop.trainees import Trainee

__all__ = ["TraineeJoinScreen", "taken_line"]


class TraineeJoinScreen(Screen[Trainee]):
    """Asks the trainee's name (and code, when coming back); returns the trainee."""

    DEFAULT_CSS = """
    TraineeJoinScreen {
        align: center middle;
    }
    TraineeJoinScreen .field-label {
        margin-top: 0;
    }
    """

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace
        """The served workspace: the registry and every trainee's folder are in it."""
        self.busy = False
        """A join or a code check is running (a second Enter waits for it)."""

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="dialog"):
            yield Static("What is your name?", classes="question", markup=False)
            yield AnswerInput(placeholder="your name", id="trainee")
            yield Static(
                "First time here? Press Enter: you will be given a personal code.",
                classes="muted",
                markup=False,
            )
            yield Static("I have a code (coming back):", classes="field-label", markup=False)
            yield AnswerInput(placeholder="for example K7P-4QX", id="code")
            yield Static("", id="join-problem", classes="field-error", markup=False)
            yield Static(
                "Enter to carry on · Tab moves · fictional cases only",
                classes="muted",
                markup=False,
            )
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "imr-tui"
        self.sub_title = "training"
        self.query_one("#trainee", Input).focus()

    def say(self, line: str) -> None:
        """Show one refusal (an empty line clears it)."""
        self.query_one("#join-problem", Static).update(literal(line))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in either box: join, or come back with the code."""
        event.stop()
        if self.busy:
            return
        name = self.query_one("#trainee", Input).value
        code = self.query_one("#code", Input).value
        problem = trainee_name_problem(name)
        if problem:
            self.say(problem)
            self.query_one("#trainee", Input).focus()
            return
        self.busy = True
        self.say("")
        self.enter(name, code)

    @work(thread=True, exclusive=True, group="trainee-join")
    def enter(self, name: str, code: str) -> None:
        """Join (no code) or come back (a code) (:func:`enter_workshop`), off the event loop."""
        entered = enter_workshop(self.workspace, name, code)
        self.app.call_from_thread(self.entered, entered)

    def entered(self, entered: Entered) -> None:
        """Carry on into the trainee's folder, show a newcomer's code, or say why not."""
        self.busy = False
        trainee = entered.trainee
        if trainee is None:
            self.say(entered.problem)
            if entered.taken:
                self.query_one("#code", Input).focus()
            return
        if not entered.code:
            self.dismiss(trainee)
            return
        self.app.push_screen(
            TraineeCodeScreen(trainee.name, entered.code), lambda _: self.dismiss(trainee)
        )
