"""Wrong codes, counted per name, so that guessing a trainee's code is slow.

Every served session is its own process, so the count is kept in the workshop's
folder (``.workshop/tries.toml``, ``0600``), changed under the workshop's lock.
After :data:`LIMIT` wrong codes for one name within :data:`WINDOW`, every try for
that name is refused with :data:`WAIT` until :data:`PAUSE` after the last wrong
one, whether or not the name is registered (the refusal tells nothing more). A
right code clears the count. At most :data:`LIMIT` tries per pause leaves a
six-character code out of reach; a trainee who mistyped waits a minute, or asks
the trainer for a new code.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from imr_tui.core import clock
from imr_tui.workshop.files import changing, read_toml, write_toml

TRIES = "tries.toml"
LIMIT = 5
"""Wrong codes for one name before tries for it pause."""
WINDOW = timedelta(minutes=10)
"""How long a wrong code counts."""
PAUSE = timedelta(minutes=1)
"""How long tries pause after the last wrong code, once over the limit."""
WAIT = (
    "Too many wrong codes for that name: wait a minute and try again, "
    "or ask the trainer for a new code."
)
_HEADER = (
    "# imr-tui workshop: recent wrong codes per name (they slow down guessing).\n"
    "# Cleared by a right code; old ones are forgotten.\n\n"
)


def _recent(data: dict[str, object] | None, key: str, now: datetime) -> list[datetime]:
    """The wrong codes for ``key`` still counting at ``now``."""
    wrong = (data or {}).get("wrong", {})
    times = wrong.get(key, []) if isinstance(wrong, dict) else []
    return [t for t in times if isinstance(t, datetime) and now - t < WINDOW]


def paused(workspace: Path, key: str) -> bool:
    """Whether tries for the name ``key`` (:func:`~imr_tui.workshop.names.name_key`) pause now."""
    now = clock.now()
    with changing(workspace) as folder:
        recent = _recent(read_toml(folder / TRIES), key, now)
    return len(recent) >= LIMIT and now - max(recent) < PAUSE


def _write(workspace: Path, key: str, times: list[datetime]) -> None:
    now = clock.now()
    with changing(workspace) as folder:
        data = read_toml(folder / TRIES) or {}
        wrong = data.get("wrong", {})
        kept = {
            k: recent
            for k in (wrong if isinstance(wrong, dict) else {})
            if k != key and (recent := _recent(data, k, now))
        }
        if times:
            kept[key] = times
        if kept or (folder / TRIES).exists():
            write_toml(folder / TRIES, _HEADER, {"wrong": kept})


def wrong_code(workspace: Path, key: str) -> None:
    """Count a wrong code for the name ``key``."""
    now = clock.now()
    with changing(workspace) as folder:
        recent = _recent(read_toml(folder / TRIES), key, now)
    _write(workspace, key, [*recent[-(LIMIT - 1) :], now])


def right_code(workspace: Path, key: str) -> None:
    """A right code for ``key``: its count is cleared."""
    with changing(workspace) as folder:
        if not _recent(read_toml(folder / TRIES), key, clock.now()):
            return
    _write(workspace, key, [])
