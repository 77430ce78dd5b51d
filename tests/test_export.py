"""The Markdown export follows the template, and whatever the author typed stays text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.report.markdown import to_markdown

PLACEHOLDER = "Not yet answered"
HOSTILE_LINES = [
    "# not a heading",
    "---",
    "=== not a heading either",
    "===",
    "> not a quote",
    "1. not a list",
    "2) nor this",
    "- nor this",
    "+ nor this",
    "* nor this",
    "",
    "    four-space indent is not code",
    "\tnor is a tab",
    "```",
    "~~~",
    "<script>alert(1)</script>",
    "<b>bold</b> &amp; &copy; &#65;",
    "[link](http://x) ![img](x) <http://auto.link> [ref]",
    "[ref]: http://x 'a link definition'",
    "a | pipe | or two |",
    "**not bold** _x_ __y__ *z* `not code` ~~not struck~~",
    "a backslash at the end \\",
    "two spaces at the end  ",
    "emoji 😀 and 👩🏽‍⚕️",
    "",
    "",
    "- - -",
    "<!-- not a comment -->",
    "a line before what looks like a setext underline",
    "---",
]


def hostile(label: str) -> str:
    """A multi-line answer, CR LF line ends, every line of it trying to be Markdown."""
    return "\r\n".join([f"{label} begins", *HOSTILE_LINES, f"{label} ends"])


def hostile_line(label: str) -> str:
    """A one-line answer that tries to be Markdown."""
    return f"# {label} | with *stars* and <b>tags</b> \\ and 😀"


def norm(text: str) -> str:
    """Whitespace (line breaks included) collapsed: how text compares once rendered."""
    return " ".join(text.split())


# ---------------------------------------------------------------- reading the Markdown back

MD = MarkdownIt("commonmark").enable("table")


@dataclass
class Block:
    """A top-level block of the rendered document."""

    kind: str
    """``h1`` to ``h4``, ``p``, ``table``, ``ordered_list``, or any other token type."""
    text: str = ""
    """Rendered text of a heading or paragraph, whitespace normalised."""
    rows: list[list[str]] = field(default_factory=list)
    """Table rows (the header first), or one one-cell row per list item."""


def rendered(inline: Token) -> str:
    """The text a reader sees, rebuilt from an inline token's children."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or child.content == "<br>":
            parts.append("\n")
        elif child.type not in ("em_open", "em_close", "strong_open", "strong_close"):
            parts.append(f"<<{child.type}>>")  # anything else is not plain text
    return norm("".join(parts))


def parse(markdown: str) -> list[Block]:
    tokens = MD.parse(markdown)
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in ("heading_open", "paragraph_open"):
            kind = tok.tag if tok.type == "heading_open" else "p"
            blocks.append(Block(kind, rendered(tokens[i + 1])))
            i += 3
        elif tok.type in ("table_open", "ordered_list_open", "bullet_list_open"):
            kind = tok.type.removesuffix("_open")
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == f"{kind}_close")
            rows: list[list[str]] = []
            for inner in tokens[i + 1 : end]:
                if inner.type in ("tr_open", "list_item_open"):
                    rows.append([])
                elif inner.type == "inline":
                    rows[-1].append(rendered(inner))
            blocks.append(Block(kind, rows=rows))
            i = end + 1
        else:
            blocks.append(Block(tok.type))
            i += 1
    return blocks


def all_tokens(markdown: str) -> Iterator[Token]:
    for tok in MD.parse(markdown):
        yield tok
        yield from tok.children or []


HEADINGS = ("h1", "h2", "h3", "h4")


def outline(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks if b.kind in HEADINGS]


def under(blocks: list[Block], kind: str, text: str) -> list[Block]:
    """The blocks after a heading, up to the next heading."""
    start = next(i for i, b in enumerate(blocks) if (b.kind, b.text) == (kind, text)) + 1
    end = next(
        (i for i in range(start, len(blocks)) if blocks[i].kind in HEADINGS),
        len(blocks),
    )
    return blocks[start:end]


