"""The Word export, read back with python-docx: the same headings as the Markdown, tables,
every answer in place, the chronology sized to its content, page furniture and honest
properties, anonymised too, and a plain error when python-docx is missing.

(The pages as LibreOffice prints them are checked in ``test_word_pages.py``.)
"""

from __future__ import annotations

import io
import stat
import sys
import time
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from test_export import hostile, hostile_line, hostile_review
from test_export import outline as md_outline
from test_export import parse as md_parse

from imr_tui.checks import Glossary, glossary_path_for, load_glossary
from imr_tui.cli.main import main
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.example import load_example
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.core.store import save
from imr_tui.report import blocks as rb
from imr_tui.report.anonymised_report import anonymised_docx
from imr_tui.report.markdown import to_markdown
from imr_tui.report.walker import walk
from imr_tui.report.word import MISSING, clean, render_document, to_bytes, to_docx
from imr_tui.report.word_measure import column_widths, text_width, words
from imr_tui.report.word_pages import shortened

PLACEHOLDER = "Not yet answered"
CONTROL = "bell\x07 nul\x00 escape\x1b[31m form\x0c feed \ufffe tab\tand DEL\x7f"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def norm(text: str) -> str:
    return " ".join(text.split())


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def section_break(block: Paragraph | Table) -> bool:
    """An empty paragraph that only ends a section (where the page turns)."""
    if isinstance(block, Table) or block.text:
        return False
    return block._p.pPr is not None and block._p.pPr.sectPr is not None


def body(document: Document) -> list[Paragraph | Table]:
    return [b for b in document.iter_inner_content() if not section_break(b)]


def style(block: Paragraph | Table) -> str:
    if isinstance(block, Table):
        return "table"
    return block.style.name if block.style is not None else ""


def heading(block: Paragraph | Table) -> bool:
    return style(block) == "Title" or style(block).startswith("Heading")


def outline(document: Document) -> list[tuple[str, str]]:
    return [(style(b), b.text) for b in body(document) if isinstance(b, Paragraph) and heading(b)]


def under(document: Document, text: str) -> list[Paragraph | Table]:
    """The blocks after the heading ``text`` (of any level), up to the next heading."""
    blocks = body(document)
    start = next(i for i, b in enumerate(blocks) if heading(b) and b.text == text) + 1  # type: ignore[union-attr]
    end = next((i for i in range(start, len(blocks)) if heading(blocks[i])), len(blocks))
    return blocks[start:end]


