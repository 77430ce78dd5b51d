"""The anonymised report: the one walk of the report, anonymised by
:mod:`imr_tui.report.anonymise`, searched again, and drawn by the ordinary renderers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.report import blocks as b
from imr_tui.report.anonymise import Anonymised, anonymise
from imr_tui.report.leftovers import Leftover, leftovers
from imr_tui.report.markdown import render_markdown
from imr_tui.report.walker import walk


def anonymised_blocks(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    today: date | None = None,
    file: str = "FILE",
) -> tuple[list[b.Block], Anonymised, list[Leftover]]:
    """The anonymised report as blocks, how it was anonymised, and what is still found."""
    anon = anonymise(review, catalogue, today, file)
    walked = walk(review, catalogue, glossary, age_at=anon.age_at, age_basis=anon.age_basis)
    blocks = anon.blocks(walked)
    found = []
    for leftover in leftovers(search_sections(blocks), anon):
        entry = _ENTRY.fullmatch(leftover.where)
        if entry is not None:  # the section's title stays the place; the note says which entry
            note = "; ".join(n for n in (leftover.note, f"entry of {entry[2]}") if n)
            leftover = replace(leftover, where=entry[1], note=note)
        found.append(leftover)
    return blocks, anon, found


_ENTRY = re.compile(r"(.*) \(entry of (.+)\)")


def search_sections(blocks: Iterable[b.Block]) -> list[tuple[str, str]]:
    """``(where, text)`` pairs to search: each section's text, as :func:`blocks.sections`
    gives them, but each chronology entry apart, as ``Chronology (entry of 11/03/2024)``,
    so that what is still found in one says which (:func:`anonymised_blocks` puts it in
    the note)."""
    out: list[tuple[str, list[str]]] = [("the introduction", [])]
    title = "the introduction"
    for block in blocks:
        if isinstance(block, b.Section):
            title = block.title
            out.append((title, []))
        if isinstance(block, b.Table) and block.kind == "chronology" and block.rows:
            out[-1][1].extend(block.header)
            for row in block.rows:
                out.append((f"{title} (entry of {row[0]})", list(row)))
            out.append((title, []))
            continue
        out[-1][1].extend(b.texts(block))
    return [(where, "\n".join(found)) for where, found in out if found]


def anonymised_markdown(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    today: date | None = None,
    file: str = "FILE",
) -> tuple[str, Anonymised, list[Leftover]]:
    """The anonymised Markdown export, how it was anonymised, and what is still found in it."""
    blocks, anon, found = anonymised_blocks(review, catalogue, glossary, today, file)
    return render_markdown(blocks), anon, found


def anonymised_docx(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    today: date | None = None,
    file: str = "FILE",
) -> tuple[bytes, Anonymised, list[Leftover]]:
    """The anonymised Word export, how it was anonymised, and what is still found in it."""
    from imr_tui.report.word import render_document, require_docx, to_bytes

    require_docx()
    blocks, anon, found = anonymised_blocks(review, catalogue, glossary, today, file)
    return to_bytes(render_document(blocks, catalogue.title)), anon, found
