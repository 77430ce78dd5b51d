"""The Textual application: owns the open review, saving, signals and quitting.

Screens return values and post messages; this class does the side effects
(writing the file, exporting, exiting). Build it with :func:`create_app`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.core.lock import LockHeld, LockUnavailable, ReviewLock
from imr_tui.core.session import SaveJob, Session, open_session, view_session
from imr_tui.core.store import create as create_file
from imr_tui.core.store import write_text_private
from imr_tui.tui.messages import ExportReport, OpenReview
from imr_tui.tui.ordered_input import OrderedInput, terminal_gone
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.terminal_bytes import REPLACEMENT, NoControlCodes

if TYPE_CHECKING:
    from imr_tui.checks import Finding, Glossary
    from imr_tui.core.model import Review

AUTOSAVE_DELAY = 0.8
"""Seconds from the first unsaved change until it is written (inside one second)."""
HANG_UP_LIMIT = 6.0
"""Seconds after a hang-up by which the process has ended, whatever blocks it."""
RETRY_INTERVAL = 3.0
"""Seconds between attempts to save again after a failure."""


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
        self.findings: list[Finding] = []
        """The quality checks' latest findings for the open review."""
        self.checks_run = 0
        """How many times the checks have finished (tests wait on it)."""
        self._checks_started = 0
        self._checks_task: asyncio.Task[None] | None = None
        self.lock: ReviewLock | None = None
        self.workspace = (workspace or Path.cwd()).resolve()
        self.initial_path = path
        self.handle_signals = handle_signals
        self.training = training
        self.ask_folder = ask_folder
        """Serve mode: ask the trainee's name first and work in that sub-folder."""
        self.session: Session | None = None
        self._autosave_timer: Timer | None = None
        self._retry_timer: Timer | None = None
        self._save_task: asyncio.Task[None] | None = None
        self._save_again = False
        self.input = OrderedInput(self, self._deliver_input)
        """Every key, paste and click, in the order typed (see its module)."""
        self._hanging_up = False
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
        if not path.exists() and confirmed:
            self._start(path, create=True)
            return
        if not path.exists():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._start(path, create=True)
                elif self.session is None and self.initial_path is not None:
                    self.exit(0)

            self.push_screen(
                ConfirmScreen(f"{path.name} does not exist yet. Start a new review there?"),
                answered,
            )
            return
        self._start(path, create=False)

    def on_open_review(self, message: OpenReview) -> None:
        """A screen chose a review to open (the start screen, the new-review dialog)."""
        self.open_review(message.path, confirmed=message.confirmed)

    def on_export_report(self, message: ExportReport) -> None:
        """A screen asked for the report (the review screen's Export)."""
        self.export()

    def _start(self, path: Path, *, create: bool) -> None:
        """Lock the review, then load it (so nothing changes it in between), then
        offer back any changes a session that ended abruptly had not saved."""
        try:
            if create:
                create_file(path, self.catalogue)
            session, recovered = open_session(path, self.catalogue)
        except LockHeld as held:
            self._offer_read_only(path, held)
            return
        except LockUnavailable as e:
            self._view_only(path, f"Read-only: {e}.")
            return
        except UserError as e:
            self._cannot_open(str(e))
            return
        self.lock = session.lock
        if recovered is None:
            self._interview(session)
            return

        def answered(yes: bool | None) -> None:
            count = session.recover(recovered if yes else None)
            self._interview(session)
            if yes:
                self.save_now()
                self.notify(
                    f"{count} unsaved change{'s were' if count != 1 else ' was'} put back.",
                    title="Recovered",
                )

        self.push_screen(
            ConfirmScreen(
                f"Changes to {path.name} were not saved when its last session ended (the "
                f"connection dropped, or the program was stopped): {recovered.describe()}. "
                "Put them back?",
                yes="Put them back",
                no="Discard them",
            ),
            answered,
        )

    def _view_only(self, path: Path, note: str) -> None:
        try:
            session = view_session(path, self.catalogue)
        except UserError as e:
            self._cannot_open(str(e))
            return
        self._interview(session, note)

    def _offer_read_only(self, path: Path, held: LockHeld) -> None:
        """Another live session has the review: say who, and offer to look without editing."""

        def answered(yes: bool | None) -> None:
            if not yes:
                if self.session is None and self.initial_path is not None:
                    self.exit(0)
                return
            self._view_only(path, f"Read-only: open in another session ({held.info.describe()}).")

        self.push_screen(
            ConfirmScreen(
                f"{path.name} is open in another session: {held.info.describe()}. "
                "Only one session can change it at a time. Open it read-only to look at it?",
                yes="Read-only",
                no="Not now",
            ),
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
        it is now); a result is shown only if no later check has started since."""
        if self.session is None or self.glossary is None:
            return
        from imr_tui.core.session import snapshot

        taken = review if review is not None else snapshot(self.session.review)
        glossary, catalogue = self.glossary, self.catalogue
        self._checks_started += 1
        number = self._checks_started

        def check() -> list[Finding]:
            from imr_tui.checks import run_checks

            return run_checks(catalogue, taken, glossary)

        async def run() -> None:
            findings = await asyncio.to_thread(check)
            if number != self._checks_started:
                return  # a later check is under way: its result is the one to show
            self.findings = findings
            self.checks_run += 1
            for screen in self.screen_stack:
                refresh = getattr(screen, "refresh_findings", None)
                if callable(refresh):
                    refresh()

        self._checks_task = asyncio.get_running_loop().create_task(run())

    # ------------------------------------------------------------------ crashes
    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: save what the author wrote before anything else."""
        self._crash = error
        with contextlib.suppress(Exception):
            self.keep_everything()
        if self.session is not None:
            with contextlib.suppress(Exception):
                self.session.save()
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
        text = event.text if isinstance(event, events.Paste) else getattr(event, "character", "")
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
        """Simulated key presses return once every key has landed where it was going."""
        await super()._press_keys(keys)
        await self.input.settled()

    # ------------------------------------------------------------------ saving
    def note_change(self) -> None:
        """A change was made: write it within a second.

        The first unsaved change starts the timer and later ones do not restart it,
        so even someone typing without a pause has every word on disk within a second.
        """
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self.save_soon)
            self.refresh_status()

    def save_soon(self) -> None:
        """Write the review in the background now (rendering a long review takes time,
        and typing must not wait for it); the status line reports the outcome."""
        self._stop_autosave_timer()
        if self.session is None:
            return
        if self.session.conflict:
            self._ask_about_conflict()
            return
        if self._save_task is not None:
            self._save_again = True
            return
        job = self.session.begin_save()
        if job is None:
            self.refresh_status()
            return
        self._save_task = asyncio.get_running_loop().create_task(self._finish_save(job))

    async def _finish_save(self, job: SaveJob) -> None:
        try:
            await asyncio.to_thread(job.run)
        finally:
            self._save_task = None
        assert self.session is not None
        ok = self.session.end_save(job)
        self._after_save(ok)
        if ok:
            self.recheck(job.snapshot)
        if self._save_again:
            self._save_again = False
            self.save_soon()

    def save_now(self) -> bool:
        """Write the review now, waiting for it (quitting, hanging up, exporting)."""
        self._stop_autosave_timer()
        if self.session is None:
            return True
        ok = self.session.save()
        self._after_save(ok)
        return ok

    def _stop_autosave_timer(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None

    def _after_save(self, ok: bool) -> None:
        if self.session is not None and self.session.conflict:
            self._stop_retrying()
            self.refresh_status()
            self._ask_about_conflict()
            return
        if not ok and self._retry_timer is None:
            self._retry_timer = self.set_interval(RETRY_INTERVAL, self.save_soon)
        elif ok and self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        self.refresh_status()

    def _stop_retrying(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _ask_about_conflict(self) -> None:
        """The file or its lock changed under the session: nothing is saved until the
        author chooses. Asked once; Ctrl+S asks again."""
        from imr_tui.tui.screens.conflict import ConflictScreen

        session = self.session
        if session is None or any(isinstance(s, ConflictScreen) for s in self.screen_stack):
            return
        if self._hanging_up:
            return  # nobody to ask: the journal keeps the changes for the next session

        def chosen(choice: str | None) -> None:
            try:
                if choice == "reload":
                    session.reload_keeping_mine()
                    self._show_again()
                    self.save_now()
                    self.notify("Reloaded; what you typed is kept on top.", title="Reloaded")
                elif choice == "copy":
                    copy = session.keep_both()
                    self.lock = session.lock
                    self._show_again()
                    self.notify(
                        f"Your version is saved as {copy.name}; you are working in it now.",
                        title="Kept both",
                        markup=False,
                    )
                elif choice == "overwrite":
                    self._confirm_overwrite()
            except UserError as e:
                self.notify(str(e), title="Not done", severity="error", markup=False)
                self.call_later(self._ask_about_conflict)

        self.push_screen(ConflictScreen(session.conflict), chosen)

    def _confirm_overwrite(self) -> None:
        session = self.session
        assert session is not None

        def answered(yes: bool | None) -> None:
            if not yes:
                self._ask_about_conflict()
                return
            try:
                session.overwrite()
            except UserError as e:
                self.notify(str(e), title="Not done", severity="error", markup=False)
                self._ask_about_conflict()
                return
            self.save_now()

        self.push_screen(
            ConfirmScreen(
                f"Replace {session.path.name} with your version? The other change is kept "
                "only as a backup ('imr backups' lists them).",
                yes="Overwrite",
                no="Go back",
                default_no=True,
            ),
            answered,
        )

    def _show_again(self) -> None:
        """The review in memory was replaced: show the current prompt from it."""
        from imr_tui.tui.screens.interview import InterviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, InterviewScreen):
                screen.sub_title = screen.session.path.name
                if screen.step is not None:
                    self.call_later(screen.go, screen.step.id)

    def refresh_status(self) -> None:
        """Ask the screen's status line to show the current save state."""
        from imr_tui.tui.widgets.status import StatusBar

        for bar in self.screen.query(StatusBar):
            bar.update_from(self.session)

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
        """The terminal went away (SIGHUP) or we were told to stop: save, then exit.

        What is on screen is saved at once. A laggy link delivers the last keys
        together with the hang-up, so those are then read and put where they were
        typed, in order, and the review is saved again before the app exits.
        """
        if self._hanging_up:
            return
        self._hanging_up = True
        if sig == signal.SIGHUP:
            self._let_go_of_terminal()
        self.keep_everything()
        if self.session is not None:
            self.session.save()
        asyncio.get_running_loop().create_task(self._finish_hang_up(sig))

    def _let_go_of_terminal(self) -> None:
        """The terminal is going: read what it still holds, draw nothing, never wait on it.

        If it is already gone, the input thread makes one last read and stops (at
        end of input it would otherwise spin and starve the app). A write to a
        hung-up terminal fails, the output queue fills and the next write would
        block for ever; the kernel's SIGCONT after a hang-up would make Textual set
        the terminal up again. A last-resort timer ends the process if anything
        still blocks it (the review was saved first).
        """
        driver = self._driver
        if driver is not None:
            exit_event = getattr(driver, "exit_event", None)
            if exit_event is not None and terminal_gone():
                exit_event.set()  # a terminal still there (a plain SIGHUP) is read to the end
            driver.write = lambda data: None  # type: ignore[method-assign]
            driver.flush = lambda: None  # type: ignore[method-assign]
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signal.SIGCONT, signal.SIG_DFL)
        timer = threading.Timer(HANG_UP_LIMIT, os._exit, args=(129,))
        timer.daemon = True
        timer.start()

    async def _finish_hang_up(self, sig: int) -> None:
        try:
            await self.input.collect_last_keys()
        finally:
            self.keep_everything()
            if self.session is not None:
                self.session.save()
            self.release_lock()
            self.exit(128 + sig)

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
        self.save_now()
        target = out or self.session.path.with_suffix(".md")
        try:
            from imr_tui.report.markdown import to_markdown

            markdown = to_markdown(self.session.review, self.catalogue, glossary=self.glossary)
            write_text_private(target, markdown)
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
