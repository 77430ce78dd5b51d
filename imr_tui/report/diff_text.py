"""What changed, as plain lines for a terminal: ``imr diff FILE``.

Insertions are shown ``{+like this+}`` and deletions ``[-like this-]``, as
``git diff --word-diff`` shows them; a section is headed ``== Title ==`` and a prompt
``-- Title --``. The caller prints the lines through the visible-text stream, so a
control character in an answer is shown as its symbol, never acted on.
"""

from __future__ import annotations

from collections.abc import Sequence

from imr_tui.report.diff_model import Changes, CommentChange, FieldChange, RecordChange
from imr_tui.report.diff_words import Piece

_MARK = {"insert": ("{+", "+}"), "delete": ("[-", "-]")}


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
    if change.moved and change.old_position == change.new_position:
        head += (
            f" (moved relative to the others in the author's order; place "
            f"{change.new_position} before and now)"
        )
    elif change.moved:
        head += (
            f" (moved from place {change.old_position} to {change.new_position} in the "
            "author's order)"
        )
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
                out += marked(step.words).split("\n")
            elif step.kind == "values":
                out += [_field(v, "") for v in step.values]
            else:
                for record in step.records:
                    out += _record(record)
    if changes.comments:
        out += ["", "== Comments =="]
        out += [_comment(c) for c in changes.comments]
    return out
