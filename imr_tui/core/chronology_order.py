"""The order a chronology is shown in: by day, then time, then the author's order.

The file keeps the entries in the author's order; every list, export, CSV and
composite chronology shows them in the order :func:`order_keys` gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from imr_tui.core.model import ChronologyEntry

E = TypeVar("E", bound="ChronologyEntry")
OrderKey = tuple[str, str, int]
"""An entry's place: its day, its time (see :func:`order_keys`), its place in the file."""


def order_keys(entries: Sequence[ChronologyEntry]) -> list[OrderKey]:
    """The place of each entry of a list kept in the author's order (the file's order).

    Entries go by day (a month- or year-only date on the first day it may be,
    undated entries last), then by time, then in the author's order. An untimed
    entry has no time to go by, so it keeps the place the author gave it: it goes
    after the timed entries of its day that the author put before it (a new entry,
    added at the end, after all of them), never first by rule.
    """
    latest: dict[str, str] = {}
    keys = []
    for i, e in enumerate(entries):
        day = e.day()
        if e.time:
            latest[day] = max(latest.get(day, ""), e.time)
        keys.append((day, e.time or latest.get(day, ""), i))
    return keys


def display_order(entries: Sequence[E]) -> list[E]:
    """``entries`` (in the author's order) in the order every list and export shows them."""
    keys = order_keys(entries)
    return [entries[k[2]] for k in sorted(keys)]
