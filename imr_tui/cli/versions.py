"""``imr versions``: the final reports sent, and the review as each was sent."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.cli.common import data_files

if TYPE_CHECKING:
    from imr_tui.core.model import SentVersion

DESCRIPTION = (
    "List each final report sent (imr export FILE --final), oldest first: its version, "
    "when it was sent, its format, the report's file, whether the copy of the review as "
    "sent is kept (what 'imr diff' compares with: 'review kept', or 'review copy missing' "
    "or 'review copy changed' when it is not what was kept) and whether the kept copies "
    "of the report are intact."
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


def review_state(review_path: Path, sent: SentVersion) -> str:
    """Whether the copy of the review as sent is there as kept: ``review kept``, ``review
    copy missing (PATH)``, ``review copy changed (PATH)``, or ``sent before reviews were
    kept`` (an older imr-tui kept none)."""
    from imr_tui.core.sent_copies import digest

    if not sent.review_copy:
        return "sent before reviews were kept"
    copy = review_path.parent / sent.review_copy
    try:
        data = copy.read_bytes()
    except OSError:
        return f"review copy missing ({copy})"
    if sent.review_sha256 and digest(data) != sent.review_sha256:
        return f"review copy changed ({copy})"
    return "review kept"


def report_state(review_path: Path, sent: SentVersion) -> str:
    """Whether the kept copies of the report (not the review's: see :func:`review_state`)
    are intact: ``copies intact`` or ``copy problem: ...``."""
    from imr_tui.core.sent_copies import copy_problem

    problem = copy_problem(review_path, sent.model_copy(update={"review_copy": ""}))
    return f"copy problem: {problem}" if problem else "copies intact"


def version_lines(review_path: Path) -> list[str]:
    """One line per version sent, or one line saying how to send one."""
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
        kept, intact = review_state(review_path, s), report_state(review_path, s)
        if kept.startswith("review copy") and intact == "copies intact":
            intact = "the report's copies intact"
        sent = s.exported.strftime("%d/%m/%Y %H:%M")
        out.append(f"Version {s.version}: sent {sent}, {s.format}, {report}; {kept}; {intact}")
    return out


def cmd_versions(args: argparse.Namespace) -> int:
    """Print the versions of a review sent."""
    data_files(args)  # a --prompts that names nothing is refused here too
    for line in version_lines(args.file):
        print(line)
    return 0