def paragraphs(blocks: list[Block]) -> str:
    assert all(b.kind == "p" for b in blocks), [b.kind for b in blocks]
    return norm(" ".join(b.text for b in blocks))


def table(blocks: list[Block], first_header: str) -> list[list[str]]:
    return next(b.rows for b in blocks if b.kind == "table" and b.rows[0][0] == first_header)


def prompt_ids(catalogue: Catalogue, section_id: str, kind: str = "long_text") -> list[str]:
    return [
        p.id for s in catalogue.sections if s.id == section_id for p in s.prompts if p.kind == kind
    ]


def h3s(catalogue: Catalogue, section_id: str, level: str = "h3") -> list[tuple[str, str]]:
    return [(level, catalogue.prompt(pid).title) for pid in prompt_ids(catalogue, section_id)]


def analysis_outline(catalogue: Catalogue, headings: list[str]) -> list[tuple[str, str]]:
    """The analysis part: against each Terms of Reference heading, then the set questions."""
    analysis = catalogue.sections[[s.id for s in catalogue.sections].index("analysis")]
    return [
        ("h3", catalogue.prompt("tor_analysis").title),
        *(("h4", h) for h in headings),
        ("h3", analysis.questions_heading.removesuffix(":")),
        *h3s(catalogue, "analysis", "h4"),
    ]


def level(catalogue: Catalogue, pid: str) -> str:
    """The heading level of a prompt answered in prose: the analysis questions are one
    level down, under the questions heading."""
    return "h4" if catalogue.section_of(pid).id == "analysis" else "h3"


def chronology_header(catalogue: Catalogue) -> list[str]:
    ch = catalogue.chronology
    return [ch.date_title, ch.time_title, ch.source_title, *(c.title for c in ch.columns)]


# ---------------------------------------------------------------- a hostile review


def hostile_review(catalogue: Catalogue) -> Review:
    """A review whose every answer tries to break the Markdown (the Word export uses it too)."""
    review = Review()
    for prompt in catalogue.prompts():
        if prompt.kind in ("text", "long_text"):
            review.set_answer(prompt.id, hostile(prompt.id))
    review.set_answer("completed_on", "2025-03-11")
    review.set_answer("endorsed_on", "2025-04-01")
    review.adults = [
        Adult(name=hostile_line("Adult A"), date_of_birth=date(1950, 2, 3)),
        Adult(name="Adult | B", date_of_birth=None),
    ]
    review.review_period = ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31))
    review.headings = [
        Heading(id="h1", title=hostile_line("First heading")),
        Heading(id="h2", title="- Second heading\r\nover two lines | with a pipe"),
        Heading(id="h3", title="1. Third heading ---"),
    ]
    review.heading_analysis = {
        "h1": HeadingAnalysis(heading="First heading", text=hostile("analysis one")),
        "h2": HeadingAnalysis(text=hostile("analysis two")),
        "gone": HeadingAnalysis(heading="> A removed heading", text=hostile("kept analysis")),
    }
    cells = {c.id: hostile(f"cell {c.id}") for c in catalogue.chronology.columns}
    review.chronology = [
        ChronologyEntry(date="2025-03-11", time="14:30", source=hostile("source one"), cells=cells),
        ChronologyEntry(date="2024-12", source="| source two |", cells={"event": "- event two"}),
        ChronologyEntry(date="", source="undated"),
        ChronologyEntry(date="2025-03-11", time="9:05", approximate=True, source="source three"),
    ]
    review.recommendations = [
        Recommendation(
            recommendation=hostile("recommendation one"),
            actions=hostile("actions one"),
            lead="# Head of Nursing",
            target_date=date(2026, 3, 31),
            resources=hostile("resources one"),
            evidence="> an audit",
        ),
        Recommendation(recommendation="1. Second recommendation"),
    ]
    return review


