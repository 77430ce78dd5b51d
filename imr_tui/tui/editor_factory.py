"""Which editor asks for which kind of prompt."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widget import Widget

from imr_tui.core.dates import parse_optional_date
from imr_tui.core.session import Session
from imr_tui.core.steps import Step
from imr_tui.tui.widgets.abbreviation_line import AbbreviationLine
from imr_tui.tui.widgets.list_editor import ListEditor
from imr_tui.tui.widgets.long_text_editor import LongTextEditor
from imr_tui.tui.widgets.period_editor import PeriodEditor
from imr_tui.tui.widgets.text_editor import DateEditor, ShortTextEditor

if TYPE_CHECKING:
    from imr_tui.checks import Glossary


def editor_for(
    step: Step, session: Session, glossary: Callable[[], Glossary | None] | None = None
) -> Widget:
    """A fresh editor for ``step``, holding the current answer.

    With a glossary, text answers name the abbreviations in them as the author types.
    """
    review = session.review
    prompt = step.prompt
    labels = prompt.labels
    kind = prompt.kind

    def abbreviations() -> AbbreviationLine | None:
        if glossary is None:
            return None
        return AbbreviationLine(glossary, lambda: review.accepted_abbreviations)

    if kind == "text":
        return ShortTextEditor(session.text(step), abbreviations())
    if kind == "date":
        return DateEditor(parse_optional_date(session.text(step)))
    if kind == "adults":
        return ListEditor(
            [("", a.name, (a.date_of_birth, a.date_of_death)) for a in review.adults],
            second="dates",
            hints=(labels.get("name", "Name"), "dd/mm/yyyy"),
            add_label=labels.get("add", "Add"),
            headers=(
                labels.get("name", "Name"),
                labels.get("dob", "Date of birth"),
                labels.get("dod", "Date of death"),
            ),
        )
    if kind == "pseudonyms":
        names = (labels.get("name", "Name"), labels.get("alias", "Replace with"))
        return ListEditor(
            [("", p.name, p.alias) for p in review.pseudonyms],
            second="text",
            hints=names,
            add_label=labels.get("add", "Add"),
            headers=names,
            pseudonyms=list(review.pseudonyms),
        )
    if kind == "headings":
        return ListEditor(
            [(h.id, h.title, None) for h in review.headings],
            second="",
            hints=(labels.get("title", "Heading"), ""),
            add_label=labels.get("add", "Add"),
        )
    if kind == "period":
        return PeriodEditor(
            review.review_period, labels.get("start", "Start"), labels.get("end", "End")
        )
    if kind in ("chronology", "recommendations"):
        # imported here: the tables bring the timeline and the importer, which a
        # review opening at another prompt need not wait for
        from imr_tui.tui.records import chronology_table, recommendations_table

        return chronology_table(session) if kind == "chronology" else recommendations_table(session)
    return LongTextEditor(session.text(step), abbreviations())
