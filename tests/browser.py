"""One place for tests in a real, headed browser: a virtual screen (Xvfb), ``imr serve``
on a free loopback port, and Chromium with a window, driven by Playwright.

Headless Chromium hands every key to the page; a headed one keeps some for itself
(Ctrl+N, Ctrl+T, Ctrl+W...), which is what a trainee meets. Keys meant to be real
ones are sent with ``xdotool key`` to the browser's window (:meth:`Headed.key`).

The terminal in the page is drawn on a canvas, so what it shows is read from what the
app sends: :class:`Screen` replays it (cursor moves and text; colours ignored).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyte
from playwright.sync_api import BrowserContext, Page, sync_playwright
from test_serve import CHROMIUM_FLAGS, chromium, free_port, settle, wait_for

RECORD = """
(() => {
  const Native = window.WebSocket;
  window.__received = { bytes: 0, last: 0 };
  window.__text = "";
  window.__size = null;
  const decoder = new TextDecoder("utf-8");
  window.WebSocket = class extends Native {
    constructor(url, ...args) {
      super(url, ...args);
      const query = new URL(url).searchParams;
      if (query.get("width")) {
        window.__size = [Number(query.get("width")), Number(query.get("height"))];
      }
      this.addEventListener("message", (e) => {
        window.__received.bytes += e.data.byteLength || e.data.length || 0;
        window.__received.last = performance.now();
        if (typeof e.data !== "string") {
          window.__text += decoder.decode(new Uint8Array(e.data), { stream: true });
        }
      });
    }
    send(data) {
      try {
        const message = JSON.parse(data);
        if (message[0] === "resize") {
          window.__size = [message[1].width, message[1].height];
        }
      } catch (e) {}
      return super.send(data);
    }
  };
})();
"""
"""Counts the bytes the app sends (for :func:`settle`), keeps them as text and keeps the
terminal's size in cells, as the page tells the app."""


class Screen:
    """What the terminal shows, replayed from the bytes the app wrote by a terminal
    emulator (the app moves the cursor relatively too, and sends only changed cells)."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self._screen = pyte.Screen(width, height)
        self._stream = pyte.Stream(self._screen)

    def feed(self, text: str) -> None:
        self._stream.feed(text)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self._screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())


@dataclass
class Headed:
    """A served workspace and a headed Chromium showing it."""

    url: str
    """The trainee's address (with its token)."""
    workspace: Path
    context: BrowserContext
    page: Page
    """The trainee's one tab."""
    window: str
    """The browser window's X id, for xdotool."""
    seen: int = 0
    """Bytes received when the page last settled."""

    def settle(self) -> None:
        """Wait until the app has drawn something new and then paused."""
        self.seen = settle(self.page, self.seen)

    def key(self, *names: str) -> None:
        """Real key presses (X events) into the browser's window, then settle."""
        focus(self.window)
        for name in names:
            subprocess.run(["xdotool", "key", "--clearmodifiers", name], check=True, timeout=10)
        self.settle()

    def type(self, text: str) -> None:
        """Type text through the page (the same keys a person types, quicker)."""
        self.page.keyboard.type(text)
        self.settle()

    def screen(self) -> Screen:
        """What the terminal shows now."""
        return screen_of(self.page)

    def shows(self, text: str) -> bool:
        return text in self.screen().text()

    def wait_shows(self, what: str, text: str) -> None:
        """Wait until the terminal shows ``text``; on time-out, say what it shows."""
        try:
            wait_for(what, lambda: self.shows(text))
        except AssertionError:
            raise AssertionError(f"timed out waiting for {what}:\n{self.screen().text()}") from None

    def pages(self) -> int:
        """Tabs and windows open in the browser."""
        return len(self.context.pages)


def screen_of(page: Page) -> Screen:
    """What a page's terminal shows now (the page was opened by :func:`open_page`)."""
    width, height = page.evaluate("window.__size")
    screen = Screen(int(width), int(height))
    screen.feed(page.evaluate("window.__text"))
    return screen


def open_page(context: BrowserContext, url: str, page: Page | None = None) -> Page:
    """Open the address in a new tab (or ``page``), recording what the app sends; returns
    once the app has drawn its first screen."""
    page = page or context.new_page()
    page.add_init_script(RECORD)
    page.goto(url)
    page.wait_for_function("document.body.className.includes('-first-byte')", timeout=30_000)
    return page


