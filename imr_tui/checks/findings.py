"""What a check finds, and the places in a review where the author wrote text."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal, get_args

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.steps import Step, steps, written_text

Kind = Literal[
    "completeness", "abbreviation", "chronology", "recommendations", "analysis", "language"
]
KINDS: tuple[Kind, ...] = get_args(Kind)
"""The kinds in order: the catalogue's :data:`~imr_tui.core.catalogue.CHECK_KINDS`
(which ``export.must_fix`` is checked against) name the same, as a test holds."""

RULES: dict[str, str] = {
    "blame": "blame or judgement about a person",
    "hindsight": "hindsight or counterfactual certainty",
    "label": "a label about the adult",
    "describes": "describes rather than analyses",
    "unreferenced": "analysis with no chronology date or source",
    "too_short": "analysis too short",
    "abbreviation": "an abbreviation or shorthand",
    "vague": "a vague recommendation",
    "not_measurable": "a recommendation with no measurable outcome",
    "lead": "a lead that is not a role in this agency",
}
"""The rules whose findings are measured against the labelled corpus in ``tests/``
(``make check-quality``), with what each finds. A finding names its rule in
:attr:`Finding.rule`; other rules (``unanswered``, ``past_target``...) are named too."""


@dataclass(frozen=True)
class Finding:
    """Something a reader of the review would query, with where it is and what to do."""

    kind: Kind
    """Which check found it."""
    section_id: str
    """Catalogue section id the finding belongs to."""
    step_id: str
    """The walk step to jump to (:attr:`imr_tui.core.steps.Step.id`), ``""`` if none."""
    where: str
    """Plain words: a prompt title, ``chronology entry of 11/03/2024``, ``recommendation 2``."""
    message: str
    """What is wrong, one sentence."""
    advice: str
    """What to do, one sentence."""
    abbreviation: str = ""
    """For abbreviation findings: the glossary's abbreviation found (``GP`` for ``GPs``)."""
    record_id: str = ""
    """The chronology entry or recommendation the finding is about (its id), ``""`` if none."""
    field: str = ""
    """The field of that record concerned (``date``, ``source``, a column id, ``lead``...)."""
    rule: str = ""
    """Which rule of the check found it (``blame``, ``describes``, ``vague``...; see
    :data:`RULES`), ``""`` where the kind says it all."""
    why: str = ""
    """Why a review panel objects, one sentence (``""``: the message says it)."""
    rewrite: str = ""
    """A neutral way to write it instead, or the shape to follow (``""``: none)."""
    quote: str = ""
    """The words found, as written (``failed to``), where a rule quotes them: the
    interview puts the cursor on them (``""``: none)."""


Order = tuple[int, int, int]
"""Where a place comes in the review: section index, step index, item within the step."""

Found = list[tuple[Order, Finding]]
"""What each check returns: findings with where they come, for sorting."""


def step_orders(catalogue: Catalogue, all_steps: list[Step]) -> dict[str, Order]:
    """Where each walk step comes in the review, keyed by step id."""
    index = {s.id: i for i, s in enumerate(catalogue.sections)}
    return {s.id: (index[s.section.id], n, 0) for n, s in enumerate(all_steps)}


@dataclass(frozen=True)
class Place:
    """A piece of the review the author wrote: an answer, an entry, a recommendation."""

    section_id: str
    """The section it is in."""
    step_id: str
    """The walk step that edits it."""
    where: str
    """How a finding names it."""
    order: Order
    """Where it comes in the review, for ordering findings."""
    texts: tuple[str, ...]
    """The text written there."""
    record_id: str = ""
    """The chronology entry or recommendation it is (its id), ``""`` for an answer."""
    fields: tuple[str, ...] = ()
    """For a record: the field each of :attr:`texts` is written in."""


def entry_where(entry: ChronologyEntry, number: int) -> str:
    """``chronology entry of 11/03/2024`` (with the time if it has one)."""
    if not entry.date:
        return f"chronology entry {number} (no date)"
    start = entry.when.display() if entry.when else ""
    at = f" at {entry.time}" if entry.time else ""
    end = f" to {entry.shown_end()}" if entry.end_date else ""
    return f"chronology entry of {start}{at}{end}"


