"""The abbreviation check: glossary abbreviations and shorthand not accepted, and words
that look like abbreviations the glossary does not know, once per place.

A written form with one sense (``DNA'd``: the glossary's ``[forms]``) is offered only
that sense, and accepting it (:func:`sense_in_review`) gives the abbreviation that
meaning, so the export's glossary never prints a meaning the author did not intend."""

from __future__ import annotations

from imr_tui.checks import text_index
from imr_tui.checks.analysis_text import normalised
from imr_tui.checks.answers import is_placeholder
from imr_tui.checks.findings import Finding, Found, places
from imr_tui.checks.glossary import Glossary, Match
from imr_tui.checks.unknown_abbreviations import (
    defined_abbreviations,
    may_be_unknown,
    unknown_abbreviations,
)
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review


def name_words(review: Review) -> set[str]:
    """The words of every name the review lists (adults, names to replace and their
    pseudonyms), case folded: a surname in capitals is not an abbreviation."""
    names = [a.name for a in review.adults]
    names += [t for p in review.pseudonyms for t in (p.name, p.alias)]
    return {w.strip("().,'’").casefold() for n in names for w in n.split()}


def _known_finding(abbr: str, glossary: Glossary, sense: str = "") -> tuple[str, str]:
    meanings = glossary.expansions(abbr)
    if sense:
        message = f'"{abbr}" is an abbreviation ({sense}).'
        advice = (
            f'Write "{sense}" in full, or accept "{abbr}" for this review so the export\'s '
            f'glossary lists it as "{sense}".'
        )
    elif len(meanings) > 1:
        listed = "; ".join(meanings)
        message = f'"{abbr}" is an abbreviation with more than one meaning: {listed}.'
        advice = (
            f'Write out in full the meaning you intend, or give "{abbr}" the meaning you '
            "intend (or accept it) so the export's glossary lists it."
        )
    else:
        message = f'"{abbr}" is an abbreviation ({meanings[0]}).'
        advice = (
            f'Write "{meanings[0]}" in full, or accept "{abbr}" for this review so '
            "the export's glossary lists it."
        )
    return message, advice


def _which_meaning_finding(abbr: str, glossary: Glossary) -> tuple[str, str]:
    listed = "; ".join(glossary.expansions(abbr))
    message = f'"{abbr}" is accepted, but which meaning? It may mean: {listed}.'
    advice = (
        f'Give "{abbr}" the meaning you intend (m in the Check screen, or imr glossary '
        f'FILE mean {abbr} "..."), or write it out in full: a final report needs it.'
    )
    return message, advice


def defined_in_review(catalogue: Catalogue, review: Review) -> dict[str, str]:
    """The abbreviations the author's text defines itself (``a Public Protection Notice
    (PPN)``), case folded, with the meaning written there, first definition first."""
    found: dict[str, str] = {}
    texts = dict.fromkeys(t for place in places(catalogue, review) for t in place.texts)
    for text in texts:  # each once, in order of first use: sources and names repeat
        for abbr, meaning in defined_abbreviations(text).items():
            found.setdefault(abbr.casefold(), meaning)
    return found


def _unknown_finding(abbr: str) -> tuple[str, str]:
    message = f'"{abbr}" looks like an abbreviation, and it is not in the glossary.'
    advice = (
        f'Write out in full what "{abbr}" stands for, give its meaning so the '
        f'export\'s glossary lists it, or accept "{abbr}" as written if it is no abbreviation.'
    )
    return message, advice


def one_sense(matches: list[Match]) -> str:
    """The one sense every match has (``Did Not Attend`` when each is written ``DNA'd``),
    or ``""`` when any may have another."""
    senses = {m.sense for m in matches}
    return senses.pop() if len(senses) == 1 else ""


def sense_in_review(
    catalogue: Catalogue, review: Review, glossary: Glossary, abbreviation: str
) -> str:
    """The one meaning every use of an ambiguous abbreviation in the review has (each is
    written ``DNA'd``), or ``""``: what accepting it as written gives it."""
    if not glossary.is_ambiguous(abbreviation):
        return ""
    key = abbreviation.casefold()
    uses = [
        m
        for place in places(catalogue, review)
        for text in place.texts
        for m in glossary.matches(text)
        if m.abbreviation.casefold() == key
    ]
    return one_sense(uses) if uses else ""


