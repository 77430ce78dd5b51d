"""``imr pseudonyms``: list, add, change and remove the names an anonymised export replaces."""

from __future__ import annotations

import argparse

from imr_tui.cli.common import open_to_change
from imr_tui.core.errors import UserError


def cmd_pseudonyms(args: argparse.Namespace) -> int:
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.pseudonym_rules import edited, key, name_problem
    from imr_tui.core.store import load

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