def entry_wheres(entries: list[ChronologyEntry]) -> list[str]:
    """:func:`entry_where` for each entry (numbered from 1), told apart by their sources
    where entries of different sources would read the same:
    ``chronology entry of 11/03/2025 at 09:05 (GP records)``."""
    wheres = [entry_where(e, i) for i, e in enumerate(entries, 1)]
    sources: dict[str, set[str]] = {}
    for e, where in zip(entries, wheres, strict=True):
        sources.setdefault(where, set()).add(" ".join(e.source.split()))
    out = []
    for e, where in zip(entries, wheres, strict=True):
        if len(sources[where]) > 1:
            source = " ".join(e.source.split())
            label = source if len(source) <= 40 else source[:39] + "…"
            where = f"{where} ({label or 'no source'})"
        out.append(where)
    return out


_ONE_RUN: ContextVar[dict[tuple[str, int, int], object] | None] = ContextVar(
    "found_in_one_run", default=None
)
"""What one run of the checks (:func:`one_run`) worked out once: the places and the
chronology in order with its entries' names, by review."""


@contextmanager
def one_run() -> Iterator[None]:
    """One run of the checks over a review that does not change meanwhile: the checks
    that read every place (abbreviations, language, recommendations) share one list of
    them instead of each working it out again (a third of a second each for 5,000
    chronology entries). Each thread has its own."""
    token = _ONE_RUN.set({})
    try:
        yield
    finally:
        _ONE_RUN.reset(token)


def places(catalogue: Catalogue, review: Review) -> list[Place]:
    """Every place holding text the author wrote, in template order (the same list
    for the same review within :func:`one_run`: do not change it).

    Names of adults and dates are left out: they are not prose.
    """
    found = _ONE_RUN.get()
    if found is None:
        return _places(catalogue, review)
    key = ("places", id(catalogue), id(review))
    if key not in found:
        found[key] = _places(catalogue, review)
    return found[key]  # type: ignore[return-value]


def named_entries(review: Review) -> list[tuple[ChronologyEntry, str]]:
    """The chronology in the order it is shown, each entry with its name in findings
    (:func:`entry_wheres`); worked out once within :func:`one_run`."""
    found = _ONE_RUN.get()
    key = ("entries", 0, id(review))
    if found is not None and key in found:
        return found[key]  # type: ignore[return-value]
    entries = review.sorted_chronology()
    named = list(zip(entries, entry_wheres(entries), strict=True))
    if found is not None:
        found[key] = named
    return named


def _places(catalogue: Catalogue, review: Review) -> list[Place]:
    section_index = {s.id: i for i, s in enumerate(catalogue.sections)}
    out: list[Place] = []
    for n, step in enumerate(steps(catalogue, review)):
        sid = step.section.id
        order = (section_index[sid], n, 0)
        kind = step.prompt.kind
        text = written_text(step, review)
        if text is not None:
            out.append(Place(sid, step.id, step.title, order, (text,)))
        elif kind == "headings":
            titles = tuple(h.title for h in review.headings)
            out.append(Place(sid, step.id, step.title, order, titles))
        elif kind == "chronology":
            columns = [c.id for c in catalogue.chronology.columns]
            fields = ("source", *columns)
            for i, (e, where) in enumerate(named_entries(review), 1):
                cells = e.cells
                texts = (e.source, *[cells.get(c, "") for c in columns])
                out.append(Place(sid, step.id, where, (order[0], n, i), texts, e.id, fields))
        elif kind == "recommendations":
            for i, r in enumerate(review.recommendations, 1):
                fields = ("recommendation", "actions", "lead", "resources", "evidence")
                texts = tuple(str(getattr(r, f)) for f in fields)
                where = f"recommendation {i}"
                out.append(Place(sid, step.id, where, (order[0], n, i), texts, r.id, fields))
    return out
