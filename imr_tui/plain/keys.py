"""Where the line asker's keys come from: the terminal, byte by byte, or a script.

:class:`TtyKeys` puts the terminal in raw mode while keys are read, and puts it back
as it was afterwards, so that anything after (an editor, the shell after a crash or a
hang-up) meets the terminal as the author left it.
Raw mode here means: no line editing by the kernel (the line asker edits), no echo
(the line asker echoes), Ctrl-C and Ctrl-Z arrive as bytes (0x03, 0x1a) rather than
signals, Ctrl-S and Ctrl-Q do not stop the output, and Enter arrives as the byte the
terminal sends (CR), so that a pasted CR LF is seen as it is. Output processing
stays on, so a printed line feed still starts a new line.

In plain mode the line asker holds raw mode for the whole interview
(:meth:`TtyKeys.holding`, from :func:`imr_tui.plain.run.interview`), and lets it go only
for a program run meanwhile (:meth:`TtyKeys.letting_go`: the author's editor), so no key
of a fast burst or a paste meets the terminal's own line editing and echo, even while
the program is busy between two questions. Bytes the author typed before a
question appears are kept for it: the mode is changed with ``TCSANOW``, which keeps
what is waiting to be read.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any, Protocol


class Keys(Protocol):
    """A source of typed bytes."""

    def read(self) -> bytes:
        """At least one byte, waiting for it; ``b""`` at the end of input."""


class TtyKeys:
    """Bytes typed at a terminal (or read from any file descriptor)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        """The file descriptor read from (standard input, usually)."""
        self._held = False
        self._before: list[Any] | None = None  # the terminal as it was, while held

    def read(self) -> bytes:
        """At least one byte, in raw mode while waiting; ``b""`` at the end of input
        or when the terminal has gone (a hang-up)."""
        if self._held:
            return self._read()
        with self.holding():
            return self._read()

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Raw mode until the block ends (then the terminal as it was), for every read
        in it; nothing changes for a file descriptor that is not a terminal."""
        import termios

        if self._held:
            yield
            return
        before: list[Any] | None = None
        with contextlib.suppress(termios.error):
            before = termios.tcgetattr(self.fd)
        if before is None:  # not a terminal (a pipe, a file): bytes as they come
            yield
            return
        try:
            termios.tcsetattr(self.fd, termios.TCSANOW, _raw(before))
            self._held, self._before = True, before
            yield
        finally:
            self._held, self._before = False, None
            with contextlib.suppress(termios.error):  # a terminal gone: nothing to put back
                termios.tcsetattr(self.fd, termios.TCSANOW, before)

    @contextlib.contextmanager
    def letting_go(self) -> Iterator[None]:
        """The terminal as it was before :meth:`holding` until the block ends (for a
        command run in the middle of a question: an editor, a long check), then raw
        mode again."""
        import termios

        before = self._before
        if not self._held or before is None:
            yield
            return
        self._held, self._before = False, None
        with contextlib.suppress(termios.error):
            termios.tcsetattr(self.fd, termios.TCSANOW, before)
        try:
            yield
        finally:
            with contextlib.suppress(termios.error):
                termios.tcsetattr(self.fd, termios.TCSANOW, _raw(before))
            self._held, self._before = True, before

    def _read(self) -> bytes:
        try:
            return os.read(self.fd, 4096)
        except OSError:  # EIO after a hang-up
            return b""


def _raw(before: list[Any]) -> list[Any]:
    """Terminal attributes for reading keys (see the module)."""
    import termios

    raw = list(before)
    raw[0] &= ~(termios.IXON | termios.ICRNL | termios.INLCR | termios.IGNCR)
    raw[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN)
    chars = list(before[6])
    chars[termios.VMIN] = 1
    chars[termios.VTIME] = 0
    raw[6] = chars
    return raw
