"""Fewer frames for the same screen (a served session's processor time): typing never
repaints the whole screen, the word count is redrawn only when it changes, and the footer
is rebuilt only when the keys it shows change, while all of them stay right."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Imr
from textual import events
from textual._compositor import Compositor
from textual.widgets import Static, TextArea
from textual.widgets._footer import FooterKey
from tui_helpers import SIZE, catalogue, go_to, make_app, next_prompt, settled, until

from imr_tui.core.store import create, load
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.help import HelpScreen
from imr_tui.tui.widgets.long_text_editor import LongTextEditor
from imr_tui.tui.widgets.quiet_footer import QuietFooter
from imr_tui.tui.widgets.sidebar import FLAG, Sidebar


def _new(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    create(path, catalogue())
    return path


@pytest.fixture
def full_frames(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a whole screen is drawn."""
    drawn: list[int] = []
    real = Compositor.render_full_update

    def counted(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        drawn.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_full_update", counted)
    return drawn


@pytest.fixture
def recomposes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a footer is rebuilt."""
    rebuilt: list[int] = []
    real = QuietFooter.recompose

    async def counted(self: QuietFooter) -> None:
        rebuilt.append(1)
        await real(self)

    monkeypatch.setattr(QuietFooter, "recompose", counted)
    return rebuilt


def _sidebar_line(app: IMRApp, title: str) -> str:
    tree = app.screen.query_one(Sidebar)

    def walk(node: Any) -> Iterator[str]:
        for child in node.children:
            yield str(child.label)
            yield from walk(child)

    return next(line for line in walk(tree.root) if title in line)


def _status(app: IMRApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_typing_an_answer_never_repaints_the_whole_screen(
    tmp_path: Path, full_frames: list[int]
) -> None:
    path = _new(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "summary")
        await settled(pilot, app)
        await pilot.pause()
        before_flag = _sidebar_line(app, "Summary of involvement")
        assert FLAG not in before_flag.split(" Summary")[0]
        full_frames.clear()
        text = "She was seen by the CPN."
        for ch in text:
            await pilot.press("space" if ch == " " else ch)
        await settled(pilot, app)  # saved, then checked in the background
        await until(pilot, lambda: "Saved" in _status(app), "the status line saying Saved")
        # The check found the abbreviation: the sidebar marks the prompt.
        await until(
            pilot,
            lambda: FLAG in _sidebar_line(app, "Summary of involvement").split(" Summary")[0],
            "the sidebar's mark for the finding",
        )
        assert "CPN" in {f.abbreviation for f in app.findings}
        assert full_frames == []  # autosaves and checks redrew only their own widgets
        assert load(path).answer("summary") == text


def _count(app: IMRApp) -> str:
    return str(app.screen.query_one("#word-count", Static).render())


async def test_the_word_count_is_right_and_redrawn_only_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _new(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "summary")
        await pilot.pause()
        counter = app.screen.query_one("#word-count", Static)
        area = app.screen.query_one(LongTextEditor).query_one(TextArea)
        assert app.focused is area
        updates: list[str] = []
        real = counter.update

        def update(content: Any = "", *, layout: bool = True) -> None:
            updates.append(str(content))
            real(content, layout=layout)

        monkeypatch.setattr(counter, "update", update)
        assert _count(app) == "0 words"
        await pilot.press(*"Seen")
        assert _count(app) == "1 word"
        await pilot.press("space", *"at", "space", *"home")
        assert _count(app) == "3 words"
        # One redraw per change of the count, none for the other keys.
        assert updates == ["1 word", "2 words", "3 words"]
        for _ in "home":
            await pilot.press("backspace")
        assert _count(app) == "2 words"
        await pilot.press("backspace", "backspace", "backspace")
        assert _count(app) == "1 word"
        app.post_message(events.Paste(" by the district nurse"))  # as the terminal sends it
        await until(pilot, lambda: _count(app) == "5 words", "the count after pasting")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: area.text == "Seen ", "the paste undone")
        assert _count(app) == "1 word"
        await settled(pilot, app)
        assert updates == ["1 word", "2 words", "3 words", "2 words", "1 word", "5 words", "1 word"]
    assert load(path).answer("summary") == "Seen "


def _footer(app: IMRApp) -> QuietFooter:
    return app.screen.query_one(QuietFooter)


def _shown(footer: QuietFooter) -> list[tuple[str, str, str, bool]]:
    return [
        (key.key, key.key_display, key.description, not key.has_class("-disabled"))
        for key in footer.query(FooterKey)
        if not key.has_class("-command-palette")
    ]


def _wanted(app: IMRApp) -> list[tuple[str, str, str, bool]]:
    """What Textual's own footer shows for the screen's bindings now (one key per action)."""
    actions: dict[str, tuple[str, str, str, bool]] = {}
    for _, binding, enabled, _tip in app.screen.active_bindings.values():
        if binding.show and binding.action not in actions:
            actions[binding.action] = (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
            )
    return list(actions.values())


async def _right(pilot: Any, app: IMRApp, where: str) -> list[tuple[str, str, str, bool]]:
    await until(pilot, lambda: _shown(_footer(app)) == _wanted(app), f"the footer {where}")
    return _shown(_footer(app))


async def test_moving_between_prompts_rebuilds_the_footer_only_when_its_keys_change(
    tmp_path: Path, recomposes: list[int]
) -> None:
    path = _new(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = await _right(pilot, app, "on the first prompt")
        changes = 0
        recomposes.clear()
        for _ in range(11):
            await next_prompt(pilot)
            await pilot.pause()
            now = await _right(pilot, app, f"on {app.screen.step.id}")  # type: ignore[attr-defined]
            changes += now != shown
            shown = now
        # Textual's footer rebuilds itself on every focus change and mount (about fifteen
        # times a move); this one only when the keys differ (at most one in-between state
        # while the old prompt's editor leaves and the new one arrives).
        assert len(recomposes) <= 2 * changes + 2, (len(recomposes), changes)
        recomposes.clear()
        await next_prompt(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert await _right(pilot, app, "back where it was") == shown


async def _with_comment(tmp_path: Path, imr: Imr) -> Path:
    path = _new(tmp_path)
    review = load(path)
    review.answers["summary"] = "Seen at home."
    from imr_tui.core.store import save

    save(path, review, catalogue())
    added = imr("comment", path, "--on", "summary", "Which team?", "--by", "Panel chair")
    assert added.returncode == 0, added.stderr
    return path


Step = Callable[[Any, IMRApp], Awaitable[None]]


async def test_the_footer_follows_the_focus_a_dialog_and_the_browser_keys(
    tmp_path: Path, imr: Imr, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(IMRApp, "is_web", property(lambda self: True))
    path = await _with_comment(tmp_path, imr)
    app = create_app(catalogue(), path=path, training=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "summary")
        on_answer = await _right(pilot, app, "on the answer")
        descriptions = {d for _, _, d, _ in on_answer}
        assert any(d.startswith("Model") for d in descriptions), on_answer  # training: F4
        nxt = next(k for k in on_answer if k[2].startswith("Next"))
        assert nxt[0] == "ctrl+down", nxt  # the browser's key, not Ctrl+N
        await pilot.press("ctrl+b")
        on_comments = await _right(pilot, app, "on the comments pane")
        assert on_comments != on_answer
        assert any(d.startswith("Reply") or "reply" in d.lower() for _, _, d, _ in on_comments)
        await pilot.press("escape")
        await pilot.pause()
        await go_to(pilot, "chronology")
        await _right(pilot, app, "on the chronology")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen), "the form closed")
        await _right(pilot, app, "after the form")
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await _right(pilot, app, "on the help")
        await pilot.press("escape")
        await pilot.pause()
        await go_to(pilot, "summary")
        assert await _right(pilot, app, "back on the answer") == on_answer
