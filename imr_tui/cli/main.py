"""The ``imr`` command: parses arguments and hands over to the core or a front end.

Front ends are imported only when used, so ``imr export`` never loads Textual and
the Textual interview never loads questionary.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui import __version__
from imr_tui.cli.chronology import add_commands, cmd_chronology, cmd_merge
from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.checks import Glossary
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.data_files import DataFiles
    from imr_tui.core.model import Review
    from imr_tui.core.session import Session

COMMANDS = (
    "open",
    "plain",
    "new",
    "export",
    "serve",
    "check",
    "pseudonyms",
    "chronology",
    "merge",
    "backups",
    "restore",
    "unlock",
)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--prompts",
        type=Path,
        metavar="PATH",
        help=(
            "use another prompt catalogue (a folder holding imr.toml, or a .toml file); "
            "abbreviations.toml, columns.toml and example.toml are taken from beside it, "
            "or are the shipped ones where it has none ('imr check' says which)"
        ),
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
    p_check.add_argument(
        "--renumber",
        action="store_true",
        help=(
            "first give new ids to records that share one (a file with such records "
            "does not open); nothing else in the file changes"
        ),
    )

    p_backups = sub.add_parser(
        "backups",
        help="list the earlier versions of a review that are kept",
        description=(
            "List the earlier versions of a review that are kept beside it, newest first and "
            "numbered as 'imr restore' takes them: when each was saved, its size and what it "
            "holds. Works when the review itself cannot be opened."
        ),
    )
    p_backups.add_argument("file", type=Path, metavar="FILE", help="the review file")

    p_restore = sub.add_parser(
        "restore",
        help="put an earlier version of a review back",
        description=(
            "Put version N (as 'imr backups FILE' numbers them) back in place of the review. "
            "The review as it is now becomes version 1, so a restore can be undone with "
            "'imr restore FILE 1'."
        ),
    )
    p_restore.add_argument("file", type=Path, metavar="FILE", help="the review file")
    p_restore.add_argument("number", metavar="N", help="the version to put back (from 1)")

    p_unlock = sub.add_parser(
        "unlock",
        help="clear a review's lock left by a session that has ended",
        description=(
            "Show who holds a review's lock and, after asking, remove it. A lock held by a "
            "session still running on this computer is never removed; one from another "
            "computer cannot be checked from here, so remove it only if that session has ended."
        ),
    )
    p_unlock.add_argument("file", type=Path, metavar="FILE", help="the review file")
    p_unlock.add_argument(
        "--yes", action="store_true", help="remove it without asking (for scripts)"
    )

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


def data_files(args: argparse.Namespace) -> DataFiles:
    """The data files for this command, resolved once from ``--prompts``."""
    from imr_tui.core.data_files import DataFiles

    return DataFiles.resolve(args.prompts)


def _cmd_new(args: argparse.Namespace) -> int:
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


def _cmd_export(args: argparse.Namespace) -> int:
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
        from imr_tui.report.word import anonymised_docx

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


@contextlib.contextmanager
def open_to_change(path: Path, catalogue: Catalogue) -> Iterator[Session]:
    """Lock a review, then load it, for a command that changes it; unlock at the end.

    Taking the lock before reading means no session can save in between and undo the
    change. A journal left by an interview that ended abruptly holds typing that was
    never saved: the command refuses rather than write over it (or decide for the
    author), and says how to get it back.
    """
    from imr_tui.core.session import open_session

    session, recovered = open_session(path, catalogue, journal=False)
    try:
        if recovered is not None:
            raise UserError(
                f"{path}: holds typing that was never saved when its last session ended "
                f"({recovered.describe()}); open it with 'imr {path}' to put it back (or "
                "discard it) first. Nothing was changed"
            )
        yield session
    finally:
        if session.lock is not None:
            session.lock.release()


def _cmd_pseudonyms(args: argparse.Namespace) -> int:
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.pseudonym_rules import edited, key, name_problem
    from imr_tui.core.store import load

    catalogue = load_catalogue(args.prompts)
    if args.action is None:
        listed = [p for p in load(args.file, catalogue).pseudonyms if p.name.strip()]
        if not listed:
            print(f"No names are listed. Add one with: imr pseudonyms {args.file} add NAME ALIAS")
        for p in listed:
            print(f"{p.name} -> {p.alias or '(no alias yet)'}{f' ({p.kind})' if p.kind else ''}")
        return 0
    name = " ".join(args.name.split())
    problem = name_problem(name, [])  # a listed name is changed, not refused
    if problem:
        raise UserError(f"'{args.name}': {problem}")
    with open_to_change(args.file, catalogue) as session:
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
            row = edited(rows[at] if at is not None else None, name, alias)
            if args.kind.strip():
                row = row.model_copy(update={"kind": args.kind.strip()})
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
    from imr_tui.checks import report, run_checks
    from imr_tui.core.store import load

    data = data_files(args)
    catalogue = data.catalogue
    glossary = data.glossary
    if args.renumber:
        _renumber(args.file, catalogue)
    findings = run_checks(catalogue, load(args.file, catalogue), glossary)
    note = data.fallback_note()
    if note:
        print(note)
    print(report(findings, catalogue), end="")
    return 1 if findings else 0


def _renumber(path: Path, catalogue: Catalogue) -> None:
    """``imr check FILE --renumber``: new ids for records that share one, under the lock.

    The file does not load while records share ids, so it cannot go through
    :func:`open_to_change`; a journal beside it is left for the interview to offer.
    """
    from imr_tui.core.lock import ReviewLock
    from imr_tui.core.store import renumber

    with ReviewLock.acquire(path):
        count = renumber(path, catalogue)
    if count:
        records = "record" if count == 1 else "records"
        print(
            f"Gave new ids to {count} {records} of {path} that shared an id with another; "
            "nothing else was changed."
        )
    else:
        print(f"No records of {path} share an id; nothing was changed.")
    _journal_note(path)


def _journal_note(path: Path) -> None:
    """Say so when a journal beside ``path`` still holds changes a session did not save."""
    from imr_tui.core.journal import read_journal

    found = read_journal(path)
    if found is not None:
        print(
            f"Note: typing a session never saved ({found.describe()}) is still kept beside "
            f"the review; 'imr {path}' offers it back."
        )


# ---------------------------------------------------------------- backups and locks


def _size(count: int) -> str:
    """``812 bytes``, ``3.1 KB``, ``2.4 MB``."""
    if count < 1000:
        return f"{count} byte{'s' if count != 1 else ''}"
    if count < 1_000_000:
        return f"{count / 1000:.1f} KB"
    return f"{count / 1_000_000:.1f} MB"


def _holds(path: Path) -> str:
    """What a kept version holds (``12 answers, 40 chronology entries``), or that it
    cannot be read."""
    from imr_tui.core.store import load_checked

    try:
        review, _ = load_checked(path)
    except UserError:
        return "cannot be read"
    answers = sum(1 for text in review.answers.values() if text.strip())
    answers += sum(1 for kept in review.heading_analysis.values() if kept.text.strip())
    entries = len(review.chronology)
    return (
        f"{answers} answer{'s' if answers != 1 else ''}, "
        f"{entries} chronology {'entry' if entries == 1 else 'entries'}"
    )


def _cmd_backups(args: argparse.Namespace) -> int:
    from imr_tui.core.store import backups

    path: Path = args.file
    kept = backups(path)
    if not kept:
        if not os.path.lexists(path):
            raise UserError(f"{path}: no such review file, and no earlier versions of it")
        print(f"No earlier versions of {path} are kept yet: one is kept each time it is saved.")
        return 0
    print(f"Earlier versions of {path}, newest first:")
    rows = [
        (str(n), f"{b.when:%d/%m/%Y %H:%M}", _size(b.size), _holds(b.path))
        for n, b in enumerate(kept, 1)
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for number, when, size, holds in rows:
        print(f"  {number.rjust(widths[0])}  {when}  {size.rjust(widths[2])}  {holds}")
    print(f"'imr restore {path} N' puts version N back (the review as it is now is kept).")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from imr_tui.core.catalogue import read_bytes_regular
    from imr_tui.core.lock import ReviewLock
    from imr_tui.core.store import backups, load_checked, restore, write_bytes_private

    path: Path = args.file
    text = args.number.strip()
    if not text.isdigit() or int(text) < 1:
        raise UserError(
            f"{path}: '{args.number}' is not a version number; "
            f"'imr backups {path}' lists them, numbered from 1"
        )
    number = int(text)
    with ReviewLock.acquire(path):
        kept = backups(path)
        if number <= len(kept):
            try:
                load_checked(kept[number - 1].path)
            except UserError:
                raise UserError(
                    f"{path}: version {number} cannot be read, so nothing was restored; "
                    f"'imr backups {path}' lists the versions and what each holds"
                ) from None
        current = read_bytes_regular(path, "review file") if path.exists() else b""
        readable = bool(current.strip())
        if readable:
            try:
                load_checked(path)
            except UserError:
                readable = False
        aside = None
        if current.strip() and not readable:
            # Not kept as a backup (it does not load), but it may hold work: keep a copy.
            aside = _free_name(path.with_name(path.name + ".unreadable"))
            write_bytes_private(aside, current)
        chosen = restore(path, number)
    holds = _holds(path)
    print(f"Put back version {number} of {path}, saved {chosen.when:%d/%m/%Y %H:%M} ({holds}).")
    bak = path.with_name(path.name + ".bak")
    now = next((n for n, b in enumerate(backups(path), 1) if b.path == bak), 1)
    if readable:
        print(f"The review as it was is now version {now}: 'imr restore {path} {now}' undoes this.")
    elif aside is not None:
        print(f"The file it replaced could not be read; a copy of it is kept as {aside}.")
    _journal_note(path)
    return 0


def _free_name(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``... whichever does not exist yet."""
    candidate, n = path, 1
    while os.path.lexists(candidate):
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _cmd_unlock(args: argparse.Namespace) -> int:
    from imr_tui.core.lock import holder, lock_path, remove_lock

    path: Path = args.file
    found = holder(path)
    if found is None:
        if not os.path.lexists(path):
            raise UserError(f"{path}: no such review file")
        print(f"{path} is not locked.")
        return 0
    if found.info is None:
        print(f"{path} is locked, but its lock file {lock_path(path)} cannot be read as a lock.")
    else:
        who = found.info.describe()
        if found.here and found.alive:
            raise UserError(
                f"{path}: is open in a session that is still running: {who}; "
                "close it there (save and quit) instead"
            )
        print(f"{path} is locked by {who}.")
        if found.here:
            print("That process has ended, so the lock was left behind.")
        else:
            print(
                f"That session is on another computer ({found.info.host}), so whether it is "
                "still running cannot be checked from here. Remove the lock only if it has "
                "ended: a session still open there stops saving and asks what to do."
            )
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                f"{path}: the lock was not removed: there is no terminal to ask on; "
                "run again with --yes to remove it without asking"
            )
        try:
            answer = input("Remove this lock? [y/N] ")
        except EOFError:
            answer = ""
            print()
        if answer.strip().lower() not in ("y", "yes"):
            print("The lock was left in place.")
            return 1
    try:
        removed = remove_lock(path, found)
    except OSError as e:
        raise UserError(f"{lock_path(path)}: could not remove it: {e.strerror or e}") from None
    if not removed:
        raise UserError(
            f"{path}: the lock changed meanwhile (the review was opened or closed), so it "
            f"was not removed; run 'imr unlock {path}' again to see who holds it now"
        )
    print(f"Removed the lock on {path}.")
    return 0


def wants_plain(environ: Mapping[str, str]) -> bool:
    """Whether the environment asks for plain mode: ``TERM=dumb`` or ``IMR_PLAIN=1``."""
    return environ.get("TERM", "") == "dumb" or environ.get("IMR_PLAIN", "") == "1"


def _cmd_plain(args: argparse.Namespace) -> int:
    from imr_tui.plain import run_plain

    data = data_files(args)
    catalogue = data.catalogue
    return run_plain(
        catalogue, args.file, args.workspace, glossary=data.glossary, training=args.training
    )


def _cmd_open(args: argparse.Namespace) -> int:
    if args.plain or wants_plain(os.environ):
        return _cmd_plain(args)
    data = data_files(args)
    catalogue = data.catalogue
    from imr_tui.tui.run import run_interview

    return run_interview(
        catalogue, args.file, args.workspace, training=args.training, data_files=data
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    from imr_tui.web.serve import run_server

    _ = data_files(args).catalogue  # a broken catalogue is reported now, not per session
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
        "backups": _cmd_backups,
        "restore": _cmd_restore,
        "unlock": _cmd_unlock,
    }
    try:
        return handlers[args.command](args)
    except UserError as e:
        print(f"imr: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("imr: interrupted", file=sys.stderr)
        return 130
