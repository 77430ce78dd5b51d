"""Anonymised exports that fail closed: written only when nothing identifying is found.

Every anonymised file (the report as Markdown or Word, the chronology as CSV, the
composite of ``imr merge``) is built in memory, then everything that would be written is
searched again by the anonymiser (:meth:`Anonymised.search`): the Markdown as it reads
(its escapes undone), every XML part of a ``.docx`` with its tags removed and its
entities decoded (attribute values too, so a comment's author is searched), and every
cell of a CSV. Only when nothing is found is the file written (``0600``, atomically).
With ``allow_remaining`` it is written anyway, and its first line says so; otherwise
nothing is written, and an old file of that name is left alone.

The default name is built from the agency and the adult's pseudonym, never from the
review's file name, which is often the adult's own name.

No front end is imported here: the commands and the interview both call this module.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from imr_tui.checks import Glossary
from imr_tui.chronology.csvout import chronology_csv
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.pseudonym_rules import key
from imr_tui.core.store import write_bytes_private
from imr_tui.report import blocks as b
from imr_tui.report.anonymise import Anonymised, anonymise
from imr_tui.report.anonymised_report import anonymised_blocks
from imr_tui.report.leftovers import Leftover
from imr_tui.report.markdown import render_markdown
from imr_tui.report.merge import AGENCY_PROMPT, composite_blocks, composite_csv, merge
from imr_tui.report.output_text import csv_rows, docx_parts, markdown_text

FORMATS = ("md", "docx", "csv")


@dataclass
class Outcome:
    """What an anonymised export did."""

    written: Path | None
    """The file written, or ``None`` when nothing was written."""
    leftovers: list[Leftover]
    """What the search still found in it (written only with ``allow_remaining``)."""
    notes: list[str]
    """Problems that need the author, one line each."""
    replaced: int
    """How many replacements were made."""
    age_basis: str
    """In words, the day the ages are given at."""
    ages: str = ""
    """What the export says of the adults' ages, as a clause (``ages are given at
    death``), or ``""`` when it gives none (a CSV, a composite, no date of birth)."""
    also_written: list[Path] = field(default_factory=list)
    """More files written with it (the CSV of ``imr merge``)."""


def ages_clause(review: Review, age_basis: str) -> str:
    """How the details give the adults' ages: at death when a date of death is known."""
    born = [a for a in review.adults if a.date_of_birth]
    died = [a for a in born if a.date_of_death]
    if not born:
        return ""
    if not died:
        return f"ages are given at {age_basis}"
    if len(died) == len(born):
        return "ages are given at death"
    return f"ages are given at death where a date of death is known, otherwise at {age_basis}"


def banner(count: int) -> str:
    """The first line of a document written with things still found in it."""
    things = "thing" if count == 1 else "things"
    are = "is" if count == 1 else "are"
    return (
        f"NOT FULLY ANONYMISED: {count} {things} that may identify someone {are} "
        "still in this document"
    )


# ---------------------------------------------------------------- the default name


def slug(text: str) -> str:
    """``text`` as a file name part: letters without accents, digits and ``-``."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def adult_pseudonym(review: Review) -> str:
    """The first adult's pseudonym; with no adult named, the first listed as an adult's, or
    the first listed at all ("" when there is none)."""
    listed = [(key(p.name), " ".join(p.alias.split())) for p in review.pseudonyms]
    aliases = {alias_key for _, a in listed if (alias_key := key(a))}
    for adult in review.adults:
        name = " ".join(adult.name.split())
        if not name:
            continue
        for name_key, alias in listed:
            if name_key == key(name) and alias:
                return alias
        return name if key(name) in aliases else ""
    for p in review.pseudonyms:
        if p.kind == "adult" and p.alias.strip():
            return " ".join(p.alias.split())
    if review.adults:
        return ""
    return next((" ".join(p.alias.split()) for p in review.pseudonyms if p.alias.strip()), "")


MAX_AGENCY = 60
"""At most this many characters of the agency's answer go into a file name."""


