"""Anonymised exports fail closed: on a review written to leak (tests/leak_corpus.py), each
format is either clean in every byte or not written at all."""

from __future__ import annotations

import html
import io
import re
import stat
import zipfile
from datetime import date
from pathlib import Path

import pytest
from leak_corpus import found_forbidden, leak_review

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Adult, ChronologyEntry, Pseudonym, Review, ReviewPeriod
from imr_tui.core.store import save
from imr_tui.report.output_text import markdown_text, png_text

REVIEW = "dorothy-hollins.toml"
NAMED = "northshire-community-health-nhs-trust-adult-a-anonymised"


def write(folder: Path, review: Review, catalogue: Catalogue, name: str = REVIEW) -> Path:
    path = folder / name
    save(path, review, catalogue)
    path.with_name(path.name + ".bak").unlink(missing_ok=True)
    return path


def readable(path: Path) -> str:
    """Everything a reader of the file could see: every part of a .docx, decoded."""
    data = path.read_bytes()
    if path.suffix != ".docx":
        return markdown_text(data.decode("utf-8"))
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            raw = package.read(name).decode("utf-8", errors="replace")
            out += [html.unescape(re.sub(r"<[^>]*>", "", raw)), html.unescape(raw)]
    return "\n".join(out)


def clean_review() -> Review:
    return Review(
        adults=[Adult(name="Dorothy Hollins", date_of_birth=date(1945, 6, 2))],
        review_period=ReviewPeriod(end=date(2024, 12, 31)),
        pseudonyms=[
            Pseudonym(name="Dorothy Hollins", alias="Adult A"),
            Pseudonym(name="Mrs Hollins", alias="Adult A"),
        ],
        answers={"agency": "Northshire Community Health NHS Trust", "summary": "Mrs Hollins"},
        chronology=[ChronologyEntry(date="2024-03-11", cells={"event": "Dorothy Hollins seen"})],
    )


def leaky_listing() -> Review:
    """A review whose list misses a name: ``Paul Hollins`` is nobody's row."""
    review = clean_review()
    review.answers["summary"] = "Mrs Hollins was visited. Her son Paul Hollins rang."
    review.chronology[0].cells["event"] = "Dorothy Hollins seen; Paul Hollins rang"
    return review


