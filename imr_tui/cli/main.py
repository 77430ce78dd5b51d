"""The ``imr`` command: parses the arguments and hands over to the command's module.

Each group of commands has a module of its own (``interview``, ``export``, ``check``,
``names``, ``backups``, ``chronology``); front ends are imported only when used, so
``imr export`` never loads Textual and the Textual interview never loads questionary.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from imr_tui.cli.backups import cmd_backups, cmd_restore, cmd_unlock
from imr_tui.cli.check import cmd_check
from imr_tui.cli.chronology import cmd_chronology, cmd_merge
from imr_tui.cli.comments import cmd_comment, cmd_comments
from imr_tui.cli.diff import cmd_diff
from imr_tui.cli.export import cmd_export
from imr_tui.cli.glossary import cmd_glossary
from imr_tui.cli.interview import cmd_new, cmd_open, cmd_plain
from imr_tui.cli.names import cmd_pseudonyms
from imr_tui.cli.output import visible_output
from imr_tui.cli.parser import build_parser, normalise
from imr_tui.cli.serve import cmd_serve
from imr_tui.cli.trainer import cmd_trainer
from imr_tui.cli.versions import cmd_versions
from imr_tui.core.errors import UserError

HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new,
    "export": cmd_export,
    "check": cmd_check,
    "chronology": cmd_chronology,
    "merge": cmd_merge,
    "open": cmd_open,
    "plain": cmd_plain,
    "serve": cmd_serve,
    "trainer": cmd_trainer,
    "pseudonyms": cmd_pseudonyms,
    "glossary": cmd_glossary,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "unlock": cmd_unlock,
    "comment": cmd_comment,
    "comments": cmd_comments,
    "versions": cmd_versions,
    "diff": cmd_diff,
}
"""The function that runs each command."""
INTERACTIVE = frozenset({"open", "plain", "serve", "trainer"})
"""Commands that draw on the terminal themselves: their output is not filtered."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``imr`` command; returns the exit code."""
    args = build_parser().parse_args(normalise(list(sys.argv[1:] if argv is None else argv)))
    try:
        if args.command in INTERACTIVE:
            code = HANDLERS[args.command](args)
        else:
            with visible_output():  # an author's text never acts on the terminal
                code = HANDLERS[args.command](args)
        # Flushed here, so a reader gone away is met below and not at the exit.
        sys.stdout.flush()
        return code
    except UserError as e:
        print(f"imr: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("imr: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # What the output went to stopped reading (``imr ... | head``). Nothing more can be
        # shown, so the rest is dropped quietly; standard output is pointed at the null
        # device so the interpreter's last flush on the way out does not fail again with
        # a traceback. Exit code 1, not the shell's 141 (killed by SIGPIPE): the command
        # did not run to its end, and 1 is what the commands' help documents for that,
        # where 141 would tell a script a signal arrived that Python never lets kill it.
        # An import writes only after its preview, so a pipe closed during the preview
        # leaves the review untouched (the lock is released on the way out).
        _quiet_stdout()
        return 1


def _quiet_stdout() -> None:
    """Send what is still to be written to standard output to the null device."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
