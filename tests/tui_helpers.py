"""Helpers for driving the Textual interview as a person would."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets.option_list import Option
from textual.worker import WorkerCancelled, WorkerFailed

from imr_tui.checks.findings import Finding
from imr_tui.core.catalogue import Catalogue, load_catalogue
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.check import CheckScreen

SIZE = (80, 24)


def catalogue() -> Catalogue:
    """The catalogue shipped with imr-tui."""
    return load_catalogue()


def review_at(folder: Path, resume: str) -> Path:
    """A new review ``r.toml`` in ``folder`` that opens at the prompt ``resume``."""
    from imr_tui.core.store import create, save

    path = folder / "r.toml"
    review = create(path, catalogue())
    review.resume = resume
    save(path, review, catalogue())
    return path


def make_app(path: Path | None = None, workspace: Path | None = None) -> IMRApp:
    """The app as the command line builds it (without signal handlers)."""
    return create_app(catalogue(), path=path, workspace=workspace)


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type text as a person does: a newline is the Enter key.

    Each line's first few characters are real key presses; the rest arrives as a
    paste (as when an author pastes from their notes), which keeps the tests quick:
    a simulated key press costs about 60 ms.
    """
    for i, line in enumerate(text.split("\n")):
        if i:
            await pilot.press("enter")
        if line:
            await pilot.press(*line[:3])
        if len(line) > 3:
            pilot.app.post_message(events.Paste(line[3:]))
            await pilot.pause()
    await pilot.app.input.settled()


async def next_prompt(pilot: Pilot[int]) -> None:
    """Ctrl+N, and let the new prompt settle."""
    await pilot.press("ctrl+n")
    await pilot.pause()


def prompt_title(app: IMRApp) -> str:
    """The title of the prompt on screen."""
    return str(app.screen.query_one("#prompt-title", Static).render())


def screen_text(app: IMRApp) -> str:
    """Everything visible in the Static widgets of the current screen."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def go_to(pilot: Pilot[int], step_id: str) -> None:
    """Go straight to a prompt (as the sidebar or Ctrl+G would) and let it settle."""
    from imr_tui.tui.screens.interview import InterviewScreen

    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    await screen.go(step_id)
    await pilot.pause()


async def settled(pilot: Pilot[int], app: IMRApp) -> None:
    """Wait until every change is saved and the checks of the saved review are shown:
    no save is scheduled, being written or retried, and no worker is running."""
    for _ in range(5000):
        if not app.autosave.busy and not app.workers:
            await pilot.pause()  # the last worker's result is handled
            if not app.autosave.busy and not app.workers:
                return
        with contextlib.suppress(WorkerCancelled, WorkerFailed):  # their outcome is checked
            await app.workers.wait_for_complete()
        await pilot.pause()
    raise AssertionError("the saves and checks did not finish")


async def until(
    pilot: Pilot[int], done: Callable[[], bool], what: str = "it", limit: float = 10.0
) -> None:
    """Wait, a message round at a time, until ``done()`` (a debounce timer, a palette's
    search in the background); fail naming ``what`` if it has not happened in ``limit`` s."""
    deadline = time.monotonic() + limit
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause()


async def to_finding(
    pilot: Pilot[int], app: IMRApp, wanted: Callable[[Finding], bool]
) -> tuple[CheckScreen, Option]:
    """Open the Check screen (Ctrl+F) and move its highlight with the arrow keys, as an
    author does, to the first finding ``wanted`` accepts; the screen and that option."""
    from textual.widgets import OptionList

    await pilot.press("ctrl+f")
    await until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check screen")
    screen = app.screen
    assert isinstance(screen, CheckScreen)
    await until(pilot, lambda: any(wanted(f) for f in screen.shown), "the finding")
    options = screen.query_one(OptionList)
    options.focus()
    for _ in range(options.option_count):
        option = options.get_option_at_index(options.highlighted or 0)
        if option.id is not None and wanted(screen.shown[int(option.id)]):
            return screen, option
        await pilot.press("down")
    raise AssertionError("the arrow keys never reached the finding")


def review_with_event(folder: Path, event: str) -> Path:
    """``r.toml`` in ``folder``: a review with one chronology entry saying ``event``."""
    from imr_tui.core.model import ChronologyEntry, Review
    from imr_tui.core.store import save

    path = folder / "r.toml"
    entry = ChronologyEntry(
        id="c1", date="2025-03-11", source="Community nursing record", cells={"event": event}
    )
    save(path, Review(chronology=[entry]), catalogue())
    return path


def finding_labels(app: IMRApp) -> list[str]:
    """The Check screen's options, as shown."""
    from textual.widgets import OptionList

    options = app.screen.query_one("#findings", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def highlight_abbreviation(app: IMRApp, pilot: Pilot[int], abbreviation: str) -> None:
    """Move to the abbreviation's finding with the arrow keys, as an author does."""
    from textual.widgets import OptionList

    options = app.screen.query_one("#findings", OptionList)
    labels = finding_labels(app)
    target = next(i for i, label in enumerate(labels) if f'"{abbreviation}"' in label)
    for _ in range(options.option_count):
        if options.highlighted == target:
            return
        at = -1 if options.highlighted is None else options.highlighted
        await pilot.press("down" if at < target else "up")
    assert options.highlighted == target, f"no way to the {abbreviation} finding"


def keys_for(text: str) -> list[str]:
    """The keys that type ``text``."""
    return ["space" if c == " " else c for c in text]
