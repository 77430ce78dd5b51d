"""The one clock the program reads for what it shows, saves and exports.

Every "today" and "now" that reaches the screen, the review file or an export
comes from here, so a test can fix the time with :func:`fix` and get the same
screen and the same file on any day. Timings that are not shown (how old a lock
file is, when to save next) read the system clock directly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

_fixed: datetime | None = None


def now() -> datetime:
    """The current time, to the second, with the local offset (or the fixed time)."""
    if _fixed is not None:
        return _fixed
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def today() -> date:
    """Today's date where the program runs (or the fixed time's date)."""
    return _fixed.date() if _fixed is not None else date.today()


def fix(moment: datetime | None) -> None:
    """Make :func:`now` and :func:`today` return ``moment`` (``None`` lets the clock run).

    ``moment`` must carry its offset, as every time the program keeps does.
    """
    global _fixed
    if moment is not None and moment.utcoffset() is None:
        raise ValueError("a fixed time needs its offset from UTC")
    _fixed = None if moment is None else moment.replace(microsecond=0)
