"""The page a browser loads in serve mode: textual-serve's, made safe for a workshop.

- No font from the internet: the terminal uses the browser's monospace font.
- Closing the tab (Ctrl+W, which the browser takes before the page sees it) or
  leaving the page first asks "Leave site?", while the session is running.
- Not kept in the browser's cache, no referrer sent on, never shown in a frame.
- The token leaves the address bar once the page has loaded (its cookie carries it
  from then on), so a page shown on a projector or a shoulder-surfed screen does
  not give it away.
"""

from __future__ import annotations

import re

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import to_int

from imr_tui.web.access import is_https

EXTERNAL_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>\s*")
LEAVE_GUARD = """<script>
      (() => {
        const address = new URL(window.location.href);
        if (address.searchParams.has("token")) {
          address.searchParams.delete("token");
          window.history.replaceState(null, "", address.pathname + address.search + address.hash);
        }
      })();
      window.addEventListener("beforeunload", (event) => {
        if (document.body.classList.contains("-closed")) return; // the session has ended
        event.preventDefault();
        event.returnValue = "";
      });
    </script>
  </head>"""


def render_page(
    request: web.Request, *, title: str, websocket_path: str, static_url: str
) -> web.Response:
    """The page for one session, its websocket at ``websocket_path`` of the address used."""
    scheme = "wss" if is_https(request) else "ws"
    context = {
        "font_size": to_int(request.query.get("fontsize", "16"), 16),
        "app_websocket_url": f"{scheme}://{request.host}{websocket_path}",
        "config": {"static": {"url": static_url}},
        "application": {"name": title},
    }
    response = aiohttp_jinja2.render_template("app_index.html", request, context)
    text = EXTERNAL_FONT.sub("", response.text or "")
    response.text = text.replace("</head>", LEAVE_GUARD, 1)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
