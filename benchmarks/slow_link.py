"""200 characters typed over a slow, distant link: how long until the author sees them.

The real sshd serving imr (as ``tests/test_ssh.py`` runs it), the real ``ssh`` client
in a pseudo-terminal read through a terminal emulator, and between them a link of
64 kbit/s with 150 ms of delay each way (``tests/poor_link.py``). The author types
200 characters into a long answer in bursts of 10 every 0.25 s (so the typing itself
takes 4.75 s), in the Textual interview (also with ``ssh -C``, compressed) and in plain
mode (``IMR_PLAIN=1``, and its plain lines with ``TERM=dumb``),
interleaved; every run checks that all 200 are in the answer on disk afterwards.

Figures (median of the runs): seconds from the first key until all 200 are on the
author's screen, the part of it after the last key, and the bytes the link carried to
the author meanwhile; then the seconds from asking for the next prompt (Ctrl+N; in
plain mode, the full stop that ends the answer) to its name on the screen, and to
the last byte of it, and the bytes that took.

``python benchmarks/slow_link.py [--runs N] [--imr-root FOLDER]`` prints them (about
50 s a run). ``--imr-root`` serves another copy of imr-tui (for example an earlier
commit, from ``git archive``) for a figure before a change.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE.parent)]

from poor_link import DELAY, RATE, SlowLink  # noqa: E402
from test_slow_link import (  # noqa: E402
    BURST,
    CHARACTERS,
    EVERY,
    PROMPT,
    Typed,
    fresh_review,
    type_over_link,
    typed_text,
)
from test_ssh import Server, serving_imr  # noqa: E402

from imr_tui.core.catalogue import load_catalogue  # noqa: E402
from imr_tui.core.store import load  # noqa: E402

CASES = {
    "Textual": ("Textual", ()),
    "Textual, ssh -C": ("Textual", ("-C",)),
    "plain": ("plain", ()),
    "plain lines (TERM=dumb)": ("plain lines", ()),
}
"""Each case measured: the mode (see ``tests/test_slow_link.py``) and options for ssh
(``-C``: the connection compressed)."""


def _serve_from(server: Server, root: Path) -> None:
    """Make the server run the copy of imr-tui in ``root`` (``python -m`` imports from
    the folder it starts in)."""
    wrapper = server.app_pid_file.parent / "imr-ssh"
    script = wrapper.read_text(encoding="utf-8")
    wrapper.write_text(script.replace("\nexec ", f"\ncd {shlex.quote(str(root))}\nexec ", 1))


def measure(runs: int = 3, imr_root: Path | None = None) -> dict[str, float]:
    """Seconds for 200 characters to reach the screen, and bytes down, per mode."""
    catalogue = load_catalogue()
    text = typed_text()
    found: dict[str, list[Typed]] = {name: [] for name in CASES}
    with (
        tempfile.TemporaryDirectory(prefix="imr-slow-link-") as tmp,
        serving_imr(Path(tmp)) as server,
        SlowLink(server.port) as link,
    ):
        if imr_root is not None:
            _serve_from(server, imr_root)
        far = replace(server, port=link.port)
        path = server.workspace / "a.toml"
        for _ in range(runs):
            for name, (mode, options) in CASES.items():
                fresh_review(path, catalogue)
                found[name].append(type_over_link(far, link, text, mode, *options))
                if load(path, catalogue).answer(PROMPT) != text:
                    raise RuntimeError(f"{name}: the answer on disk is not what was typed")
    figures: dict[str, float] = {}
    for name, results in found.items():
        figures[f"{name}: seconds for 200 characters"] = statistics.median(
            r.seconds for r in results
        )
        figures[f"{name}: seconds after the last key"] = statistics.median(
            r.after_last_key for r in results
        )
        figures[f"{name}: bytes down the link"] = statistics.median(r.bytes_down for r in results)
        figures[f"{name}: terminal bytes"] = statistics.median(r.terminal_bytes for r in results)
        figures[f"{name}: seconds to the next prompt"] = statistics.median(
            r.next_prompt for r in results
        )
        figures[f"{name}: seconds to the whole next prompt"] = statistics.median(
            r.next_prompt_whole for r in results
        )
        figures[f"{name}: bytes down for the next prompt"] = statistics.median(
            r.next_prompt_bytes for r in results
        )
    return figures


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--imr-root", type=Path, default=None)
    args = parser.parse_args()
    started = time.monotonic()
    print(
        f"200 characters over {RATE // 1000} kbit/s, {DELAY * 1000:.0f} ms each way "
        f"(typing alone takes {(CHARACTERS // BURST - 1) * EVERY:.2f} s); "
        f"median of {args.runs} runs, modes interleaved"
    )
    for name, value in measure(args.runs, args.imr_root).items():
        print(f"  {name:56} {value:10.2f}")
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
