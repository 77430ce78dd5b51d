"""``imr export``: the report beside the review as Markdown or Word, optionally anonymised."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.cli.common import data_files
from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.checks import Glossary
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Review
    from imr_tui.report.anonymised_export import Outcome
    from imr_tui.report.blocks import Edition
    from imr_tui.report.leftovers import Leftover


def export_path(review_path: Path, fmt: str = "md") -> Path:
    """Where an export that keeps the names goes by default: beside the review, ``.md``
    (or ``.docx``) for ``.toml``. An anonymised export is named otherwise (see
    :func:`imr_tui.report.anonymised_export.default_anonymised_path`)."""
    stem = review_path.with_suffix("")
    return stem.with_name(f"{stem.name}.{fmt}")


WITH_COMMENTS_ANONYMISED = (
    "{file}: --with-comments and --anonymise cannot go together: comments are never in an "
    "anonymised export"
)


def report_files(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None,
    fmt: str,
    out: Path,
    edition: Edition,
    with_comments: bool = False,
) -> dict[Path, bytes]:
    """Every file of an export (:func:`imr_tui.report.export_files.export_files`), with
    the review's comments in the report only when ``with_comments`` (``--with-comments``)."""
    from imr_tui.report.export_files import export_files, render_files
    from imr_tui.report.walker import walk

    if not with_comments:
        return export_files(review, catalogue, glossary, fmt, out, edition)
    blocks = walk(review, catalogue, glossary, edition=edition, comments=True)
    return render_files(blocks, catalogue.title, fmt, out)


def cmd_export(args: argparse.Namespace) -> int:
    from imr_tui.core.controller.export import write_files
    from imr_tui.core.sent_copies import refuse_targets
    from imr_tui.core.store import load
    from imr_tui.report.export_files import edition_for

    fmt = args.format or ("docx" if args.output and args.output.suffix == ".docx" else "md")
    if fmt == "docx":
        from imr_tui.report.word import require_docx

        require_docx()
    data = data_files(args)
    catalogue = data.catalogue
    glossary = data.glossary
    if args.anonymise and args.final:
        raise UserError(
            f"{args.file}: --final and --anonymise cannot go together: the final report is the "
            "one the panel receives, with names; an anonymised export is a copy for sharing"
        )
    with_comments = bool(getattr(args, "with_comments", False))
    if args.anonymise and with_comments:
        raise UserError(WITH_COMMENTS_ANONYMISED.format(file=args.file))
    if args.anonymise:
        review = load(args.file, catalogue)
        if args.output is not None:  # its default name is its own, never a final's
            refuse_targets(args.file, review, [args.output], final=False)
        return export_anonymised_command(args.file, review, catalogue, glossary, fmt, args)
    out = args.output or export_path(args.file, fmt)
    if out.resolve() == args.file.resolve():
        raise UserError(f"{out}: the export would overwrite the review itself; choose another -o")
    if args.final:
        return final_export(args.file, catalogue, glossary, fmt, args.output, with_comments)
    review = load(args.file, catalogue)
    made = report_files(review, catalogue, glossary, fmt, out, edition_for(None), with_comments)
    refuse_targets(args.file, review, list(made), final=False, named=args.output is not None)
    written = write_files(made)
    print(f"Exported to {' and '.join(str(w) for w in written)}")
    print(draft_note(review, catalogue, glossary))
    return 0


def draft_note(review: Review, catalogue: Catalogue, glossary: Glossary) -> str:
    """What a draft export says after writing: that it is a draft, how many things the
    checks would query, and how many stop a final report (never silent about them)."""
    from imr_tui.checks import run_checks
    from imr_tui.report.final_gate import final_problems

    queries = len(run_checks(catalogue, review, glossary))
    stops = len(final_problems(review, catalogue, glossary))
    if not queries and not stops:
        return "This is a draft; 'imr export --final' makes the final report."
    said = [f"'imr check' finds {_things(queries)} a panel would query"]
    if stops:
        said.append(f"{_things(stops)} must be put right before 'imr export --final'")
    else:
        said.append("'imr export --final' makes the final report")
    return "This is a draft: " + "; ".join(said) + "."


def _things(n: int) -> str:
    return f"{n} thing{'s' if n != 1 else ''}"


