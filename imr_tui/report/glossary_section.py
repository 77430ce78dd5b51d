"""The report's glossary: every abbreviation the report uses, accepted or not, A to Z.

Boards ask for a glossary wherever abbreviations are used, so it lists each one found in
the report's text, the template's words as well as the author's (``IMR`` in the title,
``DOB`` in a label, ``DNA`` in a chronology entry), each once, with its meaning:

- the meaning the author gave (``imr glossary FILE mean``, the check screen), first;
- else the meaning the author's text gives itself (``a Public Protection Notice (PPN)``,
  ``PPN (Public Protection Notice)``), which also counts as the meaning chosen for an
  ambiguous one (``Did Not Attend (DNA)``), or the one sense of the form it is always
  written in (``DNA'd``: Did Not Attend);
- else the glossary's expansion; an ambiguous one the author gave no meaning keeps
  every expansion (``Did Not Attend, or Deoxyribonucleic acid``), because a panel
  reading the report must not be told one meaning the author never chose;
- else (a word that looks like an abbreviation the glossary does not know, found only
  in the author's text, as the check finds it) an empty cell that shows the
  catalogue's placeholder, so the final export refuses it until the author gives one.

A word the glossary does not know that the author accepted without a meaning is fine as
written (a name, a word in capitals): it is not listed, as the check no longer asks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from imr_tui.checks.abbreviations import name_words, one_sense
from imr_tui.checks.glossary import Glossary, Match
from imr_tui.checks.unknown_abbreviations import defined_abbreviations, unknown_abbreviations
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.report import blocks as b

GLOSSARY_KIND = "glossary"
"""The :attr:`imr_tui.report.blocks.Table.kind` of the glossary's table."""


def authored_texts(block: b.Block) -> list[str]:
    """Every piece of the author's own text in a block (as the anonymiser sees it)."""
    found: list[str] = []

    def keep(text: str) -> str:
        found.append(text)
        return text

    b.map_authored(block, keep)
    return found


def defined_in_report(report: Sequence[b.Block]) -> dict[str, str]:
    """The abbreviations the author's text in the report defines itself (``a Public
    Protection Notice (PPN)``), case folded, with the meaning written there (the first)."""
    found: dict[str, str] = {}
    for block in report:
        if isinstance(block, b.Table) and block.kind == GLOSSARY_KIND:
            continue
        for text in authored_texts(block):
            for abbr, meaning in defined_abbreviations(text).items():
                found.setdefault(abbr.casefold(), meaning)
    return found


def written_senses(report: Sequence[b.Block], glossary: Glossary) -> dict[str, str]:
    """The abbreviations (case folded) every use of which in the report is written in a
    form with one sense (``DNA'd``: Did Not Attend), with that sense."""
    uses: dict[str, list[Match]] = {}
    for block in report:
        if isinstance(block, b.Table) and block.kind == GLOSSARY_KIND:
            continue
        for text in b.texts(block):
            for m in glossary.matches(text):
                uses.setdefault(m.abbreviation.casefold(), []).append(m)
    senses = {abbr: one_sense(found) for abbr, found in uses.items()}
    return {abbr: sense for abbr, sense in senses.items() if sense}


def chosen_in_report(report: Sequence[b.Block], glossary: Glossary) -> dict[str, str]:
    """The meanings the report's own text chooses (case folded keys): one it defines
    (``Did Not Attend (DNA)``), else the one sense of the form it is written in
    (``DNA'd``)."""
    return {**written_senses(report, glossary), **defined_in_report(report)}


def meanings_given(report: Sequence[b.Block], review: Review, glossary: Glossary) -> dict[str, str]:
    """Every abbreviation (case folded) with a meaning chosen for it: the author's own
    (``imr glossary FILE mean``) or, failing that, the one the report's text gives
    (``Did Not Attend (DNA)``, or ``DNA'd`` written every time). An ambiguous
    abbreviation in here needs nothing more."""
    given = chosen_in_report(report, glossary)
    given.update({a.casefold(): m for a, m in review.abbreviation_meanings.items() if m.strip()})
    return given


