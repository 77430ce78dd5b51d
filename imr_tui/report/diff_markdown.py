"""What changed, as Markdown: ``imr diff -o changes.md``.

A heading per section (``##``) and per prompt (``###``); text changed in place is
shown with insertions as ``<ins>...</ins>`` and deletions as ``<del>...</del>`` (both
render on GitHub and through pandoc); values and records' fields in a table of
*Field*, *Before* and *Now*, where *Before* is the old value with what went marked
``<del>`` and *Now* the new one with what came marked ``<ins>``. Every word the author
wrote is escaped (:mod:`imr_tui.report.md_escape`), so a literal ``<ins>``, ``**`` or
backtick in an answer is shown as typed and never read as a mark: the only unescaped
``<`` in the file begin the marks themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from imr_tui.report import md_escape
from imr_tui.report.diff_model import (
    Changes,
    CommentChange,
    FieldChange,
    RecordChange,
    StepChange,
    order_name,
)
from imr_tui.report.diff_words import Piece

_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")
_TAG = {"insert": "ins", "delete": "del"}


def _mark(kind: str, escaped: str) -> str:
    tag = _TAG.get(kind)
    return f"<{tag}>{escaped}</{tag}>" if tag else escaped


def _segments(pieces: Sequence[Piece]) -> list[list[tuple[str, str]]]:
    """The pieces cut into lines, each a list of (kind, text) without line breaks."""
    lines: list[list[tuple[str, str]]] = [[]]
    for p in pieces:
        parts = md_escape.normalise_newlines(p.text).split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append([])
            if part:
                lines[-1].append((p.kind, part))
    return lines


def _line(segments: list[tuple[str, str]]) -> str:
    """One line of marked text, escaped; a line never starts a block by accident."""
    out: list[str] = []
    for n, (kind, text) in enumerate(segments):
        if n == 0 or not out:
            text = text.lstrip()
        if not text:
            continue
        if kind != "same" and not text.strip():
            out.append(" ")  # a space changed into another: nothing to see
            continue
        escaped = md_escape.inline(text)
        if not out and kind == "same":
            m = _BLOCK_START.match(escaped)
            if m:
                end = m.end()
                escaped = (
                    escaped[:end] + "\\" + escaped[end:] if m[1][0].isdigit() else "\\" + escaped
                )
        out.append(_mark(kind, escaped))
    return "".join(out).rstrip()


def marked_block(pieces: Sequence[Piece]) -> str:
    """Text changed in place, as Markdown paragraphs with the marks; line breaks kept."""
    paras: list[list[str]] = [[]]
    for segments in _segments(pieces):
        line = _line(segments)
        if line:
            paras[-1].append(line)
        elif paras[-1]:
            paras.append([])
    return "\n\n".join("\\\n".join(p) for p in paras if p)


def marked_cell(pieces: Sequence[Piece]) -> str:
    """Marked text for one table cell: pipes escaped, a line break as ``<br>``, and a
    paragraph break (one or more blank lines) as ``<br><br>``, so it stays visible."""
    paras: list[list[str]] = [[]]
    for segments in _segments(pieces):
        line = _line(segments)
        if line:
            paras[-1].append(line)
        elif paras[-1]:
            paras.append([])
    return "<br><br>".join("<br>".join(p) for p in paras if p)


def _before_now(change: FieldChange) -> tuple[str, str]:
    """The *Before* and *Now* cells of a field."""
    if change.words:
        before = [p for p in change.words if p.kind != "insert"]
        now = [p for p in change.words if p.kind != "delete"]
    else:
        before = [Piece("delete", change.old)] if change.old else []
        now = [Piece("insert", change.new)] if change.new else []
    return marked_cell(before), marked_cell(now)


def fields_table(fields: Sequence[FieldChange]) -> str:
    """A table of *Field*, *Before* and *Now*."""
    rows = [[md_escape.cell(f.title), *_before_now(f)] for f in fields]
    return md_escape.table(["Field", "Before", "Now"], rows)


def moved_sentence(change: RecordChange) -> str:
    """How a move is said: from place N to place M in the order shown (the author's for
    a recommendation or heading, the chronology's for an entry: :func:`order_name`); a
    record that moved relative to the others but kept its place number says so."""
    tail = "; its content is unchanged." if change.kind == "moved" else "."
    order = order_name(change.record)
    if change.old_position == change.new_position:
        return (
            f"Moved relative to the others in {order} (place {change.new_position} "
            f"before and now){tail}"
        )
    return f"Moved from place {change.old_position} to place {change.new_position} in {order}{tail}"


def _record(change: RecordChange) -> list[str]:
    what = {"added": "added", "removed": "removed", "changed": "changed", "moved": "moved"}
    out = [f"#### {md_escape.heading_text(change.label)}: {what[change.kind]}"]
    if change.moved:
        out.append(moved_sentence(change))
    if change.fields:
        out.append(fields_table(change.fields))
    return out


def _step(step: StepChange) -> list[str]:
    out = [f"### {md_escape.heading_text(step.title)}"]
    if step.note:
        out.append(f"*{md_escape.inline(step.note.capitalize())}.*")
    if step.kind == "text":
        out.append(marked_block(step.words) or "*(no text either side)*")
    elif step.kind == "values":
        out.append(fields_table(step.values))
    else:
        for record in step.records:
            out += _record(record)
    return out


_COMMENT = {
    "opened": "Opened",
    "resolved": "Resolved",
    "reopened": "Reopened",
    "replied": "Reply",
    "removed": "Removed",
}


def _comment(c: CommentChange) -> str:
    who = f" by {md_escape.inline(c.by)}" if c.by.strip() else ""
    at = f", {c.at}" if c.at else ""
    head = f"- **{_COMMENT[c.kind]}** on {md_escape.inline(c.place)}{who}{at}: "
    text = md_escape.line(c.text) or "(no text)"
    if c.kind == "replied":
        return head + f"{text} (to: {md_escape.line(c.comment_text) or '(no text)'})"
    return head + text


def render_markdown(changes: Changes) -> str:
    """The whole of what changed as one Markdown document."""
    old, new = md_escape.heading_text(changes.old_label), md_escape.heading_text(changes.new_label)
    out = [f"# What changed from {old} to {new}"]
    out += [md_escape.block(n) for n in changes.notes]
    if changes.empty:
        out.append("No changes.")
    for section in changes.sections:
        out.append(f"## {md_escape.heading_text(section.title)}")
        for step in section.steps:
            out += _step(step)
    if changes.comments:
        out.append("## Comments")
        out.append("\n".join(_comment(c) for c in changes.comments))
    return "\n\n".join(out) + "\n"
