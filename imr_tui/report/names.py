"""Finding a listed name, or a date of birth, in text: the anonymiser's matching rules.

See :mod:`imr_tui.report.anonymise` for the rules in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from imr_tui.core.dates import MONTHS
from imr_tui.core.pseudonym_rules import key

APOSTROPHES = "'\u2019\u2018"
"""The apostrophes a name may be written with: straight, and curly either way."""
_APOS = "['\u2019\u2018]"
# Replacement: a hyphen joins words (Hart-Smith is another name), and so does an
# apostrophe between letters (O'Hart).
_REPLACE_BEFORE = r"(?<![\w\-\u2010])(?<!\w['\u2019])"
_REPLACE_END = r"(?![\w\-\u2010])"
_SUFFIX = rf"(?P<suffix>['\u2019](?:s|d|ll|ve|re|m)){_REPLACE_END}"
_BARE = rf"(?P<bare>['\u2019]){_REPLACE_END}"
_PLAIN = rf"{_REPLACE_END}(?!['\u2019]\w)"

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
    """A regular expression for ``name``: any whitespace between words, any apostrophe."""
    words = []
    for word in name.split():
        words.append("".join(_APOS if ch in APOSTROPHES else re.escape(ch) for ch in word))
    return r"\s+".join(words)


def _possessive(alias: str) -> str:
    return f"{alias}'s"


@dataclass
class Replacer:
    """Replaces listed names in text, one pass, longest names first."""

    aliases: dict[str, str]
    """Alias by :func:`key` of each listed name."""
    count: int = 0
    """How many names have been replaced so far."""
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        names = sorted(self.aliases, key=lambda k: (-len(k), k))
        if names:
            alts = "|".join(name_pattern(n) for n in names)
            self._pattern = re.compile(
                rf"{_REPLACE_BEFORE}(?:{alts})(?:{_SUFFIX}|{_BARE}|{_PLAIN})", re.IGNORECASE
            )

    def _alias(self, found: str) -> str:
        alias = self.aliases.get(key(found))
        if alias is None:  # an exotic case folding: find the name the slow way
            alias = next(
                a
                for n, a in self.aliases.items()
                if re.fullmatch(name_pattern(n), found, re.IGNORECASE)
            )
        return alias

    def _replace(self, m: re.Match[str]) -> str:
        self.count += 1
        suffix, bare = m["suffix"], m["bare"]
        found = m[0]
        if suffix:
            found = found[: -len(suffix)]
            return self._alias(found) + suffix[0] + suffix[1:].lower()
        if bare:
            found = found[:-1]
            alias = self._alias(found)
            before = m.string[m.start() - 1] if m.start() else ""
            if found[-1:] in ("s", "S") and before not in tuple(APOSTROPHES):
                return alias + bare + "s"  # Hollins' -> Adult A's
            return alias + bare  # a closing quote: 'Mrs Hollins'
        return self._alias(found)

    def __call__(self, text: str) -> str:
        """``text`` with every listed name replaced by its alias."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self._replace, text)


# ---------------------------------------------------------------- dates of birth

_ORDINAL = r"(?:st|nd|rd|th)?"


def dob_pattern(born: date) -> re.Pattern[str]:
    """The ways a date of birth is commonly written: 02/06/1945, 2.6.45, 1945-06-02,
    2 June 1945, 2nd of Jun 1945, June 2, 1945."""
    d, m, y = born.day, born.month, born.year
    day, month = rf"0?{d}", rf"0?{m}"
    year = rf"(?:{y:04d}|{y % 100:02d})"
    names = "|".join(n for n, i in MONTHS.items() if i == m)
    numeric = [
        rf"{day}\s*[/.\-]\s*{month}\s*[/.\-]\s*{year}",
        rf"{y:04d}\s*-\s*{month}\s*-\s*{day}",
    ]
    words = [
        rf"{day}{_ORDINAL}\s+(?:of\s+)?(?:{names})\.?,?\s+{y:04d}",
        rf"(?:{names})\.?\s+{day}{_ORDINAL},?\s+{y:04d}",
    ]
    alts = "|".join(numeric + words)
    return re.compile(rf"(?<![\w/.\-])(?:{alts})(?![\w]|[/.\-]\d)", re.IGNORECASE)