@pytest.mark.parametrize(
    ("args", "suffix"),
    [((), "md"), (("--format", "docx"), "docx")],
)
def test_the_leaky_review_is_clean_in_every_byte(
    imr, tmp_path: Path, catalogue: Catalogue, args: tuple[str, ...], suffix: str
) -> None:
    path = write(tmp_path, leak_review(), catalogue)
    before = path.read_bytes()
    result = imr("export", path, "--anonymise", *args)
    target = tmp_path / f"{NAMED}.{suffix}"
    assert (result.returncode, result.stderr) == (0, "")
    assert found_forbidden(readable(target)) == []
    assert "Adult A" in readable(target) and "[e-mail removed]" in readable(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert path.read_bytes() == before


def test_the_leaky_chronology_csv_is_clean(imr, tmp_path: Path, catalogue: Catalogue) -> None:
    path = write(tmp_path, leak_review(), catalogue)
    result = imr("chronology", "export", path, "--anonymise", "-o", tmp_path / "c.csv")
    assert (result.returncode, result.stderr) == (0, "")
    text = (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert found_forbidden(text) == [] and "Staff Nurse 1" in text


def test_merge_of_two_leaky_reviews_is_clean(imr, tmp_path: Path, catalogue: Catalogue) -> None:
    a = write(tmp_path, leak_review(), catalogue, "a.toml")
    other = leak_review("Northshire Police")
    other.pseudonyms = []  # listed by the first agency only: replaced in both
    b = write(tmp_path, other, catalogue, "b.toml")
    result = imr("merge", a, b, "-o", tmp_path / "m.md", "--csv", tmp_path / "m.csv", "--anonymise")
    assert (result.returncode, result.stderr) == (0, "")
    for out in ("m.md", "m.csv"):
        text = markdown_text((tmp_path / out).read_text("utf-8"))
        assert found_forbidden(text) == [] and "Northshire Police" in text


@pytest.mark.parametrize(
    "command",
    [
        ("export", "{path}", "--anonymise", "-o", "{out}.md"),
        ("export", "{path}", "--anonymise", "--format", "docx", "-o", "{out}.docx"),
        ("chronology", "export", "{path}", "--anonymise", "-o", "{out}.csv"),
        ("merge", "{path}", "{path2}", "-o", "{out}.md", "--csv", "{out}.csv", "--anonymise"),
    ],
)
def test_a_leftover_writes_nothing_and_leaves_an_old_file_alone(
    imr, tmp_path: Path, catalogue: Catalogue, command: tuple[str, ...]
) -> None:
    path = write(tmp_path, leaky_listing(), catalogue)
    path2 = write(tmp_path, clean_review(), catalogue, "other.toml")
    out = tmp_path / "old"
    for suffix in (".md", ".docx", ".csv"):
        out.with_suffix(suffix).write_text("kept", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    args = [a.format(path=path, path2=path2, out=out) for a in command]
    result = imr(*args)
    assert (result.returncode, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert any("Hollins" in line and "imr pseudonyms" in line for line in lines), lines
    assert lines[-1].startswith("imr: nothing was written: ")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_allow_remaining_writes_and_says_so_on_the_first_line(
    imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = write(tmp_path, leaky_listing(), catalogue)
    result = imr("export", path, "--anonymise", "--allow-remaining")
    target = tmp_path / f"{NAMED}.md"
    assert result.returncode == 1
    first = target.read_text("utf-8").splitlines()[0]
    assert (
        first
        == "NOT FULLY ANONYMISED: 2 things that may identify someone are still in this document"
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    docx = imr("export", path, "--anonymise", "--allow-remaining", "--format", "docx")
    assert docx.returncode == 1
    import docx as python_docx

    document = python_docx.Document(str(tmp_path / f"{NAMED}.docx"))
    assert document.paragraphs[0].text.startswith("NOT FULLY ANONYMISED: ")
    csv = imr("chronology", "export", path, "--anonymise", "--allow-remaining")
    assert csv.returncode == 1
    text = (tmp_path / f"{NAMED}.csv").read_text("utf-8-sig")
    assert text.startswith("NOT FULLY ANONYMISED: ")


def test_a_clean_review_is_written_under_the_agency_and_pseudonym(
    imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = write(tmp_path, clean_review(), catalogue)
    result = imr("export", path, "--anonymise")
    target = tmp_path / f"{NAMED}.md"
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"Exported to {target}"
    assert "ages are given at the end of the review period" in result.stdout
    assert "dorothy" not in target.name and "hollins" not in target.name
    assert found_forbidden(target.read_text("utf-8")) == []


def test_the_name_never_holds_the_review_file_name(
    imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review = clean_review()
    path = write(tmp_path, review, catalogue, "northshire.toml")
    assert imr("export", path, "--anonymise").returncode == 0
    assert [p.name for p in tmp_path.glob("*.md")] == ["adult-a-anonymised.md"]
    review.pseudonyms = [Pseudonym(name="Dorothy Hollins", alias="Northshire A")]
    review.answers["summary"] = ""
    path = write(tmp_path, review, catalogue, "northshire.toml")
    result = imr("export", path, "--anonymise")
    assert result.returncode == 2 and "-o OUT.md" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (Review(answers={"summary": "x"}), "no names are listed to replace"),
        (Review(pseudonyms=[Pseudonym(name="Amy")]), "has no alias"),
    ],
)
def test_errors_are_one_line_and_nothing_is_written(
    imr, tmp_path: Path, catalogue: Catalogue, review: Review, expected: str
) -> None:
    path = write(tmp_path, review, catalogue)
    before = path.read_bytes()
    result = imr("export", path, "--anonymise", "-o", tmp_path / "x.md")
    assert (result.returncode, result.stdout) == (2, "")
    assert expected in result.stderr and result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [REVIEW]
    assert path.read_bytes() == before


def test_word_properties_name_nobody(imr, tmp_path: Path, catalogue: Catalogue) -> None:
    path = write(tmp_path, clean_review(), catalogue)
    assert imr("export", path, "--anonymise", "--format", "docx").returncode == 0
    data = (tmp_path / f"{NAMED}.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        # No thumbnail of the template; the only other part is the timeline picture,
        # which holds no words as text (only its pixels).
        other = [n for n in package.namelist() if not n.endswith((".xml", ".rels"))]
        assert [n.startswith("word/media/") and n.endswith(".png") for n in other] == [True]
        assert png_text(package.read(other[0])) == ""
        app = package.read("docProps/app.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "<Application>imr-tui</Application>" in app and "Macintosh" not in app
    assert "<dc:creator></dc:creator>" in core and "python-docx" not in core
    assert f"<dc:title>{catalogue.title}</dc:title>" in core
    assert "dorothy" not in (app + core).casefold()
