"""Keystrokes in the order they were typed, each to the widget the author will see.

Textual hands a key to the focused widget by putting it on that widget's
queue, then goes straight on to the next key. When a key changes the focus
(Enter moves to the next prompt, Tab to the next field, ``n`` opens a dialog),
the keys typed after it were already handed to the old widget: over a laggy
link, where a whole line arrives in one burst, the next answer's words landed
in the previous answer.

:class:`OrderedInput` is the one path every key, paste and mouse button takes.
A key is handed on only when the app is *quiet*: every message pump of the app
and of its screens is waiting for work, with nothing queued, nothing being
handled and nothing mounting. Until then keys wait in one queue, in the order
they came, and are handed on one by one, each after the previous key's effects
(a new prompt, a dialog, a focus change) have settled. Nothing is ever put back
on a message queue where a later key could overtake it.

Typing that changes nothing but the text (the common case) goes straight
through: a printable key or a paste handed to a text box cannot move the focus,
so another printable key or paste may follow it onto the same box's queue at
once, where Textual keeps their order. Any other key (Enter, Tab, a control
key, a key for a table or a list) waits until the app is quiet.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, TextArea

QUIET_LIMIT = 2.0
"""Seconds a key waits for the app to settle before it is handed on regardless
(in order still): a widget that never settles must not swallow typing."""
HOLD_LIMIT = 60.0
"""Seconds a key waits while a change of editor holds the keys (the change always
releases them when done; this only keeps a change that never ends from swallowing typing)."""
FAST_SPINS = 64
"""Checks made between event-loop turns before waiting longer between checks."""
SLOW_SPIN = 0.002
"""Seconds between checks once the app has been busy for a while."""

ORDERED = (
    events.Key,
    events.Paste,
    events.MouseDown,
    events.MouseUp,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.MouseScrollLeft,
    events.MouseScrollRight,
)
"""Input that must keep its place among keystrokes (a click moves the focus too).
Mouse movement only changes what is highlighted and goes straight through."""


CHROME = (Footer, Header)
"""Widgets that only show state and never take or move the focus."""


def is_ordered(event: object) -> bool:
    """Raw input from the terminal (not yet handed to a widget) that keeps its order."""
    return isinstance(event, ORDERED) and not event.is_forwarded


def _is_typing(event: events.Event) -> bool:
    """A printable key or a paste: given to a text box, it only changes the text.

    (Enter, Tab and control keys may move the focus or trigger a binding that
    acts before the box has taken the keys ahead of them.)
    """
    return isinstance(event, events.Paste) or (isinstance(event, events.Key) and event.is_printable)


def _pump_idle(pump: MessagePump) -> bool:
    """The pump is waiting for its next message: nothing queued, nothing being handled.

    A pump blocked on its empty queue is waiting on the queue's event; while it
    handles a message, runs its idle callbacks, or is still composing and
    mounting, nothing waits there. (Textual's queue, pinned with Textual.)
    """
    queue: Any = pump._message_queue
    if pump._pending_message is not None or pump._next_callbacks or queue.values:
        return False
    return any(not waiter.done() for waiter in queue.ready_event._waiters)


class OrderedInput:
    """The app's one queue of typed input; see the module's docstring."""

    def __init__(self, app: App[Any], deliver: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self._deliver = deliver
        """Textual's own handling of one raw input event (bindings, then the focused widget)."""
        self._pending: deque[events.Event] = deque()
        self._task: asyncio.Task[None] | None = None
        self._holds = 0
        self.last_input = 0.0
        """When the terminal last delivered input (``time.monotonic``)."""
        self._typed_into: Widget | None = None
        """The text box the last event was typed into, if it could not move the focus."""

    # ------------------------------------------------------------------ receiving
    async def receive(self, event: events.Event) -> None:
        """Raw input from the terminal, called from the app's own event handler."""
        self.last_input = time.monotonic()
        if not is_ordered(event):
            await self._deliver(event)
            return
        if not self._pending and self._task is None and self._may_go(event, inside_app=True):
            await self._hand_on(event)
            return
        self._pending.append(event)
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._drain())

    @property
    def waiting(self) -> int:
        """Keys and clicks received but not yet handed on."""
        return len(self._pending)

    def hold(self) -> None:
        """A change of screen or editor has begun: hand nothing on until :meth:`release`."""
        self._holds += 1

    def release(self) -> None:
        """The change is complete (the waiting keys go on once the app is quiet)."""
        self._holds = max(0, self._holds - 1)

    # ------------------------------------------------------------------ quiet
    def _pumps(self) -> Iterator[MessagePump]:
        """The screens and their widgets, less the key bar and title bar: those redraw
        (at some length) when the focus moves, but never move it themselves."""
        for screen in self.app.screen_stack:
            stack: list[Widget] = [screen]
            while stack:
                node = stack.pop()
                if isinstance(node, CHROME) or node._closing or node._closed:
                    continue
                yield node
                stack.extend(node._nodes)

    def quiet(self, *, inside_app: bool = False) -> bool:
        """Every effect of the input handed on so far has happened.

        ``inside_app``: the app itself is handling the raw event being asked about,
        so it counts as quiet when nothing but later raw input is queued behind it.
        """
        if self._holds:
            return False
        app = self.app
        if inside_app:
            queue: Any = app._message_queue
            waiting = app._pending_message
            if app._next_callbacks or (waiting is not None and not is_ordered(waiting)):
                return False
            if any(not is_ordered(m) for m in queue.values if m is not None):
                return False
        elif not _pump_idle(app):
            return False
        return all(_pump_idle(pump) for pump in self._pumps())

    def _may_go(self, event: events.Event, *, inside_app: bool = False) -> bool:
        """``event`` may be handed on now."""
        typed_into = self._typed_into
        if (
            typed_into is not None
            and _is_typing(event)
            and not self._holds
            and self.app.focused is typed_into
        ):
            return True
        return self.quiet(inside_app=inside_app)

    async def _hand_on(self, event: events.Event) -> None:
        focused = self.app.focused
        typing = _is_typing(event) and isinstance(focused, (Input, TextArea))
        self._typed_into = focused if typing else None
        await self._deliver(event)

    async def settled(self, limit: float = QUIET_LIMIT) -> bool:
        """Wait until every received event is handed on and its effects have happened."""
        deadline = time.monotonic() + limit
        spins = 0
        while self._pending or self._task is not None or not self.quiet():
            if self.app._exit or self.app._closing or self.app._closed:
                return True
            if time.monotonic() > deadline:
                return False
            spins += 1
            await asyncio.sleep(0 if spins < FAST_SPINS else SLOW_SPIN)
        return True

    async def _wait_turn(self, event: events.Event) -> None:
        """Wait until ``event`` may go: the app quiet (at most :data:`QUIET_LIMIT` after
        any hold ends), and never while a change of editor holds the keys (at most
        :data:`HOLD_LIMIT`): on a busy server a prompt change can take longer than the
        quiet limit, and a key handed on in the middle of it lands in the old editor."""
        started = time.monotonic()
        deadline = started + QUIET_LIMIT
        spins = 0
        while not self._may_go(event):
            now = time.monotonic()
            if self._holds:
                if now >= started + HOLD_LIMIT:
                    return
                deadline = now + QUIET_LIMIT  # the quiet limit counts from the release
            elif now >= deadline:
                return
            if self.app._exit or self.app._closing or self.app._closed:
                return
            spins += 1
            await asyncio.sleep(0 if spins < FAST_SPINS else SLOW_SPIN)

    async def _drain(self) -> None:
        """Hand the waiting events on, one at a time, each once the app is quiet."""
        try:
            while self._pending:
                await self._wait_turn(self._pending[0])
                if self._pending:
                    await self._hand_on(self._pending.popleft())
        finally:
            self._task = None

    # ------------------------------------------------------------------ hang-up
    async def collect_last_keys(
        self, arrive: float = 0.5, land: float = 4.0, gap: float = 0.1
    ) -> bool:
        """On a hang-up: let the terminal's last keys arrive, then hand them all on.

        A laggy link delivers the last keys together with the hang-up, and a write
        to a terminal reaches its reader a moment later. Waits (at most ``arrive``
        seconds) until the terminal has nothing unread and no input has come for
        ``gap`` seconds since the later of the last key and the hang-up, then (at
        most ``land`` seconds) until every waiting key has landed. Returns whether
        they all did.
        """
        start = time.monotonic()
        deadline = start + arrive
        while time.monotonic() < deadline:
            quiet_for = time.monotonic() - max(self.last_input, start)
            if _unread_terminal_bytes() == 0 and quiet_for >= gap:
                break
            await asyncio.sleep(gap / 5)
        return await self.settled(land)


def _unread_terminal_bytes() -> int:
    """Bytes typed but not yet read from the terminal (0 if it is gone or not a terminal)."""
    found = _fionread()
    return found if found is not None else 0


def terminal_gone() -> bool:
    """Whether the terminal has been hung up (it answers every question with an error)."""
    return _fionread() is None


def _fionread() -> int | None:
    import fcntl
    import struct
    import sys
    import termios

    stdin = sys.__stdin__
    if stdin is None:
        return 0
    try:
        buf = fcntl.ioctl(stdin.fileno(), termios.FIONREAD, b"\0\0\0\0")
    except (OSError, ValueError):
        return None
    return int(struct.unpack("i", buf)[0])
