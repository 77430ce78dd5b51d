"""A workshop in real, headed browsers: several trainees typing at once, windows resized
between their keys, every letter in order in each trainee's own file.

Chromium runs with a window (under Xvfb, a virtual screen), as in a workshop:
headless Chromium delivers keys differently and would hide what a trainee sees.
The trainees' keys are interleaved one by one, and each trainee's window is
resized between some of their keys, which is what reordered letters
("visit" became "ivsit") before keys kept their order.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

from browser import headed, join, open_page, trainee_folder
from playwright.sync_api import Page
from test_serve import settle, wait_for

TRAINEES = 4
LINES = ["First visit by the nurse", "Second visit: she was not at home", "visit visit visit"]


def _summary(review: Path) -> str:
    try:
        data = tomllib.loads(review.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    return str(data.get("answers", {}).get("summary", ""))


def test_trainees_typing_at_once_with_resizes_keep_every_letter_in_order(
    tmp_path: Path,
) -> None:
    rng = random.Random(10)
    with headed(tmp_path) as browser:
        workspace = browser.workspace
        pages: list[Page] = []
        reviews: list[Path] = []
        for n in range(TRAINEES):
            page = browser.page if n == 0 else open_page(browser.context, browser.url)
            seen = settle(page, 0)
            seen = join(page, f"Trainee {n}", seen)
            page.keyboard.press("n")
            seen = settle(page, seen)
            page.keyboard.type("case")
            page.keyboard.press("Enter")
            review = trainee_folder(workspace, f"Trainee {n}") / "case.toml"
            wait_for("the review", review.exists)
            seen = settle(page, seen)
            page.keyboard.press("Control+g")
            seen = settle(page, seen)
            page.keyboard.type("Summary of involvement")
            seen = settle(page, seen)
            page.keyboard.press("Enter")
            settle(page, seen)
            pages.append(page)
            reviews.append(review)

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
        for n, review in enumerate(reviews):
            try:
                wait_for(f"trainee {n}'s answer", lambda r=review: _summary(r) == expected)
            except AssertionError:
                raise AssertionError(f"trainee {n} has {_summary(review)!r}") from None
