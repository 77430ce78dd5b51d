"""Date parsing shared by every front end: UK and ISO forms in, ISO out.

Full dates (``2025-03-11``, ``11/03/2025``, ``11 March 2025``, ``11-Mar-2025``)
parse to :class:`datetime.date`; numbers are always read day first, never in US
order (``03/11/2025`` is 3 November). Chronology entries may also carry an
approximate date: a month (``2025-03``, ``03/2025``, ``March 2025``, ``Mar-2025``),
a year (``2025``), or any full date written with a leading ``?`` or ``c.``/``approx``.

Cells of a spreadsheet's chronology go through :func:`parse_cell_date`, which also
reads what spreadsheets write: a date with a time (``2025-03-11 00:00:00``) and
two-digit years (``11/03/25``), read by the rule documented there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from imr_tui.core import clock

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
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)([A-Za-z]+)\.?,?(?:\s+|-)(\d{4})$")
_MONTH_FIRST = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WEEKDAY = re.compile(r"^([A-Za-z]+)\.?,?\s+(?=\d)")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_UK_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")
_WORD_MONTH = re.compile(r"^([A-Za-z]+)\.?,?(?:\s+|-)(\d{4})$")
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
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
    """Parse a full date typed by a person; raise :class:`DateError` if impossible.

    A leading day of the week (``Tuesday, 11 March 2025``) is allowed and checked.
    """
    t = text.strip()
    if (w := _WEEKDAY.match(t)) and w[1].lower() in WEEKDAYS:
        d = parse_date(t[w.end() :])
        if d.weekday() != WEEKDAYS[w[1].lower()]:
            raise DateError(f"'{t}': {d.day} {d:%B %Y} was a {d:%A}, not a {w[1]} ({DATE_HELP})")
        return d
    if m := _ISO.match(t):
        return _make(int(m[1]), int(m[2]), int(m[3]), t)
    if m := _UK.match(t):
        day, month = int(m[1]), int(m[2])
        if month > 12 and 1 <= day <= 12:
            meant = f"{month:02d}/{day:02d}/{m[3]}"
            raise DateError(
                f"'{t}' is not a real date: dates are read day first (dd/mm/yyyy) and there "
                f"is no month {month}; if it means {meant}, write it that way"
            )
        return _make(int(m[3]), month, day, t)
    if (m := _WORDS.match(t)) or (m := _MONTH_FIRST.match(t)):
        day_text, month_text = (m[1], m[2]) if m.re is _WORDS else (m[2], m[1])
        named = MONTHS.get(month_text.lower())
        if named is None:
            raise DateError(f"'{t}': '{month_text}' is not a month ({DATE_HELP})")
        return _make(int(m[3]), named, int(day_text), t)
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

    @cached_property
    def earliest(self) -> date:
        """The first day the date could be (worked out once: a check reads it often)."""
        parts = [int(p) for p in self.iso.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    @cached_property
    def latest(self) -> date:
        """The last day the date could be (worked out once)."""
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


@lru_cache(maxsize=8192)
def from_stored(iso: str, approximate: bool) -> FuzzyDate:
    """Rebuild a :class:`FuzzyDate` from what the file holds, validating it (remembered:
    a chronology entry's dates are read many times in one check, and dates repeat)."""
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


_TIME = re.compile(
    r"^(\d{1,2})(?:[:.]?(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(?:([ap])\.?m\.?)?$", re.IGNORECASE
)
TIME_HELP = "write it as 14:30"
_NOON = re.compile(r"^(?:12(?:[:.]?00)?\s*)?(noon|midday|midnight)$", re.IGNORECASE)


def parse_time(text: str) -> str:
    """A time of day as ``HH:MM`` from ``9:05``, ``0905``, ``09.05``, ``09:05:00``, ``9:05 am``,
    ``12 noon`` (``12:00``) or ``midnight`` (``00:00``).

    Seconds are dropped. Raises :class:`DateError` (a :class:`ValueError`) if it is not a time.
    """
    t = text.strip()
    if n := _NOON.match(t):
        return "00:00" if n[1].lower() == "midnight" else "12:00"
    m = _TIME.match(t)
    if m and (m[2] is not None or m[4]):
        hour, minute, second = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        if m[4]:
            hour = hour % 12 + (12 if m[4].lower() == "p" else 0) if 1 <= hour <= 12 else 99
        if hour <= 23 and minute <= 59 and second <= 59:
            return f"{hour:02d}:{minute:02d}"
    raise DateError(f"'{t}' is not a time ({TIME_HELP})")


_CELL_TIME = re.compile(
    r"^(.*?\d)(?:\s+|T)(\d{1,2}[:.]\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?)?)$",
    re.IGNORECASE,
)
_UK_SHORT = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-])(\d{2})$")
_WORDS_SHORT = re.compile(r"^(\d{1,2}(?:st|nd|rd|th)?(?:\s+|-)[A-Za-z]+\.?,?(?:\s+|-))(\d{2})$")
_WORD_MONTH_SHORT = re.compile(r"^([A-Za-z]+-)(\d{2})$")  # Mar-25, never "March 25"
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


