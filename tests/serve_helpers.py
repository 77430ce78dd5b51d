"""A real serve-mode server in its own process, and websocket clients that act as browsers."""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from test_serve import free_port, wait_for

from imr_tui.web.tokens import Tokens

TOKENS = Tokens(trainee="trainee-token-for-tests", trainer="trainer-token-for-tests")

SERVER = """
import sys
from pathlib import Path
from imr_tui.web.serve import build_server
from imr_tui.web.tokens import Tokens
command, trainer, port, errors = sys.argv[1:5]
tokens = Tokens(trainee=sys.argv[5], trainer=sys.argv[6])
build_server(command, "127.0.0.1", int(port), tokens, trainer=trainer,
             errors_folder=Path(errors), max_sessions=int(sys.argv[7])).serve()
"""


@dataclass
class Served:
    """A running server: its process, base address and what it printed so far."""

    proc: subprocess.Popen[bytes]
    base: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


OPEN_REVIEW = (
    "import sys; from pathlib import Path; from imr_tui.web.tuning import tune_session; "
    "tune_session(); from imr_tui.core.data_files import DataFiles; "
    "from imr_tui.tui.app import create_app; data = DataFiles.resolve(None); "
    "app = create_app(data.catalogue, path=Path(sys.argv[1]), handle_signals=True, "
    "data_files=data); code = app.run(); app.release_lock(); "
    "sys.exit(code if isinstance(code, int) else 0)"
)
"""A session that opens one review in the interview (as a browser session does, at its end,
with a served session's settings and driver)."""


def claim_one(reviews: list[Path], claims: Path) -> str:
    """A session command that opens the first review no other session has claimed."""
    app = shlex.join([sys.executable, "-c", OPEN_REVIEW])
    parts = [
        f"mkdir {shlex.quote(str(claims / str(i)))} 2>/dev/null && exec {app} "
        + shlex.quote(str(review))
        for i, review in enumerate(reviews)
    ]
    return "; ".join(parts) + "; exit 1"


@contextmanager
def real_server(
    tmp_path: Path, command: str, trainer: str = "exit 1", max_sessions: int = 60
) -> Iterator[Served]:
    """The server (``build_server(...).serve()``) in a process of its own, on a free port."""
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                SERVER,
                command,
                trainer,
                str(port),
                str(tmp_path / "errors"),
                TOKENS.trainee,
                TOKENS.trainer,
                str(max_sessions),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    served = Served(proc, f"http://127.0.0.1:{port}", log)
    try:
        wait_for(
            "the addresses", lambda: "/trainer?token=" in served.output() or proc.poll() is not None
        )
        assert proc.poll() is None, served.output()
        yield served
    finally:
        if (
            proc.poll() is None
        ):  # Ctrl+C stops its sessions too (they have process groups of their own)
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class Browser:
    """One websocket session as the page drives it: keys in, screen bytes out."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.received = 0
        self.last = time.monotonic()
        self.closed = asyncio.Event()
        self.mark = 0
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += len(message.data)
                self.last = time.monotonic()
        self.closed.set()

    async def send(self, text: str) -> None:
        """Type ``text``; :meth:`settle` then waits for what the app draws after it."""
        self.mark = self.received
        await self.ws.send_str(json.dumps(["stdin", text]))

    def stop_reading(self) -> None:
        """Read nothing more from the websocket (a page on a frozen laptop or a dead slow link)."""
        connection = self.ws._response.connection
        assert connection is not None and connection.transport is not None
        sock = connection.transport.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        connection.transport.pause_reading()

    def drop_connection(self) -> None:
        """The connection drops (no closing handshake): the server finds the page gone."""
        connection = self.ws._response.connection
        assert connection is not None and connection.transport is not None
        connection.transport.abort()

    async def settle(self, quiet: float = 0.4, timeout: float = 30.0) -> None:
        """Wait until the app has drawn something (since the last keys) and then paused."""
        since = self.mark
        await until_async(
            lambda: self.received > since and time.monotonic() - self.last > quiet, timeout
        )


async def until_async(check: Callable[[], bool], timeout: float = 15.0) -> None:
    """Wait (polling, with a deadline) until ``check`` holds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


async def open_session(
    client: aiohttp.ClientSession, base: str, path: str = "/ws", token: str = TOKENS.trainee
) -> Browser:
    """Open a session's websocket with ``token`` and wait for its first screen."""
    ws = await client.ws_connect(
        f"{base.replace('http', 'ws', 1)}{path}?token={token}&width=80&height=24"
    )
    await ws.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
    browser = Browser(ws)
    await browser.settle()
    return browser


def session_pids(server: int) -> list[int]:
    """The processes the server started for its sessions (its children)."""
    children = Path(f"/proc/{server}/task/{server}/children").read_text(encoding="ascii")
    return [int(pid) for pid in children.split()]


def blocked_writing(pid: int) -> bool:
    """Whether process ``pid`` is waiting to write to a full pipe (its reader is not reading)."""
    try:
        threads = list(Path(f"/proc/{pid}/task").iterdir())
        return any(
            (t / "wchan").read_text(encoding="ascii").endswith("pipe_write") for t in threads
        )
    except OSError:
        return False


async def block_its_session(browser: Browser, server: int) -> None:
    """Stop reading ``browser``'s websocket and redraw until its session cannot write.

    Whole-screen redraws (resizes) fill the socket, then the server's sending and the
    session's output pipe; returns once a session process waits on a full pipe.
    """
    before = {pid for pid in session_pids(server) if blocked_writing(pid)}
    browser.stop_reading()
    deadline = time.monotonic() + 30
    sent = 0
    while not {pid for pid in session_pids(server) if blocked_writing(pid)} - before:
        assert time.monotonic() < deadline, f"the session never filled its output pipe ({sent})"
        for _ in range(5):  # sizes never the same twice running: each is a whole new screen
            width, height = (200, 60) if sent % 2 else (120 + sent % 40, 40)
            await browser.ws.send_str(json.dumps(["resize", {"width": width, "height": height}]))
            sent += 1
        await asyncio.sleep(0.05)
