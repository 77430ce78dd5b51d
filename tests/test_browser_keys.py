"""Keys that work where the app runs: the footer and help name, in a browser, keys the
browser passes on (the terminal's keys stay); dialogs are drawn in the middle; an
export in a browser says it was downloaded.

The browser test is headed Chromium under Xvfb with real X key events (xdotool):
headless Chromium hands every key to the page and would hide the keys a browser takes.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from browser import Headed, headed, join
from playwright.sync_api import Dialog
from test_serve import wait_for
from textual.widgets import Footer
from tui_helpers import catalogue, make_app

from imr_tui.core.store import load
from imr_tui.tui import keys
from imr_tui.tui.app import IMRApp
from imr_tui.tui.export_flow import exported_notice
from imr_tui.tui.screens.help import HELP, help_text
from imr_tui.tui.screens.new_review import NewReviewScreen


def test_no_key_a_browser_takes_is_shown_there_and_every_action_has_one_that_works() -> None:
    for row in keys.KEYS:
        assert row.browser not in keys.TAKEN_BY_BROWSERS, row
        assert row.browser in row.keys and row.terminal in row.keys
    web_help = help_text(web=True, training=True)
    for taken in ("Ctrl+N", "Ctrl+T", "Ctrl+W"):
        assert f"| {taken} |" not in web_help and f"{taken} saves" not in web_help
    assert "| Ctrl+Down | Next prompt |" in web_help and "| F4 |" in web_help
    # the terminal keeps its keys and its help
    assert "| Ctrl+N | Next prompt |" in HELP and "| Ctrl+T |" in HELP
    assert "Alt+Backspace deletes the word" in HELP


def _footer_keys(app: IMRApp) -> dict[str, str]:
    footer = app.screen.query_one(Footer)
    return {
        key.description: key.key_display
        for key in footer.query("FooterKey").results()
        if hasattr(key, "key_display")
    }


async def _interview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, web: bool) -> dict[str, str]:
    from imr_tui.core.store import create

    if web:
        monkeypatch.setattr(IMRApp, "is_web", property(lambda self: True))
    path = tmp_path / "r.toml"
    create(path, catalogue())
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = _footer_keys(app)
        shown["before"] = app.screen.step.id  # type: ignore[attr-defined]
        await pilot.press("ctrl+down")
        await pilot.pause()
        shown["moved"] = app.screen.step.id  # type: ignore[attr-defined]
        await pilot.press("ctrl+q")
    return shown


async def test_the_footer_names_ctrl_down_in_a_browser_and_ctrl_n_in_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t").mkdir()
    terminal = await _interview(tmp_path / "t", monkeypatch, web=False)
    assert terminal["Next"] == "^n" and terminal["Back"] == "^p"
    assert terminal["moved"] != terminal["before"]  # Ctrl+Down moved on
    (tmp_path / "w").mkdir()
    web = await _interview(tmp_path / "w", monkeypatch, web=True)
    assert web["Next"] == "^↓" and web["Back"] == "^↑"
    assert list(web) == list(terminal)  # the same actions in the same order
    assert web["moved"] != web["before"]
    assert "^n" not in web.values() and "^t" not in web.values() and "^w" not in web.values()


async def test_the_new_review_dialog_is_in_the_middle(tmp_path: Path) -> None:
    app = make_app(workspace=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewReviewScreen)
        box = app.screen.query_one("#dialog").region
        assert abs(box.x - (80 - box.right)) <= 1, box
        assert abs(box.y - (24 - box.bottom)) <= 1, box


def test_an_export_in_a_browser_says_downloaded_and_names_no_server_folder(tmp_path: Path) -> None:
    report = tmp_path / "private" / "AB-2025.md"
    said = exported_notice([report], None, web=True)
    assert "downloaded" in said and "AB-2025.md" in said and str(tmp_path) not in said
    final = exported_notice([report], 2, web=True)
    assert "version 2" in final and str(tmp_path) not in final
    assert str(report) in exported_notice([report], None, web=False)


# ---------------------------------------------------------------- a real, headed browser
def _join(browser: Headed, name: str) -> Path:
    """Join as a new trainee and start a review called ``case``; returns its file."""
    browser.seen = join(browser.page, name, browser.seen)
    browser.page.bring_to_front()
    browser.key("n")
    return browser.workspace


def _box(lines: list[str]) -> tuple[int, int, int, int]:
    """(left, right, top, bottom) margins of the one dialog box on the screen."""
    top = next(i for i, line in enumerate(lines) if "╭" in line)
    bottom = next(i for i, line in enumerate(lines) if "╰" in line and i > top)
    left = lines[top].index("╭")
    right = len(lines[top]) - 1 - lines[top].rindex("╮")
    return left, right, top, bottom


def test_every_footer_key_acts_in_a_headed_browser_and_the_tab_stays(tmp_path: Path) -> None:
    with headed(tmp_path, "--training") as browser:
        workspace = _join(browser, "Trainee One")
        browser.wait_shows("the new review dialog", "Name the new review file")
        screen = browser.screen()
        left, right, top, bottom = _box(screen.lines())
        right = screen.width - 1 - screen.lines()[top].rindex("╮")
        assert abs(left - right) <= 1, (left, right, screen.text())
        assert abs(top - (screen.height - 1 - bottom)) <= 1, (top, bottom, screen.text())

        browser.type("case")
        browser.key("Return")
        wait_for("the review", lambda: any(workspace.glob("*/case.toml")))
        browser.wait_shows("the interview", "prompt 1 of")
        browser.wait_shows("the browser's keys in the footer", "^↓ Next")
        text = browser.screen().text()
        assert "^n" not in text and "^t" not in text and "F3 hint" in text, text

        browser.key("ctrl+Down")
        browser.wait_shows("the next prompt", "prompt 2 of")
        browser.key("ctrl+Up")
        browser.wait_shows("the prompt before", "prompt 1 of")

        # training mode: F4 hides and shows the notes (the model answer among them),
        # F3 only the hint's part of them
        for key, part in (("F4", "A model answer"), ("F3", "Hint:")):
            browser.wait_shows(f"the notes' {part}", part)
            browser.key(key)
            wait_for(f"{key} hiding {part}", lambda part=part: not browser.shows(part))
            browser.key(key)
        browser.wait_shows("the model answer again", "A model answer")
        browser.wait_shows("the hint again", "Hint:")

        for key, title in (
            ("ctrl+r", "Back to writing"),
            ("ctrl+f", "Check the review"),
            ("ctrl+o", "Names in the export"),
        ):
            browser.key(key)
            browser.wait_shows(f"{key}'s screen", title)
            browser.key("Escape")
            browser.wait_shows("back to writing", "prompt 1 of")
        browser.key("F1")
        browser.wait_shows("the help", "Ctrl+Down")
        assert not browser.shows("| Ctrl+N")
        browser.key("Escape")

        # The old keys a browser takes: Ctrl+N and Ctrl+T open a window or tab (the
        # browser's doing), the trainee's tab stays; nothing moved in the review.
        for taken in ("ctrl+n", "ctrl+t"):
            subprocess_key(browser, taken)
            assert not browser.page.is_closed()
            close_others(browser)
        assert browser.shows("prompt 1 of")


def close_others(browser: Headed) -> None:
    """Close the windows and tabs the browser opened; the trainee's tab gets the keys again."""
    for extra in browser.context.pages:
        if extra is not browser.page:
            extra.close()
    assert browser.pages() == 1
    browser.page.bring_to_front()
    browser.page.focus("textarea.xterm-helper-textarea")


