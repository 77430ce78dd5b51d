"""What stops a final report: the gate ``imr export --final`` and the interview pass through.

A final report goes to the board as it is, so it is refused while anything in it is
unfinished: a required prompt unanswered (the completeness check), anything the report
would print as the catalogue's placeholder (``Not yet answered``), or a finding of a
kind the catalogue lists in ``export.must_fix``. Each problem is one sentence naming
its place, in the report's order.
"""

from __future__ import annotations

from collections.abc import Iterator

from imr_tui.checks import Glossary, run_checks
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.report import blocks as b
from imr_tui.report.export_files import report_blocks


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _empty(label: str, placeholder: str) -> str:
    return f"{_one_line(label)} is empty, so the report would print '{placeholder}'"


def _cells(block: b.Table) -> Iterator[str]:
    """The empty cells of a table that would show the placeholder."""
    for row in block.rows:
        for i in sorted(block.placeholder_columns):
            if i < len(row) and not row[i].strip():
                if block.labels:
                    yield _empty(row[0], block.placeholder)
                else:
                    column = block.header[i] if i < len(block.header) else "a cell"
                    yield _empty(f"{column} of {_one_line(row[0]) or 'a row'}", block.placeholder)


def _unfinished(block: b.Block) -> Iterator[str]:
    """What in one block would be printed as the placeholder, one phrase each."""
    match block:
        case b.Placeholder():
            yield f"nothing is written, so the report would print '{block.text}'"
        case b.Labelled():
            if any(not v.strip() for v in block.values):
                yield _empty(f"'{block.label}'", block.placeholder)
        case b.Table():
            yield from _cells(block)
        case b.Recommendations():
            for item in block.items:
                if not item.text.strip():
                    yield _empty(f"{item.heading}'s text", block.placeholder)
                for f in item.fields:
                    if any(not v.strip() for v in f.values):
                        yield _empty(f"{item.heading}'s '{f.label}'", f.placeholder)


def placeholder_problems(blocks: list[b.Block]) -> list[str]:
    """Every place the report would print a placeholder, one sentence each."""
    section, heading = "The introduction", ""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, b.Section):
            section, heading = _one_line(block.title), ""
        elif isinstance(block, b.Heading):
            heading = _one_line(block.text)
        for what in _unfinished(block):
            where = f"{section}, under '{heading}'" if heading else section
            out.append(f"{where}: {what}.")
    return out


def finding_problems(catalogue: Catalogue, review: Review, glossary: Glossary) -> list[str]:
    """The checks' findings that stop a final report: unanswered required prompts, and
    every finding of a kind in the catalogue's ``export.must_fix``."""
    kinds = {"completeness", *catalogue.export.must_fix}
    titles = {s.id: s.title for s in catalogue.sections}
    out: list[str] = []
    for f in run_checks(catalogue, review, glossary):
        if f.kind not in kinds:
            continue
        section = titles.get(f.section_id, f.section_id)
        where = ", ".join(_one_line(p) for p in (section, f.where) if p.strip())
        out.append(f"{where}: {_one_line(f.message)}")
    return out


def final_problems(review: Review, catalogue: Catalogue, glossary: Glossary) -> list[str]:
    """Everything that stops ``review`` going out as a final report, one sentence each
    naming its place (none: it may be sent). Checks' findings first, then placeholders."""
    blocks = report_blocks(review, catalogue, glossary, b.Edition(final=True, version=1))
    found = finding_problems(catalogue, review, glossary) + placeholder_problems(blocks)
    return list(dict.fromkeys(found))
