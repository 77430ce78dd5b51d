"""What is searched in a Word file: its text, and the attributes that hold people's words,
never its machinery (part names such as ``customXml``, style ids, colours)."""

from __future__ import annotations

from pathlib import Path

from conftest import Imr

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Adult, Pseudonym, Review
from imr_tui.core.store import save
from imr_tui.report.output_text import xml_text


def test_a_comment_s_author_is_searched_and_machinery_is_not() -> None:
    xml = (
        '<w:comments><w:comment w:id="1" w:author="Dorothy Hollins" w:initials="DH">'
        "<w:p><w:r><w:t>Seen &amp; well</w:t></w:r></w:p></w:comment>"
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.x"/>'
        '<w:style w:styleId="SingleLevel" w:color="E5F8EA"/></w:comments>'
    )
    text, values = xml_text(xml)
    assert text.strip() == "Seen & well"
    assert values.splitlines() == ["Dorothy Hollins", "DH"]


def test_a_short_listed_name_does_not_stop_a_word_export(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    review = Review(
        answers={"agency": "Northshire Trust", "summary": "Tom Dawson and Eve Hart visited."},
        adults=[Adult(name="Eve Hart")],
        pseudonyms=[
            Pseudonym(name="Tom Dawson", alias="Police Officer 1"),
            Pseudonym(name="Tom", alias="Police Officer 1"),
            Pseudonym(name="Eve Hart", alias="Adult E"),
            Pseudonym(name="Eve", alias="Adult E"),
        ],
    )
    path = tmp_path / "r.toml"
    save(path, review, catalogue)
    result = imr("export", path, "--anonymise", "--format", "docx", "-o", tmp_path / "a.docx")
    assert (result.returncode, result.stderr) == (0, "")
