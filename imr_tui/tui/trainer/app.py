"""The trainer's app: the room, read every few seconds, and the trainer's keys.

Screens show and ask; the work is done on thread workers (:mod:`.work`) so the room
keeps answering keys while the workshop's files are read and written.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.tui.trainer import flows
from imr_tui.tui.trainer.room import RoomScreen
from imr_tui.tui.trainer.rows import FolderOf, Row, rows
from imr_tui.tui.trainer.work import TrainerWork

if TYPE_CHECKING:
    from imr_tui.workshop.progress import ProgressWatch

REFRESH_EVERY = 3.0
"""Seconds between readings of the room."""


class TrainerApp(TrainerWork):
    """Who is in, how far they are, their reviews read-only, and the workshop's keys."""

    CSS_PATH = ["../app.tcss", "trainer.tcss"]
    TITLE = "imr-tui trainer"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("f1", "help", "Help")]

    def __init__(
        self,
        workspace: Path,
        catalogue: Catalogue,
        data_files: DataFiles | None = None,
        cases_folder: Path | None = None,
        example: bool = False,
        *,
        handle_signals: bool = False,
    ) -> None:
        super().__init__()
        self.workspace = workspace.resolve()
        """The workshop's folder: one sub-folder per trainee."""
        self.catalogue = catalogue
        self.data_files = data_files if data_files is not None else DataFiles.resolve(None)
        self.cases_folder = cases_folder
        """``--cases``: a folder of starting files to hand out (None without)."""
        self.example = example
        """``--example``: the worked example can be handed out."""
        self.handle_signals = handle_signals
        self.room_reads = 0
        """How many times the room has been read and shown (tests wait on it)."""
        self.model_answers_on: bool | None = None
        """Whether the room's trainees see model answers (None until read)."""
        self._watch: ProgressWatch | None = None
        self._reading = threading.Lock()
        self._state = ""

    # ------------------------------------------------------------------ start
    def on_mount(self) -> None:
        from imr_tui.core.lock import set_holder_name

        set_holder_name("the trainer")  # a review it locks to add a comment names the trainer
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self.exit, 128 + sig)
        self.push_screen(RoomScreen())
        self.read_room()
        self.set_interval(REFRESH_EVERY, self.read_room)

    @property
    def room(self) -> RoomScreen | None:
        """The room's screen (under any dialog)."""
        for screen in self.screen_stack:
            if isinstance(screen, RoomScreen):
                return screen
        return None

    # ------------------------------------------------------------------ the room
    @work(thread=True, group="room")
    def read_room(self) -> None:
        """Read everyone's progress (only changed files are read again) and show it; a
        reading still under way is not doubled."""
        if not self._reading.acquire(blocking=False):
            return
        try:
            from imr_tui.workshop.progress import ProgressWatch
            from imr_tui.workshop.room import read_room
            from imr_tui.workshop.trainees import legacy_folders

            if self._watch is None:
                self._watch = ProgressWatch(self.workspace, self.catalogue, self._glossary())
            progress = self._watch.read()
            legacy = legacy_folders(self.workspace)
            model_answers = read_room(self.workspace).model_answers
        except UserError as e:
            self.call_from_thread(self._room_problem, str(e))
            return
        finally:
            self._reading.release()
        shown = rows(progress, legacy, FolderOf(self.workspace))
        self.call_from_thread(self._show_room, shown, model_answers)

    def _show_room(self, shown: list[Row], model_answers: bool) -> None:
        room = self.room
        if room is None:
            return
        self.model_answers_on = model_answers
        open_now = sum(1 for r in shown if r.open_now)
        people = f"{len(shown)} trainee{'' if len(shown) == 1 else 's'}"
        state = "on" if model_answers else "off"
        self._state = f"{people}, {open_now} working now. Model answers: {state} (m)."
        self.show_said()
        room.show_rows(shown)
        self.room_reads += 1

    def show_said(self) -> None:
        """The room's status line: who is in, then the last thing that happened."""
        room = self.room
        if room is not None and self._state:
            said = f"\n{self.last_said}" if self.last_said else ""
            room.show_state(self._state + said)

    def _room_problem(self, message: str) -> None:
        room = self.room
        if room is not None:
            room.show_state(message)

    def selected(self) -> Row | None:
        """The trainee the room's cursor is on."""
        room = self.room
        return room.selected() if room is not None else None

    # ------------------------------------------------------------------ keys
    def action_help(self) -> None:
        from imr_tui.tui.trainer.help import TrainerHelpScreen

        self.push_screen(TrainerHelpScreen())

    def action_hand_out(self) -> None:
        flows.hand_out(self, self.selected())

    def action_reset(self) -> None:
        flows.reset(self, self.selected())

    def action_code(self) -> None:
        flows.code(self, self.selected())

    def action_model_answers(self) -> None:
        self.switch_model_answers(not bool(self.model_answers_on))

    def action_download(self) -> None:
        self.notify("Collecting everyone's work...", markup=False)
        self.download()

    def action_open_reviews(self) -> None:
        """Enter on a trainee: their review (or a choice of their reviews), read-only."""
        from imr_tui.tui.trainer.dialogs import ChoiceScreen
        from imr_tui.tui.trainer.rows import review_line

        row = self.selected()
        if row is None:
            return
        reviews = [r for r in row.reviews]
        if not reviews:
            self.notify(f"{row.name} has no review yet: h hands out a case.", markup=False)
            return
        if len(reviews) == 1:
            self.open_review(row.name, reviews[0].path)
            return
        from imr_tui.core import clock

        now = clock.now()
        by_path = {str(r.path): r.path for r in reviews}

        def chosen(ident: str | None) -> None:
            if ident is not None:
                self.open_review(row.name, by_path[ident])

        self.push_screen(
            ChoiceScreen(
                f"Read which of {row.name}'s reviews?",
                [(str(r.path), review_line(r, now).strip()) for r in reviews],
            ),
            chosen,
        )
