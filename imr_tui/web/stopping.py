"""The live browser sessions of serve mode: started cleanly, stopped promptly, errors kept private.

Each websocket runs one session process (:class:`Session`, a textual-serve
``AppService``). The server keeps them in a :class:`LiveSessions` set so that
Ctrl+C can stop them all at once: every session process is told to stop
(SIGTERM: the app saves what is on screen and the last keys, then exits, see
``imr_tui.tui.hang_up``), the server waits for them (bounded) and then exits,
saying how many were saved.

A session writes its screen to a pipe the server forwards to the page; a page
that does not read (a frozen laptop, a slow link) makes that forwarding wait, the
pipe fills and the session's app waits to write, unable to save or exit. So once
stopping begins, or once the page has gone, the session's output is read and
thrown away (a wait on the page is abandoned): the session can save, release its
lock and exit. Until then a page that reads slowly holds up only its own session.

A session process starts in its own process group (Ctrl+C in the server's
terminal reaches the server only, which stops the sessions in order) with a
small environment: nothing of the server's own environment beyond what Python
and Textual need. What a session writes to stderr (a traceback may show what
a trainee typed) never goes to the server's log: it is kept in a private file
of the workspace, and the log says only where.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import signal
from asyncio.subprocess import Process
from datetime import datetime
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

log = logging.getLogger("imr-serve")

STOP_SIGNAL = signal.SIGTERM
"""Told to stop: the app saves what is on screen, then the last keys, and exits."""
STOP_WAIT = 1.5
"""Seconds the sessions get to save and exit after Ctrl+C before they are killed."""
KEPT_ENVIRONMENT = (
    "PATH",
    "HOME",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "LC_TIME",
    "TZ",
    "TMPDIR",
    "PYTHONPATH",
    "VIRTUAL_ENV",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "COVERAGE_PROCESS_START",
    "IMR_SERVE_UNTUNED",  # the load benchmark's switches (imr_tui.web.tuning)
    "IMR_SERVE_PROFILE",
)
"""What a session process gets of the server's environment."""
SESSION_SETTINGS = (
    "TEXTUAL_DRIVER",
    "TEXTUAL_FPS",
    "TEXTUAL_COLOR_SYSTEM",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "COLUMNS",
    "ROWS",
    "TEXTUAL",
    "TEXTUAL_LOG",
)
"""What textual-serve sets for a session (the web driver, the window size): kept as it sets them."""


def clean_environment(environ: dict[str, str]) -> dict[str, str]:
    """The part of ``environ`` a session process gets."""
    return {name: environ[name] for name in KEPT_ENVIRONMENT if name in environ}


