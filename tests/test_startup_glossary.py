"""Start-up: the glossary (the abbreviations and the language checks' word lists) is read on a
thread after the first screen, so the first keys an author types are not kept waiting for it;
the review is checked once it has been read, and a broken glossary still says so."""

from __future__ import annotations

import threading
import tomllib
from functools import cached_property
from pathlib import Path

from textual.widgets import Input, TextArea
from tui_helpers import SIZE, catalogue, until

from imr_tui.checks.glossary import Glossary
from imr_tui.core.data_files import DataFiles
from imr_tui.core.store import create
from imr_tui.tui.app import create_app
from imr_tui.tui.screens.interview import InterviewScreen

HOLD = 5.0
"""How long the slow glossary waits to be let go before reading anyway (seconds)."""


class SlowGlossary(DataFiles):
    """The shipped data files, whose glossary takes until the test lets it go."""

    started = threading.Event()
    """Set when reading the glossary has begun."""
    release = threading.Event()
    """Set by the test to let the reading finish."""
    finished = threading.Event()
    """Set when the glossary has been read."""

    @cached_property
    def glossary(self) -> Glossary:
        """The shipped glossary, once the test lets it go (or after :data:`HOLD`)."""
        type(self).started.set()
        type(self).release.wait(HOLD)
        read = DataFiles.resolve(None).glossary
        type(self).finished.set()
        return read


def editor_text(widget: object) -> str:
    """What the focused editor holds."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    raise AssertionError(f"the focus is on {widget!r}, not an editor")


async def test_keys_are_answered_while_the_glossary_is_still_being_read(tmp_path: Path) -> None:
    for flag in (SlowGlossary.started, SlowGlossary.release, SlowGlossary.finished):
        flag.clear()
    path = tmp_path / "r.toml"
    create(path, catalogue())
    files = SlowGlossary.resolve(None)
    app = create_app(catalogue(), path=path, data_files=files)
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, InterviewScreen) and app.focused is not None,
            "the first prompt's editor",
        )
        await until(pilot, SlowGlossary.started.is_set, "the glossary to be read")
        await pilot.press("N", "o", "r", "t", "h")
        await until(pilot, lambda: editor_text(app.focused) == "North", "the typing to show")
        # The typing was shown while the glossary was still being read.
        assert not SlowGlossary.finished.is_set()
        assert app.loaded_glossary is None and app.checks_run == 0
        SlowGlossary.release.set()
        await until(pilot, lambda: app.checks_run >= 1, "the first check")
        assert app.loaded_glossary is not None
        assert app.loaded_glossary.meaning("GP")  # the glossary read is the real one
        await pilot.press("ctrl+q")
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert "North" in str(saved)


class BrokenGlossary(DataFiles):
    """Data files whose glossary cannot be read."""

    @cached_property
    def glossary(self) -> Glossary:
        """Always refused, as a broken ``abbreviations.toml`` is."""
        from imr_tui.core.errors import UserError

        raise UserError("abbreviations.toml: line 3: not valid TOML")


async def test_a_broken_glossary_read_after_the_first_screen_still_says_so(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue())
    app = create_app(catalogue(), path=path, data_files=BrokenGlossary.resolve(None))
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot,
            lambda: any("abbreviations.toml: line 3" in str(n.message) for n in app._notifications),
            "the broken glossary's message",
        )
        assert isinstance(app.screen, InterviewScreen)
        assert app.loaded_glossary is None and app.checks_run == 0