def _entries(review: Path) -> list[str]:
    try:
        return [e.source for e in load(review).chronology]
    except Exception:
        return []


def test_the_form_ctrl_w_and_an_export_in_a_headed_browser(tmp_path: Path) -> None:
    """The form's "Save and add another" by the key its footer shows; Ctrl+W asks before
    the tab goes (the page's guard) and the session stays; an export says downloaded."""
    with headed(tmp_path) as browser:
        workspace = _join(browser, "Trainee Two")
        browser.wait_shows("the new review dialog", "Name the new review file")
        browser.type("case")
        browser.key("Return")
        browser.wait_shows("the interview", "prompt 1 of")
        [review] = workspace.glob("*/case.toml")

        browser.key("ctrl+g")
        browser.type("Chronology of agency")
        browser.key("Return")
        browser.key("a")
        browser.wait_shows("the form", "Save, add another (Ctrl+Down)")
        assert "Ctrl+N" not in browser.screen().text()  # the form's buttons name its keys
        browser.type("11/03/2024")
        browser.key(*["Return"] * 5)  # time, end date, end time, reference, source
        browser.type("Case notes")
        browser.key("ctrl+Down")
        wait_for("the entry saved", lambda: _entries(review) == ["Case notes"])
        browser.wait_shows("a new form", "Save, add another (Ctrl+Down)")
        browser.key("Escape")

        asked: list[str] = []

        def leave_question(dialog: Dialog) -> None:
            asked.append(dialog.type)
            dialog.dismiss()  # "Stay on page"

        browser.page.on("dialog", leave_question)
        subprocess_key(browser, "ctrl+w")
        wait_for("the question before leaving", lambda: asked == ["beforeunload"])
        assert not browser.page.is_closed()
        close_others(browser)

        browser.key("ctrl+r")
        browser.wait_shows("the report", "Back to writing")
        browser.key("e")
        browser.wait_shows("the export choices", "Draft as Markdown (1)")
        browser.key("1")
        browser.wait_shows("the notice", "downloaded as case.md")
        assert str(workspace) not in browser.screen().text()
        assert not browser.page.is_closed()


