"""``imr comment`` and ``imr comments``: adding, answering and listing the panel's comments
from the command line, checked on the output and on the review file on disk."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import comment_helpers as helpers
import pytest
from comment_helpers import NAME_300, comments_of, sample_review
from comment_helpers import review as review  # the fixture
from test_lock import hold

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import (
    Comment,
)
from imr_tui.core.store import save

if TYPE_CHECKING:
    from conftest import Imr, Result

HOSTILE = "See [@click=app.quit]here[/] \x1b[31mred\x07 and [bold]this[/bold]"


def refused(result: Result, start: str) -> None:
    """One line on standard error, exit status 2, nothing on standard output."""
    helpers.refused(result, start, quiet=True)


def test_add_list_reply_resolve_reopen(imr: Imr, review: Path, fixed_clock: datetime) -> None:
    added = imr("comment", "r.toml", "--on", "entry 2 source", "--by", "Panel chair", "Which GP?")
    assert added.returncode == 0, added.stderr
    [stored] = comments_of(review)
    assert (stored["on"], stored["field"], stored["by"], stored["text"], stored["state"]) == (
        "entry:e2",
        "source",
        "Panel chair",
        "Which GP?",
        "open",
    )
    ident = stored["id"]
    assert added.stdout == (
        f"Comment {ident} added on Chronology entry 2 (11/03/2025), Source of information.\n"
    )

    replied = imr("comment", "r.toml", "--reply", ident[:4], "--by", "Ann Author", "Dr Lee.")
    assert replied.returncode == 0, replied.stderr
    assert replied.stdout.startswith(f"Reply added to comment {ident} on Chronology entry 2")
    [stored] = comments_of(review)
    assert [(r["by"], r["text"]) for r in stored["replies"]] == [("Ann Author", "Dr Lee.")]

    resolved = imr("comment", "r.toml", "--resolve", ident, "--by", "Panel chair")
    assert resolved.returncode == 0, resolved.stderr
    assert "resolved by Panel chair." in resolved.stdout
    [stored] = comments_of(review)
    assert (stored["state"], stored["resolved_by"]) == ("resolved", "Panel chair")

    listed = imr("comments", "r.toml")
    assert listed.returncode == 0
    assert listed.stdout == (
        f"Comment {ident} (resolved) on Chronology entry 2 (11/03/2025), Source of information\n"
        "  by Panel chair, 01/06/2026 14:02\n"
        "    Which GP?\n"
        "  reply by Ann Author, 01/06/2026 14:02\n"
        "    Dr Lee.\n"
        "  resolved by Panel chair, 01/06/2026 14:02\n"
        "\n"
        "1 comment, 0 open.\n"
    )
    assert imr("comments", "r.toml", "--open").stdout == "No comments in r.toml match.\n"

    reopened = imr("comment", "r.toml", "--reopen", ident)
    assert reopened.returncode == 0, reopened.stderr
    assert reopened.stdout.endswith("is open again.\n")
    [stored] = comments_of(review)
    assert stored["state"] == "open" and "resolved_by" not in stored
    assert "1 comment, 1 open." in imr("comments", "r.toml", "--open").stdout


ENTRY_SOURCE = ("entry:e2", "source", "Chronology entry 2 (11/03/2025), Source of information")


@pytest.mark.parametrize(
    ("place", "on", "field", "words"),
    [
        ("summary", "prompt:summary", None, "Summary of involvement"),
        ("Summary of involvement", "prompt:summary", None, "Summary of involvement"),
        ("entry 1", "entry:e1", None, "Chronology entry 1 (02/01/2025)"),
        ("entry 2 source", *ENTRY_SOURCE),
        ("chronology 2, Source of information", *ENTRY_SOURCE),
        ("entry:e2:source", *ENTRY_SOURCE),
        ("recommendation 1 lead", "recommendation:r1", "lead", "Recommendation 1, Lead"),
        (
            "heading 1",
            "heading:h1",
            None,
            "Terms of Reference heading 1 (\u201cWas risk assessed?\u201d)",
        ),
        (
            "was risk assessed?",
            "heading:h1",
            None,
            "Terms of Reference heading 1 (\u201cWas risk assessed?\u201d)",
        ),
    ],
)
def test_every_place_form(
    imr: Imr, review: Path, place: str, on: str, field: str | None, words: str
) -> None:
    result = imr("comment", "r.toml", "--on", place, "--by", "Panel chair", "Why?")
    assert result.returncode == 0, result.stderr
    [stored] = comments_of(review)
    assert (stored["on"], stored.get("field")) == (on, field)
    assert result.stdout == f"Comment {stored['id']} added on {words}.\n"


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (
            ("--on", "nowhere at all"),
            "imr: r.toml: 'nowhere at all' is not a place in this review: give a prompt",
        ),
        (
            ("--on", "entry 9"),
            "imr: r.toml: 'entry 9': the review has 2 chronology entries, so there is no 9",
        ),
        (
            ("--on", "entry 1 colour"),
            "imr: r.toml: 'entry 1 colour': 'colour' is not a field of an entry",
        ),
        (("--reply", "zzzz"), "imr: r.toml: no comment has the id 'zzzz'"),
    ],
)
def test_a_bad_place_or_id_is_one_line_and_the_file_is_untouched(
    imr: Imr, review: Path, args: tuple[str, ...], start: str
) -> None:
    before = review.read_bytes()
    refused(imr("comment", "r.toml", *args, "--by", "Panel chair", "Why?"), start)
    assert review.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (("--by", "Panel chair", "   "), "imr: r.toml: the text is empty"),
        (("--by", "Panel chair"), "imr: r.toml: the text is empty"),
        (("--by", "  ", "Why?"), "imr: r.toml: say who writes it with --by NAME"),
        (("Why?",), "imr: r.toml: say who writes it with --by NAME"),
    ],
)
def test_empty_text_or_name_is_refused(
    imr: Imr, review: Path, args: tuple[str, ...], start: str
) -> None:
    before = review.read_bytes()
    refused(imr("comment", "r.toml", "--on", "summary", *args), start)
    assert review.read_bytes() == before


def test_a_missing_review_is_one_line(imr: Imr, tmp_path: Path) -> None:
    refused(imr("comment", "gone.toml", "--on", "summary", "--by", "P", "Why?"), "imr: gone.toml")
    refused(imr("comments", "gone.toml"), "imr: gone.toml")
    assert not (tmp_path / "gone.toml").exists()


def test_a_review_open_elsewhere_is_refused(imr: Imr, review: Path) -> None:
    before = review.read_bytes()
    holder = hold(review)
    try:
        result = imr("comment", "r.toml", "--on", "summary", "--by", "Panel chair", "Why?")
    finally:
        holder.kill()
        holder.wait()
    refused(result, "imr: r.toml: is open in another session")
    assert review.read_bytes() == before


def test_text_from_standard_input_keeps_its_lines(imr: Imr, review: Path) -> None:
    text = "First question.\n\n  Second, indented.\n"
    result = imr("comment", "r.toml", "--on", "summary", "--by", "Panel chair", "-", input=text)
    assert result.returncode == 0, result.stderr
    [stored] = comments_of(review)
    assert stored["text"] == "First question.\n\n  Second, indented."
    assert "    First question.\n\n      Second, indented.\n" in imr("comments", "r.toml").stdout


def test_hostile_text_and_a_long_name_are_kept_and_listed_literally(imr: Imr, review: Path) -> None:
    result = imr("comment", "r.toml", "--on", "summary", "--by", NAME_300, HOSTILE)
    assert result.returncode == 0, result.stderr
    [stored] = comments_of(review)
    assert (stored["by"], stored["text"]) == (NAME_300, HOSTILE)
    listed = imr("comments", "r.toml")
    assert f"  by {NAME_300}, " in listed.stdout
    assert "See [@click=app.quit]here[/] \u241b[31mred\u2407 and [bold]this[/bold]" in listed.stdout
    for out in (listed.stdout, imr("comments", "r.toml", "--format", "csv").stdout):
        assert "\x1b" not in out and "\x07" not in out


def test_filters_by_name_and_section(imr: Imr, review: Path, catalogue: Catalogue) -> None:
    for place, by in (("summary", "Panel Chair"), ("entry 1", "Trainer"), ("heading 1", "Chair")):
        assert imr("comment", "r.toml", "--on", place, "--by", by, "Why?").returncode == 0
    by_name = imr("comments", "r.toml", "--by", "chair")
    assert by_name.stdout.count("\nComment ") + by_name.stdout.startswith("Comment ") == 2
    assert by_name.stdout.endswith("2 comments, 2 open.\n")
    for section in ("chronology", "CHRONOLOGY"):
        found = imr("comments", "r.toml", "--section", section)
        assert "Chronology entry 1 (02/01/2025)" in found.stdout
        assert found.stdout.endswith("\n1 comment, 1 open.\n")
    analysis = imr("comments", "r.toml", "--section", "Analysis").stdout
    assert "Terms of Reference heading 1" in analysis and "Summary" not in analysis
    nothing = imr("comments", "r.toml", "--by", "nobody")
    assert (nothing.returncode, nothing.stdout) == (0, "No comments in r.toml match.\n")
    refused(imr("comments", "r.toml", "--section", "nope"), "imr: r.toml: --section 'nope'")


def test_no_comments_at_all(imr: Imr, review: Path) -> None:
    result = imr("comments", "r.toml")
    assert (result.returncode, result.stdout) == (0, "No comments in r.toml.\n")


def test_a_detached_comment_is_listed_as_detached(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review = sample_review()
    review.comments = [Comment(on="entry:gone", field="source", by="Panel chair", text="Old")]
    save(tmp_path / "r.toml", review, catalogue)
    listed = imr("comments", "r.toml").stdout
    assert "(open) on (detached: Chronology entry (deleted), Source of information)" in listed


def test_csv_for_a_spreadsheet(imr: Imr, review: Path, tmp_path: Path) -> None:
    assert (
        imr("comment", "r.toml", "--on", "entry 2 source", "--by", "Chair", "=1+1").returncode == 0
    )
    [stored] = comments_of(review)
    assert (
        imr("comment", "r.toml", "--reply", stored["id"], "--by", "Ann", "Two\nlines").returncode
        == 0
    )
    out = imr("comments", "r.toml", "--format", "csv")
    assert out.returncode == 0
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0] == [
        "place",
        "field",
        "text",
        "by",
        "at",
        "state",
        "resolved_by",
        "id",
        "replies",
    ]
    place, field, text, by, _, state, resolved_by, ident, replies = rows[1]
    assert (place, field, text, by, state, resolved_by, ident) == (
        "Chronology entry 2 (11/03/2025)",
        "Source of information",
        "'=1+1",  # a spreadsheet never runs it as a formula
        "Chair",
        "open",
        "",
        stored["id"],
    )
    assert replies.startswith("Ann (") and replies.endswith("): Two\nlines")
    written = imr("comments", "r.toml", "--format", "csv", "-o", "c.csv")
    assert written.stdout == "Wrote 1 comment to c.csv.\n"
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbfplace,field")


def test_the_help_says_the_places_the_core_reads() -> None:
    from imr_tui.cli.comments import PLACE_HELP
    from imr_tui.core.comment_places import PLACE_FORMS

    assert PLACE_HELP == PLACE_FORMS
