"""Looking again: what an anonymised export still holds that may identify someone.

The search is broader than the replacement and works on the folded view of the text
(accents, case, soft hyphens, zero-width and non-breaking characters aside): the listed
names and their capitalised words, the adults' names with no pseudonym, the author's and
endorser's names, names inside identifiers, every e-mail address, phone, NHS and National
Insurance number and postcode, and every form of each adult's date of birth. Anything it
finds stops an anonymised export (:mod:`imr_tui.report.anonymised_export`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imr_tui.report import identifiers as ids
from imr_tui.report.folding import IGNORED, Folded, fold
from imr_tui.report.kept import NAME_TITLES, fragment_as_name, ordinary_word
from imr_tui.report.name_words import is_date_month, name_pattern, words_of

if TYPE_CHECKING:
    from imr_tui.report.anonymise import Anonymised


@dataclass(frozen=True)
class Leftover:
    """Something identifying still found in an anonymised export."""

    what: str
    """The name as written in the export (``Siobhan``), or what was found in words (``a
    date of birth``, ``an e-mail address``: then :attr:`note` gives it as written)."""
    where: str
    """The section it was found in."""
    note: str = ""
    """Why it was looked for, when it is not a listed name."""
    form: str = ""
    """The exact text the author could list, when it is a name; ``""`` otherwise."""
    context: str = ""
    """A few words around the first one found, on one line (``…no hope of discharge by
    May…``), so that it can be found among many; ``""`` when not a name."""

    def __str__(self) -> str:
        tail = f" ({self.note})" if self.note else ""
        around = f": \u201c{self.context}\u201d" if self.context else ""
        return f"still found: {self.what} in {self.where}{tail}{around}"


_SEARCH_BEFORE = r"(?<!\w)"
_SEARCH_AFTER = r"(?!\w)"
_CHECKS = {
    "[e-mail removed]": ("an e-mail address", "e-mail addresses are removed"),
    "[phone number removed]": ("a phone number", "phone numbers are removed"),
    "[NHS number removed]": ("an NHS number", "NHS numbers are removed"),
    "[NI number removed]": ("a National Insurance number", "NI numbers are removed"),
    "[postcode removed]": ("a postcode", "postcodes are removed"),
    "[identifier removed]": ("an identifier", "it holds a name or a long number"),
    "[file name removed]": ("a file name", "it holds a name"),
    "[address removed]": ("an address", "street addresses are removed"),
}


def _as_written(found: str) -> str:
    """``found`` on one line, without soft hyphens and zero-width characters."""
    return " ".join("".join(ch for ch in found if ch not in IGNORED).split())


_JOINERS = frozenset("-\u2010\u2011\u2012\u2013")


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened over words joined to it by hyphens, so that
    what the author is told to list is the whole name as written (``Hollins-Jones``)."""
    while start > 1 and text[start - 1] in _JOINERS and text[start - 2].isalpha():
        start -= 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
    n = len(text)
    while end + 1 < n and text[end] in _JOINERS and text[end + 1].isalpha():
        end += 1
        while end < n and text[end].isalpha():
            end += 1
    return start, end


CONTEXT = 30
"""About how many characters either side of a name the context shows."""


def context(text: str, start: int, end: int) -> str:
    """A few whole words around ``text[start:end]`` on its line, with ``…`` where cut."""
    a = max(0, start - CONTEXT, text.rfind("\n", 0, start) + 1)
    line_end = text.find("\n", end)
    z = min(len(text), end + CONTEXT, len(text) if line_end < 0 else line_end)
    while a > 0 and not text[a - 1].isspace() and a < start:
        a += 1
    while z < len(text) and not text[z].isspace() and z > end:
        z -= 1
    inner = _as_written(text[a:z])
    cut_before = a > 0 and text[a - 1] != "\n"
    cut_after = z < len(text) and text[z] != "\n"
    return ("\u2026" if cut_before else "") + inner + ("\u2026" if cut_after else "")


def _everyday(name: str, anon: Anonymised, short: int = 0) -> bool:
    """Whether ``name`` is looked for only with a capital: an ordinary word that is also
    a name (``will``, see :class:`~imr_tui.core.catalogue.Anonymise`), or a word shorter
    than ``short`` letters."""
    folded = fold(name).strip()
    return len(name.split()) == 1 and (folded in anon.replacer.everyday or len(folded) < short)


