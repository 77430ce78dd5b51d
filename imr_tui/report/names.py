"""Finding a listed name, or a date of birth, in text: the anonymiser's matching rules.

See :mod:`imr_tui.report.anonymise` for the rules in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from imr_tui.report.folding import Folded, Hit, claim, fold, splice

APOSTROPHES = "'\u2019\u2018"
"""The apostrophes a name may be written with: straight, and curly either way."""

TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lady",
        "lord",
        "rev",
        "revd",
        "reverend",
        "father",
        "sister",
        "brother",
        "mother",
        "nurse",
        "staff",
        "charge",
        "senior",
        "junior",
        "student",
        "social",
        "worker",
        "police",
        "constable",
        "pc",
        "dc",
        "ds",
        "sergeant",
        "sgt",
        "inspector",
        "detective",
        "officer",
        "manager",
        "team",
        "leader",
        "care",
        "carer",
        "support",
        "district",
        "health",
        "visitor",
        "community",
        "practitioner",
        "paramedic",
        "consultant",
        "registrar",
        "son",
        "daughter",
        "husband",
        "wife",
        "partner",
        "aunt",
        "uncle",
        "niece",
        "nephew",
        "cousin",
        "grandson",
        "granddaughter",
        "grandmother",
        "grandfather",
        "mum",
        "dad",
        "the",
        "and",
        "of",
        "van",
        "von",
        "de",
        "der",
        "den",
        "la",
        "le",
        "du",
        "da",
        "di",
        "del",
    }
)
"""Words of a listed name that are not reported on their own (titles, roles, particles)."""


def name_pattern(name: str) -> str:
    """A regular expression for ``name`` in a folded view: any whitespace between words."""
    words = [re.escape(fold(word)) for word in name.split()]
    return r"\s+".join(w for w in words if w)


def words_of(name: str) -> list[str]:
    """The folded words of ``name``, without brackets and punctuation at their ends."""
    out = []
    for raw in name.split():
        word = fold(raw).strip("'\"(),.;:+")
        if word:
            out.append(word)
    return out


# In the folded view: a hyphen joins words (Hart-Smith is another name), and so does an
# apostrophe between letters (O'Hart).
_BEFORE = r"(?<![\w\-])(?<!\w')"
_END = r"(?![\w\-])"
_SUFFIXES = rf"(?:(?P<suffix>'(?:s|d|ll|ve|re|m)){_END}|(?P<bare>'){_END}|{_END}(?!'\w))"
_INITIAL_BEFORE = re.compile(r"(?<![\w\-.])(?<!\w')([a-z])(\.)?\s*$")


def _alias_runs(alias: str) -> list[list[str]]:
    """Runs of the alias's words that, written just before a name, repeat the alias."""
    words = words_of(alias)
    n = len(words)
    runs = [words[i:k] for k in range(1, n) for i in range(k) if i == 0 or k == n - 1]
    return sorted(runs, key=len, reverse=True)


@dataclass
class Replacer:
    """Replaces listed names in text, one pass, longest names first.

    Matching is on the folded view (:mod:`imr_tui.report.folding`). An initial with a
    full stop before a name (``D. Hollins``), or an initial before a surname whose full
    name is listed (``P Hollins`` for ``Paul Hollins``), is replaced with it; words just
    before a name that repeat its alias's own (``Staff Nurse`` before ``Amy Hart`` for
    ``Staff Nurse 1``) are taken in, so the alias never appears twice.
    """

    aliases: dict[str, str]
    """Alias by :func:`key` of each listed name."""
    count: int = 0
    """How many names have been replaced so far."""
    kinds: dict[str, str] = field(default_factory=dict)
    """The kind of mention (``author's name``...) by key, when not ``name``."""
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _initials: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _folded: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _pairs: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)
    _runs: dict[str, list[list[str]]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for k, alias in self.aliases.items():
            self._folded.setdefault(_fkey(k), alias)
            words = [w for w in words_of(k) if w not in TITLES]
            if len(words) >= 2 and words[0][:1].isalpha():
                self._pairs.setdefault((words[0][0], words[-1]), alias)
        names = sorted(self._folded, key=lambda k: (-len(k), k))
        if names:
            alts = "|".join(name_pattern(n) for n in names)
            self._pattern = re.compile(rf"{_BEFORE}(?P<name>{alts}){_SUFFIXES}")
        surnames = sorted({s for _, s in self._pairs}, key=lambda s: (-len(s), s))
        if surnames:
            alts = "|".join(re.escape(s) for s in surnames)
            self._initials = re.compile(
                rf"{_BEFORE}(?P<initial>[a-z])(?:\.\s*|\s+)(?P<name>{alts}){_SUFFIXES}"
            )

    def _alias_of(self, found: str) -> str:
        return self._folded[" ".join(found.split())]

    def _hit(self, view: Folded, m: re.Match[str], alias: str, start: int) -> Hit:
        """The hit for match ``m`` from folded ``start``, with its suffix kept."""
        text = view.text
        for run in self._runs.setdefault(alias, _alias_runs(alias)):
            window = text[max(0, start - 80) : start]
            joined = r"\s+".join(map(re.escape, run))
            before = re.search(rf"{_BEFORE}{joined}\s+$", window)
            if before:
                start -= len(window) - before.start()
                break
        begin, end = view.span(start, m.end("name"))
        becomes = alias
        if m["suffix"]:
            _, stop = view.span(m.start("suffix"), m.end("suffix"))
            suffix = view.original[end:stop]
            becomes += suffix[0] + suffix[1:].lower()
            end = stop
        elif m["bare"]:
            _, stop = view.span(m.start("bare"), m.end("bare"))
            quote = view.original[end:stop]
            opened = start > 0 and text[start - 1] == "'"
            becomes += quote + ("s" if m["name"].endswith("s") and not opened else "")
            end = stop
        kind = self.kinds.get(_fkey(m["name"]), "name")
        if start < m.start("name") and _INITIAL_BEFORE.search(text, start, m.start("name")):
            kind = "initial and " + kind
        return Hit(begin, end, becomes, kind)

    def hits(self, view: Folded) -> list[Hit]:
        """Where listed names are in ``view``, and what replaces each."""
        out: list[Hit] = []
        if self._initials is not None:
            for m in self._initials.finditer(view.text):
                alias = self._pairs.get((m["initial"], m["name"]))
                upper = view.original[view.origin[m.start()]].isupper()
                if alias is not None and upper:
                    out.append(self._hit(view, m, alias, m.start()))
        if self._pattern is not None:
            for m in self._pattern.finditer(view.text):
                start = m.start()
                initial = _INITIAL_BEFORE.search(view.text, max(0, start - 4), start)
                if initial and initial[2] and view.original[view.origin[initial.start()]].isupper():
                    start = initial.start()
                out.append(self._hit(view, m, self._alias_of(m["name"]), start))
        # the longest first: "Ruairí Ó Súilleabháin" before "Ó Súilleabháin" read as an
        # initial and a surname
        return sorted(out, key=lambda hit: hit.start - hit.end)

    def __call__(self, text: str) -> str:
        """``text`` with every listed name replaced by its alias."""
        if self._pattern is None or not text:
            return text
        hits = claim([self.hits(Folded.of(text))])
        self.count += len(hits)
        return splice(text, hits)


def _fkey(name: str) -> str:
    return " ".join(fold(name).split())
