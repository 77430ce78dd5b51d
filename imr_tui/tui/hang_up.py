"""The terminal went away, or the process was told to stop: save, then exit.

What is on screen is saved at once. A laggy link delivers the last keys
together with the hang-up, so those are then read and put where they were
typed, in order, and the review is saved again before the app exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from typing import TYPE_CHECKING

from imr_tui.tui.ordered_input import terminal_gone

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp

HANG_UP_LIMIT = 6.0
"""Seconds after a hang-up by which the process has ended, whatever blocks it."""


def listen_for_hang_up(app: IMRApp) -> None:
    """Hang up on SIGHUP (the terminal went away) and SIGTERM (told to stop)."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGHUP, signal.SIGTERM):
        loop.add_signal_handler(sig, app.hang_up, sig)


def hang_up(app: IMRApp, sig: int) -> None:
    """Save what is on screen at once, then (in a task) the last keys, then exit."""
    if app.hanging_up:
        return
    app.hanging_up = True
    if sig == signal.SIGHUP:
        let_go_of_terminal(app)
    app.keep_everything()
    app.autosave.write_now()
    app.hang_up_task = asyncio.get_running_loop().create_task(finish_hang_up(app, sig))


def let_go_of_terminal(app: IMRApp) -> None:
    """The terminal is going: read what it still holds, draw nothing, never wait on it.

    If it is already gone, the input thread makes one last read and stops (at
    end of input it would otherwise spin and starve the app). A write to a
    hung-up terminal fails, the output queue fills and the next write would
    block for ever; the kernel's SIGCONT after a hang-up would make Textual set
    the terminal up again. A last-resort timer ends the process if anything
    still blocks it (the review was saved first).
    """
    driver = app._driver
    if driver is not None:
        exit_event = getattr(driver, "exit_event", None)  # only the terminal drivers have one
        if exit_event is not None and terminal_gone():
            exit_event.set()  # a terminal still there (a plain SIGHUP) is read to the end
        driver.write = lambda data: None  # type: ignore[method-assign]
        driver.flush = lambda: None  # type: ignore[method-assign]
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGCONT, signal.SIG_DFL)
    timer = threading.Timer(HANG_UP_LIMIT, os._exit, args=(129,))
    timer.daemon = True
    timer.start()


async def finish_hang_up(app: IMRApp, sig: int) -> None:
    """Put the last keys where they were typed, save again, let the review go, exit."""
    try:
        await app.input.collect_last_keys()
    finally:
        app.keep_everything()
        app.autosave.write_now()
        app.release_lock()
        app.exit(128 + sig)
