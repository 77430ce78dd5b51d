"""``imr diff``: what changed in a review since a version was sent, or between two files."""

from __future__ import annotations

import argparse

from imr_tui.core.errors import UserError


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``diff`` to the ``imr`` parser."""
    sub.add_parser("diff", parents=[common], help="show what changed since a version was sent")


def cmd_diff(args: argparse.Namespace) -> int:
    raise UserError("imr diff: not built yet")
