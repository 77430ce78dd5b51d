"""Bytes the program writes to an 80x24 terminal for each key typed (a pseudo-terminal).

Each case starts the program in a pty, waits for its first screen, optionally
sends set-up input (a paste, cursor moves), then types one key at a time and
counts the bytes written back until the screen is quiet. On a 64 kbit/s link
every 8 bytes cost a millisecond.

Run alone: ``python benchmarks/terminal_traffic.py`` (about a minute).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

BARE_WIDGET_APP = """\
import sys
from textual.app import App
from textual.widgets import Input, TextArea


class Bare(App):
    CSS = "Input, TextArea { width: 52; } TextArea { height: 13; }"

    def compose(self):
        if sys.argv[1] == "input":
            widget = Input(compact=True)
        else:
            widget = TextArea("", soft_wrap=True)
        widget.cursor_blink = False
        yield widget


Bare().run()
"""

PARAGRAPH = (
    "On 3 March the adult was seen at home by the district nurse, who noted that the "
    "pressure area care plan had not been followed since the last visit and that the "
    "adult's daughter had raised concerns about money being taken from the house."
)
PASTE = ("\x1b[200~" + PARAGRAPH + "\r\r" + PARAGRAPH + "\x1b[201~").encode()
CTRL_HOME = b"\x1b[1;5H"
DOWN = b"\x1b[B"
RIGHT = b"\x1b[C"
CTRL_Q = b"\x11"


@dataclass
class Traffic:
    """Bytes written back for each key typed."""

    per_key: list[int]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.per_key)

    @property
    def worst(self) -> int:
        return max(self.per_key)


def _drain(fd: int, quiet: float, limit: float, need: bytes = b"") -> bytes:
    """What the program writes until it has been quiet for ``quiet`` s (and showed ``need``)."""
    got = b""
    end = time.monotonic() + limit
    last = time.monotonic()
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            got += chunk
            last = time.monotonic()
        elif time.monotonic() - last > quiet and need in got:
            break
    return got


def traffic(
    argv: list[str],
    cwd: Path,
    ready: bytes,
    keys: bytes = b"abcdefghij" * 4,
    setup: tuple[bytes, ...] = (),
) -> Traffic:
    """Start ``argv`` at 80x24, wait for ``ready`` on screen, send ``setup``, then type ``keys``."""
    pid, fd = pty.fork()
    if pid == 0:  # the program
        os.chdir(cwd)
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        first = _drain(fd, 1.0, 20.0, need=ready)
        if ready not in first:
            raise RuntimeError(f"{argv} did not show {ready!r}")
        for data in setup:
            os.write(fd, data)
            _drain(fd, 0.3, 5.0)
        per_key = []
        for key in keys:
            os.write(fd, bytes([key]))
            per_key.append(len(_drain(fd, 0.15, 3.0)))
        os.write(fd, CTRL_Q)
        _drain(fd, 0.3, 3.0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return Traffic(per_key)


def prepare(folder: Path) -> tuple[list[str], Path]:
    """Two reviews (at a one-line prompt and at a long answer) and a bare Textual app."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synth import review

    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.store import save

    catalogue = load_catalogue()
    short = review(catalogue, 10, answer_bytes=2_000, seed=5)
    short = short.model_copy(update={"resume": "agency", "answers": {}})
    save(folder / "short.toml", short, catalogue)
    save(folder / "long.toml", short.model_copy(update={"resume": "summary"}), catalogue)
    bare = folder / "bare.py"
    bare.write_text(BARE_WIDGET_APP, encoding="utf-8")
    return [sys.executable, "-m", "imr_tui"], bare


def measure(folder: Path) -> dict[str, Traffic]:
    """Every case, ours and the bare widget's, and plain mode."""
    imr, bare = prepare(folder)
    middle = (PASTE, CTRL_HOME, DOWN, RIGHT, RIGHT, RIGHT)
    long_ = [*imr, "long.toml"]
    bare_area = [sys.executable, str(bare), "textarea"]
    return {
        "one-line answer": traffic([*imr, "short.toml"], folder, b"agency"),
        "one-line answer, bare Input": traffic([sys.executable, str(bare), "input"], folder, b""),
        "long answer, at the end": traffic(long_, folder, b"Summary", setup=(PASTE,)),
        "long answer, at the end, bare TextArea": traffic(bare_area, folder, b"", setup=(PASTE,)),
        "long answer, in the middle": traffic(long_, folder, b"Summary", setup=middle),
        "long answer, in the middle, bare TextArea": traffic(bare_area, folder, b"", setup=middle),
        "plain mode": traffic([*imr, "plain", "short.toml"], folder, b"agency"),
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="imr-bytes-") as tmp:
        for name, t in measure(Path(tmp)).items():
            print(f"{name}: {t.mean:.0f} B per key on average, {t.worst} B at most")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
