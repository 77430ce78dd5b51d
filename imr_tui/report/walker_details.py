"""The walker's tables of short answers: the details at the top of the template and the
endorsement, with each adult's date of birth (or, in an anonymised report, age)."""

from __future__ import annotations

from datetime import date

from imr_tui.core.catalogue import Catalogue, Prompt, Section
from imr_tui.core.dates import uk
from imr_tui.core.model import Adult, Review
from imr_tui.report import blocks as b
from imr_tui.report.walker_analysis import date_answer

NOT_EXPORTED = {"pseudonyms"}
"""Kinds the export leaves out: the pseudonym list is the key to an anonymised report."""
DETAILS_HEADER = ("Item", "Answer")
"""The heading row Markdown needs above a table of labelled rows (Word shows none)."""


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


def detail_rows(
    review: Review, section: Section, age_at: date | None = None, age_basis: str = ""
) -> list[tuple[str, str]]:
    """``(label, answer)`` for a section of short answers (details, endorsement).

    ``age_at`` and ``age_basis`` as for :func:`dob_label_and_values`.
    """
    rows: list[tuple[str, str]] = []
    for p in _shown_prompts(review, section):
        label = p.label or p.title
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


def _shown_prompts(review: Review, section: Section) -> list[Prompt]:
    """The section's prompts that have a row: never the pseudonym list, and an optional
    prompt only when answered (an optional answer left empty is not missing, so the
    report prints no placeholder for it: the author's agency when it is the agency)."""
    return [
        p
        for p in section.prompts
        if p.kind not in NOT_EXPORTED and (p.required or p.kind == "adults" or _answered(review, p))
    ]


def _answered(review: Review, prompt: Prompt) -> bool:
    return bool(review.answer(prompt.id).strip())


def detail_steps(review: Review, section: Section) -> list[str]:
    """The id of the step behind each row of :func:`detail_rows` (both of the adults' rows
    are answered by the adults' step)."""
    out: list[str] = []
    for p in _shown_prompts(review, section):
        out += [p.id, p.id] if p.kind == "adults" else [p.id]
    return out


def details_table(
    review: Review, catalogue: Catalogue, section: Section, age_at: date | None, age_basis: str
) -> b.Table:
    """A section of short answers as a table of labelled rows (the placeholder in an empty
    answer), each row naming the step that answers it."""
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
        steps=tuple(detail_steps(review, section)),
    )
