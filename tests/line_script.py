"""The line asker driven by typed bytes from a script, its output kept, no terminal.

A script is a list of steps ``(words, keys)``: before the keys are typed, the output
printed since the previous step must hold ``words`` (one string, or a tuple of
strings; ``""`` for no expectation), as a person at the terminal would wait for the
question before answering. A step may be bytes alone. When the script runs out the
author presses Ctrl-C (as :class:`tests.scripted_asker.Script` does), unless
``at_end`` says otherwise (``b""``: the end of input, Ctrl-D on a closed terminal).

    asker, out = line_asker([("Name", b"Ann Cole\\r")])
    assert asker.text("Name") == "Ann Cole"
    assert "\\x1b" not in out.getvalue()
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from imr_tui.plain.lines import LineAsker

Words = str | tuple[str, ...]
Step = tuple[Words, bytes] | bytes


class ScriptedKeys:
    """Keys typed from a script, each step only once its words were printed."""

    def __init__(
        self, steps: Sequence[Step], out: io.StringIO | None = None, at_end: bytes = b"\x03"
    ) -> None:
        self.steps = list(steps)
        self.out = out
        """The asker's output, checked against each step's words (None: not checked)."""
        self.at_end = at_end
        self.seen = 0
        """How much of the output was there at the last step."""
        self.sent: list[bytes] = []
        """Every chunk typed, in order."""

    def read(self) -> bytes:
        """The next step's bytes, once the output since the last step holds its words."""
        if not self.steps:
            return self.at_end
        step = self.steps.pop(0)
        words, keys = step if isinstance(step, tuple) else ("", step)
        if self.out is not None:
            printed = self.out.getvalue()
            since, self.seen = printed[self.seen :], len(printed)
            for word in (words,) if isinstance(words, str) else words:
                assert word in since, f"expected {word!r} before typing {keys!r}; got {since!r}"
        assert keys, "a step types at least one byte (use at_end for the end of input)"
        self.sent.append(keys)
        return keys

    def done(self) -> bool:
        """Whether every step was typed."""
        return not self.steps


def line_asker(
    steps: Sequence[Step], width: int = 80, at_end: bytes = b"\x03"
) -> tuple[LineAsker, io.StringIO]:
    """A line asker typing ``steps``, and its output."""
    out = io.StringIO()
    keys = ScriptedKeys(steps, out, at_end)
    return LineAsker(keys, out, width), out


def keys_of(asker: LineAsker) -> ScriptedKeys:
    """The scripted keys behind a line asker made by :func:`line_asker`."""
    keys = asker.editor.keys
    assert isinstance(keys, ScriptedKeys)
    return keys