def _read(
    texts: list[str], glossary: Glossary, ignore: set[str], fillers: set[str]
) -> dict[str, tuple[list[Match], list[str]]]:
    """The texts holding glossary abbreviations or words that look like unknown ones,
    with them; not a placeholder ("TBC" alone is reported as one, not as shorthand).
    The texts are searched together first (:mod:`imr_tui.checks.text_index`), and only
    those that may hold one are read on their own."""
    blob, starts = text_index.joined(texts)
    may_know = glossary.may_match(texts, blob, starts)
    may_not = may_be_unknown(texts, blob, starts)
    read: dict[str, tuple[list[Match], list[str]]] = {}
    for i in sorted(may_know | may_not):
        text = texts[i]
        known = glossary.matches(text) if i in may_know else []
        unknown = unknown_abbreviations(text, glossary, ignore) if i in may_not else []
        if (known or unknown) and not is_placeholder(text, fillers):
            read[text] = (known, unknown)
    return read


def abbreviations(catalogue: Catalogue, review: Review, glossary: Glossary) -> Found:
    """Every glossary abbreviation the author has not accepted, and every word that looks
    like an abbreviation the glossary does not know and has no meaning, once per place.

    The glossary's ``well_known`` abbreviations (``NHS``) are never reported; an
    abbreviation the author gave a meaning, or that the text defines itself (``a Public
    Protection Notice (PPN)``), is accepted; a word the glossary does not know that the
    author accepted is fine as written. An ambiguous one accepted with no meaning is
    still reported (which meaning?), as a final report needs one.
    """
    accepted = {a.casefold() for a in review.accepted_abbreviations}
    meant = {a.casefold() for a, m in review.abbreviation_meanings.items() if m.strip()}
    meant |= set(defined_in_review(catalogue, review))
    ignore = name_words(review)
    fillers = {normalised(p) for p in catalogue.checks.placeholder_answers if p.strip()}
    out: Found = []
    every = places(catalogue, review)
    read = _read(list(dict.fromkeys(t for p in every for t in p.texts)), glossary, ignore, fillers)
    for place in every:
        if read.keys().isdisjoint(place.texts):
            continue  # nothing here (most places of a long chronology)
        found: dict[str, tuple[str, bool]] = {}
        uses: dict[str, list[Match]] = {}
        for n, text in enumerate(place.texts):
            field = place.fields[n] if n < len(place.fields) else ""
            if text not in read:
                continue
            in_glossary, unknown = read[text]
            for m in in_glossary:
                found.setdefault(m.abbreviation, (field, True))
                uses.setdefault(m.abbreviation, []).append(m)
            for abbr in unknown:
                found.setdefault(abbr, (field, False))
        for abbr, (field, known) in found.items():
            sense = one_sense(uses[abbr]) if known else ""
            key = abbr.casefold()
            if key in meant or (known and abbr in glossary.well_known):
                continue
            if key in accepted and not (known and glossary.is_ambiguous(abbr)):
                continue
            if key in accepted:
                message, advice = _which_meaning_finding(abbr, glossary)
            elif known:
                message, advice = _known_finding(abbr, glossary, sense)
            else:
                message, advice = _unknown_finding(abbr)
            finding = Finding(
                "abbreviation",
                place.section_id,
                place.step_id,
                place.where,
                message,
                advice,
                abbr,
                place.record_id,
                field,
                rule="abbreviation",
            )
            out.append((place.order, finding))
    return out


def used_abbreviations(catalogue: Catalogue, review: Review, glossary: Glossary) -> list[str]:
    """The glossary abbreviations used anywhere in the review, in order of first use."""
    texts = (t for place in places(catalogue, review) for t in place.texts)
    return list(dict.fromkeys(m.abbreviation for t in texts for m in glossary.matches(t)))
