"""What the commands share: the data files from ``--prompts``, and opening a review to change it."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.data_files import DataFiles
    from imr_tui.core.session import Session


def data_files(args: argparse.Namespace) -> DataFiles:
    """The data files for this command, resolved once from ``--prompts``."""
    from imr_tui.core.data_files import DataFiles

    return DataFiles.resolve(args.prompts)


@contextlib.contextmanager
def open_to_change(path: Path, catalogue: Catalogue) -> Iterator[Session]:
    """Lock a review, then load it, for a command that changes it; unlock at the end.

    Taking the lock before reading means no session can save in between and undo the
    change. A journal left by an interview that ended abruptly holds typing that was
    never saved: the command refuses rather than write over it (or decide for the
    author), and says how to get it back.
    """
    from imr_tui.core.session import open_session

    session, recovered = open_session(path, catalogue, journal=False)
    try:
        if recovered is not None:
            raise UserError(
                f"{path}: holds typing that was never saved when its last session ended "
                f"({recovered.describe()}); open it with 'imr {path}' to put it back (or "
                "discard it) first. Nothing was changed"
            )
        yield session
    finally:
        if session.lock is not None:
            session.lock.release()


def nothing_new(file: Path, table: str, problems: int, duplicates: int) -> int:
    """Say why an import that found no new row imports nothing; its exit status (0 when
    every row is already in the review, else 1)."""
    if problems:
        already = ", and the others are already in the review" if duplicates else ""
        print(f"Nothing imported: the rows listed cannot be read{already}.")
        return 1
    if not duplicates:
        print(f"Nothing imported: {table} has no rows below its headings.")
        return 1
    print(f"Nothing new to import: every row is already in {file}.")
    return 0


def confirm_import(
    file: Path, what: str, problems: int, *, yes: bool, interactive: bool, ask: Callable[[str], str]
) -> bool:
    """Whether to import ``what`` (``3 entries``) into ``file``: yes with ``--yes``, else
    the author's answer; refused (:class:`UserError`) with no terminal to ask on."""
    if yes:
        return True
    if not interactive:
        raise UserError(
            f"{file}: not imported: there is no terminal to confirm on; "
            "run again with --yes to import without asking"
        )
    left = f" ({problems} rows that cannot be read left out)" if problems else ""
    try:
        answer = ask(f"Import {what} into {file}{left}? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    print("Nothing imported.")
    return False


def unreadable_message(table: Path, problems: Sequence[object]) -> str:
    """Why ``--yes`` refuses when rows cannot be read: each row and why, on one line."""
    n = len(problems)
    rows = "; ".join(str(p) for p in problems)
    return (
        f"{table}: nothing imported: {n} row{'' if n == 1 else 's'} cannot be read ({rows}); "
        "--skip-unreadable imports the other rows and leaves "
        f"{'that one' if n == 1 else 'those'} out"
    )
