"""One walk of the template, many renderers: the Markdown and Word exports and the review
screen say the same thing, and the anonymiser works on the walk, not on any one format."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content
from textual.widget import Widget
from tui_helpers import make_app

from imr_tui.checks import Glossary, glossary_path_for, load_glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.example import load_example
from imr_tui.core.model import Review
from imr_tui.core.steps import steps
from imr_tui.core.store import save
from imr_tui.report import blocks as b
from imr_tui.report.anonymised_report import anonymised_blocks, anonymised_docx, anonymised_markdown
from imr_tui.report.markdown import render_markdown, to_markdown
from imr_tui.report.walker import NOT_EXPORTED, STRUCTURED, TABLE_SECTION_KINDS, walk
from imr_tui.report.word import to_docx
from imr_tui.tui.screens.review import ReviewScreen

HOSTILE = "# not a heading | a pipe <b>tag</b> [link](http://x) *stars* [@click=app.bell] [/]"


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(glossary_path_for(None))


@pytest.fixture
def review(catalogue: Catalogue) -> Review:
    """The worked example (every part answered, an accepted abbreviation), plus hostile text."""
    review = load_example(catalogue)
    review.set_answer("summary", review.answer("summary") + "\n\n" + HOSTILE)
    return review


def block_texts(blocks: list[b.Block]) -> list[str]:
    return [norm(t) for block in blocks for t in b.texts(block) if t.strip()]


# ---------------------------------------------------------------- reading each rendering


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or child.content == "<br>":
            parts.append(" ")
    return "".join(parts)


def markdown_text(markdown: str) -> str:
    """What a reader of the Markdown sees: every block's text, unescaped."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return norm("\n".join(_inline_text(t) for t in tokens if t.type == "inline"))


