"""Settings a served session takes before Textual starts, to keep many sessions light.

Each browser session is its own process on the server; twenty of them share the
server's processors with everything else. :func:`tune_session` is called first
thing in every served process (trainee's and trainer's), before Textual is imported.

Two switches for measuring (``benchmarks/serve_load.py``), read from the environment
the server passes on to its sessions: ``IMR_SERVE_UNTUNED=1`` leaves every setting
as Textual has it (the figures before), and ``IMR_SERVE_PROFILE=FOLDER`` writes a
profile of the session's main thread to ``FOLDER/session-PID.prof`` on SIGUSR1 (SIGUSR2
starts it afresh), and the rest to ``FOLDER/session-PID-end.prof`` at exit.
"""

from __future__ import annotations

import os

UNTUNED = "IMR_SERVE_UNTUNED"
"""Set to 1: no setting of this module is applied (for measuring them)."""
PROFILE = "IMR_SERVE_PROFILE"
"""A folder: profile the session (cProfile) and write it there when the session ends."""


GC_THRESHOLDS = (7000, 10, 10)
"""Python's collector runs its youngest generation after 7,000 new objects instead of 700.
A keystroke makes thousands of short-lived objects (segments, strips); with Python's
defaults, a whole-heap collection (about 125 ms at 80x24 with the interview open, the
key's echo waiting behind it) came every few seconds of typing. Measured in-process,
30 s of typing and 11 prompt changes: 644 ms of collection, the longest 129 ms, with
the defaults; 208 ms, the longest 24 ms, with these and :data:`FREEZE_AFTER`."""
FREEZE_AFTER = 3.0
"""Seconds after start when what was made so far (Textual, the catalogue, the first
screen) is moved out of the collector's sight (``gc.freeze``): it lives as long as the
session, and the collections that do run no longer walk through it."""
ENVIRONMENT = {
    "TEXTUAL_ANIMATIONS": "none",
}
"""Textual's settings: no animations (a smooth scroll draws a frame every 1/60 s while it
moves; the screen then shows where it ends at once)."""


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The driver textual-serve asks its sessions to use."""
SESSION_DRIVER = "imr_tui.web.session_driver:SessionDriver"
"""Ours instead: the same, but a session whose server has gone saves and ends
(:mod:`imr_tui.web.session_driver`). Not a tuning: applied even when measuring untuned."""


def tune_session() -> None:
    """Apply the served sessions' settings (before Textual is imported)."""
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        os.environ["TEXTUAL_DRIVER"] = SESSION_DRIVER
    folder = os.environ.get(PROFILE)
    if folder:
        _profile(folder)
    if os.environ.get(UNTUNED) == "1":
        return
    import gc
    import threading

    os.environ.update(ENVIRONMENT)
    gc.set_threshold(*GC_THRESHOLDS)
    freeze = threading.Timer(FREEZE_AFTER, gc.freeze)
    freeze.daemon = True
    freeze.start()


def _profile(folder: str) -> None:
    """Profile this process's main thread: SIGUSR2 starts the profile afresh, SIGUSR1
    writes it (the load benchmark sends them when typing starts and ends), and so
    does the end of the process."""
    import atexit
    import cProfile
    import signal
    from types import FrameType

    profiles = [cProfile.Profile()]

    def write(*_args: int | FrameType | None, suffix: str = "") -> None:
        profiles[0].disable()
        profiles[0].dump_stats(os.path.join(folder, f"session-{os.getpid()}{suffix}.prof"))
        profiles[0].enable()

    def afresh(*_args: int | FrameType | None) -> None:
        profiles[0].disable()
        profiles[0] = cProfile.Profile()
        profiles[0].enable()

    signal.signal(signal.SIGUSR1, write)
    signal.signal(signal.SIGUSR2, afresh)
    atexit.register(write, suffix="-end")
    profiles[0].enable()
