"""Key bindings the questionary asker puts above prompt_toolkit's (see
:mod:`imr_tui.plain.ask`): keys that do nothing, the ``?`` key at menus and yes/no
questions, and Enter on a full stop or a command line ending a long answer."""

from __future__ import annotations

import re
from collections.abc import Callable

from prompt_toolkit.application.current import get_app
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

COMMAND = object()
"""What a menu or a yes/no question gives when the author pressed ``?``."""

STILL_KEYS = ("c-l", "c-o", "c-q", "c-r", "c-s", "c-v", "c-z")
"""Keys that do nothing at a question. Left to prompt_toolkit, Ctrl+O ends a question
with no answer, Ctrl+Q and Ctrl+V put the next key (a control character) into the
answer, Ctrl+Z puts a control character there itself, Ctrl+R and Ctrl+S start a
search that takes the next keys away from the answer, and Ctrl+L clears the screen
(the guidance printed above goes, and the next redraw lands in the wrong place).
At a menu or a yes/no question, questionary's own Ctrl+Q still stops, as Ctrl-C does."""


def still_keys(*, escape_enter: bool) -> KeyBindings:
    """Bindings, put above prompt_toolkit's, that make :data:`STILL_KEYS` do nothing.

    With ``escape_enter`` (menus and yes/no questions) Esc then Enter does nothing too:
    there it would end the question with no choice; in a text answer it finishes it.
    """
    keys = KeyBindings()

    def nothing(event: KeyPressEvent) -> None:
        """Do nothing."""

    for key in STILL_KEYS:
        keys.add(key)(nothing)
    if escape_enter:
        keys.add("escape", "enter")(nothing)
    return keys


def command_key() -> KeyBindings:
    """The ``?`` key at a menu or a yes/no question: ends it giving :data:`COMMAND`."""
    keys = KeyBindings()

    @keys.add("?", eager=True)
    def command(event: KeyPressEvent) -> None:
        event.app.exit(result=COMMAND)

    return keys


def _last_line(buffer: Buffer) -> str | None:
    """The line the cursor is on, if it is the last line of the text; else None."""
    document = buffer.document
    if document.cursor_position_row != document.line_count - 1:
        return None
    return document.current_line


def end_keys(is_command: Callable[[str], bool]) -> KeyBindings:
    """Enter in a long answer: on an empty answer (a skip), or on a last line holding
    only a full stop (dropped: the answer ends) or a command line (the answer ends, the
    command last)."""
    keys = KeyBindings()

    @Condition
    def ending() -> bool:
        buffer = get_app().current_buffer
        line = _last_line(buffer)
        return not buffer.text or (line is not None and (line.strip() == "." or is_command(line)))

    @keys.add("enter", filter=ending, eager=True)
    def end(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if buffer.document.current_line.strip() == ".":
            kept = buffer.text.split("\n")[:-1]
            buffer.text = re.sub(r"\n+\Z", "", "\n".join(kept))
        buffer.validate_and_handle()

    return keys
