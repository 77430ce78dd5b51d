"""Small marks of an export a panel reads: what the chronology's ``?`` means, a long name
in the Word header, and an author's invisible characters shown, never acted on.

Each is read back from the files as written: the Markdown as text, the Word document
through python-docx (its body, header and footer).
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.report.markdown import to_markdown
from imr_tui.report.merge import composite_markdown, merge
from imr_tui.report.word import to_docx

NOTE = "A date with ? in front of it is approximate or uncertain."


def review_with(*dates: str) -> Review:
    """A review whose chronology has an entry on each date (``?`` in front: uncertain)."""
    review = Review()
    review.set_answer("agency", "Northshire Trust")
    review.chronology = [
        ChronologyEntry(
            date=d.lstrip("?"),
            approximate=d.startswith("?"),
            source="Notes",
            cells={"event": f"Seen {n}."},
        )
        for n, d in enumerate(dates, 1)
    ]
    return review


def word(data: bytes) -> tuple[str, str]:
    """The document's body text, and its first header's and footer's text."""
    doc = Document(io.BytesIO(data))
    body = "\n".join(p.text for p in doc.paragraphs)
    body += "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    section = doc.sections[0]
    marks = "\n".join(p.text for p in (*section.header.paragraphs, *section.footer.paragraphs))
    return body, marks


def test_the_meaning_of_the_question_mark_is_said_only_when_a_date_is_approximate(
    catalogue: Catalogue,
) -> None:
    assert catalogue.chronology.approximate_note == NOTE
    exact = review_with("2025-03-11", "2025-04-02")
    approximate = review_with("2025-03-11", "2025-04")  # a month only: approximate
    assert NOTE not in to_markdown(exact, catalogue)
    markdown = to_markdown(approximate, catalogue)
    assert "?04/2025" in markdown and f"*{NOTE}*" in markdown
    assert markdown.index("?04/2025") < markdown.index(NOTE)  # under the table
    assert NOTE in word(to_docx(approximate, catalogue))[0]
    assert NOTE not in word(to_docx(exact, catalogue))[0]
    # The composite chronology says it too.
    composite = merge([("Agency 1", exact), ("Agency 2", approximate)])
    assert NOTE in composite_markdown(composite, catalogue)
    assert NOTE not in composite_markdown(merge([("Agency 1", exact)]), catalogue)


def test_a_long_name_is_shortened_in_the_header_and_whole_in_the_body(
    catalogue: Catalogue,
) -> None:
    long_name = "Northshire " + " ".join(f"Community{n}" for n in range(30)) + " Trust"
    review = review_with("2025-03-11")
    review.set_answer("agency", long_name)
    body, marks = word(to_docx(review, catalogue))
    assert long_name in body
    header_line = next(line for line in marks.splitlines() if line.startswith("Northshire"))
    assert header_line.split(" · ")[0].endswith("…")
    assert len(header_line.split(" · ")[0]) <= 60


def test_invisible_controls_are_shown_in_every_format(catalogue: Catalogue) -> None:
    review = review_with("2025-03-11")
    review.set_answer("agency", "Acme\u202eTsurt\u202c \u0627\u0644\u0646\u0648\u0631 \x07Trust")
    markdown = to_markdown(review, catalogue)
    body, marks = word(to_docx(review, catalogue))
    for text in (markdown, body, marks):
        assert "\u202e" not in text and "\u202c" not in text and "\x07" not in text
        assert "Acme\ufffdTsurt\ufffd" in text
        assert "\u0627\u0644\u0646\u0648\u0631" in text  # right-to-left script stays as it is
    # The bell is shown as its symbol in both formats alike.
    assert "\u2407Trust" in markdown and "\u2407Trust" in body


def test_an_uncertain_day_is_explained_in_the_files_written(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    from imr_tui.report.export_files import edition_for, export_files

    files = export_files(
        review_with("2025-03-11", "?2025-03-20"),
        catalogue,
        None,
        "md",
        tmp_path / "r.md",
        edition_for(None),
    )
    assert NOTE in files[tmp_path / "r.md"].decode("utf-8")


def test_an_ambiguous_abbreviation_the_text_defines_stops_no_final_report(
    catalogue: Catalogue,
) -> None:
    from imr_tui.checks import load_glossary
    from imr_tui.core.example import load_example
    from imr_tui.report.final_gate import final_problems

    glossary = load_glossary()
    review = load_example(catalogue)
    assert any("'DNA'" in p for p in final_problems(review, catalogue, glossary))
    first = review.chronology[0]
    first.cells = {**first.cells, "event": "Marked Did Not Attend (DNA) by the clinic."}
    assert not any("'DNA'" in p for p in final_problems(review, catalogue, glossary))
