"""A slow network link, and a terminal to watch a program through it.

:class:`SlowLink` carries a TCP connection with a delay and a limited rate in each
direction, as a poor connection does (by default 64 kbit/s and 150 ms each way).
:class:`PtyScreen` runs a program (the ``ssh`` client, or imr itself) in a
pseudo-terminal at 80x24 and reads what it writes through a terminal emulator (pyte),
counting bytes both ways.

Why not ``tc netem`` in a network namespace: the kernels these tests run on may be
built without the netem queueing discipline (``CONFIG_NET_SCH_NETEM``), and then it
cannot be had at all; the link is modelled here instead, in the test's own process,
with no privileges and nothing left behind on the machine when a test fails.
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import os
import pty
import select
import signal
import socket
import struct
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from queue import Queue

import pyte

WIDTH, HEIGHT = 80, 24

MODES = {
    "motion": (b"\x1b[?1003h", b"\x1b[?1003l"),
    "drag": (b"\x1b[?1002h", b"\x1b[?1002l"),
    "focus": (b"\x1b[?1004h", b"\x1b[?1004l"),
}
"""Reports a program can ask a terminal for, and the codes that turn them on and off."""
SYNC_QUERY, SYNC_REPLY = b"\x1b[?2026$p", b"\x1b[?2026;2$y"
"""A program's question whether the terminal can hold a frame until it is whole
(synchronized output), and the answer of a terminal that can, as most now do."""


class PtyScreen:
    """``argv`` running in a new pseudo-terminal, its output fed to an emulator."""

    def __init__(self, argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the program, in the terminal
            os.chdir(cwd)
            os.execve(argv[0], list(argv), dict(env))
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
        self.pid, self.fd = pid, fd
        self.screen = pyte.Screen(WIDTH, HEIGHT)
        self._stream = pyte.ByteStream(self.screen)
        self.down = 0
        """Bytes the program wrote to the terminal so far."""
        self.up = 0
        """Bytes sent to the program so far (keys, mouse and focus reports)."""
        self.modes: set[str] = set()
        """The reports the program has asked for (keys of :data:`MODES`)."""
        self._tail = b""
        self._status: int | None = None

    def send(self, data: bytes) -> None:
        """What the terminal sends: typed keys, a paste, a report."""
        os.write(self.fd, data)
        self.up += len(data)

    def read(self, wait: float) -> int:
        """Read what the program writes within ``wait`` seconds; the number of bytes."""
        r, _, _ = select.select([self.fd], [], [], wait)
        if not r:
            return 0
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the program has ended
            return 0
        self.down += len(chunk)
        seen = self._tail + chunk
        for mode, (on, off) in MODES.items():
            at_on, at_off = seen.rfind(on), seen.rfind(off)
            if at_on > at_off:
                self.modes.add(mode)
            elif at_off > at_on:
                self.modes.discard(mode)
        if SYNC_QUERY in seen:
            self.send(SYNC_REPLY)
            seen = seen.replace(SYNC_QUERY, b"")
        self._tail = seen[-16:]
        self._stream.feed(chunk)
        return len(chunk)

    def quiet(self, after: float, limit: float = 10.0) -> float:
        """Read until nothing came for ``after`` seconds; when the last byte came."""
        end = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < end:
            if self.read(0.02):
                last = time.monotonic()
            elif time.monotonic() - last > after:
                break
        return last

    def until(self, check: Callable[[], bool], limit: float) -> float | None:
        """Read until ``check()`` holds; when it did (None after ``limit`` seconds)."""
        end = time.monotonic() + limit
        while not check():
            if time.monotonic() > end:
                return None
            self.read(0.02)
        return time.monotonic()

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(self.screen.display)

    def ended(self) -> bool:
        """True once the program has ended (it is then collected)."""
        if self._status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._status = status
        return self._status is not None

    def close(self, quit_key: bytes = b"", limit: float = 10.0) -> None:
        """Press ``quit_key`` if any, wait for the program to end, killed after ``limit`` s."""
        if quit_key and not self.ended():
            with contextlib.suppress(OSError):
                self.send(quit_key)
        if self.until(self.ended, limit) is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._status = os.waitpid(self.pid, 0)[1]
        os.close(self.fd)


RATE = 64_000
"""Bits per second, each way."""
DELAY = 0.150
"""Seconds each byte spends on the way, each way (a round trip of 300 ms)."""
SEGMENT, HEADERS = 1448, 52
"""Bytes of data in a full TCP segment, and the IP and TCP headers each one carries."""


class _Direction:
    """One way through the link: bytes queue for the line, then arrive ``delay`` later."""

    def __init__(self, source: socket.socket, target: socket.socket, link: SlowLink) -> None:
        self.source, self.target, self.link = source, target, link
        self.sent = 0
        """Bytes carried this way so far (data only)."""
        self._free_at = 0.0
        self._queue: Queue[tuple[float, bytes] | None] = Queue()
        for job in (self._read, self._deliver):
            threading.Thread(target=job, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = self.source.recv(65536)
            except OSError:
                data = b""
            if not data:
                self._queue.put(None)
                return
            now = time.monotonic()
            wire = len(data) + HEADERS * math.ceil(len(data) / SEGMENT)
            self._free_at = max(now, self._free_at) + wire * 8 / self.link.rate
            self._queue.put((self._free_at + self.link.delay, data))

    def _deliver(self) -> None:
        while (item := self._queue.get()) is not None:
            arrives, data = item
            time.sleep(max(0.0, arrives - time.monotonic()))
            try:
                self.target.sendall(data)
            except OSError:
                break
            self.sent += len(data)
        with contextlib.suppress(OSError):
            self.target.shutdown(socket.SHUT_WR)


class SlowLink:
    """A slow link in front of ``127.0.0.1:target``; connect to :attr:`port` instead.

    Each direction is a line of ``rate`` bits per second (data and TCP/IP headers)
    followed by ``delay`` seconds of travel: a burst waits for the ones before it, and
    arrives whole and in order. Use as a context manager: leaving closes everything.
    """

    def __init__(self, target: int, rate: int = RATE, delay: float = DELAY) -> None:
        self.target, self.rate, self.delay = target, rate, delay
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        """Where the client connects."""
        self.connections: list[tuple[_Direction, _Direction]] = []
        """Each connection's two directions: (up to the server, down to the client)."""
        self._sockets: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # closed
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sockets += [client, server]
            self.connections.append(
                (_Direction(client, server, self), _Direction(server, client, self))
            )

    @property
    def down(self) -> int:
        """Bytes carried from the server to the client, over every connection so far."""
        return sum(down.sent for _, down in self.connections)

    @property
    def up(self) -> int:
        """Bytes carried from the client to the server, over every connection so far."""
        return sum(up.sent for up, _ in self.connections)

    def close(self) -> None:
        """Close the listener and every connection."""
        for s in self._sockets:
            with contextlib.suppress(OSError):
                s.close()

    def __enter__(self) -> SlowLink:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
