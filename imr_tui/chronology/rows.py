"""What any spreadsheet import says about its rows: one that cannot be read, one already
there, and the names of the separators. The chronology import and the comments import
share them."""

from __future__ import annotations

from dataclasses import dataclass

SEPARATORS = {",": "comma", "\t": "tab", ";": "semicolon"}
"""What each separator is called in messages."""


@dataclass(frozen=True)
class Problem:
    """A row that cannot be imported, and why."""

    row: int
    """The spreadsheet's row number."""
    message: str
    """Why, in plain English (``the date '31/02/2025' is not a real date ...``)."""

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass(frozen=True)
class Duplicate:
    """A row that is already in the review (or repeats an earlier row): not imported again."""

    row: int
    """The spreadsheet's row number."""
    of: str
    """What it repeats, in plain words: ``the entry of 11/03/2025 09:05`` or ``row 4``."""

    def __str__(self) -> str:
        return f"row {self.row}: the same as {self.of}"
