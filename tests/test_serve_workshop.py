"""A workshop in real, headed browsers: several trainees typing at once, windows resized
between their keys, every letter in order in each trainee's own file.

Chromium runs with a window (under Xvfb, a virtual screen), as in a workshop:
headless Chromium delivers keys differently and would hide what a trainee sees.
The trainees' keys are interleaved one by one, and each trainee's window is
resized between some of their keys, which is what reordered letters
("visit" became "ivsit") before keys kept their order.
"""

from __future__ import annotations

import os
import random
import subprocess
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from test_serve import CHROMIUM_FLAGS, COUNT_BYTES, chromium, served, settle, wait_for  # noqa: F401

TRAINEES = 4
LINES = ["First visit by the nurse", "Second visit: she was not at home", "visit visit visit"]


@pytest.fixture
def display() -> Iterator[str]:
    """A virtual screen for headed browsers."""
    number = 90 + os.getpid() % 50
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    try:
        wait_for("the virtual screen", lambda: socket.exists() or proc.poll() is not None)
        assert proc.poll() is None, "Xvfb did not start: 'make test' installs it"
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _summary(review: Path) -> str:
    try:
        data = tomllib.loads(review.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    return str(data.get("answers", {}).get("summary", ""))


def test_trainees_typing_at_once_with_resizes_keep_every_letter_in_order(
    served: tuple[str, Path],  # noqa: F811
    display: str,
) -> None:
    url, workspace = served
    rng = random.Random(10)
    os.environ["DISPLAY"] = display
    flags = [f for f in CHROMIUM_FLAGS if f != "--headless"]
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile,
            executable_path=chromium(),
            args=flags,
            headless=False,
            viewport={"width": 1000, "height": 700},
        )
        try:
            pages: list[Page] = []
            for n in range(TRAINEES):
                page = browser.new_page()
                page.add_init_script(COUNT_BYTES)
                page.goto(url)
                page.wait_for_function(
                    "document.body.className.includes('-first-byte')", timeout=30_000
                )
                seen = settle(page, 0)
                page.focus("textarea.xterm-helper-textarea")
                page.keyboard.type(f"Trainee {n}")
                page.keyboard.press("Enter")
                seen = settle(page, seen)
                page.keyboard.press("n")
                seen = settle(page, seen)
                page.keyboard.type("case")
                page.keyboard.press("Enter")
                wait_for("the review", (workspace / f"Trainee {n}" / "case.toml").exists)
                seen = settle(page, seen)
                page.keyboard.press("Control+g")
                seen = settle(page, seen)
                page.keyboard.type("Summary of involvement")
                seen = settle(page, seen)
                page.keyboard.press("Enter")
                settle(page, seen)
                pages.append(page)

            # Every trainee types the same text in turn: a few keys at a time with no
            # gap between them (as a busy laptop delivers them), Enter straight into
            # the next line, and the window resized between some of the bursts.
            text = "\n".join(LINES)
            at = [0] * TRAINEES
            while any(a < len(text) for a in at):
                for n, page in enumerate(pages):
                    if at[n] >= len(text):
                        continue
                    size = rng.randint(1, 6)
                    chunk, at[n] = text[at[n] : at[n] + size], at[n] + size
                    for key in chunk:
                        if rng.random() < 0.15:
                            width = rng.choice([900, 1000, 1100, 1200])
                            page.set_viewport_size({"width": width, "height": 700})
                        if key == "\n":
                            page.keyboard.press("Enter")
                        else:
                            page.keyboard.insert_text(key)
            expected = "\n".join(LINES)
            for n in range(TRAINEES):
                review = workspace / f"Trainee {n}" / "case.toml"
                try:
                    wait_for(f"trainee {n}'s answer", lambda r=review: _summary(r) == expected)
                except AssertionError:
                    raise AssertionError(f"trainee {n} has {_summary(review)!r}") from None
        finally:
            browser.close()