def _holds(name: str, stem: str) -> bool:
    """Whether a file name holds the review file's stem (compared as slugs)."""
    own, whole = slug(stem), slug(name)
    if not own:
        return False
    if len(own) >= 3:
        return own in whole
    words, mine = whole.split("-"), own.split("-")
    return any(words[i : i + len(mine)] == mine for i in range(len(words)))


def default_anonymised_path(
    review_path: Path, review: Review, fmt: str, text: Callable[[str], str] | None = None
) -> Path:
    """Beside the review: ``AGENCY-PSEUDONYM-anonymised.FMT``, never the review's own name.

    ``text`` anonymises the agency's answer (its first ~60 characters are used). The
    agency is left out when it would bring in the review file's name; when no name
    can be made without it, :class:`UserError` asks for ``-o``.
    """
    agency = slug((text or str)(review.answer(AGENCY_PROMPT)))
    if len(agency) > MAX_AGENCY:
        agency = agency[:MAX_AGENCY].rsplit("-", 1)[0]
    adult = slug(adult_pseudonym(review))
    candidates = [f"{agency}-{adult}", adult] if agency and adult else [agency or adult]
    for base in candidates:
        if not base:
            continue
        name = f"{base}-anonymised.{fmt}"
        if not _holds(name, review_path.stem):
            return review_path.with_name(name)
    raise UserError(
        f"{review_path}: cannot name the anonymised export from the agency and the adult's "
        f"pseudonym without the review's own file name; choose its name with -o OUT.{fmt}"
    )


# ---------------------------------------------------------------- searching the bytes


def _search(anon: Anonymised, sections: Iterable[tuple[str, str]]) -> list[Leftover]:
    """The anonymiser's search after replacement over ``(where, text)`` pairs."""
    return anon.search(list(sections))


def _merge_found(first: list[Leftover], more: list[Leftover]) -> list[Leftover]:
    """``first``, then those of ``more`` whose text ``first`` has not already found."""
    seen = {leftover.what.casefold() for leftover in first}
    return first + [m for m in more if m.what.casefold() not in seen]


# ---------------------------------------------------------------- building the files


def _docx(blocks: list[b.Block], title: str) -> bytes:
    from imr_tui.report.word import render_document, to_bytes

    return to_bytes(render_document(blocks, title))


def _report(
    blocks: list[b.Block],
    anon: Anonymised,
    fmt: str,
    title: str,
    count: int | None,
) -> tuple[bytes, list[Leftover]]:
    """The Markdown or Word bytes (with the banner when ``count`` is given) and their search."""
    shown = blocks if count is None else [b.Paragraph(banner(count)), *blocks]
    if fmt == "docx":
        data = _docx(shown, title)
        return data, _search(anon, docx_parts(data))
    text = render_markdown(shown)
    return text.encode("utf-8"), _search(anon, [("the Markdown file", markdown_text(text))])


def _with_banner_row(text: str, count: int) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([banner(count)])
    return "\ufeff" + out.getvalue() + text.removeprefix("\ufeff")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UserError(f"unknown export format '{fmt}': choose md, docx or csv")
    if fmt == "docx":
        from imr_tui.report.word import require_docx

        require_docx()


