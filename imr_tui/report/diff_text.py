"""What changed, as plain lines for a terminal: ``imr diff FILE``.

Insertions are shown ``{+like this+}`` and deletions ``[-like this-]``, as
``git diff --word-diff`` shows them; a section is headed ``== Title ==`` and a prompt
``-- Title --``. The caller prints the lines through the visible-text stream, so a
control character in an answer is shown as its symbol, never acted on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from imr_tui.report.diff_model import (
    Changes,
    CommentChange,
    FieldChange,
    RecordChange,
    order_name,
)
from imr_tui.report.diff_words import Piece

_MARK = {"insert": ("{+", "+}"), "delete": ("[-", "-]")}
_BLANK_LINES = re.compile(r"(\n[ \t]*\n\s*)")
SKIPPED = "[...]"
"""Stands for paragraphs left out of the terminal's form because they did not change."""


def paragraphs(pieces: Sequence[Piece]) -> list[list[Piece]]:
    """The pieces cut into paragraphs at blank lines that are in both texts (each blank
    line run stays at the end of the paragraph before it)."""
    out: list[list[Piece]] = [[]]
    for p in pieces:
        if p.kind != "same":
            out[-1].append(p)
            continue
        parts = _BLANK_LINES.split(p.text)
        for n, part in enumerate(parts):
            if part:
                out[-1].append(Piece("same", part))
            if n % 2 == 1:
                out.append([])
    return [para for para in out if para]


def changed_paragraphs(pieces: Sequence[Piece]) -> list[str]:
    """The lines of the paragraphs that changed, marked; each run of unchanged
    paragraphs between them is one :data:`SKIPPED` line."""
    lines: list[str] = []
    for para in paragraphs(pieces):
        if any(p.kind != "same" for p in para):
            lines += marked(para).rstrip("\n").split("\n")
        elif not lines or lines[-1] != SKIPPED:
            lines.append(SKIPPED)
    return lines


def marked(pieces: Sequence[Piece]) -> str:
    """The pieces with insertions ``{+...+}`` and deletions ``[-...-]``."""
    out = []
    for p in pieces:
        start, end = _MARK.get(p.kind, ("", ""))
        out.append(f"{start}{p.text}{end}")
    return "".join(out)


def _field(change: FieldChange, indent: str) -> str:
    if change.words:
        return f"{indent}{change.title}: {marked(change.words)}"
    old = f"[-{change.old}-]" if change.old else ""
    new = f"{{+{change.new}+}}" if change.new else ""
    return f"{indent}{change.title}: {old}{new}"


def _record(change: RecordChange) -> list[str]:
    head = f"{change.label}: {change.kind}"
    order = order_name(change.record)
    if change.moved and change.old_position == change.new_position:
        head += (
            f" (moved relative to the others in {order}; place "
            f"{change.new_position} before and now)"
        )
    elif change.moved:
        head += f" (moved from place {change.old_position} to {change.new_position} in {order})"
    return [head, *(_field(f, "  ") for f in change.fields)]


def _comment(c: CommentChange) -> str:
    what = {
        "opened": "Comment opened",
        "resolved": "Comment resolved",
        "reopened": "Comment reopened",
        "replied": "Reply",
        "removed": "Comment removed",
    }[c.kind]
    who = f" by {c.by}" if c.by.strip() else ""
    at = f", {c.at}" if c.at else ""
    text = " ".join(c.text.split())
    return f"{what} on {c.place}{who}{at}: {text}"


def render_text(changes: Changes) -> list[str]:
    """The lines to print."""
    out = [f"What changed from {changes.old_label} to {changes.new_label}", *changes.notes]
    for section in changes.sections:
        out += ["", f"== {section.title} =="]
        for step in section.steps:
            out.append(f"-- {step.title} --")
            if step.note:
                out.append(f"({step.note})")
            if step.kind == "text":
                out += changed_paragraphs(step.words)
            elif step.kind == "values":
                out += [_field(v, "") for v in step.values]
            else:
                for record in step.records:
                    out += _record(record)
    if changes.comments:
        out += ["", "== Comments =="]
        out += [_comment(c) for c in changes.comments]
    return out