def cells(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def text_of(blocks: list[Paragraph | Table]) -> str:
    out = []
    for b in blocks:
        if isinstance(b, Table):
            out += [c for row in cells(b) for c in row]
        else:
            out.append(b.text)
    return norm(" ".join(out))


def all_text(document: Document) -> str:
    return text_of(body(document))


def tables(blocks: list[Paragraph | Table]) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def chronology(document: Document) -> Table:
    return tables(under(document, "CHRONOLOGY OF AGENCY INVOLVEMENT"))[0]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(glossary_path_for(None))


@pytest.fixture
def review(catalogue: Catalogue) -> Review:
    """The export tests' hostile review, with control characters in every answer too."""
    review = hostile_review(catalogue)
    for prompt in catalogue.prompts():
        if prompt.kind in ("text", "long_text"):
            review.set_answer(prompt.id, review.answer(prompt.id) + "\n" + CONTROL)
    first, second, _, _ = review.chronology
    review.chronology = [
        first,
        second,
        ChronologyEntry(date="", source="undated", cells={"not_a_column": "ignored"}),
        ChronologyEntry(date="2025-03-11", time="9:05", approximate=True, source=CONTROL),
    ]
    return review


def long_answer_ids(catalogue: Catalogue, section_id: str) -> list[str]:
    return [
        p.id
        for s in catalogue.sections
        if s.id == section_id
        for p in s.prompts
        if p.kind == "long_text"
    ]


def expected_outline(blocks: list[rb.Block]) -> list[tuple[str, str]]:
    """The headings Word must show for the blocks: a section's only when it has one."""
    out = []
    for block in blocks:
        match block:
            case rb.Title():
                out.append(("Title", block.text))
            case rb.Section(heading=text) if text:
                out.append(("Heading 1", norm(clean(text))))
            case rb.Heading():
                out.append((f"Heading {block.level}", norm(clean(block.text))))
            case rb.Recommendations():
                out += [(f"Heading {block.level}", item.heading) for item in block.items]
    return out


# ---------------------------------------------------------------- one structure


def test_word_draws_a_heading_for_every_heading_block(catalogue: Catalogue, review: Review) -> None:
    document = read(to_docx(review, catalogue))
    expected = expected_outline(walk(review, catalogue))
    assert outline(document) == expected
    # A section without a heading of its own (the details) has none in Word either.
    assert [s.title for s in catalogue.sections if not s.heading] == ["Details"]
    assert ("Heading 1", "Details") not in outline(document)
    assert ("Heading 2", "Recommendation 1") in expected


def test_word_and_markdown_have_the_same_headings(catalogue: Catalogue) -> None:
    review = load_example(catalogue)
    document = read(to_docx(review, catalogue))
    markdown = md_outline(md_parse(to_markdown(review, catalogue)))
    levels = {"Title": "h1", **{f"Heading {n}": f"h{n + 1}" for n in range(1, 4)}}
    assert [(levels[s], t) for s, t in outline(document)] == markdown
    assert len(markdown) > 20


def test_details_and_endorsement_tables(catalogue: Catalogue, review: Review) -> None:
    document = read(to_docx(review, catalogue))
    blocks = body(document)
    assert style(blocks[0]) == "Title"
    # The details table follows the introduction with no heading between.
    first_table = next(i for i, b in enumerate(blocks) if isinstance(b, Table))
    assert not any(heading(b) for b in blocks[1:first_table])
    intro = [b.text for b in blocks[1:first_table] if isinstance(b, Paragraph)]
    assert intro[-len(catalogue.introduction) :] == catalogue.introduction

    def answer(pid: str) -> str:
        return clean(review.answer(pid)).strip()

    details = cells(blocks[first_table])  # type: ignore[arg-type]
    assert [[label, norm(value)] for label, value in details] == [
        ["Name of Agency", norm(answer("agency"))],
        ["Name of Adult(s)", norm(f"{hostile_line('Adult A')} Adult | B")],
        ["DOB", "03/02/1950 unknown"],
        ["Name of author", norm(answer("author_name"))],
        ["Role of author", norm(answer("author_role"))],
        ["Agency of author", norm(answer("author_agency"))],
        ["Contact details of author", norm(answer("author_contact"))],
        ["Date of Completion of IMR", "11/03/2025"],
    ]
    assert details[1][1] == f"{hostile_line('Adult A')}\nAdult | B"
    endorsement = cells(tables(under(document, "ENDORSEMENT"))[0])
    assert [[label, norm(value)] for label, value in endorsement] == [
        ["Endorsed by", norm(answer("endorser_name"))],
        ["Role", norm(answer("endorser_role"))],
        ["Date of endorsement", "01/04/2025"],
    ]


def test_every_answer_in_place(catalogue: Catalogue, review: Review) -> None:
    document = read(to_docx(review, catalogue))
    for section in ("summary", "analysis", "learning"):
        for pid in long_answer_ids(catalogue, section):
            prompt = catalogue.prompt(pid)
            blocks = under(document, prompt.title)
            assert isinstance(blocks[0], Paragraph) and blocks[0].runs[0].italic
            assert blocks[0].text == prompt.guidance
            assert text_of(blocks[1:]) == norm(clean(review.answer(pid))), pid
            # Typed as written: no Markdown escapes, no characters lost but controls.
            assert "\\#" not in text_of(blocks[1:])
            assert "# not a heading" in text_of(blocks[1:])
    first = under(document, norm(hostile_line("First heading")))
    assert text_of(first) == norm(hostile("analysis one"))
    assert text_of(under(document, "1. Third heading ---")) == PLACEHOLDER
    removed = under(document, "> A removed heading")
    assert removed[0].text == catalogue.removed_heading_note  # type: ignore[union-attr]
    assert text_of(removed[1:]) == norm(hostile("kept analysis"))
    everything = all_text(document)
    for value in review.answers.values():
        if not value[:4].isdigit():
            assert norm(clean(value)) in everything


def test_line_breaks_and_paragraphs_are_kept(catalogue: Catalogue) -> None:
    review = Review(answers={"summary": "one\r\ntwo\n\n\nthree  \n \n\tfour"})
    blocks = under(read(to_docx(review, catalogue)), "Summary of involvement")
    assert [b.text for b in blocks[1:] if isinstance(b, Paragraph)] == [
        "one\ntwo",
        "three",
        "\tfour",
    ]


def test_control_characters_are_shown_as_their_symbols(catalogue: Catalogue) -> None:
    # As the Markdown export shows them: the reader sees something was there.
    assert (
        clean(CONTROL)
        == "bell\u2407 nul\u2400 escape\u241b[31m form\u240c feed  tab\tand DEL\u2421"
    )


def test_terms_of_reference(catalogue: Catalogue, review: Review) -> None:
    blocks = under(read(to_docx(review, catalogue)), "TERMS OF REFERENCE")
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "Review period: 01/01/2024 to 31/12/2024" in texts
    label = texts.index("Terms of Reference headings:")
    assert texts[label + 1 :] == [
        norm(hostile_line("First heading")),
        "- Second heading over two lines | with a pipe",
        "1. Third heading ---",
    ]
    assert [style(b) for b in blocks][-3:] == ["List Number"] * 3
    numbering = blocks[-1]._p.pPr.numPr  # type: ignore[union-attr]
    num = read(to_docx(review, catalogue)).part.numbering_part.element
    found = num.num_having_numId(int(numbering.numId.val))  # type: ignore[union-attr]
    assert found.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]


