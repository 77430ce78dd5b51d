"""The rules for a row of the names to replace in an anonymised export, in one place.

Every mode (the Textual interview, plain mode, ``imr pseudonyms``) asks these, so
the same name is refused with the same one-line reason everywhere:

- a name needs at least two letters or digits (:data:`TOO_SHORT`);
- a name may be listed once: two spellings that differ only in capitalisation,
  spacing or apostrophes are the same name (:data:`DUPLICATE`).

A view that shows only some of a row's fields (the interview's list shows the name
and what replaces it, not who they are) edits a row through :func:`edited`, which
keeps every field it was not given. :func:`settle` turns the rows of such a view
into what is stored: a refused row keeps what is stored for it until it is fixed.

No front end is imported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imr_tui.core.model import Pseudonym

TOO_SHORT = "A name to replace needs at least two letters."
"""Why a name of fewer than two letters or digits is refused."""
DUPLICATE = "Listed already as number {number}."
"""Why a name listed already is refused; ``number`` counts rows from 1."""


_CURLY_APOSTROPHES = "\u2019\u2018"


def key(name: str) -> str:
    """How two spellings of a name compare: capitalisation, spacing and apostrophes aside."""
    text = " ".join(name.split()).casefold()
    for a in _CURLY_APOSTROPHES:
        text = text.replace(a, "'")
    return text


def tidy(text: str) -> str:
    """``text`` with its runs of spaces made one and its ends trimmed."""
    return " ".join(text.split())


def name_problem(name: str, listed: Sequence[str], at: int | None = None) -> str:
    """Why ``name`` cannot be a name to replace, in one line, or ``""``.

    ``listed`` is the list's names in order; ``at`` is the row being edited (its own
    name is not a duplicate). Empty names in ``listed`` are ignored.
    """
    if sum(ch.isalnum() for ch in name) < 2:
        return TOO_SHORT
    for n, other in enumerate(listed):
        if n != at and other.strip() and key(other) == key(name):
            return DUPLICATE.format(number=n + 1)
    return ""


def edited(origin: Pseudonym | None, name: str, alias: str) -> Pseudonym:
    """The row ``origin`` with a new name and alias; the fields not given are kept.

    Unchanged text (spacing aside) gives back ``origin`` itself, so a file is not
    rewritten for a row nobody changed.
    """
    name, alias = tidy(name), tidy(alias)
    if origin is None:
        return Pseudonym(name=name, alias=alias)
    if (name, alias) == (tidy(origin.name), tidy(origin.alias)):
        return origin
    return origin.model_copy(update={"name": name, "alias": alias})


@dataclass(frozen=True)
class Row:
    """A row as a view shows it: the text in its boxes, and the stored row it edits."""

    name: str
    alias: str
    origin: Pseudonym | None = None
    """The row as stored when the view showed it; ``None`` for a new row."""


@dataclass(frozen=True)
class Settled:
    """What :func:`settle` makes of a view's rows."""

    rows: list[Pseudonym | None]
    """What is stored for each row, in order; ``None`` for a row stored as nothing."""
    problems: list[str]
    """Why each row is refused, in one line; ``""`` for a row that is not."""

    @property
    def stored(self) -> list[Pseudonym]:
        """The list to store."""
        return [r for r in self.rows if r is not None]


def _hold(stored: dict[int, Pseudonym], held: dict[str, int], i: int, row: Pseudonym) -> None:
    """Store ``row`` for row ``i``; its name is held by the first row that stores it."""
    stored[i] = row
    held.setdefault(key(row.name), i)


def settle(rows: Sequence[Row]) -> Settled:
    """What to store for ``rows``, and why each row is refused (``""`` if it is not).

    A new row with an empty name is no row; a stored row whose name is emptied is
    refused (it is removed by removing the row, not by clearing its name, so a name
    retyped from scratch keeps the fields the view does not show). A refused row is
    not stored as typed: a row edited from a stored one keeps the stored one, a new
    row is left out. A name is refused when another row holds it; names that stay as
    stored (a row whose name is unchanged, a refused row) hold theirs before names
    newly typed, and a newly typed name that a refused row still holds on disk is
    refused in turn.
    """
    short = [name_problem(r.name, []) if r.name.strip() or r.origin else "" for r in rows]
    forced: dict[int, int] = {}
    """Rows refused because a refused row keeps their name on disk, with that row."""
    while True:
        problems = list(short)
        for i, holder in forced.items():
            problems[i] = problems[i] or DUPLICATE.format(number=holder + 1)
        stored: dict[int, Pseudonym] = {}
        held: dict[str, int] = {}

        for i, r in enumerate(rows):
            if r.origin is None:
                continue
            if problems[i]:
                _hold(stored, held, i, r.origin)
            elif key(r.name) == key(r.origin.name):
                _hold(stored, held, i, edited(r.origin, r.name, r.alias))
        typed: set[int] = set()
        clash: tuple[int, int] | None = None
        for i, r in enumerate(rows):
            if i in stored or not r.name.strip() or problems[i]:
                continue
            other = held.get(key(r.name))
            if other is None:
                _hold(stored, held, i, edited(r.origin, r.name, r.alias))
                typed.add(i)
                continue
            problems[i] = DUPLICATE.format(number=other + 1)
            if r.origin is not None:
                owner = held.get(key(r.origin.name))
                if owner is not None and owner in typed and clash is None:
                    clash = (owner, i)
                _hold(stored, held, i, r.origin)
        if clash is None:
            return Settled([stored.get(i) for i in range(len(rows))], problems)
        forced[clash[0]] = clash[1]
