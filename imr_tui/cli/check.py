"""``imr check``: the quality checks' report, and ``--renumber`` for records sharing an id."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.cli.common import data_files

if TYPE_CHECKING:
    from imr_tui.core.catalogue import Catalogue


def cmd_check(args: argparse.Namespace) -> int:
    from imr_tui.checks import report, run_checks
    from imr_tui.core.store import load

    data = data_files(args)
    catalogue = data.catalogue
    glossary = data.glossary
    if args.renumber:
        _renumber(args.file, catalogue)
    findings = run_checks(catalogue, load(args.file, catalogue), glossary)
    note = data.fallback_note()
    if note:
        print(note)
    print(report(findings, catalogue), end="")
    return 1 if findings else 0


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
