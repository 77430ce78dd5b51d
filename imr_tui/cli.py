"""The ``imr`` command: parses arguments and hands over to the core or a front end.

Front ends are imported only when used, so ``imr export`` never loads Textual and
the Textual interview never loads questionary.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui import __version__
from imr_tui.chronology_commands import add_commands, cmd_chronology, cmd_merge
from imr_tui.errors import UserError

if TYPE_CHECKING:
    from imr_tui.catalogue import Catalogue
    from imr_tui.checks import Glossary
    from imr_tui.model import Review

COMMANDS = ("open", "plain", "new", "export", "serve", "check", "pseudonyms", "chronology", "merge")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--prompts",
        type=Path,
        metavar="PATH",
        help="use another prompt catalogue (a folder holding imr.toml, or a .toml file)",
    )
    parser = argparse.ArgumentParser(
        prog="imr",
        description=(
            "Write an Individual Management Review for a Safeguarding Adults Review, "
            "one prompt at a time. Answers are saved as you type to a private TOML file "
            "that you can close and resume."
        ),
        epilog="Run 'imr COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"imr-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_open = sub.add_parser(
        "open",
        parents=[common],
        help="open a review in the interview (the default: 'imr FILE' means 'imr open FILE')",
        description="Open a review and resume where you left off; with no FILE, list reviews.",
    )
    p_open.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the review file")
    p_open.add_argument(
        "--training",
        action="store_true",
        help="show the trainers' notes: why each prompt matters, and model answers",
    )
    p_open.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        help="folder whose reviews the start screen lists (default: the current folder)",
    )
    p_open.add_argument(
        "--plain",
        action="store_true",
        help="ask line by line instead of full screen (also when TERM=dumb or IMR_PLAIN=1)",
    )

    p_plain = sub.add_parser(
        "plain",
        parents=[common],
        help="the interview line by line, for screen readers and slow links",
        description=(
            "Ask every prompt line by line, with its guidance, instead of full screen. "
            "Works with screen readers, in TERM=dumb terminals and over slow links."
        ),
    )
    p_plain.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the review file")
    p_plain.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        help="folder whose reviews are offered when no FILE is given (default: the current folder)",
    )
    p_plain.add_argument(
        "--training",
        action="store_true",
        help="show the trainers' notes: why each prompt matters, and model answers",
    )

    p_new = sub.add_parser(
        "new", parents=[common], help="create an empty review file", description="Create a review."
    )
    p_new.add_argument("file", type=Path, metavar="FILE", help="the review file to create")
    p_new.add_argument(
        "--example",
        action="store_true",
        help="write a complete, fictional worked review with weaknesses to find, for training",
    )

    p_check = sub.add_parser(
        "check",
        parents=[common],
        help="check a review for what a panel would query",
        description=(
            "Check a review: unanswered required prompts, abbreviations, chronology dates, "
            "sources and gaps, recommendations and short analysis. Prints what it finds, "
            "section by section, with what to do. Exit status 0 when nothing is found, "
            "1 when something is, 2 on error."
        ),
    )
    p_check.add_argument("file", type=Path, metavar="FILE", help="the review file")

    p_export = sub.add_parser(
        "export",
        parents=[common],
        help="write the review as Markdown or Word that follows the template",
        description=(
            "Write the review as Markdown (or a Word document) that follows the IMR template. "
            "With --anonymise, every name listed with 'imr pseudonyms' is replaced, dates of "
            "birth become ages, and any listed name still found is reported: exit status 1 "
            "when something is, 2 on error. The review file is never changed."
        ),
    )
    p_export.add_argument("file", type=Path, metavar="FILE", help="the review file")
    p_export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help=(
            "where to write the export (default: FILE with .md or .docx in place of .toml, "
            "and -anonymised before it when anonymised)"
        ),
    )
    p_export.add_argument(
        "--format",
        choices=("md", "docx"),
        help="md (Markdown) or docx (Word, needs imr-tui[docx]); default: from OUT, else md",
    )
    p_export.add_argument(
        "--anonymise",
        "--anonymize",
        action="store_true",
        help="replace the listed names with their pseudonyms and dates of birth with ages",
    )

    p_names = sub.add_parser(
        "pseudonyms",
        parents=[common],
        help="list, add or remove the names an anonymised export replaces",
        description=(
            "The names an anonymised export (imr export FILE --anonymise) replaces, each with "
            "its pseudonym. Only each name as listed is replaced: add every form you use "
            "('Dorothy Hollins', 'Dorothy', 'Mrs Hollins') as its own row. With no action, "
            "list them."
        ),
    )
    p_names.add_argument("file", type=Path, metavar="FILE", help="the review file")
    names_sub = p_names.add_subparsers(dest="action", metavar="ACTION")
    p_add = names_sub.add_parser(
        "add",
        help="add a name and its pseudonym (or change the pseudonym of a listed name)",
        description="Add a name and the pseudonym that replaces it, e.g. add 'Dorothy Hollins' "
        "'Adult A'.",
    )
    p_add.add_argument("name", metavar="NAME", help="the real name, as written in the review")
    p_add.add_argument("alias", metavar="ALIAS", help="what replaces it, e.g. 'Adult A'")
    p_add.add_argument(
        "--kind", default="", help="who they are: adult, family or practitioner (optional)"
    )
    p_remove = names_sub.add_parser(
        "remove", help="remove a listed name", description="Remove a listed name."
    )
    p_remove.add_argument("name", metavar="NAME", help="the name as listed")

    p_serve = sub.add_parser(
        "serve",
        parents=[common],
        help="serve the interview to web browsers, for training (needs imr-tui[web])",
        description=(
            "Serve the interview to web browsers for a training workshop. Each browser "
            "session asks the trainee's name and works in its own sub-folder of DIR. "
            "The address printed on start holds a random token; requests without it are "
            "refused. Needs the 'web' extra: pip install 'imr-tui[web]'."
        ),
    )
    p_serve.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        required=True,
        help="folder that holds one sub-folder per trainee",
    )
    p_serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    p_serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p_serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other machines can reach (training with fictional cases only)",
    )
    p_serve.add_argument(
        "--training",
        action="store_true",
        help="show the trainers' notes: why each prompt matters, and model answers",
    )
    add_commands(sub, common)
    return parser


def _normalise(argv: list[str]) -> list[str]:
    """``imr``, ``imr FILE`` and ``imr --workspace DIR`` mean ``imr open ...``."""
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        return argv
    return ["open", *argv]


def export_path(review_path: Path, fmt: str = "md", anonymised: bool = False) -> Path:
    """Where an export goes by default: beside the review, ``.md`` (or ``.docx``) for ``.toml``.

    An anonymised export is ``NAME-anonymised.md``, so it never overwrites (or is taken
    for) the export that keeps the names.
    """
    stem = review_path.with_suffix("")
    if anonymised:
        stem = stem.with_name(f"{stem.name}-anonymised")
    return stem.with_name(f"{stem.name}.{fmt}")


def _cmd_new(args: argparse.Namespace) -> int:
    from imr_tui.catalogue import load_catalogue
    from imr_tui.store import create
    from imr_tui.workspace import check_review_path

    check_review_path(args.file, creating=True)  # the one rule for a new review's name
    catalogue = load_catalogue(args.prompts)
    if args.example:
        from imr_tui.example import write_example

        write_example(args.file, catalogue, args.prompts)
        print(
            f"Created {args.file}, a fictional worked example. "
            f"Find its weaknesses with: imr check {args.file}"
        )
        return 0
    create(args.file, catalogue)
    print(f"Created {args.file}. Open it with: imr {args.file}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from imr_tui.catalogue import load_catalogue
    from imr_tui.checks import glossary_path_for, load_glossary
    from imr_tui.export import to_markdown
    from imr_tui.store import load, write_text_private

    fmt = args.format or ("docx" if args.output and args.output.suffix == ".docx" else "md")
    if fmt == "docx":
        from imr_tui.docx_export import require_docx

        require_docx()
    catalogue = load_catalogue(args.prompts)
    review = load(args.file, catalogue)
    out = args.output or export_path(args.file, fmt, args.anonymise)
    if out.resolve() == args.file.resolve():
        raise UserError(f"{out}: the export would overwrite the review itself; choose another -o")
    glossary = load_glossary(glossary_path_for(args.prompts))
    if not args.anonymise:
        if fmt == "docx":
            from imr_tui.docx_export import to_docx
            from imr_tui.store import write_bytes_private

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
    from imr_tui.store import write_bytes_private

    if fmt == "docx":
        from imr_tui.docx_export import anonymised_docx

        data, anon, found = anonymised_docx(review, catalogue, glossary, file=str(args.file))
    else:
        from imr_tui.anonymise import anonymised_markdown

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


def _cmd_pseudonyms(args: argparse.Namespace) -> int:
    from imr_tui.anonymise import key
    from imr_tui.catalogue import load_catalogue
    from imr_tui.lock import ReviewLock
    from imr_tui.model import Pseudonym
    from imr_tui.session import Session
    from imr_tui.store import load

    catalogue = load_catalogue(args.prompts)
    if args.action is None:
        listed = [p for p in load(args.file, catalogue).pseudonyms if p.name.strip()]
        if not listed:
            print(f"No names are listed. Add one with: imr pseudonyms {args.file} add NAME ALIAS")
        for p in listed:
            print(f"{p.name} -> {p.alias or '(no alias yet)'}{f' ({p.kind})' if p.kind else ''}")
        return 0
    name = " ".join(args.name.split())
    if sum(ch.isalnum() for ch in name) < 2:
        raise UserError(f"'{args.name}': a name to replace needs at least two letters")
    load(args.file, catalogue)  # a missing or broken file is reported before any lock is taken
    with ReviewLock.acquire(args.file):
        session = Session(args.file, load(args.file, catalogue), catalogue)
        rows = list(session.review.pseudonyms)
        at = next((i for i, p in enumerate(rows) if key(p.name) == key(name)), None)
        if args.action == "remove":
            if at is None:
                raise UserError(f"{args.file}: '{name}' is not listed")
            del rows[at]
            message = f"Removed {name}."
        else:
            alias = " ".join(args.alias.split())
            if not alias:
                raise UserError(f"'{args.name}': the pseudonym (ALIAS) is empty")
            kind = args.kind.strip() or (rows[at].kind if at is not None else "")
            row = Pseudonym(name=name, alias=alias, kind=kind)
            if at is None:
                rows.append(row)
                message = f"Added: {name} -> {alias}."
            else:
                rows[at] = row
                message = f"Changed: {name} -> {alias}."
        session.set_pseudonyms(rows)
        if not session.save():
            raise UserError(session.error)
    print(message)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from imr_tui.catalogue import load_catalogue
    from imr_tui.checks import glossary_path_for, load_glossary, report, run_checks
    from imr_tui.store import load

    catalogue = load_catalogue(args.prompts)
    glossary = load_glossary(glossary_path_for(args.prompts))
    findings = run_checks(catalogue, load(args.file, catalogue), glossary)
    print(report(findings, catalogue), end="")
    return 1 if findings else 0


def wants_plain(environ: Mapping[str, str]) -> bool:
    """Whether the environment asks for plain mode: ``TERM=dumb`` or ``IMR_PLAIN=1``."""
    return environ.get("TERM", "") == "dumb" or environ.get("IMR_PLAIN", "") == "1"


def _cmd_plain(args: argparse.Namespace) -> int:
    from imr_tui.catalogue import load_catalogue
    from imr_tui.checks import glossary_path_for, load_glossary
    from imr_tui.plain import run_plain

    catalogue = load_catalogue(args.prompts)
    glossary = load_glossary(glossary_path_for(args.prompts))
    return run_plain(
        catalogue, args.file, args.workspace, glossary=glossary, training=args.training
    )


def _cmd_open(args: argparse.Namespace) -> int:
    from imr_tui.catalogue import load_catalogue

    if args.plain or wants_plain(os.environ):
        return _cmd_plain(args)
    catalogue = load_catalogue(args.prompts)
    from imr_tui.checks import glossary_path_for
    from imr_tui.tui.run import run_interview

    glossary = glossary_path_for(args.prompts)
    return run_interview(
        catalogue, args.file, args.workspace, training=args.training, glossary_path=glossary
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    from imr_tui.catalogue import load_catalogue
    from imr_tui.serve import run_server

    load_catalogue(args.prompts)  # a broken catalogue is reported now, not per session
    return run_server(
        args.workspace,
        host=args.host,
        port=args.port,
        allow_remote=args.allow_remote,
        prompts=args.prompts,
        training=args.training,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``imr`` command; returns the exit code."""
    args = _parser().parse_args(_normalise(list(sys.argv[1:] if argv is None else argv)))
    handlers = {
        "new": _cmd_new,
        "export": _cmd_export,
        "check": _cmd_check,
        "chronology": cmd_chronology,
        "merge": cmd_merge,
        "open": _cmd_open,
        "plain": _cmd_plain,
        "serve": _cmd_serve,
        "pseudonyms": _cmd_pseudonyms,
    }
    try:
        return handlers[args.command](args)
    except UserError as e:
        print(f"imr: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("imr: interrupted", file=sys.stderr)
        return 130
