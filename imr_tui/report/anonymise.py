"""Anonymised export: the names the author lists replaced, dates of birth shown as ages.

The report is walked once (:func:`imr_tui.report.walker.walk`), and the anonymiser is a
transform over its blocks: names are replaced in the author's text in each block (never
in the template's own wording, never in the file, never in Markdown or Word syntax); the
changed blocks are then drawn by the ordinary renderers. The rules, kept deliberately
conservative:

- Only the names listed in the review's pseudonyms are replaced, each as written, by
  its alias: as a whole word, in any capitalisation, with any spacing or line break
  between its words, straight or curly apostrophes alike, and with possessives and
  contractions (``Dorothy's``, ``Hollins's``, ``Hollins'``, ``Amy'd``).
- A full name does not stand for its parts: an author who also writes ``Dorothy`` or
  ``Mrs Hollins`` lists each of them as a row of its own, with the same alias.
- Longer names are tried first, in one pass, so ``Amy Hart`` is replaced before ``Amy``
  and an alias is never replaced again.
- Never inside another word: ``Hart`` is not replaced in ``Hartley``, ``Hart-Smith`` or
  ``O'Hart``, nor ``Amy`` in ``Amyas``. A name is replaced in any case (``hollins``),
  except a one-word name that is also an everyday word (``May``, ``Hope``: the
  catalogue's ``[anonymise] everyday_words``), which is replaced only when written with a
  capital (``Will said``, ``WILL``; never ``he will turn her``); a month next to a day or a
  year (``2 May``, ``May 2024``) or after ``by``, ``in``, ``until``, ``end of``, ``early``,
  ``mid-`` (``by May``) is a date, never a name.
- An apostrophe inside a listed name may be left out or written as a space or hyphen
  (``OBrien``, ``O Brien``, ``O-Brien`` for ``O'Brien``); a hyphen may be a space; a
  prefix joined to a capital may be written apart (``Mc Allister``, ``Mac Leod``, ``De
  Souza`` for ``McAllister``, ``MacLeod``, ``DeSouza``); a title's full stop is optional
  (``Mrs. Ellison's`` for ``Mrs Ellison``); one or two capitalised middle names between a
  listed name's first and last words are taken in (``Kathleen Mary McAllister`` for
  ``Kathleen McAllister``); a word of a listed name in mixed case (``McAllister``) is a
  name, never an identifier. A plural
  in capitals (``the Harts``, ``the Hollinses``) becomes the alias. A listed full name's
  initials in capitals with full stops (``D.H.``, ``D. H.``, ``Z.O'B.``) become the alias,
  unless two people share them or they are an abbreviation's (``G.P.``, ``D.N.``);
  initials without full stops (``DH``, ``GP``) are never replaced. A surname with its
  initial after it (``Hollins, D.``, ``Ellison M.``) and a given name with the surname's
  initial (``Margaret E.``) become the alias.
- An honorific (``Mr``, ``Mrs.``, ``Dr``...), the alias's own leading words (``Staff
  Nurse`` for ``Staff Nurse 1``, ``neighbour`` before ``Mr Derek Grant`` for
  ``Neighbour``) or a rank written short that the alias begins with (``PC`` for ``Police
  Officer 1``) just before a name go with it, and two different listed
  forms of one person side by side (``HOLLINS Dorothy``, ``Dorothy-Ann Hollins``) become
  one alias, so an alias never appears twice.
- A surname listed alone (``O'Brien``) just after a capitalised given name that is not
  listed (``Liam O'Brien``) is another person: it is left, and the search reports it.
- E-mail addresses, phone numbers (UK, or with any ``+`` country code; brackets round
  one stay unless part of it; ``0044`` too), NHS numbers (``485 77 73457``: ten digits passing the
  check, grouped any way) and National Insurance numbers, postcodes of any
  area in any case (``GIR 0AA``, ``ns1 4ab`` too),
  street addresses (``12 Acacia Avenue``; never across a comma, and not a service such as
  ``12 Hope Street Surgery``), record numbers after their label (``MRN``,
  ``hospital number``, ``PNC ID``, ``CRN``, ``case number``, ``collar``, ``ID``...), a
  collar number after a rank (``PC 2291``), and
  names inside identifiers, file names, hashtags and handles (``#justiceforpeggy``) are
  removed, listed or not. Every replacement is counted. Cyrillic and Greek letters that
  look like Latin ones are read as those (``Ellis\u043en``).
- The details show each adult's age at the end of the review period (on the day of the
  export when the period has no end date) instead of the date of birth, and the date of
  birth written in the text (``02/06/1945``, ``1945-06-02``, ``2 June 1945``,
  ``June 2, 1945``, ``2nd June '45``, ``the second of June 1945``, the month and year
  ``June 1945``, the US order ``06/02/1945``, ``02 06 1945``, ``450602``) becomes ``[date of birth
  removed]``, and so does any date just after ``DOB``, ``D.O.B.``, ``date of birth`` or
  ``born``.

Then every text of every block (the template's wording too) is searched again, section by
section, more broadly than the replacement, and every *leftover* is reported as
``still found: NAME in SECTION``:

- a listed name, or an adult's name that has no pseudonym (an adult's name that is itself
  an alias counts as listed), found as a whole word in any capitalisation (an everyday
  word only with a capital), hyphens and apostrophes counting as word breaks (so
  ``Hart-Smith`` reports ``Hart``), with the words around it (and, in the chronology,
  the entry's date) so it can be found;
- a word of a listed name of two or more words (and each part of a hyphenated one:
  ``Byrne`` of ``McAllister-Byrne``), of three or more letters, that starts with
  a capital as listed and is neither a title (``Mrs``, ``Nurse``, ``Constable``...), a
  note in brackets, nor a word of any alias, found starting with a capital: ``Hollins``
  of ``Dorothy Hollins``, so that a ``Mrs Hollins`` nobody listed does not slip through;
- an adult's date of birth.

A row that maps a name to itself (``Adult A`` to ``Adult A``, ``Rose Ward`` to ``Rose
Ward``) keeps exactly that phrase where it is written: it is neither replaced, reported nor
counted, and nothing else changes (``Rose`` of a listed ``Rose Tinsley`` is still found
elsewhere). A one-word row (``Ward`` to ``Ward``) keeps the ordinary word only (``on the
Ward``): after a title (``Mr Read``), a capitalised given name or a pseudonym (``Danny
Ward``, ``Adult M Ward``), before a name's word (``Ward, Margaret``, ``WARD Margaret``) or
as a plural (``The Wards``) it is still found; a row in lower case (``read``) keeps only
the word in lower case; in ``imr merge`` another agency's one-word rows are ignored.

A listed one-word name, or a word of one, is the ordinary word in a list of months
(``April, May and June``), as a weekday not after a title (``on Sunday`` for ``Dr
Sunday``), before a short number (``Ward 12``, ``Bay 3``) and, when an everyday word, as a
modal verb starting a question (``Will she cope?``) or after a determiner or possessive
(``Her Will``, ``the Rose``). A word of a listed name written in lower case is found only
after a title (``mrs hollins``) or next to another word of a listed name. A name joined
by a hyphen (``Margaret-Ward``) is reported once. Record numbers after a label take all
their digit groups (``MRN 1234 5678``); postcodes may have two spaces; a date of birth
may be written ``1940 Nov 9`` or with a Roman month (``9-xi-1940``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.pseudonym_rules import key
from imr_tui.report import blocks as b
from imr_tui.report import identifiers as ids
from imr_tui.report.folding import Folded, Hit, claim, fold, splice
from imr_tui.report.kept import kept_here
from imr_tui.report.leftovers import Leftover, leftovers
from imr_tui.report.name_words import APOSTROPHES, TITLES, name_pattern, words_of
from imr_tui.report.names import Replacer, joined

DOB_REMOVED = ids.DOB

# ---------------------------------------------------------------- the anonymised copy


class NoNamesListed(UserError):
    """The review lists no names to replace and names no adult: nothing to anonymise.

    The message gives the command line's way to list one; the app, which has a prompt
    for them, tells this error apart and points the author to that prompt instead.
    """


@dataclass
class Anonymised:
    """How to anonymise a review's report, and what to look for afterwards."""

    age_at: date
    """The day the adults' ages are given on."""
    age_basis: str
    """In words, read after ``aged 80 at``: the end of the review period, or the time of
    the export."""
    searched: list[tuple[str, str]]
    """Names to look for in the export, with why (empty for a listed name)."""
    fragments: list[tuple[str, str]]
    """Words of multi-word names to look for (with a capital), with the name they belong to."""
    births: list[date]
    """The adults' dates of birth, to look for in the export."""
    notes: list[str]
    """Problems that need the author, said in one line each."""
    replacer: Replacer = field(default_factory=lambda: Replacer({}), repr=False)
    """Replaces the listed names (and counts them)."""
    dob_patterns: list[re.Pattern[str]] = field(default_factory=list, repr=False)
    """The ways each adult's date of birth is written."""
    name_words: list[str] = field(default_factory=list, repr=False)
    """Folded words of the names, looked for inside identifiers and file names."""
    surnames: list[str] = field(default_factory=list, repr=False)
    """Folded last words of the names, looked for glued to an initial (``dhollins``)."""
    kept: re.Pattern[str] | None = field(default=None, repr=False)
    """The phrases listed as themselves (``Rose Ward`` to ``Rose Ward``), on the folded
    view: kept where they are written, neither replaced, reported nor counted."""

    kept_lower: frozenset[str] = field(default=frozenset(), repr=False)
    _known: frozenset[str] | None = field(default=None, init=False, repr=False)
    """The folded one-word phrases listed as themselves in lower case (``read``): kept
    only where written in lower case."""

    def kept_folded(self, view: Folded) -> list[tuple[int, int]]:
        """Where the phrases listed as themselves are kept in ``view`` (folded positions):
        a one-word phrase only as the ordinary word (:func:`~imr_tui.report.kept.kept_here`)."""
        if self.kept is None:
            return []
        if self._known is None:
            self._known = frozenset(self.known_words())
        known = self._known
        return [
            m.span()
            for m in self.kept.finditer(view.text)
            if kept_here(view, *m.span(), self.kept_lower, known)
        ]

    def kept_spans(self, view: Folded) -> list[Hit]:
        """Where the phrases listed as themselves are in ``view`` (original positions)."""
        return [
            Hit(*view.span(a, z), view.original[slice(*view.span(a, z))], "kept")
            for a, z in self.kept_folded(view)
        ]

    @property
    def replaced(self) -> int:
        """How many replacements (names and identifiers) have been made so far."""
        return self.replacer.count

    def known_words(self) -> set[str]:
        """The folded words of every listed name and alias (not suggested as nicknames)."""
        out: set[str] = set()
        for name, alias in self.replacer.aliases.items():
            out.update(words_of(name))
            out.update(words_of(alias))
        for name, _ in self.searched:
            out.update(words_of(name))
        return out

    def hits(self, text: str) -> list[Hit]:
        """What is replaced in ``text``, in order, with what replaces it (original positions)."""
        if not text:
            return []
        view = Folded.of(text)
        names = self.replacer.hits(view)
        kept = [  # a kept "Rose" inside a listed "Rose Tinsley" yields to it
            k
            for k in self.kept_spans(view)
            if not any(
                n.start <= k.start and k.end <= n.end and n.end - n.start > k.end - k.start
                for n in names
            )
        ]
        tokens = [
            hit
            for hit in ids.identifiers(view, self.name_words, self.surnames)
            if not any(n.start <= hit.start and hit.end <= n.end for n in names)
        ]  # a name written in mixed case (MacLeod) is a name, not an identifier
        found = [
            kept,
            ids.emails(view),
            tokens,
            ids.births(view, self.dob_patterns),
            ids.numbers(view),
            ids.records(view),
            ids.addresses(view),
            names,
        ]
        return joined(text, [hit for hit in claim(found) if hit.kind != "kept"])

    def text(self, text: str) -> str:
        """``text`` with the listed names replaced and identifiers and dates of birth
        removed; each replacement is counted."""
        hits = self.hits(text)
        self.replacer.count += len(hits)
        return splice(text, hits)

    def blocks(self, blocks: Iterable[b.Block]) -> list[b.Block]:
        """The report's blocks with the author's text in each anonymised."""
        return [b.map_authored(block, self.text) for block in blocks]

    def search(self, sections: Iterable[tuple[str, str]]) -> list[Leftover]:
        """What is still found in ``(where, text)`` pairs: see :func:`leftovers`."""
        return leftovers(sections, self)


