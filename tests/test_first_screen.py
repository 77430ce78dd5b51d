"""The first interactive screen is built once: no widget is styled or composed again on
the way to it for nothing (each restyle and recompose is start-up time).

Opened on the pseudonyms prompt (a list editor with buttons): the focus goes straight to
the editor (the sidebar never takes it first), the footer's keys are composed once, the
keys and buttons are not restyled once mounted (a class they give themselves as they
mount, given as they are made), and outside training the notes pane,
never shown, has no notes in it (in training it has them).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input

from imr_tui.core.store import create, save
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.widgets.quiet_footer import QuietFooter
from tests.tui_helpers import SIZE, catalogue

DEADLINE = 15.0


def _review(folder: Path) -> Path:
    path = folder / "first.toml"
    review = create(path, catalogue())
    review.resume = "pseudonyms"
    save(path, review, catalogue())
    return path


async def _first_screen(pilot: Pilot[int], app: IMRApp) -> None:
    """Until the prompt's editor has the focus (the first interactive screen)."""
    deadline = time.monotonic() + DEADLINE
    while True:
        screen = app.screen
        if isinstance(screen, InterviewScreen) and screen.step is not None:
            holder = screen.query("#editor")
            if holder and app.focused is not None and holder.first() in app.focused.ancestors:
                return
        assert time.monotonic() < deadline, "the first screen never came"
        await pilot.pause()  # the app idle again: look once more


async def test_the_first_screen_is_built_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    focused: list[str] = []
    restyled: list[str] = []
    recomposed: list[str] = []
    set_focus = Screen.set_focus
    update_node_styles = DOMNode.update_node_styles
    recompose = Widget.recompose

    def record_focus(self: Screen[object], widget: Widget | None, *a: object, **k: object) -> None:
        if widget is not None:
            focused.append(type(widget).__name__)
        set_focus(self, widget, *a, **k)  # type: ignore[arg-type]

    def record_restyle(self: DOMNode, animate: bool = True) -> None:
        if isinstance(self, (Button, Input)) or type(self).__name__ == "FooterKey":
            restyled.append(type(self).__name__)
        update_node_styles(self, animate)

    async def record_recompose(self: Widget) -> None:
        if isinstance(self, QuietFooter):
            recomposed.append("footer")
        await recompose(self)

    monkeypatch.setattr(Screen, "set_focus", record_focus)
    monkeypatch.setattr(DOMNode, "update_node_styles", record_restyle)
    monkeypatch.setattr(Widget, "recompose", record_recompose)
    app = create_app(catalogue(), path=_review(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await _first_screen(pilot, app)
        await pilot.pause()  # and whatever the first screen started has run
        screen = app.screen
        assert focused and focused[0] == "AnswerInput", focused
        assert "Sidebar" not in focused, focused
        # A compact button is restyled once as it is made (Textual's own), the first text
        # box as the focus comes to it: nothing else.
        compact = len(screen.query(".list-row Button"))
        assert restyled.count("Button") <= compact, restyled
        assert [name for name in restyled if name not in ("AnswerInput", "Button")] == []
        assert recomposed == [], recomposed
        assert len(screen.query("FooterKey")) >= 5
        assert not screen.query(".model-note")
        await pilot.press("x")
        await pilot.pause()
        assert screen.query(Input).first().value == "x"


async def test_in_training_the_notes_pane_has_its_notes(tmp_path: Path) -> None:
    app = create_app(catalogue(), path=_review(tmp_path), training=True)
    async with app.run_test(size=SIZE) as pilot:
        await _first_screen(pilot, app)
        assert len(app.screen.query(".model-note")) == 4
