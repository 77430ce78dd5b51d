"""The Word export, read back with python-docx: headings, tables, numbered lists, every
answer in place, anonymised too, and a plain error when python-docx is missing."""

from __future__ import annotations

import io
import stat
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from test_export import hostile, hostile_line, hostile_review

from imr_tui.checks import Glossary, glossary_path_for, load_glossary
from imr_tui.cli.main import main
from imr_tui.core.catalogue import Catalogue
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
from imr_tui.report.anonymised_report import anonymised_docx
from imr_tui.report.word import MISSING, clean, to_docx

PLACEHOLDER = "Not yet answered"
CONTROL = "bell\x07 nul\x00 escape\x1b[31m form\x0c feed \ufffe tab\tand DEL\x7f"


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


def outline(document: Document) -> list[tuple[str, str]]:
    return [
        (style(b), b.text)
        for b in body(document)
        if isinstance(b, Paragraph) and style(b) in ("Title", "Heading 1", "Heading 2")
    ]


def under(document: Document, heading_style: str, text: str) -> list[Paragraph | Table]:
    """The blocks after a heading, up to the next heading of any level."""
    blocks = body(document)
    start = (
        next(
            i
            for i, b in enumerate(blocks)
            if (style(b), getattr(b, "text", ""))
            == (
                heading_style,
                text,
            )
        )
        + 1
    )
    end = next(
        (i for i in range(start, len(blocks)) if style(blocks[i]).startswith("Heading")),
        len(blocks),
    )
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


# ---------------------------------------------------------------- the document


def test_headings(catalogue: Catalogue, review: Review) -> None:
    document = read(to_docx(review, catalogue))

    def h2s(section_id: str) -> list[tuple[str, str]]:
        return [
            ("Heading 2", catalogue.prompt(p).title) for p in long_answer_ids(catalogue, section_id)
        ]

    assert outline(document) == [
        ("Title", "Individual Management Review"),
        ("Heading 1", "Details"),
        ("Heading 1", "TERMS OF REFERENCE"),
        ("Heading 1", "SUMMARY"),
        *h2s("summary"),
        ("Heading 1", "CHRONOLOGY OF AGENCY INVOLVEMENT"),
        ("Heading 1", "ANALYSIS OF INVOLVEMENT"),
        ("Heading 2", norm(hostile_line("First heading"))),
        ("Heading 2", "- Second heading over two lines | with a pipe"),
        ("Heading 2", "1. Third heading ---"),
        ("Heading 2", "> A removed heading"),
        *h2s("analysis"),
        ("Heading 1", "LEARNING"),
        *h2s("learning"),
        ("Heading 1", "RECOMMENDATIONS FOR ACTION"),
        ("Heading 1", "ENDORSEMENT"),
    ]


def test_details_and_endorsement_tables(catalogue: Catalogue, review: Review) -> None:
    document = read(to_docx(review, catalogue))
    blocks = body(document)
    assert [style(b) for b in blocks[:6]] == [
        "Title",
        "Normal",
        "Normal",
        "Normal",
        "Heading 1",
        "table",
    ]
    assert [b.text for b in blocks[1:4] if isinstance(b, Paragraph)] == catalogue.introduction

    def answer(pid: str) -> str:
        return clean(review.answer(pid)).strip()

    details = cells(under(document, "Heading 1", "Details")[0])
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
    endorsement = cells(under(document, "Heading 1", "ENDORSEMENT")[0])
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
            blocks = under(document, "Heading 2", prompt.title)
            assert isinstance(blocks[0], Paragraph) and blocks[0].runs[0].italic
            assert blocks[0].text == prompt.guidance
            assert text_of(blocks[1:]) == norm(clean(review.answer(pid))), pid
            # Typed as written: no Markdown escapes, no characters lost but controls.
            assert "\\#" not in text_of(blocks[1:])
            assert "# not a heading" in text_of(blocks[1:])
    first = under(document, "Heading 2", norm(hostile_line("First heading")))
    assert text_of(first) == norm(hostile("analysis one"))
    assert text_of(under(document, "Heading 2", "1. Third heading ---")) == PLACEHOLDER
    removed = under(document, "Heading 2", "> A removed heading")
    assert removed[0].text == catalogue.removed_heading_note
    assert text_of(removed[1:]) == norm(hostile("kept analysis"))
    everything = all_text(document)
    for value in review.answers.values():
        if not value[:4].isdigit():
            assert norm(clean(value)) in everything