def _fragments(names: list[str], aliases: list[str]) -> list[tuple[str, str]]:
    alias_words = {w.strip(APOSTROPHES + '"(),.;:').casefold() for a in aliases for w in a.split()}
    whole = {key(n) for n in names}
    out: dict[str, tuple[str, str]] = {}
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue
        parts = [p for raw in words if "-" in raw.strip("-") for p in raw.split("-")]
        for raw in [*words, *parts]:  # Byrne of McAllister-Byrne too
            if raw.startswith("(") or raw.endswith(")"):
                continue  # a note in brackets, such as (FICTIONAL), is not part of the name
            word = raw.strip(APOSTROPHES + '"(),.;:')
            folded = word.casefold()
            letters = sum(ch.isalpha() for ch in word)
            if (
                letters < 3
                or not word[:1].isupper()
                or folded in TITLES
                or folded in alias_words
                or key(word) in whole
            ):
                continue
            out.setdefault(key(word), (word, name))
    return list(out.values())


def _kept(phrases: list[str]) -> re.Pattern[str] | None:
    """A pattern for the phrases listed as themselves, longest first, as whole words."""
    if not phrases:
        return None
    alts = "|".join(name_pattern(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))
    return re.compile(rf"(?<![\w\-])(?<!\w')(?:{alts})(?![\w\-])")


