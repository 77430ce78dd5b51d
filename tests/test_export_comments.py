"""Comments never leak into an export: not in a draft or final report (Markdown or Word)
unless ``imr export --with-comments`` asks for them, never in an anonymised export (the
two options together are refused), never in a panel's combined report or a chronology
CSV. With ``--with-comments`` each comment comes after what it is about, saying where,
who, when and its state, with its replies; a comment whose place was deleted comes last.

Every search is of the bytes of every file written (a Word file: every part of the zip,
decompressed), for words that are nowhere else in the review; and each test also finds
something that is there, so a search that finds nothing cannot pass by accident.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import Imr
from test_final_export import completed

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment, Reply
from imr_tui.core.model import Adult, ChronologyEntry, Pseudonym, Review, ReviewPeriod
from imr_tui.core.store import create
from imr_tui.report import blocks as b
from imr_tui.report.anonymise import anonymise
from imr_tui.report.anonymised_report import search_sections
from imr_tui.report.export_files import edition_for, export_files
from imr_tui.report.leftovers import leftovers
from imr_tui.report.markdown import render_markdown
from imr_tui.report.walker import walk

AT = datetime(2026, 5, 20, 9, 30, tzinfo=timezone(timedelta(hours=1)))
MARKERS = {
    "prompt": "Quorvelline",
    "prompt reply": "Brastovick",
    "entry": "Zemptorial",
    "entry reply": "Glindavure",
    "recommendation": "Mortifazzle",
    "heading": "Skrellibond",
    "details": "Prunquastic",
    "detached": "Vexolantern",
    "detached reply": "Thrombulax",
    "resolver": "Wibbleton",
}
"""One made-up word per comment or reply, found nowhere else in the review."""


def with_comments(review: Review) -> Review:
    """``review`` with a comment (and replies) on every kind of place, and a detached one."""
    entries = review.sorted_chronology()
    m = MARKERS
    review.comments = [
        Comment(
            on="prompt:summary",
            by="Panel chair",
            at=AT,
            text=f"Say when the GP knew. {m['prompt']} [bold]x[/bold] *y* | z",
            replies=[Reply(by="Jo Author", at=AT, text=f"Added. {m['prompt reply']}")],
        ),
        Comment(
            on=f"entry:{entries[2].id}",
            field="source",
            by="Panel member",
            at=AT,
            text=f"Which record? {m['entry']}",
            state="resolved",
            resolved_by=f"Chair {m['resolver']}",
            resolved_at=AT,
            replies=[Reply(by="Jo Author", at=AT, text=f"The GP letter. {m['entry reply']}")],
        ),
        Comment(
            on=f"recommendation:{review.recommendations[0].id}",
            field="lead",
            by="Panel chair",
            at=AT,
            text=f"Who leads this? {m['recommendation']}",
        ),
        Comment(
            on=f"heading:{review.headings[0].id}",
            by="Panel chair",
            at=AT,
            text=f"Thin analysis. {m['heading']}",
        ),
        Comment(on="prompt:agency", by="Panel chair", at=AT, text=f"Full name. {m['details']}"),
        Comment(
            on="entry:deleted01",
            by="Panel chair",
            at=AT,
            text=f"On a deleted entry. {m['detached']}",
            replies=[Reply(by="Jo Author", at=AT, text=f"Removed. {m['detached reply']}")],
        ),
    ]
    return review


def review_file(folder: Path, catalogue: Catalogue) -> Path:
    path = folder / "done.toml"
    create(path, catalogue, with_comments(completed(catalogue)))
    return path


def readable_bytes(path: Path) -> bytes:
    """The file's bytes; a Word file's every part, decompressed, one after another."""
    data = path.read_bytes()
    if path.suffix != ".docx":
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return b"\n".join(package.read(name) for name in package.namelist())


def written(folder: Path, before: set[Path], review: Path) -> list[Path]:
    """Every file the command wrote except the copies of the review itself (which hold
    its comments): the review, its backups and its copy as sent."""
    own = review.name
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p not in before
        and not p.name.startswith(own)
        and f".{own}.backups" not in p.parts
        and not p.name.endswith(".toml.txt")
    )


def found(paths: list[Path], words: list[str]) -> set[str]:
    """Which of ``words`` are in the bytes of any of ``paths``."""
    data = b"\n".join(readable_bytes(p) for p in paths)
    return {w for w in words if w.encode() in data}


ALL = list(MARKERS.values())
PRESENT = "Northshire Community Health NHS Trust"
"""The agency's name, in every report: what a search must find (so it can fail)."""


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_an_export_holds_comments_only_with_the_option(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, fmt: str, final: bool
) -> None:
    path = review_file(tmp_path, catalogue)
    stage = ["--final"] if final else []
    before = set(tmp_path.rglob("*"))
    result = imr("export", path, "--format", fmt, *stage, "-o", tmp_path / f"plain.{fmt}")
    assert result.returncode == 0, result.stderr
    files = written(tmp_path, before, path)
    assert tmp_path / f"plain.{fmt}" in files
    if final:  # the private copy of the report as sent is searched too
        assert any(p.parent.name == "v1" for p in files), files
    assert found(files, ALL) == set()
    assert found(files, [PRESENT]) == {PRESENT}

    before = set(tmp_path.rglob("*"))
    args: list[str | Path] = ["--format", fmt, *stage, "-o", tmp_path / f"with.{fmt}"]
    args.append("--with-comments")
    result = imr("export", path, *args)
    assert result.returncode == 0, result.stderr
    files = written(tmp_path, before, path)
    assert tmp_path / f"with.{fmt}" in files
    assert found([tmp_path / f"with.{fmt}"], ALL) == set(ALL)
    if final:
        kept = [p for p in files if p.parent.name == "v2"]
        assert kept and found(kept, ALL) == set(ALL)