@pytest.fixture
def review(catalogue: Catalogue) -> Review:
    return hostile_review(catalogue)


def test_heading_tree(catalogue: Catalogue, review: Review) -> None:
    blocks = parse(to_markdown(review, catalogue))
    assert [t for k, t in outline(blocks) if k == "h2"] == [
        s.heading for s in catalogue.sections if s.heading
    ]
    assert outline(blocks) == [
        ("h1", "Individual Management Review"),
        ("h2", "TERMS OF REFERENCE"),
        ("h2", "SUMMARY"),
        *h3s(catalogue, "summary"),
        ("h2", "CHRONOLOGY OF AGENCY INVOLVEMENT"),
        ("h2", "ANALYSIS OF INVOLVEMENT"),
        *analysis_outline(
            catalogue,
            [
                norm(hostile_line("First heading")),
                "- Second heading over two lines | with a pipe",
                "1. Third heading ---",
                "> A removed heading",
            ],
        ),
        ("h2", "LEARNING"),
        *h3s(catalogue, "learning"),
        ("h2", "RECOMMENDATIONS FOR ACTION"),
        ("h3", "Recommendation 1"),
        ("h3", "Recommendation 2"),
        ("h2", "ENDORSEMENT"),
    ]


def test_no_markup_leaks_from_answers(catalogue: Catalogue, review: Review) -> None:
    markdown = to_markdown(review, catalogue)
    kinds = Counter(t.type for t in all_tokens(markdown))
    for forbidden in (
        "html_block",
        "code_block",
        "fence",
        "blockquote_open",
        "hr",
        "bullet_list_open",
        "link_open",
        "image",
        "s_open",
    ):
        assert kinds[forbidden] == 0, forbidden
    assert {t.content for t in all_tokens(markdown) if t.type == "html_inline"} == {"<br>"}
    # The one list is the exporter's own: the Terms of Reference headings.
    assert kinds["ordered_list_open"] == 1
    assert kinds["list_item_open"] == len(review.headings)


def test_answers_come_out_as_typed(catalogue: Catalogue, review: Review) -> None:
    blocks = parse(to_markdown(review, catalogue))
    for section in ("summary", "analysis", "learning"):
        for pid in prompt_ids(catalogue, section):
            prompt = catalogue.prompt(pid)
            body = under(blocks, level(catalogue, pid), prompt.title)
            assert body[0].text == norm(prompt.guidance), pid
            assert paragraphs(body[1:]) == norm(review.answer(pid)), pid
    assert paragraphs(under(blocks, "h4", norm(hostile_line("First heading")))) == norm(
        hostile("analysis one")
    )
    assert paragraphs(under(blocks, "h4", "- Second heading over two lines | with a pipe")) == (
        norm(hostile("analysis two"))
    )
    assert paragraphs(under(blocks, "h4", "1. Third heading ---")) == PLACEHOLDER
    removed = under(blocks, "h4", "> A removed heading")
    assert removed[0].text == catalogue.removed_heading_note
    assert paragraphs(removed[1:]) == norm(hostile("kept analysis"))


def test_terms_of_reference(catalogue: Catalogue, review: Review) -> None:
    review.set_answer("review_reference", hostile_line("SAR"))
    body = under(parse(to_markdown(review, catalogue)), "h2", "TERMS OF REFERENCE")
    assert [b.kind for b in body] == ["p", "p", "p", "ordered_list"]
    assert body[0].text == "Review: " + norm(hostile_line("SAR"))
    assert body[1].text == "Review period: 01/01/2024 to 31/12/2024"
    assert body[2].text == "Terms of Reference headings:"
    assert body[3].rows == [[norm(h.title)] for h in review.headings]