@dataclass(frozen=True)
class CellDate:
    """A date read from a spreadsheet cell, with the time the cell may also hold."""

    date: FuzzyDate
    """The date."""
    time: str = ""
    """``HH:MM`` when the cell held a time as well (never midnight: see :func:`parse_cell_date`)."""
    short_year: bool = False
    """True when the year was written with two digits (see :func:`full_year`)."""


def full_year(two_digits: int, today: date) -> int:
    """The year a two-digit year means: this century, unless that is after this year.

    In 2026, ``25`` is 2025 and ``26`` is 2026, but ``27`` is 1927 and ``98`` is 1998:
    a chronology records what has already happened.
    """
    year = today.year // 100 * 100 + two_digits
    return year if year <= today.year else year - 100


def parse_cell_date(text: str, today: date | None = None) -> CellDate:
    """Read the date in a spreadsheet cell: anything :func:`parse_fuzzy` reads, and more.

    Spreadsheets also write a time after the date (``2025-03-11 00:00:00``,
    ``11/03/2025 14:30``): the time is returned separately, except midnight, which is
    what a spreadsheet writes for a date without a time. A two-digit year
    (``11/03/25``, ``11-Mar-25``, ``Mar-25``) is read by :func:`full_year`. A bare
    five-digit number (a spreadsheet's serial number for a date) is refused rather
    than guessed at.
    """
    original = text.strip()
    t = original
    time = ""
    if m := _CELL_TIME.match(t):
        try:
            t, time = m[1].strip(), parse_time(m[2])
        except DateError:
            raise DateError(
                f"'{original}' holds '{m[2]}', which is not a time ({TIME_HELP})"
            ) from None
        time = "" if time == "00:00" else time
    prefix = ""
    if m := _APPROX_PREFIX.match(t):
        prefix, t = t[: m.end()], t[m.end() :].strip()
    if _SERIAL.match(t):
        raise DateError(
            f"'{original}' is a spreadsheet's number for a date, not a date: format the "
            "column as dates (dd/mm/yyyy) in the spreadsheet and save it again"
        )
    short = _UK_SHORT.match(t) or _WORDS_SHORT.match(t) or _WORD_MONTH_SHORT.match(t)
    if short and (short.re is not _WORD_MONTH_SHORT or short[1].strip(" .-").lower() in MONTHS):
        year = full_year(int(short[2]), today or clock.today())
        written = f"{short[1]}{year}"
        try:
            return CellDate(parse_fuzzy(prefix + written), time, short_year=True)
        except DateError as e:
            raise DateError(str(e).replace(f"'{written}'", f"'{original}'")) from None
    try:
        return CellDate(parse_fuzzy(prefix + t), time)
    except DateError as e:
        raise DateError(str(e).replace(f"'{prefix + t}'", f"'{original}'")) from None
