"""``imr check``: the quality checks' report, ``--renumber`` for records sharing an id, and
``--accept ABBR="MEANING"`` (or ``--accept ABBR`` as written) before the report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.cli.common import data_files, open_to_change
from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.data_files import DataFiles


def cmd_check(args: argparse.Namespace) -> int:
    from imr_tui.checks import report, run_checks
    from imr_tui.core.store import load

    data = data_files(args)
    catalogue = data.catalogue
    glossary = data.glossary
    if args.renumber:
        _renumber(args.file, catalogue)
    if args.accept:
        _accept(args.file, list(args.accept), data)
    findings = run_checks(catalogue, load(args.file, catalogue), glossary)
    note = data.fallback_note()
    if note:
        print(note)
    print(report(findings, catalogue), end="")
    return 1 if findings else 0


def _parse_accept(path: Path, text: str) -> tuple[str, str | None]:
    """``ABBR="MEANING"`` as ``(ABBR, MEANING)``, ``ABBR`` alone as ``(ABBR, None)``;
    refused in one line naming the review when either part is empty or not plain text."""
    from imr_tui.cli.glossary import check_meaning, check_word

    word, equals, meaning = text.partition("=")
    command = f"{path}: --accept {text!r}"
    abbr = check_word(word, command)
    if not equals:
        return abbr, None
    return abbr, check_meaning(meaning, abbr, command)


def _accept(path: Path, accepts: list[str], data: DataFiles) -> None:
    """``--accept``: each abbreviation accepted (with its meaning, when given) under the
    file lock and saved at once; all refused, nothing saved, if one is bad."""
    from imr_tui.checks.abbreviation_accept import accept_as_written
    from imr_tui.cli.glossary import kept_as, used_in_review

    glossary, catalogue = data.glossary, data.catalogue
    wanted = [_parse_accept(path, a) for a in accepts]
    notes: list[str] = []
    with open_to_change(path, catalogue) as session:
        review = session.review
        found: list[tuple[str, str | None]] = []
        for typed, meaning in wanted:
            abbr = used_in_review(review, glossary, catalogue, glossary.canonical(typed) or typed)
            if not abbr:
                raise UserError(
                    f"{path}: --accept {typed}: the review does not use '{typed}' (a typo?); "
                    f"nothing was changed. List the abbreviations it uses with: "
                    f"imr glossary {path} list"
                )
            found.append((abbr, meaning))
        for abbr, meaning in found:
            if meaning is None:
                how = f'imr check {path} --accept {abbr}="MEANING"'
                notes.append(accept_as_written(session, catalogue, glossary, abbr, how))
                continue
            kept = kept_as(session.review, abbr) or abbr
            before = session.review.abbreviation_meanings.get(kept, "").strip()
            session.set_abbreviation_meaning(kept, meaning)
            instead = f' instead of "{before}"' if before and before != meaning else ""
            notes.append(
                f'"{abbr}" is accepted for this review: the export\'s glossary prints '
                f'"{meaning}"{instead}.'
            )
        if not session.save():
            raise UserError(session.error)
    for note in notes:
        print(note)


def _renumber(path: Path, catalogue: Catalogue) -> None:
    """``imr check FILE --renumber``: new ids for records that share one, under the lock.

    The file does not load while records share ids, so it cannot go through
    :func:`open_to_change`; a journal beside it is left for the interview to offer.
    """
    from imr_tui.core.lock import ReviewLock
    from imr_tui.core.store import renumber

    with ReviewLock.acquire(path):
        count = renumber(path, catalogue)
    if count:
        records = "record" if count == 1 else "records"
        print(
            f"Gave new ids to {count} {records} of {path} that shared an id with another; "
            "nothing else was changed."
        )
    else:
        print(f"No records of {path} share an id; nothing was changed.")
    journal_note(path)


def journal_note(path: Path) -> None:
    """Say so when a journal beside ``path`` still holds changes a session did not save."""
    from imr_tui.core.journal import read_journal

    found = read_journal(path)
    if found is not None:
        print(
            f"Note: typing a session never saved ({found.describe()}) is still kept beside "
            f"the review; 'imr {path}' offers it back."
        )
