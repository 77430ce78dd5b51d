"""What the commands share: the data files from ``--prompts``, and opening a review to change it."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
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
