"""The walker's pieces for answers in prose: a prompt's heading, guidance and answer; the
analysis against each Terms of Reference heading; the template's set questions.

The analysis section comes out in two parts, as the template has it: "Analysis against
the Terms of Reference" (a level-2 heading) with one level-3 heading per Terms of
Reference heading and its analysis, then the section's questions heading ("Consider
specifically") with each set question at level 3: its title, the template's question in
italics and the answer. A section without a questions heading (learning) keeps its
prompts at level 2. Every placeholder names the interview's step that answers it, and a
part no step answers (the analysis when no headings were entered) says so in the
catalogue's words instead of printing a placeholder.
"""

from __future__ import annotations

from imr_tui.core.catalogue import Catalogue, Prompt, Section
from imr_tui.core.dates import from_stored
from imr_tui.core.model import Review
from imr_tui.core.steps import Step
from imr_tui.report import blocks as b
from imr_tui.report.comments_section import CommentBlocks


def _norm(text: str) -> str:
    return " ".join(text.split())


def date_answer(review: Review, prompt_id: str) -> str:
    """A date prompt's answer as shown (``11/03/2025``), or as stored if it is not a date."""
    value = review.answer(prompt_id)
    if not value:
        return ""
    try:
        return from_stored(value, False).display()
    except ValueError:
        return value


def answer_block(value: str, placeholder: str, step: str) -> b.Block:
    """The author's answer, or the placeholder saying which step is unanswered."""
    if value.strip():
        return b.Paragraph(value, authored=True)
    return b.Placeholder(placeholder, step=step)


def guidance_block(prompt: Prompt, section: Section) -> list[b.Block]:
    """A prompt's guidance in italics, unless it says nothing new.

    Nothing new: no guidance, guidance that only repeats the prompt's title, or
    guidance already printed under the section's heading (its export guidance holds it).
    """
    text = _norm(prompt.guidance)
    if not text or text == _norm(prompt.title):
        return []
    if any(text in _norm(paragraph) for paragraph in section.export_guidance):
        return []
    return [b.Paragraph(prompt.guidance, italic=True)]


def questions_heading_text(section: Section) -> str:
    """The questions heading as a heading: the template's words without a closing colon."""
    return section.questions_heading.strip().removesuffix(":").rstrip()


def prompt_blocks(
    review: Review, catalogue: Catalogue, section: Section, step: Step, level: int
) -> list[b.Block]:
    """A prompt answered in prose: its heading at ``level``, its guidance, its answer."""
    prompt = step.prompt
    out: list[b.Block] = [b.Heading(level, step.title)]
    out += guidance_block(prompt, section)
    value = date_answer(review, prompt.id) if prompt.kind == "date" else review.answer(prompt.id)
    out.append(answer_block(value, catalogue.placeholder, step.id))
    return out


def labelled_blocks(review: Review, catalogue: Catalogue, prompt: Prompt) -> list[b.Block]:
    """A short answer in a section of longer ones (the review's name among the Terms of
    reference): ``Label: answer``; left out when an optional one is unanswered."""
    value = date_answer(review, prompt.id) if prompt.kind == "date" else review.answer(prompt.id)
    if not value.strip() and not prompt.required:
        return []
    label = prompt.label or prompt.title
    return [b.Labelled(label, (value,), catalogue.placeholder, step=prompt.id)]


def tor_analysis_blocks(
    review: Review,
    catalogue: Catalogue,
    section: Section,
    prompt: Prompt,
    mine: list[Step],
    notes: CommentBlocks | None = None,
) -> list[b.Block]:
    """The analysis against the Terms of Reference: a level-2 heading (the prompt's title),
    its guidance, then each heading at level 3 with its analysis (a removed heading's
    kept answer with a note). With no heading entered, the catalogue's note says so.
    Given ``notes`` (an export with comments), the comments on the analysis come after
    its guidance and those on each heading after its analysis."""
    out: list[b.Block] = [b.Heading(2, prompt.title)]
    out += guidance_block(prompt, section)
    if notes is not None:
        out += notes.take([f"prompt:{prompt.id}"], 3)
    if not any(not s.removed for s in mine):
        out.append(b.Paragraph(catalogue.no_headings_note, italic=True))
    for step in mine:
        out.append(b.Heading(3, step.title, authored=True))
        if step.removed:
            out.append(b.Paragraph(catalogue.removed_heading_note, italic=True))
        kept = review.heading_analysis.get(step.heading_id)
        out.append(answer_block(kept.text if kept else "", catalogue.placeholder, step.id))
        if notes is not None and not step.removed:
            out += notes.take([f"heading:{step.heading_id}"], 4)
    return out
