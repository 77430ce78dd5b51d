"""Serve mode: the interview in web browsers, and the trainer's page, for training workshops.

``imr serve --workspace DIR`` serves the app with textual-serve (the optional
``web`` extra). Every browser session runs its own app process, which first asks
the trainee who they are and then works only in their folder of the workspace,
so trainees never see each other's files.

textual-serve has no authentication of its own; :mod:`imr_tui.web.access` adds
it. Two addresses are printed: the trainees' and the trainer's, each with its
own token (kept in the workspace, :mod:`imr_tui.web.tokens`, so they stay the
same across restarts). The server listens on loopback unless told otherwise
with ``--allow-remote``; HTTPS takes ``--tls-cert`` and ``--tls-key``
(:mod:`imr_tui.web.tls`). Ctrl+C stops every session (each saves first) and
then the server, within two seconds (:mod:`imr_tui.web.stopping`).

The commands sessions run are fixed here, on the server: the browser sends
only keystrokes and its window size, so it cannot point a session at another
folder (see :mod:`imr_tui.web.session`).
"""

from __future__ import annotations

import asyncio
import errno
import functools
import signal
import ssl
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.core.errors import UserError
from imr_tui.web.addresses import (
    access_url,
    announcement,
    check_host,
    is_loopback,
    stopped_message,
)
from imr_tui.web.session import session_command, trainer_command
from imr_tui.web.tls import tls_context
from imr_tui.web.tokens import Tokens, load_tokens

if TYPE_CHECKING:
    from aiohttp import web

    from imr_tui.web.access import Handler

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_SESSIONS = 60
"""Sessions served at once unless told otherwise (each is a process of about 80 MiB):
a room of twenty with a tab or two each, and the trainer; a script opening sessions
in a loop cannot take the server's memory."""
NOT_A_PAGE = "400 Bad Request: this address is the page's own connection; open the page instead.\n"
FULL = (
    "503: imr-tui is serving as many sessions as it allows ({n}). Close a tab you no "
    "longer use, or ask the trainer.\n"
)
NEEDS_EXTRA = "serve mode needs the 'web' extra: pip install 'imr-tui[web]'"
TRAINER_PATH = "/trainer"
__all__ = ["access_url", "announcement", "build_server", "check_host", "is_loopback", "run_server"]


