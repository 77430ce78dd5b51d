"""The exports carry the template's own words where the template has them, the Markdown
and the Word document have one structure, and no placeholder is printed without a
prompt of the interview behind it."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from markdown_it import MarkdownIt
from markdown_it.token import Token

from imr_tui.checks import Glossary, glossary_path_for, load_glossary
from imr_tui.core.catalogue import Catalogue, load_catalogue
from imr_tui.core.example import load_example
from imr_tui.core.model import Review
from imr_tui.core.steps import is_answered, steps
from imr_tui.report import blocks as b
from imr_tui.report.markdown import render_markdown, to_markdown
from imr_tui.report.walker import walk
from imr_tui.report.word import to_docx

MD = MarkdownIt("commonmark").enable("table")

# The template's guidance, in the template's order, as the template words it.
TEMPLATE_WORDS = [
    "This document is intended to provide an IMR of the decisions, actions taken and"
    " services provided to the adult.",
    "Provide a brief factual and contextual summary of your agency's involvement with the"
    " adult for the time period identified for this safeguarding adult review.",
    "Provide reference for the source of factual information.",
    "Provide a comprehensive chronology of involvement by your agency and/or"
    " professional(s) in contact with the adult(s) over the period of time set out in the"
    " review's terms of reference. Please avoid abbreviation.",
    "The report author is expected to analyse the involvement of their agency. Consider the"
    " events that occurred, the decisions made, and the actions taken or not. It is"
    " important to get an understanding not only of what happened, but why, with the"
    " context of practice, the environment, leadership, commissioning models etc. The Terms"
    " of Reference should be referred to as headings to analyse practice against.",
    "Consider specifically",
    "Were practitioners sensitive to the needs of the adult at risk in their work,"
    " knowledgeable about the potential indicators of abuse or neglect, and about what to do"
    " if they had a concern about an adult at risk of abuse or neglect?",
    "Did the agency have policies and procedures for safeguarding adults at risk and acting"
    " on concerns about abuse or neglect?",
    "What were the key relevant points/opportunities for assessment and decision making in"
    " the case in relation to the adult? Do assessments and decisions appear to have been"
    " reached in an informed and professional way?",
    "Did action accord with assessments and decisions made? Were appropriate services"
    " offered/provided or relevant enquiries made in the light of assessments?",
    "Where relevant were appropriate care plans in place, reviewing processes complied with"
    " and how did they involve relevant risk assessment in protecting the adult?",
    "Were more senior managers or other agencies and professionals, involved at points they"
    " should have been?",
    "Was the work in this case consistent with agency policy and procedures for safeguarding"
    " adults at risk, and wider professional standards?",
    "Was mental capacity adequately assessed and recorded where appropriate?",
    "Was practice sensitive to any protected characteristics and identity of the adult?",
    "Are there any particular features of this case, or issues surrounding the death or"
    " injury of the adult(s), that you consider require further comment in respect of your"
    " agency's involvement?",
    "Is there good practice to highlight, as well as ways in which practice can be improved?",
    "Are there lessons from this case for the way in which this agency works to safeguard adults?",
    "Are there implications for ways of working?",
    "Are there implications for management and/or supervision?",
    "Are there implications for training (single or multi-agency)?",
    "Recommendations should be few in number, focused and specific, and capable of being"
    " implemented. Consideration should be given to the resources required to implementing"
    " the recommendations such as cost.",
]


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(glossary_path_for(None))


def example(catalogue: Catalogue) -> Review:
    return load_example(catalogue, today=date(2026, 6, 1))


def half_answered(catalogue: Catalogue) -> Review:
    """The worked example with every other prompt's answer taken away, no Terms of
    Reference headings (their analyses kept as removed headings' answers, one of them
    emptied) and a recommendation with empty fields."""
    review = example(catalogue)
    for i, prompt in enumerate(catalogue.prompts()):
        if i % 2 and prompt.kind in ("text", "long_text", "date"):
            review.set_answer(prompt.id, "")
    review.headings = review.headings[:1]
    first = review.headings[0].id
    review.heading_analysis[first].text = ""
    review.adults[0].date_of_birth = None
    review.recommendations[0].lead = ""
    return review


# ---------------------------------------------------------------- reading the exports


def _inline(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return norm("".join(parts))


def markdown_paragraphs(markdown: str) -> list[str]:
    """The text of every heading, paragraph and cell, in order."""
    return [_inline(t) for t in MD.parse(markdown) if t.type == "inline"]


def markdown_headings(markdown: str) -> list[tuple[int, str]]:
    """``(level, text)`` of each heading, the title at level 0 (as Word's Title style)."""
    tokens = MD.parse(markdown)
    return [
        (int(t.tag[1]) - 1, _inline(tokens[i + 1]))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def word_paragraphs(data: bytes) -> list[str]:
    return [norm(p.text) for p in Document(io.BytesIO(data)).paragraphs]


def word_headings(data: bytes) -> list[tuple[int, str]]:
    """``(level, text)`` of each paragraph styled Title (0) or Heading N (N)."""
    out = []
    for p in Document(io.BytesIO(data)).paragraphs:
        style = p.style.name if p.style is not None else ""
        if style == "Title":
            out.append((0, norm(p.text)))
        elif style.startswith("Heading "):
            out.append((int(style.removeprefix("Heading ")), norm(p.text)))
    return out


def in_order(found: list[str], wanted: list[str]) -> list[str]:
    """The wanted sentences not found in ``found`` in this order (each within one
    paragraph, after the paragraph holding the previous one)."""
    missing, at = [], 0
    for sentence in wanted:
        hit = next((i for i in range(at, len(found)) if norm(sentence) in found[i]), None)
        if hit is None:
            missing.append(sentence)
        else:
            at = hit
    return missing


# ---------------------------------------------------------------- the template's words


@pytest.mark.parametrize("which", ["empty", "example"])
def test_the_template_words_are_in_both_exports_in_its_order(
    catalogue: Catalogue, glossary: Glossary, which: str
) -> None:
    review = Review() if which == "empty" else example(catalogue)
    markdown = to_markdown(review, catalogue, glossary)
    assert in_order(markdown_paragraphs(markdown), TEMPLATE_WORDS) == []
    word = word_paragraphs(to_docx(review, catalogue, glossary))
    assert in_order(word, TEMPLATE_WORDS) == []
    # Said once: the analysis guidance is not repeated under its first heading.
    last = "The Terms of Reference should be referred to as headings to analyse practice against."
    assert sum(last in p for p in markdown_paragraphs(markdown)) == 1


def board_catalogue(tmp_path: Path, repo_root: Path, change: dict[str, str]) -> Catalogue:
    """A board's copy of the prompts folder with some of the catalogue's text changed."""
    folder = tmp_path / "prompts"
    shutil.copytree(repo_root / "prompts", folder)
    path = folder / "imr.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in change.items():
        assert text.count(old) >= 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return load_catalogue(folder)


def test_a_boards_catalogue_changes_the_export(
    tmp_path: Path, repo_root: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    ours = 'Please avoid abbreviation.",\n]'
    board = board_catalogue(
        tmp_path,
        repo_root,
        {
            ours: 'Please avoid abbreviation.",\n  "Write every date as 11/03/2025.",\n]',
            'questions_heading = "Consider specifically:"': 'questions_heading = "Points to cover"',
            'glossary_before = "endorsement"': 'glossary_before = ""',
            'protective_marking = "OFFICIAL-SENSITIVE"': 'protective_marking = "OFFICIAL"',
        },
    )
    review = example(board)
    markdown = to_markdown(review, board, glossary)
    found = markdown_paragraphs(markdown)
    assert in_order(found, [TEMPLATE_WORDS[3], "Write every date as 11/03/2025."]) == []
    headings = markdown_headings(markdown)
    assert (2, "Points to cover") in headings
    assert (2, "Consider specifically") not in headings
    assert headings[-1] == (1, glossary.heading)  # at the end, as this board asks
    assert " · OFFICIAL · " in markdown.splitlines()[2]
    assert "OFFICIAL-SENSITIVE" not in markdown
    # The shipped catalogue: the glossary before the endorsement.
    shipped = markdown_headings(to_markdown(review, catalogue, glossary))
    assert shipped[-2:] == [(1, glossary.heading), (1, "ENDORSEMENT")]


# ---------------------------------------------------------------- one structure


@pytest.mark.parametrize("which", ["empty", "example", "half"])
def test_markdown_and_word_have_the_same_headings(
    catalogue: Catalogue, glossary: Glossary, which: str
) -> None:
    review = {"empty": Review, "example": lambda: example(catalogue)}.get(
        which, lambda: half_answered(catalogue)
    )()
    markdown = markdown_headings(to_markdown(review, catalogue, glossary))
    word = word_headings(to_docx(review, catalogue, glossary))
    assert markdown == word
    # The analysis: against the Terms of Reference, then the template's questions.
    at = markdown.index((1, "ANALYSIS OF INVOLVEMENT"))
    assert markdown[at + 1] == (2, catalogue.prompt("tor_analysis").title)
    analysis = next(s for s in catalogue.sections if s.id == "analysis")
    questions = [p.title for p in analysis.prompts if p.kind == "long_text"]
    q_at = markdown.index((2, "Consider specifically"))
    assert markdown[q_at + 1 : q_at + 1 + len(questions)] == [(3, t) for t in questions]
    tor = [(3, s.title) for s in steps(catalogue, review) if s.heading_id]
    assert markdown[at + 2 : q_at] == tor


# ---------------------------------------------------------------- placeholders


def placeholders(blocks: list[b.Block]) -> list[str]:
    """The step behind every placeholder the blocks print (one entry per placeholder)."""
    out: list[str] = []
    for block in blocks:
        match block:
            case b.Placeholder():
                out.append(block.step)
            case b.Labelled():
                out += [block.step for v in block.values if not v.strip()]
            case b.Table() if block.kind != "glossary":
                for row, step in zip(
                    block.rows, block.steps or ("",) * len(block.rows), strict=True
                ):
                    out += [
                        step
                        for i, cell in enumerate(row)
                        if i in block.placeholder_columns and not cell.strip()
                    ]
            case b.Recommendations():
                for item in block.items:
                    empty = [item.text, *(v for f in item.fields for v in f.values)]
                    out += [block.step for v in empty if not v.strip()]
    return out


@pytest.mark.parametrize("which", ["empty", "half"])
def test_every_placeholder_has_a_prompt_behind_it(catalogue: Catalogue, which: str) -> None:
    review = Review() if which == "empty" else half_answered(catalogue)
    blocks = walk(review, catalogue)  # no glossary: its unknown meanings are not prompts
    by_id = {s.id: s for s in steps(catalogue, review)}
    behind = placeholders(blocks)
    assert behind and all(step in by_id for step in behind), behind
    for block in blocks:
        if isinstance(block, b.Placeholder):
            assert not is_answered(by_id[block.step], review), block.step
    # Every placeholder the Markdown prints is one of these.
    markdown = render_markdown(blocks)
    assert markdown.count(catalogue.placeholder) == len(behind)
    # No analysis printed under a heading no prompt asks for.
    if which == "empty":
        assert "tor_analysis" not in behind
        assert catalogue.no_headings_note in markdown


# ---------------------------------------------------------------- the masthead


def test_the_masthead_line(catalogue: Catalogue, fixed_clock: object) -> None:
    review = Review()
    review.set_answer("agency", "Acme *Trust* | [x](y)")
    review.set_answer("review_reference", "SAR\nAdult <b>Z</b>")
    draft = to_markdown(review, catalogue)
    line = markdown_paragraphs(draft)[1]
    assert (
        line
        == "DRAFT · 01/06/2026 · OFFICIAL-SENSITIVE · Acme *Trust* | [x](y) · SAR Adult <b>Z</b>"
    )
    final = to_markdown(review, catalogue, edition=b.Edition(True, 2, date(2026, 7, 3)))
    assert markdown_paragraphs(final)[1].startswith("FINAL · Version 2 · 03/07/2026 · ")


def test_the_timeline_is_a_picture_with_its_file_and_text_without(catalogue: Catalogue) -> None:
    timeline = b.Timeline(
        "Contacts [per] month",
        date(2025, 1, 1),
        date(2025, 12, 31),
        (date(2025, 1, 1), date(2025, 12, 31)),
        (b.TimelineLane("", (b.TimelinePoint(date(2025, 3, 1), date(2025, 3, 1), False),)),),
        28,
    )
    # Without the picture: its caption and the same facts as text (as on the screen).
    assert render_markdown([timeline]) == (
        "*Contacts \\[per\\] month*\n\n"
        "2025 Jan · Feb · Mar 1 Apr · May · Jun · Jul · Aug · Sep · Oct · Nov · Dec ·\\\n"
        "2 gaps over 28 days (longest 305 days from 02/03/2025)\n"
    )
    drawn = render_markdown([timeline], timeline_file="my review.timeline.png")
    images = [c for t in MD.parse(drawn) for c in t.children or [] if c.type == "image"]
    alts = ["".join(c.content for c in i.children or []) for i in images]
    assert [(i.attrs["src"], alt) for i, alt in zip(images, alts, strict=True)] == [
        ("my%20review.timeline.png", "Contacts [per] month")
    ]
    assert markdown_paragraphs(drawn)[-1] == "Contacts [per] month"


def test_the_timeline_follows_the_chronology_table(catalogue: Catalogue) -> None:
    blocks = walk(example(catalogue), catalogue)
    at = next(i for i, x in enumerate(blocks) if isinstance(x, b.Table) and x.kind == "chronology")
    timeline = blocks[at + 1]
    assert isinstance(timeline, b.Timeline)
    assert timeline.title == catalogue.export.timeline_title
    # An empty chronology has neither table nor timeline.
    empty = walk(Review(), catalogue)
    assert not any(isinstance(x, b.Timeline) for x in empty)
    assert not any(isinstance(x, b.Table) and x.kind == "chronology" for x in empty)


def _glossary_rows(markdown: str, heading: str) -> dict[str, str]:
    """The glossary table's rows (abbreviation -> meaning) as a Markdown reader sees them."""
    tokens = MD.parse(markdown)
    at = next(
        i
        for i, t in enumerate(tokens)
        if t.type == "inline" and t.content == heading and tokens[i - 1].type == "heading_open"
    )
    rows: dict[str, str] = {}
    cells: list[str] = []
    for t in tokens[at:]:
        if t.type == "table_close":
            break
        if t.type == "tr_open":
            cells = []
        elif t.type == "inline" and cells is not None:
            cells.append("".join(c.content for c in t.children or [] if c.type == "text"))
        elif t.type == "tr_close" and len(cells) == 2:
            rows[cells[0]] = cells[1]
    rows.pop("Abbreviation", None)  # the heading row
    return rows


def test_the_glossary_lists_every_abbreviation_the_checks_find(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    from imr_tui.checks import run_checks

    review = load_example(catalogue)
    review.set_answer(
        "summary", review.answer("summary") + "\n\nThe CMHT, the GP and the SPA met at A&E."
    )
    review.accepted_abbreviations = []
    found = {f.abbreviation for f in run_checks(catalogue, review, glossary) if f.abbreviation}
    assert {"CMHT", "GP", "SPA", "A&E", "DNA"} <= found
    rows = _glossary_rows(to_markdown(review, catalogue, glossary), glossary.heading)
    assert found <= set(rows), found - set(rows)
    assert rows["CMHT"] == "Community Mental Health Team"
    assert rows["SPA"] == catalogue.placeholder  # not known: its meaning is asked for
    assert rows["DNA"] == glossary.meaning("DNA")  # ambiguous: every meaning until one is given
    assert "IMR" in rows and "NHS" in rows  # the template's words and the well known too
    # Given the meanings, the glossary says them.
    review.abbreviation_meanings = {"SPA": "Single Point of Access", "DNA": "Did Not Attend"}
    rows = _glossary_rows(to_markdown(review, catalogue, glossary), glossary.heading)
    assert (rows["SPA"], rows["DNA"]) == ("Single Point of Access", "Did Not Attend")