def subprocess_key(browser: Headed, name: str) -> None:
    """A key the browser may keep: sent without waiting for the app to draw."""
    import subprocess

    from browser import focus

    focus(browser.window)
    subprocess.run(["xdotool", "key", "--clearmodifiers", name], check=True, timeout=10)
    with contextlib.suppress(Exception):  # a window or tab the browser opens
        browser.context.wait_for_event("page", timeout=3000)


async def test_alt_backspace_deletes_the_word_before_the_cursor_in_every_box() -> None:
    """The help names Alt+Backspace (Ctrl+W closes a browser's tab): as ``ESC DEL``
    (read as Ctrl+W) and as a named key, in one-line and long answers alike."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input, TextArea

    from imr_tui.tui.widgets.answer_input import AnswerArea, AnswerInput

    class Boxes(App[None]):
        def compose(self) -> ComposeResult:
            yield AnswerInput("first second", id="line")
            yield AnswerArea("first second", id="long")

    app = Boxes()
    async with app.run_test(size=(80, 24)) as pilot:
        line, long = app.query_one("#line", Input), app.query_one("#long", TextArea)
        for key in ("alt+backspace", "ctrl+w"):
            for box in (line, long):
                box.focus()
                if isinstance(box, Input):
                    box.value, box.cursor_position = "first second", len("first second")
                else:
                    box.text = "first second"
                    box.move_cursor(box.document.end)
                await pilot.press(key)
                await pilot.pause()
                text = box.value if isinstance(box, Input) else box.text
                assert text == "first ", (key, type(box).__name__, text)


async def test_every_dialog_box_is_drawn_in_the_middle(tmp_path: Path) -> None:
    """Each dialog's box is centred (a modal screen's own default is the top-left corner)."""
    from textual.screen import Screen

    from imr_tui.core.model import Review
    from imr_tui.tui.screens.chronology_import import ChronologyImportScreen
    from imr_tui.tui.screens.confirm import ConfirmScreen
    from imr_tui.tui.screens.export_choice import ExportChoiceScreen

    dialogs: list[Screen[object]] = [
        NewReviewScreen(tmp_path),
        ConfirmScreen("Delete the entry?"),
        ExportChoiceScreen(),
        ChronologyImportScreen(tmp_path, Review(), catalogue()),
    ]
    app = make_app(workspace=tmp_path)  # the app's own styles
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for dialog in dialogs:
            await app.push_screen(dialog)
            await pilot.pause()
            box = dialog.query_one("#dialog").region
            name = type(dialog).__name__
            assert box.width < 100 and box.height < 30, (name, box)  # a box, not the screen
            assert abs(box.x - (100 - box.right)) <= 1, (name, box)
            assert abs(box.y - (30 - box.bottom)) <= 1, (name, box)
            app.pop_screen()
