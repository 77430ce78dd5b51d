"""``imr diff --format docx``: what changed as a Word document, insertions and deletions
as Word's tracked changes.

The document's XML is read back: accepting every change must give exactly the new
text and rejecting every change exactly the old, so nothing is marked wrongly and
nothing is lost; the headings and tables follow the Markdown's layout; the author's
text (markup, XML, control characters) is kept literally.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import Imr
from test_final_export import completed

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.store import create
from imr_tui.report.diff_build import compare
from imr_tui.report.diff_markdown import moved_sentence
from imr_tui.report.diff_word import diff_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
HOSTILE = "council [bold]<w:t>x</w:t> & \x07"
"""Typed by an author: Rich markup, XML that would break the file, an ampersand, a bell."""


def versions(catalogue: Catalogue) -> tuple[Review, Review]:
    """The completed example, and a later version with a change in every kind of place."""
    old, new = completed(catalogue), completed(catalogue)
    summary = new.answer("summary").replace("rented", HOSTILE).replace("a frame", "a stick")
    new.set_answer("summary", summary)
    entries = new.chronology
    entries[1].cells["event"] += " Daughter rang."
    del entries[3]
    entries.append(
        ChronologyEntry(date="2025-09-01", source="Ward record", cells={"event": "Seen at home"})
    )
    new.recommendations[0].lead = "Director of Nursing"
    new.comments = [Comment(on="prompt:summary", by="Panel chair", text="Why the council?")]
    return old, new


def document_xml(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return ElementTree.fromstring(package.read("word/document.xml"))


def _text(element: Any, skip: str) -> str:
    """The text of an element with every ``skip`` (``ins`` or ``del``) change left out:
    accepting (skip ``del``) or rejecting (skip ``ins``) every change."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == f"{{{W}}}{skip}":
            return
        if node.tag in (f"{{{W}}}t", f"{{{W}}}delText"):
            out.append(node.text or "")
        elif node.tag == f"{{{W}}}br":
            out.append("\n")
        for child in node:
            walk(child)

    walk(element)
    return "".join(out)


def paragraphs(root: Any) -> list[Any]:
    return list(root.iter(f"{{{W}}}p"))


def headings(root: Any, level: int) -> list[str]:
    found = []
    for p in paragraphs(root):
        style = p.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{W}}}val") == f"Heading{level}":
            found.append(_text(p, "del"))
    return found


@pytest.fixture
def changed(catalogue: Catalogue) -> tuple[Review, Review, Any]:
    old, new = versions(catalogue)
    data = diff_docx(compare(old, new, catalogue, "version 1", "version 2"))
    return old, new, document_xml(data)


def test_accepting_every_change_gives_the_new_text_and_rejecting_the_old(
    changed: tuple[Review, Review, Any],
) -> None:
    old, new, root = changed
    first_new = new.answer("summary").split("\n\n")[0]
    first_old = old.answer("summary").split("\n\n")[0]
    marked = [p for p in paragraphs(root) if p.find(".//w:ins", NS) is not None]
    summary = next(p for p in marked if "stroke in 2022" in _text(p, "del"))
    assert _text(summary, "del") == first_new.replace("\x07", "\u2407")
    assert _text(summary, "ins") == first_old
    inserted = "".join(t.text for t in summary.iterfind("w:ins//w:t", NS))
    deleted = "".join(t.text for t in summary.iterfind("w:del//w:delText", NS))
    assert "[bold]<w:t>x</w:t> &" in inserted and "stick" in inserted
    assert "rented" in deleted and "frame" in deleted
    assert summary.find("w:del//w:t", NS) is None  # deleted text is w:delText, as Word needs


def test_each_change_is_marked_with_an_author_and_a_unique_id(
    changed: tuple[Review, Review, Any],
) -> None:
    _, _, root = changed
    marks = [m for m in root.iter() if m.tag in (f"{{{W}}}ins", f"{{{W}}}del")]
    assert len(marks) > 10
    ids = [m.get(f"{{{W}}}id") for m in marks]
    assert len(set(ids)) == len(ids)
    assert {m.get(f"{{{W}}}author") for m in marks} == {"version 2"}


def test_headings_per_section_prompt_and_record_and_tables_of_fields(
    changed: tuple[Review, Review, Any], catalogue: Catalogue
) -> None:
    _, _, root = changed
    assert headings(root, 1) == ["Summary", "Chronology", "Recommendations", "Comments"]
    assert catalogue.prompt("summary").title in headings(root, 2)
    records = headings(root, 3)
    assert any(r.endswith(": added") and "01/09/2025" in r for r in records), records
    assert any(r.endswith(": removed") for r in records), records
    assert any(r.startswith("Chronology entry 2") and r.endswith(": changed") for r in records)
    assert "Recommendation 1: changed" in records
    tables = list(root.iter(f"{{{W}}}tbl"))
    rows = [[_text(c, "del") for c in tr.iterfind("w:tc", NS)] for t in tables for tr in t]
    rows = [r for r in rows if r]
    assert ["Field", "Change"] in rows
    assert ["Lead", "Director of Nursing"] in rows
    assert ["Source of information", "Ward record"] in rows
    comment = next(r for r in rows if r[0] == "Opened")
    assert comment[1] == "Summary of involvement" and comment[3] == "Why the council?"
    # the lead's old value is struck out and the new one inserted, never run together
    lead = next(
        tr for t in tables for tr in t if _text(tr, "del").startswith("LeadDirector of Nursing")
    )
    assert _text(lead, "ins") == "LeadHead of Community Nursing "


def test_no_changes_says_so(catalogue: Catalogue) -> None:
    review = completed(catalogue)
    root = document_xml(diff_docx(compare(review, review, catalogue, "version 1", "version 2")))
    texts = [_text(p, "del") for p in paragraphs(root)]
    assert "No changes." in texts
    assert root.find(".//w:ins", NS) is None and root.find(".//w:del", NS) is None


def test_imr_diff_writes_the_word_document(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    import docx

    old, new = versions(catalogue)
    create(tmp_path / "v1.toml", catalogue, old)
    create(tmp_path / "v2.toml", catalogue, new)
    result = imr("diff", "v1.toml", "v2.toml", "--format", "docx", "-o", "changes.docx")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "changes.docx"
    document = docx.Document(str(out))  # Word's own reader opens it
    assert document.paragraphs[0].text == "What changed from v1.toml to v2.toml"
    root = document_xml(out.read_bytes())
    assert root.find(".//w:ins", NS) is not None and root.find(".//w:del", NS) is not None


def test_a_moved_record_says_so_as_the_markdown_does(catalogue: Catalogue) -> None:
    old, new = completed(catalogue), completed(catalogue)
    new.recommendations.reverse()
    changes = compare(old, new, catalogue, "version 1", "version 2")
    moved = [r for s in changes.sections for st in s.steps for r in st.records if r.moved]
    assert moved
    texts = [_text(p, "del") for p in paragraphs(document_xml(diff_docx(changes)))]
    for record in moved:
        assert f"{record.label}: moved" in texts
        assert moved_sentence(record) in texts
