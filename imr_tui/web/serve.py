"""Serve mode: the interview in web browsers, for training workshops.

``imr serve --workspace DIR`` serves the app with textual-serve (the optional
``web`` extra). Every browser session runs its own app process, which first asks
the trainee's name and then works only in that sub-folder of the workspace, so
trainees never see each other's files.

textual-serve has no authentication of its own; this module adds it. A random
token is printed in the address, and every request must carry it: in the
address (``?token=...``) or in the cookie that the first authorised page load
sets (the page's websocket and downloads carry the cookie). Anything else gets
403. The server listens on loopback unless told otherwise with ``--allow-remote``,
and then warns that serve mode is for fictional cases only.

The command each session runs is fixed here, on the server: the browser sends
only keystrokes and its window size, so it cannot point a session at another
folder. It is ``python -m imr_tui.web.session WORKSPACE [--prompts PATH] [--training]``,
an internal entry point (see :mod:`imr_tui.web.session`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import secrets
import sys
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from imr_tui.core.errors import UserError
from imr_tui.web.session import session_command

if TYPE_CHECKING:
    from aiohttp import web

    Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TOKEN_PARAM = "token"
TOKEN_COOKIE = "imr_serve_token"
FORBIDDEN = (
    "403 Forbidden: open imr-tui with the full address that 'imr serve' printed, token included.\n"
)
REMOTE_WARNING = (
    "Warning: serve mode is listening on {host}, which other machines may reach. "
    "It is for training with fictional cases only: never type real people's details. "
    "Anyone with the address and its token can use it, and the connection is not "
    "encrypted."
)
EXTERNAL_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>\s*")
NEEDS_EXTRA = "serve mode needs the 'web' extra: pip install 'imr-tui[web]'"


# ---------------------------------------------------------------------- checks
def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (``localhost``, ``127.x.x.x``, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve anywhere


def check_host(host: str, allow_remote: bool) -> str | None:
    """Refuse a non-loopback ``host`` unless allowed; return the warning to print, if any."""
    if is_loopback(host):
        return None
    if not allow_remote:
        raise UserError(
            f"{host} is not a loopback address: serve mode listens on this machine only "
            "unless you pass --allow-remote (for a training room, with fictional cases)"
        )
    return REMOTE_WARNING.format(host=host)


def new_token() -> str:
    """A fresh random access token."""
    return secrets.token_urlsafe(24)


def token_ok(token: str, query: Mapping[str, str], cookies: Mapping[str, str]) -> bool:
    """Whether a request carries ``token``, in its address or its cookie."""
    return any(
        secrets.compare_digest(token.encode(), given.encode())
        for given in (query.get(TOKEN_PARAM), cookies.get(TOKEN_COOKIE))
        if given
    )


def same_origin(origin: str | None, host: str) -> bool:
    """Whether a request's ``Origin`` header (if any) names the host it was sent to."""
    return origin is None or urlsplit(origin).netloc.lower() == host.lower()


def access_url(host: str, port: int, token: str) -> str:
    """The address to open in a browser, token included."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/?{TOKEN_PARAM}={token}"


def announcement(host: str, url: str) -> str:
    """What ``imr serve`` prints once it is listening."""
    lines = [f"imr-tui is being served at {url}"]
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(host.strip("[]")).is_unspecified:
            lines.append(f"(from other machines, put this machine's address in place of {host})")
    lines.append("Give trainees this address (token included). Press Ctrl+C to stop.")
    return "\n".join(lines)


# ---------------------------------------------------------------------- server
def build_server(command: str, host: str, port: int, token: str) -> Any:
    """A textual-serve server for ``command`` that refuses requests without ``token``."""
    try:
        import aiohttp_jinja2
        from aiohttp import web
        from textual_serve.server import Server, to_int
    except ImportError as e:
        raise UserError(NEEDS_EXTRA) from e

    @web.middleware
    async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not token_ok(token, request.query, request.cookies):
            return web.Response(status=403, text=FORBIDDEN)
        if not same_origin(request.headers.get("Origin"), request.host):
            return web.Response(status=403, text=FORBIDDEN)
        response = await handler(request)
        if request.path == "/" and isinstance(response, web.Response):
            # The page's websocket and downloads then carry the token as a cookie
            # (the page builds their addresses itself, without the token).
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict", path="/")
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-store"
        return response

    class TokenServer(Server):
        """textual-serve with the token check, quiet logs and addresses taken from the request."""

        def initialize_logging(self) -> None:
            # Plain log lines: no access log (addresses hold the token) and no
            # local variables in tracebacks (they can hold what a trainee typed).
            import logging

            logging.basicConfig(level="INFO", format="%(message)s")

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(require_token)
            app.middlewares.append(self._no_listing)
            return app

        @web.middleware
        async def _no_listing(self, request: web.Request, handler: Handler) -> web.StreamResponse:
            # textual-serve shows the page's own files with folder listings on: a folder
            # is answered "not found", only the files the page loads are served.
            path = request.path
            if path == "/static" or path.startswith("/static/"):
                inside = path.removeprefix("/static").strip("/")
                if not inside or (Path(self.statics_path) / inside).is_dir():
                    raise web.HTTPNotFound()
            return await handler(request)

        async def on_startup(self, app: web.Application) -> None:
            pass  # announced once listening, by serve()

        async def handle_index(self, request: web.Request) -> web.Response:
            # As textual-serve's, but the websocket address is built from the address
            # the browser used, so that it works (and gets the cookie) however it is reached.
            scheme = "wss" if request.secure else "ws"
            context = {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": f"{scheme}://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": self.title},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            # No font from the internet: the terminal uses the browser's monospace font.
            response.text = EXTERNAL_FONT.sub("", response.text or "")
            return response

        def serve(self, debug: bool = False) -> None:
            self.debug = debug
            self.initialize_logging()
            url = access_url(self.host, self.port, token)
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                access_log=None,
                print=lambda _message: print(announcement(self.host, url), flush=True),
            )

    return TokenServer(command, host=host, port=port, title="imr-tui")


def run_server(
    workspace: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_remote: bool = False,
    prompts: Path | None = None,
    training: bool = False,
) -> int:
    """Serve the interview for ``workspace`` until interrupted; returns the exit code."""
    warning = check_host(host, allow_remote)
    if not workspace.is_dir():
        raise UserError(f"{workspace}: no such folder for the workspace")
    server = build_server(
        session_command(workspace, prompts, training=training), host, port, new_token()
    )
    if warning:
        print(warning, file=sys.stderr, flush=True)
    try:
        server.serve()
    except OSError as e:
        raise UserError(f"cannot listen on {host}:{port}: {e.strerror}") from e
    return 0
