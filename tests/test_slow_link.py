"""Typing over a slow, distant link: the real sshd, the real ``ssh`` client, a poor line.

The client reaches the server through :class:`poor_link.SlowLink` (64 kbit/s and
150 ms each way) and runs in a pseudo-terminal read through a terminal emulator. The
author types 200 characters into a long answer in bursts, as a laggy link delivers
them, in the Textual interview and in plain mode. Every character must arrive, in
order, in that answer: on the author's screen and, after they leave, in the file on
the server. How long it took goes to ``benchmarks/slow_link.py``, never into an
assertion here.
"""

from __future__ import annotations

import os
import random
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from poor_link import PtyScreen, SlowLink
from test_ssh import Server, server  # noqa: F401  (the fixture)

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import create, load, save

PROMPT = "summary"
"""The long answer typed into (Summary of involvement)."""
CHARACTERS = 200
BURST = 10
"""Characters per burst: what the laggy link hands on at once."""
EVERY = 0.25
"""Seconds between bursts (40 characters a second: a quick typist's bursts)."""
NEXT = "Sources of information"
"""The prompt after :data:`PROMPT` (the outline beside it shows only its first 20
characters)."""
WORDS = [
    "nurse",
    "visited",
    "home",
    "dressed",
    "ulcer",
    "carer",
    "referral",
    "consent",
    "capacity",
    "risk",
]


def typed_text(seed: int = 2011) -> str:
    """:data:`CHARACTERS` characters of words, seeded."""
    rng = random.Random(seed)
    text = ""
    while len(text) < CHARACTERS:
        text += rng.choice(WORDS) + " "
    text = text[:CHARACTERS]
    return text[:-1] + "." if text.endswith(" ") else text


def answer_on_screen(screen: str) -> str:
    """The text of the answer box on screen, with every space and line end taken out.

    In the Textual interview that is what is between the box's sides (``▊`` and
    ``▎``); in plain mode, the whole screen (its editor is the only thing typed in).
    """
    rows = screen.splitlines()
    boxed = [row[row.index("▊") + 1 : row.rindex("▎")] for row in rows if "▊" in row and "▎" in row]
    if boxed:
        rows = [row for row in boxed if set(row.strip()) - {"▔", "▁"}]
    return re.sub(r"\s", "", "".join(rows))


@dataclass
class Typed:
    """What one session over the slow link took."""

    seconds: float
    """From the first key to all the characters on the author's screen."""
    after_last_key: float
    """From the last key to all the characters on the author's screen."""
    bytes_down: int
    """Bytes the link carried to the author in that time (encrypted, as sent)."""
    terminal_bytes: int
    """Bytes the author's terminal received in that time (after decryption)."""
    next_prompt: float
    """From asking for the next prompt to its name on the author's screen."""
    next_prompt_whole: float
    """From asking for the next prompt to the last byte of its screen."""
    next_prompt_bytes: int
    """Bytes the link carried to the author for the next prompt."""


def fresh_review(path: Path, catalogue: Catalogue) -> None:
    """A new review that opens at the long answer, empty."""
    path.unlink(missing_ok=True)
    review = create(path, catalogue)
    review.resume = PROMPT
    review.answers.update({"agency": "Northshire Community Health"})
    save(path, review, catalogue)


MODES = {
    "Textual": ("", ()),
    "plain": ("", ("-o", "SetEnv=IMR_PLAIN=1")),
    "plain lines": ("dumb", ()),
}
"""Each way of answering: the client's ``TERM`` (none: the test's) and its options.
Plain mode is asked for as docs/ssh.md says; ``TERM=dumb`` gives its plain lines."""


def type_over_link(far: Server, link: SlowLink, text: str, mode: str, *options: str) -> Typed:
    """Open the workspace's review over ``link`` in ``mode`` (a key of :data:`MODES`),
    type ``text`` into the long answer in bursts, wait until all of it is on the
    screen, then save and leave. ``options`` go to the ``ssh`` client too."""
    term_type, extra = MODES[mode]
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "TMUX")}
    env["TERM"] = "xterm-256color"
    command = "exec " + far.ssh(term_type, *extra, *options)
    term = PtyScreen(["/bin/sh", "-c", command], far.workspace, env)
    try:
        if mode == "Textual":
            wait(term, "a.toml", 60)
            term.send(b"\r")
            wait(term, "0 words", 60)
        else:
            wait(term, "q to quit:", 60)
            term.send(b"1\r")
            wait(term, "full stop", 60)
        term.quiet(0.5, 10)
        want = re.sub(r"\s", "", text)
        down, received, started = link.down, term.down, time.monotonic()
        for n, at in enumerate(range(0, len(text), BURST)):
            due = started + n * EVERY
            while time.monotonic() < due:  # read the screen meanwhile, as a terminal does
                term.read(max(0.0, due - time.monotonic()))
            term.send(text[at : at + BURST].encode())
        last_key = time.monotonic()
        shown = term.until(lambda: want in answer_on_screen(term.text()), 120)
        assert shown is not None, "the typing never all appeared:\n" + term.text()
        seconds, bytes_down, terminal_bytes = (
            shown - started,
            link.down - down,
            term.down - received,
        )
        asked, down = time.monotonic(), link.down
        term.send(b"\x0e" if mode == "Textual" else b"\r.\r")  # Ctrl+N; a full stop line
        wait(term, NEXT, 60)
        next_prompt = time.monotonic() - asked
        whole = term.quiet(0.5, 30) - asked
        typed = Typed(
            seconds,
            shown - last_key,
            bytes_down,
            terminal_bytes,
            next_prompt,
            whole,
            link.down - down,
        )
        term.send(b"\x11" if mode == "Textual" else b"\x03")  # Ctrl+Q, Ctrl+C: save, leave
        ended = term.until(term.ended, 60)
        assert ended is not None, "the session did not end:\n" + term.text()
    finally:
        term.close()
    return typed


def wait(term: PtyScreen, text: str, limit: float) -> None:
    """Read the terminal until ``text`` is on the screen."""
    if term.until(lambda: text in term.text(), limit) is None:
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{term.text()}")


def test_typing_over_a_slow_link_lands_in_order_in_the_answer(
    server: Server,  # noqa: F811
    catalogue: Catalogue,
) -> None:
    path = server.workspace / "a.toml"
    text = typed_text()
    assert len(text) == CHARACTERS
    figures = {}
    with SlowLink(server.port) as link:
        far = replace(server, port=link.port)
        for mode in ("Textual", "plain"):
            fresh_review(path, catalogue)
            figures[mode] = type_over_link(far, link, text, mode)
            review = load(path, catalogue)
            assert review.answer(PROMPT) == text  # every character, in order, in this answer
            others = {k: v for k, v in review.answers.items() if k != PROMPT and v}
            assert others == {"agency": "Northshire Community Health"}  # and nowhere else
    for name, typed in figures.items():
        print(
            f"{name}: {typed.seconds:.1f} s for {CHARACTERS} characters, {typed.bytes_down} B down"
        )
