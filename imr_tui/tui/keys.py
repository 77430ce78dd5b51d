"""The app's keys, in one table: each action, its key in a terminal, its key in a browser.

Why two keys for some actions
-----------------------------
Served to a browser (``imr serve``), the page never sees some keys: in Chromium on
Linux, Ctrl+N opens a new window, Ctrl+T a new tab, Ctrl+W and Ctrl+F4 close the
trainee's tab, Ctrl+Tab, Ctrl+Shift+Tab and Ctrl+PageUp/PageDown change tab,
Ctrl+Shift+N/T/W/Q, Ctrl+Shift+Delete and the developer keys (Ctrl+Shift+I/J/B/O)
act on the browser, and F11 goes full screen. Every other key used here was seen
to reach the app in a headed Chromium (sent with ``xdotool key``): Ctrl+letters
other than N, T and W, Ctrl+arrows, F1 to F10 and F12, Escape, Alt+Backspace.

So every action whose terminal key a browser takes gets a second key that a browser
passes on and that a terminal sends too, and both keys work everywhere
(practitioners' habits, the printed guide and the tests keep the terminal's key):

- Next prompt: Ctrl+N, and Ctrl+Down ("down" is "next"; Ctrl+Up goes back, beside
  Ctrl+P). The form's "Save and add another" is the same "next": Ctrl+N and Ctrl+Down.
  Ctrl+arrows are ordinary escape sequences (``ESC [ 1 ; 5 B``) over SSH; no text box
  here uses them, and a browser's Alt+arrows arrive as the same keys.
- The hint: Ctrl+T, and F3. The model answer (training mode): F4, the key beside it.
  F3 and F4 are ordinary escape sequences over SSH; F5 to F7 are the text box's own
  keys (select word, line, all) and F5 would reload a page whose terminal lets it go.
- Delete the word before the cursor: Ctrl+W is the text boxes' own key; a browser
  closes the tab on it before the page can stop it. Alt+Backspace does the same in a
  terminal and in a browser (both send ``ESC DEL``, which Textual reads as Ctrl+W),
  so the help names Alt+Backspace and nothing the app shows names Ctrl+W. Ctrl+Backspace
  reaches the app as a plain Backspace (one character), which is harmless.

Textual's own keys were checked too: Input and TextArea use Ctrl+A/E/D/K/U/X/C/V/Z/Y,
arrows, Ctrl+arrows, Home/End, Ctrl+Home/End, F5/F6/F7 (TextArea), and DataTable,
OptionList and the command palette use arrows, PageUp/PageDown, Home/End, Ctrl+Home/End,
Enter and Escape: all reach the app in a browser. The exceptions are Ctrl+W (above) and
the Input's Ctrl+Shift+A (select all), which Chromium keeps (tab search) and a terminal
cannot send anyway: nothing shows it. The app's Ctrl+Q, F1, Ctrl+G (command palette),
Ctrl+P/R/F/O/S/L/B and F2 reach the app as they are.

No key here is Escape followed by a letter (how Alt+letter travels over SSH), which
a slow link could split into a bare Escape that closes a dialog.

The footer and the help show the key that works where the app runs
(``App.is_web``): :func:`use_browser_keys` puts the browser's key first for every
binding of this table, which is the key the footer shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from textual.app import App
from textual.binding import Binding

Place = Literal["interview", "form"]
"""The screen a key belongs to."""


@dataclass(frozen=True)
class Key:
    """One action's keys."""

    place: Place
    """The screen whose bindings hold it."""
    action: str
    """The Textual action it runs, e.g. ``next`` or ``save(True)``."""
    terminal: str
    """The key shown in a terminal (Textual's name, e.g. ``ctrl+n``)."""
    browser: str
    """The key shown in a browser; the same as ``terminal`` when a browser lets it through."""
    label: str
    """What the footer calls it."""
    show: bool = True
    """Shown in the footer."""
    priority: bool = False
    """Checked before the focused widget's own keys (the form's keys)."""

    @property
    def id(self) -> str:
        """The binding's id (unique in the app): how the browser's order is applied."""
        return f"imr.{self.place}.{self.action}"

    @property
    def keys(self) -> list[str]:
        """Every key that runs it, the terminal's first."""
        return [self.terminal] if self.browser == self.terminal else [self.terminal, self.browser]

    def shown(self, web: bool) -> str:
        """The key to name where the app runs."""
        return self.browser if web else self.terminal