def test_line_breaks_and_paragraphs_are_kept(catalogue: Catalogue) -> None:
    review = Review(answers={"summary": "one\r\ntwo\n\n\nthree  \n \n\tfour"})
    blocks = under(read(to_docx(review, catalogue)), "Heading 2", "Summary of involvement")
    assert [b.text for b in blocks[1:] if isinstance(b, Paragraph)] == [
        "one\ntwo",
        "three",
        "\tfour",
    ]


def test_control_characters_are_dropped(catalogue: Catalogue) -> None:
    assert clean(CONTROL) == "bell nul escape[31m form feed  tab\tand DEL\x7f"


def test_terms_of_reference(catalogue: Catalogue, review: Review) -> None:
    blocks = under(read(to_docx(review, catalogue)), "Heading 1", "TERMS OF REFERENCE")
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "Review period: 01/01/2024 to 31/12/2024",
        "Terms of Reference headings:",
        norm(hostile_line("First heading")),
        "- Second heading over two lines | with a pipe",
        "1. Third heading ---",
    ]
    assert [style(b) for b in blocks][2:] == ["List Number"] * 3


def numbering(paragraph: Paragraph) -> int:
    num_pr = paragraph._p.pPr.numPr  # type: ignore[union-attr]
    return int(num_pr.numId.val)  # type: ignore[union-attr]


def test_chronology_table(catalogue: Catalogue, review: Review) -> None:
    blocks = under(
        read(to_docx(review, catalogue)), "Heading 1", "CHRONOLOGY OF AGENCY INVOLVEMENT"
    )
    assert [style(b) for b in blocks] == ["table"]
    table = blocks[0]
    assert isinstance(table, Table)
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
    # Date and time narrow, the event wide.
    widths = [c.width or 0 for c in table.columns]
    event = 3 + [c.id for c in columns].index("event")
    assert widths[1] < widths[0] < widths[event] and widths[2] < widths[event]


def test_the_chronology_is_on_landscape_pages(catalogue: Catalogue, review: Review) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    document = read(to_docx(review, catalogue))
    turned = [s.orientation for s in document.sections]
    assert turned == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    wide = document.sections[1]
    assert (wide.page_width or 0) > (wide.page_height or 0)
    sizes = [(s.page_width or 0, s.page_height or 0) for s in document.sections]
    a4 = (Cm(21), Cm(29.7))  # stored in twentieths of a point: equal to within a millimetre
    for size, expected in zip(sizes, [a4, a4[::-1], a4], strict=True):
        assert all(abs(got - want) < Cm(0.1) for got, want in zip(size, expected, strict=True))
    blocks = list(document.iter_inner_content())
    breaks = [i for i, b in enumerate(blocks) if section_break(b)]
    assert len(breaks) == 2
    # The landscape section holds the chronology heading and its table, nothing else.
    first, second = breaks
    assert [style(b) for b in blocks[first + 1 : second]] == ["Heading 1", "table"]
    assert blocks[first + 1].text == "CHRONOLOGY OF AGENCY INVOLVEMENT"  # type: ignore[union-attr]


def test_recommendations_are_numbered(catalogue: Catalogue, review: Review) -> None:
    document = read(to_docx(review, catalogue))
    blocks = under(document, "Heading 1", "RECOMMENDATIONS FOR ACTION")
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    items = [p for p in paragraphs if style(p) == "List Number"]
    assert [norm(p.text) for p in items] == [
        norm(hostile("recommendation one")),
        "1. Second recommendation",
    ]
    rc = catalogue.recommendations
    fields = [p.text for p in paragraphs if style(p) == "List Continue"]
    assert [f.split(":")[0] for f in fields] == [
        rc.title(f) for f in ("actions", "lead", "target_date", "resources", "evidence")
    ] * 2
    assert norm(fields[0]) == norm(f"{rc.title('actions')}: {hostile('actions one')}")
    assert fields[1:3] == [
        f"{rc.title('lead')}: # Head of Nursing",
        f"{rc.title('target_date')}: 31/03/2026",
    ]
    assert norm(fields[3]) == norm(f"{rc.title('resources')}: {hostile('resources one')}")
    assert fields[4] == f"{rc.title('evidence')}: > an audit"
    assert fields[5:] == [
        f"{rc.title(f)}: {PLACEHOLDER}"
        for f in ("actions", "lead", "target_date", "resources", "evidence")
    ]
    # Two separate lists, each starting at 1: the headings and the recommendations.
    tor = [
        b for b in under(document, "Heading 1", "TERMS OF REFERENCE") if style(b) == "List Number"
    ]
    assert isinstance(tor[0], Paragraph)
    ids = {numbering(p) for p in items}
    assert len(ids) == 1 and ids != {numbering(tor[0])}
    numbering_xml = document.part.numbering_part.element
    for num_id in (*ids, numbering(tor[0])):
        num = numbering_xml.num_having_numId(num_id)
        assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]


