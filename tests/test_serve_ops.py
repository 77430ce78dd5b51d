"""Serve mode's operations, with the real server and real requests: Ctrl+C saves every
session and stops within 2 s, the addresses survive a restart, HTTPS, the warning for
plain HTTP, the page asks before it is closed, and sessions' errors are kept private."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import ssl
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest
from playwright.sync_api import sync_playwright
from serve_helpers import (
    TOKENS,
    block_its_session,
    claim_one,
    open_session,
    real_server,
    session_pids,
    until_async,
)
from test_serve import CHROMIUM_FLAGS, chromium, free_port, wait_for
from tui_helpers import catalogue

from imr_tui.core.store import create

WORDS = ["Northshire Trust", "Eastvale Council", "Westbrook Police"]


def agency(review: Path) -> str:
    data = tomllib.loads(review.read_text(encoding="utf-8"))
    return str(data.get("answers", {}).get("agency", ""))


async def test_ctrl_c_saves_every_live_session_and_stops_within_two_seconds(
    tmp_path: Path,
) -> None:
    reviews = [tmp_path / f"review-{i}.toml" for i in range(3)]
    for review in reviews:
        create(review, catalogue())
    claims = tmp_path / "claims"
    claims.mkdir()
    with real_server(tmp_path, claim_one(reviews, claims)) as served:
        async with aiohttp.ClientSession() as client:
            browsers = [await open_session(client, served.base) for _ in reviews]
            for browser, words in zip(browsers, WORDS, strict=True):
                await browser.send(words)
            for browser in browsers:  # the words are on screen (not yet saved: 0.8 s)
                await browser.settle(quiet=0.05)
            started = time.monotonic()
            served.proc.send_signal(signal.SIGINT)
            await asyncio.to_thread(served.proc.wait, 15)
            took = time.monotonic() - started
            for browser in browsers:  # each page is told its session ended
                await asyncio.wait_for(browser.closed.wait(), 5)
    output = served.output()
    assert "Stopped: 3 sessions saved and closed." in output, output
    assert took < 2.0, f"{took:.1f} s"
    assert served.proc.returncode == 0
    assert sorted(agency(r) for r in reviews) == sorted(WORDS)


async def test_ctrl_c_saves_a_session_whose_page_reads_nothing_and_stops_within_two_seconds(
    tmp_path: Path,
) -> None:
    reviews = [tmp_path / f"review-{i}.toml" for i in range(3)]
    for review in reviews:
        create(review, catalogue())
    claims = tmp_path / "claims"
    claims.mkdir()
    with real_server(tmp_path, claim_one(reviews, claims)) as served:
        async with aiohttp.ClientSession() as client:
            browsers = [await open_session(client, served.base) for _ in reviews]
            # a frozen laptop: its page reads nothing more, its session cannot write
            await block_its_session(browsers[0], served.proc.pid)
            for browser, words in zip(browsers, WORDS, strict=True):
                await browser.send(words)  # the frozen one's keys wait in its session's input
            for browser in browsers[1:]:  # the words are on screen
                await browser.settle(quiet=0.05)
            started = time.monotonic()
            served.proc.send_signal(signal.SIGINT)
            await asyncio.to_thread(served.proc.wait, 15)
            took = time.monotonic() - started
            for browser in browsers[1:]:  # the pages that read are told their session ended
                await asyncio.wait_for(browser.closed.wait(), 5)
    output = served.output()
    assert "Stopped: 3 sessions saved and closed." in output, output
    assert "did not stop" not in output and "Traceback" not in output, output
    assert took < 2.0, f"{took:.1f} s"
    assert served.proc.returncode == 0
    assert sorted(agency(r) for r in reviews) == sorted(WORDS)
    assert not list(tmp_path.glob("*.lock")) and not list(tmp_path.glob(".*.lock"))


async def test_sessions_whose_server_was_killed_save_release_their_locks_and_end(
    tmp_path: Path,
) -> None:
    reviews = [tmp_path / f"review-{i}.toml" for i in range(2)]
    for review in reviews:
        create(review, catalogue())
    claims = tmp_path / "claims"
    claims.mkdir()
    with real_server(tmp_path, claim_one(reviews, claims)) as served:
        async with aiohttp.ClientSession() as client:
            browsers = [await open_session(client, served.base) for _ in reviews]
            for browser, words in zip(browsers, WORDS[:2], strict=True):
                await browser.send(words)
            for browser in browsers:
                await browser.settle(quiet=0.05)
            sessions = session_pids(served.proc.pid)
            assert len(sessions) == 2
            served.proc.kill()  # the server crashes (or is killed): no Ctrl+C, no goodbye
            served.proc.wait(5)

            def ended() -> bool:
                return not any(Path(f"/proc/{pid}").exists() for pid in sessions)

            # Each session sees its input end: it saves, releases its lock and exits,
            # instead of holding the trainee's review open for ever.
            try:
                await until_async(ended, timeout=15.0)
            finally:
                for pid in sessions:  # never leave one behind, even when this fails
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
    assert sorted(agency(r) for r in reviews) == sorted(WORDS[:2])
    assert not list(tmp_path.glob(".*.lock"))


async def test_a_page_that_reads_nothing_never_holds_up_other_sessions(tmp_path: Path) -> None:
    reviews = [tmp_path / f"review-{i}.toml" for i in range(2)]
    for review in reviews:
        create(review, catalogue())
    claims = tmp_path / "claims"
    claims.mkdir()
    with real_server(tmp_path, claim_one(reviews, claims)) as served:
        async with aiohttp.ClientSession() as client:
            frozen, other = [await open_session(client, served.base) for _ in reviews]
            await block_its_session(frozen, served.proc.pid)
            echoes = []
            for letter in "Southgate":
                started = time.monotonic()
                await other.send(letter)
                await other.settle(quiet=0.0, timeout=10)
                echoes.append(time.monotonic() - started)
            await frozen.ws.send_str('["stdin", "x"]')  # its keys still arrive: no error
            await other.send(" Road")
            await other.settle(quiet=0.05)
    assert max(echoes) < 1.0, [f"{e:.2f}" for e in echoes]
    assert "Southgate Road" in {agency(r) for r in reviews}


async def test_a_page_that_reads_nothing_then_goes_its_session_saves_and_ends(
    tmp_path: Path,
) -> None:
    review = tmp_path / "review.toml"
    create(review, catalogue())
    (tmp_path / "claims").mkdir()
    with real_server(tmp_path, claim_one([review], tmp_path / "claims")) as served:
        async with aiohttp.ClientSession() as client:
            frozen = await open_session(client, served.base)
            await block_its_session(frozen, served.proc.pid)
            await frozen.send("Gone Lane")  # waits unread: the session cannot write
            frozen.drop_connection()  # the laptop's connection drops at last
            await until_async(lambda: not session_pids(served.proc.pid), timeout=10)
        assert agency(review) == "Gone Lane"
        assert not list(tmp_path.glob(".*.lock"))
        assert served.proc.poll() is None  # the server serves on


def run_imr(workspace: Path, *extra: str) -> tuple[subprocess.Popen[bytes], Path]:
    log = workspace.parent / f"imr-serve-{time.monotonic_ns()}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "imr_tui", "serve", "--workspace", str(workspace), *extra],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return proc, log


@contextmanager
def imr_serve(workspace: Path, *extra: str) -> Iterator[tuple[list[str], Path]]:
    """``imr serve`` on a free port until the block ends (then Ctrl+C): (addresses, log)."""
    proc, log = run_imr(workspace, "--port", str(free_port()), *extra)
    try:
        wait_for("the addresses", lambda: "/trainer?" in log.read_text() or proc.poll() is not None)
        text = log.read_text()
        assert proc.poll() is None, text
        yield [w for w in text.split() if w.startswith(("http://", "https://"))], log
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_the_addresses_survive_a_restart_until_new_tokens_are_asked_for(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    with imr_serve(workspace) as (first, log):
        trainee, trainer = first
        assert "/?token=" in trainee and "/trainer?token=" in trainer
        assert trainee.split("=")[1] != trainer.split("=")[1]
        assert "For you only" in log.read_text()
    assert "Stopped: 0 sessions saved and closed." in log.read_text()
    kept = workspace / ".workshop" / "tokens.toml"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    tokens = tomllib.loads(kept.read_text(encoding="utf-8"))
    assert trainee.endswith(tokens["trainee"]) and trainer.endswith(tokens["trainer"])
    with imr_serve(workspace) as (again, _):
        assert [a.split("?")[1] for a in again] == [a.split("?")[1] for a in first]
    with imr_serve(workspace, "--new-tokens") as (renewed, _):
        assert not {a.split("?")[1] for a in renewed} & {a.split("?")[1] for a in first}


def test_a_broken_tokens_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".workshop").mkdir()
    (tmp_path / ".workshop" / "tokens.toml").write_text("trainee = [", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "imr_tui", "serve", "--workspace", str(tmp_path), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "tokens.toml" in done.stderr and "--new-tokens" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def test_https_with_the_trainers_certificate(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    cert, key = self_signed(tmp_path)
    trusting = ssl.create_default_context(cafile=str(cert))
    with imr_serve(workspace, "--tls-cert", str(cert), "--tls-key", str(key)) as (urls, _):
        trainee, trainer = urls
        assert trainee.startswith("https://127.0.0.1:") and trainer.startswith("https://")
        for url, cookie_paths in ((trainee, ["/"]), (trainer, ["/trainer", "/download"])):
            with urllib.request.urlopen(url, context=trusting, timeout=10) as page:
                html = page.read().decode()
                cookies = page.headers.get_all("Set-Cookie")
            assert 'data-session-websocket-url="wss://' in html
            assert sorted(c.split("Path=")[1].split(";")[0] for c in cookies) == sorted(
                cookie_paths
            )
            assert all("Secure" in c and "HttpOnly" in c for c in cookies), cookies
        plain = trainee.replace("https://", "http://")
        with pytest.raises(OSError):  # plain HTTP is not answered
            urllib.request.urlopen(plain, timeout=10)


@pytest.mark.parametrize("problem", ["missing key", "not a certificate", "key without cert"])
def test_a_bad_certificate_or_key_is_one_line(tmp_path: Path, problem: str) -> None:
    cert, key = self_signed(tmp_path)
    if problem == "missing key":
        args = ["--tls-cert", str(cert), "--tls-key", str(tmp_path / "nokey.pem")]
    elif problem == "not a certificate":
        junk = tmp_path / "junk.pem"
        junk.write_text("[bold]not a certificate", encoding="utf-8")
        args = ["--tls-cert", str(junk), "--tls-key", str(key)]
    else:
        args = ["--tls-key", str(key)]
    done = subprocess.run(
        [sys.executable, "-m", "imr_tui", "serve", "--workspace", str(tmp_path), "--port", "1",
         *args],
        capture_output=True,
        text=True,
        timeout=30,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "--tls" in done.stderr or "certificate" in done.stderr


def test_plain_http_for_other_machines_is_warned_about(tmp_path: Path) -> None:
    with imr_serve(tmp_path, "--host", "0.0.0.0", "--allow-remote") as (urls, log):
        text = log.read_text()
    assert "not encrypted" in text and "--tls-cert" in text and "reverse proxy" in text
    assert urls[0].startswith("http://0.0.0.0:")


def test_closing_the_tab_asks_first(tmp_path: Path) -> None:
    review = tmp_path / "review.toml"
    create(review, catalogue())
    (tmp_path / "claims").mkdir()
    with (
        real_server(tmp_path, claim_one([review], tmp_path / "claims")) as served,
        sync_playwright() as p,
        tempfile.TemporaryDirectory() as profile,
    ):
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=chromium(), args=CHROMIUM_FLAGS, headless=True
        )
        try:
            page = browser.pages[0] if browser.pages else browser.new_page()
            page.goto(f"{served.base}/?token={TOKENS.trainee}")
            page.wait_for_function("document.body.className.includes('-first-byte')")
            page.focus("textarea.xterm-helper-textarea")
            page.keyboard.type("x")  # a page the user has touched
            with page.expect_event("dialog", timeout=10_000) as asked:
                page.close(run_before_unload=True)
            assert asked.value.type == "beforeunload"
            asked.value.dismiss()  # "Stay on page"
            assert page.evaluate("document.body.className").count("-first-byte") == 1
            assert not page.is_closed()
        finally:
            browser.close()


async def test_a_sessions_errors_never_reach_the_servers_log(tmp_path: Path) -> None:
    env_file = tmp_path / "env.txt"
    command = f'env > "{env_file}"; echo "Traceback: the answer was Zanzibar Lane" >&2; exit 1'
    os.environ["IMR_TEST_SERVER_ONLY"] = "server secret"
    try:
        with real_server(tmp_path, command) as served:
            async with aiohttp.ClientSession() as client:
                ws = await client.ws_connect(
                    f"{served.base.replace('http', 'ws')}/ws?token={TOKENS.trainee}"
                )
                await ws.receive(timeout=10)  # closed when the session ends
                errors = tmp_path / "errors"
                await until_async(lambda: errors.is_dir() and any(errors.iterdir()))
                await until_async(lambda: "kept in" in served.output())
    finally:
        del os.environ["IMR_TEST_SERVER_ONLY"]
    output = served.output()
    assert "Zanzibar" not in output
    kept = next((tmp_path / "errors").iterdir())
    assert "Zanzibar Lane" in kept.read_text(encoding="utf-8")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    environment = env_file.read_text(encoding="utf-8")
    assert "IMR_TEST_SERVER_ONLY" not in environment  # the server's own environment stays
    assert "TEXTUAL_DRIVER=" in environment and "PATH=" in environment


def test_behind_a_reverse_proxy_with_https_the_page_uses_wss_and_secure_cookies(
    tmp_path: Path,
) -> None:
    with imr_serve(tmp_path) as (urls, _):
        for url in urls:
            proxied = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(proxied, timeout=10) as page:
                html = page.read().decode()
                cookies = page.headers.get_all("Set-Cookie")
            assert 'data-session-websocket-url="wss://' in html
            assert cookies and all("Secure" in c for c in cookies)
            with urllib.request.urlopen(url, timeout=10) as direct:  # not through the proxy
                assert 'data-session-websocket-url="ws://' in direct.read().decode()
                assert not any("Secure" in c for c in direct.headers.get_all("Set-Cookie"))


def test_the_stop_line_says_truthfully_what_happened() -> None:
    from imr_tui.web.addresses import stopped_message

    assert stopped_message(1, 0) == "Stopped: 1 session saved and closed."
    said = stopped_message(2, 1)
    assert said.startswith("Stopped: 2 sessions saved and closed. 1 did not finish saving")
    assert "recovery journal" in said and "saved when told" not in said