def final_export(
    path: Path,
    catalogue: Catalogue,
    glossary: Glossary,
    fmt: str,
    out: Path | None,
    with_comments: bool = False,
) -> int:
    """``imr export --final``: refuse with the list (exit 1, nothing written) or write the
    next version (to ``out``, by default ``NAME-final-vN.md``), keep its private copy
    and record it in the review (exit 0). Earlier kept copies that are missing or
    changed are said first, as warnings. ``with_comments``: the comments are in the
    report (and so in the private copy of what was sent).

    The review is locked while this runs (a review open elsewhere is refused), as every
    command that changes it is.
    """
    from imr_tui.cli.common import open_to_change
    from imr_tui.core.controller.export import Refused, export_report
    from imr_tui.core.sent_copies import final_path
    from imr_tui.report.export_files import edition_for
    from imr_tui.report.final_gate import final_problems

    def warn(problem: str) -> None:
        print(f"imr: warning: {' '.join(problem.split())}", file=sys.stderr)

    with open_to_change(path, catalogue) as session:
        outcome = export_report(
            session,
            lambda review, version: report_files(
                review,
                catalogue,
                glossary,
                fmt,
                out or final_path(path, fmt, version or 1),
                edition_for(version),
                with_comments,
            ),
            final=True,
            problems=lambda review: final_problems(review, catalogue, glossary, path),
            warn=warn,
            named=out is not None,
        )
    if isinstance(outcome, Refused):
        for problem in outcome.problems:
            print(" ".join(problem.split()), file=sys.stderr)
        count = len(outcome.problems)
        print(
            f"imr: {path}: not a final report yet: {count} thing{'s' if count != 1 else ''} "
            f"to put right first (listed above); nothing was written",
            file=sys.stderr,
        )
        return 1
    print(f"Exported to {' and '.join(str(w) for w in outcome.files)}")
    print(
        f"Final report, version {outcome.version}; a private copy of exactly what was "
        f"sent is kept in {outcome.kept[0].parent}"
    )
    return 0


def export_anonymised_command(
    path: Path,
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None,
    fmt: str,
    args: argparse.Namespace,
) -> int:
    """Run an anonymised export for a command and say what it did; the exit code."""
    from imr_tui.report.anonymised_export import export_anonymised

    outcome = export_anonymised(
        path, review, catalogue, glossary, fmt, args.output, args.allow_remaining
    )
    return report_outcome(outcome, path)


def report_outcome(
    outcome: Outcome, path: Path | str, files_for: Callable[[Leftover], list[str]] | None = None
) -> int:
    """Print what an anonymised export did (findings on stderr, one a line); the exit code.

    ``path`` is the review named in the command that lists a name; with several reviews
    (``imr merge``), ``files_for`` says which of them hold a finding (``FILE`` if none does).
    0 when written clean, 1 when something identifying was found (whether or not it was
    written with --allow-remaining).
    """
    if outcome.written is not None:
        written = [outcome.written, *outcome.also_written]
        print(f"Exported to {' and '.join(str(w) for w in written)}")
        n = outcome.replaced
        ages = f"; {outcome.ages}" if outcome.ages else ""
        print(f"Anonymised: {n} replacement{'s' if n != 1 else ''}{ages}.")
    for note in outcome.notes:
        print(f"imr: {note}", file=sys.stderr)
    for leftover in outcome.leftovers:
        files = files_for(leftover) if files_for is not None else [str(path)]
        print(finding_line(leftover, files[0] if files else "FILE", files[1:]), file=sys.stderr)
    count = len(outcome.leftovers)
    if not count:
        return 0
    things = f"{count} thing{'s' if count != 1 else ''} that may identify someone"
    if outcome.written is None:
        which = ""
        if str(path) == "FILE":
            which = " (in any of the reviews: a name listed in one is replaced in all)"
        print(
            f"imr: nothing was written: {things} {'is' if count == 1 else 'are'} still found; "
            f"list each form above{which}, or write it anyway with --allow-remaining",
            file=sys.stderr,
        )
    else:
        print(
            f"imr: {outcome.written} is not fully anonymised: {things} "
            f"{'is' if count == 1 else 'are'} still in it (--allow-remaining)",
            file=sys.stderr,
        )
    return 1


def finding_line(leftover: Leftover, path: Path | str, also: Sequence[str] = ()) -> str:
    """One finding on one line: where, what, and the command that lists a name (in
    ``path``; ``also`` names more reviews that hold it)."""
    line = " ".join(str(leftover).split())
    form = " ".join(leftover.form.split())
    if form:
        line += f"; list it with: imr pseudonyms {path} add {_quoted(form)} ALIAS"
        if also:
            line += f" (it is in {', '.join(also)} too)"
        phrase = keep_phrase(leftover)
        if phrase:
            line += (
                f"; if it is not a name there, keep those words as written with: "
                f"imr pseudonyms {path} add {_quoted(phrase)} {_quoted(phrase)}"
            )
    return line


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def keep_phrase(leftover: Leftover) -> str:
    """The one-word finding with the word after it (or before it) in its context: the
    phrase to keep as written when the word is not a name there (``Ward 12``, ``read
    the``); ``""`` when there is none."""
    if len(leftover.form.split()) != 1 or not leftover.context:
        return ""
    words = [w.strip("\u2026") for w in leftover.context.split()]
    words = [w for w in words if w]
    at = next((i for i, w in enumerate(words) if w.strip(".,;:()\"'") == leftover.form), None)
    if at is None:
        return ""
    from imr_tui.report.kept import DETERMINERS

    if at > 0 and words[at - 1].lstrip("(").casefold() in DETERMINERS:  # "the Rose"
        return f"{words[at - 1].lstrip('(')} {leftover.form}"
    if at + 1 < len(words) and words[at][-1:].isalnum():
        return f"{leftover.form} {words[at + 1].rstrip('.,;:)')}".strip()
    if at > 0 and words[at - 1][-1:].isalnum():  # never across the end of a sentence
        return f"{words[at - 1].lstrip('(')} {leftover.form}".strip()
    return ""
