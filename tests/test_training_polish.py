"""The trainee's interview at 80x24, as a tester found it: the Names screen with nothing
listed points to the interview's prompt for names (Enter goes there); in training mode the
hint key shows or hides only the hint among the notes (F4 the whole pane); the notes' bottom
line says how to read what is below their last row, and the arrows scroll a line a press."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widget import Widget
from tui_helpers import catalogue as shipped
from tui_helpers import go_to, settled, until

from imr_tui.core.example import load_example
from imr_tui.core.store import create
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.screens.mentions import MentionsScreen
from imr_tui.tui.widgets.model_answer import ModelAnswerPane

SIZE = (80, 24)
NAMES_PROMPT = "Names to replace in an anonymised export"


def screen_text(app: IMRApp) -> str:
    """Every row of the screen as drawn, the notifications on top."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def rows_of(app: IMRApp, widget: Widget) -> list[str]:
    """The screen's rows across ``widget`` (its borders included), as drawn."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


def inside(app: IMRApp, widget: Widget) -> str:
    """The characters on screen in ``widget``'s scrolled area, as one line."""
    area = widget.scrollable_content_region
    strips = app.screen._compositor.render_strips()
    return flat(
        " ".join(strips[y].crop(area.x, area.right).text for y in range(area.y, area.bottom))
    )


async def whole_notes(pilot: object, app: IMRApp, pane: Widget) -> str:
    """Everything ``pane`` (the notes) shows, read on screen a line at a time."""
    seen: list[str] = []
    pane.scroll_home(animate=False, immediate=True)
    await pilot.pause()  # type: ignore[attr-defined]
    while True:
        seen.append(inside(app, pane))
        if pane.scroll_y >= pane.max_scroll_y:
            break
        pane.scroll_to(y=pane.scroll_y + 1, animate=False, immediate=True)
        await pilot.pause()  # type: ignore[attr-defined]
    return " ".join(seen)


def worked_example(tmp_path: Path, **changes: object) -> Path:
    path = tmp_path / "example.toml"
    review = load_example(shipped())
    create(path, shipped(), review.model_copy(update=changes) if changes else review)
    return path


async def test_with_no_names_listed_the_names_screen_goes_to_the_prompt_for_them(
    tmp_path: Path,
) -> None:
    path = worked_example(tmp_path, pseudonyms=[], adults=[])
    app = create_app(shipped(), path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+o")
        await until(
            pilot,
            lambda: isinstance(app.screen, MentionsScreen) and app.screen.looked is not None,
            "the Names screen's list",
        )
        await pilot.pause()
        said = flat(screen_text(app))
        assert "no names are listed to replace" in said
        assert f"at the prompt '{NAMES_PROMPT}': press Enter to go there" in said
        assert f"Go to the prompt {NAMES_PROMPT}" in said
        assert "imr pseudonyms" not in said  # the command line's way is not the interview's
        await pilot.press("x")  # the export says the same
        await until(pilot, lambda: bool(app._notifications), "the export's notification")
        await pilot.pause()
        said = flat(screen_text(app))
        assert "imr pseudonyms" not in said
        assert [n.message for n in app._notifications][-1].endswith("press Enter to go there.")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await until(
            pilot,
            lambda: screen.step is not None and screen.step.id == "pseudonyms",
            "the prompt for names",
        )
        assert NAMES_PROMPT in screen_text(app)
    # No export was written; the review keeps its (empty) list of names.
    assert sorted(p.name for p in tmp_path.iterdir() if "anonymised" in p.name) == []
    assert "pseudonyms = []" in path.read_text() or "[[pseudonyms]]" not in path.read_text()


async def test_in_training_the_hint_key_hides_only_the_hint_and_f4_the_notes(
    tmp_path: Path,
) -> None:
    path = worked_example(tmp_path)
    app = create_app(shipped(), path=path, training=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "summary")
        pane = app.screen.query_one(ModelAnswerPane)
        notes = await whole_notes(pilot, app, pane)
        assert "Why it matters:" in notes and "Hint:" in notes and "A model answer:" in notes
        app.screen.query_one("TextArea").focus()
        await pilot.press("f3")
        await pilot.pause()
        assert pane.region, "the hint key hid the whole notes pane"
        notes = await whole_notes(pilot, app, pane)
        assert "Hint:" not in notes
        assert "Why it matters:" in notes and "A model answer:" in notes
        await go_to(pilot, "sources")  # the choice holds on the next prompt
        notes = await whole_notes(pilot, app, pane)
        assert "Hint:" not in notes and "Why it matters:" in notes
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Hint:" in await whole_notes(pilot, app, pane)
        await pilot.press("f4")  # the whole pane
        await pilot.pause()
        assert not pane.region
        assert "Why it matters" not in screen_text(app)
        await pilot.press("f3")  # the hint asked for: the notes come back with it
        await pilot.pause()
        assert pane.region
        assert "Hint:" in await whole_notes(pilot, app, pane)
        await pilot.press("f1")
        await until(pilot, lambda: bool(app.screen.query("VerticalScroll")), "the help")
        helped = await whole_notes(pilot, app, app.screen.query_one("VerticalScroll"))
        assert "Show or hide the hint among the notes on this prompt" in helped


async def test_the_notes_say_how_to_read_below_their_last_row_and_scroll_a_line_a_press(
    tmp_path: Path,
) -> None:
    path = worked_example(tmp_path)
    app = create_app(shipped(), path=path, training=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "q_escalation")
        pane = app.screen.query_one(ModelAnswerPane)
        assert pane.max_scroll_y > 12, "the notes fit: nothing to test"
        how = "F4 hides · Shift+Tab then ↓ reads on"
        await until(pilot, lambda: how in rows_of(app, pane)[-1], "the pane's bottom line")
        await pilot.press("shift+tab")
        await until(pilot, lambda: app.focused is pane, "the notes to have the focus")
        top = inside(app, pane)
        for _ in range(12):
            await pilot.press("down")
        await pilot.pause()
        assert pane.scroll_y == 12
        assert inside(app, pane) != top
        page = pane.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.scroll_y == min(12 + page, pane.max_scroll_y)
        await pilot.press("up")
        await pilot.pause()
        assert pane.scroll_y == min(12 + page, pane.max_scroll_y) - 1
        # Where the notes fit (a browser's larger window), the line only names the key
        # that hides them.
        app.screen.query_one("TextArea").focus()
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        for step in app.screen.cursor.steps():  # type: ignore[attr-defined]
            await go_to(pilot, step.id)
            if pane.region and pane.max_scroll_y == 0:
                break
        else:
            raise AssertionError("no prompt whose notes fit")
        bottom = rows_of(app, pane)[-1]
        assert "─ F4 hides─" in bottom and "reads on" not in bottom
