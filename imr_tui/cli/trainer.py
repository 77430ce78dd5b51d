"""``imr trainer``: the trainer's view of a workshop, in a terminal."""

from __future__ import annotations

import argparse

from imr_tui.core.errors import UserError


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Register ``imr trainer`` and its options."""
    sub.add_parser("trainer", parents=[common], help="the trainer's view of a workshop")


def cmd_trainer(args: argparse.Namespace) -> int:
    """Run the trainer's view."""
    raise UserError("imr trainer: not built yet")