class LiveSessions:
    """The session processes running now, and whether the server is stopping."""

    def __init__(self, errors_folder: Path) -> None:
        self.running: set[Session] = set()
        self.pages: set[Session] = set()  # sessions whose page may still be open
        self.stopping = False
        self.errors_folder = errors_folder

    async def stop_all(self, wait: float = STOP_WAIT) -> tuple[int, int]:
        """Tell every session to save and stop; returns (stopped in time, killed after ``wait``)."""
        self.stopping = True
        sessions = [s for s in self.running if s.process is not None]
        for session in sessions:
            session.discard_output()
            session.signal(STOP_SIGNAL)
        waits = [asyncio.create_task(s.exited()) for s in sessions]
        if waits:
            await asyncio.wait(waits, timeout=wait)
        killed = 0
        for session, waiting in zip(sessions, waits, strict=True):
            if not waiting.done():
                killed += 1
                session.signal(signal.SIGKILL)
                waiting.cancel()
        return len(sessions) - killed, killed

    async def close_pages(self, wait: float = 0.2) -> None:
        """Tell every page still open that its session has ended (bounded)."""
        closing = [asyncio.create_task(s.close_page()) for s in self.pages]
        if closing:
            await asyncio.wait(closing, timeout=wait)

    def keep_errors(self, text: bytes) -> Path | None:
        """Keep a session's error output in a private file; returns it (None if it could not)."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.errors_folder / f"session-{stamp}.txt"
        try:
            self.errors_folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(text)
        except OSError:
            return None
        return path


class Session(AppService):
    """textual-serve's session process, kept in ``live`` while it runs."""

    def __init__(self, command: str, *, live: LiveSessions, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.live = live
        self.discarding = False
        """Output is read and thrown away, never sent to the page (stopping, or the page gone)."""
        self._forwarding = False  # waiting on the page (textual-serve's forwarding)

    @property
    def process(self) -> Process | None:
        """The session's process, once started."""
        return self._process

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        textual_serve_own = {k: v for k, v in environment.items() if k in SESSION_SETTINGS}
        return clean_environment(dict(os.environ)) | textual_serve_own

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,  # the terminal's Ctrl+C reaches the server only
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        self.live.running.add(self)
        self.live.pages.add(self)
        if self.live.stopping:  # started as the server stops: stop it too
            self.discarding = True
            self.signal(STOP_SIGNAL)
        return process

    def signal(self, sig: int) -> None:
        """Send ``sig`` to the session process, if it is still there."""
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.send_signal(sig)

    def discard_output(self) -> None:
        """From now on read the session's output and throw it away, never waiting on its page."""
        self.discarding = True
        if self._forwarding and self._task is not None:
            self._task.cancel()  # the wait on the page ends; :meth:`run` reads on

    async def _forward(self, kind: bytes, payload: bytes) -> None:
        """Send one packet of the session's output on to the page (nothing once discarding)."""
        if self.discarding:
            return
        self._forwarding = True
        try:
            if kind == b"D":
                await self.on_data(payload)
            elif kind == b"M":
                await self.on_meta(payload)
            elif kind == b"P":
                await self.on_packed(payload)
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if not self.discarding or task is None:
                raise
            task.uncancel()  # cancelled by :meth:`discard_output` only: go on reading
        except ConnectionError:  # the page has gone: read on, so the session can save and exit
            self.discarding = True
            self.signal(STOP_SIGNAL)  # its last keys too (a quit from the page may pass them)
        finally:
            self._forwarding = False

    async def stop(self) -> None:
        """The page has gone: the session quits, as textual-serve has it.

        If its output is still waiting on that page (the session cannot write, so
        its keys wait unread), it is told to stop instead (a quit would pass over
        those keys) and its output is thrown away: it saves them, then exits.
        """
        if not (self._forwarding or self.discarding) or self._task is None:
            await super().stop()
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        self.discard_output()
        self.signal(STOP_SIGNAL)
        await self._task
        self._task = None

    async def exited(self) -> int:
        """Wait until the session process has exited; its exit code."""
        assert self._process is not None
        return await self._process.wait()

    async def close_page(self) -> None:
        """Close the browser's websocket (the page says the session ended)."""
        self.live.pages.discard(self)
        with contextlib.suppress(Exception):
            await self.remote_close()

    async def run(self) -> None:
        """textual-serve's loop, but the process's stderr is kept private, not logged."""
        assert self._process is not None
        process = self._process
        stdout, stderr = process.stdout, process.stderr
        assert stdout is not None and stderr is not None
        errors = io.BytesIO()

        async def read_stderr() -> None:
            with contextlib.suppress(asyncio.CancelledError):
                while data := await stderr.read(4096):
                    errors.write(data)

        stderr_task = asyncio.create_task(read_stderr())
        try:
            for _ in range(10):  # the prelude that says it is a Textual app
                if not (line := await stdout.readline()) or line == b"__GANGLION__\n":
                    break
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                await self._forward(kind, await stdout.readexactly(size))
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(asyncio.TimeoutError, ProcessLookupError):
                await asyncio.wait_for(process.wait(), 2.0)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(stderr_task), 0.5)
            stderr_task.cancel()
            self.live.running.discard(self)
            await self.close_page()  # the page says the session ended (textual-serve: never)
        self.report_errors(errors.getvalue(), process.returncode)

    def report_errors(self, text: bytes, code: int | None) -> None:
        """Say in the log that a session wrote errors, and where they are kept (never what)."""
        if not text.strip():
            return
        kept = self.live.keep_errors(text)
        where = f"kept in {kept}" if kept else "not kept (the workspace could not be written)"
        log.warning(
            "A session wrote error output (exit code %s); it may hold what a trainee typed, "
            "so it is not shown here: %s",
            code,
            where,
        )