def test_an_empty_review_shows_where_answers_are_missing(catalogue: Catalogue) -> None:
    document = read(to_docx(Review(), catalogue))
    details = cells(under(document, "Heading 1", "Details")[0])
    assert all(value == PLACEHOLDER for _, value in details)
    for pid in long_answer_ids(catalogue, "summary"):
        blocks = under(document, "Heading 2", catalogue.prompt(pid).title)
        assert blocks[-1].text == PLACEHOLDER  # type: ignore[union-attr]
        assert blocks[-1].runs[0].italic  # type: ignore[union-attr]
    chronology = under(document, "Heading 1", "CHRONOLOGY OF AGENCY INVOLVEMENT")
    assert [style(b) for b in chronology] == ["Normal", "table"]
    assert len(chronology[1].rows) == 1  # type: ignore[union-attr]
    assert text_of(under(document, "Heading 1", "TERMS OF REFERENCE")) == (
        f"Review period: {PLACEHOLDER} to {PLACEHOLDER} Terms of Reference headings: {PLACEHOLDER}"
    )
    assert text_of(under(document, "Heading 1", "RECOMMENDATIONS FOR ACTION")) == PLACEHOLDER
    analysis = catalogue.prompt("tor_analysis").title
    assert text_of(under(document, "Heading 2", analysis)) == PLACEHOLDER


def test_glossary_of_accepted_abbreviations(catalogue: Catalogue, glossary: Glossary) -> None:
    review = Review(
        answers={"summary": "The GP and the DN visited."}, accepted_abbreviations=["GP"]
    )
    document = read(to_docx(review, catalogue, glossary))
    assert outline(document)[-1] == ("Heading 1", glossary.heading)
    table = next(b for b in under(document, "Heading 1", glossary.heading) if isinstance(b, Table))
    assert cells(table) == [
        [glossary.abbreviation_title, glossary.meaning_title],
        ["GP", glossary.meaning("GP")],
    ]


def test_the_file_says_nothing_of_its_maker(catalogue: Catalogue) -> None:
    props = read(to_docx(Review(), catalogue)).core_properties
    assert props.title == catalogue.title
    assert (props.author, props.comments, props.last_modified_by) == ("", "", "")


# ---------------------------------------------------------------- anonymised and long


def xml_text(data: bytes) -> str:
    """Every part of the .docx as text (document, styles, properties...)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_anonymised_with_five_thousand_entries(catalogue: Catalogue, glossary: Glossary) -> None:
    review = Review(
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
    details = cells(under(document, "Heading 1", "Details")[0])
    assert details[1:3] == [
        ["Name of Adult(s)", "Adult A"],
        ["Age", "aged 86 at the end of the review period"],
    ]
    table = under(document, "Heading 1", "CHRONOLOGY OF AGENCY INVOLVEMENT")[0]
    assert isinstance(table, Table)
    rows = cells(table)[1:]
    assert len(rows) == 5000
    expected = [e for e in review.sorted_chronology()]
    assert [r[2] for r in rows] == [e.source for e in expected]  # date order
    dates = [(r[0][6:], r[0][3:5], r[0][:2]) for r in rows]
    assert dates == sorted(dates)
    assert {r[3] for r in rows} == {"Staff Nurse 1"}
    assert rows[0][5].startswith("Adult A's visit ")
    assert "Was Adult A's capacity assessed?" in [h for _, h in outline(document)]


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
    assert run(capsys, "export", path, "--format", "docx") == (
        0,
        f"Exported to {tmp_path / 'r.docx'}\n",
        "",
    )
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
