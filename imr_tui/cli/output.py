"""What the commands print, shown safely: an author's text can hold control characters
(an escape sequence pasted into an answer, a bell in a spreadsheet cell), and printed
raw they would act on the terminal. Each is printed as its visible symbol instead."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from imr_tui.core.visible import visible


class VisibleText:
    """A text stream that passes everything on with control characters made visible."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters (but line feed and tab) as symbols."""
        self._stream.write(visible(text))
        return len(text)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self._stream.flush()

    def isatty(self) -> bool:
        """Whether the stream underneath is a terminal."""
        return self._stream.isatty()

    def fileno(self) -> int:
        """The stream underneath's file descriptor."""
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        """The stream underneath's encoding."""
        return self._stream.encoding


@contextmanager
def visible_output() -> Iterator[None]:
    """Within the block, what is printed to standard output and error is made visible."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = VisibleText(out)
    sys.stderr = VisibleText(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
