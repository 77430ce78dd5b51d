"""Typing latency and the event loop's longest stall while saving, measured in-process.

Frames go through a driver that renders them as it would for a terminal (the bytes
are dropped), so the time to compare and send a frame is counted too.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from imr_tui.core.catalogue import load_catalogue


@contextmanager
def rendering_frames() -> Iterator[None]:
    """Apps started by ``run_test`` render every frame for a terminal (and drop the bytes)."""
    from textual.drivers import headless_driver

    plain = headless_driver.HeadlessDriver

    class Rendering(plain):  # type: ignore[misc, valid-type]
        @property
        def is_headless(self) -> bool:
            return False

        def write(self, data: str) -> None:
            pass

    headless_driver.HeadlessDriver = Rendering  # type: ignore[misc]
    try:
        yield
    finally:
        headless_driver.HeadlessDriver = plain  # type: ignore[misc]


# --------------------------------------------------------------------------- 3. save stall
async def save_stall(path: Path) -> tuple[float, float]:
    """Longest event-loop stall while the app autosaves the review, and while saving blocking."""
    from imr_tui.tui.app import create_app

    app = create_app(load_catalogue(), path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)
        results = []
        for blocking in (False, True):
            worst = [0.0]
            running = [True]

            async def tick(worst: list[float] = worst, running: list[bool] = running) -> None:
                while running[0]:
                    t = time.perf_counter()
                    await asyncio.sleep(0.001)
                    worst[0] = max(worst[0], time.perf_counter() - t - 0.001)

            ticker = asyncio.create_task(tick())
            await asyncio.sleep(0.05)
            assert app.session is not None
            app.session.changed()
            if blocking:
                app.save_now()
            else:
                app.save_soon()
                while app.session.dirty or app.autosave.busy:
                    await asyncio.sleep(0.005)
            await asyncio.sleep(0.05)
            running[0] = False
            await ticker
            results.append(worst[0])
        return results[0], results[1]


# --------------------------------------------------------------------------- 4. typing latency
async def typing_latency(
    app: Any, focus: Callable[[Any], Any], keys: int = 120
) -> tuple[float, float]:
    """Median and 95th percentile from a key press to the screen being updated."""
    from textual import events

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await focus(app)
        await pilot.pause(0.5)
        shown: list[float] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            shown.append(time.perf_counter())

        app._display = display
        latencies = []
        for i in range(keys):
            ch = "abcdefghij klmnop"[i % 17]
            key = "space" if ch == " " else ch
            start = time.perf_counter()
            app.post_message(events.Key(key, ch))
            while not shown or shown[-1] < start:
                await asyncio.sleep(0.0002)
                if time.perf_counter() - start > 1:
                    break
            latencies.append(shown[-1] - start)
            await asyncio.sleep(0.03)
        app._display = original
        latencies.sort()
        return statistics.median(latencies), latencies[int(len(latencies) * 0.95) - 1]


def bare_text_app(text: str) -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(text, soft_wrap=True)

    return Bare()
