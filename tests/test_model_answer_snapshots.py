"""Snapshots of training mode's notes pane at 80x24 on a long analysis prompt (the worked
example open): as it first shows, scrolled to the model answer, and hidden by the trainer;
and beside the answer at a browser's 160x45. Review each SVG by eye before accepting it.

The program's clock is fixed and times are shown in UTC, so the example's years and the
"Saved" time are the same on every machine and every day.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import catalogue, go_to, settled, until

from imr_tui.core.example import load_example
from imr_tui.core.store import create
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.widgets.model_answer import ModelAnswerPane
from imr_tui.tui.widgets.prompt_pane import PromptPane

LONG_PROMPT = "q_escalation"
"""An analysis prompt whose notes are longer than the pane at 80x24."""


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch, fixed_clock: datetime) -> Iterator[None]:
    """Show times in UTC whatever the machine's zone, at a fixed time: stable pictures."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _app(tmp_path: Path) -> IMRApp:
    path = tmp_path / "example.toml"
    create(path, catalogue(), load_example(catalogue()))
    return create_app(catalogue(), path=path, training=True)


async def _at_long_prompt(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, IMRApp)
    deadline = time.monotonic() + 30
    while not isinstance(app.screen, InterviewScreen):
        assert time.monotonic() < deadline, "the interview never opened"
        await pilot.pause()
    await go_to(pilot, LONG_PROMPT)
    await settled(pilot, app)
    await pilot.pause()


async def _scrolled(pilot: Pilot[Any]) -> None:
    await _at_long_prompt(pilot)
    notes = pilot.app.screen.query_one(ModelAnswerPane)
    notes.focus()
    assert notes.max_scroll_y > 0
    await pilot.press("end")
    await until(pilot, lambda: notes.scroll_y == notes.max_scroll_y, "the notes' end")
    await pilot.pause()


async def _hidden_by_trainer(pilot: Pilot[Any]) -> None:
    await _at_long_prompt(pilot)
    pilot.app.screen.query_one(PromptPane).model_answers_shown = False
    notes = pilot.app.screen.query_one(ModelAnswerPane)
    await pilot.pause()
    notes.scroll_end(animate=False, immediate=True)
    await pilot.pause()


def _snap(
    snap_compare: Any,
    app: IMRApp,
    then: Callable[[Pilot[Any]], Awaitable[None]],
    size: tuple[int, int] = (80, 24),
) -> bool:
    result: bool = snap_compare(app, terminal_size=size, run_before=then)
    return result


def test_long_analysis_prompt_notes_above_the_answer(snap_compare: Any, tmp_path: Path) -> None:
    assert _snap(snap_compare, _app(tmp_path), _at_long_prompt)


def test_long_analysis_prompt_notes_scrolled_to_the_model_answer(
    snap_compare: Any, tmp_path: Path
) -> None:
    assert _snap(snap_compare, _app(tmp_path), _scrolled)


def test_long_analysis_prompt_model_answer_hidden_by_the_trainer(
    snap_compare: Any, tmp_path: Path
) -> None:
    assert _snap(snap_compare, _app(tmp_path), _hidden_by_trainer)


def test_long_analysis_prompt_notes_beside_the_answer_in_a_browser(
    snap_compare: Any, tmp_path: Path
) -> None:
    assert _snap(snap_compare, _app(tmp_path), _at_long_prompt, size=(160, 45))
