"""``imr pseudonyms``: list, add, change and remove the names an anonymised export replaces,
and ``check``: every mention an anonymised export would replace, in context."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Iterable
from typing import TYPE_CHECKING

from imr_tui.cli.common import data_files, open_to_change
from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.report.leftovers import Leftover
    from imr_tui.report.mentions import Mention, Preview, Suggestion


def cmd_pseudonyms(args: argparse.Namespace) -> int:
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.pseudonym_rules import edited, key, name_problem
    from imr_tui.core.store import load

    if args.action == "check":
        return cmd_pseudonyms_check(args)
    catalogue = load_catalogue(args.prompts)
    if args.action is None:
        listed = [p for p in load(args.file, catalogue).pseudonyms if p.name.strip()]
        if not listed:
            print(f"No names are listed. Add one with: imr pseudonyms {args.file} add NAME ALIAS")
        for p in listed:
            print(f"{p.name} -> {p.alias or '(no alias yet)'}{f' ({p.kind})' if p.kind else ''}")
        return 0
    name = " ".join(args.name.split())
    problem = name_problem(name, [])  # a listed name is changed, not refused
    if problem:
        raise UserError(f"'{args.name}': {problem}")
    with open_to_change(args.file, catalogue) as session:
        rows = list(session.review.pseudonyms)
        at = next((i for i, p in enumerate(rows) if key(p.name) == key(name)), None)
        if args.action == "remove":
            if at is None:
                raise UserError(f"{args.file}: '{name}' is not listed")
            del rows[at]
            message = f"Removed {name}."
        else:
            alias = " ".join(args.alias.split())
            if not alias:
                raise UserError(f"'{args.name}': the pseudonym (ALIAS) is empty")
            row = edited(rows[at] if at is not None else None, name, alias)
            if args.kind.strip():
                row = row.model_copy(update={"kind": args.kind.strip()})
            if at is None:
                rows.append(row)
                message = f"Added: {name} -> {alias}."
            else:
                rows[at] = row
                message = f"Changed: {name} -> {alias}."
        session.set_pseudonyms(rows)
        if not session.save():
            raise UserError(session.error)
    print(message)
    return 0


# ---------------------------------------------------------------- check


def cmd_pseudonyms_check(args: argparse.Namespace) -> int:
    """Print every mention an anonymised export replaces, what would still be found, and
    words that may be names nobody listed. Reads the review only; exit 1 when something
    would still be found."""
    from imr_tui.core.store import load
    from imr_tui.report.mentions import preview

    data = data_files(args)
    catalogue = data.catalogue
    review = load(args.file, catalogue)
    found = preview(review, catalogue, data.glossary, file=str(args.file))
    print("\n".join(check_lines(found, str(args.file))))
    return 1 if found.leftovers else 0


_OPENING = "([{\"'‘“/-_@"
"""After these, a mention follows without a space."""
_CLOSING = ".,;:!?)]}\"'’”/…-_@"
"""Before these, a context follows a mention without a space."""


def joined(before: str, found: str, after: str) -> str:
    """``before FOUND after`` on one line, with a space between them where one belongs
    (the context either side may come without the space at its edge)."""
    if before and not before[-1].isspace() and before[-1] not in _OPENING:
        before += " "
    if after and not after[0].isspace() and after[0] not in _CLOSING:
        after = " " + after
    return " ".join(f"{before}{found}{after}".split())


def context(before: str, found: str, after: str) -> str:
    """``…before FOUND after…`` on one line (line breaks and runs of spaces as one space)."""
    return f"…{joined(before, found, after)}…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _mention_lines(mentions: Iterable[Mention]) -> list[str]:
    lines: list[str] = []
    group: tuple[str, str] | None = None
    for m in mentions:
        where = m.where if m.where and m.where != m.section else ""
        if (m.section, where) != group:
            group = (m.section, where)
            lines += ["", _one_line(f"{m.section} ({where})" if where else m.section)]
        lines.append(
            f'  "{_one_line(m.found)}" -> "{_one_line(m.becomes)}"   '
            f"{context(m.before, m.found, m.after)}"
        )
    return lines


def _leftover_lines(leftovers: Iterable[Leftover], file: str) -> list[str]:
    lines = ["", "Still found in an anonymised export:"]
    for left in leftovers:
        lines.append(f"  {_one_line(str(left))}")
        form = left.form  # the exact text to list; empty when it is not a name
        if form:
            lines.append(
                f"    list it with: imr pseudonyms {shlex.quote(file)} add "
                f"{shlex.quote(_one_line(form))} ALIAS"
            )
    return lines


def _suggestion_lines(suggestions: Iterable[Suggestion]) -> list[str]:
    lines = ["", "Maybe names nobody listed:"]
    for s in suggestions:
        lines.append(
            f'  "{_one_line(s.word)}" in {_one_line(s.section)}   '
            f"{context(s.before, s.word, s.after)}"
        )
    return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def check_lines(found: Preview, file: str) -> list[str]:
    """What ``imr pseudonyms FILE check`` prints, line by line."""
    lines = ["Each mention an anonymised export replaces, and what it becomes:"]
    if found.mentions:
        lines += _mention_lines(found.mentions)
    else:
        lines.append("  (none: no listed name or identifier is written in the review)")
    if found.leftovers:
        lines += _leftover_lines(found.leftovers, file)
    if found.suggestions:
        lines += _suggestion_lines(found.suggestions)
    total = (
        f"{_count(len(found.mentions), 'mention', 'mentions')} replaced; "
        f"{_count(len(found.leftovers), 'thing', 'things')} still found; "
        f"{_count(len(found.suggestions), 'word', 'words')} that may be a name."
    )
    tail = " Nothing is written."
    if found.leftovers:
        tail = (
            " An anonymised export would not be written until each thing still found is "
            "listed or removed."
        )
    if found.suggestions:
        tail += " Words that may be a name do not stop an export: check each."
    return [*lines, "", total + tail]