# ---------------------------------------------------------------- the chronology


def test_chronology_table(catalogue: Catalogue, review: Review) -> None:
    table = chronology(read(to_docx(review, catalogue)))
    ch = catalogue.chronology
    columns = ch.columns
    rows = [[norm(c) for c in row] for row in cells(table)]
    assert rows == [
        [ch.date_title, ch.time_title, ch.source_title, *(c.title for c in columns)],
        [
            "?12/2024",
            "",
            "| source two |",
            *("- event two" if c.id == "event" else "" for c in columns),
        ],
        ["?11/03/2025", "09:05", norm(clean(CONTROL)), *("" for _ in columns)],
        [
            "11/03/2025",
            "14:30",
            norm(hostile("source one")),
            *(norm(hostile(f"cell {c.id}")) for c in columns),
        ],
        ["", "", "undated", *("" for _ in columns)],
    ]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.xpath("./w:tblHeader")  # repeated on every page
    assert all(r.runs[0].bold for c in table.rows[0].cells for r in c.paragraphs)
    # No row is split across two pages.
    assert all(
        row._tr.trPr is not None and row._tr.trPr.xpath("./w:cantSplit") for row in table.rows
    )
    # Compact: 9 point text, no space after a cell's paragraph, narrow cell margins.
    sizes = {
        r.font.size.pt
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text
    }
    assert sizes == {9.0}
    assert {
        p.paragraph_format.space_after
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
    } == {0}
    assert table._tbl.tblPr.xpath("./w:tblCellMar/w:left/@w:w") == ["57"]


def test_chronology_columns_are_sized_to_their_content(catalogue: Catalogue) -> None:
    review = load_example(catalogue)
    table = chronology(read(to_docx(review, catalogue)))
    widths = [(c.width or 0) / 12700 for c in table.columns]  # points
    ch = catalogue.chronology
    event = 3 + [c.id for c in ch.columns].index("event")
    rows = cells(table)
    # The date and time are never wrapped: each column holds its longest single date or time.
    for i in (0, 1):
        longest = max(text_width(r[i].split(" – ")[0], 9, bold=True) for r in rows)
        assert widths[i] >= longest
    assert widths[1] < widths[0] < widths[event]
    # Every other column holds its longest word whole.
    for i in range(2, len(widths)):
        longest = max(text_width(w, 9, bold=True) for r in rows for w in words(r[i]))
        assert widths[i] >= longest, (rows[0][i], widths[i], longest)
    # The event, the longest text, is the widest; the widths fill the landscape page.
    assert widths[event] == max(widths)
    page = (29.7 - 2 * 2.0) / 2.54 * 72
    assert abs(sum(widths) - page) < 2


