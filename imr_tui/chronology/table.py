"""Reading a chronology saved from a spreadsheet: CSV or TSV, whatever the encoding.

Comma, tab or semicolon separated (sniffed from the file), UTF-8 with or without a
byte order mark, UTF-16 (Excel's "Unicode text") or, failing UTF-8, Windows-1252
(older Excel's "CSV"), said so in a note. Rows keep the spreadsheet's numbers (the
heading row counts) so every message points at the row the author sees.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from imr_tui.chronology.mapping import Synonyms, load_synonyms, recognise
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError

HEADER_SEARCH = 10
"""How many rows from the top may hold titles above the headings."""
_DELIMITERS = ("\t", ",", ";")
_SNIFF_CHARS = 65536


@dataclass(frozen=True)
class Row:
    """One row of the spreadsheet below the headings."""

    number: int
    """The spreadsheet's row number (the heading row and any rows above it count)."""
    cells: tuple[str, ...]
    """The cells as read (may be more or fewer than the headings)."""


@dataclass(frozen=True)
class Table:
    """A spreadsheet's chronology as read from a CSV or TSV file."""

    name: str
    """The file, as the author named it (for messages)."""
    headers: tuple[str, ...]
    """The headings row."""
    header_row: int
    """The spreadsheet's number of the headings row (1 unless there are titles above it)."""
    rows: tuple[Row, ...]
    """The rows below the headings that hold anything (blank rows are left out)."""
    delimiter: str
    """``,``, ``\\t`` or ``;``."""
    encoding: str
    """``UTF-8``, ``UTF-16`` or ``Windows-1252``."""
    notes: tuple[str, ...] = ()
    """Things the author should know about how the file was read."""

    def filled(self) -> frozenset[int]:
        """The columns with text in at least one row."""
        return frozenset(i for r in self.rows for i, c in enumerate(r.cells) if c.strip())

    def sample(self, index: int, width: int = 40) -> str:
        """The first text in column ``index``, on one line (cut to ``width``), or ``""``."""
        for row in self.rows:
            if index < len(row.cells) and row.cells[index].strip():
                flat = " ".join(row.cells[index].split())
                return flat if len(flat) <= width else flat[: width - 1] + "…"
        return ""

    def rows_with_text(self, index: int) -> int:
        """How many rows have text in column ``index``."""
        return sum(1 for r in self.rows if index < len(r.cells) and r.cells[index].strip())


def _decode(raw: bytes, name: str) -> tuple[str, str, list[str]]:
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(
            f"{name}: is a spreadsheet workbook, not a CSV file: save it from the "
            "spreadsheet as CSV (comma separated) and import that"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16", []
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n\x00") + 1
            raise UserError(f"{name}: line {line}: not valid UTF-16 text") from None
    try:
        return raw.decode("utf-8-sig"), "UTF-8", []
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        line = raw[:first_bad].count(b"\n") + 1
        raise UserError(
            f"{name}: line {line}: not text in an encoding imr-tui reads (UTF-8 or "
            "Windows-1252); save the spreadsheet as 'CSV UTF-8' and import that"
        ) from None
    line = raw[:first_bad].count(b"\n") + 1
    note = (
        f"{name} is not UTF-8 (line {line} is the first to show it), so it was read as "
        "Windows-1252, as older spreadsheets save CSV: check accented letters and dashes "
        "below, or save the spreadsheet as 'CSV UTF-8' and import that instead."
    )
    return text, "Windows-1252", [note]


def sniff_delimiter(text: str, name: str = "") -> str:
    """Tab, comma or semicolon (``.tsv`` files: tab): the one that splits the top rows
    into the same number of cells most often, the more cells the better.

    A comma file whose cells hold semicolons (``Called twice; no answer``) is still a
    comma file: its rows agree on their number of cells, split at commas.
    """
    if Path(name).suffix.lower() in (".tsv", ".tab"):
        return "\t"
    best, best_score = ",", (0, 0)
    for d in _DELIMITERS:
        reader = csv.reader(io.StringIO(text[:_SNIFF_CHARS], newline=""), delimiter=d)
        widths: list[int] = []
        try:
            for record in reader:
                if any(c.strip() for c in record):
                    widths.append(len(record))
                if len(widths) >= HEADER_SEARCH * 2:
                    break
        except csv.Error:
            pass
        wide = [w for w in widths if w > 1]
        if not wide:
            continue
        common = max(set(wide), key=lambda w: (wide.count(w), w))
        score = (wide.count(common), common)
        if score > best_score:
            best, best_score = d, score
    return best


def _csv_problem(e: csv.Error) -> str:
    text = str(e)
    if "unexpected end of data" in text:
        return 'a quoted cell is never closed (a " is missing), so the file ends inside it'
    if "expected after" in text:
        return 'a cell has text after its closing quote: write a " inside a cell as ""'
    if "field larger than field limit" in text:
        return f"a cell is longer than {csv.field_size_limit():,} characters"
    return f"cannot be read as CSV ({text})"


def _is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def parse_table(
    text: str,
    name: str,
    *,
    delimiter: str | None = None,
    catalogue: Catalogue | None = None,
    synonyms: Synonyms | None = None,
    encoding: str = "UTF-8",
    notes: tuple[str, ...] = (),
) -> Table:
    """Read CSV or TSV text (see :func:`read_table`)."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UserError(f"{name}: line {line}: holds a NUL character, so it is not a CSV file")
    delimiter = delimiter or sniff_delimiter(text, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as e:
        raise UserError(f"{name}: row {len(records) + 1}: {_csv_problem(e)}") from None
    filled = [i for i, r in enumerate(records) if not _is_blank(r)]
    if not filled:
        raise UserError(f"{name}: the file is empty: there is no row of headings")
    header_at = filled[0]
    if catalogue is not None:
        known = synonyms or load_synonyms()
        for i in filled[:HEADER_SEARCH]:
            if any(recognise(c, catalogue, known) == "date" for c in records[i]):
                header_at = i
                break
    extra = list(notes)
    above = [i + 1 for i in filled if i < header_at]
    if above:
        rows_word = f"row {above[0]}" if len(above) == 1 else f"rows {above[0]} to {above[-1]}"
        extra.append(
            f"The headings are on row {header_at + 1}; {rows_word} above them "
            f"{'is' if len(above) == 1 else 'are'} a title, not imported."
        )
    headers = tuple(h.strip() for h in records[header_at])
    rows = tuple(
        Row(i + 1, tuple(r)) for i, r in enumerate(records) if i > header_at and not _is_blank(r)
    )
    return Table(name, headers, header_at + 1, rows, delimiter, encoding, tuple(extra))


def read_table(
    path: Path, catalogue: Catalogue | None = None, synonyms: Synonyms | None = None
) -> Table:
    """Read a chronology saved from a spreadsheet as CSV or TSV.

    Given the catalogue, title rows above the headings are skipped: the headings are
    the first of the top rows with a heading recognised as the date. Raises
    :class:`UserError` (one line naming the file and the row or line) when the file
    cannot be read at all; problems with single rows are for :func:`preview` to report.
    """
    from imr_tui.core.catalogue import read_bytes_regular

    name = str(path)
    raw = read_bytes_regular(path, "CSV file")
    text, encoding, notes = _decode(raw, name)
    return parse_table(
        text, name, catalogue=catalogue, synonyms=synonyms, encoding=encoding, notes=tuple(notes)
    )
