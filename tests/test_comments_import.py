"""``imr comments FILE --import panel.csv``: a panel's spreadsheet of comments read without
dropping a cell, previewed, asked about, and never imported twice; checked on the output
and on the review file on disk."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from comment_helpers import NAME_300, comments_of, refused, sample_review
from comment_helpers import review as review  # the fixture

from imr_tui.cli.comments_import import cmd_import
from imr_tui.cli.parser import build_parser
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_import import comments_table, preview
from imr_tui.core.errors import UserError
from imr_tui.core.store import save

if TYPE_CHECKING:
    from conftest import Imr

PANEL = (
    "Where,Comment,From,Priority,\n"
    "summary,Why so short?,Panel chair,high,\n"
    ",,,,\n"
    '"entry 2, source","Which GP?\nAnd when?",Trainer,,see notes\n'
)


def test_import_keeps_every_cell_then_adds_nothing_the_second_time(
    imr: Imr, review: Path, tmp_path: Path
) -> None:
    (tmp_path / "panel.csv").write_text(PANEL, encoding="utf-8")
    first = imr("comments", "r.toml", "--import", "panel.csv", "--yes")
    assert first.returncode == 0, first.stderr
    assert "'Priority' (column D): added to the comment's text, labelled" in first.stdout
    assert "  row 2: Summary of involvement, by Panel chair: Why so short? Priority: high" in (
        first.stdout
    )
    assert first.stdout.endswith("Imported 2 comments into r.toml.\n")
    stored = comments_of(review)
    assert [(c["on"], c.get("field"), c["by"], c["text"]) for c in stored] == [
        ("prompt:summary", None, "Panel chair", "Why so short?\nPriority: high"),
        ("entry:e2", "source", "Trainer", "Which GP?\nAnd when?\nColumn E: see notes"),
    ]
    before = review.read_bytes()
    again = imr("comments", "r.toml", "--import", "panel.csv", "--yes")
    assert again.returncode == 0
    assert f"  row 2: the same as comment {stored[0]['id']}" in again.stdout
    assert again.stdout.endswith("Nothing new to import: every row is already in r.toml.\n")
    assert review.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        (
            "bom.csv",
            b"\xef\xbb\xbfPlace,Text,By\nsummary,Caf\xc3\xa9 visit?,Jos\xc3\xa9\n",
            "UTF-8",
        ),
        ("tab.tsv", "Place\tText\tBy\nsummary\tCafé visit?\tJosé\n".encode(), "UTF-8"),
        ("old.csv", "Place;Text;By\nsummary;Café visit?;José\n".encode("cp1252"), "Windows-1252"),
        ("u16.csv", "Place,Text,By\nsummary,Café visit?,José\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_encodings_and_separators(
    imr: Imr, review: Path, tmp_path: Path, name: str, data: bytes, encoding: str
) -> None:
    (tmp_path / name).write_bytes(data)
    result = imr("comments", "r.toml", "--import", name, "--yes")
    assert result.returncode == 0, result.stderr
    assert f"Read {name} ({encoding}, " in result.stdout
    [stored] = comments_of(review)
    assert (stored["text"], stored["by"]) == ("Café visit?", "José")


def test_hostile_cells_are_kept_and_shown_literally(imr: Imr, review: Path, tmp_path: Path) -> None:
    hostile = "[@click=app.quit]Quit[/] \x1b[2J\x07 [bold]x[/bold]"
    rows = f'Place,Comment,By\nsummary,"{hostile}",{NAME_300}\n'
    (tmp_path / "p.csv").write_text(rows, encoding="utf-8")
    result = imr("comments", "r.toml", "--import", "p.csv", "--yes")
    assert result.returncode == 0, result.stderr
    [stored] = comments_of(review)
    assert (stored["text"], stored["by"]) == (hostile, NAME_300)
    listed = imr("comments", "r.toml")
    assert "[@click=app.quit]Quit[/] \u241b[2J\u2407 [bold]x[/bold]" in listed.stdout
    for out in (result.stdout, listed.stdout):
        assert "\x1b" not in out and "\x07" not in out


def test_an_unreadable_row_stops_the_import_unless_skipped(
    imr: Imr, review: Path, tmp_path: Path
) -> None:
    rows = "Place,Comment,By\nsummary,Why?,Chair\nentry 9,Lost?,Chair\nheading 1,,Chair\n"
    (tmp_path / "p.csv").write_text(rows, encoding="utf-8")
    before = review.read_bytes()
    result = imr("comments", "r.toml", "--import", "p.csv", "--yes")
    refused(
        result,
        "imr: p.csv: nothing imported: 2 rows cannot be read (row 3: 'entry 9': the review "
        "has 2 chronology entries, so there is no 9; row 4: it has no comment text)",
    )
    assert "  row 3: 'entry 9': the review has 2 chronology entries" in result.stdout
    assert review.read_bytes() == before
    skipped = imr("comments", "r.toml", "--import", "p.csv", "--yes", "--skip-unreadable")
    assert skipped.returncode == 0
    assert [c["text"] for c in comments_of(review)] == ["Why?"]


@pytest.mark.parametrize(
    ("rows", "start"),
    [
        ('Place,Comment,By\nsummary,"never closed,Chair\n', "imr: p.csv: row 2: a quoted cell"),
        ("Where,By\nsummary,Chair\n", "imr: p.csv: no column holds the comments' text"),
        ("Comment,By\nWhy?,Chair\n", "imr: p.csv: no column holds where each comment is"),
        ("Place,Comment\nsummary,Why?\n", "imr: p.csv: no column says who wrote each comment"),
        ("", "imr: p.csv: the file is empty"),
        ("PK\x03\x04 a workbook", "imr: p.csv: is a spreadsheet workbook, not a CSV file"),
    ],
)
def test_a_bad_spreadsheet_is_one_line_and_the_review_is_untouched(
    imr: Imr, review: Path, tmp_path: Path, rows: str, start: str
) -> None:
    (tmp_path / "p.csv").write_text(rows, encoding="utf-8")
    before = review.read_bytes()
    refused(imr("comments", "r.toml", "--import", "p.csv", "--yes"), start)
    assert review.read_bytes() == before


def test_a_missing_spreadsheet_or_a_listing_option_is_one_line(imr: Imr, review: Path) -> None:
    before = review.read_bytes()
    refused(imr("comments", "r.toml", "--import", "gone.csv", "--yes"), "imr: gone.csv: no such")
    refused(
        imr("comments", "r.toml", "--import", "gone.csv", "--open"),
        "imr: gone.csv: --open is for listing, not with --import",
    )
    assert review.read_bytes() == before


def test_by_names_rows_without_a_name(imr: Imr, review: Path, tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text("Place,Comment\nsummary,Why?\n", encoding="utf-8")
    result = imr("comments", "r.toml", "--import", "p.csv", "--by", "Panel chair", "--yes")
    assert result.returncode == 0, result.stderr
    assert "each is by Panel chair, as --by says" in result.stdout
    assert [c["by"] for c in comments_of(review)] == ["Panel chair"]


def test_field_and_date_columns(
    imr: Imr, review: Path, tmp_path: Path, fixed_clock: datetime
) -> None:
    rows = (
        "Place,Field,Question,Author,Date\n"
        "recommendation 1,Lead,Who leads?,Chair,11/03/2025 14:30\n"
        "entry 1,colour,Which colour?,Chair,\n"
        "summary,,Short?,Chair,someday\n"
    )
    (tmp_path / "p.csv").write_text(rows, encoding="utf-8")
    result = imr("comments", "r.toml", "--import", "p.csv", "--yes", "--skip-unreadable")
    assert result.returncode == 0, result.stderr
    assert "  row 3: 'colour' is not a field of an entry" in result.stdout
    assert "  row 4: the date " in result.stdout
    [stored] = comments_of(review)
    assert (stored["on"], stored["field"], stored["text"]) == (
        "recommendation:r1",
        "lead",
        "Who leads?",
    )
    assert stored["at"].startswith("2025-03-11T14:30:00")


def test_title_rows_above_the_headings_are_said(imr: Imr, review: Path, tmp_path: Path) -> None:
    rows = "Panel questions for the IMR,,\nPlace,Comment,By\nsummary,Why?,Chair\n"
    (tmp_path / "p.csv").write_text(rows, encoding="utf-8")
    result = imr("comments", "r.toml", "--import", "p.csv", "--yes")
    assert result.returncode == 0, result.stderr
    assert "The headings are on row 2; row 1 above them is a title, not imported." in result.stdout
    assert [c["text"] for c in comments_of(review)] == ["Why?"]


def test_the_listing_csv_imports_into_another_copy(
    imr: Imr, review: Path, tmp_path: Path, catalogue: Catalogue
) -> None:
    for place in ("entry 2 source", "heading 1", "recommendation 1"):
        assert (
            imr("comment", "r.toml", "--on", place, "--by", "Chair", f"On {place}").returncode == 0
        )
    assert imr("comments", "r.toml", "--format", "csv", "-o", "c.csv").returncode == 0
    again = imr("comments", "r.toml", "--import", "c.csv", "--yes")
    assert again.stdout.endswith("Nothing new to import: every row is already in r.toml.\n")
    save(tmp_path / "other.toml", sample_review(), catalogue)
    copied = imr("comments", "other.toml", "--import", "c.csv", "--yes")
    assert copied.returncode == 0, copied.stderr
    mine = [(c["on"], c.get("field"), c["by"]) for c in comments_of(review)]
    theirs = [(c["on"], c.get("field"), c["by"]) for c in comments_of(tmp_path / "other.toml")]
    assert theirs == mine
    assert comments_of(tmp_path / "other.toml")[0]["text"].startswith(
        "On entry 2 source\nstate: open"
    )


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["comments", *argv])


def test_without_yes_it_asks_and_no_changes_nothing(
    review: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.csv").write_text("Place,Comment,By\nsummary,Why?,Chair\n", encoding="utf-8")
    asked: list[str] = []
    before = review.read_bytes()

    def say(answer: str) -> object:
        def ask(question: str) -> str:
            asked.append(question)
            return answer

        return ask

    code = cmd_import(_args("r.toml", "--import", "p.csv"), say("n"), interactive=True)  # type: ignore[arg-type]
    assert (code, asked) == (1, ["Import 1 comment into r.toml? [y/N] "])
    assert capsys.readouterr().out.endswith("Nothing imported.\n")
    assert review.read_bytes() == before
    with pytest.raises(UserError, match="no terminal to confirm on"):
        cmd_import(_args("r.toml", "--import", "p.csv"), say("y"), interactive=False)  # type: ignore[arg-type]
    assert review.read_bytes() == before
    code = cmd_import(_args("r.toml", "--import", "p.csv"), say("y"), interactive=True)  # type: ignore[arg-type]
    assert code == 0 and [c["text"] for c in comments_of(review)] == ["Why?"]


def test_the_core_preview_changes_nothing(catalogue: Catalogue) -> None:
    review = sample_review()
    table = comments_table("Place,Comment,By,Extra\nsummary,Why?,Chair,x\n", "p.csv")
    found = preview(table, review, catalogue)
    assert [c.text for c in found.comments] == ["Why?\nExtra: x"]
    assert found.rows == [2] and review.comments == []