def test_a_period_wraps_only_at_its_dash_and_long_names_still_fit(catalogue: Catalogue) -> None:
    name = "Practitioner " + "Ä" * 300
    review = Review(
        chronology=[
            ChronologyEntry(
                date="2025-03-11",
                end_date="2025-03-18",
                time="09:00",
                end_time="17:00",
                source="Ward record 漢字",
                cells={"practitioner": name, "event": "Visited [bold] daily."},
            ),
            ChronologyEntry(date="2025-03-20", source="Letter", cells={"event": "A letter."}),
        ]
    )
    table = chronology(read(to_docx(review, catalogue)))
    assert cells(table)[1][:2] == ["11/03/2025 – 18/03/2025", "09:00 – 17:00"]
    assert name in cells(table)[1]
    widths = [(c.width or 0) / 12700 for c in table.columns]
    # The page still holds the table, however long a word.
    page = (29.7 - 2 * 2.0) / 2.54 * 72
    assert abs(sum(widths) - page) < 2
    assert widths[3] == max(widths)  # the 300-letter word takes what it can


def test_a_period_may_wrap_only_after_its_dash() -> None:
    header = ("Date", "Time", "Event")
    rows = [("11/03/2025 – 18/03/2025", "09:00 – 17:00", "word " * 200)]
    widths = column_widths(header, rows, 500, size=9, padding=5.7, fixed=frozenset({0, 1}))
    for i, (first, whole) in enumerate([("11/03/2025 –", rows[0][0]), ("09:00 –", rows[0][1])]):
        assert text_width(first, 9) + 5.7 < widths[i] < text_width(whole, 9)


def test_a_very_long_event_gets_the_width_it_needs() -> None:
    """Widening a column of long words saves no line until a second word fits: the width
    still goes to it rather than being shared out evenly."""
    event = " ".join(f"word{i}" for i in range(2500))
    header = ("Date", "Time", "Source", "Practitioner", "Type", "Event", "Action", "Outcome")
    rows = [
        ("01/02/2025", "10:00", "Record", "Nurse", "Visit", event, "", ""),
        ("02/02/2025", "10:00", "Record", "Nurse", "Visit", "short", "", ""),
    ]
    widths = column_widths(header, rows, 728, size=9, padding=5.7, fixed=frozenset({0, 1}))
    assert abs(sum(widths) - 728) < 0.01
    assert widths[5] > 0.4 * 728


def test_one_long_address_does_not_starve_the_event_column(catalogue: Catalogue) -> None:
    """The tester's case: one practitioner given with an e-mail address made that column
    the widest in every row. The address now wraps inside itself; the event column stays
    the widest, about as wide as without the address."""
    told = (
        "She was seen at home and said the pain in her back was worse; she had not been "
        "able to get to the shop for three days and her son had not visited. "
    )

    def review(practitioner: str) -> Review:
        entries = [
            ChronologyEntry(
                date=f"2025-02-{day:02d}",
                source="Community physiotherapy record",
                cells={
                    "practitioner": practitioner if day == 6 else "Amy Hart, staff nurse",
                    "contact_type": "Home visit",
                    "event": told * (1 + day % 3),
                    "action": "Referred to the falls team.",
                },
            )
            for day in range(1, 29)
        ]
        return Review(chronology=entries)

    def widths(r: Review) -> list[float]:
        table = chronology(read(to_docx(r, catalogue)))
        return [(c.width or 0) / 12700 for c in table.columns]

    ids = [c.id for c in catalogue.chronology.columns]
    event, practitioner = 3 + ids.index("event"), 3 + ids.index("practitioner")
    address = "Musculoskeletal physiotherapist, amy.hart@northshire-community.nhs.uk"
    plain, long = widths(review("Amy Hart, physiotherapist")), widths(review(address))
    page = (29.7 - 2 * 2.0) / 2.54 * 72
    assert abs(sum(long) - page) < 2
    assert long[event] == max(long)
    assert long[practitioner] < 0.16 * page  # 15% and a share of what is left over
    assert long[event] > 0.9 * plain[event], (plain, long)
    # the address is longer than its column: it wraps inside itself
    assert text_width("amy.hart@northshire-community.nhs.uk", 9) > long[practitioner]


