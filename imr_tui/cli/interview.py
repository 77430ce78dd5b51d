"""``imr new``, ``imr open`` (the Textual interview), and ``imr plain``.

Front ends are imported only when used, so other commands never load Textual and the
Textual interview never loads questionary.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping

from imr_tui.cli.common import data_files


def cmd_new(args: argparse.Namespace) -> int:
    from imr_tui.core.store import create
    from imr_tui.core.workspace import check_review_path

    check_review_path(args.file, creating=True)  # the one rule for a new review's name
    data = data_files(args)
    catalogue = data.catalogue
    if args.example:
        from imr_tui.core.example import load_example

        create(args.file, catalogue, load_example(catalogue, data.example_path))
        print(
            f"Created {args.file}, a fictional worked example. "
            f"Find its weaknesses with: imr check {args.file}"
        )
        return 0
    create(args.file, catalogue)
    print(f"Created {args.file}. Open it with: imr {args.file}")
    return 0


def wants_plain(environ: Mapping[str, str]) -> bool:
    """Whether the environment asks for plain mode: ``TERM=dumb``, ``IMR_PLAIN=1`` or
    ``IMR_ACCESSIBLE=1`` (plain lines only; ``NO_COLOR`` alone keeps the full screen)."""
    return (
        environ.get("TERM", "") == "dumb"
        or environ.get("IMR_PLAIN", "") == "1"
        or environ.get("IMR_ACCESSIBLE", "") == "1"
    )


def cmd_plain(args: argparse.Namespace) -> int:
    from imr_tui.core.start_up import resume_collection
    from imr_tui.plain import run_plain

    resume_collection()  # plain mode's start-up is quick; only the full screen's is paused

    data = data_files(args)
    catalogue = data.catalogue
    return run_plain(
        catalogue,
        args.file,
        args.workspace,
        glossary=data.glossary,
        training=args.training,
        accessible=args.accessible,
        editor=args.editor,
    )


def cmd_open(args: argparse.Namespace) -> int:
    # --accessible and --editor are plain mode's: asking for them asks for plain mode
    if args.plain or args.accessible or args.editor or wants_plain(os.environ):
        return cmd_plain(args)
    data = data_files(args)
    catalogue = data.catalogue
    from imr_tui.tui.run import run_interview

    return run_interview(
        catalogue, args.file, args.workspace, training=args.training, data_files=data
    )
