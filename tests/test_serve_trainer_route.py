"""The trainer's address: its own token and cookie, its own command; a trainee's token,
address or cookie never opens the trainer's page or websocket (real server, real requests)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from serve_helpers import TOKENS, real_server, until_async

from imr_tui.cli.main import main
from imr_tui.web.session import trainer_command

MARK = 'echo {who} > "{folder}/{who}.txt"; exec sleep 30'


def commands(folder: Path) -> tuple[str, str]:
    """Session commands that leave a mark saying which one ran, then stay."""
    return MARK.format(who="trainee", folder=folder), MARK.format(who="trainer", folder=folder)


def ws_base(base: str) -> str:
    return base.replace("http://", "ws://", 1)


async def test_a_trainees_token_never_opens_the_trainers_page(tmp_path: Path) -> None:
    trainee, trainer = commands(tmp_path)
    with real_server(tmp_path, trainee, trainer) as served:
        base = served.base
        jar = aiohttp.CookieJar(unsafe=True)  # cookies for an IP address, as a browser keeps them
        async with aiohttp.ClientSession(cookie_jar=jar) as client:
            # The trainee's page sets the trainee's cookie (sent to every path).
            async with client.get(f"{base}/?token={TOKENS.trainee}") as page:
                assert page.status == 200
            for path in (
                "/trainer",
                f"/trainer?token={TOKENS.trainee}",
                "/trainer/",
                "/trainer/static/js/textual.js",
                f"/trainer/static/js/textual.js?token={TOKENS.trainee}",
                "/trainer/ws",
            ):
                async with client.get(base + path) as refused:
                    assert refused.status == 403, path
            for query in ("", f"?token={TOKENS.trainee}"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as handshake:
                    await client.ws_connect(f"{ws_base(base)}/trainer/ws{query}")
                assert handshake.value.status == 403
            # The trainer's token does not open the trainees' page either.
            async with (
                aiohttp.ClientSession() as other,
                other.get(f"{base}/?token={TOKENS.trainer}") as refused,
            ):
                assert refused.status == 403
            # The trainee's own websocket runs the trainee's command.
            ws = await client.ws_connect(f"{ws_base(base)}/ws")
            await until_async(lambda: (tmp_path / "trainee.txt").exists())
            await ws.close()
    assert not (tmp_path / "trainer.txt").exists()


async def test_the_trainers_address_opens_the_trainers_command_with_its_cookie(
    tmp_path: Path,
) -> None:
    trainee, trainer = commands(tmp_path)
    with real_server(tmp_path, trainee, trainer) as served:
        base = served.base
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as client:
            async with client.get(f"{base}/trainer?token={TOKENS.trainer}") as page:
                assert page.status == 200
                html = await page.text()
                cookies = page.headers.getall("Set-Cookie")
            assert f'data-session-websocket-url="{ws_base(base)}/trainer/ws"' in html
            assert 'href="/trainer/static/css/xterm.css"' in html
            assert sorted(c.split("Path=")[1].split(";")[0] for c in cookies) == [
                "/download",
                "/trainer",
            ]
            assert all("HttpOnly" in c and "SameSite=Strict" in c for c in cookies)
            assert page.headers["Cache-Control"] == "no-store"
            # The cookie (no token in the address) opens the page's files and websocket...
            async with client.get(f"{base}/trainer/static/js/textual.js") as script:
                assert script.status == 200
            async with client.get(f"{base}/trainer/static/js/") as listing:
                assert listing.status == 404
            async with client.get(f"{base}/download/unknown") as download:
                assert download.status == 404  # past the token check: no such download
            ws = await client.ws_connect(f"{ws_base(base)}/trainer/ws")
            await until_async(lambda: (tmp_path / "trainer.txt").exists())
            await ws.close()
            # ...but not the trainees' pages: the cookie is the trainer's, sent to its paths only.
            async with client.get(f"{base}/") as refused:
                assert refused.status == 403
        async with (
            aiohttp.ClientSession() as stranger,
            stranger.get(f"{base}/download/unknown") as refused,
        ):
            assert refused.status == 403
    assert not (tmp_path / "trainee.txt").exists()


def test_the_trainers_command_is_fixed_by_the_server(tmp_path: Path) -> None:
    folder = tmp_path / "work shop; rm -rf x"
    cases = tmp_path / "cases $(x)"
    command = trainer_command(folder, None, cases, example=True)
    assert command.startswith("exec ")
    assert shlex.split(command.removeprefix("exec ")) == [
        sys.executable,
        "-m",
        "imr_tui.web.trainer_session",
        str(folder.resolve()),
        "--cases",
        str(cases.resolve()),
        "--example",
    ]
    assert shlex.split(trainer_command(folder).removeprefix("exec "))[3:] == [str(folder.resolve())]


def test_serve_passes_cases_and_example_to_the_trainers_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: dict[str, Any] = {}

    class NotServing:
        def serve(self) -> None:
            built["served"] = True

    def build(command: str, host: str, port: int, tokens: Any, **kw: Any) -> NotServing:
        built.update(kw, command=command)
        return NotServing()

    monkeypatch.setattr("imr_tui.web.serve.build_server", build)
    cases = tmp_path / "cases"
    cases.mkdir()
    workspace = tmp_path / "ws"
    workspace.mkdir()
    code = main(["serve", "--workspace", str(workspace), "--cases", str(cases), "--example"])
    assert code == 0 and built["served"]
    argv = shlex.split(built["trainer"].removeprefix("exec "))
    assert argv[2:] == [
        "imr_tui.web.trainer_session",
        str(workspace.resolve()),
        "--cases",
        str(cases.resolve()),
        "--example",
    ]
    assert "imr_tui.web.session" in built["command"]


def test_a_missing_cases_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", "--workspace", str(tmp_path), "--cases", str(tmp_path / "no")])
    assert code == 2
    err = capsys.readouterr().err
    assert "--cases" in err and len(err.strip().splitlines()) == 1