def markdown_with_comments(catalogue: Catalogue) -> str:
    review = with_comments(completed(catalogue))
    return render_markdown(walk(review, catalogue, comments=True))


def test_each_comment_comes_after_what_it_is_about(catalogue: Catalogue) -> None:
    review = with_comments(completed(catalogue))
    text = markdown_with_comments(catalogue)
    m = MARKERS
    summary = catalogue.prompt("summary").title
    # the summary's comment after its answer, before the next prompt's heading
    answer = review.answer("summary").split("\n")[0][:40]
    at = text.index(m["prompt"])
    assert text.index(answer) < at < text.index("### Sources of information")
    assert f"*Comment on {summary} \u2014 Panel chair, 20/05/2026 09:30, open*" in text
    # the author's text escaped, so it reads as typed
    assert r"\[bold\]x\[/bold\] \*y\* \| z" in text
    assert "*Reply by Jo Author, 20/05/2026 09:30*" in text
    assert at < text.index(m["prompt reply"])
    # the entry's comment after the chronology's table, saying which entry and field
    entry = review.sorted_chronology()[2]
    source = catalogue.chronology.source_title
    head = (
        f"Comment on Chronology entry 3 ({entry.shown_when()}), {source} \u2014 Panel member, "
        f"20/05/2026 09:30, resolved by Chair {m['resolver']} on 20/05/2026 09:30"
    )
    assert head in text
    last_row = text.rindex("\n| ", 0, text.index(m["entry"]))
    assert text.index(m["entry"]) < text.index(m["entry reply"])
    assert "\n## " not in text[last_row : text.index(m["entry"])]
    # the recommendation's comment between recommendation 1 and recommendation 2
    rec = catalogue.recommendations.title("recommendation")
    assert text.index(f"{rec} 1") < text.index(m["recommendation"]) < text.index(f"{rec} 2")
    # the heading's comment after its analysis, before the next heading
    headings = [h.title for h in review.headings]
    assert text.index(headings[0]) < text.index(m["heading"])
    assert text.index(m["heading"]) < text.index(f"#### {headings[1]}")
    # the detached one last, in a part of its own
    assert text.index("## Comments whose place was deleted") < text.index(m["detached"])
    assert "Comment on Chronology entry (deleted) \u2014 Panel chair" in text
    assert text.index(m["detached"]) < text.index(m["detached reply"])


