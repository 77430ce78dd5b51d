"""How a spreadsheet's columns are named in messages and in ``--map``: by heading and letter."""

from __future__ import annotations

from collections.abc import Sequence


def column_letter(index: int) -> str:
    """The spreadsheet's name for a column: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_name(headers: Sequence[str], index: int) -> str:
    """A column in plain words: ``'Notes' (column D)`` or ``column D (no heading)``."""
    heading = headers[index].strip() if index < len(headers) else ""
    letter = column_letter(index)
    return f"'{heading}' (column {letter})" if heading else f"column {letter} (no heading)"


def column_label(headers: Sequence[str], index: int) -> str:
    """What a column's text is labelled with: its heading, else ``Column D``."""
    heading = headers[index].strip() if index < len(headers) else ""
    return " ".join(heading.split()) or f"Column {column_letter(index)}"


def map_key(headers: Sequence[str], index: int) -> str:
    """How ``--map`` names a column: its heading, else ``column D``."""
    heading = headers[index].strip() if index < len(headers) else ""
    return heading or f"column {column_letter(index)}"
