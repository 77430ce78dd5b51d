"""Training mode's model answers: on every prompt, at 80x24, 100x30 and a browser's 160x45,
the whole model answer can be read (its pane fits it, or scrolls to its last line) while the
trainee's editor keeps its rows; the trainee can hide the notes; the trainer's switch hides
the model answer only; model answers from a board's catalogue are shown literally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import Static
from tui_helpers import catalogue as shipped
from tui_helpers import go_to, until

from imr_tui.core.catalogue import load_catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.example import load_example
from imr_tui.core.store import create
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.widgets.prompt_pane import PromptPane

EDITOR_ROWS = 6
"""The rows the editor keeps, even with the longest notes."""


def worked_example(tmp_path: Path) -> Path:
    """The worked example as ``imr new --example`` writes it: long answers, every heading."""
    path = tmp_path / "example.toml"
    create(path, shipped(), load_example(shipped()))
    return path


def flat(text: str) -> str:
    """``text`` with every run of white space as one space."""
    return re.sub(r"\s+", " ", text).strip()


def shown_in(app: IMRApp, widget: Widget) -> str:
    """The characters on screen inside ``widget``'s scrolled area, row after row."""
    area = widget.scrollable_content_region.intersection(app.screen.region)
    strips = app.screen._compositor.render_strips()
    rows = [strips[y].crop(area.x, area.right).text for y in range(area.y, area.bottom)]
    return flat(" ".join(rows))


def model_answer_widget(app: IMRApp) -> Static | None:
    """The widget on screen whose text holds the model answer, if any."""
    for widget in app.screen.query(Static):
        if "A model answer: " in str(widget.render()) and widget.region:
            return widget
    return None


def scroller_of(widget: Widget) -> Widget:
    """The widget itself or its nearest ancestor that scrolls vertically."""
    for candidate in [widget, *widget.ancestors_with_self]:
        if isinstance(candidate, Widget) and candidate.styles.overflow_y in ("auto", "scroll"):
            return candidate
    raise AssertionError(f"nothing scrolls {widget!r}")


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
async def test_every_model_answer_can_be_read_beside_an_editor_that_keeps_its_rows(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = worked_example(tmp_path)
    problems: list[str] = []
    app = create_app(shipped(), path=path, training=True)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        steps = screen.cursor.steps()
        assert len(steps) >= 35
        for step in steps:
            await go_to(pilot, step.id)
            await pilot.pause()
            where = f"{size[0]}x{size[1]} {step.id}"
            rows = screen.query_one("#editor").region.height
            if rows < EDITOR_ROWS:
                problems.append(f"{where}: the editor has {rows} rows")
            if not step.prompt.model_answer:
                continue
            widget = model_answer_widget(app)
            if widget is None:
                problems.append(f"{where}: no model answer shown")
                continue
            text = flat(str(widget.render()))
            scroller = scroller_of(widget)
            if scroller is not widget:
                scroller.scroll_to_widget(widget, animate=False, top=True)
                await pilot.pause()
                if text[:40] not in shown_in(app, scroller):
                    problems.append(f"{where}: the model answer's start is not on screen")
            scroller.scroll_end(animate=False)
            await pilot.pause()
            if text[-40:] not in shown_in(app, scroller):
                problems.append(f"{where}: the model answer's end is not on screen: {text[-40:]!r}")
    assert problems == [], "\n".join(problems)


async def test_the_trainee_hides_the_notes_and_they_stay_hidden_on_the_next_prompt(
    tmp_path: Path,
) -> None:
    path = worked_example(tmp_path)
    app = create_app(shipped(), path=path, training=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "summary")
        pane = app.screen.query_one(PromptPane)
        notes = app.screen.query_one("#model-answer")
        editor_rows = app.screen.query_one("#editor").region.height
        assert notes.region.height > 0
        pane.toggle_model_answer()
        await pilot.pause()
        assert model_answer_widget(app) is None
        assert not notes.region
        assert app.screen.query_one("#editor").region.height > editor_rows
        await go_to(pilot, "sources")
        assert model_answer_widget(app) is None
        pane.toggle_model_answer()
        await pilot.pause()
        widget = model_answer_widget(app)
        assert widget is not None
        assert "Electronic patient record" in str(widget.render())


async def test_the_trainers_switch_hides_the_model_answer_but_not_why_it_matters(
    tmp_path: Path,
) -> None:
    path = worked_example(tmp_path)
    app = create_app(shipped(), path=path, training=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "summary")
        pane = app.screen.query_one(PromptPane)
        pane.model_answers_shown = False
        await pilot.pause()
        notes = app.screen.query_one("#model-answer")
        notes.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        on_screen = shown_in(app, notes)
        assert "The trainer has hidden the model answers for now." in on_screen
        notes.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        assert "Why it matters: The panel reads every agency's summary" in shown_in(app, notes)
        assert model_answer_widget(app) is None
        await go_to(pilot, "sources")  # still hidden on the next prompt
        assert model_answer_widget(app) is None
        pane.model_answers_shown = True
        await pilot.pause()
        widget = model_answer_widget(app)
        assert widget is not None
        assert "Electronic patient record" in str(widget.render())


async def test_the_pane_starts_from_the_rooms_switch(tmp_path: Path) -> None:
    path = worked_example(tmp_path)
    app = create_app(shipped(), path=path, training=True)
    app.model_answers = False
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "summary")
        assert app.screen.query_one(PromptPane).model_answers_shown is False
        assert model_answer_widget(app) is None
        notes = app.screen.query_one("#model-answer")
        notes.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "The trainer has hidden the model answers" in shown_in(app, notes)