def export_anonymised(
    review_path: Path,
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None,
    fmt: str,
    out: Path | None,
    allow_remaining: bool = False,
    today: date | None = None,
) -> Outcome:
    """Build the anonymised export, search all of it, and write it only if nothing is found.

    ``fmt`` is ``md``, ``docx`` or ``csv`` (the chronology). With ``allow_remaining`` it is
    written even with things found, and its first line says how many.
    """
    _check_format(fmt)
    file = str(review_path)
    if fmt == "csv":
        anon = anonymise(review, catalogue, today, file)
        text = chronology_csv(review, catalogue, text=anon.text)
        found = _search(anon, csv_rows(text, "the chronology CSV"))
        if found and allow_remaining:
            text = _with_banner_row(text, len(found))
        data = text.encode("utf-8")
    else:
        blocks, anon, by_section = anonymised_blocks(review, catalogue, glossary, today, file)
        data, in_file = _report(blocks, anon, fmt, catalogue.title, None)
        found = _merge_found(by_section, in_file)
        if found and allow_remaining:
            data, _ = _report(blocks, anon, fmt, catalogue.title, len(found))
    target = out or default_anonymised_path(review_path, review, fmt, anon.text)
    if out is None and _search(anon, [("the file name", target.stem)]):
        raise UserError(
            f"{review_path}: the agency's answer would put something identifying in the "
            f"export's file name; choose its name with -o OUT.{fmt}"
        )
    if target.resolve() == review_path.resolve():
        raise UserError(
            f"{target}: the export would overwrite the review itself; choose another -o"
        )
    ages = "" if fmt == "csv" else ages_clause(review, anon.age_basis)
    outcome = Outcome(None, found, list(anon.notes), anon.replaced, anon.age_basis, ages)
    if found and not allow_remaining:
        return outcome
    write_bytes_private(target, data)
    outcome.written = target
    return outcome


# ---------------------------------------------------------------- imr merge


def _anonymise_all(
    reviews: Sequence[Review], catalogue: Catalogue, today: date | None, file: str
) -> Anonymised:
    """One anonymiser for every agency: a name listed by one is replaced in all."""
    return anonymise(reviews[0], catalogue, today, file, others=list(reviews[1:]))


_TWICE = re.compile(r"(.+) \((\1)\)")


def _one_role(block: b.Block) -> b.Block:
    """The agencies' table with an author shown once: a name that became its role
    (``Safeguarding Lead (Safeguarding Lead)``) is the role alone."""
    if not isinstance(block, b.Table) or block.kind != "agencies":
        return block
    rows = tuple(
        tuple(_TWICE.sub(r"\1", cell) if i == 1 else cell for i, cell in enumerate(row))
        for row in block.rows
    )
    return replace(block, rows=rows)


def export_merged_anonymised(
    paths: Sequence[Path],
    reviews: Sequence[Review],
    catalogue: Catalogue,
    md_out: Path,
    csv_out: Path | None,
    allow_remaining: bool = False,
    today: date | None = None,
) -> tuple[Outcome, list[str]]:
    """``imr merge --anonymise``: the composite (and its CSV), both written or neither.

    Agencies are named by their answer, never by their file's name (``Agency 2`` when a
    review names none). Returns the outcome and the composite's warnings (anonymised).
    """
    anon = _anonymise_all(reviews, catalogue, today, " ".join(str(p) for p in paths))
    composite = merge([(f"Agency {n}", r) for n, r in enumerate(reviews, 1)])
    blocks = [_one_role(block) for block in anon.blocks(composite_blocks(composite, catalogue))]
    warnings = [anon.text(w) for w in composite.warnings]
    by_section = _search(anon, b.sections(blocks))
    md, in_md = _report(blocks, anon, "md", catalogue.title, None)
    found = _merge_found(by_section, in_md)
    table = composite_csv(composite, catalogue, text=anon.text) if csv_out else ""
    if csv_out is not None:
        found = _merge_found(found, _search(anon, csv_rows(table, "the composite CSV")))
    found = _merge_found(found, _search(anon, [("the warnings", "\n".join(warnings))]))
    outcome = Outcome(None, found, list(anon.notes), anon.replaced, anon.age_basis)
    if found and not allow_remaining:
        return outcome, warnings
    if found:
        md, _ = _report(blocks, anon, "md", catalogue.title, len(found))
        table = _with_banner_row(table, len(found)) if csv_out is not None else table
    write_bytes_private(md_out, md)
    outcome.written = md_out
    if csv_out is not None:
        write_bytes_private(csv_out, table.encode("utf-8"))
        outcome.also_written.append(csv_out)
    return outcome, warnings
