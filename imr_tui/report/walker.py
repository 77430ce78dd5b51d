"""The one walk of the template that every report is drawn from.

:func:`walk` gives the whole review as blocks (see :mod:`imr_tui.report.blocks`) in the
template's order: the title, the masthead (agency, review, protective marking, draft or
final, version, date) and the introduction; each section with the template's own words
under its heading (the catalogue's ``export_guidance``), then its details table, review
period, Terms of Reference headings, chronology, analysis (see
:mod:`imr_tui.report.walker_analysis`), recommendations and answers with their guidance;
the placeholder wherever an answer is missing, each naming the interview's step that
answers it; and the glossary, before the section the catalogue names
(``export.glossary_before``) or at the end. The pseudonym list is never part of a
report. The Markdown and Word exports, the review screen and the composite chronology
all render these blocks, so they always say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from imr_tui.checks import Glossary
from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue, Prompt, Section
from imr_tui.core.dates import uk
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.steps import Step, steps
from imr_tui.report import blocks as b
from imr_tui.report.comments_section import CommentBlocks
from imr_tui.report.glossary_section import glossary_blocks
from imr_tui.report.timeline import timeline_block
from imr_tui.report.walker_analysis import (
    date_answer,
    labelled_blocks,
    prompt_blocks,
    questions_heading_text,
    tor_analysis_blocks,
)
from imr_tui.report.walker_details import (
    NOT_EXPORTED,
    age,
    age_words,
    detail_rows,
    details_table,
    dob_label_and_values,
)

__all__ = [  # kept importable from here, where callers found them
    "NOT_EXPORTED",
    "age",
    "age_words",
    "date_answer",
    "detail_rows",
    "dob_label_and_values",
]

TABLE_SECTION_KINDS = {"text", "date", "adults", *NOT_EXPORTED}
"""A section made only of these kinds is a table of short answers (details, endorsement)."""
REFERENCE = "Ref. {reference}"
"""How an entry's own record number is shown, on a line of its own under its source."""
RECOMMENDATION_FIELDS = ("actions", "lead", "target_date", "resources", "evidence")
"""A recommendation's labelled fields, in the order the template gives them."""
AGENCY_PROMPT = "agency"
"""The prompt whose answer names the agency on every page."""
REVIEW_PROMPT = "review_reference"
"""The prompt whose answer names the review on every page."""


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


def approximate_note(catalogue: Catalogue, entries: Iterable[ChronologyEntry]) -> list[b.Block]:
    """The catalogue's note on what a ``?`` before a date means, in italics, when an
    entry's date (or end) is approximate; nothing otherwise."""
    note = catalogue.chronology.approximate_note
    if note.strip() and any(e.approximate or e.end_approximate for e in entries):
        return [b.Paragraph(note, italic=True)]
    return []


def recommendation_blocks(
    review: Review, catalogue: Catalogue, level: int = 2, notes: CommentBlocks | None = None
) -> list[b.Block]:
    """A review's recommendations, each headed at ``level`` (the placeholder when none).

    Given ``notes`` (an export with comments), each recommendation is a block of its own
    followed by the comments on it (it reads the same: each has its own heading).
    """
    rc = catalogue.recommendations
    prompt = catalogue.prompt_of_kind("recommendations")
    step = prompt.id if prompt else ""
    if not review.recommendations:
        return [b.Placeholder(catalogue.placeholder, step=step)]
    items = []
    for i, r in enumerate(review.recommendations, 1):
        fields = tuple(
            b.Labelled(
                rc.title(fid),
                (uk(r.target_date) if fid == "target_date" else str(getattr(r, fid)),),
                catalogue.placeholder,
                step=step,
            )
            for fid in RECOMMENDATION_FIELDS
        )
        heading = f"{rc.title('recommendation')} {i}"
        items.append(b.RecommendationItem(heading, r.recommendation, fields))
    if notes is None:
        return [b.Recommendations(level, tuple(items), catalogue.placeholder, step=step)]
    out: list[b.Block] = []
    for r, item in zip(review.recommendations, items, strict=True):
        out.append(b.Recommendations(level, (item,), catalogue.placeholder, step=step))
        out += notes.take_kind("recommendation", [r.id], level + 1)
    return out


# ---------------------------------------------------------------- the parts of the template


def masthead(review: Review, catalogue: Catalogue, edition: b.Edition | None) -> b.Masthead:
    """What the report says of itself: agency, review, marking, status, version, date.

    ``edition`` ``None`` is a draft dated today.
    """
    ed = edition or b.Edition()
    settings = catalogue.export
    return b.Masthead(
        agency=" ".join(review.answer(AGENCY_PROMPT).split()),
        review=" ".join(review.answer(REVIEW_PROMPT).split()),
        marking=settings.protective_marking,
        status=settings.final_label if ed.final else settings.draft_label,
        version=ed.version if ed.final else None,
        date=uk(ed.on or clock.today()),
    )


