"""Serve mode's limits and plain refusals, with the real server: the page's connection
opened as a page, more sessions than allowed, a port in use, a certificate that is a
folder, and a new workshop folder made on start."""

from __future__ import annotations

import asyncio
import json
import socket
import stat
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from serve_helpers import TOKENS, claim_one, open_session, real_server, until_async
from tui_helpers import catalogue

from imr_tui.cli.main import main as cli
from imr_tui.core.store import create
from imr_tui.web import serve


async def test_the_pages_connection_opened_as_a_page_is_a_plain_refusal(tmp_path: Path) -> None:
    with real_server(tmp_path, "exit 1", trainer="exit 1") as served:
        async with aiohttp.ClientSession() as client:
            for path, token in (("/ws", TOKENS.trainee), ("/trainer/ws", TOKENS.trainer)):
                answer = await client.get(f"{served.base}{path}?token={token}")
                assert answer.status == 400
                assert "open the page instead" in await answer.text()
    assert "Traceback" not in served.output() and "failed" not in served.output()


async def test_no_more_sessions_than_allowed(tmp_path: Path) -> None:
    reviews = [tmp_path / f"review-{i}.toml" for i in range(3)]
    for review in reviews:
        create(review, catalogue())
    (tmp_path / "claims").mkdir()
    command = claim_one(reviews, tmp_path / "claims")
    with real_server(tmp_path, command, max_sessions=2) as served:
        async with aiohttp.ClientSession() as client:
            first = await open_session(client, served.base)
            await open_session(client, served.base)
            url = f"{served.base.replace('http', 'ws', 1)}/ws?token={TOKENS.trainee}"
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(url)
            assert refused.value.status == 503
            # One tab closed: there is room again.
            await first.ws.send_str(json.dumps(["stdin", "\x11"]))  # Ctrl+Q: save and quit
            await until_async(lambda: first.ws.closed, timeout=15.0)

            # (the server counts it gone once its process has ended)
            third = await until_connected(client, url)
            await third.close()


async def until_connected(
    client: aiohttp.ClientSession, url: str, timeout: float = 15.0
) -> aiohttp.ClientWebSocketResponse:
    """A websocket to ``url`` as soon as the server takes one (refused until then)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            return await client.ws_connect(url)
        except aiohttp.WSServerHandshakeError:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.1)


def test_a_port_in_use_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli(["serve", "--workspace", str(tmp_path), "--port", str(port)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1] == (
        f"imr: cannot listen on 127.0.0.1:{port}: another program is using that port "
        "(choose another with --port)"
    )


def test_a_certificate_that_is_a_folder_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "key.pem"
    key.write_text("x", encoding="utf-8")
    code = cli(
        ["serve", "--workspace", str(tmp_path), "--tls-cert", str(tmp_path), "--tls-key", str(key)]
    )
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        f"imr: {tmp_path}: is a folder, not a file, for --tls-cert"
    )


def test_a_new_workshop_folder_is_made_private_on_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[tuple[str, dict[str, Any]]] = []

    class Server:
        def serve(self) -> None:
            pass

    def fake_build(command: str, *args: Any, **kw: Any) -> Server:
        served.append((command, kw))
        return Server()

    monkeypatch.setattr(serve, "build_server", fake_build)
    workshop = tmp_path / "workshop"
    assert cli(["serve", "--workspace", str(workshop), "--max-sessions", "25"]) == 0
    assert workshop.is_dir() and stat.S_IMODE(workshop.stat().st_mode) == 0o700
    assert served[0][1]["max_sessions"] == 25
    # A folder whose parent is missing too is not made: a typing mistake, said plainly.
    assert cli(["serve", "--workspace", str(tmp_path / "no" / "such")]) == 2
    assert not (tmp_path / "no").exists()
    assert cli(["serve", "--workspace", str(workshop), "--max-sessions", "0"]) == 2
