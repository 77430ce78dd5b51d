"""The worked example's Word export printed to PDF by LibreOffice, as a panel would read it:
page numbers, the header on every page, and a chronology whose words are never broken.

Before the page furniture and the sized chronology, the worked example took 14 A4 pages,
its 18 chronology entries six landscape pages, with words broken in the narrow columns
("Practitio/ner", "Telephon/e call"); with the template's guidance added since, the old
renderer still gave six landscape pages for the 19 entries. Now: 11 pages, the chronology
and its timeline picture three landscape pages.

Looked at as pages (reviewed by eye at 80 dpi): page 3 is the first landscape page. Its
header, centred in small type, reads "OFFICIAL-SENSITIVE · DRAFT" in bold over
"Northshire Community Health NHS Trust (FICTIONAL) · Safeguarding Adults Review of Mrs
Marlow's care (FICTIONAL)"; under it the heading "CHRONOLOGY OF AGENCY INVOLVEMENT", the
template's italic guidance ending "Please avoid abbreviation.", then the table in small
type across the page: "Date" and "Time" narrow ("06/02/2025" and "11:20" each on one
line), "Source of information" wrapping only between words ("Electronic patient /
record, referral / record"), "Practitioner (name and role)" ("Amy Hart / (FICTIONAL), /
staff nurse"), "Type of contact" ("Home visit", "Team / meeting"), and "Event / what
happened" the widest column; seven entries fill the page, none split across pages, and
the footer reads "Page 3 of 11 · DRAFT · <the day> · OFFICIAL-SENSITIVE". Page 5 ends
the table under its repeated heading row, then the timeline picture (bars per month,
two grey gaps, the review period's dashed red lines) across the page and its caption
"Timeline of contacts over the review period" under it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.table import Table

from imr_tui.cli.main import main
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import load

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"
MARKING = "OFFICIAL-SENSITIVE"
CHRONOLOGY_PAGES_BEFORE = 6
"""Landscape pages the worked example's chronology took before its columns were sized."""
SHORT_COLUMNS = 5
"""Date, time, source, practitioner and type of contact: where words used to break."""


@dataclass(frozen=True)
class Printed:
    """The worked example's review, its Word export, and that export printed to PDF."""

    review: Path
    docx: Path
    pages: list[str]
    """Each page's text (``pdftotext -layout``)."""
    landscape: list[int]
    """The numbers of the landscape pages (from 1)."""


def run(*args: str) -> str:
    return subprocess.run(
        list(args), check=True, capture_output=True, text=True, timeout=180
    ).stdout


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    folder = tmp_path_factory.mktemp("word-pages")
    review, out = folder / "example.toml", folder / "example.docx"
    assert main(["new", "--example", str(review)]) == 0
    assert main(["export", str(review), "--format", "docx", "-o", str(out)]) == 0
    profile = (folder / "profile").as_uri()
    run(SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
        "--outdir", str(folder), str(out))  # fmt: skip
    pdf = folder / "example.pdf"
    text = run("pdftotext", "-layout", str(pdf), "-")
    pages = text.split("\f")[:-1]
    info = run("pdfinfo", "-f", "1", "-l", str(len(pages)), str(pdf))
    sizes = re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)
    landscape = [int(n) for n, w, h in sizes if float(w) > float(h)]
    return Printed(review, out, pages, landscape)


def chronology(path: Path) -> Table:
    """The chronology table: the one whose heading row starts with the date and time."""
    tables = docx.Document(str(path)).tables
    return next(t for t in tables if [c.text for c in t.rows[0].cells][:2] == ["Date", "Time"])


def norm(text: str) -> str:
    return " ".join(text.split())


def test_every_page_is_numbered_page_x_of_y(printed: Printed) -> None:
    count = len(printed.pages)
    assert 8 <= count <= 12, count  # 14 before
    for number, page in enumerate(printed.pages, 1):
        assert f"Page {number} of {count}" in page, number


def test_every_page_has_the_header(printed: Printed, catalogue: Catalogue) -> None:
    review = load(printed.review, catalogue)
    agency = norm(review.answer("agency"))
    assert agency
    for number, page in enumerate(printed.pages, 1):
        lines = [norm(line) for line in page.splitlines() if line.strip()]
        assert lines[0] == f"{MARKING} · DRAFT", number  # the header comes first
        assert norm(page).count(MARKING) >= 2, number  # in the footer too
        assert agency in norm(" ".join(lines[1:3])), number


def test_the_chronology_takes_half_the_landscape_pages(printed: Printed) -> None:
    assert printed.landscape == list(range(printed.landscape[0], printed.landscape[-1] + 1))
    assert "CHRONOLOGY OF AGENCY INVOLVEMENT" in printed.pages[printed.landscape[0] - 1]
    # The pages holding the table repeat its heading row at the top.
    table = [
        n
        for n in printed.landscape
        if re.search(r"^\s*Date\s+Time\s+Source of", printed.pages[n - 1], re.M)
    ]
    assert table == printed.landscape[: len(table)]
    assert len(table) <= CHRONOLOGY_PAGES_BEFORE // 2
    # The timeline picture's caption is on the landscape pages, after the table.
    last = printed.pages[printed.landscape[-1] - 1]
    assert "Timeline of contacts over the review period" in last


def test_no_word_is_broken_in_the_chronology(printed: Printed, catalogue: Catalogue) -> None:
    """Each word of the narrow columns is printed whole, as often as the cells hold it."""
    table = chronology(printed.docx)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:3] == ["Date", "Time", "Source of information"]
    assert len(rows) == 1 + len(load(printed.review, catalogue).chronology)
    wanted = Counter(w for row in rows for cell in row[:SHORT_COLUMNS] for w in cell.split())
    printed_words = Counter(w for n in printed.landscape for w in printed.pages[n - 1].split())
    broken = {w: n for w, n in wanted.items() if printed_words[w] < n}
    assert broken == {}
    assert wanted["Practitioner"] == 1 and wanted["Telephone"] >= 1


def test_rows_never_split_and_the_heading_row_repeats(printed: Printed) -> None:
    table = chronology(printed.docx)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in table.rows)