def test_chronology_table(catalogue: Catalogue, review: Review) -> None:
    body = under(parse(to_markdown(review, catalogue)), "h2", "CHRONOLOGY OF AGENCY INVOLVEMENT")
    # The template's guidance, the table, what its ? means (a date is approximate),
    # then the timeline's caption and its text.
    assert [b.kind for b in body] == ["p", "table", "p", "p", "p"]
    assert body[0].text == catalogue.sections[3].export_guidance[0]
    assert body[2].text == catalogue.chronology.approximate_note
    assert body[3].text == catalogue.export.timeline_title
    columns = catalogue.chronology.columns
    assert body[1].rows == [
        chronology_header(catalogue),
        [
            "?12/2024",
            "",
            "| source two |",
            *("- event two" if c.id == "event" else "" for c in columns),
        ],
        # Times as HH:MM, as in the composite chronology and the CSV export.
        ["?11/03/2025", "09:05", "source three", *("" for _ in columns)],
        [
            "11/03/2025",
            "14:30",
            norm(hostile("source one")),
            *(norm(hostile(f"cell {c.id}")) for c in columns),
        ],
        ["", "", "undated", *("" for _ in columns)],
    ]


def test_details_and_endorsement_tables(catalogue: Catalogue, review: Review) -> None:
    blocks = parse(to_markdown(review, catalogue))
    assert [b.kind for b in blocks[:6]] == ["h1", "p", "p", "p", "p", "table"]
    assert [b.text for b in blocks[2:5]] == catalogue.introduction

    def answer(pid: str) -> str:
        return norm(review.answer(pid))

    assert table(blocks, "Item") == [
        ["Item", "Answer"],
        ["Name of Agency", answer("agency")],
        ["Name of Adult(s)", norm(hostile_line("Adult A")) + " Adult | B"],
        ["DOB", "03/02/1950 unknown"],
        ["Name of author", answer("author_name")],
        ["Role of author", answer("author_role")],
        ["Agency of author", answer("author_agency")],
        ["Contact details of author", answer("author_contact")],
        ["Date of Completion of IMR", "11/03/2025"],
    ]
    assert under(blocks, "h2", "ENDORSEMENT")[0].rows == [
        ["Item", "Answer"],
        ["Endorsed by", answer("endorser_name")],
        ["Role", answer("endorser_role")],
        ["Date of endorsement", "01/04/2025"],
    ]


def test_recommendations(catalogue: Catalogue, review: Review) -> None:
    blocks = parse(to_markdown(review, catalogue))
    first = review.recommendations[0]
    assert paragraphs(under(blocks, "h3", "Recommendation 1")) == norm(
        " ".join(
            [
                first.recommendation,
                f"Action(s): {first.actions}",
                f"Lead: {first.lead}",
                "Target date: 31/03/2026",
                f"Resources / cost: {first.resources}",
                f"How impact will be evidenced: {first.evidence}",
            ]
        )
    )
    second = [b.text for b in under(blocks, "h3", "Recommendation 2")]
    assert second == [
        "1. Second recommendation",
        f"Action(s): {PLACEHOLDER}",
        f"Lead: {PLACEHOLDER}",
        f"Target date: {PLACEHOLDER}",
        f"Resources / cost: {PLACEHOLDER}",
        f"How impact will be evidenced: {PLACEHOLDER}",
    ]


# ---------------------------------------------------------------- an empty review


