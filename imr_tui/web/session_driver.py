"""The driver of a served session: Textual's web driver, ending the session when its
server has gone.

A served session reads the server's messages on its standard input. Textual's web
driver stops reading when that input ends (the server was killed, or crashed) and
does nothing more, so the session would run on for ever, holding its review's lock:
the trainee, back on a restarted server, would be told their own review is open
elsewhere. Here the end of input is a hang-up: the session saves, releases its lock
and exits, as on a dropped SSH connection. It is chosen by :func:`imr_tui.web.tuning.tune_session`.
"""

from __future__ import annotations

import os
import signal

from textual.drivers.web_driver import WebDriver


class SessionDriver(WebDriver):
    """Textual's web driver; the end of its input (not an exit asked for) hangs up."""

    def run_input_thread(self) -> None:
        """Read the server's messages until they end; then, unless the app is leaving
        anyway, hang up (the app saves on SIGHUP)."""
        super().run_input_thread()
        if not self.exit_event.is_set():
            os.kill(os.getpid(), signal.SIGHUP)
