"""``imr diff``: what changed in a review since a version was sent, or between two files."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.cli.common import data_files
from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Review
    from imr_tui.report.diff_model import Changes

DESCRIPTION = (
    "Show what changed, section by section in the template's order: prompts word by word "
    "(insertions {+like this+}, deletions [-like this-]), dates and lists old -> new, "
    "chronology entries, Terms of Reference headings and recommendations added, removed, "
    "changed (field by field) or moved (in the order shown: the chronology by date and "
    "time, the rest in your order), and comments opened, resolved and replied to. "
    "'imr diff FILE' compares the file now with the last version sent "
    "(imr export FILE --final keeps a copy of the review as sent); --from N compares "
    "version N with the file now; --from N --to M compares version N with version M; "
    "--to M alone shows what changed in version M (from version M-1 to M); "
    "'imr diff OLD.toml NEW.toml' compares two review files."
)
EPILOG = (
    "-o changes.md writes it as Markdown (insertions <ins>, deletions <del>; it renders on "
    "GitHub and through pandoc); --format docx (with -o) writes a Word document. Exit "
    "status: 0 whenever it ran, whether or not anything changed; 2 on an error (a file "
    "that cannot be read, a version not sent or not kept), said in one line."
)


FIRST_SENT = (
    "{file}: version {version} is the first sent: give --from, or compare with the file now "
    "by leaving out --to"
)
"""Said for ``--to 1`` without ``--from``: there is no version before it."""


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``diff`` to the ``imr`` parser."""
    p = sub.add_parser(
        "diff",
        parents=[common],
        help="show what changed since a version was sent",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the review file (or the older file)")
    p.add_argument(
        "new", nargs="?", type=Path, metavar="NEW", help="a second review file to compare FILE with"
    )
    p.add_argument(
        "--from", dest="from_version", type=int, metavar="N", help="compare from version N sent"
    )
    p.add_argument(
        "--to",
        dest="to_version",
        type=int,
        metavar="M",
        help="compare to version M sent (alone: from version M-1, what changed in version M)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write it to this file")
    p.add_argument(
        "--format",
        choices=("text", "md", "docx"),
        help="text (the terminal's form), md or docx (default: md for -o, else text)",
    )


def _versions(
    path: Path, catalogue: Catalogue, args: argparse.Namespace
) -> tuple[Review, Review, str, str, int | None, Review]:
    """The two reviews compared from one file and the versions it sent: ``--from N``
    (the last version sent when left out) with the file now; with ``--to M``, version
    ``N`` with version ``M``, ``N`` being ``M - 1`` when ``--from`` is left out."""
    from imr_tui.core.sent_copies import sent_review, sent_version
    from imr_tui.core.store import load

    review = load(path, catalogue)
    if args.to_version is None:
        old_sent = sent_version(review, args.from_version)
        old = sent_review(path, old_sent, catalogue)
        return old, review, f"version {old_sent.version}", "the file now", old_sent.version, review
    new_sent = sent_version(review, args.to_version)
    from_version = args.from_version
    if from_version is None:  # --to M alone: what changed in version M
        if new_sent.version <= 1:
            raise UserError(FIRST_SENT.format(file=path, version=new_sent.version))
        from_version = new_sent.version - 1
    old_sent = sent_version(review, from_version)
    old = sent_review(path, old_sent, catalogue)
    new = sent_review(path, new_sent, catalogue)
    return (
        old,
        new,
        f"version {old_sent.version}",
        f"version {new_sent.version}",
        old_sent.version,
        review,
    )


def compare_args(args: argparse.Namespace, catalogue: Catalogue) -> tuple[Changes, Path, Review]:
    """What changed as the arguments ask; with the review (and its path) -o is checked against."""
    from imr_tui.core.store import load
    from imr_tui.report.diff_build import compare

    if args.new is not None:
        if args.from_version is not None or args.to_version is not None:
            raise UserError(
                f"{args.new}: --from and --to compare versions of one file; give one file "
                "with them, or two files without them"
            )
        old, new = load(args.file, catalogue), load(args.new, catalogue)
        changes = compare(old, new, catalogue, str(args.file), str(args.new))
        return changes, args.new, new
    old, new, old_label, new_label, version, review = _versions(args.file, catalogue, args)
    return compare(old, new, catalogue, old_label, new_label, version), args.file, review


def _docx_renderer() -> Callable[[Changes], bytes]:
    """The Word renderer of the diff, or a one-line error while there is none."""
    try:
        module = importlib.import_module("imr_tui.report.diff_word")
    except ImportError:
        module = None
    render = getattr(module, "diff_docx", None)
    if render is None:
        raise UserError("imr diff: --format docx is not available in this version; use -o FILE.md")
    return render  # type: ignore[no-any-return]


def nothing_changed(changes: Changes) -> str:
    """The line said when nothing changed."""
    if changes.old_version is not None and changes.new_label == "the file now":
        return f"No changes since version {changes.old_version}."
    return f"No changes from {changes.old_label} to {changes.new_label}."


def cmd_diff(args: argparse.Namespace) -> int:
    """Print or write what changed."""
    from imr_tui.core.sent_copies import refuse_targets
    from imr_tui.core.store import write_bytes_private
    from imr_tui.report.diff_markdown import render_markdown
    from imr_tui.report.diff_text import render_text

    out: Path | None = args.output
    fmt = args.format or (
        "docx" if out and out.suffix.lower() == ".docx" else "md" if out else "text"
    )
    if fmt == "docx" and out is None:
        raise UserError(f"{args.file}: --format docx writes a file: name it with -o FILE.docx")
    if fmt == "text" and out is not None:
        raise UserError(f"{out}: -o writes Markdown or Word: leave out --format text")
    render_docx = _docx_renderer() if fmt == "docx" else None
    catalogue = data_files(args).catalogue
    changes, review_path, review = compare_args(args, catalogue)
    if out is not None:
        for given in (args.file, args.new):
            if given is not None and out.resolve() == given.resolve():
                raise UserError(f"{out}: is a review being compared; choose another -o")
        refuse_targets(review_path, review, [out], final=False)
        if render_docx is not None:
            data = render_docx(changes)
        else:
            data = render_markdown(changes).encode("utf-8")
        write_bytes_private(out, data)
        said = nothing_changed(changes) + " " if changes.empty else ""
        print(f"{said}What changed from {changes.old_label} to {changes.new_label} is in {out}")
        return 0
    if changes.empty:
        print(nothing_changed(changes))
        return 0
    if fmt == "md":
        print(render_markdown(changes), end="")
    else:
        for line in render_text(changes):
            print(line)
    return 0