def test_the_chronology_is_on_landscape_pages(catalogue: Catalogue, review: Review) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    document = read(to_docx(review, catalogue))
    turned = [s.orientation for s in document.sections]
    assert turned == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    sizes = [(s.page_width or 0, s.page_height or 0) for s in document.sections]
    a4 = (Cm(21), Cm(29.7))  # stored in twentieths of a point: equal to within a millimetre
    for size, expected in zip(sizes, [a4, a4[::-1], a4], strict=True):
        assert all(abs(got - want) < Cm(0.1) for got, want in zip(size, expected, strict=True))
    blocks = list(document.iter_inner_content())
    breaks = [i for i, b in enumerate(blocks) if section_break(b)]
    assert len(breaks) == 2
    # The landscape section is the chronology's: its heading first, its table, no other heading.
    first, second = breaks
    wide = blocks[first + 1 : second]
    assert [b.text for b in wide if heading(b)] == ["CHRONOLOGY OF AGENCY INVOLVEMENT"]  # type: ignore[union-attr]
    assert heading(wide[0]) and chronology(document)._tbl in [b._tbl for b in tables(wide)]


# ---------------------------------------------------------------- recommendations, glossary


def test_recommendations_are_headed_as_in_markdown(catalogue: Catalogue, review: Review) -> None:
    document = read(to_docx(review, catalogue))
    rc = catalogue.recommendations
    titles = ("actions", "lead", "target_date", "resources", "evidence")
    assert ("Heading 2", "Recommendation 1") in outline(document)
    first = under(document, "Recommendation 1")
    assert all(isinstance(p, Paragraph) and style(p) == "Normal" for p in first)
    fields = [p.text for p in first if isinstance(p, Paragraph) and p.runs[0].bold]
    assert [f.split(":")[0] for f in fields] == [rc.title(f) for f in titles]
    text = [p.text for p in first if isinstance(p, Paragraph) and not p.runs[0].bold]
    assert norm(" ".join(text)) == norm(clean(hostile("recommendation one")))
    assert fields[1:3] == [
        f"{rc.title('lead')}: # Head of Nursing",
        f"{rc.title('target_date')}: 31/03/2026",
    ]
    second = under(document, "Recommendation 2")
    assert [p.text for p in second] == [  # type: ignore[union-attr]
        "1. Second recommendation",
        *(f"{rc.title(f)}: {PLACEHOLDER}" for f in titles),
    ]
    # Not a numbered list any more.
    section = under(document, "RECOMMENDATIONS FOR ACTION") + first + second
    assert "List Number" not in [style(b) for b in section]


def test_an_empty_recommendation_shows_the_placeholder(catalogue: Catalogue) -> None:
    review = Review(recommendations=[Recommendation(lead="Team leader")])
    blocks = under(read(to_docx(review, catalogue)), "Recommendation 1")
    assert blocks[0].text == PLACEHOLDER and blocks[0].runs[0].italic  # type: ignore[union-attr]


def test_an_empty_review_shows_where_answers_are_missing(catalogue: Catalogue) -> None:
    document = read(to_docx(Review(), catalogue))
    details = cells(document.tables[0])
    assert all(value == PLACEHOLDER for _, value in details)
    for pid in long_answer_ids(catalogue, "summary"):
        blocks = under(document, catalogue.prompt(pid).title)
        assert blocks[-1].text == PLACEHOLDER  # type: ignore[union-attr]
        assert blocks[-1].runs[0].italic  # type: ignore[union-attr]


