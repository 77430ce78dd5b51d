"""One trainee of the load benchmark: a websocket client that sends what the page sends.

textual-serve's page (``textual_serve/static/js/textual.js``) loads the address with the
token (the server sets the cookie), opens ``/ws?width=W&height=H`` with that cookie,
and on open sends ``["resize", {"width": W, "height": H}]`` then ``["ping", "<ms>"]``;
every key is ``["stdin", "<characters>"]``; the server's binary messages are terminal
bytes, drawn by the page. Here they are drawn on a :class:`serve_screen.Screen`.

Key echo, exactly: before a (non-space) character is sent, the text typed so far
ending with it (the last :data:`NEEDLE` characters, spaces collapsed) is not on the
screen; its echo is the first message after which it is (rows read with the text
box's borders stripped and joined with a space, so a soft-wrapped line reads on).
A space draws nothing that tells it apart (a trailing space is blank), so spaces are
typed but not timed. A screen change is Ctrl+N (or Ctrl+P) sent until the title of
the prompt it leads to is on the screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp
from serve_screen import Screen

WIDTH, HEIGHT = 80, 24
NEEDLE = 16
"""Characters of typed text (ending with the key) looked for on the screen."""
EDGES = "│┃▌▐▊▎╎║|▕▏▁▂▃▄▅▆▇█ "
"""Borders and scrollbar cells stripped from the ends of a row before reading it."""
DIVIDER = "▕"
"""The line between the interview's list of prompts and the prompt: rows are read right of it."""
NEXT, PREVIOUS = "\x0e", "\x10"  # Ctrl+N, Ctrl+P as a terminal (and the page) sends them
SPACES = re.compile(r"\s+")


def flatten(lines: list[str]) -> str:
    """The screen as one line of text: each row stripped of borders, spaces collapsed."""
    return SPACES.sub(" ", " ".join(line.split(DIVIDER, 1)[-1].strip(EDGES) for line in lines))


@dataclass
class Result:
    """What one trainee measured."""

    name: str
    echoes: list[float] = field(default_factory=list)
    """Seconds from each timed key's send to its echo."""
    untimed: int = 0
    """Keys whose echo could not be told apart (already on screen) or never came."""
    changes: list[float] = field(default_factory=list)
    """Seconds of each screen change while the others join and move (before typing)."""
    typing_changes: list[float] = field(default_factory=list)
    """Seconds of each screen change made in the middle of typing."""
    slowest: tuple[float, int] = (0.0, -1)
    """The slowest echo and the place of its key in the text."""
    pause_at: int = -1
    """The key before which the trainee went to the next prompt and back."""
    failure: str = ""
    """Why the session failed ("" when it did not)."""
    typed: str = ""
    """The long answer as typed."""
    review: str = ""
    """The review's file name."""
    last_screen: str = ""


class Trainee:
    """One trainee's websocket session, driven as a person would."""

    def __init__(self, page_url: str, name: str, review: str) -> None:
        self.page_url = page_url
        self.result = Result(name=name, review=review)
        self.screen = Screen(WIDTH, HEIGHT)
        self.flat = ""
        self.frame = asyncio.Event()
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.pending: list[tuple[float, str, int]] = []
        self.closed = False

    # ------------------------------------------------------------------ wire
    async def connect(self, http: aiohttp.ClientSession) -> None:
        """Load the page (the cookie), open its websocket, send its first messages."""
        async with http.get(self.page_url) as response:
            response.raise_for_status()
            await response.read()
        origin = self.page_url.split("/?", 1)[0]
        ws_url = origin.replace("http", "ws", 1) + f"/ws?width={WIDTH}&height={HEIGHT}"
        self.ws = await http.ws_connect(ws_url, origin=origin, max_msg_size=0)
        await self.ws.send_str(json.dumps(["resize", {"width": WIDTH, "height": HEIGHT}]))
        await self.ws.send_str(json.dumps(["ping", str(int(time.time() * 1000))]))

    async def receive(self) -> None:
        """Draw every message; time the echo of the keys waiting for one."""
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                now = time.perf_counter()
                self.screen.feed(message.data)
                self.flat = flatten(self.screen.lines())
                while self.pending and self.pending[0][1] in self.flat:
                    sent, _needle, index = self.pending.pop(0)
                    # a later key's echo holds every earlier key's
                    self.result.echoes.append(now - sent)
                    self.result.slowest = max(self.result.slowest, (now - sent, index))
                self.frame.set()
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.ERROR):
                break
        self.closed = True
        self.frame.set()

    async def send(self, keys: str) -> None:
        """Keys as the page sends them."""
        assert self.ws is not None
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def until(self, what: str, check: Callable[[str], bool], timeout: float) -> None:
        """Wait for the screen to satisfy ``check`` (its flat text), or fail saying ``what``."""
        deadline = time.perf_counter() + timeout
        while not check(self.flat):
            if self.closed:
                raise RuntimeError(f"the session ended while waiting for {what}")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError(f"no {what} within {timeout:.0f} s")
            self.frame.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.frame.wait(), left)

    async def until_text(self, text: str, timeout: float = 30.0) -> None:
        """Wait for ``text`` on the screen."""
        await self.until(repr(text), lambda flat: text in flat, timeout)

    # ------------------------------------------------------------------ the trainee
    async def join(self) -> None:
        """Name, code, a new review: until its first prompt is shown."""
        await self.until_text("What is your name?", 60)
        await self.send(self.result.name + "\r")
        await self.until_text("Your personal code is", 30)
        await self.send("\r")
        await self.until_text("press n", 30)
        await self.send("n")
        await self.until_text("Name the new review file", 30)
        await self.send(self.result.review + "\r")

    async def change(self, key: str, title: str, timeout: float = 30.0) -> float:
        """One screen change: ``key`` sent until ``title`` is on the screen; its seconds."""
        if title in self.flat:
            raise RuntimeError(f"{title!r} was on the screen before the change")
        sent = time.perf_counter()
        await self.send(key)
        await self.until(repr(title), lambda flat: title in flat, timeout)
        return time.perf_counter() - sent

    async def type_text(
        self, text: str, rate: float, pause_at: int, detour: tuple[str, str]
    ) -> None:
        """Type ``text`` at ``rate`` characters a second, timing each echo; at character
        ``pause_at``, go to the next prompt and back (titles ``detour``), then carry on."""
        gap = 1.0 / rate
        start = time.perf_counter()
        offset = 0.0
        for i, char in enumerate(text):
            if i == pause_at:
                there, back = detour
                self.result.typing_changes.append(await self.change(NEXT, there))
                self.result.typing_changes.append(await self.change(PREVIOUS, back))
                await self.send("\x1b[1;5F")  # Ctrl+End: the cursor back at the end
                offset = time.perf_counter() - start - i * gap
            due = start + offset + i * gap
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if char != " ":
                needle = SPACES.sub(" ", text[: i + 1])[-NEEDLE:]
                if needle in self.flat:
                    self.result.untimed += 1
                else:
                    self.pending.append((time.perf_counter(), needle, i))
            await self.send(char)
            self.result.typed += char
        await self.until("the last key's echo", lambda _flat: not self.pending, 30)

    async def close(self) -> None:
        """Close the page (the session saves and ends)."""
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
