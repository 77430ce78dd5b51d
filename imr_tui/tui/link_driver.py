"""Textual's terminal driver, made quieter for a session over a slow link.

Imported by Textual itself (``TEXTUAL_DRIVER``, set by :mod:`imr_tui.tui.link_settings`
for a session over SSH) once the settings are in place: importing it starts Textual.

Two differences from :class:`~textual.drivers.linux_driver.LinuxDriver`:

* **Mouse movement is not reported.** Textual asks the terminal for every movement of
  the mouse (mode 1003): each one sends about 11 bytes up the link, and the app answers
  with hover effects and pointer shapes (about 50 bytes down per movement, measured).
  This driver asks for presses, releases, the wheel and drags (mode 1002), so clicking,
  scrolling and selecting text work as before; hover highlights and tooltips do not
  appear.
* **Focus changes are not reported** (mode 1004). When the terminal window lost focus
  (the author switching to their notes), Textual took the focus from the text box and
  redrew the prompt, the footer and the box, and did it all again on the way back:
  about 3,000 bytes for each switch, measured at 80x24.
"""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver

FOCUS_EVENTS_ON = "\x1b[?1004h"
"""What Textual sends to ask the terminal for focus reports."""

MOUSE_ON = ("\x1b[?1000h", "\x1b[?1002h", "\x1b[?1015h", "\x1b[?1006h")
"""Presses and releases (1000), drags but no bare movement (1002), in the two
extended encodings Textual reads (1015, 1006)."""
MOUSE_OFF = ("\x1b[?1000l", "\x1b[?1002l", "\x1b[?1003l", "\x1b[?1015l", "\x1b[?1006l")
"""Every mode either driver may have asked for, turned off on the way out."""


class LinkDriver(LinuxDriver):
    """:class:`LinuxDriver` without mouse-movement or focus reports (see the module)."""

    def write(self, data: str) -> None:
        """As Textual's, but the request for focus reports is not sent."""
        if data == FOCUS_EVENTS_ON:
            return
        super().write(data)

    def _enable_mouse_support(self) -> None:
        """Ask for clicks, the wheel and drags, but not bare movement."""
        if not self._mouse:
            return
        for code in MOUSE_ON:
            super().write(code)
        self.flush()

    def _disable_mouse_support(self) -> None:
        """Turn off every mouse mode either driver may have turned on."""
        if not self._mouse:
            return
        for code in MOUSE_OFF:
            super().write(code)
        self.flush()
