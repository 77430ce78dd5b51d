"""Who may open what in serve mode: the trainees' token, the trainer's token, their cookies.

- ``/`` and ``/ws`` (the interview) and ``/static/...`` (its page's files) take the
  trainees' token, in the address or in the ``imr_serve_token`` cookie.
- ``/trainer``, ``/trainer/ws`` and ``/trainer/static/...`` take the trainer's
  token only, in the address or in the ``imr_trainer_token`` cookie, which is
  sent to ``/trainer`` and ``/download`` only. A trainee's token never opens them.
- ``/download/{key}`` (a file a session hands to its browser) takes either.

Anything else is refused (403). A request another site's page makes (an
``Origin`` that is not the address it was sent to) is refused too. Over HTTPS
(or behind a reverse proxy that says the browser used HTTPS) the cookies are
``Secure``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

from imr_tui.web.tokens import TRAINEE_COOKIE, TRAINER_COOKIE, Tokens, token_ok

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

TRAINER_PATH = "/trainer"
DOWNLOAD_PATH = "/download"
FORBIDDEN = (
    "403 Forbidden: open imr-tui with the full address that 'imr serve' printed, token included.\n"
)


def is_trainer_path(path: str) -> bool:
    """Whether ``path`` is one of the trainer's pages (or their files)."""
    return path == TRAINER_PATH or path.startswith(TRAINER_PATH + "/")


def allowed(path: str, query: dict[str, str], cookies: dict[str, str], tokens: Tokens) -> bool:
    """Whether a request for ``path`` carries a token that opens it."""
    trainer = token_ok(tokens.trainer, query, cookies, TRAINER_COOKIE)
    if is_trainer_path(path):
        return trainer
    trainee = token_ok(tokens.trainee, query, cookies, TRAINEE_COOKIE)
    if path.startswith(DOWNLOAD_PATH + "/"):
        return trainee or trainer
    return trainee


def same_origin(origin: str | None, host: str) -> bool:
    """Whether a request's ``Origin`` header (if any) names the host it was sent to."""
    return origin is None or urlsplit(origin).netloc.lower() == host.lower()


def is_https(request: web.Request) -> bool:
    """Whether the browser reached the server over HTTPS (directly or through a proxy)."""
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.secure or forwarded == "https"


def set_cookies(request: web.Request, response: web.StreamResponse, tokens: Tokens) -> None:
    """Give a page's later requests (its websocket, files, downloads) the token as a cookie."""
    secure = is_https(request)
    if request.path == "/":
        add_cookie(response, TRAINEE_COOKIE, tokens.trainee, "/", secure=secure)
    elif request.path == TRAINER_PATH:
        # Sent back only to the trainer's pages and to downloads (one cookie per path).
        for path in (TRAINER_PATH, DOWNLOAD_PATH):
            add_cookie(response, TRAINER_COOKIE, tokens.trainer, path, secure=secure)


def add_cookie(
    response: web.StreamResponse, name: str, value: str, path: str, *, secure: bool
) -> None:
    """Add one ``Set-Cookie`` header (aiohttp keeps one cookie per name: two paths need two)."""
    jar: SimpleCookie = SimpleCookie()
    jar[name] = value
    morsel = jar[name]
    morsel["path"] = path
    morsel["httponly"] = True
    morsel["samesite"] = "Strict"
    if secure:
        morsel["secure"] = True
    response.headers.add("Set-Cookie", morsel.OutputString())


def access_middleware(tokens: Tokens) -> Middleware:
    """The middleware that refuses requests without the right token."""

    @web.middleware
    async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        query = dict(request.query)
        cookies = dict(request.cookies)
        if not allowed(request.path, query, cookies, tokens):
            return web.Response(status=403, text=FORBIDDEN)
        if not same_origin(request.headers.get("Origin"), request.host):
            return web.Response(status=403, text=FORBIDDEN)
        response = await handler(request)
        if request.path in ("/", TRAINER_PATH) and isinstance(response, web.Response):
            set_cookies(request, response, tokens)
        return response

    return require_token
