"""The panel's command line as a panel member uses it: the headings panels write, a
spreadsheet imported again after the entries were renumbered, places written as
``imr comments`` lists them, exports that never overwrite a final report, and comments on
a Terms of Reference heading found under both of its sections. Checked on the output and
on the files on disk."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from comment_helpers import comments_of, refused

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_headings import kind_of, match_columns
from imr_tui.core.model import ChronologyEntry, Heading, Recommendation, Review
from imr_tui.core.store import load, save

if TYPE_CHECKING:
    from conftest import Imr


def three_entries() -> Review:
    """Three entries (11/03, 02/01 and 20/04/2025), a heading and a recommendation."""
    return Review(
        headings=[Heading(id="h1", title="Was risk assessed?")],
        chronology=[
            ChronologyEntry(id="e2", date="2025-03-11", time="14:30", source="GP notes"),
            ChronologyEntry(id="e1", date="2025-01-02", source="Ward notes"),
            ChronologyEntry(id="e3", date="2025-04-20", source="Police log"),
        ],
        recommendations=[Recommendation(id="r1", recommendation="Train the team")],
    )


@pytest.fixture
def review(tmp_path: Path, catalogue: Catalogue) -> Path:
    path = tmp_path / "r.toml"
    save(path, three_entries(), catalogue)
    return path


# ------------------------------------------------------------------ 1. headings


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Section / Entry", "place"),
        ("Where in the report", "place"),
        ("Where is the question?", "place"),
        ("Report section", "place"),
        ("Panel question", "text"),
        ("Comment / question", "text"),
        ("Question for author", "text"),
        ("Panel member's comments", "text"),
        ("Raised by", "by"),
        ("Comment by", "by"),
        ("Panel member", "by"),
        ("Reviewer name", "by"),
        ("Date raised", "date"),
        ("Date of comment", "date"),
        ("Comment ID", "id"),
        ("Priority", ""),
        ("Notes", ""),
        ("Author's response", ""),
        ("Entry date", ""),
    ],
)
def test_a_heading_is_matched_by_its_words(heading: str, kind: str) -> None:
    assert kind_of(heading) == kind


def test_a_whole_heading_wins_over_one_matched_by_its_words() -> None:
    columns, labelled = match_columns(("Panel question", "Comment", "Raised by", "By", "Notes"))
    assert columns == {"text": 1, "by": 3}
    assert labelled == [0, 2, 4]


def test_a_panel_sheet_with_its_own_headings_is_imported(
    imr: Imr, review: Path, tmp_path: Path
) -> None:
    sheet = (
        "Section / Entry,Panel question,Raised by,Date raised,Priority\n"
        "summary,Why so short?,Panel chair,27/02/2025 14:30,high\n"
    )
    (tmp_path / "p.csv").write_text(sheet, encoding="utf-8")
    result = imr("comments", "r.toml", "--import", "p.csv", "--yes")
    assert result.returncode == 0, result.stderr
    for line in (
        "  'Section / Entry' (column A): where the comment is",
        "  'Panel question' (column B): the comment",
        "  'Raised by' (column C): who wrote it",
        "  'Date raised' (column D): when it was written",
        "  'Priority' (column E): added to the comment's text, labelled",
    ):
        assert line in result.stdout
    [stored] = comments_of(review)
    assert (stored["on"], stored["by"], stored["text"]) == (
        "prompt:summary",
        "Panel chair",
        "Why so short?\nPriority: high",
    )
    assert stored["at"].startswith("2025-02-27T14:30:00")

    other = "Where in the report,Comment / question,Panel member,Notes\nentry 3,When?,Ann,see log\n"
    (tmp_path / "q.csv").write_text(other, encoding="utf-8")
    assert imr("comments", "r.toml", "--import", "q.csv", "--yes").returncode == 0
    added = comments_of(review)[1]
    assert (added["on"], added["by"], added["text"]) == ("entry:e3", "Ann", "When?\nNotes: see log")


# ------------------------------------------------------------------ 2. imported again


def _delete_first_entry(path: Path, catalogue: Catalogue) -> None:
    """Delete the earliest entry (02/01/2025): entries 2 and 3 become 1 and 2."""
    review = load(path, catalogue)
    review.chronology = [e for e in review.chronology if e.id != "e1"]
    save(path, review, catalogue)


def test_a_sheet_imported_again_after_an_entry_was_deleted_adds_nothing(
    imr: Imr, review: Path, tmp_path: Path, catalogue: Catalogue
) -> None:
    sheet = "Place,Comment,By\nentry 2,Which GP?,Chair\nentry 3,Which officer?,Chair\n"
    (tmp_path / "p.csv").write_text(sheet, encoding="utf-8")
    assert imr("comments", "r.toml", "--import", "p.csv", "--yes").returncode == 0
    first = comments_of(review)
    assert [(c["on"], c["text"]) for c in first] == [
        ("entry:e2", "Which GP?"),
        ("entry:e3", "Which officer?"),
    ]
    _delete_first_entry(review, catalogue)
    before = review.read_bytes()
    again = imr("comments", "r.toml", "--import", "p.csv", "--yes")
    assert again.returncode == 0, again.stderr
    assert f"  row 2: the same as comment {first[0]['id']}" in again.stdout
    assert "Nothing new to import" in again.stdout
    assert review.read_bytes() == before


def test_a_place_with_a_date_that_no_longer_matches_is_refused_for_that_row(
    imr: Imr, review: Path, tmp_path: Path, catalogue: Catalogue
) -> None:
    sheet = (
        "Place,Comment,By\n"
        '"Chronology entry 2 (11/03/2025 14:30)",Which GP?,Chair\n'
        '"Chronology entry 2 (11/03/2025)",Seen by whom?,Chair\n'
        "summary,Short?,Chair\n"
    )
    (tmp_path / "p.csv").write_text(sheet, encoding="utf-8")
    _delete_first_entry(review, catalogue)
    result = imr("comments", "r.toml", "--import", "p.csv", "--yes", "--skip-unreadable")
    assert result.returncode == 0, result.stderr
    assert (
        "  row 2: 'Chronology entry 2 (11/03/2025 14:30)': entry 2 is now 20/04/2025, not "
        "11/03/2025 14:30; the entry of 11/03/2025 14:30 is now entry 1"
    ) in result.stdout
    assert "  row 3: 'Chronology entry 2 (11/03/2025)': entry 2 is now 20/04/2025" in result.stdout
    assert [c["on"] for c in comments_of(review)] == ["prompt:summary"]


# ------------------------------------------------------------------ 3. places as listed


def test_on_takes_a_place_as_imr_comments_lists_it(imr: Imr, review: Path) -> None:
    added = imr(
        "comment", "r.toml", "--on", "Chronology entry 2 (11/03/2025 14:30)", "--by", "A", "Who?"
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Comment ")
    assert "on Chronology entry 2 (11/03/2025 14:30)." in added.stdout
    dated = imr("comment", "r.toml", "--on", "entry 20/04/2025", "--by", "A", "Which officer?")
    assert dated.returncode == 0, dated.stderr
    assert [c["on"] for c in comments_of(review)] == ["entry:e2", "entry:e3"]
    before = review.read_bytes()
    refused(
        imr("comment", "r.toml", "--on", "Chronology entry 1 (11/03/2025)", "--by", "A", "x"),
        "imr: r.toml: 'Chronology entry 1 (11/03/2025)': entry 1 is now 02/01/2025, not "
        "11/03/2025; the entry of 11/03/2025 is now entry 2",
    )
    refused(
        imr("comment", "r.toml", "--on", "entry 05/05/2025", "--by", "A", "x"),
        "imr: r.toml: 'entry 05/05/2025': no chronology entry is of 05/05/2025",
    )
    assert review.read_bytes() == before


# ------------------------------------------------------------------ 4. final reports


def test_csv_and_chronology_exports_never_overwrite_a_final_report(
    imr: Imr, review: Path, tmp_path: Path
) -> None:
    sent_md, sent_docx = tmp_path / "done-final-v1.md", tmp_path / "done-final-v2.docx"
    sent_md.write_text("As sent to the panel\n", encoding="utf-8")
    sent_docx.write_bytes(b"PK as sent")
    assert imr("comment", "r.toml", "--on", "summary", "--by", "A", "Why?").returncode == 0
    refused(
        imr("comments", "r.toml", "--format", "csv", "-o", "done-final-v1.md"),
        "imr: done-final-v1.md: is a final report (by its name)",
    )
    refused(
        imr("chronology", "export", "r.toml", "-o", "done-final-v2.docx"),
        "imr: done-final-v2.docx: is a final report (by its name)",
    )
    refused(
        imr("chronology", "export", "r.toml", "-o", "r.toml"),
        "imr: r.toml: the export would overwrite the review itself",
    )
    assert sent_md.read_text(encoding="utf-8") == "As sent to the panel\n"
    assert sent_docx.read_bytes() == b"PK as sent"
    assert imr("chronology", "export", "r.toml", "-o", "c.csv").returncode == 0


# ------------------------------------------------------------------ 5. sections


def test_a_heading_comment_is_in_the_terms_of_reference_and_the_analysis(
    imr: Imr, review: Path
) -> None:
    assert imr("comment", "r.toml", "--on", "heading 1", "--by", "A", "Why?").returncode == 0
    assert imr("comment", "r.toml", "--on", "summary", "--by", "A", "Short?").returncode == 0
    for section in ("Terms of reference", "terms", "analysis"):
        found = imr("comments", "r.toml", "--section", section)
        assert "Terms of Reference heading 1" in found.stdout, section
        assert found.stdout.endswith("\n1 comment, 1 open.\n"), section