def meaning_of(
    abbreviation: str,
    review: Review,
    glossary: Glossary,
    defined: Mapping[str, str] | None = None,
) -> str:
    """What the glossary prints for an abbreviation: the author's meaning, else the one
    the text gives (``defined``, case folded keys: see :func:`defined_in_report`), else
    the glossary's expansions (``X, or Y``), else ``""`` (shown as the placeholder)."""
    given = {a.casefold(): m for a, m in review.abbreviation_meanings.items() if m.strip()}
    key = abbreviation.casefold()
    return given.get(key) or (defined or {}).get(key) or glossary.meaning(abbreviation)


def fine_as_written(review: Review, defined: Mapping[str, str] | None = None) -> set[str]:
    """The words (case folded) the author accepted without giving a meaning (and that
    the text, ``defined``, does not define): one the glossary does not know is then
    fine as written, neither queried nor listed."""
    meant = {a.casefold() for a, m in review.abbreviation_meanings.items() if m.strip()}
    meant |= set(defined or {})
    return {a.casefold() for a in review.accepted_abbreviations} - meant


def used_in_report(
    report: Sequence[b.Block], review: Review, glossary: Glossary
) -> tuple[list[str], list[str]]:
    """The abbreviations the report's glossary lists: ``(known, unknown)``, each in order
    of first use (see :func:`written_in_report`); an unknown one the author accepted as
    written is left out."""
    known, unknown = written_in_report(report, review, glossary)
    as_written = fine_as_written(review, defined_in_report(report))
    return known, [a for a in unknown if a.casefold() not in as_written]


def written_in_report(
    report: Sequence[b.Block], review: Review, glossary: Glossary
) -> tuple[list[str], list[str]]:
    """Every abbreviation the report's text uses: ``(known, unknown)``, each in order of
    first use. Known ones are found in all the text; unknown ones only in the author's.
    A glossary table already among the blocks is ignored."""
    known: dict[str, None] = {}
    unknown: dict[str, None] = {}
    ignore = name_words(review)
    for block in report:
        if isinstance(block, b.Table) and block.kind == GLOSSARY_KIND:
            continue
        for text in b.texts(block):
            for m in glossary.matches(text):
                known.setdefault(m.abbreviation, None)
        for text in authored_texts(block):
            for abbr in unknown_abbreviations(text, glossary, ignore):
                unknown.setdefault(abbr, None)
    return list(known), [a for a in unknown if a not in known]


def glossary_blocks(
    report: Sequence[b.Block], review: Review, catalogue: Catalogue, glossary: Glossary
) -> list[b.Block]:
    """The glossary section for a report: ``[Section, Paragraph (the glossary's
    introduction, if any), Table("glossary")]``, or ``[]`` when no abbreviation is used.

    ``report`` should be every block of the report (not only those before where the
    glossary goes), so an abbreviation in the endorsement is listed too.
    """
    known, unknown = used_in_report(report, review, glossary)
    if not known and not unknown:
        return []
    used = sorted([*known, *unknown], key=lambda a: (a.casefold(), a))
    chosen = chosen_in_report(report, glossary)
    rows = tuple((a, meaning_of(a, review, glossary, chosen)) for a in used)
    out: list[b.Block] = [b.Section(glossary.heading, glossary.heading)]
    if glossary.introduction.strip():
        out.append(b.Paragraph(glossary.introduction))
    head = (glossary.abbreviation_title, glossary.meaning_title)
    out.append(
        b.Table(
            GLOSSARY_KIND,
            head,
            rows,
            (1.0, 3.0),
            placeholder=catalogue.placeholder,
            placeholder_columns=frozenset({1}),
            # The abbreviations come from the author's text and a meaning may be theirs:
            # an anonymised export looks at both.
            authored_columns=frozenset({0, 1}),
            repeat_header=True,
        )
    )
    return out
