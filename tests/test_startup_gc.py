"""Start-up: the ``imr`` command pauses the garbage collector while it starts; the interview
resumes it once its first screen is up (or soon, whatever screen comes first), and every
other command as soon as its arguments are read."""

from __future__ import annotations

import argparse
import gc
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import SIZE, catalogue, until

from imr_tui.cli import main as cli
from imr_tui.core import start_up
from imr_tui.core.store import create
from imr_tui.tui import app as app_module
from imr_tui.tui.app import create_app
from imr_tui.tui.screens.interview import InterviewScreen


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """Whatever a test does, the collector runs again afterwards, nothing frozen."""
    yield
    start_up.resume_collection()
    gc.enable()
    gc.unfreeze()


def test_a_command_resumes_the_collector_once_its_arguments_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    parse = argparse.ArgumentParser.parse_args

    def parse_and_look(self: argparse.ArgumentParser, *args: object, **kw: object) -> object:
        seen.append(gc.isenabled())  # while the arguments are read
        return parse(self, *args, **kw)

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", parse_and_look)
    path = tmp_path / "r.toml"
    monkeypatch.setattr("sys.argv", ["imr", "new", str(path)])
    assert cli.main() == 0
    assert seen == [False]  # paused while the modules loaded and the arguments were read
    assert gc.isenabled() and not start_up.collection_paused()
    assert path.is_file()


def test_the_interview_command_leaves_the_collector_paused_for_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue())
    during: list[bool] = []

    def interview(*args: object, **kw: object) -> int:
        during.append(start_up.collection_paused() and not gc.isenabled())
        return 0

    monkeypatch.setattr("imr_tui.tui.run.run_interview", interview)
    for name in ("IMR_PLAIN", "IMR_ACCESSIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr("sys.argv", ["imr", str(path)])
    assert cli.main() == 0
    assert during == [True]
    assert gc.isenabled() and not start_up.collection_paused()  # resumed on the way out


def test_a_command_run_from_code_never_touches_the_collector(tmp_path: Path) -> None:
    gc.disable()  # as a host program might
    assert cli.main(["new", str(tmp_path / "r.toml")]) == 0
    assert not gc.isenabled()  # left as it was: only a pause made by imr is resumed


async def test_the_first_screen_resumes_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "START_UP_LIMIT", 600.0)  # only the first screen resumes it
    path = tmp_path / "r.toml"
    create(path, catalogue())
    start_up.pause_collection()
    app = create_app(catalogue(), path=path)
    async with app.run_test(size=SIZE) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, InterviewScreen) and app.focused is not None,
            "the first prompt",
        )
        await until(pilot, gc.isenabled, "the collector to run again")
        assert gc.get_freeze_count() > 0  # what start-up made is out of the collector's way
        assert isinstance(app.focused, Input)
        await pilot.press("W", "e", "s", "t")
        await until(pilot, lambda: app.focused.value == "West", "the typing")  # type: ignore[union-attr]
        await pilot.press("ctrl+q")
    assert tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["agency"] == "West"


async def test_another_first_screen_resumes_the_collector_soon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "START_UP_LIMIT", 0.2)
    start_up.pause_collection()
    app = create_app(catalogue(), workspace=tmp_path)  # the start screen, no review yet
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, gc.isenabled, "the collector to run again")
        assert not isinstance(app.screen, InterviewScreen)
