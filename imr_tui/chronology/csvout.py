"""Writing the chronology as CSV that a spreadsheet opens without changing it.

- Headings are the entry form's field titles, in its order (date, time, end date,
  end time, reference, source, then the catalogue's columns); rows are in the order
  the chronology is shown (:meth:`~imr_tui.core.model.Review.sorted_chronology`).
- Exact dates are ISO (``2025-03-11``): every spreadsheet, in any locale, reads them
  as the same date and shows them unchanged; approximate ones are written as the
  interview shows them (``?03/2025``, ``?11/03/2025``), which a spreadsheet keeps as
  text. Times are ``HH:MM`` (``09:05``).
- A text cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
  return), even after ``'`` marks, gets a leading ``'``, so a spreadsheet never runs
  it as a formula.
- A cell that a spreadsheet would take for a number, a date, a time or a truth
  value (``0012``, ``1e5``, ``3 March``, ``3/4``, ``09:05``, ``true``) is written
  ``="0012"``: spreadsheets would otherwise turn it into a number or a date,
  losing leading zeros. They show it as ``0012``. Other text (``GP 1, GP``,
  ``Review in 1 week``) is written as it is.

Importing undoes both (:func:`unprotect`), so export then import gives back the
same entries. The file is UTF-8 with a byte order mark, so that spreadsheets on
Windows read accented letters correctly.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from imr_tui.chronology.entry_rules import entry_fields
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.dates import FuzzyDate
from imr_tui.core.model import ChronologyEntry, Review

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PROTECT_UP_TO = 60
"""Cells up to this long that a spreadsheet would take for a number or date are protected."""
_WRAPPED = re.compile(r'="((?:[^"]|"")*)"')


def _needs_quote_mark(text: str) -> bool:
    """Whether a cell starts like a formula (``=1+1``), also after ``'`` marks (``'=1+1``)."""
    return text.lstrip("'").startswith(FORMULA_START)


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_CONVERTED = re.compile(
    "|".join(
        [
            r"[+-]?[£$€]?\d[\d,]*(?:\.\d*)?(?:e[+-]?\d+)?%?",  # 0012, 1,000, 1e5, 50%
            r"[+-]?[£$€]?\.\d+(?:e[+-]?\d+)?%?",  # .5
            r"\d{1,4}\s*[/\-.]\s*\d{1,2}(?:\s*[/\-.]\s*\d{1,4})?",  # 3/4, 2025-03, 1.2.25
            rf"\d{{1,2}}(?:st|nd|rd|th)?[\s\-/]*{_MONTH}(?:[\s\-/,]*\d{{2,4}})?",  # 3 March
            rf"{_MONTH}[\s\-/]*\d{{1,4}}(?:(?:st|nd|rd|th)?,?[\s\-/]*\d{{2,4}})?",  # Mar-25
            r"\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?",  # 09:05, 9:05 pm
            r"\d{1,2}\s*[ap]\.?m\.?",  # 9am
            r"\d+\s+\d+/\d+",  # 1 1/2
            r"true|false",
        ]
    )
)
"""What a spreadsheet turns into a number, a date, a time or a truth value."""


def _converted(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as something other than text."""
    return bool(_CONVERTED.fullmatch(text.strip().casefold()))


def protect(text: str) -> str:
    """A text cell as written to CSV, safe from formulas and from number or date conversion."""
    if _needs_quote_mark(text):
        return "'" + text
    if len(text) <= PROTECT_UP_TO and not any(c in text for c in '"\n\r') and _converted(text):
        return f'="{text}"'
    return text


def unprotect(text: str) -> str:
    """Undo :func:`protect`: ``'=x`` is ``=x``, ``="0012"`` is ``0012``; other text is kept."""
    if text.startswith("'") and _needs_quote_mark(text[1:]):
        return text[1:]
    if m := _WRAPPED.fullmatch(text):
        return m[1].replace('""', '"')
    return text


WHEN_CELLS = 4
"""The first cells of a row (date, time, end date, end time) are written as they are."""


def _date(when: FuzzyDate | None) -> str:
    if when is None:
        return ""
    return when.display() if when.approximate else when.iso


def date_cell(entry: ChronologyEntry) -> str:
    """The date as the CSV holds it: ISO when exact, ``?03/2025`` style when approximate."""
    return _date(entry.when)


def header(catalogue: Catalogue) -> list[str]:
    """The headings: the entry form's field titles, in its order."""
    return [f.title for f in entry_fields(catalogue.chronology)]


def entry_row(entry: ChronologyEntry, catalogue: Catalogue, source: str | None = None) -> list[str]:
    """One entry as a row of cells (not yet protected); ``source`` replaces the entry's own."""
    cells = [entry.cells.get(c.id, "") for c in catalogue.chronology.columns]
    when = [date_cell(entry), entry.time, _date(entry.until), entry.end_time]
    return [*when, entry.reference, entry.source if source is None else source, *cells]


def table_csv(
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    text: Callable[[str], str] | None = None,
) -> str:
    """CSV text for a chronology-shaped table: date and time as they are, other cells protected.

    ``text``, when given, changes each written cell after the dates and times before it is
    protected (an anonymised export passes its replacement here).
    """
    change = text or (lambda cell: cell)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([protect(h) for h in head])
    for row in rows:
        writer.writerow([*row[:WHEN_CELLS], *[protect(change(c)) for c in row[WHEN_CELLS:]]])
    return BOM + out.getvalue()


def chronology_csv(
    review: Review, catalogue: Catalogue, text: Callable[[str], str] | None = None
) -> str:
    """The review's chronology as CSV, in the order it is shown (``text``: see table_csv)."""
    rows = [entry_row(e, catalogue) for e in review.sorted_chronology()]
    return table_csv(header(catalogue), rows, text)


def write_chronology_csv(path: Path, review: Review, catalogue: Catalogue) -> None:
    """Write :func:`chronology_csv` to ``path``, readable only by its owner (``0600``)."""
    from imr_tui.core.store import write_text_private

    write_text_private(path, chronology_csv(review, catalogue))
