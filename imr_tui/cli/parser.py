"""The ``imr`` command line: every command, its options and its help."""

from __future__ import annotations

import argparse
from pathlib import Path

from imr_tui import __version__
from imr_tui.cli import comments, diff, serve, trainer, versions
from imr_tui.cli.chronology import add_commands

COMMANDS = (
    "open",
    "plain",
    "new",
    "export",
    "glossary",
    "serve",
    "trainer",
    "check",
    "pseudonyms",
    "chronology",
    "merge",
    "backups",
    "restore",
    "unlock",
    "comment",
    "comments",
    "versions",
    "diff",
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--prompts",
        type=Path,
        metavar="PATH",
        help=(
            "use another prompt catalogue (a folder holding imr.toml, or a .toml file); "
            "abbreviations.toml, columns.toml, example.toml and language.toml are taken "
            "from beside it, "
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
        epilog=(
            "'imr FILE' opens a review (the same as 'imr open FILE'). Add --plain to answer "
            "line by line instead of full screen, or --accessible for plain words only: "
            "numbered menus, nothing redrawn and no escape codes, for screen readers and "
            "slow links; --training shows the trainers' notes. "
            "Run 'imr COMMAND --help' for the options of each command."
        ),
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
    _line_options(p_open, implies_plain=True)

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
    _line_options(p_plain, implies_plain=False)

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
            "Check a review as a review panel reads it: unanswered prompts and answers that "
            "are only placeholders, dates that cannot be right, abbreviations and shorthand, "
            "chronology dates, sources and gaps, analysis that is too short, describes rather "
            "than analyses or names no date or source, blame, hindsight and labels about the "
            "adult, and recommendations that are vague, not measurable or have no lead in "
            "this agency. Prints what it finds, section by section, with why a panel asks, "
            "what to do and an example. Exit status 0 when nothing is found, 1 when "
            "something is, 2 on error."
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
    p_check.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar='ABBR[="MEANING"]',
        help=(
            "first accept an abbreviation the review uses, with the meaning you intend "
            "(the export's glossary prints it), or alone as written; may be repeated; "
            "nothing is saved if any is refused"
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
            "With --anonymise, every name listed with 'imr pseudonyms' is replaced, the "
            "author's and endorser's names become their roles, e-mail addresses, phone, NHS "
            "and National Insurance numbers, postcodes and dates of birth are removed, and "
            "the export is searched again: if anything identifying is still found, nothing "
            "is written, each finding is listed, and the exit status is 1 (2 on error). "
            "The review file is never changed."
        ),
    )
    p_export.add_argument("file", type=Path, metavar="FILE", help="the review file")
    p_export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help=(
            "where to write the export (default: FILE with .md or .docx in place of .toml; "
            "anonymised, the agency and the adult's pseudonym, never FILE's own name)"
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
    p_export.add_argument(
        "--allow-remaining",
        action="store_true",
        help=(
            "with --anonymise, write the export even though something identifying is still "
            "found in it; its first line says so"
        ),
    )

    p_export.add_argument(
        "--with-comments",
        action="store_true",
        help=(
            "add the panel's comments and the replies to the report, after the answers "
            "they are about (never with --anonymise); without it no comment is exported"
        ),
    )
    p_export.add_argument(
        "--final",
        action="store_true",
        help=(
            "the final report: refused (exit 1, with the list) while a required prompt is "
            "unanswered, 'Not yet answered' would be printed, or a check the catalogue "
            "marks 'must fix' finds something; otherwise stamped with the next version "
            "number, and a private copy of exactly what was written is kept"
        ),
    )

    p_glossary = sub.add_parser(
        "glossary",
        parents=[common],
        help="list the abbreviations the report uses, and give the meaning of one",
        description=(
            "The export's glossary lists every abbreviation the report uses, with its "
            "meaning. Without ACTION, list them. 'mean ABBR MEANING' gives the meaning "
            "you intend: one of an ambiguous abbreviation's meanings, or the meaning of "
            "one the glossary does not know; 'mean ABBR' alone lists the meanings it could "
            "be. 'forget ABBR' takes back a meaning or an acceptance, so imr check queries "
            "it again."
        ),
    )
    p_glossary.add_argument("file", type=Path, metavar="FILE", help="the review file")
    p_glossary.add_argument("action", nargs="?", choices=("list", "mean", "forget"), default="list")
    p_glossary.add_argument("words", nargs="*", metavar="ARG", help="ABBR [MEANING...]")

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
    names_sub.add_parser(
        "check",
        help="list every mention an anonymised export replaces, and what is still found",
        description=(
            "List, section by section, every mention of every listed name and every "
            "identifier (e-mail address, phone, NHS and National Insurance number, postcode, "
            "date of birth) with what it becomes in an anonymised export, then anything "
            "still found and words that may be names nobody listed. Nothing is written. "
            "Exit status 1 when something would still be found."
        ),
    )

    serve.add_commands(sub, common)
    trainer.add_commands(sub, common)
    add_commands(sub, common)
    comments.add_commands(sub, common)
    versions.add_commands(sub, common)
    diff.add_commands(sub, common)
    return parser


def _line_options(command: argparse.ArgumentParser, *, implies_plain: bool) -> None:
    """``--accessible`` and ``--editor``, the options of plain mode (on ``plain`` and ``open``)."""
    also = "; implies --plain" if implies_plain else ""
    command.add_argument(
        "--accessible",
        action="store_true",
        help=(
            "plain lines only, for screen readers: numbered menus, each message printed "
            "once, nothing redrawn, no escape codes; a long answer ends with a line holding "
            "only a full stop (also when TERM=dumb, NO_COLOR or IMR_ACCESSIBLE=1 in plain "
            f"mode){also}"
        ),
    )
    command.add_argument(
        "--editor",
        action="store_true",
        help=(f"write long answers in your own editor ($VISUAL or $EDITOR); not over SSH{also}"),
    )


def normalise(argv: list[str]) -> list[str]:
    """``imr``, ``imr FILE`` and ``imr --workspace DIR`` mean ``imr open ...``."""
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        return argv
    return ["open", *argv]
