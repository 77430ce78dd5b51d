"""``imr trainer``: the trainer's view of a workshop, in a terminal."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from imr_tui.cli.common import data_files
from imr_tui.core.errors import UserError


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Register ``imr trainer`` and its options."""
    p = sub.add_parser(
        "trainer",
        parents=[common],
        help="the trainer's view of a workshop",
        description=(
            "The trainer's view of a workshop served with 'imr serve': who is in, their "
            "progress and the checks' findings; read any review and comment on it; hand "
            "out a case file, reset a trainee, give personal codes, switch model answers "
            "on or off for the room, and collect everyone's work as one zip."
        ),
    )
    p.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        required=True,
        help="the workshop's folder (the one given to 'imr serve --workspace')",
    )
    p.add_argument(
        "--cases",
        type=Path,
        metavar="FOLDER",
        help="a folder of starting files (reviews) to hand out",
    )
    p.add_argument(
        "--example",
        action="store_true",
        help="the worked example can be handed out too",
    )


def check_folders(workspace: Path, cases: Path | None) -> None:
    """The workspace and the cases folder exist and are folders (one line each if not)."""
    if not workspace.is_dir():
        raise UserError(f"{workspace}: no such folder for the workshop (--workspace)")
    if not os.access(workspace, os.R_OK | os.W_OK | os.X_OK):
        raise UserError(f"{workspace}: the workshop's folder cannot be read and written here")
    if cases is not None and not cases.is_dir():
        raise UserError(f"{cases}: no such folder of case files (--cases)")


def cmd_trainer(args: argparse.Namespace) -> int:
    """Run the trainer's view."""
    check_folders(args.workspace, args.cases)
    data = data_files(args)
    catalogue = data.catalogue  # a broken catalogue is one line, before anything is drawn
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("imr trainer needs a terminal (or use the trainer's address of imr serve)")
    os.umask(0o077)
    from imr_tui.tui.link_settings import apply_link_settings

    apply_link_settings()  # over SSH: fewer bytes (before Textual reads its settings)
    from imr_tui.tui.safe_app import responsive_to_typing
    from imr_tui.tui.trainer.app import TrainerApp

    app = TrainerApp(
        args.workspace,
        catalogue,
        data,
        cases_folder=args.cases,
        example=args.example,
        handle_signals=True,
    )
    responsive_to_typing()
    code = app.run()
    return code if isinstance(code, int) else 0