KEYS: tuple[Key, ...] = (
    Key("interview", "next", "ctrl+n", "ctrl+down", "Next"),
    Key("interview", "previous", "ctrl+p", "ctrl+up", "Back"),
    Key("interview", "toggle_hint", "ctrl+t", "f3", "Hint", show=False),
    Key("interview", "toggle_model_answer", "f4", "f4", "Model"),
    Key("interview", "review", "ctrl+r", "ctrl+r", "Review"),
    Key("interview", "check", "ctrl+f", "ctrl+f", "Check"),
    Key("interview", "names", "ctrl+o", "ctrl+o", "Names"),
    Key("interview", "save", "ctrl+s", "ctrl+s", "Save", show=False),
    Key("interview", "sidebar", "ctrl+l", "ctrl+l", "Sections", show=False),
    Key("interview", "comments", "ctrl+b", "ctrl+b", "Comments"),
    Key("interview", "no_comments", "ctrl+b", "ctrl+b", "Comments", show=False),
    Key("interview", "all_comments", "f2", "f2", "All comments", show=False),
    Key("form", "save(False)", "ctrl+s", "ctrl+s", "Save", priority=True),
    Key("form", "save(True)", "ctrl+n", "ctrl+down", "Save and add another", priority=True),
)
"""Every key of the interview and the form whose choice depends on where the app runs."""

TAKEN_BY_BROWSERS = (
    "ctrl+n",
    "ctrl+t",
    "ctrl+w",
    "ctrl+f4",
    "ctrl+tab",
    "ctrl+shift+tab",
    "ctrl+pageup",
    "ctrl+pagedown",
    "f11",
)
"""Keys a browser acts on before the page sees them (none of them may be shown there)."""

DELETE_WORD = "alt+backspace"
"""The key the help names for deleting the word before the cursor (Ctrl+W closes a tab)."""


def key(place: Place, action: str) -> Key:
    """The table's row for this action."""
    for row in KEYS:
        if row.place == place and row.action == action:
            return row
    raise KeyError(f"{place}: {action}")


def bindings(place: Place) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """The bindings of one screen, every key of each action (the terminal's first)."""
    return [
        Binding(
            ",".join(row.keys),
            row.action,
            row.label,
            show=row.show,
            priority=row.priority,
            id=row.id,
        )
        for row in KEYS
        if row.place == place
    ]


def browser_keymap() -> dict[str, str]:
    """Binding id -> keys with the browser's first, for every row. Rows whose key is the
    same everywhere are in it too: Textual moves each re-keyed binding to the end of its
    screen's list, so re-keying them all keeps the footer in the table's order."""
    return {row.id: ",".join(dict.fromkeys([row.browser, row.terminal])) for row in KEYS}


def use_browser_keys(app: App[Any]) -> None:
    """Served to a browser: the footer shows (and lists first) the browser's keys.
    Nothing changes in a terminal. Safe to call more than once."""
    if app.is_web:
        app.update_keymap(browser_keymap())


def display(name: str) -> str:
    """A key as the help writes it: ``ctrl+down`` -> ``Ctrl+Down``, ``f3`` -> ``F3``."""
    words = {"pageup": "PageUp", "pagedown": "PageDown", "backspace": "Backspace"}
    return "+".join(words.get(part, part.capitalize()) for part in name.split("+"))


def shown(place: Place, action: str, web: bool) -> str:
    """The key the help names for this action, as the help writes it."""
    return display(key(place, action).shown(web))
