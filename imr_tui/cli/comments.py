"""``imr comment`` and ``imr comments``: the panel's comments from the command line."""

from __future__ import annotations

import argparse

from imr_tui.core.errors import UserError


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``comment`` and ``comments`` to the ``imr`` parser."""
    sub.add_parser("comment", parents=[common], help="add a comment to a place of a review")
    sub.add_parser("comments", parents=[common], help="list a review's comments, or import them")


def cmd_comment(args: argparse.Namespace) -> int:
    raise UserError("imr comment: not built yet")


def cmd_comments(args: argparse.Namespace) -> int:
    raise UserError("imr comments: not built yet")