def test_glossary_table(catalogue: Catalogue, glossary: Glossary) -> None:
    review = Review(
        answers={"summary": "The GP and the DN visited."}, accepted_abbreviations=["GP"]
    )
    document = read(to_docx(review, catalogue, glossary))
    table = tables(under(document, glossary.heading))[0]
    assert cells(table)[0] == [glossary.abbreviation_title, glossary.meaning_title]
    assert ["GP", glossary.meaning("GP")] in cells(table)


# ---------------------------------------------------------------- pages and properties


def part_texts(data: bytes, prefix: str) -> list[str]:
    """The text of each part named ``word/<prefix>N.xml`` (headers, footers)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(n for n in z.namelist() if n.startswith(f"word/{prefix}"))
        return [z.read(n).decode("utf-8") for n in names]


def story(part: object) -> str:
    """A header's or footer's text, line breaks as new lines."""
    return "\n".join(p.text for p in part.paragraphs)  # type: ignore[attr-defined]


def instructions(part: object) -> list[str]:
    return [t.strip() for t in part._element.xpath(".//w:instrText/text()")]  # type: ignore[attr-defined]


def test_every_page_of_a_draft_has_the_header_and_footer(
    catalogue: Catalogue, review: Review, fixed_clock: datetime
) -> None:
    data = to_docx(review, catalogue)
    document = read(data)
    first, *rest = document.sections
    # Each shortened to one line at a word (whole in the title block and the body).
    agency = shortened(review.answer("agency"))
    named = shortened(review.answer("review_reference"))
    assert story(first.header) == f"OFFICIAL-SENSITIVE · DRAFT\n{agency} · {named}"
    assert first.header.paragraphs[0].runs[0].bold
    assert story(first.footer) == "Page 1 of 1 · DRAFT · 01/06/2026 · OFFICIAL-SENSITIVE"
    assert instructions(first.footer) == ["PAGE", "NUMPAGES"]  # fields: Word counts the pages
    # The landscape and later pages show the same: linked to the first section's.
    assert rest and all(s.header.is_linked_to_previous for s in rest)
    assert all(s.footer.is_linked_to_previous for s in rest)
    assert len(part_texts(data, "header")) == 1 and len(part_texts(data, "footer")) == 1
    # The title block under the title.
    blocks = body(document)
    assert style(blocks[0]) == "Title"
    assert blocks[1].text == (  # type: ignore[union-attr]
        "Status: DRAFT\nDate: 01/06/2026\nProtective marking: OFFICIAL-SENSITIVE"
    )


def test_a_final_report_says_its_version(catalogue: Catalogue, fixed_clock: datetime) -> None:
    review = Review(answers={"agency": "Northshire Trust (FICTIONAL)"})
    edition = rb.Edition(final=True, version=2, on=date(2026, 5, 30))
    document = read(to_docx(review, catalogue, edition=edition))
    header, footer = document.sections[0].header, document.sections[0].footer
    # No name for the review: the template's title instead; no DRAFT.
    assert story(header) == f"OFFICIAL-SENSITIVE\nNorthshire Trust (FICTIONAL) · {catalogue.title}"
    assert story(footer) == "Page 1 of 1 · Version 2 · 30/05/2026 · OFFICIAL-SENSITIVE"
    assert body(document)[1].text == (  # type: ignore[union-attr]
        "Status: FINAL\nVersion: 2\nDate: 30/05/2026\nProtective marking: OFFICIAL-SENSITIVE"
    )


def test_hostile_text_in_the_header_is_shown_literally() -> None:
    masthead = rb.Masthead(
        "[bold]A\x07gency[/bold]\n" + "x" * 300, "", "MARKING", "DRAFT", None, ""
    )
    document = read(to_bytes(render_document([rb.Title("T"), masthead], "T")))
    # Literal, the bell as its symbol, cut short at 60 characters with an ellipsis.
    assert story(document.sections[0].header) == (
        f"MARKING · DRAFT\n[bold]A\u2407gency[/bold] {'x' * 38}\u2026 · T"
    )
    assert story(document.sections[0].footer) == "Page 1 of 1 · DRAFT · MARKING"


def test_without_a_masthead_no_header_or_footer() -> None:
    data = to_bytes(render_document([rb.Title("T"), rb.Paragraph("text")], "T"))
    assert part_texts(data, "header") == [] and part_texts(data, "footer") == []
    assert [p.text for p in read(data).paragraphs] == ["T", "text"]


def test_the_file_says_nothing_of_its_maker(catalogue: Catalogue, fixed_clock: datetime) -> None:
    data = to_docx(Review(), catalogue)
    props = read(data).core_properties
    assert props.title == catalogue.title
    assert (props.author, props.comments, props.last_modified_by) == ("", "", "")
    # When it was made, by the program's clock, in UTC.
    made = fixed_clock.astimezone(UTC)
    assert (props.created, props.modified) == (made, made)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
        assert "<Application>imr-tui</Application>" in app and "Microsoft" not in app
        assert not [n for n in z.namelist() if "thumbnail" in n.casefold()]


# ---------------------------------------------------------------- the timeline picture


def timeline_block() -> rb.Timeline:
    point = rb.TimelinePoint(date(2025, 2, 8), date(2025, 2, 8), False)
    return rb.Timeline(
        "Contacts over the review period [bold]",
        date(2025, 2, 1),
        date(2025, 10, 31),
        (date(2025, 2, 1), date(2025, 10, 31)),
        (rb.TimelineLane("", (point,)),),
        28,
    )


def test_the_timeline_is_a_picture_with_its_caption(monkeypatch: pytest.MonkeyPatch) -> None:
    from imr_tui.report import timeline_picture

    png = (
        timeline_picture.timeline_png(timeline_block())
        if timeline_picture.timeline_available()
        else None
    )
    if png is None:
        pytest.skip("the timeline extra is not installed")
    blocks: list[rb.Block] = [
        rb.Title("T"),
        rb.Section("Chronology", "CHRONOLOGY", landscape=True),
        timeline_block(),
    ]
    document = read(to_bytes(render_document(blocks, "T")))
    [shape] = document.inline_shapes
    described = shape._inline.docPr.get("descr")
    assert described == "Contacts over the review period [bold]"
    section = document.sections[-1]
    usable = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    assert shape.width <= usable and shape.height <= (section.page_height or 0)
    caption = document.paragraphs[-1]
    assert (caption.text, style(caption)) == ("Contacts over the review period [bold]", "Caption")


def test_without_the_timeline_extra_an_italic_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from imr_tui.report import timeline_picture

    def missing(block: rb.Timeline) -> bytes:
        raise UserError(timeline_picture.MISSING)

    monkeypatch.setattr(timeline_picture, "timeline_png", missing)
    document = read(to_bytes(render_document([rb.Title("T"), timeline_block()], "T")))
    assert not document.inline_shapes
    last = document.paragraphs[-1]
    assert last.text == timeline_picture.MISSING and last.runs[0].italic


# ---------------------------------------------------------------- anonymised and long


def xml_text(data: bytes) -> str:
    """Every part of the .docx as text (document, styles, properties...)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_anonymised_with_five_thousand_entries(catalogue: Catalogue, glossary: Glossary) -> None:
    review = Review(
        answers={"review_reference": "Review of Dorothy Hollins's care"},
        adults=[Adult(name="Dorothy Hollins", date_of_birth=date(1938, 6, 2))],
        review_period=ReviewPeriod(start=date(2005, 1, 1), end=date(2024, 10, 31)),
        pseudonyms=[
            Pseudonym(name="Dorothy Hollins", alias="Adult A"),
            Pseudonym(name="Dorothy", alias="Adult A"),
            Pseudonym(name="Amy Hart", alias="Staff Nurse 1"),
        ],
        headings=[Heading(id="h", title="Was Dorothy's capacity assessed?")],
        heading_analysis={"h": HeadingAnalysis(text="Amy Hart's view of DOROTHY HOLLINS.")},
        recommendations=[Recommendation(recommendation="Amy Hart trains", lead="Dorothy's GP")],
        chronology=[
            ChronologyEntry(
                date=f"{2024 - i % 20}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                time=f"{i % 24}:{i % 60:02d}",
                source=f"Record {i}",
                cells={"practitioner": "Amy Hart", "event": f"Dorothy's visit {i}"},
            )
            for i in range(5000)
        ],
    )
    started = time.perf_counter()
    data, _, found = anonymised_docx(review, catalogue, glossary)
    took = time.perf_counter() - started
    assert took < 30, f"{took:.1f} s"
    assert found == []
    raw = xml_text(data).casefold()
    names = ("dorothy", "hollins", "amy hart", ">amy", "02/06/1938", "1938-06-02")
    assert [name for name in names if name in raw] == []  # no part of the file holds one
    document = read(data)
    details = cells(document.tables[0])
    assert details[1:3] == [
        ["Name of Adult(s)", "Adult A"],
        ["Age", "aged 86 at the end of the review period"],
    ]
    table = chronology(document)
    rows = cells(table)[1:]
    assert len(rows) == 5000
    expected = [e for e in review.sorted_chronology()]
    assert [r[2] for r in rows] == [e.source for e in expected]  # date order
    dates = [(r[0][6:], r[0][3:5], r[0][:2]) for r in rows]
    assert dates == sorted(dates)
    assert {r[3] for r in rows} == {"Staff Nurse 1"}
    assert rows[0][5].startswith("Adult A's visit ")
    assert "Was Adult A's capacity assessed?" in [h for _, h in outline(document)]
    # The header names the review by its anonymised name too.
    assert story(document.sections[0].header).endswith("Review of Adult A's care")