_ROLE_DEFAULTS = {"author_role": "the author", "endorser_role": "the endorsing officer"}
_ROLE_KINDS = {"author_role": "author's name", "endorser_role": "endorser's name"}


_A_NAME = re.compile(r"[^\W\d_]{2,}(?:[ .'\u2019\-]+[^\W\d_]+)*\.?")


def _person(answer: str) -> str:
    """The name in an answer such as ``Marcus Whitfield, Northshire NHS, 01632 960123``."""
    first = answer.strip().splitlines()[0] if answer.strip() else ""
    return " ".join(re.split(r"[,;(<]", first)[0].split())


def _significant(names: Iterable[str]) -> tuple[list[str], list[str]]:
    """Words (3+ letters, no titles) and last words of ``names``, folded."""
    words: dict[str, None] = {}
    last: dict[str, None] = {}
    for name in names:
        found = [w for w in words_of(name) if w not in TITLES]
        for w in found:
            if sum(ch.isalpha() for ch in w) >= 3:
                words.setdefault(w)
        if found:
            last.setdefault(found[-1])
    return list(words), list(last)


def anonymise(
    review: Review,
    catalogue: Catalogue,
    today: date | None = None,
    file: str = "FILE",
    others: Sequence[Review] = (),
) -> Anonymised:
    """How to anonymise ``review``'s report: the names to replace, ages, what to look for.

    ``others`` are more reviews (``imr merge``): their lists, adults, dates of birth,
    authors and endorsers count too; a name two lists give different aliases keeps the
    first, with a note. The author's and endorser's names (prompts with
    ``anonymise_as_role``) become their role unless listed.

    Raises :class:`UserError` (naming ``file``) when nothing is listed to replace, or a
    listed name has no alias: an export that only looks anonymised would be worse than none.
    """
    aliases: dict[str, str] = {}
    listed: list[str] = []
    notes: list[str] = []
    for n, each in enumerate([review, *others]):
        for i, p in enumerate(each.pseudonyms):
            if not p.name.strip():
                continue
            if not p.alias.strip():
                where = file if n == 0 else f"{file} (review {n + 1})"
                raise UserError(
                    f"{where}: pseudonyms[{i}]: '{p.name.strip()}' has no alias; give it one "
                    f"with: imr pseudonyms {file} add '{p.name.strip()}' ALIAS"
                )
            alias = " ".join(p.alias.split())
            if n > 0 and key(p.name) == key(alias) and len(p.name.split()) == 1:
                continue  # another agency's "Power" kept as itself must not silence "Power"
            had = aliases.setdefault(key(p.name), alias)
            if key(had) != key(alias):
                notes.append(
                    f"'{p.name.strip()}' is listed as '{had}' and as '{alias}': '{had}' is used"
                )
            listed.append(" ".join(p.name.split()))
    reviews = [review, *others]
    named_adults = [" ".join(a.name.split()) for r in reviews for a in r.adults if a.name.strip()]
    if not aliases and not named_adults:
        raise NoNamesListed(
            f"{file}: no names are listed to replace; list each with: "
            f"imr pseudonyms {file} add NAME ALIAS"
        )

    identity = {k for k, a in aliases.items() if key(a) == k}
    alias_keys = {key(a) for a in aliases.values()}
    searched: dict[str, tuple[str, str]] = {}
    for name in listed:
        if key(name) not in identity:
            searched.setdefault(key(name), (name, ""))
    for name in named_adults:
        if key(name) not in aliases and key(name) not in alias_keys:
            searched.setdefault(key(name), (name, "an adult's name with no pseudonym"))

    replacing = {k: a for k, a in aliases.items() if k not in identity}
    everyday = frozenset(fold(w) for w in catalogue.anonymise.everyday_words)
    written = {key(n): n for n in listed}
    listed_only = Replacer(dict(replacing), everyday=everyday, written=written)
    kinds: dict[str, str] = {}
    people: list[str] = []
    roles: list[tuple[str, str, str]] = []
    """(person, their role as typed, what kind of name) for the author and endorser."""
    for prompt in catalogue.prompts():
        role_id = prompt.anonymise_as_role
        if not role_id:
            continue
        for each in reviews:
            person = _person(each.answer(prompt.id))
            if (
                not _A_NAME.fullmatch(person)
                or key(person) in alias_keys
                or (key(person) not in aliases and listed_only(person) != person)
            ):
                continue  # not a name, a pseudonym already, or holding a listed name
            people.append(person)
            role = " ".join(each.answer(role_id).split()) or _ROLE_DEFAULTS.get(
                role_id, "the officer"
            )
            if key(person) not in aliases:
                roles.append((key(person), role, _ROLE_KINDS.get(role_id, "name")))
            searched.setdefault(key(person), (person, f"the {prompt.title.lower()}"))

    period_end = review.review_period.end
    if period_end is not None:
        age_at, basis = period_end, "the end of the review period"
    else:
        age_at = today or clock.today()
        basis = "the time of the export (the review period has no end date)"
    births = sorted({a.date_of_birth for r in reviews for a in r.adults if a.date_of_birth})

    listing = catalogue.prompt_of_kind("pseudonyms")
    if listing is not None and review.answer(listing.id).strip():
        notes.append(
            f"the '{listing.title}' prompt holds typed text, which is not used: list each "
            f"name with: imr pseudonyms {file} add NAME ALIAS"
        )
    names = [n for n, _ in searched.values()]

    def made(replacing: dict[str, str]) -> Anonymised:
        words, last = _significant([*names, *(k for k in replacing), *people])
        return Anonymised(
            age_at=age_at,
            age_basis=basis,
            searched=list(searched.values()),
            fragments=_fragments(names, [a for k, a in aliases.items() if k not in identity]),
            births=births,
            notes=notes,
            replacer=Replacer(
                dict(replacing), kinds=dict(kinds), everyday=everyday, written=written
            ),
            dob_patterns=[ids.dob_pattern(born) for born in births],
            name_words=words,
            surnames=last,
            kept=_kept([n for n in listed if key(n) in identity]),
            kept_lower=frozenset(
                fold(n) for n in listed if key(n) in identity and " " not in n and n == n.lower()
            ),
        )

    # A role replaces a name only once it is anonymised itself: a role typed as
    # "Director; deputy A. Hart, AHart@nhs.net" must not bring the e-mail back.
    without_people = made(replacing)
    for person, role, kind in roles:
        replacing.setdefault(person, without_people.text(role))
        kinds.setdefault(person, kind)
    return made(replacing)
