"""Markdown export that mirrors the IMR template, section by section."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from imr_tui.checks import Glossary, used_abbreviations
from imr_tui.core.catalogue import Catalogue, Prompt, Section
from imr_tui.core.dates import from_stored, uk
from imr_tui.core.model import Review
from imr_tui.core.steps import Step, steps
from imr_tui.report import md_escape as md


def _placeholder(catalogue: Catalogue) -> str:
    return f"*{md.inline(catalogue.placeholder)}*"


def _text(review: Review, catalogue: Catalogue, prompt_id: str) -> str:
    value = review.answer(prompt_id)
    return md.block(value) if value.strip() else _placeholder(catalogue)


def _cell_or_placeholder(value: str, catalogue: Catalogue) -> str:
    return md.cell(value) if value.strip() else _placeholder(catalogue)


def _date_answer(review: Review, prompt_id: str) -> str:
    value = review.answer(prompt_id)
    if not value:
        return ""
    try:
        return from_stored(value, False).display()
    except ValueError:
        return value


def age(born: date, on: date) -> int:
    """Age in whole years on a day."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def dob_label_and_values(review: Review, age_at: date | None) -> tuple[str, list[str]]:
    """The details' date-of-birth row: ``DOB`` with dates, or ``Age`` (``aged 86``) on ``age_at``.

    One value per named adult, in order; shared by every export format.
    """
    named = [a for a in review.adults if a.name.strip()]
    if age_at is None:
        return "DOB", [uk(a.date_of_birth) or "unknown" for a in named]
    values = []
    for a in named:
        years = age(a.date_of_birth, age_at) if a.date_of_birth else -1
        values.append(f"aged {years}" if years >= 0 else "age unknown")
    return "Age", values


def detail_rows(
    review: Review, section: Section, age_at: date | None = None
) -> list[tuple[str, str]]:
    """``(label, answer)`` for a section of short answers (details, endorsement), unescaped.

    An empty answer is unanswered; every export format renders the same rows.
    """
    rows: list[tuple[str, str]] = []
    for p in section.prompts:
        label = p.label or p.title
        if p.kind in NOT_EXPORTED:
            continue
        if p.kind == "adults":
            names = [a.name for a in review.adults if a.name.strip()]
            dob_label, dobs = dob_label_and_values(review, age_at)
            rows.append((label, "\n".join(names)))
            rows.append((dob_label, "\n".join(dobs)))
        elif p.kind == "date":
            rows.append((label, _date_answer(review, p.id)))
        else:
            rows.append((label, review.answer(p.id)))
    return rows


def _label_rows(
    review: Review, catalogue: Catalogue, section: Section, age_at: date | None = None
) -> list[list[str]]:
    """Rows of ``label | answer`` for a section of short answers (details, endorsement)."""
    return [
        [md.cell(label), _cell_or_placeholder(value, catalogue)]
        for label, value in detail_rows(review, section, age_at)
    ]


def _period(review: Review, catalogue: Catalogue, prompt: Prompt) -> str:
    rp = review.review_period
    start = md.inline(uk(rp.start)) if rp.start else _placeholder(catalogue)
    end = md.inline(uk(rp.end)) if rp.end else _placeholder(catalogue)
    return f"**{md.inline(prompt.title)}:** {start} to {end}"


def _headings(review: Review, catalogue: Catalogue, prompt: Prompt) -> str:
    titles = [h.title for h in review.headings if h.title.strip()]
    if not titles:
        return f"**{md.inline(prompt.title)}:** {_placeholder(catalogue)}"
    items = "\n".join(f"{i}. {md.line(t)}" for i, t in enumerate(titles, 1))
    return f"**{md.inline(prompt.title)}:**\n\n{items}"


def _chronology(review: Review, catalogue: Catalogue, prompt: Prompt) -> str:
    ch = catalogue.chronology
    header = [md.cell(t) for t in (ch.date_title, ch.time_title, ch.source_title)]
    header += [md.cell(c.title) for c in ch.columns]
    rows = []
    for e in review.sorted_chronology():
        shown = from_stored(e.date, e.approximate).display() if e.date else ""
        row = [md.cell(shown), md.cell(e.time), md.cell(e.source)]
        row += [md.cell(e.cells.get(c.id, "")) for c in ch.columns]
        rows.append(row)
    if not rows:
        return f"{_placeholder(catalogue)}\n\n{md.table(header, [])}"
    return md.table(header, rows)