def test_without_comments_the_report_is_unchanged(catalogue: Catalogue) -> None:
    plain = render_markdown(walk(completed(catalogue), catalogue))
    assert render_markdown(walk(with_comments(completed(catalogue)), catalogue)) == plain
    assert render_markdown(walk(completed(catalogue), catalogue, comments=True)) == plain


def test_the_word_report_holds_the_comments_literally(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    import docx

    path = review_file(tmp_path, catalogue)
    out = tmp_path / "with.docx"
    result = imr("export", path, "--with-comments", "-o", out)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert f"Say when the GP knew. {MARKERS['prompt']} [bold]x[/bold] *y* | z" in paragraphs
    assert "Comments whose place was deleted" in paragraphs
    headings = [
        p.text for p in document.paragraphs if p.style and p.style.name.startswith("Heading")
    ]
    assert "Comments" in headings
    assert text.index(MARKERS["prompt"]) < text.index(MARKERS["prompt reply"])


def test_comments_and_anonymise_are_refused_together(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_file(tmp_path, catalogue)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = imr("export", path, "--anonymise", "--with-comments")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "--with-comments and --anonymise cannot go together" in lines[0]
    assert str(path) in lines[0] and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


IDENTIFYING = ("Mavis Threlkeld", "mavis.threlkeld@example.org", "14/07/1948", "Ossian Threlkeld")
"""What a panel might write in a comment: names, an e-mail, a date of birth."""


def anonymisable_review() -> Review:
    """A review that anonymises cleanly, with identifying comments and replies."""
    name, email, born, son = IDENTIFYING
    return Review(
        adults=[Adult(name="Mavis Threlkeld")],
        review_period=ReviewPeriod(),
        pseudonyms=[Pseudonym(name="Mavis Threlkeld", alias="Adult A")],
        answers={"agency": "Northshire Community Health NHS Trust", "summary": "Mavis Threlkeld"},
        chronology=[ChronologyEntry(date="2024-03-11", cells={"event": "Mavis Threlkeld seen"})],
        comments=[
            Comment(
                on="prompt:summary",
                by="Ossian Threlkeld",
                at=AT,
                text=f"{name} ({email}), born {born}; her son {son} rang.",
                replies=[Reply(by=name, at=AT, text=f"Write to {email}; DOB {born}. {son}")],
            ),
            Comment(on="entry:gone", by=son, at=AT, text=f"{name} {email} {born}"),
        ],
    )


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_an_anonymised_export_holds_none_of_the_comments(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, fmt: str
) -> None:
    path = tmp_path / "mavis.toml"
    create(path, catalogue, anonymisable_review())
    out = tmp_path / f"anon.{fmt}"
    result = imr("export", path, "--anonymise", "--format", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    data = readable_bytes(out)
    for text in (*IDENTIFYING, "rang.", "Write to"):
        assert text.encode() not in data, text
    assert b"Adult A" in data


def test_the_anonymisers_search_covers_comments_if_ever_in_a_report(
    catalogue: Catalogue,
) -> None:
    """Defensive: comments are refused in an anonymised export, but were they ever walked
    into one, the anonymiser replaces listed names in them and its search reports what
    is left (an unlisted name), as for any answer."""
    review = anonymisable_review()
    anon = anonymise(review, catalogue)
    blocks = anon.blocks(walk(review, catalogue, comments=True))
    seen = "\n".join(t for block in blocks for t in b.texts(block))
    assert "Mavis Threlkeld" not in seen and "mavis.threlkeld@example.org" not in seen
    assert "Ossian Threlkeld" in seen  # not listed: so the search must report it
    found_forms = {f.form for f in leftovers(search_sections(blocks), anon)}
    assert any("Ossian" in form or "Threlkeld" in form for form in found_forms), found_forms


def test_the_interviews_export_never_holds_comments(catalogue: Catalogue) -> None:
    """The interview and plain mode export through :func:`export_files`: no comments."""
    review = with_comments(completed(catalogue))
    for fmt in ("md", "docx"):
        made = export_files(review, catalogue, None, fmt, Path(f"r.{fmt}"), edition_for(None))
        data = b"\n".join(made.values())
        if fmt == "docx":
            with zipfile.ZipFile(io.BytesIO(made[Path("r.docx")])) as package:
                data = b"\n".join(package.read(n) for n in package.namelist())
        assert not [w for w in ALL if w.encode() in data]
        assert PRESENT.encode() in data


def test_merge_and_chronology_csv_never_hold_comments(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_file(tmp_path, catalogue)
    other = tmp_path / "other.toml"
    second = with_comments(completed(catalogue))
    second.answers["agency"] = "Northshire Police"
    create(other, catalogue, second)
    result = imr("merge", path, other, "-o", "m.md", "--csv", "m.csv")
    assert result.returncode == 0, result.stderr
    result = imr("chronology", "export", path, "-o", "c.csv")
    assert result.returncode == 0, result.stderr
    files = [tmp_path / n for n in ("m.md", "m.csv", "c.csv")]
    assert found(files, ALL) == set()
    event = completed(catalogue).sorted_chronology()[2].cells["event"].split()[0]
    assert found(files, [event, "Northshire Police"]) == {event, "Northshire Police"}


GLOSSARY_WORDS = "Did the KLMN team see her? Ask the BIA and LPS leads."
"""A comment's words that, in the author's text, would be glossary entries: an unknown
abbreviation (KLMN) and two known ones (BIA, LPS) the completed review never uses."""


def glossary_lines(text: str) -> list[str]:
    """The rows of a Markdown report's glossary table (``| ABBR | meaning |``)."""
    start = text.index("## Glossary")
    end = text.find("\n## ", start + 1)
    part = text[start : end if end != -1 else len(text)]
    return [line for line in part.splitlines() if line.startswith("| ")]


def test_comments_play_no_part_in_the_glossary(catalogue: Catalogue) -> None:
    from imr_tui.checks.glossary import load_glossary

    glossary = load_glossary()
    review = completed(catalogue)
    plain = render_markdown(walk(review, catalogue, glossary))
    review.comments = [
        Comment(on="prompt:summary", by="Cllr Vane", at=AT, text=GLOSSARY_WORDS),
        Comment(on="entry:deleted01", by="Cllr Vane", at=AT, text=f"Gone. {GLOSSARY_WORDS}"),
    ]
    text = render_markdown(walk(review, catalogue, glossary, comments=True))
    assert GLOSSARY_WORDS in text  # the comments are there
    rows = glossary_lines(text)
    assert rows == glossary_lines(plain)
    assert len(rows) > 3  # a real glossary (header, rule and rows)
    assert not [r for r in rows if any(f"| {a} |" in r for a in ("KLMN", "BIA", "LPS"))]


def test_a_final_export_with_comments_has_no_placeholder_from_a_comment(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "g.toml"
    create(path, catalogue, completed(catalogue))
    result = imr("comment", path, "--on", "entry 2", "--by", "Cllr Vane", GLOSSARY_WORDS)
    assert result.returncode == 0, result.stderr
    plain = tmp_path / "plain.md"
    result = imr("export", path, "-o", plain)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "final.md"
    result = imr("export", path, "--final", "--with-comments", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Did the KLMN team see her?" in text
    assert catalogue.placeholder not in text
    assert glossary_lines(text) == glossary_lines(plain.read_text(encoding="utf-8"))
