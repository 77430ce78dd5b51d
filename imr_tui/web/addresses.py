"""What ``imr serve`` checks and says: the listening address, the two addresses, stopping."""

from __future__ import annotations

import contextlib
import ipaddress

from imr_tui.core.errors import UserError
from imr_tui.web.tokens import TOKEN_PARAM

REMOTE_WARNING = (
    "Warning: serve mode is listening on {host}, which other machines may reach. "
    "It is for training with fictional cases only: never type real people's details. "
    "Anyone with an address and its token can use it."
)
PLAIN_HTTP_WARNING = (
    "Warning: the connection is not encrypted (plain HTTP): anyone on the network can read "
    "what trainees type and the addresses' tokens. Serve HTTPS with --tls-cert FILE "
    "--tls-key FILE, or put a reverse proxy with HTTPS in front (README: Running a workshop)."
)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (``localhost``, ``127.x.x.x``, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve anywhere


def check_host(host: str, allow_remote: bool, *, tls: bool = False) -> str | None:
    """Refuse a non-loopback ``host`` unless allowed; return the warning to print, if any."""
    if is_loopback(host):
        return None
    if not allow_remote:
        raise UserError(
            f"{host} is not a loopback address: serve mode listens on this machine only "
            "unless you pass --allow-remote (for a training room, with fictional cases)"
        )
    warning = REMOTE_WARNING.format(host=host)
    return warning if tls else warning + "\n" + PLAIN_HTTP_WARNING


def access_url(host: str, port: int, token: str, *, path: str = "/", tls: bool = False) -> str:
    """The address to open in a browser, token included."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    scheme = "https" if tls else "http"
    return f"{scheme}://{shown}:{port}{path}?{TOKEN_PARAM}={token}"


def announcement(host: str, trainee_url: str, trainer_url: str) -> str:
    """What ``imr serve`` prints once it is listening."""
    lines = [
        "imr-tui is being served.",
        f"  For trainees:             {trainee_url}",
        f"  For you only (trainer):   {trainer_url}",
    ]
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(host.strip("[]")).is_unspecified:
            lines.append(f"(from other machines, put this machine's address in place of {host})")
    lines.append(
        "Give trainees the first address (token included); never the trainer's, which "
        "opens everyone's work. The addresses stay the same when you restart "
        "(--new-tokens makes new ones). Press Ctrl+C to stop."
    )
    return "\n".join(lines)


def stopped_message(saved: int, killed: int) -> str:
    """What ``imr serve`` says once it has stopped."""
    plural = "session" if saved == 1 else "sessions"
    line = f"Stopped: {saved} {plural} saved and closed."
    if killed:
        line += (
            f" {killed} did not finish saving in time and {'was' if killed == 1 else 'were'} "
            "ended: what was typed in the last second there is kept in the review's "
            "recovery journal and offered back when it is next opened."
        )
    return line
