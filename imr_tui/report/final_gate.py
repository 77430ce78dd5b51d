"""What stops a final report: the gate ``imr export --final`` and the interview pass through.

A final report goes to the board as it is, so it is refused while anything in it is
unfinished: a required prompt unanswered (the completeness check), anything the report
would print as the catalogue's placeholder (``Not yet answered``), or a finding of a
kind the catalogue lists in ``export.must_fix``. Each problem is one sentence naming
its place, in the report's order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set
from pathlib import Path

from imr_tui.checks import Glossary, run_checks
from imr_tui.checks.findings import Finding
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.report import blocks as b
from imr_tui.report.export_files import report_blocks
from imr_tui.report.glossary_section import meanings_given, used_in_report


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _empty(label: str, placeholder: str) -> str:
    return f"{_one_line(label)} is empty, so the report would print '{placeholder}'"


def _cells(block: b.Table) -> Iterator[tuple[str, str]]:
    """The empty cells of a table that would show the placeholder, each with the step
    behind its row (``""`` if none)."""
    for n, row in enumerate(block.rows):
        step = block.steps[n] if n < len(block.steps) else ""
        for i in sorted(block.placeholder_columns):
            if i < len(row) and not row[i].strip():
                if block.labels:
                    yield step, _empty(row[0], block.placeholder)
                else:
                    column = block.header[i] if i < len(block.header) else "a cell"
                    what = f"{column} of {_one_line(row[0]) or 'a row'}"
                    yield step, _empty(what, block.placeholder)


def _unfinished(block: b.Block) -> Iterator[tuple[str, str]]:
    """What in one block would be printed as the placeholder, one phrase each, with the
    interview step that answers it (``""`` if none)."""
    match block:
        case b.Placeholder():
            yield block.step, f"nothing is written, so the report would print '{block.text}'"
        case b.Labelled():
            if any(not v.strip() for v in block.values):
                yield block.step, _empty(f"'{block.label}'", block.placeholder)
        case b.Table():
            yield from _cells(block)
        case b.Recommendations():
            for item in block.items:
                if not item.text.strip():
                    yield block.step, _empty(f"{item.heading}'s text", block.placeholder)
                for f in item.fields:
                    if any(not v.strip() for v in f.values):
                        yield block.step, _empty(f"{item.heading}'s '{f.label}'", f.placeholder)


def _placeholders(blocks: Sequence[b.Block]) -> list[tuple[str, str]]:
    """Every place the report would print a placeholder: (step, sentence)."""
    section, heading = "The introduction", ""
    out: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, b.Section):
            section, heading = _one_line(block.title), ""
        elif isinstance(block, b.Heading):
            heading = _one_line(block.text)
        for step, what in _unfinished(block):
            where = f"{section}, under '{heading}'" if heading else section
            out.append((step, f"{where}: {what}."))
    return out


def placeholder_problems(
    blocks: Sequence[b.Block], skip_steps: Set[str] = frozenset()
) -> list[str]:
    """Every place the report would print a placeholder, one sentence each, except
    those behind a step in ``skip_steps`` (already named as unanswered)."""
    return [text for step, text in _placeholders(blocks) if not (step and step in skip_steps)]


def _findings(catalogue: Catalogue, review: Review, glossary: Glossary) -> list[Finding]:
    """The checks' findings that stop a final report."""
    kinds = {"completeness", *catalogue.export.must_fix}
    return [f for f in run_checks(catalogue, review, glossary) if f.kind in kinds]


def _finding_lines(catalogue: Catalogue, found: Sequence[Finding]) -> list[str]:
    titles = {s.id: s.title for s in catalogue.sections}
    out: list[str] = []
    for f in found:
        section = titles.get(f.section_id, f.section_id)
        where = ", ".join(_one_line(p) for p in (section, f.where) if p.strip())
        out.append(f"{where}: {_one_line(f.message)}")
    return out


def finding_problems(catalogue: Catalogue, review: Review, glossary: Glossary) -> list[str]:
    """The checks' findings that stop a final report: unanswered required prompts, and
    every finding of a kind in the catalogue's ``export.must_fix``."""
    return _finding_lines(catalogue, _findings(catalogue, review, glossary))


def ambiguous_problems(
    blocks: Sequence[b.Block], review: Review, glossary: Glossary, path: Path | None = None
) -> list[str]:
    """Every ambiguous abbreviation the report uses with no meaning given by the author
    (the glossary section's own rules), one sentence each saying how to give one."""
    known, _ = used_in_report(blocks, review, glossary)
    given = set(meanings_given(blocks, review, glossary))  # the author's, or the text's
    file = _quoted(str(path)) if path is not None else "FILE"
    out: list[str] = []
    for abbr in known:
        if not glossary.is_ambiguous(abbr) or abbr.casefold() in given:
            continue
        meanings = " or ".join(f"'{m}'" for m in glossary.expansions(abbr))
        out.append(
            f"Glossary: '{abbr}' may mean {meanings} and no meaning is given; say which with "
            f'imr glossary {file} mean {abbr} "..." (or m in the Check screen).'
        )
    return out


def _quoted(text: str) -> str:
    """``text`` as one shell word."""
    if text and all(c.isalnum() or c in "._-/+" for c in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def timeline_problems(blocks: Sequence[b.Block]) -> list[str]:
    """The timeline picture, when the report has one and it cannot be drawn (the
    optional extra is missing): one sentence saying how to add it. A final report never
    goes out with a note about a missing picture in place of the picture."""
    from imr_tui.report.timeline_picture import timeline_available

    if not any(isinstance(block, b.Timeline) for block in blocks) or timeline_available():
        return []
    return [
        "The chronology's timeline picture cannot be drawn: add the timeline extra with "
        "pip install 'imr-tui[timeline]'."
    ]


def final_problems(
    review: Review, catalogue: Catalogue, glossary: Glossary, path: Path | None = None
) -> list[str]:
    """Everything that stops ``review`` going out as a final report, one sentence each
    naming its place (none: it may be sent). Checks' findings first, then placeholders
    (not those of a prompt already named as unanswered), then ambiguous abbreviations
    with no meaning given (``path``, the review's file, is named in how to give one),
    then a timeline picture that cannot be drawn."""
    blocks = report_blocks(review, catalogue, glossary, b.Edition(final=True, version=1))
    found = _findings(catalogue, review, glossary)
    # A prompt named as unanswered is not named again for its placeholder; a finding
    # about one record of a prompt (a placeholder lead) leaves the others' lines in.
    named = {f.step_id for f in found if f.kind == "completeness" and f.step_id and not f.record_id}
    out = (
        _finding_lines(catalogue, found)
        + placeholder_problems(blocks, named)
        + ambiguous_problems(blocks, review, glossary, path)
        + timeline_problems(blocks)
    )
    return list(dict.fromkeys(out))
