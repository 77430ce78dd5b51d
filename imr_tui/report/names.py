"""Finding a listed name, or a date of birth, in text: the anonymiser's matching rules.

See :mod:`imr_tui.report.anonymise` for the rules in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from imr_tui.report.folding import Folded, Hit, claim, fold, splice
from imr_tui.report.kept import ordinary_word
from imr_tui.report.name_words import (
    GIVEN_BEFORE,
    HONORIFICS,
    MONTH_WORDS,
    ROLE_ABBREVIATIONS,
    TITLES,
    WEEKDAY_WORDS,
    abbreviations,
    is_date_month,
    name_pattern,
    sentence_start,
    word_pattern,
    words_of,
)

_BEFORE = r"(?<![\w\-])(?<!\w')"
_END = r"(?![\w\-])"
_PLURAL = r"(?P<plural>es|s)?"
_SUFFIXES = rf"(?:(?P<suffix>'(?:s|d|ll|ve|re|m)){_END}|(?P<bare>'){_END}|{_END}(?!'\w))"
_INITIAL_BEFORE = re.compile(r"(?<![\w\-.])(?<!\w')([a-z])(\.)?\s*$")


_HONORIFIC_WORD = r"(?:mr|mrs|ms|miss|mx|dr|prof|rev)\.?"


def _alias_runs(alias: str) -> list[list[str]]:
    """The alias's leading words (longest first) that, written just before a name, repeat
    the alias: ``Staff Nurse`` and ``Staff`` for ``Staff Nurse 1``, the whole alias
    (``Neighbour``), and a rank or role written short that the alias begins with (``PC``
    for ``Police Officer 1``)."""
    words = words_of(alias)
    n = len(words)
    runs = [words[:k] for k in range(n, 0, -1)]
    folded = " ".join(words)
    for short, roles in ROLE_ABBREVIATIONS.items():
        if any(folded.startswith(role + " ") or folded == role for role in roles):
            runs.append([short])
    return runs


@dataclass
class Replacer:
    """Replaces listed names in text, one pass, longest names first.

    Matching is on the folded view (:mod:`imr_tui.report.folding`). An initial with a
    full stop before a name (``D. Hollins``), or an initial before a surname whose full
    name is listed (``P Hollins`` for ``Paul Hollins``), is replaced with it, and so is a
    surname then its initial (``Hollins, D.``); a listed full name's initials in capitals
    (``D.H.``, ``DH``, ``Z.O'B.``) are replaced too. Words just before a name that are its
    alias's own leading words (``Staff Nurse`` before ``Amy Hart`` for ``Staff Nurse 1``),
    or an honorific (``Mrs.``), are taken in, so the alias never appears twice; so are two
    names with the same alias side by side (``HOLLINS Dorothy``). A plural in capitals
    (``the Harts``) is replaced; a month next to a day or year (``2 May``) is a date.

    A surname listed alone after a capitalised given name that is not listed (``Liam
    O'Brien`` with only ``Zoë O'Brien`` and ``O'Brien`` listed) is another person: it is
    left for the search after replacement to report (:meth:`another_person`).
    """

    aliases: dict[str, str]
    """Alias by :func:`key` of each listed name."""
    count: int = 0
    """How many replacements have been made so far."""
    kinds: dict[str, str] = field(default_factory=dict)
    """The kind of mention (``author's name``...) by key, when not ``name``."""
    everyday: frozenset[str] = frozenset()
    """Folded ordinary words that are also names (``will``): a name listed as one of
    these one words is replaced only where it is written with a capital."""
    written: dict[str, str] = field(default_factory=dict)
    """Each listed name as the author wrote it, by key: its capitals say where a prefix
    joined to a capital (``McAllister``) may be written apart (``Mc Allister``)."""
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _middle: list[tuple[re.Pattern[str], str]] = field(default_factory=list, init=False, repr=False)
    _initials: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _after: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _capitals: list[tuple[re.Pattern[str], str]] = field(
        default_factory=list, init=False, repr=False
    )
    _folded: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _pairs: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)
    _runs: dict[str, list[list[str]]] = field(default_factory=dict, init=False, repr=False)
    _alone: set[str] = field(default_factory=set, init=False, repr=False)
    _given: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)
    _given_initial: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _known: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        initials: dict[str, set[str]] = {}
        for k, alias in self.aliases.items():
            self._folded.setdefault(_fkey(k), alias)
            self._known.update(words_of(k))
            self._known.update(words_of(alias))
            words = [w for w in words_of(k) if w not in TITLES]
            if len(words) >= 2 and words[0][:1].isalpha():
                self._pairs.setdefault((words[0][0], words[-1]), alias)
                self._given.setdefault((words[0], words[-1][0]), alias)
                initials.setdefault(_initials_pattern(words), set()).add(alias)
        lasts = {words_of(k)[-1] for k in self._folded if len(words_of(k)) >= 2}
        self._alone = {k for k in self._folded if " " not in k and k in lasts}
        as_written = {_fkey(k): w for k, w in self.written.items()}
        names = sorted(self._folded, key=lambda k: (-len(k), k))
        if names:
            alts = "|".join(name_pattern(as_written.get(n, n)) for n in names)
            self._pattern = re.compile(rf"{_BEFORE}(?P<name>{alts}){_PLURAL}{_SUFFIXES}")
        surnames = sorted({s for _, s in self._pairs}, key=lambda s: (-len(s), s))
        if surnames:
            alts = "|".join(word_pattern(s) for s in surnames)
            self._initials = re.compile(
                rf"{_BEFORE}(?P<initial>[a-z])(?:\.\s*|\s+)(?P<name>{alts}){_SUFFIXES}"
            )
            self._after = re.compile(
                rf"{_BEFORE}(?P<name>{alts})(?:,\s*|\s+(?=[a-z]\.))(?P<initial>[a-z])\.?(?![\w'\-])"
            )
        givens = sorted({g for g, _ in self._given}, key=lambda g: (-len(g), g))
        if givens:
            alts = "|".join(word_pattern(g) for g in givens)
            self._given_initial = re.compile(
                rf"{_BEFORE}(?P<name>{alts})\s+(?P<initial>[a-z])\.(?![\w'\-])"
            )
        for n in names:  # "Kathleen Mary McAllister" for a listed "Kathleen McAllister"
            words = as_written.get(n, n).split()
            if len(words) >= 2 and fold(words[0]).strip(".") not in TITLES:
                first, last = name_pattern(words[0]), name_pattern(" ".join(words[1:]))
                middle = r"(?P<middle>(?:[^\W\d_][\w'\-]*\s+){1,2})"
                pattern = rf"{_BEFORE}(?P<name>{first}\s+{middle}{last}){_SUFFIXES}"
                self._middle.append((re.compile(pattern), self._folded[n]))
        for pattern, found in initials.items():
            if len(found) == 1:  # initials two people share stand for neither
                self._capitals.append((re.compile(pattern), found.pop()))

    def _lookup(self, found: str) -> str | None:
        """The alias of a name as matched (apostrophes and hyphens written otherwise)."""
        exact = self._folded.get(" ".join(found.split()))
        if exact is not None:
            return exact
        flat = _flat(found)
        for k, alias in self._folded.items():
            if _flat(k) == flat:
                return alias
        return None

    def another_person(self, view: Folded, start: int, name: str) -> int | None:
        """Where a capitalised given name starts just before the surname matched at folded
        ``start`` (``Liam`` of ``Liam O'Brien``), when the surname is listed alone and the
        word is neither listed, a title, a month or weekday, nor a sentence's first word."""
        if _flat(name) not in {_flat(k) for k in self._alone}:
            return None
        begin = view.origin[start]
        m = GIVEN_BEFORE.search(view.original, max(0, begin - 60), begin)
        if m is None or not m[1][:1].isupper() or m[1].isupper():
            return None
        word = fold(m[1])
        if (
            word in TITLES
            or word in MONTH_WORDS
            or word in WEEKDAY_WORDS
            or word in self._known
            or any(part in self._known for part in word.split("-"))
            or sentence_start(view.original, m.start())
        ):
            return None
        return m.start()

    def _hit(self, view: Folded, m: re.Match[str], alias: str, start: int) -> Hit:
        """The hit for match ``m`` from folded ``start``, with its suffix kept."""
        text = view.text
        window = text[max(0, start - 80) : start]
        for run in self._runs.setdefault(alias, _alias_runs(alias)):
            joined = r"\s+".join(map(re.escape, run))
            before = re.search(rf"{_BEFORE}{joined}\.?\s+(?:{_HONORIFIC_WORD}\s+)?$", window)
            if before:
                start -= len(window) - before.start()
                break
        else:
            honorific = HONORIFICS.search(window)
            if (
                honorific
                and view.original[view.origin[start - len(window) + honorific.start()]].isupper()
            ):
                start -= len(window) - honorific.start()
        begin, end = view.span(start, m.end("name"))
        becomes = alias
        groups = m.groupdict()
        if groups.get("plural"):
            end = view.span(m.start("plural"), m.end("plural"))[1]
        if m["suffix"]:
            _, stop = view.span(m.start("suffix"), m.end("suffix"))
            suffix = view.original[end:stop]
            becomes += suffix[0] + suffix[1:].lower()
            end = stop
        elif m["bare"]:
            _, stop = view.span(m.start("bare"), m.end("bare"))
            quote = view.original[end:stop]
            opened = start > 0 and text[start - 1] == "'"
            named = m["name"] + (groups.get("plural") or "")
            becomes += quote + ("s" if named.endswith("s") and not opened else "")
            end = stop
        kind = self.kinds.get(_fkey(m["name"]), "name")
        if start < m.start("name") and _INITIAL_BEFORE.search(text, start, m.start("name")):
            kind = "initial and " + kind
        return Hit(begin, end, becomes, kind)

    def _plural(self, view: Folded, m: re.Match[str]) -> bool:
        """Whether match ``m`` is a plural of a surname in capitals (``the Harts``): a
        name of more than one word, or one listed alone that ends a listed full name."""
        name = " ".join(m["name"].split())
        surname = " " in name or _flat(name) in {_flat(k) for k in self._alone}
        return surname and view.original[view.origin[m.start()]].isupper()

    def _more(self, view: Folded) -> list[Hit]:
        """A surname then its initial (``Hollins, D.``), and initials in capitals (``DH``)."""
        out: list[Hit] = []
        if self._after is not None:
            for m in self._after.finditer(view.text):
                surname = self._lookup_surname(m["name"])
                alias = self._pairs.get((m["initial"], surname)) if surname else None
                if alias is not None and view.original[view.origin[m.start("initial")]].isupper():
                    out.append(Hit(*view.span(*m.span()), alias, "initial and name"))
        if self._given_initial is not None:  # "Margaret E." for Margaret Ellison
            for m in self._given_initial.finditer(view.text):
                alias = next(
                    (
                        a
                        for (g, i), a in self._given.items()
                        if i == m["initial"] and _flat(g) == _flat(m["name"])
                    ),
                    None,
                )
                first = view.original[view.origin[m.start()]]
                initial = view.original[view.origin[m.start("initial")]]
                if alias is not None and first.isupper() and initial.isupper():
                    out.append(Hit(*view.span(*m.span()), alias, "initial and name"))
        for pattern, alias in self._middle:
            for m in pattern.finditer(view.text):
                begin, end = view.span(*m.span("middle"))
                words = view.original[begin:end].split()
                if all(_middle_word(w) for w in words):
                    out.append(self._hit(view, m, alias, m.start()))
        for pattern, alias in self._capitals:
            for m in pattern.finditer(view.text):
                begin, end = view.span(*m.span())
                written = view.original[begin:end]
                letters = re.sub(r"[^A-Z]", "", written)
                capitals = re.sub(r"Ma?c(?=[A-Z])", "MC", written)  # K.McA. is in capitals
                if capitals.upper() == capitals and letters not in abbreviations():
                    out.append(Hit(begin, end, alias, "name"))
        return out

    def _capitalised(self, view: Folded, m: re.Match[str]) -> bool:
        """Whether match ``m`` is a name to replace as written: one of more than one word,
        one that is not an ordinary word (``hollins``), or one written with a capital first
        letter (``Will``, ``WILL``; not ``will``) or not starting with a letter."""
        if len(m["name"].split()) > 1 or m["name"].strip() not in self.everyday:
            return True
        first = view.original[view.origin[m.start("name")]]
        return first.isupper() or not first.isalpha()

    def _lookup_surname(self, found: str) -> str | None:
        flat = _flat(found)
        return next((s for _, s in self._pairs if _flat(s) == flat), None)

    def hits(self, view: Folded) -> list[Hit]:
        """Where listed names are in ``view``, and what replaces each."""
        out: list[Hit] = self._more(view)
        if self._initials is not None:
            for m in self._initials.finditer(view.text):
                surname = self._lookup_surname(m["name"])
                alias = self._pairs.get((m["initial"], surname)) if surname else None
                upper = view.original[view.origin[m.start()]].isupper()
                if alias is not None and upper:
                    out.append(self._hit(view, m, alias, m.start()))
        if self._pattern is not None:
            for m in self._pattern.finditer(view.text):
                if m["plural"] and not self._plural(view, m):
                    continue  # "Marks" is not a plural of a listed "Mark"
                if is_date_month(view.text, m.start("name"), m.end("name")):
                    continue
                if not self._capitalised(view, m):
                    continue  # "will", "may", "hope": an everyday word only with a capital
                one = len(m["name"].split()) == 1 and not m["plural"]
                if one and ordinary_word(view.text, m.start("name"), m.end("name"), self.everyday):
                    continue  # "Will she cope?", "Her Will", "April to June", "Ward 12"
                if self.another_person(view, m.start(), m["name"]) is not None:
                    continue
                start = m.start()
                initial = _INITIAL_BEFORE.search(view.text, max(0, start - 4), start)
                if initial and initial[2] and view.original[view.origin[initial.start()]].isupper():
                    start = initial.start()
                alias = self._lookup(m["name"])
                if alias is not None:
                    out.append(self._hit(view, m, alias, start))
        # the longest first: "Ruairí Ó Súilleabháin" before "Ó Súilleabháin" read as an
        # initial and a surname
        return sorted(out, key=lambda hit: hit.start - hit.end)

    def __call__(self, text: str) -> str:
        """``text`` with every listed name replaced by its alias."""
        if self._pattern is None or not text:
            return text
        hits = joined(text, claim([self.hits(Folded.of(text))]))
        self.count += len(hits)
        return splice(text, hits)


_JOINING = re.compile(r"[\s,\-\u2010-\u2015]*")


def joined(text: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` (in order) with two different names of the same alias side by side, apart
    only by spaces, a comma or a hyphen, made one: ``HOLLINS Dorothy`` is one ``Adult A``
    (the same name written twice, ``Hollins, Hollins``, stays two)."""
    out: list[Hit] = []
    for hit in hits:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind.endswith("name")
            and hit.kind.endswith("name")
            and last.becomes == hit.becomes.removesuffix("'s")
            and not last.becomes.endswith("'s")
            and _JOINING.fullmatch(text, last.end, hit.start)
            and _fkey(text[last.start : last.end]) != _fkey(text[hit.start : hit.end])
        ):
            out[-1] = Hit(last.start, hit.end, hit.becomes, last.kind)
        else:
            out.append(hit)
    return out


def _initials_pattern(words: list[str]) -> str:
    """A full name's initials with full stops in the folded view: ``d.h.``, ``d. h.``; a
    word joined by an apostrophe or hyphen may give one initial or two (``z.o'b.``,
    ``z.o.``, ``m.h-d.`` for Mark Hope-Davies), and a ``Mc``/``Mac`` surname its prefix
    with the next letter (``k.mca.`` for Kathleen McAllister). Initials without full stops
    (``DH``) are never replaced, nor those of an abbreviation (``G.P.``): they are too often one."""
    parts = []
    for word in words:
        pieces = [p for p in re.split(r"['\-]", word) if p]
        first = re.escape(pieces[0][0])
        prefixed = re.match(r"ma?c.", pieces[0])  # McAllister: M. or McA.
        if prefixed and len(pieces[0]) > prefixed.end():
            first += f"(?:{re.escape(pieces[0][1 : prefixed.end()])})?"
        more = "".join(rf"[.'\-]?{re.escape(p[0])}" for p in pieces[1:])
        parts.append(f"{first}(?:{more})?" if more else first)
    return r"(?<![\w'.\-])" + r"\.\s?".join(parts) + r"\.(?![\w'\-])"


def _flat(name: str) -> str:
    """A folded name without apostrophes, hyphens and spaces, to compare forms."""
    return re.sub(r"['\-\s.]", "", fold(name))


def _middle_word(word: str) -> bool:
    """Whether ``word``, between a listed name's first and last words, is a middle name:
    capitalised, not in capitals only, and not a title, month or weekday."""
    folded = fold(word).strip(".")
    return (
        word[:1].isupper()
        and not (len(word) > 1 and word.isupper())
        and folded not in TITLES
        and folded not in MONTH_WORDS
        and folded not in WEEKDAY_WORDS
    )


def _fkey(name: str) -> str:
    return " ".join(fold(name).split())
