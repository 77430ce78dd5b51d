"""The Textual application: owns the open review, saving, signals and quitting.

Screens return values and post messages; this class does the side effects
(writing the file, exporting, exiting). Build it with :func:`create_app`.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.core.lock import LockHeld, ReviewLock
from imr_tui.core.session import Session
from imr_tui.tui.autosave import AUTOSAVE_DELAY, ENDED, RETRY_INTERVAL, Autosave
from imr_tui.tui.conflict_flow import ask_about_conflict
from imr_tui.tui.hang_up import HANG_UP_LIMIT, finish_hang_up, let_go_of_terminal
from imr_tui.tui.messages import ExportReport, OpenReview
from imr_tui.tui.ordered_input import OrderedInput
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.terminal_bytes import REPLACEMENT, NoControlCodes
from imr_tui.tui.widgets.status import SaveState

if TYPE_CHECKING:
    from imr_tui.checks import Finding, Glossary
    from imr_tui.core.model import Review

__all__ = ["AUTOSAVE_DELAY", "HANG_UP_LIMIT", "RETRY_INTERVAL", "IMRApp", "create_app"]


class IMRApp(App[int]):
    """The guided IMR interview."""

    CSS_PATH = "app.tcss"
    TITLE = "imr-tui"
    COMMAND_PALETTE_BINDING = "ctrl+g"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    findings: reactive[list[Finding]] = reactive(list, always_update=True, init=False)
    """The quality checks' latest findings for the open review (screens watch it)."""
    save_state: reactive[SaveState] = reactive(SaveState, init=False)
    """Whether the review is saved, for the status line (which watches it)."""

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
        self.checks_run = 0
        """How many times a check's findings have been shown."""
        self._checks: Worker[list[Finding]] | None = None
        self._check_next: Review | None = None
        self.lock: ReviewLock | None = None
        self.workspace = (workspace or Path.cwd()).resolve()
        self.initial_path = path
        self.handle_signals = handle_signals
        self.training = training
        self.ask_folder = ask_folder
        """Serve mode: ask the trainee's name first and work in that sub-folder."""
        self.session: Session | None = None
        self.autosave = Autosave(
            self,
            lambda: self.session,
            on_state=self.refresh_status,
            on_conflict=self._ask_about_conflict,
            on_saved=self.recheck,
        )
        """Writes the review in the background within a second of a change."""
        self.input = OrderedInput(self, self._deliver_input)
        """Every key, paste and click, in the order typed (see its module)."""
        self.hanging_up = False
        """The terminal went away or the process was told to stop: nobody to ask."""
        self._told_replaced = False
        self._no_control_codes = NoControlCodes()
        self._crash: BaseException | None = None

    # ------------------------------------------------------------------ start
    def on_mount(self) -> None:
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self.hang_up, sig)
        if self.initial_path is None and self.ask_folder:
            from imr_tui.tui.screens.trainee_folder import TraineeFolderScreen

            self.push_screen(TraineeFolderScreen(self.workspace), self._show_start)
        elif self.initial_path is None:
            self._show_start(self.workspace)
        else:
            self.call_later(self.open_review, self.initial_path)

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
        """Load what the first screen does not need (the glossary), then check the review."""
        _ = self.glossary
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
        it is now). One check runs at a time: asked again meanwhile, the newest review
        is checked next and the running check's result is not shown."""
        if self.session is None or self.glossary is None:
            return
        from imr_tui.core.session import snapshot

        self._check_next = review if review is not None else snapshot(self.session.review)
        if self._checks is None or self._checks.is_finished:
            self._start_check()

    def _start_check(self) -> None:
        review, self._check_next = self._check_next, None
        glossary = self.loaded_glossary
        if review is not None and glossary is not None:
            self._checks = self._run_checks(self.catalogue, review, glossary)

    @work(thread=True, exclusive=True, group="checks", exit_on_error=False)
    def _run_checks(
        self, catalogue: Catalogue, review: Review, glossary: Glossary
    ) -> list[Finding]:
        """The checks, on a worker thread."""
        from imr_tui.checks import run_checks

        return run_checks(catalogue, review, glossary)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A background save or check ended: record the save; show the latest check."""
        worker = event.worker
        self.autosave.finished(event)
        if worker is not self._checks or event.state not in ENDED:
            return
        self._checks = None
        if event.state is WorkerState.SUCCESS and self._check_next is None:
            self.checks_run += 1
            self.findings = worker.result or []
        self._start_check()

    def watch_findings(self) -> None:
        """Mark the prompts the findings concern in the interview's sidebar (the
        check screen watches :attr:`findings` itself)."""
        from imr_tui.tui.screens.interview import InterviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, InterviewScreen):
                screen.refresh_findings()

    # ------------------------------------------------------------------ crashes
    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: save what the author wrote before anything else."""
        self._crash = error
        with contextlib.suppress(Exception):
            self.keep_everything()
        with contextlib.suppress(Exception):
            self.autosave.write_now()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual's crash report, but without local variables: they hold the review's text."""
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        err = self._crash
        if err is not None:
            report = Traceback.from_exception(
                type(err), err, err.__traceback__, show_locals=False, width=None
            )
        else:
            report = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(Segments(self.console.render(report, self.console.options)))
        self._close_messages_no_wait()

    # ------------------------------------------------------------------ typing
    async def on_event(self, event: events.Event) -> None:
        """Raw input goes through one ordered queue (see :mod:`imr_tui.tui.ordered_input`)."""
        if isinstance(event, (events.InputEvent, events.Paste)) and not event.is_forwarded:
            self._note_replaced(event)
            await self.input.receive(event)
            return
        await super().on_event(event)

    def _note_replaced(self, event: events.Event) -> None:
        """Tell the author (once) when bytes from the terminal could not be read."""
        text = ""
        if isinstance(event, events.Paste):
            text = event.text
        elif isinstance(event, events.Key):
            text = event.character or ""
        if text and REPLACEMENT in text and not self._told_replaced:
            self._told_replaced = True
            self.notify(
                "Some characters sent by your terminal could not be read and are shown as "
                f"{REPLACEMENT}. Check the text around them.",
                title="Unreadable characters",
                severity="warning",
                timeout=10,
            )

    async def _deliver_input(self, event: events.Event) -> None:
        """Textual's own handling of one raw input event: bindings, then the focused widget."""
        await super().on_event(event)

    def hold_input(self) -> None:
        """Start a change of editor: keystrokes wait until :meth:`release_input`."""
        self.input.hold()

    def release_input(self) -> None:
        """The new editor is in place: waiting keystrokes go to it, in order."""
        self.input.release()

    async def _press_keys(self, keys: Iterable[str]) -> None:
        """Simulated key presses return once every key has landed where it was going,
        and what the keys started on a screen's worker (reading a file) has been shown."""
        await super()._press_keys(keys)
        await self.input.settled()
        started = [w for w in self.workers if w.node is not self]
        if started:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await self.workers.wait_for_complete(started)
            await self.input.settled()

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
        if self.hanging_up:
            return
        self.hanging_up = True
        if sig == signal.SIGHUP:
            let_go_of_terminal(self)
        self.keep_everything()
        self.autosave.write_now()
        asyncio.get_running_loop().create_task(finish_hang_up(self, sig))

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

    def export(self, out: Path | None = None) -> Path | None:
        """Save, then write the Markdown report beside the review; returns where it went."""
        if self.session is None:
            return None
        from imr_tui.core.controller import export_beside
        from imr_tui.report.markdown import to_markdown

        self.save_now()
        catalogue, glossary = self.catalogue, self.glossary
        try:
            target = export_beside(
                self.session, lambda review: to_markdown(review, catalogue, glossary), out
            )
        except UserError as e:
            self.notify(str(e), title="Export failed", severity="error", timeout=10, markup=False)
            return None
        self.notify(
            f"The report was written to {target}", title="Exported", timeout=8, markup=False
        )
        if self.is_web:  # served to a browser: the report is downloaded there too
            self.deliver_text(target, encoding="utf-8", mime_type="text/markdown")
        return target

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then one that keeps control codes in answers off the terminal."""
        return [*super().get_line_filters(), self._no_control_codes]

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Never open a link: show its address instead.

        Textual would run the system's web browser, and on a shared server that
        can be a console browser with a way to a shell, out of the forced command;
        in a browser workshop it would open a page the author did not ask for.
        """
        self.notify(
            f"imr-tui does not open links. The address is: {url}",
            title="Link not opened",
            markup=False,
            timeout=10,
        )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """No text box blinks, the command palette's included: a blink writes to the
        terminal twice a second, and sshd then never notices a dead connection."""
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False

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