def leftovers(sections: Iterable[tuple[str, str]], anon: Anonymised) -> list[Leftover]:
    """What is still found in the export's text, given as ``(section title, text)`` pairs.

    The search is on the folded view (accents, case, soft hyphens, zero-width and
    non-breaking characters aside). Names are looked for longest first, and a shorter name
    or a word found inside a longer one already found is not reported again; then names
    inside identifiers, e-mail addresses, phone, NHS and NI numbers, postcodes and dates of
    birth. Each is reported once per section, in the export's order of sections, then by
    where it is first found.
    """
    listed_words = {w for name, _ in anon.searched for w in words_of(name)} - NAME_TITLES
    checks: list[tuple[re.Pattern[str], str, str, bool]] = []
    for name, note in sorted(anon.searched, key=lambda n: -len(n[0])):
        pattern = re.compile(rf"{_SEARCH_BEFORE}{name_pattern(name)}{_SEARCH_AFTER}")
        checks.append((pattern, name, note, _everyday(name, anon)))  # "will" is not "Will"
    for word, whole in anon.fragments:  # a plural after "the" too: "The Wards"
        plural = rf"(?:(?<=the ){name_pattern(word)}(?:es|s)|{name_pattern(word)})"
        pattern = re.compile(rf"{_SEARCH_BEFORE}{plural}{_SEARCH_AFTER}")
        checks.append((pattern, word, f"part of '{whole}'", _everyday(word, anon, short=4)))
    out: list[Leftover] = []
    for where, text in sections:
        view = Folded.of(text)
        kept = anon.kept_spans(view)
        taken: list[tuple[int, int]] = anon.kept_folded(view)
        found: list[tuple[int, Leftover]] = []
        reported: set[tuple[int, int]] = set()
        for pattern, what, note, capital in checks:
            first: tuple[int, str, str] | None = None
            other = False
            for m in pattern.finditer(view.text):
                start, end = view.span(*m.span())
                first_letter = text[start : start + 1]
                if capital and first_letter.isalpha() and not first_letter.isupper():
                    continue
                if (
                    note.startswith("part of")
                    and first_letter.isalpha()
                    and not first_letter.isupper()
                    and not fragment_as_name(view.text, *m.span(), listed_words)
                ):
                    continue  # "the hollins by the gate"; "mrs hollins" is found
                if any(a <= m.start() and m.end() <= z for a, z in taken):
                    continue
                if is_date_month(view.text, *m.span()):
                    continue  # "In May 2024" is a date
                if " " not in what.strip() and ordinary_word(
                    view.text, *m.span(), anon.replacer.everyday, determiners=False
                ):
                    continue  # "on Sunday", "Ward 12"; "Her Will" is the author's to keep
                taken.append(m.span())
                given = anon.replacer.another_person(view, m.start(), m[0])
                if given is not None:
                    start, other = given, first is None or other
                start, end = _whole_words(text, start, end)
                if (start, end) in reported:
                    continue  # "Margaret-Ward" once, not as "Margaret" and as "Ward"
                if first is None:
                    reported.add((start, end))
                first = first or (start, _as_written(text[start:end]), context(text, start, end))
            if first is not None:
                at, written, around = first
                why = note or (
                    f"another person? only '{what}' is listed"
                    if other
                    else ""
                    if written.casefold() == what.casefold()
                    else f"listed as '{what}'"
                )
                found.append((at, Leftover(written, where, why, written, around)))
        seen: set[str] = set()
        for hit in [
            *ids.emails(view),
            *ids.identifiers(view, anon.name_words, anon.surnames),
            *ids.numbers(view),
            *ids.records(view),
            *ids.addresses(view),
        ]:
            if any(k.start <= hit.start and hit.end <= k.end for k in kept):
                continue  # inside a phrase listed as itself
            what, note = _CHECKS.get(hit.becomes, ("an identifier", ""))
            written = _as_written(text[hit.start : hit.end])
            if written not in seen:
                seen.add(written)
                why = f"{written}; {note}" if note else written
                found.append((hit.start, Leftover(what, where, why)))
        births = ids.births(view, anon.dob_patterns)
        if births:
            found.append((births[0].start, Leftover("a date of birth", where)))
        out += [leftover for _, leftover in sorted(found, key=lambda f: f[0])]
    return out