# ---------------------------------------------------------------------- server
def build_server(
    command: str,
    host: str,
    port: int,
    tokens: Tokens,
    *,
    trainer: str = "exit 1",
    tls: ssl.SSLContext | None = None,
    errors_folder: Path | None = None,
    max_sessions: int = MAX_SESSIONS,
) -> Any:
    """A textual-serve server: ``command`` for trainees, ``trainer`` for the trainer's page."""
    try:
        from aiohttp import web
        from aiohttp.web_runner import GracefulExit
        from textual_serve.server import Server, to_int

        from imr_tui.web.access import access_middleware
        from imr_tui.web.page import render_page
        from imr_tui.web.stopping import LiveSessions, Session
    except ImportError as e:
        raise UserError(NEEDS_EXTRA) from e

    live = LiveSessions(errors_folder or Path(".workshop") / "errors")

    class WorkshopServer(Server):
        """textual-serve with tokens, the trainer's page, quiet logs and a prompt stop."""

        def initialize_logging(self) -> None:
            # Plain log lines: no access log (addresses hold the tokens) and no
            # local variables in tracebacks (they can hold what a trainee typed).
            import logging

            logging.basicConfig(level="INFO", format="%(message)s")

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.add_routes(
                [
                    web.get(TRAINER_PATH, self.handle_trainer_index),
                    web.get(TRAINER_PATH + "/ws", self.handle_trainer_websocket),
                    web.static(TRAINER_PATH + "/static", self.statics_path, show_index=False),
                ]
            )
            app.middlewares.append(access_middleware(tokens))
            app.middlewares.append(self._no_listing)
            return app

        @web.middleware
        async def _no_listing(self, request: web.Request, handler: Handler) -> web.StreamResponse:
            # textual-serve shows the page's own files with folder listings on: a folder
            # is answered "not found", only the files the page loads are served.
            path = request.path.removeprefix(TRAINER_PATH)
            if path == "/static" or path.startswith("/static/"):
                inside = path.removeprefix("/static").strip("/")
                if not inside or (Path(self.statics_path) / inside).is_dir():
                    raise web.HTTPNotFound()
            return await handler(request)

        async def on_startup(self, app: web.Application) -> None:
            pass  # announced once listening, by serve()

        async def handle_index(self, request: web.Request) -> web.Response:
            return render_page(
                request, title=self.title, websocket_path="/ws", static_url="/static/"
            )

        async def handle_trainer_index(self, request: web.Request) -> web.Response:
            return render_page(
                request,
                title="imr-tui: trainer",
                websocket_path=TRAINER_PATH + "/ws",
                static_url=TRAINER_PATH + "/static/",
            )

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            return await self.run_session(request, self.command)

        async def handle_trainer_websocket(self, request: web.Request) -> web.WebSocketResponse:
            return await self.run_session(request, trainer)

        async def run_session(self, request: web.Request, command: str) -> web.WebSocketResponse:
            """As textual-serve's websocket handler, with the session kept in ``live``."""
            websocket = web.WebSocketResponse(heartbeat=15)
            if live.stopping:
                raise web.HTTPServiceUnavailable(text="imr-tui is stopping.\n")
            if not websocket.can_prepare(request).ok:
                # the page's own connection, opened as an ordinary page: say so plainly
                raise web.HTTPBadRequest(text=NOT_A_PAGE)
            if len(live.running) >= max_sessions:
                raise web.HTTPServiceUnavailable(text=FULL.format(n=max_sessions))
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            session: Session | None = None
            try:
                await websocket.prepare(request)
                session = Session(
                    command,
                    live=live,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    # the page is told at once; its answer is not waited for
                    close=functools.partial(websocket.close, drain=False),
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                await session.start(width, height)
                await self._process_messages(websocket, session)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:
                import logging

                logging.getLogger("imr-serve").warning("A session failed: %s", type(error).__name__)
            finally:
                if session is not None:
                    await session.stop()
            return websocket

        def begin_stop(self) -> None:
            """Ctrl+C or SIGTERM: save and stop every session, say so, then stop serving."""
            if live.stopping:
                return
            live.stopping = True
            asyncio.get_running_loop().create_task(self.stop_everything())

        async def stop_everything(self) -> None:
            try:
                saved, killed = await live.stop_all()
                print(stopped_message(saved, killed), flush=True)
                await live.close_pages()
            finally:
                asyncio.get_running_loop().call_soon(self.request_exit)

        def request_exit(self) -> None:
            raise GracefulExit()

        def serve(self, debug: bool = False) -> None:
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self.begin_stop)
            urls = [
                access_url(self.host, self.port, token, path=path, tls=tls is not None)
                for token, path in ((tokens.trainee, "/"), (tokens.trainer, TRAINER_PATH))
            ]
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                ssl_context=tls,
                access_log=None,
                handle_signals=False,
                loop=loop,
                shutdown_timeout=0.2,
                print=lambda _message: print(announcement(self.host, *urls), flush=True),
            )

    return WorkshopServer(command, host=host, port=port, title="imr-tui")


def run_server(
    workspace: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_remote: bool = False,
    prompts: Path | None = None,
    training: bool = False,
    cases: Path | None = None,
    example: bool = False,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
    new_tokens: bool = False,
    max_sessions: int = MAX_SESSIONS,
) -> int:
    """Serve the interview for ``workspace`` until interrupted; returns the exit code."""
    tls = tls_context(tls_cert, tls_key)
    warning = check_host(host, allow_remote, tls=tls is not None)
    if not workspace.exists() and workspace.parent.is_dir():
        try:
            workspace.mkdir(mode=0o700)  # a new workshop's folder, private
        except OSError as e:
            raise UserError(f"{workspace}: cannot be made ({e.strerror or e})") from e
    if not workspace.is_dir():
        raise UserError(f"{workspace}: no such folder for the workspace")
    if cases is not None and not cases.is_dir():
        raise UserError(f"{cases}: no such folder for --cases")
    tokens = load_tokens(workspace, renew=new_tokens)
    server = build_server(
        session_command(workspace, prompts, training=training),
        host,
        port,
        tokens,
        trainer=trainer_command(workspace, prompts, cases, example),
        tls=tls,
        errors_folder=workspace.resolve() / ".workshop" / "errors",
        max_sessions=max_sessions,
    )
    if warning:
        print(warning, file=sys.stderr, flush=True)
    try:
        server.serve()
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise UserError(
                f"cannot listen on {host}:{port}: another program is using that port "
                "(choose another with --port)"
            ) from e
        raise UserError(f"cannot listen on {host}:{port}: {e.strerror}") from e
    return 0
