"""Bytes over the link, for each of Textual's settings that could cost them: what the
Textual interview sends (down) and receives (up) at 80x24 in a pseudo-terminal, with
Textual's defaults, with the defaults imr-tui takes over SSH
(:mod:`imr_tui.tui.link_settings`), and with single settings changed.

Per setting: bytes down per character typed one at a time into a long answer, and per
character typed in bursts of ten (as a laggy link delivers them); the time from a key
to the first byte of the answer (median); bytes per second when idle; bytes up and
down per mouse movement across the screen (sent only when the program asked the
terminal for movement reports, as a real terminal does); bytes for the terminal window
losing and regaining focus (likewise); bytes for five turns of the mouse wheel over
the answer; and bytes for a change of prompt and back. Every run types into the same
fresh review and checks that what was typed is in the saved file.

``python benchmarks/link_knobs.py`` prints the table (about 2 minutes).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent)]

from poor_link import PtyScreen  # noqa: E402
from synth import paragraph  # noqa: E402

from imr_tui.core.catalogue import Catalogue, load_catalogue  # noqa: E402
from imr_tui.core.store import create, load, save  # noqa: E402
from imr_tui.tui.link_settings import apply_link_settings  # noqa: E402

PROMPT = "summary"
"""The long answer typed into."""
TYPED = "abcde fghij"
"""Typed one key at a time, round and round."""
BURST = b"klmno pqrs"


def _environment(**extra: str) -> dict[str, str]:
    """This process's environment without SSH's or the terminal's own variables."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SSH_", "TEXTUAL_", "IMR_")) and k not in ("COLORTERM", "TMUX")
    }
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


def variants() -> dict[str, dict[str, str]]:
    """The settings measured, by name."""
    ssh = {"SSH_CONNECTION": "192.0.2.7 50022 192.0.2.1 22"}
    over_ssh = _environment(**ssh)
    apply_link_settings(over_ssh)
    over_ssh_24 = _environment(**ssh, COLORTERM="truecolor")
    apply_link_settings(over_ssh_24)
    return {
        "Textual's defaults": _environment(),
        "imr-tui over SSH": over_ssh,
        "COLORTERM=truecolor": _environment(COLORTERM="truecolor"),
        "imr-tui over SSH, COLORTERM=truecolor": over_ssh_24,
        "TEXTUAL_FPS=20": _environment(TEXTUAL_FPS="20"),
        "TEXTUAL_ANIMATIONS=none": _environment(TEXTUAL_ANIMATIONS="none"),
    }


def _fresh(path: Path, catalogue: Catalogue, text: str) -> None:
    path.unlink(missing_ok=True)
    review = create(path, catalogue)
    review.resume = PROMPT
    review.answers[PROMPT] = text
    save(path, review, catalogue)


def one_run(folder: Path, env: dict[str, str], catalogue: Catalogue) -> dict[str, float]:
    """Measure one setting (see the module) on a fresh review."""
    path = folder / "long.toml"
    _fresh(path, catalogue, paragraph(random.Random(3), 6000))
    term = PtyScreen([sys.executable, "-m", "imr_tui", path.name], folder, env)
    out: dict[str, float] = {}
    try:
        if term.until(lambda: "words" in term.text(), 30) is None:
            raise RuntimeError("the interview did not show the long answer:\n" + term.text())
        term.quiet(1.0)
        start, echoes = term.down, []
        for i in range(40):
            sent, before = time.monotonic(), term.down
            term.send(TYPED[i % len(TYPED)].encode())
            while term.down == before and time.monotonic() < sent + 5:
                term.read(0.01)
            if term.down > before:
                echoes.append(time.monotonic() - sent)
            term.quiet(0.15, 2.0)
        out["B per char, one at a time"] = (term.down - start) / 40
        out["echo ms (median)"] = statistics.median(echoes) * 1000
        start = term.down
        for _ in range(5):
            term.send(BURST)
            term.quiet(0.2, 3.0)
        out["B per char, bursts of 10"] = (term.down - start) / (5 * len(BURST))
        term.quiet(3.0)  # the answer saved, and "Saved" shown
        start = term.down
        idle_from = time.monotonic()
        term.quiet(6.0, 6.0)
        out["B/s idle"] = (term.down - start) / (time.monotonic() - idle_from)
        out.update(_mouse_and_focus(term))
        start = term.down
        for _ in range(3):
            term.send(b"\x0e")  # Ctrl+N, the next prompt
            term.quiet(0.4, 5.0)
            term.send(b"\x10")  # Ctrl+P, back
            term.quiet(0.4, 5.0)
        out["B per prompt change"] = (term.down - start) / 6
    finally:
        term.close()
    answer = load(path, catalogue).answer(PROMPT)
    typed = "".join(TYPED[i % len(TYPED)] for i in range(40))
    if typed not in answer or BURST.decode() * 5 not in answer:
        raise RuntimeError(f"the typing did not all land in the saved answer: {answer[-300:]!r}")
    return out


def _mouse_and_focus(term: PtyScreen) -> dict[str, float]:
    out: dict[str, float] = {}
    start_down, start_up, moves = term.down, term.up, 40
    for i in range(moves):
        if "motion" in term.modes:  # a real terminal reports bare movement only if asked
            term.send(f"\x1b[<35;{5 + i};{3 + i % 18}M".encode())
        term.quiet(0.03, 1.0)
    term.quiet(0.3, 2.0)
    out["B up per mouse movement"] = (term.up - start_up) / moves
    out["B down per mouse movement"] = (term.down - start_down) / moves
    start = term.down
    for _ in range(5):
        if "focus" in term.modes:
            term.send(b"\x1b[O")
            term.quiet(0.2, 2.0)
            term.send(b"\x1b[I")
        term.quiet(0.2, 2.0)
    out["B per focus switch (away and back)"] = (term.down - start) / 5
    start = term.down
    for _ in range(5):
        term.send(b"\x1b[<64;50;15M")  # the wheel turned up over the answer (the end is shown)
        term.quiet(0.1, 2.0)
    term.quiet(0.5, 3.0)
    out["B for 5 wheel turns"] = float(term.down - start)
    return out


def measure(runs: int = 2) -> dict[str, dict[str, float]]:
    """Each setting's figures (median of ``runs``, the settings interleaved)."""
    catalogue = load_catalogue()
    folder = Path(tempfile.mkdtemp(prefix="imr-link-knobs-"))
    found: dict[str, list[dict[str, float]]] = {}
    for _ in range(runs):
        for name, env in variants().items():
            found.setdefault(name, []).append(one_run(folder, env, catalogue))
    return {
        name: {k: statistics.median(r[k] for r in results) for k in results[0]}
        for name, results in found.items()
    }


def main() -> None:
    """Print the table."""
    started = time.monotonic()
    figures = measure()
    keys = list(next(iter(figures.values())))
    print("setting".ljust(38) + "".join(f"{k[:14]:>15}" for k in keys))
    for name, row in figures.items():
        print(name[:37].ljust(38) + "".join(f"{row[k]:>15.1f}" for k in keys))
    print("columns: " + "; ".join(keys))
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
