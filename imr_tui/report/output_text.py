"""The text a reader of an exported file sees, for searching it: Markdown with its
escapes undone, every XML part of a Word file with its tags removed and entities decoded
(and the attributes that hold people's words apart), every row of a CSV."""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
import zlib

_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    """Markdown as a reader sees it: escapes undone, ``<br>`` as a line break."""
    return _MD_ESCAPE.sub(r"\1", text.replace("<br>", "\n"))


_BLOCK_END = re.compile(
    r"</(?:w:p|w:tc|w:tr|w:tbl|w:comment|w:footnote|w:endnote|w:txbxContent)>"
    r"|<w:(?:br|cr|tab)\b[^>]*/>"
    r"|</(?!w:)[^>]+>"
)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r"\s([\w:.-]+)\s*=\s*(\"[^\"]*\"|'[^']*')")
PEOPLE_ATTRIBUTES = frozenset({"w:author", "w:initials", "author", "initials", "descr", "title"})
"""The attributes of a Word file that hold people's words: who wrote a comment or a
tracked change, and a picture's description. The others hold the file's own machinery
(style ids, colours, content types, part names such as ``customXml``), which a listed
name such as ``Tom`` must never be looked for in."""


def xml_text(xml: str) -> tuple[str, str]:
    """An XML part's text (tags removed, entities decoded) and the values of its
    :data:`PEOPLE_ATTRIBUTES`."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", xml)))
    values = []
    for tag in _TAG.findall(xml):
        if tag.startswith("<?"):
            continue
        for m in _ATTRIBUTE.finditer(tag):
            if m[1] in PEOPLE_ATTRIBUTES:
                values.append(html.unescape(m[2][1:-1]))
    return text, "\n".join(v for v in values if v.strip())


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _inflate(data: bytes) -> str:
    try:
        return zlib.decompress(data).decode("utf-8", errors="replace")
    except zlib.error:
        return data.decode("latin-1")


def png_text(raw: bytes) -> str | None:
    """The words a PNG picture holds as text (its ``tEXt``, ``zTXt`` and ``iTXt`` chunks,
    decompressed), one a line; ``None`` if ``raw`` is not a whole PNG (then it is searched
    as it is, failing closed). The pixels hold no text to search: compressed, they would
    only ever be read as nonsense that happens to look like a postcode."""
    if not raw.startswith(PNG_SIGNATURE):
        return None
    out: list[str] = []
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(raw):
        size = int.from_bytes(raw[at : at + 4], "big")
        kind, body = raw[at + 4 : at + 8], raw[at + 8 : at + 8 + size]
        if len(body) != size:
            return None
        keyword, _, rest = body.partition(b"\0")
        if kind == b"tEXt":
            out.append(f"{keyword.decode('latin-1')}: {rest.decode('latin-1')}")
        elif kind == b"zTXt":
            out.append(f"{keyword.decode('latin-1')}: {_inflate(rest[1:])}")
        elif kind == b"iTXt":
            compressed, rest = rest[:1] == b"\1", rest[2:]
            _language, _, rest = rest.partition(b"\0")
            translated, _, text = rest.partition(b"\0")
            words = _inflate(text) if compressed else text.decode("utf-8", errors="replace")
            heading = translated.decode("utf-8", errors="replace")
            out.append(f"{keyword.decode('latin-1')} {heading}: {words}")
        at += 12 + size
        if kind == b"IEND":
            return "\n".join(out)
    return None


def docx_parts(data: bytes) -> list[tuple[str, str]]:
    """Every part of a ``.docx`` as ``(where, text)``: XML as text, a PNG picture's text
    chunks (see :func:`png_text`), anything else decoded whole."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            raw = package.read(name)
            if name.endswith((".xml", ".rels")):
                text, values = xml_text(raw.decode("utf-8", errors="replace"))
                out.append((f"the Word file's {name}", text))
                if values:
                    out.append((f"the Word file's {name} (attributes)", values))
            elif (words := png_text(raw)) is not None:
                out.append((f"the Word file's picture {name}", words))
            else:
                out.append((f"the Word file's {name}", raw.decode("latin-1")))
    return out


def csv_rows(text: str, label: str) -> list[tuple[str, str]]:
    """Every row of a CSV as ``(where, its cells one a line)``."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    return [(f"{label}, row {n}", "\n".join(row)) for n, row in enumerate(rows, 1)]
