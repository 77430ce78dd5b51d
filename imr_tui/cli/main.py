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

from imr_tui.core.start_up import pause_collection, resume_collection

HANDLERS: dict[str, str] = {
    "new": "interview:cmd_new",
    "export": "export:cmd_export",
    "check": "check:cmd_check",
    "chronology": "chronology:cmd_chronology",
    "merge": "chronology:cmd_merge",
    "open": "interview:cmd_open",
    "plain": "interview:cmd_plain",
    "serve": "serve:cmd_serve",
    "trainer": "trainer:cmd_trainer",
    "pseudonyms": "names:cmd_pseudonyms",
    "glossary": "glossary:cmd_glossary",
    "backups": "backups:cmd_backups",
    "restore": "backups:cmd_restore",
    "unlock": "backups:cmd_unlock",
    "comment": "comments:cmd_comment",
    "comments": "comments:cmd_comments",
    "versions": "versions:cmd_versions",
    "diff": "diff:cmd_diff",
}
"""The function that runs each command: ``module:function`` in ``imr_tui.cli``, imported
only when its command runs (the interview does not wait for every other command's
modules to load)."""


def handler(command: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs ``command``."""
    import importlib

    module, name = HANDLERS[command].split(":")
    found: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"imr_tui.cli.{module}"), name
    )
    return found


INTERACTIVE = frozenset({"open", "plain", "serve", "trainer"})
"""Commands that draw on the terminal themselves: their output is not filtered."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``imr`` command; returns the exit code.

    Run as the command (``argv`` None), the garbage collector is paused while the modules
    load and, for the interview, until its first screen is up (see
    :mod:`imr_tui.core.start_up`); every other command resumes it once its arguments are read.
    """
    if argv is None:
        pause_collection()
    try:
        return _run(argv)
    finally:
        resume_collection()  # (the interview has resumed it already, after its first screen)


def _run(argv: Sequence[str] | None) -> int:
    from imr_tui.cli.output import visible_output
    from imr_tui.cli.parser import build_parser, normalise
    from imr_tui.core.errors import UserError

    args = build_parser().parse_args(normalise(list(sys.argv[1:] if argv is None else argv)))
    if args.command != "open":
        resume_collection()
    try:
        if args.command in INTERACTIVE:
            code = handler(args.command)(args)
        else:
            with visible_output():  # an author's text never acts on the terminal
                code = handler(args.command)(args)
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
