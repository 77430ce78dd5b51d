"""Serve mode: the token, the address checks, trainee folders, and a real browser session."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from playwright.sync_api import Page, sync_playwright
from terminal import until
from textual.widgets import Static
from tui_helpers import SIZE, catalogue, type_text

from imr_tui.cli.main import main
from imr_tui.core.errors import UserError
from imr_tui.core.store import create
from imr_tui.tui.app import create_app
from imr_tui.tui.screens.start import StartScreen
from imr_tui.tui.screens.trainee_join import TraineeJoinScreen
from imr_tui.web.serve import (
    access_url,
    announcement,
    build_server,
    check_host,
    is_loopback,
    session_command,
)
from imr_tui.web.tokens import TRAINEE_COOKIE as TOKEN_COOKIE
from imr_tui.web.tokens import Tokens, token_ok
from imr_tui.workshop.trainees import Joined, folder_of, issue_code
from imr_tui.workshop.trainees import find as find_trainee

TOKEN = "s3cret-token-for-trainees"
TOKENS = Tokens(trainee=TOKEN, trainer="s3cret-token-for-the-trainer")


# ---------------------------------------------------------------- address and token
@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])
def test_loopback_hosts_need_no_flag_and_get_no_warning(host: str) -> None:
    assert is_loopback(host)
    assert check_host(host, allow_remote=False) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "training.example.org"])
def test_other_hosts_need_the_flag_and_get_the_warning(host: str) -> None:
    assert not is_loopback(host)
    with pytest.raises(UserError, match="--allow-remote"):
        check_host(host, allow_remote=False)
    warning = check_host(host, allow_remote=True)
    assert warning is not None
    assert "fictional" in warning
    assert host in warning
    assert "not encrypted" in warning and "--tls-cert" in warning
    with_tls = check_host(host, allow_remote=True, tls=True)
    assert with_tls is not None and "not encrypted" not in with_tls


def test_the_printed_address_holds_the_token() -> None:
    assert access_url("127.0.0.1", 8000, TOKEN) == f"http://127.0.0.1:8000/?token={TOKEN}"
    assert access_url("::1", 8000, TOKEN) == f"http://[::1]:8000/?token={TOKEN}"
    assert (
        access_url("::1", 8000, TOKEN, path="/trainer", tls=True)
        == f"https://[::1]:8000/trainer?token={TOKEN}"
    )
    both = ("http://0.0.0.0:8000/", "http://0.0.0.0:8000/trainer")
    assert "this machine's address" in announcement("0.0.0.0", *both)
    assert "this machine's address" not in announcement("127.0.0.1", *both)


def test_the_token_is_taken_from_the_address_or_the_cookie() -> None:
    assert token_ok(TOKEN, {"token": TOKEN}, {})
    assert token_ok(TOKEN, {}, {TOKEN_COOKIE: TOKEN})
    assert token_ok(TOKEN, {"token": "wrong"}, {TOKEN_COOKIE: TOKEN})
    assert not token_ok(TOKEN, {}, {})
    assert not token_ok(TOKEN, {"token": ""}, {TOKEN_COOKIE: ""})
    assert not token_ok(TOKEN, {"token": "wrong"}, {TOKEN_COOKIE: TOKEN + "x"})
    assert not token_ok(TOKEN, {"tok": TOKEN}, {"other": TOKEN})


def test_a_remote_host_without_the_flag_is_refused_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", "--workspace", str(tmp_path), "--host", "0.0.0.0", "--port", "1"])
    assert code != 0
    assert "--allow-remote" in capsys.readouterr().err


def test_the_workspaces_parent_must_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", "--workspace", str(tmp_path / "missing" / "ws"), "--port", "1"])
    assert code == 2
    assert "no such folder" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()


def test_the_session_command_is_fixed_by_the_server(tmp_path: Path) -> None:
    folder = tmp_path / "work shop; rm -rf x"
    command = session_command(folder, training=True)
    assert command.startswith("exec ")
    argv = shlex.split(command.removeprefix("exec "))
    assert argv == [
        sys.executable,
        "-m",
        "imr_tui.web.session",
        str(folder.resolve()),
        "--training",
    ]


async def test_requests_without_the_token_are_refused() -> None:
    server = build_server("true", "127.0.0.1", 8000, TOKENS)
    app = await server._make_app()
    async with TestClient(TestServer(app)) as client:
        for path in ("/", "/?token=wrong", "/ws", "/static/js/textual.js", "/download/x"):
            response = await client.get(path)
            assert response.status == 403, path
        page = await client.get(f"/?token={TOKEN}")
        assert page.status == 200
        assert page.cookies[TOKEN_COOKIE].value == TOKEN
        assert page.cookies[TOKEN_COOKIE]["httponly"]
        html = await page.text()
        # The page's websocket address is where the browser came from, without the token.
        assert f'data-session-websocket-url="ws://{page.url.host}:{page.url.port}/ws"' in html
        assert "googleapis" not in html  # nothing fetched from the internet
        # The cookie now lets the page's own requests through.
        assert (await client.get("/static/js/textual.js")).status == 200
        assert (await client.get("/download/unknown")).status == 404
        # A websocket opened by another site's page is refused even with the cookie.
        other = await client.get("/ws", headers={"Origin": "http://elsewhere.example"})
        assert other.status == 403


# ---------------------------------------------------------------- trainee folders
async def test_a_served_session_asks_who_then_lists_only_that_trainees_folder(
    tmp_path: Path,
) -> None:
    codes = {}
    for trainee in ("Alice", "Bob"):
        joined = issue_code(tmp_path, trainee)
        assert isinstance(joined, Joined)
        codes[trainee] = joined.code
        folder = folder_of(tmp_path, joined.trainee)
        create(folder / f"{trainee}-review.toml", catalogue())
    app = create_app(catalogue(), workspace=tmp_path, ask_folder=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TraineeJoinScreen)
        await type_text(pilot, "../Alice")
        await pilot.press("enter")
        problem = app.screen.query_one("#join-problem", Static)
        assert await until_shown(pilot, lambda: "letters" in str(problem.render()))
        assert isinstance(app.screen, TraineeJoinScreen)
        await pilot.press(*["backspace"] * 8)
        await type_text(pilot, "bob")  # capitals do not matter
        await pilot.press("tab")
        await type_text(pilot, codes["Bob"])
        await pilot.press("enter")
        assert await until_shown(pilot, lambda: isinstance(app.screen, StartScreen))
        assert isinstance(app.screen, StartScreen)
        assert app.workspace == folder_of(tmp_path, find_trainee(tmp_path, "Bob")).resolve()
        assert [p.name for p in app.screen.paths] == ["Bob-review.toml"]


async def until_shown(pilot: Any, check: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Wait (pausing the app between looks) until ``check`` holds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)
    return True


# ---------------------------------------------------------------- a real browser
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Counts what the app sends to the page: the terminal is drawn on a canvas, so
# "the screen has settled" is "bytes have arrived and then none for a moment".
COUNT_BYTES = """
(() => {
  const Native = window.WebSocket;
  window.__received = { bytes: 0, last: 0 };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        window.__received.bytes += e.data.byteLength || e.data.length || 0;
        window.__received.last = performance.now();
      });
    }
  };
})();
"""


def chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).exists(), "Chromium is missing: 'make test' installs it"
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(what: str, check: Callable[[], bool], timeout: float = 15.0) -> None:
    """Wait until ``check`` holds (the server is a separate process: nothing to wait on)."""
    if not until(lambda: True if check() else None, timeout):
        raise AssertionError(f"timed out waiting for {what}")


def settle(page: Page, since: int, quiet_ms: int = 400) -> int:
    """Wait until the app has sent something new and then paused; returns the byte count."""
    page.wait_for_function(
        "([since, quiet]) => window.__received.bytes > since"
        " && performance.now() - window.__received.last > quiet",
        arg=[since, quiet_ms],
        polling=50,
        timeout=20_000,
    )
    return int(page.evaluate("window.__received.bytes"))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``imr serve`` on a free loopback port: (the printed address, the workspace)."""
    workspace = tmp_path / "workshop"
    workspace.mkdir()
    log = tmp_path / "serve.log"
    port = free_port()
    with log.open("w") as out:
        command = [sys.executable, "-m", "imr_tui", "serve", "--workspace", str(workspace)]
        proc = subprocess.Popen(
            [*command, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for("the address", lambda: "token=" in log.read_text() or proc.poll() is not None)
        text = log.read_text()
        assert proc.poll() is None, text
        url = next(w for w in text.split() if w.startswith("http://"))
        assert url.startswith(f"http://127.0.0.1:{port}/?token=")
        yield url, workspace
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, log.read_text()


def test_a_trainee_writes_and_exports_a_review_in_a_real_browser(
    served: tuple[str, Path],
) -> None:
    url, workspace = served
    base = url.split("?")[0]
    for path in ("", "?token=wrong", "ws", "static/js/textual.js"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + path, timeout=10)
        assert refused.value.code == 403, path

    answer = "Northshire Community NHS Trust"
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile,
            executable_path=chromium(),
            args=CHROMIUM_FLAGS,
            headless=True,
            accept_downloads=True,
            viewport={"width": 1000, "height": 700},
        )
        try:
            page = browser.pages[0] if browser.pages else browser.new_page()
            page.add_init_script(COUNT_BYTES)
            page.goto(url)
            page.wait_for_function(
                "document.body.className.includes('-first-byte')", timeout=30_000
            )
            seen = settle(page, 0)
            page.focus("textarea.xterm-helper-textarea")

            page.keyboard.type("Trainee One")
            page.keyboard.press("Enter")
            folder = workspace / "trainee-one"
            wait_for("the trainee's folder", folder.is_dir)
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            seen = settle(page, seen)  # the personal code, shown once
            page.keyboard.press("Enter")
            seen = settle(page, seen)

            page.keyboard.press("n")  # the start screen: a new review
            seen = settle(page, seen)
            page.keyboard.type("AB-2025")
            page.keyboard.press("Enter")
            review = folder / "AB-2025.toml"
            wait_for("the review file", review.exists)
            seen = settle(page, seen)

            page.keyboard.type(answer)

            def saved() -> bool:
                try:
                    data = tomllib.loads(review.read_text(encoding="utf-8"))
                except (OSError, tomllib.TOMLDecodeError):
                    return False
                return bool(data.get("answers", {}).get("agency") == answer)

            wait_for("the answer in the review file", saved)
            assert sorted(p.name for p in workspace.iterdir()) == [".workshop", "trainee-one"]

            seen = settle(page, seen)
            page.keyboard.press("Control+r")
            seen = settle(page, seen)
            page.keyboard.press("e")  # the export asks: 1 is a draft as Markdown
            seen = settle(page, seen)
            with page.expect_download(timeout=20_000) as download:
                page.keyboard.press("1")
            report = Path(download.value.path()).read_text(encoding="utf-8")
            assert download.value.suggested_filename == "AB-2025.md"
            assert report.startswith("# ")
            assert f"| Name of Agency | {answer} |" in report
            assert (folder / "AB-2025.md").read_text(encoding="utf-8") == report
        finally:
            browser.close()
