"""``imr glossary``: list every abbreviation the report uses with its meaning, give
(``mean``) the meaning the author intends, or take back (``forget``) a meaning or an
acceptance, so the checks query the abbreviation again."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from imr_tui.cli.common import data_files, open_to_change
from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.checks.glossary import Glossary
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.core.model import Review

MAX_ABBREVIATION = 20
"""The longest abbreviation ``mean`` takes, in characters."""
MAX_MEANING = 200
"""The longest meaning ``mean`` takes, in characters."""


def cmd_glossary(args: argparse.Namespace) -> int:
    """``imr glossary FILE [list|mean ABBR [MEANING]|forget ABBR]``."""
    from imr_tui.core.store import load

    data = data_files(args)
    words: list[str] = list(args.words)
    file = str(args.file)
    if args.action == "list":
        if words:
            raise UserError(f"imr glossary: 'list' takes no more words (got '{words[0]}')")
        review = load(args.file, data.catalogue)
        print("\n".join(glossary_lines(review, data.glossary, data.catalogue, file)))
        return 0
    if not words:
        raise UserError(f"imr glossary: '{args.action}' needs the abbreviation (ABBR)")
    typed = _abbreviation(words[0], data.glossary)
    if args.action == "forget" and len(words) > 1:
        raise UserError(f"imr glossary: 'forget' takes one abbreviation (got '{words[1]}')")
    with open_to_change(args.file, data.catalogue) as session:
        review = session.review
        if args.action == "forget":
            abbr = kept_as(review, typed)
            if not abbr:
                raise UserError(
                    f"{file}: '{typed}' is neither accepted nor given a meaning: nothing to forget"
                )
            had = any(a.casefold() == abbr.casefold() for a in review.abbreviation_meanings)
            session.unaccept_abbreviation(abbr)
            message = f"Forgot {abbr}{' and its meaning' if had else ''}: it is no longer accepted"
            if abbr in _queried(review, data.glossary, data.catalogue):
                message += ", and imr check queries it again"
            message += "."
        else:
            abbr = used_in_review(review, data.glossary, data.catalogue, typed)
            if not abbr:
                raise UserError(
                    f"{file}: the report does not use '{typed}'; list the abbreviations it "
                    f"uses with: imr glossary {file} list"
                )
            if len(words) == 1:
                print("\n".join(_could_mean(abbr, data.glossary, file)))
                return 0
            meaning = _meaning(" ".join(words[1:]), abbr)
            session.set_abbreviation_meaning(kept_as(review, abbr) or abbr, meaning)
            message = f"{abbr}: {meaning}."
            known = data.glossary.expansions(abbr)
            if known and meaning.casefold() not in {e.casefold() for e in known}:
                message += f" (The glossary's meanings are: {'; '.join(known)}.)"
        if not session.save():
            raise UserError(session.error)
    print(message)
    return 0


def kept_as(review: Review, abbr: str) -> str:
    """The abbreviation as the review keeps it (accepted or given a meaning), compared
    case-insensitively, or ``""``."""
    key = abbr.casefold()
    kept = [*review.abbreviation_meanings, *review.accepted_abbreviations]
    return next((a for a in kept if a == abbr), "") or next(
        (a for a in kept if a.casefold() == key), ""
    )


def used_in_review(review: Review, glossary: Glossary, catalogue: Catalogue, abbr: str) -> str:
    """The abbreviation as the report uses it (``DNA`` for ``dna``), or ``""`` when the
    report does not use it."""
    from imr_tui.report.glossary_section import written_in_report
    from imr_tui.report.walker import walk

    known, unknown = written_in_report(walk(review, catalogue, glossary), review, glossary)
    used = [*known, *unknown]
    if abbr in used:
        return abbr
    return next((a for a in used if a.casefold() == abbr.casefold()), "")


def _queried(review: Review, glossary: Glossary, catalogue: Catalogue) -> set[str]:
    """The abbreviations ``imr check`` asks about in the review as it is now."""
    from imr_tui.checks.abbreviations import abbreviations

    return {f.abbreviation for _, f in abbreviations(catalogue, review, glossary)}


def _could_mean(abbr: str, glossary: Glossary, file: str) -> list[str]:
    """What ``mean ABBR`` with no meaning prints: the meanings it could be."""
    known = glossary.expansions(abbr)
    if not known:
        raise UserError(
            f"imr glossary: '{abbr}' is not in the glossary: give what it stands for (MEANING)"
        )
    lines = [f"{abbr} could mean:"] + [f"  {n}. {e}" for n, e in enumerate(known, 1)]
    return [*lines, f"Give the meaning you intend with: imr glossary {file} mean {abbr} 'MEANING'"]


def _abbreviation(text: str, glossary: Glossary) -> str:
    """The abbreviation as the glossary writes it (``CoP`` for ``COP``), or as typed."""
    abbr = check_word(text, "imr glossary")
    return glossary.canonical(abbr) or abbr


def check_word(text: str, command: str) -> str:
    """An abbreviation as typed, stripped; refused in one line (naming ``command``) when
    empty, more than one word, too long or without a letter."""
    abbr = text.strip()
    if not abbr:
        raise UserError(f"{command}: the abbreviation (ABBR) is empty")
    if any(not c.isprintable() and not c.isspace() for c in abbr):
        raise UserError(f"{command}: the abbreviation has a control character")
    if any(c.isspace() for c in abbr):
        raise UserError(f"{command}: '{abbr}': an abbreviation is one word, with no spaces")
    if len(abbr) > MAX_ABBREVIATION:
        raise UserError(
            f"{command}: '{abbr[:MAX_ABBREVIATION]}…': an abbreviation is at most "
            f"{MAX_ABBREVIATION} characters"
        )
    if not any(c.isalpha() for c in abbr):
        raise UserError(f"{command}: '{abbr}': an abbreviation has at least one letter")
    return abbr


def _meaning(text: str, abbr: str) -> str:
    return check_meaning(text, abbr, "imr glossary")


def check_meaning(text: str, abbr: str, command: str) -> str:
    """A meaning as typed, its spaces made single; refused in one line (naming
    ``command``) when empty, holding a control character, or too long."""
    meaning = " ".join(text.split())
    if not meaning:
        raise UserError(f"{command}: the meaning of '{abbr}' (MEANING) is empty")
    if not all(c.isprintable() for c in meaning):
        raise UserError(f"{command}: the meaning of '{abbr}' has a control character")
    if len(meaning) > MAX_MEANING:
        raise UserError(
            f"{command}: the meaning of '{abbr}' is {len(meaning)} characters; "
            f"at most {MAX_MEANING}"
        )
    return meaning


def glossary_lines(review: Review, glossary: Glossary, catalogue: object, file: str) -> list[str]:
    """What ``imr glossary FILE`` prints: each abbreviation the report uses, A to Z, with
    its meaning and where it stands (accepted, meaning given, not in the glossary...)."""
    from imr_tui.checks.abbreviations import abbreviations
    from imr_tui.core.catalogue import Catalogue
    from imr_tui.report.glossary_section import (
        chosen_in_report,
        defined_in_report,
        fine_as_written,
        meaning_of,
        written_in_report,
    )
    from imr_tui.report.walker import walk

    assert isinstance(catalogue, Catalogue)
    report = walk(review, catalogue, glossary)
    defined = defined_in_report(report)  # meanings the text itself gives: "... (PPN)"
    chosen = chosen_in_report(report, glossary)  # and "DNA'd", written so every time
    known, unknown = written_in_report(report, review, glossary)
    as_written = fine_as_written(review, defined)
    if not known and not unknown:
        return ["The report uses no abbreviation."]
    accepted = {a.casefold() for a in review.accepted_abbreviations}
    given = {a.casefold() for a, m in review.abbreviation_meanings.items() if m.strip()}
    queried = {f.abbreviation for _, f in abbreviations(catalogue, review, glossary)}
    lines = [f"Abbreviations the report uses ({len(known) + len(unknown)}):"]
    for abbr in sorted([*known, *unknown], key=lambda a: (a.casefold(), a)):
        meaning = meaning_of(abbr, review, glossary, chosen) or catalogue.placeholder
        key = abbr.casefold()
        if key in given:
            state = "meaning given"
        elif abbr in unknown and key in as_written:
            lines.append(f"  {abbr} [accepted as written: not in the report's glossary]")
            continue
        elif abbr in unknown:
            state = "not in the glossary: give its meaning"
        elif abbr in glossary.well_known:
            state = "well known"
        elif glossary.is_ambiguous(abbr) and key in chosen:
            state = "the meaning the text chooses" + (", accepted" if key in accepted else "")
        elif glossary.is_ambiguous(abbr):
            state = "ambiguous: give the meaning you intend" + (
                ", accepted" if key in accepted else ""
            )
        elif key in accepted:
            state = "accepted"
        elif abbr in queried:
            state = "not accepted: imr check queries it"
        else:
            state = "in the template's words"
        lines.append(f"  {abbr}: {meaning} [{state}]")
    lines += [
        "",
        f"Give a meaning with: imr glossary {file} mean ABBR 'MEANING'",
        f"Take back a meaning or an acceptance with: imr glossary {file} forget ABBR",
    ]
    return lines