def word_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word document, in order."""
    from docx.text.paragraph import Paragraph

    out = []
    for part in Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(part, Paragraph):
            out.append(part.text)
        else:
            out += [cell.text for row in part.rows for cell in row.cells]
    return norm("\n".join(out))


def screen_text(report: Widget) -> str:
    """The text of every block and table cell of the report as the screen shows it."""
    parts = [w.render() for w in report.query("*")]
    return norm("\n".join(str(p) for p in parts if isinstance(p, Content)))


# ---------------------------------------------------------------- the walk


def test_the_walk_follows_the_template(
    catalogue: Catalogue, review: Review, glossary: Glossary
) -> None:
    blocks = walk(review, catalogue, glossary)
    assert blocks[0] == b.Title(catalogue.title)
    assert isinstance(blocks[1], b.Masthead) and blocks[1].status == "DRAFT"
    sections = [block.title for block in blocks if isinstance(block, b.Section)]
    # The glossary comes before the endorsement (the catalogue's export.glossary_before).
    titles = [s.title for s in catalogue.sections]
    assert sections == [*titles[:-1], glossary.heading, titles[-1]]
    assert catalogue.sections[-1].id == catalogue.export.glossary_before
    # The analysis in two parts, each under a heading of the template's own: against
    # the Terms of Reference (a heading each), then the set questions.
    parts = [
        (block.level, block.text)
        for block in blocks
        if isinstance(block, b.Heading) and not block.authored and block.level == 2
    ]
    tor = catalogue.prompt_of_kind("tor_analysis")
    assert tor is not None
    analysis = catalogue.section_of(tor.id)
    assert (2, tor.title) in parts and (2, analysis.questions_heading.rstrip(":")) in parts
    own = {tor.title, analysis.questions_heading.rstrip(":")}
    headings = [
        block.text for block in blocks if isinstance(block, b.Heading) and block.text not in own
    ]
    tables = {
        s.id for s in catalogue.sections if all(p.kind in TABLE_SECTION_KINDS for p in s.prompts)
    }
    expected = [
        s.title
        for s in steps(catalogue, review)
        if s.prompt.kind not in STRUCTURED | NOT_EXPORTED
        and s.section.id not in tables
        and s.prompt.id != "review_reference"  # printed as "Review: ..." with the period
    ]
    assert headings == expected
    # The chronology's section is the one on landscape pages.
    wide = [block.title for block in blocks if isinstance(block, b.Section) and block.landscape]
    chronology = catalogue.prompt_of_kind("chronology")
    assert chronology is not None
    assert wide == [catalogue.section_of(chronology.id).title]
    # The pseudonym list is never in the report.
    texts = "\n".join(block_texts(blocks))
    assert not any(p.alias in texts for p in review.pseudonyms if p.alias not in p.name)


def test_markdown_and_word_say_the_same(
    catalogue: Catalogue, review: Review, glossary: Glossary
) -> None:
    blocks = walk(review, catalogue, glossary)
    texts = block_texts(blocks)
    assert norm(HOSTILE) in "\n".join(texts) and glossary.meaning("GP") in texts
    markdown = markdown_text(to_markdown(review, catalogue, glossary))
    data = to_docx(review, catalogue, glossary)
    word = word_text(data)
    assert len(review.recommendations) > 0
    for text in texts:
        assert text in markdown, text
        assert text in word, text
    # Both head each recommendation; only the Terms of Reference headings are a list.
    items = [
        p
        for p in Document(io.BytesIO(data)).paragraphs
        if p.style is not None and p.style.name == "List Number"
    ]
    assert len(items) == len(review.headings)


async def test_the_review_screen_shows_the_export(
    tmp_path: Path, catalogue: Catalogue, review: Review, glossary: Glossary
) -> None:
    path = tmp_path / "r.toml"
    save(path, review, catalogue)
    texts = block_texts(walk(review, catalogue, glossary))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen_text(app.screen.query_one("#report"))
        for text in texts:
            assert text in shown, text
        # The glossary is there, as in the export.
        assert glossary.heading in shown and glossary.meaning("GP") in shown
        assert app.is_running and isinstance(app.screen, ReviewScreen)


# ---------------------------------------------------------------- the anonymiser


def test_the_anonymised_walk_leaves_no_listed_name_in_any_rendering(
    catalogue: Catalogue, review: Review, glossary: Glossary
) -> None:
    blocks, anon, found = anonymised_blocks(review, catalogue, glossary)
    assert found == [] and anon.replaced > 0
    markdown, _, _ = anonymised_markdown(review, catalogue, glossary)
    assert markdown == render_markdown(blocks)
    data, _, found_in_word = anonymised_docx(review, catalogue, glossary)
    assert found_in_word == []
    renderings = {
        "blocks": norm("\n".join(block_texts(blocks))),
        "markdown": markdown_text(markdown),
        "word": word_text(data),
    }
    for name in ("Marlow", "Edith", "Amy Hart", "Tom Reyes"):
        for where, text in renderings.items():
            assert name not in text, (name, where)
    for where, text in renderings.items():
        assert "Adult A" in text and "Staff Nurse 1" in text, where
    # Only the author's text changes: the template's wording is as it was.
    plain = block_texts(
        walk(review, catalogue, glossary, age_at=anon.age_at, age_basis=anon.age_basis)
    )
    # ... apart from the names (the author's and endorser's become their roles) and the
    # identifiers, such as the author's e-mail address and phone number.
    people = [review.answer("author_name"), review.answer("endorser_name")]
    names = ("Marlow", "Amy", "Tom", "Hart", "Reyes", *(p for p in people if p))
    for block_text, was in zip(block_texts(blocks), plain, strict=True):
        if block_text != was:
            assert any(n in was for n in names) or "@" in was, was


def test_renderers_do_not_import_the_anonymiser() -> None:
    script = (
        "import json, sys\n"
        "import imr_tui.report.markdown, imr_tui.report.word, imr_tui.report.walker\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    modules = json.loads(result.stdout)
    assert "imr_tui.report.word" in modules
    assert "imr_tui.report.anonymise" not in modules