def test_empty_review_exports_the_whole_skeleton(catalogue: Catalogue) -> None:
    markdown = to_markdown(Review(), catalogue)
    blocks = parse(markdown)
    tor = catalogue.prompt("tor_analysis")
    assert outline(blocks) == [
        ("h1", catalogue.title),
        ("h2", "TERMS OF REFERENCE"),
        ("h2", "SUMMARY"),
        *h3s(catalogue, "summary"),
        ("h2", "CHRONOLOGY OF AGENCY INVOLVEMENT"),
        ("h2", "ANALYSIS OF INVOLVEMENT"),
        *analysis_outline(catalogue, []),
        ("h2", "LEARNING"),
        *h3s(catalogue, "learning"),
        ("h2", "RECOMMENDATIONS FOR ACTION"),
        ("h2", "ENDORSEMENT"),
    ]
    for section in ("summary", "analysis", "learning"):
        for pid in prompt_ids(catalogue, section):
            prompt = catalogue.prompt(pid)
            assert [b.text for b in under(blocks, level(catalogue, pid), prompt.title)] == [
                norm(prompt.guidance),
                PLACEHOLDER,
            ]
    # No heading was entered, so no prompt answers an analysis against one: the
    # catalogue's note says so, never a placeholder under a heading nothing asks for.
    assert [b.text for b in under(blocks, "h3", tor.title)] == [catalogue.no_headings_note]
    assert [b.text for b in under(blocks, "h2", "TERMS OF REFERENCE")] == [
        f"Review period: {PLACEHOLDER} to {PLACEHOLDER}",
        f"Terms of Reference headings: {PLACEHOLDER}",
    ]
    # An empty chronology is only its guidance and the placeholder: no heading-only table.
    chronology = under(blocks, "h2", "CHRONOLOGY OF AGENCY INVOLVEMENT")
    assert [(b.kind, b.text) for b in chronology] == [
        ("p", catalogue.sections[3].export_guidance[0]),
        ("p", PLACEHOLDER),
    ]
    recommendations = under(blocks, "h2", "RECOMMENDATIONS FOR ACTION")
    assert [b.text for b in recommendations] == [
        *catalogue.sections[6].export_guidance,
        PLACEHOLDER,
    ]
    details = table(blocks, "Item")
    assert [row[0] for row in details[1:]] == [
        "Name of Agency",
        "Name of Adult(s)",
        "DOB",
        "Name of author",
        "Role of author",
        # "Agency of author" is optional: left empty, it is not missing, so no row
        "Contact details of author",
        "Date of Completion of IMR",
    ]
    endorsement = under(blocks, "h2", "ENDORSEMENT")[0].rows
    for row in details[1:] + endorsement[1:]:
        assert row[1] == PLACEHOLDER, row
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")


CONTROLS = "bell\x07 esc\x1b[31mRED\x1b[0m back\x08space del\x7f c1\x9b end"


def test_control_characters_never_reach_the_markdown(catalogue: Catalogue) -> None:
    """A bell, an escape sequence or a backspace pasted into an answer, a heading or a
    chronology cell is written as its visible symbol: a reader of the file (or of a
    terminal showing it) sees that it was there, and nothing acts on it."""
    from imr_tui.report.merge import composite_markdown, merge

    review = Review(
        answers={"summary": CONTROLS, "agency": "Acme\x1b]0;title\x07"},
        headings=[Heading(title=CONTROLS)],
        chronology=[ChronologyEntry(date="2025-03-11", source=CONTROLS, cells={"event": CONTROLS})],
    )
    outputs = {
        "export": to_markdown(review, catalogue),
        "composite": composite_markdown(merge([("a", review)]), catalogue),
    }
    for name, text in outputs.items():
        found = [
            hex(ord(c)) for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F
        ]
        assert found == [], name
        assert "esc\u241b\\[31mRED" in text, name  # shown, escaped for Markdown, not dropped
        assert "bell\u2407" in text and "back\u2408space" in text and "del\u2421" in text, name


def test_an_optional_detail_has_a_row_only_when_answered(catalogue: Catalogue) -> None:
    review = Review(answers={"agency": "Northshire Trust"})
    rows = [row[0] for row in table(parse(to_markdown(review, catalogue)), "Item")[1:]]
    assert "Agency of author" not in rows and "Name of Agency" in rows
    review.set_answer("author_agency", "Westmoor Partnership")
    shown = table(parse(to_markdown(review, catalogue)), "Item")[1:]
    assert ["Agency of author", "Westmoor Partnership"] in [row[:2] for row in shown]