def _analysis(review: Review, catalogue: Catalogue, step: Step) -> str:
    kept = review.heading_analysis.get(step.heading_id)
    body = md.block(kept.text) if kept and kept.text.strip() else _placeholder(catalogue)
    if step.removed:
        body = f"*{md.inline(catalogue.removed_heading_note)}*\n\n{body}"
    return body


def _recommendations(review: Review, catalogue: Catalogue, prompt: Prompt) -> str:
    rc = catalogue.recommendations
    if not review.recommendations:
        return _placeholder(catalogue)
    parts = []
    for i, r in enumerate(review.recommendations, 1):
        lines = [f"### {md.inline(rc.title('recommendation'))} {i}", ""]
        lines.append(
            md.block(r.recommendation) if r.recommendation.strip() else _placeholder(catalogue)
        )
        for fid in ("actions", "lead", "target_date", "resources", "evidence"):
            value = uk(r.target_date) if fid == "target_date" else str(getattr(r, fid))
            shown = md.block(value) if value.strip() else _placeholder(catalogue)
            lines += ["", f"**{md.inline(rc.title(fid))}:** {shown}"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


Renderer = Callable[[Review, Catalogue, Prompt], str]
STRUCTURED: dict[str, Renderer] = {
    "period": _period,
    "headings": _headings,
    "chronology": _chronology,
    "recommendations": _recommendations,
}
NOT_EXPORTED = {"pseudonyms"}
"""Kinds the export leaves out: the pseudonym list is the key to an anonymised report."""
TABLE_SECTION_KINDS = {"text", "date", "adults", *NOT_EXPORTED}


def glossary_rows(
    review: Review, catalogue: Catalogue, glossary: Glossary
) -> list[tuple[str, str]]:
    """The glossary boards ask for: each accepted abbreviation the review uses, A to Z."""
    accepted = {a.casefold() for a in review.accepted_abbreviations}
    used = [a for a in used_abbreviations(catalogue, review, glossary) if a.casefold() in accepted]
    return [(a, glossary.meaning(a)) for a in sorted(used, key=str.casefold)]


def _glossary(review: Review, catalogue: Catalogue, glossary: Glossary) -> list[str]:
    """The glossary as Markdown: a heading, its introduction and a table."""
    found = glossary_rows(review, catalogue, glossary)
    if not found:
        return []
    rows = [[md.cell(a), md.cell(meaning)] for a, meaning in found]
    out = [f"## {md.heading_text(glossary.heading)}"]
    if glossary.introduction.strip():
        out.append(md.block(glossary.introduction))
    header = [md.cell(glossary.abbreviation_title), md.cell(glossary.meaning_title)]
    out.append(md.table(header, rows))
    return out


def to_markdown(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    *,
    age_at: date | None = None,
) -> str:
    """The whole review as Markdown, mirroring the template's headings and order.

    Given the glossary, a review that keeps abbreviations (accepted by the author)
    ends with a glossary of those it uses, as boards require. Given ``age_at``, the
    details show each adult's age on that day instead of the date of birth.
    """
    out = [f"# {md.heading_text(catalogue.title)}"]
    out += [md.block(p) for p in catalogue.introduction]
    all_steps = steps(catalogue, review)
    for section in catalogue.sections:
        if section.heading:
            out.append(f"## {md.heading_text(section.heading)}")
        if all(p.kind in TABLE_SECTION_KINDS for p in section.prompts):
            rows = _label_rows(review, catalogue, section, age_at)
            out.append(md.table(["Item", "Answer"], rows))
            continue
        mine = [s for s in all_steps if s.section.id == section.id]
        for prompt in section.prompts:
            if prompt.kind == "tor_analysis" and not any(s.prompt is prompt for s in mine):
                out += [f"### {md.heading_text(prompt.title)}", _placeholder(catalogue)]
        for step in mine:
            prompt = step.prompt
            if prompt.kind in NOT_EXPORTED:
                continue
            if prompt.kind in STRUCTURED:
                out.append(STRUCTURED[prompt.kind](review, catalogue, prompt))
                continue
            out.append(f"### {md.heading_text(step.title)}")
            if step.heading_id:
                out.append(_analysis(review, catalogue, step))
                continue
            if prompt.guidance and prompt.guidance.strip() != prompt.title.strip():
                out.append(f"*{md.heading_text(prompt.guidance)}*")
            if prompt.kind == "date":
                value = _date_answer(review, prompt.id)
                out.append(md.block(value) if value else _placeholder(catalogue))
            else:
                out.append(_text(review, catalogue, prompt.id))
    if glossary is not None:
        out += _glossary(review, catalogue, glossary)
    return "\n\n".join(out) + "\n"
