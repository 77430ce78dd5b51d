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
from imr_tui.report.anonymised_export import markdown_text

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
        adults=[Adult(name="Dorothy Hollins")],
        review_period=ReviewPeriod(end=date(2024, 12, 31)),
        pseudonyms=[
            Pseudonym(name="Dorothy Hollins", alias="Adult A"),
            Pseudonym(name="Mrs Hollins", alias="Adult A"),
        ],
        answers={"agency": "Northshire Community Health NHS Trust", "summary": "Mrs Hollins"},
        chronology=[ChronologyEntry(date="2024-03-11", cells={"event": "Dorothy Hollins seen"})],
    )


@pytest.mark.parametrize(
    ("args", "suffix"),
    [((), "md"), (("--format", "docx"), "docx")],
)
def test_the_leaky_review_is_clean_or_not_written(
    imr, tmp_path: Path, catalogue: Catalogue, args: tuple[str, ...], suffix: str
) -> None:
    path = write(tmp_path, leak_review(), catalogue)
    before = path.read_bytes()
    result = imr("export", path, "--anonymise", *args)
    target = tmp_path / f"{NAMED}.{suffix}"
    assert result.returncode in (0, 1)
    if result.returncode == 0:
        assert found_forbidden(readable(target)) == []
    else:
        assert sorted(p.name for p in tmp_path.iterdir()) == [REVIEW]
        lines = result.stderr.splitlines()
        assert lines[-1].startswith("imr: nothing was written: ")
        assert all(line.startswith("still found: ") for line in lines[:-1])
        assert result.stdout == ""
    assert path.read_bytes() == before


def test_the_leaky_chronology_csv_is_clean_or_not_written(
    imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = write(tmp_path, leak_review(), catalogue)
    old = tmp_path / "old.csv"
    old.write_text("kept", encoding="utf-8")
    result = imr("chronology", "export", path, "--anonymise", "-o", old)
    if result.returncode == 0:
        assert found_forbidden(old.read_text(encoding="utf-8")) == []
    else:
        assert result.returncode == 1
        assert old.read_text(encoding="utf-8") == "kept"  # an old file there is left alone
        assert sorted(p.name for p in tmp_path.iterdir()) == [REVIEW, "old.csv"]


def test_merge_of_two_leaky_reviews_writes_both_or_neither(
    imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    a = write(tmp_path, leak_review(), catalogue, "a.toml")
    b = write(tmp_path, leak_review("Northshire Police"), catalogue, "b.toml")
    result = imr("merge", a, b, "-o", tmp_path / "m.md", "--csv", tmp_path / "m.csv", "--anonymise")
    if result.returncode == 0:
        for out in ("m.md", "m.csv"):
            assert found_forbidden(markdown_text((tmp_path / out).read_text("utf-8"))) == []
    else:
        assert result.returncode == 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "b.toml"]


def test_allow_remaining_writes_and_says_so_on_the_first_line(
    imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = write(tmp_path, leak_review(), catalogue)
    result = imr("export", path, "--anonymise", "--allow-remaining")
    target = tmp_path / f"{NAMED}.md"
    if result.returncode == 0:  # the engine replaced everything: nothing to say
        assert not target.read_text("utf-8").startswith("NOT FULLY")
        return
    assert result.returncode == 1
    first = target.read_text("utf-8").splitlines()[0]
    assert re.fullmatch(
        r"NOT FULLY ANONYMISED: \d+ things? that may identify someone (is|are) still in this "
        r"document",
        first,
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
        assert not [n for n in package.namelist() if not n.endswith((".xml", ".rels"))]
        app = package.read("docProps/app.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "<Application>imr-tui</Application>" in app and "Macintosh" not in app
    assert "<dc:creator></dc:creator>" in core and "python-docx" not in core
    assert f"<dc:title>{catalogue.title}</dc:title>" in core
    assert "dorothy" not in (app + core).casefold()
