"""The Textual app made safe for a shared terminal, whatever the author types.

Every key, paste and click reaches its place in the order typed; control codes
in the text never reach the terminal; links are never opened; no cursor
blinks; a crash saves first and its report shows no local variables (they hold
the author's text). :class:`imr_tui.tui.app.IMRApp` builds the interview on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import RenderableType
from textual import events
from textual._ansi_sequences import SYNC_END, SYNC_START
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter
from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerFailed

from imr_tui.tui.ordered_input import OrderedInput
from imr_tui.tui.sent_screen import SentScreen
from imr_tui.tui.terminal_bytes import REPLACEMENT, NoControlCodes

if TYPE_CHECKING:
    from textual.screen import Screen

WORKER_LIMIT = 10.0
"""Seconds simulated key presses wait for the work they started on a screen."""
TYPING_SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the interpreter before another gets it (Python's own
default is 0.005). Saving and checking a long review keep worker threads busy; a
key waiting behind them, and the recovery journal's write, get their turn sooner."""


def responsive_to_typing() -> None:
    """Let the keys, and the journal that keeps them, go first (see
    :data:`TYPING_SWITCH_INTERVAL`); for a process that runs the interview."""
    sys.setswitchinterval(TYPING_SWITCH_INTERVAL)


class SafeApp(App[int]):
    """Ordered input, no control codes out, no links, no blinking, a safe crash."""

    BINDINGS = [
        # a priority binding: dialogs (modal screens) stop the search for ordinary ones
        Binding("f5", "redraw_screen", "Redraw the screen", show=False, priority=True)
    ]

    def __init__(self) -> None:
        super().__init__()
        self.input = OrderedInput(self, self._deliver_input)
        """Every key, paste and click, in the order typed (see its module)."""
        self._told_replaced = False
        self._no_control_codes = NoControlCodes()
        self._crash: BaseException | None = None
        self.sent_screen = SentScreen()
        """The cells the terminal shows: each frame sends only the ones that changed."""

    # ------------------------------------------------------------------ crashes
    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: save what the author wrote before anything else."""
        self._crash = error
        with contextlib.suppress(Exception):
            self.save_everything()
        super()._handle_exception(error)

    def save_everything(self) -> None:
        """Keep what the author wrote (called before anything else on a crash)."""

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
            await self.input.receive(_typed_format_character(event))
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
            with contextlib.suppress(WorkerCancelled, WorkerFailed, TimeoutError):
                await asyncio.wait_for(self.workers.wait_for_complete(started), WORKER_LIMIT)
            await self.input.settled()

    # ------------------------------------------------------------------ terminal
    def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        """Send a frame: only the cells that differ from what the terminal shows.

        Textual would send every cell of each region it redraws (the whole text
        box for one typed character); :class:`SentScreen` compares the frame with
        what was sent. Frames Textual draws another way (inline, headless) are its own.
        """
        driver = self._driver
        if (
            not isinstance(renderable, (LayoutUpdate, ChopsUpdate))
            or self._batch_count
            or not self._running
            or self._closed
            or driver is None
            or driver.is_headless
            or driver.is_inline
        ):
            super()._display(screen, renderable)
            if (
                renderable is not None
                and not isinstance(renderable, (LayoutUpdate, ChopsUpdate))
                and not self.is_headless
            ):
                self._forget_screen()  # something was written that the copy does not know
            return
        try:
            sent = self.sent_screen
            width, height = self.size
            sent.set_color_system(self.console._color_system or sent.keys.color_system)
            if (width, height) != (sent.width, sent.height):
                sent.forget(width, height)
            cursor = self.screen.outer_size.clamp_offset(self.cursor_position)
            try:
                sequence = sent.frame(renderable, (cursor.x, cursor.y))
            except Exception as error:
                sent.forget()
                self._handle_exception(error)
                return
            self._previous_cursor_position = cursor
            if not sequence:
                return
            if self._sync_available and sent.runs > 1:
                sequence = SYNC_START + sequence + SYNC_END
            driver.write(sequence)
            driver.flush()
        finally:
            self.post_display_hook()

    def _on_mount(self, _event: events.Mount) -> None:
        """After a suspension the terminal shows something else: send every cell."""
        self.app_resume_signal.subscribe(self, self._forget_screen)

    def _forget_screen(self, _app: object = None) -> None:
        """The terminal may show anything (resumed, or written to): send every cell next."""
        self.sent_screen.forget()

    def action_redraw_screen(self) -> None:
        """Send every cell again: for a terminal something else wrote over (a message
        from the server's administrator, a program run before), since only changed
        cells are sent otherwise."""
        self._forget_screen()
        self.screen.refresh(repaint=True)

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


def _typed_format_character(event: events.Event) -> events.Event:
    """A typed character that shapes the text around it without being seen (U+200C,
    which Persian and Indian scripts type between letters; U+200D, which joins an
    emoji; a direction mark) arrives as a key Textual's text boxes ignore (it is not
    "printable"): it goes in as a one-character paste, as it would if pasted."""
    if isinstance(event, events.Key):
        character = event.character
        if (
            character is not None
            and len(character) == 1
            and not character.isprintable()
            and unicodedata.category(character) == "Cf"
        ):
            return events.Paste(character)
    return event
