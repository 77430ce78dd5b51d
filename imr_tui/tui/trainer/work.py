"""The work behind the trainer's keys, each piece on a thread worker: the workshop's
files are locked, read and written there while the room keeps answering keys; each says
what happened in one line, as :mod:`imr_tui.workshop` words it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.screen import ModalScreen

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.tui.safe_app import SafeApp
from imr_tui.tui.trainer import flows
from imr_tui.tui.trainer.rows import Row

if TYPE_CHECKING:
    from imr_tui.checks import Glossary
    from imr_tui.core.session import Session
    from imr_tui.workshop.cases import Case
    from imr_tui.workshop.trainees import Trainee


NOTICE_SECONDS = 6
"""How long a notice of what happened stays (it stays in the room's status line too)."""


class TrainerWork(SafeApp):
    """The trainer's app's workers (:class:`~imr_tui.tui.trainer.app.TrainerApp` adds the
    room and the keys)."""

    workspace: Path
    """The workshop's folder."""
    catalogue: Catalogue
    """The template the reviews follow."""
    data_files: DataFiles
    """The data files from ``--prompts``."""
    cases_folder: Path | None
    """``--cases``."""
    example: bool
    """``--example``."""
    last_said: str = ""
    """The last thing the work said happened (shown in the room's status line)."""

    def read_room(self) -> object:
        """Read the room again (the app's worker)."""
        raise NotImplementedError

    def _glossary(self) -> Glossary | None:
        try:
            return self.data_files.glossary
        except UserError:
            return None

    # ------------------------------------------------------------------ the work
    def available_cases(self) -> tuple[list[Case], list[str]]:
        """The cases that can be handed out, and a line for each unusable starting file."""
        from imr_tui.workshop.cases import case_problems, cases

        try:
            found = cases(
                self.cases_folder,
                example=self.example,
                catalogue=self.catalogue,
                prompts=self.data_files.prompts,
            )
            problems = (
                case_problems(self.cases_folder, self.catalogue)
                if self.cases_folder is not None
                else []
            )
        except UserError as e:
            return [], [str(e)]
        return found, problems

    def _said(self, text: str, *, title: str = "", error: bool = False) -> None:
        """One line from a worker, shown literally (and the room read again)."""
        self.call_from_thread(self.say, text, title=title, error=error)
        self.call_from_thread(self.read_room)

    def say(self, text: str, *, title: str = "", error: bool = False) -> None:
        """What happened, in the room's status line; also as a notice, unless a dialog
        is open (a notice at 80x24 would hide part of it)."""
        self.last_said = f"{title}: {text}" if title else text
        self.show_said()
        if isinstance(self.screen, ModalScreen):
            return
        self.notify(
            text,
            title=title,
            severity="error" if error else "information",
            timeout=NOTICE_SECONDS,
            markup=False,
        )

    def show_said(self) -> None:
        """Show :attr:`last_said` in the room's status line (the app's room)."""
        raise NotImplementedError

    @work(thread=True, group="open")
    def open_review(self, name: str, path: Path) -> None:
        """Load the review to read (no lock, never saved), then show it."""
        from imr_tui.core.controller.opening import Broken, view_review

        loaded = view_review(path, self.catalogue)
        if isinstance(loaded, Broken):
            self._said(loaded.message, title="Cannot read it", error=True)
            return
        self.call_from_thread(self._show_review, name, loaded)

    def _show_review(self, name: str, session: Session) -> None:
        from imr_tui.tui.trainer.reader import ReaderScreen

        self.push_screen(ReaderScreen(name, session))

    @work(thread=True, group="workshop")
    def hand_out_case(self, case: Case, row: Row | None) -> None:
        """Give ``case`` to everyone (``row`` None) or to one trainee."""
        from imr_tui.workshop.cases import hand_out

        to = [row.trainee] if row is not None and row.trainee is not None else None
        try:
            done = hand_out(self.workspace, case, self.catalogue, self.data_files.prompts, to=to)
        except UserError as e:
            self._said(str(e), title="Not handed out", error=True)
            return
        self._said(done.summary(), title=f"Handed out {case.name}")

    @work(thread=True, group="workshop")
    def reset_if_closed(self, trainee: Trainee, case: Case, ask: Callable[[], None]) -> None:
        """Say at once that a review open in the trainee's session cannot be reset (its
        live lock), before asking; else ask (the reset checks again: it may open meanwhile)."""
        from imr_tui.workshop.cases import reset_refusal

        refused = reset_refusal(self.workspace, trainee, case)
        if refused is not None:
            self._said(refused.reason, title="Not reset", error=True)
            return
        self.call_from_thread(ask)

    @work(thread=True, group="workshop")
    def reset_trainee(self, trainee: Trainee, name: str, case: Case) -> None:
        """Put the starting file back in place of the trainee's copy (kept aside)."""
        from imr_tui.workshop.cases import reset
        from imr_tui.workshop.trainees import Refused

        try:
            outcome = reset(self.workspace, trainee, case, self.catalogue, self.data_files.prompts)
        except UserError as e:
            self._said(str(e), title="Not reset", error=True)
            return
        if isinstance(outcome, Refused):
            self._said(outcome.reason, title="Not reset", error=True)
            return
        if outcome.parent.name != "kept":  # they had no copy: the starting file is given
            self._said(f"{name} had no {case.name}: the starting file is given.", title="Reset")
            return
        self._said(
            f"{name}'s {case.name} is the starting file again; their copy is kept as "
            f"kept/{outcome.name}.",
            title="Reset",
        )

    @work(thread=True, group="workshop")
    def issue_code(self, name: str) -> None:
        """A new personal code for ``name`` (a new trainee, or one in the room)."""
        from imr_tui.workshop.trainees import Refused, issue_code

        try:
            outcome = issue_code(self.workspace, name)
        except UserError as e:
            self._said(str(e), title="No code given", error=True)
            return
        if isinstance(outcome, Refused):
            self._said(outcome.reason, title="No code given", error=True)
            return
        self.call_from_thread(flows.show_code, self, outcome.trainee.name, outcome.code)
        self.call_from_thread(self.read_room)

    @work(thread=True, group="workshop")
    def switch_model_answers(self, on: bool) -> None:
        """Model answers for the room on or off; the trainees' apps follow within seconds."""
        from imr_tui.workshop.room import set_model_answers

        try:
            room = set_model_answers(self.workspace, on)
        except UserError as e:
            self._said(str(e), title="Model answers", error=True)
            return
        state = "on: trainees see them" if room.model_answers else "off: trainees do not see them"
        self._said(f"Model answers are {state}.", title="Model answers")

    @work(thread=True, group="workshop")
    def download(self) -> None:
        """Everyone's work as one zip: downloaded in a browser, written in a terminal."""
        from imr_tui.workshop.collect import collect_zip

        try:
            data = collect_zip(self.workspace, self.catalogue, self._glossary())
            self.call_from_thread(flows.deliver, self, data)
        except UserError as e:
            self._said(str(e), title="Not collected", error=True)
