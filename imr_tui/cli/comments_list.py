"""What ``imr comments`` prints: a comment as a block of lines, and the filters that choose them.

Control characters in a comment (its text came from a person or a spreadsheet) are made
visible by the command's output (:mod:`imr_tui.cli.output`), never here: the lines hold the
text as written.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Comment, Review


def _when(comment: Comment | object) -> str:
    at = getattr(comment, "at", None)
    return f"{at:%d/%m/%Y %H:%M}" if at is not None else ""


def _indented(text: str, indent: str) -> list[str]:
    return [f"{indent}{line}" if line.strip() else "" for line in text.splitlines() or [""]]


def where_of(comment: Comment, review: Review, catalogue: Catalogue) -> str:
    """The comment's place in words, ``(detached: ...)`` when it was deleted."""
    from imr_tui.core.comment_places import describe_comment, is_detached

    where = describe_comment(comment, review, catalogue)
    return f"(detached: {where})" if is_detached(comment, review, catalogue) else where


def comment_block(comment: Comment, review: Review, catalogue: Catalogue) -> list[str]:
    """What ``imr comments`` prints for one comment."""
    lines = [
        f"Comment {comment.id} ({comment.state}) on {where_of(comment, review, catalogue)}",
        f"  by {' '.join(comment.by.split()) or '(no name)'}, {_when(comment)}",
        *_indented(comment.text, "    "),
    ]
    for reply in comment.replies:
        lines.append(f"  reply by {' '.join(reply.by.split()) or '(no name)'}, {_when(reply)}")
        lines += _indented(reply.text, "    ")
    if not comment.is_open:
        at = f", {comment.resolved_at:%d/%m/%Y %H:%M}" if comment.resolved_at else ""
        lines.append(f"  resolved by {' '.join(comment.resolved_by.split()) or '?'}{at}")
    return lines


def sections_of(comment: Comment, review: Review, catalogue: Catalogue) -> set[str]:
    """The ids of the template's sections the comment's place is in: one, but a Terms
    of Reference heading is in both the section listing the headings and the analysis
    section answering them (none for a prompt not in the template)."""
    from imr_tui.core.comment_places import place_of, step_of
    from imr_tui.core.steps import SEP

    place = place_of(comment)
    steps = {step_of(place, review, catalogue)}
    if place.kind == "heading":
        kinds = ("headings", "tor_analysis")
        steps |= {p.id for p in catalogue.prompts() if p.kind in kinds}
    found = set()
    for step in steps:
        with contextlib.suppress(KeyError):
            found.add(catalogue.section_of(step.split(SEP)[0]).id)
    return found


def _section(written: str, catalogue: Catalogue, file: Path) -> str:
    wanted = " ".join(written.split()).casefold()
    for s in catalogue.sections:
        if wanted in (s.id.casefold(), " ".join(s.title.split()).casefold()):
            return s.id
    listed = ", ".join(s.id for s in catalogue.sections)
    raise UserError(f"{file}: --section '{written}' is not a section: use one of {listed}")


def chosen(args: argparse.Namespace, review: Review, catalogue: Catalogue) -> list[Comment]:
    """The comments the filters of ``imr comments`` keep, in the file's order."""
    section = _section(args.section, catalogue, args.file) if args.section else ""
    name = " ".join((args.by or "").split()).casefold()
    kept = []
    for c in review.comments:
        if (args.open and not c.is_open) or (args.resolved and c.is_open):
            continue
        if name and name not in " ".join(c.by.split()).casefold():
            continue
        if section and section not in sections_of(c, review, catalogue):
            continue
        kept.append(c)
    return kept


def count_line(comments: list[Comment]) -> str:
    n, still = len(comments), sum(1 for c in comments if c.is_open)
    return f"{n} comment{'' if n == 1 else 's'}, {still} open."
