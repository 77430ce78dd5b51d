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


def _png(*chunks: tuple[bytes, bytes]) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    body = b"".join(chunk(k, b) for k, b in chunks)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bytes(13)) + body + chunk(b"IEND", b"")


def test_a_pictures_words_are_searched_and_its_pixels_are_not() -> None:
    import io
    import zipfile
    import zlib

    from imr_tui.report.output_text import docx_parts, png_text

    # Compressed pixels that, read as text, would look like a postcode and a name.
    pixels = (b"IDAT", b"xx NW1 4AB Hollins xx")
    words = (
        (b"tEXt", b"Author\0Dorothy Hollins"),
        (b"zTXt", b"Comment\0\0" + zlib.compress(b"born 02/06/1945")),
        (b"iTXt", b"Title\0\0\0en\0\0Peggy"),
    )
    assert png_text(_png(pixels)) == ""
    found = png_text(_png(*words, pixels)) or ""
    assert "Dorothy Hollins" in found and "02/06/1945" in found and "Peggy" in found
    assert "NW1" not in found
    # A cut-off or unknown picture is searched whole: failing closed.
    assert png_text(_png(pixels)[:-6]) is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/media/image1.png", _png(pixels))
        package.writestr("word/media/image2.png", _png(*words))
        package.writestr("word/media/image3.gif", b"GIF89a Hollins")
    parts = dict(docx_parts(buffer.getvalue()))
    assert "Hollins" not in parts["the Word file's picture word/media/image1.png"]
    assert "Dorothy Hollins" in parts["the Word file's picture word/media/image2.png"]
    assert "Hollins" in parts["the Word file's word/media/image3.gif"]
