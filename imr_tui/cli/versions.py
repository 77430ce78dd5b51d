"""``imr versions``: the final reports sent, and the review as each was sent."""

from __future__ import annotations

import argparse
from pathlib import Path

from imr_tui.cli.common import data_files

DESCRIPTION = (
    "List each final report sent (imr export FILE --final), oldest first: its version, "
    "when it was sent, its format, the report's file, whether the copy of the review as "
    "sent is kept (what 'imr diff' compares with) and whether the kept copies are intact."
)


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``versions`` to the ``imr`` parser."""
    p = sub.add_parser(
        "versions",
        parents=[common],
        help="list the versions of a review sent",
        description=DESCRIPTION,
        epilog="Exit status: 0 when listed (also when none was sent), 2 on an error.",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the review file")


def version_lines(review_path: Path) -> list[str]:
    """One line per version sent, or one line saying how to send one."""
    from imr_tui.core.sent_copies import copy_problem
    from imr_tui.core.store import load

    review = load(review_path)
    if not review.sent:
        return [
            f"{review_path}: no final report has been sent yet; "
            f"'imr export {review_path} --final' sends one"
        ]
    out = []
    for s in review.sent:
        report = s.written[0] if s.written else s.kept_copy
        kept = "review kept" if s.review_copy else "sent before reviews were kept"
        problem = copy_problem(review_path, s)
        intact = f"copy problem: {problem}" if problem else "copies intact"
        sent = s.exported.strftime("%d/%m/%Y %H:%M")
        out.append(f"Version {s.version}: sent {sent}, {s.format}, {report}; {kept}; {intact}")
    return out


def cmd_versions(args: argparse.Namespace) -> int:
    """Print the versions of a review sent."""
    data_files(args)  # a --prompts that names nothing is refused here too
    for line in version_lines(args.file):
        print(line)
    return 0