async def test_the_notes_scroll_from_the_keyboard(tmp_path: Path) -> None:
    path = worked_example(tmp_path)
    app = create_app(shipped(), path=path, training=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "q_escalation")
        notes = app.screen.query_one("#model-answer")
        assert notes.max_scroll_y > 0, "the notes fit: nothing to scroll"
        assert notes.show_vertical_scrollbar
        await pilot.press("shift+tab")
        await until(pilot, lambda: app.focused is notes, "the notes to have the focus")
        await pilot.press("end")
        await until(pilot, lambda: notes.scroll_y == notes.max_scroll_y, "the notes' end")
        assert "ambulance crew raised one on 8 October" in shown_in(app, notes)
        assert "Why it matters" not in shown_in(app, notes)
        await pilot.press("home")
        await until(pilot, lambda: notes.scroll_y == 0, "the notes' start")
        assert "Why it matters: Cases go wrong" in shown_in(app, notes)
        await pilot.press("pagedown")
        await until(pilot, lambda: notes.scroll_y > 0, "the next page of the notes")
        app.screen.query_one(PromptPane).toggle_model_answer()  # hidden: back to the answer
        await until(pilot, lambda: app.focused is app.screen.query_one("TextArea"), "the editor")


async def test_the_notes_scroll_with_the_mouse_wheel(tmp_path: Path) -> None:
    path = worked_example(tmp_path)
    app = create_app(shipped(), path=path, training=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "q_escalation")
        notes = app.screen.query_one("#model-answer")
        x, y = notes.region.x + 5, notes.region.y + 1
        for _ in range(3):
            wheel = events.MouseScrollDown(None, x, y, 0, 1, 0, False, False, False, x, y)
            app.post_message(wheel)
        await until(pilot, lambda: notes.scroll_y > 0, "the notes to scroll")


async def test_model_answers_from_a_boards_catalogue_are_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "board"
    folder.mkdir()
    source = DataFiles.resolve(None).catalogue_path
    text = source.read_text(encoding="utf-8").replace(
        'model_answer = "Northshire Community Health NHS Trust (FICTIONAL)"',
        'model_answer = "[bold]Northshire[/bold] [@click=app.quit]Trust[/] \\u001b[31m"',
    )
    assert "[@click=app.quit]" in text
    (folder / "imr.toml").write_text(text, encoding="utf-8")
    board = load_catalogue(folder / "imr.toml")
    path = tmp_path / "r.toml"
    create(path, board)
    app = create_app(board, path=path, training=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "agency")
        notes = app.screen.query_one("#model-answer")
        notes.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        on_screen = shown_in(app, notes)
        assert "[bold]Northshire[/bold] [@click=app.quit]Trust[/] ␛[31m" in on_screen
        await pilot.click(notes, offset=(20, 4))
        await pilot.pause()
        assert app.is_running


async def test_outside_training_the_notes_are_never_shown(tmp_path: Path) -> None:
    path = worked_example(tmp_path)
    app = create_app(shipped(), path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await go_to(pilot, "summary")
        assert not app.screen.query_one("#model-answer").region
        assert model_answer_widget(app) is None
        assert "model answer" not in flat(
            " ".join(s.text for s in app.screen._compositor.render_strips())
        )
