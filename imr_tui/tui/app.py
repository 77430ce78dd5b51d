"""The Textual application: owns the open review, saving, signals and quitting.

Screens return values and post messages; this class does the side effects
(writing the file, exporting, exiting). Build it with :func:`create_app`.
Saving is :mod:`~imr_tui.tui.autosave`, the checks :mod:`~imr_tui.tui.background_checks`
(both on Textual workers), a changed file :mod:`~imr_tui.tui.conflict_flow`, a lost
terminal :mod:`~imr_tui.tui.hang_up`; :mod:`~imr_tui.tui.safe_app` keeps the terminal safe.
Screens follow the app's ``findings`` and ``save_state`` reactives.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.core.lock import LockHeld, ReviewLock
from imr_tui.core.session import Session
from imr_tui.core.start_up import resume_collection
from imr_tui.tui.autosave import AUTOSAVE_DELAY, RETRY_INTERVAL, Autosave
from imr_tui.tui.background_checks import BackgroundChecks
from imr_tui.tui.conflict_flow import ask_about_conflict
from imr_tui.tui.hang_up import HANG_UP_LIMIT, hang_up, listen_for_hang_up
from imr_tui.tui.messages import ExportReport, OpenReview
from imr_tui.tui.safe_app import SafeApp
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.widgets.status import SaveState
from imr_tui.tui.worker_states import ENDED

if TYPE_CHECKING:
    from imr_tui.checks import Finding, Glossary
    from imr_tui.core.model import Review
    from imr_tui.tui.room_watch import RoomWatch
    from imr_tui.tui.screens.export_choice import ExportChoice
    from imr_tui.workshop.trainees import Trainee

START_UP_LIMIT = 3.0
"""Seconds after which the garbage collector paused for the start-up is resumed anyway."""
GLOSSARY_GROUP = "glossary"
"""The worker group of reading the glossary after the first screen."""

__all__ = ["AUTOSAVE_DELAY", "HANG_UP_LIMIT", "RETRY_INTERVAL", "IMRApp", "create_app"]


class IMRApp(SafeApp):
    """The guided IMR interview."""

    CSS_PATH = "app.tcss"
    TITLE = "imr-tui"
    COMMAND_PALETTE_BINDING = "ctrl+g"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    findings: reactive[list[Finding]] = reactive(
        list, always_update=True, init=False, repaint=False
    )
    """The quality checks' latest findings for the open review (screens watch it). None of
    the three reactives repaints the screen: the widgets showing them watch them and
    refresh only themselves (a whole-screen frame per autosave costs a served session)."""
    save_state: reactive[SaveState] = reactive(SaveState, init=False, repaint=False)
    """Whether the review is saved, for the status line (which watches it)."""
    model_answers: reactive[bool] = reactive(True, init=False, repaint=False)
    """Training mode: whether the model answers are shown (a served workshop's trainer
    switches it for the room; the prompt panes follow it)."""

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        path: Path | None = None,
        workspace: Path | None = None,
        handle_signals: bool = False,
        training: bool = False,
        ask_folder: bool = False,
        data_files: DataFiles | None = None,
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.data_files = data_files if data_files is not None else DataFiles.resolve(None)
        """The data files from ``--prompts``: the glossary, the spreadsheet headings."""
        self._glossary: Glossary | None = None
        self._reading_glossary = False
        """The glossary is being read on a thread (for the first check)."""
        self._glossary_broken = False
        """Reading the glossary on a thread failed: it is read (and refused) here."""
        self.checks_run = 0
        """How many times a check's findings have been shown."""
        self.checks = BackgroundChecks(self, self._show_findings)
        """Runs the quality checks on a worker thread."""
        self.lock: ReviewLock | None = None
        self.workspace = (workspace or Path.cwd()).resolve()
        self.initial_path = path
        self.handle_signals = handle_signals
        self.training = training
        self.ask_folder = ask_folder
        """Serve mode: ask the trainee's name first and work in that sub-folder."""
        self.room: RoomWatch | None = None
        """Serve mode, once the trainee has joined: follows the room and the inbox."""
        self.trainee: Trainee | None = None
        """Serve mode: the trainee who joined."""
        self.session: Session | None = None
        self.autosave = Autosave(
            self,
            lambda: self.session,
            on_state=self.refresh_status,
            on_conflict=self._ask_about_conflict,
            on_saved=self._saved,
        )
        """Writes the review in the background within a second of a change."""
        self.hanging_up = False
        """The terminal went away or the process was told to stop: nobody to ask."""
        self.hang_up_task: asyncio.Task[None] | None = None
        """Saving the last keys after a hang-up, then exiting."""

    # ------------------------------------------------------------------ start
    def on_mount(self) -> None:
        if self.handle_signals:
            listen_for_hang_up(self)
        # The interview resumes the garbage collector after its first screen; whatever
        # screen comes first instead (a question, the start screen), it resumes soon.
        self.set_timer(START_UP_LIMIT, resume_collection)
        if self.initial_path is None and self.ask_folder:
            from imr_tui.tui.screens.trainee_join import TraineeJoinScreen

            self.push_screen(TraineeJoinScreen(self.workspace), self._joined)
        elif self.initial_path is None:
            self._show_start(self.workspace)
        else:
            self.call_later(self.open_review, self.initial_path)

    def _joined(self, trainee: Trainee | None) -> None:
        """A served trainee is in: their locks name them, the room is followed, and
        their own folder is listed."""
        from imr_tui.core.lock import set_holder_name
        from imr_tui.tui.room_watch import RoomWatch
        from imr_tui.workshop.trainees import folder_of

        if trainee is None:
            return
        self.trainee = trainee
        set_holder_name(trainee.name)
        self.room = RoomWatch(self, self.workspace)
        self.room.start()
        self._show_start(folder_of(self.workspace, trainee).resolve())

    def watch_model_answers(self, shown: bool) -> None:
        """The room's switch changed: every prompt pane shows or hides its model answer."""
        from imr_tui.tui.widgets.prompt_pane import PromptPane

        for screen in self.screen_stack:
            for pane in screen.query(PromptPane):
                pane.model_answers_shown = shown

    def _show_start(self, workspace: Path | None) -> None:
        from imr_tui.tui.screens.start import StartScreen

        self.workspace = workspace or self.workspace
        self.push_screen(StartScreen(self.workspace, self.catalogue))

    def open_review(self, path: Path, *, confirmed: bool = False) -> None:
        """Open (or, after asking unless ``confirmed``, create) a review and start the interview."""
        from imr_tui.core.controller import Missing

        if not path.exists() and not confirmed:

            def answered(yes: bool | None) -> None:
                if yes:
                    self._start(path, create=True)
                elif self.session is None and self.initial_path is not None:
                    self.exit(0)

            self.push_screen(ConfirmScreen(Missing(path).question), answered)
            return
        self._start(path, create=not path.exists())

    def on_open_review(self, message: OpenReview) -> None:
        """A screen chose a review to open (the start screen, the new-review dialog)."""
        self.open_review(message.path, confirmed=message.confirmed)

    def on_export_report(self, message: ExportReport) -> None:
        """A screen asked for the report (the review screen's Export)."""
        self.export()

    def _start(self, path: Path, *, create: bool) -> None:
        """Lock the review, then load it (so nothing changes it in between), then
        offer back any changes a session that ended abruptly had not saved."""
        from imr_tui.core.controller import Broken, Held, Missing, Opened, open_review

        outcome = open_review(path, self.catalogue, create=create)
        if isinstance(outcome, Held):
            self._offer_read_only(path, outcome.held)
            return
        if isinstance(outcome, Broken):
            self._cannot_open(outcome.message)
            return
        if isinstance(outcome, Missing):  # gone since it was chosen
            self.open_review(path)
            return
        if not isinstance(outcome, Opened):
            self._view_only(path, outcome.note)
            return
        session = outcome.session
        self.lock = session.lock
        if outcome.recovered is None:
            self._interview(session)
            return

        def answered(yes: bool | None) -> None:
            said = outcome.put_back(bool(yes))
            self._interview(session)
            if yes:
                self.save_now()
            if said:
                self.notify(said, title="Recovered")

        self.push_screen(
            ConfirmScreen(outcome.recovery_question, yes="Put them back", no="Discard them"),
            answered,
        )

    def _view_only(self, path: Path, note: str) -> None:
        from imr_tui.core.controller import Broken, view_review

        session = view_review(path, self.catalogue)
        if isinstance(session, Broken):
            self._cannot_open(session.message)
            return
        self._interview(session, note)

    def _offer_read_only(self, path: Path, held: LockHeld) -> None:
        """Another live session has the review: say who, and offer to look without editing."""
        from imr_tui.core.controller import Held

        outcome = Held(path, held)

        def answered(yes: bool | None) -> None:
            if not yes:
                if self.session is None and self.initial_path is not None:
                    self.exit(0)
                return
            self._view_only(path, outcome.note)

        self.push_screen(
            ConfirmScreen(outcome.question, yes="Read-only", no="Not now"),
            answered,
        )

    def _cannot_open(self, message: str) -> None:
        self.notify(
            message, title="Cannot open the review", severity="error", timeout=10, markup=False
        )
        if self.initial_path is not None and self.session is None:
            self.exit(2, message=message)

    def _interview(self, session: Session, read_only_note: str = "") -> None:
        from imr_tui.tui.screens.interview import InterviewScreen

        self.session = session
        self.push_screen(
            InterviewScreen(session, training=self.training, read_only_note=read_only_note)
        )
        self.call_after_refresh(self._after_first_screen)

    def _after_first_screen(self) -> None:
        """The first screen is up: resume the garbage collector the ``imr`` command paused
        for the start-up, and check the review (reading the glossary first)."""
        resume_collection()
        self.recheck()

    def _read_glossary_soon(self) -> None:
        """Read the glossary on a thread, unless it is being read: the app's own thread
        stays free for the author's keys (reading it takes tens of milliseconds)."""
        if self._reading_glossary:
            return
        self._reading_glossary = True
        self.run_worker(
            self._read_glossary,
            name="glossary",
            group=GLOSSARY_GROUP,
            thread=True,
            exit_on_error=False,
        )

    def _read_glossary(self) -> Glossary | None:
        """The glossary, read on a worker thread (None if it is broken: :attr:`glossary`
        then says why, on the app's own thread)."""
        try:
            return self.data_files.glossary
        except UserError:
            return None

    def _glossary_read(self, worker: Worker[Glossary | None], state: WorkerState) -> None:
        """The glossary's worker ended: keep what it read, then check the review (a broken
        glossary is read again by :attr:`glossary`, which says what is wrong)."""
        self._reading_glossary = False
        if state is WorkerState.CANCELLED:
            return
        if state is WorkerState.SUCCESS and worker.result is not None:
            self._glossary = self._glossary or worker.result
        else:
            self._glossary_broken = True
        self.recheck()

    def release_lock(self) -> None:
        """Let other sessions open the review (after the last save); the recovery
        journal goes too, unless changes could not be saved."""
        if self.session is not None:
            with contextlib.suppress(OSError):
                self.session.close()
            self.lock = self.session.lock or self.lock
        if self.lock is not None:
            with contextlib.suppress(OSError):
                self.lock.release()
            self.lock = None

    # ------------------------------------------------------------------ checks
    @property
    def loaded_glossary(self) -> Glossary | None:
        """The glossary if it has been loaded, without loading it."""
        return self._glossary

    @property
    def glossary(self) -> Glossary | None:
        """The glossary of abbreviations, loaded when first needed (None if it is broken)."""
        if self._glossary is None:
            try:
                self._glossary = self.data_files.glossary
            except UserError as e:
                self.notify(
                    str(e), title="Abbreviation checks are off", severity="warning", markup=False
                )
                return None
        return self._glossary

    def recheck(self, review: Review | None = None) -> None:
        """Run the quality checks in the background on the review as last saved (or as
        it is now); only the latest check's findings are shown (see
        :class:`BackgroundChecks`)."""
        if self.session is None:
            return
        if self._glossary is None and not self._glossary_broken:
            self._read_glossary_soon()  # once read, the review as it is then is checked
            return
        if self.glossary is None:
            return
        from imr_tui.core.session import snapshot

        taken = review if review is not None else snapshot(self.session.review)
        self.checks.request(self.catalogue, taken, self.glossary)

    def _saved(self, review: Review) -> None:
        """A background save ended: check what it wrote, unless the author has typed
        since (the save that follows their pause is checked). Checking a long review
        takes a good part of a second of the processor, which typing needs more."""
        if self.session is not None and not self.session.dirty:
            self.recheck(review)

    def _show_findings(self, findings: list[Finding]) -> None:
        self.checks_run += 1
        self.findings = findings

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A background save or check changed state: record the save, show the check."""
        if event.worker.group == GLOSSARY_GROUP and event.state in ENDED:
            self._glossary_read(event.worker, event.state)
        self.autosave.finished(event)
        self.checks.finished(event)
        if self.room is not None:
            self.room.finished(event)

    # ------------------------------------------------------------------ saving
    def note_change(self) -> None:
        """A change was made: write it within a second (see :class:`Autosave`)."""
        self.autosave.note_change()

    def save_soon(self) -> None:
        """Write the review in the background now; the status line reports the outcome."""
        self.autosave.save_soon()

    def save_now(self) -> bool:
        """Write the review now, waiting for it (quitting, hanging up, exporting)."""
        return self.autosave.save_now()

    def _ask_about_conflict(self) -> None:
        """The file or its lock changed under the session: nothing is saved until the
        author chooses. Asked once; Ctrl+S asks again."""
        self.autosave.stop_retrying()
        ask_about_conflict(self)

    def refresh_status(self) -> None:
        """Publish the current save state (the status line watches :attr:`save_state`)."""
        self.save_state = SaveState.of(self.session)

    def save_everything(self) -> None:
        """Keep what the author wrote: gather the open editor and form, then save."""
        with contextlib.suppress(Exception):
            self.keep_everything()
        with contextlib.suppress(Exception):
            self.autosave.write_now()

    def keep_everything(self) -> None:
        """Gather what is typed but not yet recorded: the open editor, any open form."""
        from imr_tui.tui.screens.form import FormScreen
        from imr_tui.tui.screens.interview import InterviewScreen

        for screen in reversed(self.screen_stack):
            with contextlib.suppress(Exception):
                if isinstance(screen, FormScreen):
                    screen.salvage()
                elif isinstance(screen, InterviewScreen):
                    screen.flush()

    def hang_up(self, sig: int = signal.SIGHUP) -> None:
        """The terminal went away (SIGHUP) or we were told to stop: save, then exit
        (see :mod:`imr_tui.tui.hang_up`)."""
        hang_up(self, sig)

    # ------------------------------------------------------------------ actions
    async def action_quit(self) -> None:
        """Quit, saving first; never quit with work that could not be saved."""
        self.keep_everything()
        if self.save_now():
            self.exit(0)
            return
        assert self.session is not None
        self.push_screen(
            ConfirmScreen(
                f"Your latest changes could not be saved ({self.session.error}). "
                "They are safe while imr-tui stays open, and it keeps trying. "
                "Quit anyway and lose them?",
                yes="Quit and lose changes",
                no="Keep working",
                default_no=True,
            ),
            lambda yes: self.exit(1) if yes else None,
        )

    def action_help(self) -> None:
        """Show the help screen."""
        from imr_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def export(self) -> None:
        """Ask draft or final, Markdown or Word (:class:`ExportChoiceScreen`), then export."""
        if self.session is None:
            return
        from imr_tui.tui.screens.export_choice import ExportChoiceScreen

        self.push_screen(ExportChoiceScreen(), self.export_chosen)

    def export_chosen(self, choice: ExportChoice | None) -> None:
        """Carry out what the export dialog chose (:mod:`~imr_tui.tui.export_flow`)."""
        from imr_tui.tui.export_flow import export_chosen

        export_chosen(self, choice)

    def export_as(self, choice: ExportChoice, out: Path | None = None) -> list[Path]:
        """Write the report as ``choice`` says; the files written (see
        :func:`imr_tui.tui.export_flow.export_as`)."""
        from imr_tui.tui.export_flow import export_as

        return export_as(self, choice, out)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Commands for the palette: jump to any prompt, plus the few app-wide actions."""
        from imr_tui.tui.screens.interview import InterviewScreen

        if isinstance(screen, InterviewScreen):
            yield from screen.commands()
        yield SystemCommand("Help", "How imr-tui works: keys, saving, resuming", self.action_help)
        yield SystemCommand("Quit", "Save and leave imr-tui", self.action_quit)
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)


def create_app(
    catalogue: Catalogue,
    *,
    path: Path | None = None,
    workspace: Path | None = None,
    handle_signals: bool = False,
    training: bool = False,
    ask_folder: bool = False,
    data_files: DataFiles | None = None,
) -> IMRApp:
    """Build the app from its dependencies (tests construct it this way too)."""
    from imr_tui.tui.terminal_bytes import replace_bad_bytes

    replace_bad_bytes()
    return IMRApp(
        catalogue,
        path=path,
        workspace=workspace,
        handle_signals=handle_signals,
        training=training,
        ask_folder=ask_folder,
        data_files=data_files,
    )
