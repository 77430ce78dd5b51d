"""The one walk of the template that every report is drawn from.

:func:`walk` gives the whole review as blocks (see :mod:`imr_tui.report.blocks`) in the
template's order: the title and introduction; each section with its details table,
review period, Terms of Reference headings, chronology, analysis against each heading
(a removed heading's kept answer with a note), recommendations and answers with their
guidance; the placeholder wherever an answer is missing; and the glossary of accepted
abbreviations at the end. The pseudonym list is never part of a report. The Markdown
and Word exports, the review screen and the composite chronology all render these
blocks, so they always say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from imr_tui.checks import Glossary, used_abbreviations
from imr_tui.core.catalogue import Catalogue, Prompt, Section
from imr_tui.core.dates import from_stored, uk
from imr_tui.core.model import Adult, ChronologyEntry, Review
from imr_tui.core.steps import Step, steps
from imr_tui.report import blocks as b

NOT_EXPORTED = {"pseudonyms"}
"""Kinds the export leaves out: the pseudonym list is the key to an anonymised report."""
TABLE_SECTION_KINDS = {"text", "date", "adults", *NOT_EXPORTED}
"""A section made only of these kinds is a table of short answers (details, endorsement)."""
REFERENCE = "Ref. {reference}"
"""How an entry's own record number is shown, on a line of its own under its source."""
RECOMMENDATION_FIELDS = ("actions", "lead", "target_date", "resources", "evidence")
"""A recommendation's labelled fields, in the order the template gives them."""
DETAILS_HEADER = ("Item", "Answer")


def age(born: date, on: date) -> int:
    """Age in whole years on a day."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def dob_label_and_values(
    review: Review, age_at: date | None, age_basis: str = ""
) -> tuple[str, list[str]]:
    """The details' date-of-birth row, one value per named adult, in order.

    Without ``age_at`` (a named report): ``DOB`` with each date of birth, followed by
    the date of death when known (``10/01/1945, died 05/01/2025``). With ``age_at`` (an
    anonymised report): ``Age``, never a date: the age at death when the date of death
    is known (``aged 79 at death``), otherwise the age on ``age_at``, saying on what
    (``aged 80 at the end of the review period``; just ``aged 80`` when ``age_basis`` is
    empty).
    """
    named = [a for a in review.adults if a.name.strip()]
    if age_at is None:
        values = []
        for a in named:
            died = f", died {uk(a.date_of_death)}" if a.date_of_death else ""
            values.append((uk(a.date_of_birth) or "unknown") + died)
        return "DOB", values
    return "Age", [age_words(a, age_at, age_basis) for a in named]


def age_words(adult: Adult, age_at: date, age_basis: str = "") -> str:
    """An adult's age in words for an anonymised report (see :func:`dob_label_and_values`)."""
    if adult.date_of_birth is None:
        return "age unknown"
    on, basis = (adult.date_of_death, "death") if adult.date_of_death else (age_at, age_basis)
    years = age(adult.date_of_birth, on)
    if years < 0:
        return "age unknown"
    return f"aged {years} at {basis}" if basis else f"aged {years}"


def date_answer(review: Review, prompt_id: str) -> str:
    """A date prompt's answer as shown (``11/03/2025``), or as stored if it is not a date."""
    value = review.answer(prompt_id)
    if not value:
        return ""
    try:
        return from_stored(value, False).display()
    except ValueError:
        return value


def detail_rows(
    review: Review, section: Section, age_at: date | None = None, age_basis: str = ""
) -> list[tuple[str, str]]:
    """``(label, answer)`` for a section of short answers (details, endorsement).

    ``age_at`` and ``age_basis`` as for :func:`dob_label_and_values`.
    """
    rows: list[tuple[str, str]] = []
    for p in section.prompts:
        label = p.label or p.title
        if p.kind in NOT_EXPORTED:
            continue
        if p.kind == "adults":
            names = [a.name for a in review.adults if a.name.strip()]
            dob_label, dobs = dob_label_and_values(review, age_at, age_basis)
            rows.append((label, "\n".join(names)))
            rows.append((dob_label, "\n".join(dobs)))
        elif p.kind == "date":
            rows.append((label, date_answer(review, p.id)))
        else:
            rows.append((label, review.answer(p.id)))
    return rows


def glossary_rows(
    review: Review, catalogue: Catalogue, glossary: Glossary
) -> list[tuple[str, str]]:
    """The glossary boards ask for: each accepted abbreviation the review uses, A to Z."""
    accepted = {a.casefold() for a in review.accepted_abbreviations}
    used = [a for a in used_abbreviations(catalogue, review, glossary) if a.casefold() in accepted]
    return [(a, glossary.meaning(a)) for a in sorted(used, key=str.casefold)]


# ---------------------------------------------------------------- pieces merge reuses too


def chronology_table(catalogue: Catalogue, rows: Iterable[tuple[ChronologyEntry, str]]) -> b.Table:
    """The chronology as a table: each entry given with the source to show for it.

    A period's date cell reads ``11/03/2025 – 18/03/2025`` (its time cell
    ``09:00 – 17:00``). The agency's own record number goes under the source
    (:data:`REFERENCE`) rather than in a column of its own: few entries have one, the
    table already fills a landscape page, and the number says where the source is.
    """
    ch = catalogue.chronology
    cells = tuple(
        (
            e.shown_dates(),
            e.shown_times(),
            "\n".join(
                t for t in (source, e.reference and REFERENCE.format(reference=e.reference)) if t
            ),
            *(e.cells.get(c.id, "") for c in ch.columns),
        )
        for e, source in rows
    )
    # Narrow date and time, wider free-text columns.
    weights = (1.9, 1.0, 1.6, *(2.3 if c.long else 1.4 for c in ch.columns))
    authored = frozenset(range(2, 3 + len(ch.columns)))
    head = (ch.date_title, ch.time_title, ch.source_title, *(c.title for c in ch.columns))
    return b.Table(
        "chronology",
        head,
        cells,
        weights,
        authored_columns=authored,
        repeat_header=True,
    )


