"""What the anonymised exports say: ages on the right day, the command that lists a name
for a merge, an author shown once in a composite, and the check's closing line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import Imr

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Adult, ChronologyEntry, Pseudonym, Review, ReviewPeriod
from imr_tui.core.store import save


def _review(agency: str = "Northshire Community Health") -> Review:
    return Review(
        adults=[Adult(name="Arthur Pemberton", date_of_birth=date(1945, 1, 10))],
        review_period=ReviewPeriod(start=date(2024, 4, 1), end=date(2025, 3, 31)),
        pseudonyms=[Pseudonym(name="Arthur Pemberton", alias="Adult B")],
        answers={
            "agency": agency,
            "author_name": "Sam Okafor",
            "author_role": "Safeguarding Lead",
            "summary": "Arthur Pemberton was seen at home.",
        },
        chronology=[ChronologyEntry(date="2024-05-01", cells={"event": "Arthur Pemberton seen"})],
    )


def _write(folder: Path, review: Review, catalogue: Catalogue, name: str = "r.toml") -> Path:
    path = folder / name
    save(path, review, catalogue)
    return path


def test_the_export_says_ages_are_at_death_when_a_date_of_death_is_known(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review = _review()
    path = _write(tmp_path, review, catalogue)
    result = imr("export", path, "--anonymise", "-o", tmp_path / "a.md")
    assert result.returncode == 0, result.stderr
    assert "ages are given at the end of the review period." in result.stdout
    review.adults[0].date_of_death = date(2025, 1, 5)
    _write(tmp_path, review, catalogue)
    result = imr("export", path, "--anonymise", "-o", tmp_path / "b.md")
    assert result.returncode == 0, result.stderr
    assert "; ages are given at death." in result.stdout
    assert "aged 79 at death" in (tmp_path / "b.md").read_text(encoding="utf-8")
    result = imr("chronology", "export", path, "--anonymise", "-o", tmp_path / "c.csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Anonymised: 1 replacement."  # no ages in a CSV


def test_a_merge_names_the_command_for_the_review_that_mentions_a_name(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    a = _write(tmp_path, _review(), catalogue, "a.toml")
    other = _review("Northshire Police")
    other.chronology[0].cells["event"] = "PC Dan Reyes spoke to Mr Pemberton"
    b = _write(tmp_path, other, catalogue, "b.toml")
    result = imr("merge", a, b, "-o", tmp_path / "m.md", "--anonymise")
    assert result.returncode == 1
    # A name listed in any of the reviews is replaced in all: the command names the first
    # review that holds it, and says which others do.
    assert f"imr pseudonyms {a} add 'Pemberton' ALIAS (it is in {b} too)" in result.stderr
    assert "FILE" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("imr: nothing was written: ")
    assert not (tmp_path / "m.md").exists()


def test_a_composite_shows_an_author_who_became_their_role_once(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    a = _write(tmp_path, _review(), catalogue, "a.toml")
    b = _write(tmp_path, _review("Northshire Police"), catalogue, "b.toml")
    result = imr("merge", a, b, "-o", tmp_path / "m.md", "--anonymise")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "m.md").read_text(encoding="utf-8")
    assert "| Safeguarding Lead |" in text
    assert "Safeguarding Lead (Safeguarding Lead)" not in text and "Okafor" not in text


def test_the_check_says_suggestions_do_not_stop_an_export(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review = _review()
    review.answers["summary"] = "Arthur Pemberton, known as Artie Smalls to friends, was seen."
    path = _write(tmp_path, review, catalogue)
    result = imr("pseudonyms", path, "check")
    last = result.stdout.splitlines()[-1]
    assert "that may be a name" in last
    assert last.endswith("Words that may be a name do not stop an export: check each.")


def test_a_finding_that_is_not_a_name_says_how_to_keep_those_words(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review = _review()
    review.answers["summary"] = "She moved to Pemberton Court, a care home."
    path = _write(tmp_path, review, catalogue)
    result = imr("export", path, "--anonymise", "-o", tmp_path / "a.md")
    assert result.returncode == 1
    keep = f"keep those words as written with: imr pseudonyms {path} add 'Pemberton Court' "
    assert keep + "'Pemberton Court'" in result.stderr
    assert imr("pseudonyms", path, "add", "Pemberton Court", "Pemberton Court").returncode == 0
    result = imr("export", path, "--anonymise", "-o", tmp_path / "a.md")
    assert (result.returncode, result.stderr) == (0, "")
    assert "She moved to Pemberton Court, a care home." in (tmp_path / "a.md").read_text("utf-8")
    # Only the phrase is kept: the person is still found elsewhere.
    review = _review()
    review.answers["summary"] = "She moved to Pemberton Court. Mr Pemberton visited."
    review.pseudonyms.append(Pseudonym(name="Pemberton Court", alias="Pemberton Court"))
    _write(tmp_path, review, catalogue)
    result = imr("export", path, "--anonymise", "-o", tmp_path / "b.md")
    assert result.returncode == 1 and "Pemberton in Summary" in result.stderr


def test_the_words_to_keep_never_cross_the_end_of_a_sentence() -> None:
    from imr_tui.cli.export import keep_phrase
    from imr_tui.report.leftovers import Leftover

    def phrase(context: str, form: str) -> str:
        return keep_phrase(Leftover(form, "Summary", form=form, context=context))

    assert phrase("…mark on her sacrum was noted. Rose, a neighbour…", "Rose") == ""
    assert phrase("…she moved to Pemberton Court, a care home…", "Pemberton") == ("Pemberton Court")
    assert phrase("…admitted to Rose, the ward…", "Rose") == "to Rose"
