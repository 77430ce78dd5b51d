"""The trainer's page of ``imr serve`` in a real, headed Chromium (Xvfb, real X key
events through xdotool): the room's letter keys act in the browser (nothing the browser
takes), a case is handed out, model answers are switched off, a comment reaches a review,
and everyone's work arrives as a downloaded zip."""

from __future__ import annotations

import io
import os
import tempfile
import tomllib
import zipfile
from pathlib import Path

from browser import RECORD, Headed, _window, display, serving
from playwright.sync_api import sync_playwright
from test_serve import CHROMIUM_FLAGS, chromium, wait_for

from imr_tui.core.catalogue import load_catalogue
from imr_tui.core.store import load
from imr_tui.workshop.trainees import Joined, join

EXAMPLE = "worked-example.toml"


def test_the_trainers_keys_work_in_a_headed_browser(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    with display() as name, serving(tmp_path, "--example") as (_, workspace):
        log = (tmp_path / "serve.log").read_text(encoding="utf-8")
        trainer = next(w for w in log.split() if "/trainer" in w and "token=" in w)
        joined = join(workspace, "Anna Trainee")
        assert isinstance(joined, Joined)
        anna = workspace / joined.trainee.folder / EXAMPLE
        before = os.environ.get("DISPLAY")
        os.environ["DISPLAY"] = name
        try:
            with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
                context = p.chromium.launch_persistent_context(
                    profile,
                    executable_path=chromium(),
                    args=[f for f in CHROMIUM_FLAGS if f != "--headless"],
                    headless=False,
                    accept_downloads=True,
                    viewport={"width": 1000, "height": 700},
                )
                try:
                    page = context.pages[0] if context.pages else context.new_page()
                    page.add_init_script(RECORD)
                    page.goto(trainer)
                    page.wait_for_function(
                        "document.body.className.includes('-first-byte')", timeout=30_000
                    )
                    browser = Headed(trainer, workspace, context, page, _window("chromium"))
                    browser.settle()
                    page.bring_to_front()
                    page.focus("textarea.xterm-helper-textarea")
                    wait_for("the room", lambda: browser.shows("Anna Trainee"))
                    assert browser.shows("h Hand out") and browser.shows("f1 Help")

                    browser.key("h")  # the worked example, to everyone
                    wait_for("to whom", lambda: browser.shows("Hand out worked-example.toml"))
                    browser.key("Return")
                    wait_for("the copy", anna.exists)
                    wait_for("the summary", lambda: browser.shows("Given to 1 trainee."))

                    browser.key("m")
                    room = workspace / ".workshop" / "room.toml"
                    wait_for(
                        "model answers off",
                        lambda: (
                            room.exists()
                            and not tomllib.loads(room.read_text(encoding="utf-8"))["model_answers"]
                        ),
                    )
                    wait_for("said", lambda: browser.shows("Model answers: off"))

                    browser.key("Return")  # Anna's one review, read-only
                    wait_for("the review", lambda: browser.shows("Read-only: Anna Trainee"))
                    browser.key("c")
                    wait_for("the comment box", lambda: browser.shows("Comment to Anna"))
                    browser.type("Who else was told?")
                    browser.key("Return")
                    wait_for(
                        "the comment in the file",
                        lambda: (
                            [c.text for c in load(anna, catalogue).comments]
                            == ["Who else was told?"]
                        ),
                    )
                    browser.key("Escape")
                    wait_for("the room again", lambda: browser.shows("d Download"))

                    with page.expect_download(timeout=30_000) as download:
                        browser.key("d")
                    saved = tmp_path / "downloaded.zip"
                    download.value.save_as(saved)
                    assert download.value.suggested_filename.startswith("workshop-")
                    names = zipfile.ZipFile(io.BytesIO(saved.read_bytes())).namelist()
                    inside = f"{joined.trainee.name} ({joined.trainee.folder})"
                    assert f"{inside}/{EXAMPLE}" in names and "index.csv" in names
                    wait_for("the notice", lambda: browser.shows("Downloaded workshop-"))
                    assert not (workspace / ".workshop" / "collected").exists()

                    browser.key("F1")
                    wait_for("the help", lambda: browser.shows("The trainer's view"))
                    browser.key("Escape")
                    assert len(context.pages) == 1  # no key opened a tab or window
                finally:
                    context.close()
        finally:
            if before is None:
                os.environ.pop("DISPLAY", None)
            else:
                os.environ["DISPLAY"] = before
