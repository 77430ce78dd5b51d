"""Date parsing shared by every front end: UK and ISO forms in, ISO out.

Full dates (``2025-03-11``, ``11/03/2025``, ``11 March 2025``) parse to
:class:`datetime.date`. Chronology entries may also carry an approximate date:
a month (``2025-03``, ``03/2025``, ``March 2025``), a year (``2025``), or any
full date written with a leading ``?`` or ``c.``/``approx``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_UK_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")
_WORD_MONTH = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_APPROX_PREFIX = re.compile(r"^(\?|~|c\.|circa|approx\.?|about)\s*", re.IGNORECASE)

DATE_HELP = "write it as 11/03/2025 or 2025-03-11"


class DateError(ValueError):
    """A date the user typed that cannot be a real date; the message says why."""

    @property
    def short(self) -> str:
        """A few words for a narrow space."""
        text = str(self)
        if "not a real" in text:
            return "Not a real date"
        if "needed" in text:
            return "Date needed"
        if "is not a date" in text or "not a month" in text:
            return "Use dd/mm/yyyy"
        return text


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"'{text}' is not a real date ({DATE_HELP})") from None


def parse_date(text: str) -> date:
    """Parse a full date typed by a person; raise :class:`DateError` if impossible."""
    t = text.strip()
    if m := _ISO.match(t):
        return _make(int(m[1]), int(m[2]), int(m[3]), t)
    if m := _UK.match(t):
        return _make(int(m[3]), int(m[2]), int(m[1]), t)
    if m := _WORDS.match(t):
        month = MONTHS.get(m[2].lower())
        if month is None:
            raise DateError(f"'{t}': '{m[2]}' is not a month ({DATE_HELP})")
        return _make(int(m[3]), month, int(m[1]), t)
    if not t:
        raise DateError(f"a date is needed ({DATE_HELP})")
    raise DateError(f"'{t}' is not a date ({DATE_HELP})")


def parse_optional_date(text: str) -> date | None:
    """Like :func:`parse_date` but an empty answer is ``None``."""
    return None if not text.strip() else parse_date(text)


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A chronology date: a day, or only a month or year when that is all that is known."""

    iso: str
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    approximate: bool = False
    """True when the author marked the date as uncertain or gave only a month or year."""

    @property
    def earliest(self) -> date:
        """The first day the date could be."""
        parts = [int(p) for p in self.iso.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    @property
    def latest(self) -> date:
        """The last day the date could be."""
        parts = [int(p) for p in self.iso.split("-")]
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        y, m = parts
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    def display(self) -> str:
        """How the date reads in a table: ``11/03/2025``; approximate ones ``?03/2025``."""
        parts = self.iso.split("-")
        if len(parts) == 3:
            shown = f"{parts[2]}/{parts[1]}/{parts[0]}"
        elif len(parts) == 2:
            shown = f"{parts[1]}/{parts[0]}"
        else:
            shown = parts[0]
        return f"?{shown}" if self.approximate else shown


def parse_fuzzy(text: str) -> FuzzyDate:
    """Parse a chronology date; month-only and year-only dates are approximate."""
    t = text.strip()
    approximate = False
    if m := _APPROX_PREFIX.match(t):
        approximate = True
        t = t[m.end() :].strip()
    mo: int | None
    if m := _ISO_MONTH.match(t):
        y, mo = int(m[1]), int(m[2])
    elif m := _UK_MONTH.match(t):
        y, mo = int(m[2]), int(m[1])
    elif (m := _WORD_MONTH.match(t)) and m[1].lower() in MONTHS:
        y, mo = int(m[2]), MONTHS[m[1].lower()]
    elif m := _YEAR.match(t):
        y, mo = int(m[1]), None
    else:
        d = parse_date(t)
        return FuzzyDate(d.isoformat(), approximate)
    if y < date.min.year:
        raise DateError(f"'{text.strip()}' is not a real year ({DATE_HELP})")
    if mo is None:
        return FuzzyDate(f"{y:04d}", True)
    if not 1 <= mo <= 12:
        raise DateError(f"'{text.strip()}' is not a real month ({DATE_HELP})")
    return FuzzyDate(f"{y:04d}-{mo:02d}", True)


_STORED_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def from_stored(iso: str, approximate: bool) -> FuzzyDate:
    """Rebuild a :class:`FuzzyDate` from what the file holds, validating it."""
    if _STORED_DAY.match(iso) and iso[:4] != "0000":
        try:
            date.fromisoformat(iso)
        except ValueError:
            pass  # the slow path below says what is wrong
        else:
            return FuzzyDate(iso, approximate)
    fd = parse_fuzzy(iso)
    if fd.iso != iso:
        raise DateError(f"'{iso}' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return FuzzyDate(fd.iso, approximate or fd.approximate)


def uk(d: date | None) -> str:
    """Show a date the way UK readers write it, ``11/03/2025``; empty for None."""
    return "" if d is None else d.strftime("%d/%m/%Y")