def recommendation_blocks(review: Review, catalogue: Catalogue, level: int = 2) -> list[b.Block]:
    """A review's recommendations, each headed at ``level`` (the placeholder when none)."""
    rc = catalogue.recommendations
    if not review.recommendations:
        return [b.Placeholder(catalogue.placeholder)]
    items = []
    for i, r in enumerate(review.recommendations, 1):
        fields = tuple(
            b.Labelled(
                rc.title(fid),
                (uk(r.target_date) if fid == "target_date" else str(getattr(r, fid)),),
                catalogue.placeholder,
            )
            for fid in RECOMMENDATION_FIELDS
        )
        heading = f"{rc.title('recommendation')} {i}"
        items.append(b.RecommendationItem(heading, r.recommendation, fields))
    return [b.Recommendations(level, tuple(items), catalogue.placeholder)]


# ---------------------------------------------------------------- the parts of the template


def _text(value: str, placeholder: str) -> b.Block:
    return b.Paragraph(value, authored=True) if value.strip() else b.Placeholder(placeholder)


def _details(
    review: Review, catalogue: Catalogue, section: Section, age_at: date | None, age_basis: str
) -> b.Table:
    rows = tuple(detail_rows(review, section, age_at, age_basis))
    return b.Table(
        "details",
        DETAILS_HEADER,
        rows,
        (1.0, 2.0),
        placeholder=catalogue.placeholder,
        placeholder_columns=frozenset({1}),
        authored_columns=frozenset({1}),
        labels=True,
    )


def _structured(review: Review, catalogue: Catalogue, prompt: Prompt) -> list[b.Block]:
    placeholder = catalogue.placeholder
    if prompt.kind == "period":
        rp = review.review_period
        return [b.Labelled(prompt.title, (uk(rp.start), uk(rp.end)), placeholder)]
    if prompt.kind == "headings":
        titles = tuple(h.title for h in review.headings if h.title.strip())
        if not titles:
            return [b.Labelled(prompt.title, ("",), placeholder)]
        return [b.NumberedList(prompt.title, titles)]
    if prompt.kind == "chronology":
        entries = review.sorted_chronology()
        table = chronology_table(catalogue, ((e, e.source) for e in entries))
        return [table] if entries else [b.Placeholder(placeholder), table]
    return recommendation_blocks(review, catalogue)


STRUCTURED = {"period", "headings", "chronology", "recommendations"}
"""Kinds shown as their own blocks, without a heading of their own."""


def _step(review: Review, catalogue: Catalogue, step: Step) -> list[b.Block]:
    prompt = step.prompt
    out: list[b.Block] = [b.Heading(2, step.title, authored=bool(step.heading_id))]
    if step.heading_id:
        if step.removed:
            out.append(b.Paragraph(catalogue.removed_heading_note, italic=True))
        kept = review.heading_analysis.get(step.heading_id)
        out.append(_text(kept.text if kept else "", catalogue.placeholder))
        return out
    if prompt.guidance and prompt.guidance.strip() != prompt.title.strip():
        out.append(b.Paragraph(prompt.guidance, italic=True))
    if prompt.kind == "date":
        out.append(_text(date_answer(review, prompt.id), catalogue.placeholder))
    else:
        out.append(_text(review.answer(prompt.id), catalogue.placeholder))
    return out


def _glossary(review: Review, catalogue: Catalogue, glossary: Glossary) -> list[b.Block]:
    found = glossary_rows(review, catalogue, glossary)
    if not found:
        return []
    out: list[b.Block] = [b.Section(glossary.heading, glossary.heading)]
    if glossary.introduction.strip():
        out.append(b.Paragraph(glossary.introduction))
    head = (glossary.abbreviation_title, glossary.meaning_title)
    out.append(b.Table("glossary", head, tuple(found), (1.0, 3.0), repeat_header=True))
    return out


def walk(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    *,
    age_at: date | None = None,
    age_basis: str = "",
) -> list[b.Block]:
    """The whole review as blocks, in the template's order (see the module's description).

    Given the glossary, a review that keeps abbreviations ends with a glossary of those
    it uses. Given ``age_at``, the details give each adult's age instead of any date: at
    death when the date of death is known (``aged 79 at death``), otherwise on
    ``age_at``, said to be at ``age_basis`` when given (``aged 80 at the end of the
    review period``). Without it, the date of birth and any date of death.
    """
    out: list[b.Block] = [b.Title(catalogue.title)]
    out += [b.Paragraph(p) for p in catalogue.introduction]
    all_steps = steps(catalogue, review)
    for section in catalogue.sections:
        wide = any(p.kind == "chronology" for p in section.prompts)
        out.append(b.Section(section.title, section.heading, landscape=wide))
        if all(p.kind in TABLE_SECTION_KINDS for p in section.prompts):
            out.append(_details(review, catalogue, section, age_at, age_basis))
            continue
        mine = [s for s in all_steps if s.section.id == section.id]
        for prompt in section.prompts:
            if prompt.kind == "tor_analysis" and not any(s.prompt is prompt for s in mine):
                out += [b.Heading(2, prompt.title), b.Placeholder(catalogue.placeholder)]
        for step in mine:
            if step.prompt.kind in NOT_EXPORTED:
                continue
            if step.prompt.kind in STRUCTURED:
                out += _structured(review, catalogue, step.prompt)
            else:
                out += _step(review, catalogue, step)
    if glossary is not None:
        out += _glossary(review, catalogue, glossary)
    return out
