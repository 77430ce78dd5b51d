"""Textual's settings for a session over SSH, where every byte crosses a network.

An author on a poor connection (a phone hotspot, a hospital's guest Wi-Fi, a VPN)
pays for each byte the interview sends and for each byte their terminal sends
back. :func:`apply_link_settings` is called before Textual starts; in a session
over SSH it sets these defaults, each only where the environment does not
already say otherwise, so a setting an administrator made (in sshd's
``SetEnv``, a wrapper script, a profile) always wins:

* ``TEXTUAL_DRIVER``: :class:`imr_tui.tui.link_driver.LinkDriver`, Textual's own
  terminal driver without reports of bare mouse movement or of the terminal
  window gaining and losing focus (see that module for what each cost).
* ``TEXTUAL_ANIMATIONS=none``: no animations (Textual's smooth scrolls and
  pulsing loading indicator draw a frame every 1/60 s while they run; without
  them the screen shows where things end, once). imr-tui's own scrolls already
  jump, so this costs nothing measured today; it keeps it so.
* ``TEXTUAL_COLOR_SYSTEM=256`` when ``COLORTERM`` asks for 24-bit colour
  (``truecolor`` or ``24bit``): each colour change then takes about 11 bytes
  instead of about 19, a quarter fewer bytes for every redraw (measured). ``ssh``
  does not pass ``COLORTERM`` on unless both ends are set up to, so most sessions
  over SSH already use the terminal's 256 colours; this makes every session the
  same. The theme's colours are drawn with the nearest of the 256.

The frame rate (``TEXTUAL_FPS``) is left as Textual has it: measured, a lower
limit saves no bytes for typing (a typist never reaches 60 frames a second) and
only delays each frame. The cursor already does not blink
(:class:`imr_tui.tui.safe_app.SafeApp`).

This module imports nothing from Textual: it must run before Textual does.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping

SSH_VARIABLES = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
"""Set by sshd in every session it starts (``SSH_TTY`` only with a terminal)."""

LINK_DRIVER = "imr_tui.tui.link_driver:LinkDriver"
"""Textual's driver without mouse-movement and focus reports."""

SSH_DEFAULTS = {
    "TEXTUAL_DRIVER": LINK_DRIVER,
    "TEXTUAL_ANIMATIONS": "none",
}
"""The defaults for every session over SSH (see the module)."""

TRUE_COLOUR = ("truecolor", "24bit")
"""Values of ``COLORTERM`` with which Textual would send 24-bit colours."""
COLOUR_DEFAULT = {"TEXTUAL_COLOR_SYSTEM": "256"}
"""The default over SSH when ``COLORTERM`` is one of :data:`TRUE_COLOUR`."""

_CONSTANTS = {
    "TEXTUAL_DRIVER": "DRIVER",
    "TEXTUAL_ANIMATIONS": "TEXTUAL_ANIMATIONS",
    "TEXTUAL_COLOR_SYSTEM": "COLOR_SYSTEM",
}
"""The name under which ``textual.constants`` keeps each setting it read at import."""


def over_ssh(environ: Mapping[str, str]) -> bool:
    """True in a session sshd started (its variables are set and not empty)."""
    return any(environ.get(name) for name in SSH_VARIABLES)


SERVED_DRIVERS = ("textual.drivers.web_driver:", "imr_tui.web.session_driver:")
"""Drivers of a session served to a browser (``imr serve``), whose server may itself
have been started over SSH: its page is not a terminal at the end of that link."""


def served(environ: Mapping[str, str]) -> bool:
    """True in a session ``imr serve`` started for a browser."""
    return environ.get("TEXTUAL_DRIVER", "").startswith(SERVED_DRIVERS)


def apply_link_settings(environ: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """Set the defaults for a session over SSH; the settings applied (none elsewhere).

    A variable already in the environment is left as it is. Textual reads these
    when it is first imported: if it already was, its copies are set too.
    """
    env = os.environ if environ is None else environ
    if not over_ssh(env) or served(env):
        return {}
    defaults = dict(SSH_DEFAULTS)
    if env.get("COLORTERM", "").lower() in TRUE_COLOUR:
        defaults.update(COLOUR_DEFAULT)
    applied = {name: value for name, value in defaults.items() if name not in env}
    env.update(applied)
    constants = sys.modules.get("textual.constants")
    if constants is not None and env is os.environ:
        for name, value in applied.items():
            setattr(constants, _CONSTANTS[name], value)
    return applied
