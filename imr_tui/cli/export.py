"""``imr export``: the report beside the review as Markdown or Word, optionally anonymised."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.cli.common import data_files
from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.checks import Glossary
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Review


def export_path(review_path: Path, fmt: str = "md", anonymised: bool = False) -> Path:
    """Where an export goes by default: beside the review, ``.md`` (or ``.docx``) for ``.toml``.

    An anonymised export is ``NAME-anonymised.md``, so it never overwrites (or is taken
    for) the export that keeps the names.
    """
    stem = review_path.with_suffix("")
    if anonymised:
        stem = stem.with_name(f"{stem.name}-anonymised")
    return stem.with_name(f"{stem.name}.{fmt}")


def cmd_export(args: argparse.Namespace) -> int:
    from imr_tui.core.store import load, write_text_private
    from imr_tui.report.markdown import to_markdown

    fmt = args.format or ("docx" if args.output and args.output.suffix == ".docx" else "md")
    if fmt == "docx":
        from imr_tui.report.word import require_docx

        require_docx()
    data = data_files(args)
    catalogue = data.catalogue
    review = load(args.file, catalogue)
    out = args.output or export_path(args.file, fmt, args.anonymise)
    if out.resolve() == args.file.resolve():
        raise UserError(f"{out}: the export would overwrite the review itself; choose another -o")
    glossary = data.glossary
    if not args.anonymise:
        if fmt == "docx":
            from imr_tui.core.store import write_bytes_private
            from imr_tui.report.word import to_docx

            write_bytes_private(out, to_docx(review, catalogue, glossary))
        else:
            write_text_private(out, to_markdown(review, catalogue, glossary))
        print(f"Exported to {out}")
        return 0
    return _export_anonymised(args, review, catalogue, glossary, fmt, out)


def _export_anonymised(
    args: argparse.Namespace,
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary,
    fmt: str,
    out: Path,
) -> int:
    from imr_tui.core.store import write_bytes_private

    if fmt == "docx":
        from imr_tui.report.anonymise import anonymised_docx

        data, anon, found = anonymised_docx(review, catalogue, glossary, file=str(args.file))
    else:
        from imr_tui.report.anonymise import anonymised_markdown

        text, anon, found = anonymised_markdown(review, catalogue, glossary, file=str(args.file))
        data = text.encode("utf-8")
    write_bytes_private(out, data)
    print(f"Exported to {out}")
    print(
        f"Anonymised: {anon.replaced} name{'s' if anon.replaced != 1 else ''} replaced; "
        f"ages are given at {anon.age_basis}."
    )
    for note in anon.notes:
        print(f"imr: {note}", file=sys.stderr)
    for leftover in found:
        print(leftover, file=sys.stderr)
    if found or anon.notes:
        print(
            f"imr: {out} is not fully anonymised: list each form of the names above with "
            f"'imr pseudonyms {args.file} add NAME ALIAS' and export again",
            file=sys.stderr,
        )
        return 1
    return 0