def join(page: Page, name: str, seen: int = 0) -> int:
    """A new trainee joins by the page's keyboard: their name, Enter, then Enter past
    their personal code when it is shown. Returns the bytes received (for :func:`settle`)."""
    page.focus("textarea.xterm-helper-textarea")
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    wait_for(
        "joined",
        lambda: any(t in screen_of(page).text() for t in ("personal code", "New review")),
        timeout=30,
    )
    seen = settle(page, seen)
    if "personal code" in screen_of(page).text():
        page.keyboard.press("Enter")
        wait_for(
            "the trainee's reviews",
            lambda: "New review" in screen_of(page).text(),
            timeout=30,  # a busy machine: the start screen lists the folder first
        )
        seen = settle(page, seen)
    return seen


def trainee_folder(workspace: Path, name: str) -> Path:
    """The folder the workshop gave this trainee."""
    from imr_tui.workshop.trainees import find, folder_of

    trainee = find(workspace, name)
    assert trainee is not None, f"{name} has not joined"
    return folder_of(workspace, trainee)


@contextmanager
def display() -> Iterator[str]:
    """A virtual screen for headed browsers: its DISPLAY name."""
    number = 90 + os.getpid() % 50
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    try:
        wait_for("the virtual screen", lambda: socket.exists() or proc.poll() is not None)
        assert proc.poll() is None, "Xvfb did not start: 'make test' installs it"
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def serving(folder: Path, *options: str) -> Iterator[tuple[str, Path]]:
    """``imr serve`` on a free loopback port: (the trainee's address, the workspace)."""
    workspace = folder / "workshop"
    workspace.mkdir()
    log = folder / "serve.log"
    port = free_port()
    with log.open("w") as out:
        command = [sys.executable, "-m", "imr_tui", "serve", "--workspace", str(workspace)]
        proc = subprocess.Popen(
            [*command, "--port", str(port), *options],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for("the address", lambda: "token=" in log.read_text() or proc.poll() is not None)
        text = log.read_text()
        assert proc.poll() is None, text
        addresses = [w for w in text.split() if w.startswith("http://") and "token=" in w]
        url = next((a for a in addresses if "/trainer" not in a), addresses[0])
        yield url, workspace
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def focus(window: str) -> None:
    """Give the browser's window the keyboard (there is no window manager to do it)."""
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False, timeout=10)


def _window(pid_hint: str) -> str:
    """The X id of the browser's visible window."""
    found: list[str] = []

    def visible() -> bool:
        out = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--class", pid_hint],
            capture_output=True,
            text=True,
            check=False,
        )
        found[:] = out.stdout.split()
        return bool(found)

    wait_for("the browser's window", visible)
    return found[-1]


@contextmanager
def headed(
    folder: Path,
    *options: str,
    size: tuple[int, int] = (1000, 700),
    args: Sequence[str] = (),
) -> Iterator[Headed]:
    """Serve a workspace (``options`` go to ``imr serve``) and open the trainee's address
    in a headed Chromium under Xvfb; everything is stopped afterwards."""
    with display() as name, serving(folder, *options) as (url, workspace):
        before = os.environ.get("DISPLAY")
        os.environ["DISPLAY"] = name
        flags = [f for f in CHROMIUM_FLAGS if f != "--headless"]
        try:
            with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
                context = p.chromium.launch_persistent_context(
                    profile,
                    executable_path=chromium(),
                    args=[*flags, *args],
                    headless=False,
                    accept_downloads=True,
                    viewport={"width": size[0], "height": size[1]},
                )
                try:
                    page = open_page(context, url, context.pages[0] if context.pages else None)
                    browser = Headed(url, workspace, context, page, _window("chromium"))
                    browser.settle()
                    # Without this, Chromium's window takes no X key events (xdotool).
                    page.bring_to_front()
                    page.focus("textarea.xterm-helper-textarea")
                    yield browser
                finally:
                    context.close()
        finally:
            if before is None:
                os.environ.pop("DISPLAY", None)
            else:
                os.environ["DISPLAY"] = before


def as_json(value: object) -> str:
    """For messages: a value as one line."""
    return json.dumps(value, default=str)