def _structured(
    review: Review, catalogue: Catalogue, prompt: Prompt, notes: CommentBlocks | None
) -> list[b.Block]:
    placeholder = catalogue.placeholder
    if prompt.kind == "period":
        rp = review.review_period
        return [b.Labelled(prompt.title, (uk(rp.start), uk(rp.end)), placeholder, step=prompt.id)]
    if prompt.kind == "headings":
        titles = tuple(h.title for h in review.headings if h.title.strip())
        if not titles:
            return [b.Labelled(prompt.title, ("",), placeholder, step=prompt.id)]
        return [b.NumberedList(prompt.title, titles)]
    if prompt.kind == "chronology":
        entries = review.sorted_chronology()
        about = [f"prompt:{prompt.id}", *(f"entry:{e.id}" for e in entries)]
        comments = notes.take(about, 2) if notes is not None else []
        if not entries:
            return [b.Placeholder(placeholder, step=prompt.id), *comments]
        timeline = timeline_block(review, catalogue)
        table = chronology_table(catalogue, ((e, e.source) for e in entries))
        out: list[b.Block] = [table, *approximate_note(catalogue, entries)]
        return [*out, *([] if timeline is None else [timeline]), *comments]
    return recommendation_blocks(review, catalogue, notes=notes)


STRUCTURED = {"period", "headings", "chronology", "recommendations"}
"""Kinds shown as their own blocks, without a heading of their own."""
SHORT = {"text", "date"}
"""Kinds shown as ``Label: answer`` when among longer answers (the review's name)."""


def _section_body(
    review: Review,
    catalogue: Catalogue,
    section: Section,
    all_steps: list[Step],
    notes: CommentBlocks | None = None,
) -> list[b.Block]:
    """A section of answers, in the catalogue's order (see the module's description);
    given ``notes``, each prompt's comments after its answer."""
    out: list[b.Block] = []
    level = 3 if section.questions_heading.strip() else 2
    asked = False
    for prompt in section.prompts:
        if prompt.kind in NOT_EXPORTED:
            continue
        below = 3 if asked else 2  # the level of a comments heading after this prompt
        if prompt.kind == "tor_analysis":
            mine = [s for s in all_steps if s.prompt is prompt]
            out += tor_analysis_blocks(review, catalogue, section, prompt, mine, notes)
        elif prompt.kind in STRUCTURED:
            out += _structured(review, catalogue, prompt, notes)
            if notes is not None and prompt.kind == "headings" and not _analysed(catalogue):
                out += notes.take_kind("heading", [h.id for h in review.headings], below)
        elif prompt.kind in SHORT:
            out += labelled_blocks(review, catalogue, prompt)
        else:
            if level == 3 and not asked:
                out.append(b.Heading(2, questions_heading_text(section)))
                asked = True
            step = next(s for s in all_steps if s.prompt is prompt)
            out += prompt_blocks(review, catalogue, section, step, level)
            below = level + 1
        if notes is not None:
            out += notes.prompts([prompt.id], below)
    return out


def _analysed(catalogue: Catalogue) -> bool:
    """Whether the template analyses each Terms of Reference heading (the comments on a
    heading then come after its analysis, else after the list of headings)."""
    return any(p.kind == "tor_analysis" for p in catalogue.prompts())


def walk(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    *,
    age_at: date | None = None,
    age_basis: str = "",
    edition: b.Edition | None = None,
    comments: bool = False,
) -> list[b.Block]:
    """The whole review as blocks, in the template's order (see the module's description).

    ``edition`` says whether it is a draft or a final version (``None``: a draft dated
    today). Given the glossary, the report has a glossary of every abbreviation it uses
    (:func:`imr_tui.report.glossary_section.glossary_blocks`), before the section
    ``catalogue.export.glossary_before`` (at the end when that is
    empty). Given ``age_at``, the details give each adult's age instead of any date: at
    death when the date of death is known (``aged 79 at death``), otherwise on
    ``age_at``, said to be at ``age_basis`` when given (``aged 80 at the end of the
    review period``). Without it, the date of birth and any date of death.

    ``comments`` (``imr export --with-comments`` only): the review's comments, each
    after what it is about, and those whose place was deleted in a last part
    (:mod:`imr_tui.report.comments_section`). Without it, no comment is in the blocks.
    The comments play no part in the glossary: it is the same with them or without.
    """
    notes = CommentBlocks(review, catalogue) if comments else None
    out: list[b.Block] = [b.Title(catalogue.title), masthead(review, catalogue, edition)]
    out += [b.Paragraph(p) for p in catalogue.introduction]
    all_steps = steps(catalogue, review)
    glossary_at: int | None = None
    for section in catalogue.sections:
        if section.id == catalogue.export.glossary_before:
            glossary_at = len(out)
        wide = any(p.kind == "chronology" for p in section.prompts)
        out.append(b.Section(section.title, section.heading, landscape=wide))
        out += [b.Paragraph(t, italic=True) for t in section.export_guidance if t.strip()]
        if all(p.kind in TABLE_SECTION_KINDS for p in section.prompts):
            out.append(details_table(review, catalogue, section, age_at, age_basis))
        else:
            out += _section_body(review, catalogue, section, all_steps, notes)
        if notes is not None:  # a table's prompts, and any the body did not show
            out += notes.prompts([p.id for p in section.prompts], 2)
    if notes is not None:
        out += notes.last_parts()
    if glossary is not None:
        at = len(out) if glossary_at is None else glossary_at
        # a comment is no part of the report's text: its words are never in the glossary
        text = out if notes is None else notes.without_comments(out)
        out[at:at] = glossary_blocks(text, review, catalogue, glossary)
    return out
