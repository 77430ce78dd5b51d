"""``imr versions``: the final reports sent, and the review as each was sent."""

from __future__ import annotations

import argparse

from imr_tui.core.errors import UserError


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``versions`` to the ``imr`` parser."""
    sub.add_parser("versions", parents=[common], help="list the versions of a review sent")


def cmd_versions(args: argparse.Namespace) -> int:
    raise UserError("imr versions: not built yet")