# ---------------------------------------------------------------- the command


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_format_docx(
    tmp_path: Path, catalogue: Catalogue, review: Review, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    review.pseudonyms = [Pseudonym(name="Adult | B", alias="Adult B")]
    save(path, review, catalogue)
    (tmp_path / "r.toml.bak").unlink(missing_ok=True)
    before = path.read_bytes()
    code, out, err = run(capsys, "export", path, "--format", "docx")
    assert (code, err) == (0, "")
    assert out.startswith(f"Exported to {tmp_path / 'r.docx'}\nThis is a draft: ")
    assert stat.S_IMODE((tmp_path / "r.docx").stat().st_mode) == 0o600
    assert outline(read((tmp_path / "r.docx").read_bytes()))[0] == ("Title", catalogue.title)
    # -o with .docx is a Word export without --format.
    code, _, _ = run(capsys, "export", path, "-o", tmp_path / "board.docx")
    assert code == 0 and read((tmp_path / "board.docx").read_bytes()).tables
    code, out, err = run(capsys, "export", path, "--format", "docx", "--anonymise")
    assert (code, out) == (1, "")  # one adult has no pseudonym: reported, nothing written
    assert "still found: " in err and "an adult's name with no pseudonym" in err
    assert err.splitlines()[-1].startswith("imr: nothing was written: ")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.docx", "r.docx", "r.toml"]
    code, out, err = run(
        capsys, "export", path, "--format", "docx", "--anonymise", "--allow-remaining"
    )
    assert code == 1
    [written] = [p for p in tmp_path.iterdir() if p.name.endswith("-anonymised.docx")]
    assert out.startswith(f"Exported to {written}\n") and "r" not in written.stem.split("-")
    document = read(written.read_bytes())
    found = err.count("still found: ")
    things = "thing" if found == 1 else "things"
    assert document.paragraphs[0].text.startswith(f"NOT FULLY ANONYMISED: {found} {things}")
    assert "Adult | B" not in all_text(document)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_without_python_docx_one_plain_line(
    tmp_path: Path,
    catalogue: Catalogue,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "r.toml"
    save(path, Review(), catalogue)
    before = sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    for extra in ((), ("--anonymise",)):
        code, out, err = run(capsys, "export", path, "--format", "docx", *extra)
        assert (code, out) == (2, "")
        assert err == f"imr: {MISSING}\n"
        assert MISSING == "Word export needs the docx extra: pip install 'imr-tui[docx]'"
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    # Markdown needs no python-docx.
    assert run(capsys, "export", path)[0] == 0
