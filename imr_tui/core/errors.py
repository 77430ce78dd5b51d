"""The one error type the user sees: a plain-English line, exit code 2."""

from __future__ import annotations

import re

from pydantic import ValidationError

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\n``, ``\\x1b``).

    A path or a name can hold a newline or a terminal escape; an error quoting
    it must still be one line, and must not drive the terminal it is shown on.
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class UserError(Exception):
    """A problem with the user's input (a file, a catalogue, an argument).

    The message is one line of plain English that names the file and the place.
    The command line prints it to stderr and exits with code 2, no traceback.
    Control characters in the message (from a path or a name) are escaped.
    """

    exit_code = 2

    def __str__(self) -> str:
        return one_line(super().__str__())


def format_loc(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into ``sections[3].prompts[2]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def describe_validation_error(source: str, exc: ValidationError) -> str:
    """One line naming ``source``, the place and the first problem of a pydantic error."""
    first = exc.errors()[0]
    loc = tuple(first["loc"])
    kind = first["type"]
    msg = str(first["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    key = loc[-1] if loc and isinstance(loc[-1], str) else None
    where = format_loc(loc[:-1] if key is not None else loc)
    if key is not None and kind == "literal_error":
        expected = str(first.get("ctx", {}).get("expected", ""))
        text = f"'{key}' must be one of {expected}"
    elif key is not None and kind == "missing":
        text = f"'{key}' is required"
    elif key is not None and kind == "extra_forbidden":
        text = f"'{key}' is not a known key"
    elif key is not None:
        text = f"'{key}': {msg[0].lower() + msg[1:] if msg else msg}"
    else:
        text = msg
    more = len(exc.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{source}: {where + ': ' if where else ''}{text}{tail}"
