"""The composite chronology: every agency's chronology in one timeline, as panels merge them.

Each row names its agency in the source column (``Agency — source``), the way a
review's composite chronology adds the agency when the agencies' chronologies are
merged. Rows are in date and time order, by the one rule an agency's own chronology
is shown in (:func:`~imr_tui.core.model.order_keys`): an approximate date is placed at
the start of the month or year it may fall in and keeps its ``?``, an untimed entry
keeps the place its author gave it among that agency's entries of the day, and
undated entries come last. Entries of one day and time keep each agency's own order,
agencies in the order the reviews were given in.

The composite opens with the agencies, their authors and review periods, warns
where the review periods differ, and closes with each agency's recommendations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from imr_tui.chronology.csvout import entry_row, header, table_csv
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.chronology_order import order_keys
from imr_tui.core.dates import uk
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.report import blocks as b
from imr_tui.report.markdown import render_markdown
from imr_tui.report.timeline import composite_timeline
from imr_tui.report.walker import approximate_note, chronology_table, recommendation_blocks

AGENCY_PROMPT = "agency"
"""The prompt naming the agency (prompt ids are stable)."""
AUTHOR_PROMPT = "author_name"
"""The prompt naming the author."""
AUTHOR_ROLE_PROMPT = "author_role"
"""The prompt giving the author's role."""
SEPARATOR = " — "
"""Between the agency and the entry's own source."""
TITLE = "Composite chronology"


@dataclass(frozen=True)
class Agency:
    """One agency's review in the composite."""

    name: str
    """The agency as the composite names it."""
    author: str
    """The author and their role, as the review gives them."""
    start: date | None
    """Start of the agency's review period."""
    end: date | None
    """End of the agency's review period."""
    review: Review
    """The review itself."""

    @property
    def period(self) -> str:
        """``01/02/2024 to 31/10/2024``, ``not given`` or with ``?`` for a missing end."""
        if not self.start and not self.end:
            return "not given"
        return f"{uk(self.start) or '?'} to {uk(self.end) or '?'}"


@dataclass(frozen=True)
class Row:
    """One row of the composite timeline."""

    agency: Agency
    """Whose entry it is."""
    entry: ChronologyEntry
    """The entry as the agency recorded it."""

    @property
    def source(self) -> str:
        """The source column: ``Agency — source`` (or the agency alone)."""
        own = " ".join(self.entry.source.split())
        return f"{self.agency.name}{SEPARATOR}{own}" if own else self.agency.name


@dataclass
class Composite:
    """Every agency's chronology merged, with the warnings a panel needs to see."""

    agencies: list[Agency]
    """The agencies, in the order given."""
    rows: list[Row] = field(default_factory=list)
    """The timeline."""
    warnings: list[str] = field(default_factory=list)
    """Differences in review periods, unnamed agencies, empty chronologies."""


def _period_warnings(agencies: list[Agency]) -> list[str]:
    given = [a for a in agencies if a.start or a.end]
    out = [f"{a.name} gives no review period." for a in agencies if not a.start and not a.end]
    periods = Counter((a.start, a.end) for a in given)
    if len(periods) <= 1:
        return out
    (top, top_count), (_, second_count) = periods.most_common(2)
    if top_count == second_count:  # no period most agencies share: one warning names all
        each = [f"{a.name} ({a.period})" for a in given]
        return [*out, f"The review periods differ: {_and(each)}."]
    holders = [b.name for b in given if (b.start, b.end) == top]
    usual = f"{uk(top[0]) or '?'} to {uk(top[1]) or '?'}"
    for a in given:
        if (a.start, a.end) != top:
            out.append(
                f"{a.name}'s review period ({a.period}) differs from {usual}, "
                f"the period of {_and(holders)}."
            )
    return out


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def merge(reviews: Sequence[tuple[str, Review]]) -> Composite:
    """Merge agencies' reviews, each given with a fallback name (its file name).

    The fallback names an agency whose review does not; two reviews naming the same
    agency are told apart by their fallback names, with a warning.
    """
    names = [r.answer(AGENCY_PROMPT).strip() or fallback for fallback, r in reviews]
    warnings = [
        f"{fallback} does not name its agency; it is shown as '{fallback}'."
        for fallback, r in reviews
        if not r.answer(AGENCY_PROMPT).strip()
    ]
    counts = Counter(names)
    agencies = []
    for name, (fallback, review) in zip(names, reviews, strict=True):
        if counts[name] > 1:
            warnings.append(
                f"More than one review names the agency '{name}'; this one is {fallback}."
            )
            name = f"{name} ({fallback})"
        author = review.answer(AUTHOR_PROMPT).strip()
        role = review.answer(AUTHOR_ROLE_PROMPT).strip()
        author = f"{author} ({role})" if author and role else author or role
        rp = review.review_period
        agencies.append(Agency(name, author, rp.start, rp.end, review))
    warnings += _period_warnings(agencies)
    warnings += [
        f"{a.name} has no chronology entries." for a in agencies if not a.review.chronology
    ]
    keyed: list[tuple[tuple[str, str, int, int], Row]] = []
    for n, agency in enumerate(agencies):
        entries = agency.review.chronology
        for (day, time, position), entry in zip(order_keys(entries), entries, strict=True):
            keyed.append(((day, time, n, position), Row(agency, entry)))
    keyed.sort(key=lambda kv: kv[0])
    return Composite(agencies, [row for _, row in keyed], warnings)


def _section_title(catalogue: Catalogue, kind: str, default: str) -> str:
    prompt = catalogue.prompt_of_kind(kind)
    return catalogue.section_of(prompt.id).title if prompt else default


def composite_blocks(composite: Composite, catalogue: Catalogue) -> list[b.Block]:
    """The composite as report blocks: agencies, warnings, the timeline, then recommendations.

    The timeline (the chronology's table, then its picture with one lane per agency,
    labelled as the agencies are named here) and each agency's recommendations are the
    same blocks as in an agency's own report.
    """
    placeholder = catalogue.placeholder
    agencies = tuple((a.name, a.author, a.period) for a in composite.agencies)
    out: list[b.Block] = [
        b.Title(TITLE),
        b.Section("Agencies", "Agencies"),
        b.Table(
            "agencies",
            ("Agency", "Author", "Review period"),
            agencies,
            (2.0, 2.0, 1.5),
            placeholder=placeholder,
            placeholder_columns=frozenset({1}),
            authored_columns=frozenset({0, 1}),
        ),
    ]
    if composite.warnings:
        out += [b.Section("Warnings", "Warnings"), b.BulletList(tuple(composite.warnings))]
    chronology = _section_title(catalogue, "chronology", "Chronology")
    out.append(b.Section(chronology, chronology, landscape=True))
    if not composite.rows:
        out.append(b.Placeholder(placeholder))
    out.append(chronology_table(catalogue, ((r.entry, r.source) for r in composite.rows)))
    out += approximate_note(catalogue, (r.entry for r in composite.rows))
    timeline = composite_timeline([(a.name, a.review) for a in composite.agencies], catalogue)
    if timeline is not None:
        out.append(timeline)
    recommendations = _section_title(catalogue, "recommendations", "Recommendations")
    out.append(b.Section(recommendations, recommendations))
    for a in composite.agencies:
        out.append(b.Heading(2, a.name, authored=True))
        out += recommendation_blocks(a.review, catalogue, level=3)
    return out


def composite_markdown(composite: Composite, catalogue: Catalogue, timeline_file: str = "") -> str:
    """The composite as Markdown: agencies, warnings, the timeline, then recommendations
    (``timeline_file``: the timeline picture's file name beside it, shown as an image)."""
    return render_markdown(composite_blocks(composite, catalogue), timeline_file=timeline_file)


def timeline_path(out: Path) -> Path:
    """Where the timeline picture of the Markdown ``out`` goes: ``<stem>.timeline.png``
    beside it."""
    return out.with_name(f"{out.stem}.timeline.png")


def markdown_files(
    blocks: Sequence[b.Block], out: Path, picture: Callable[[b.Timeline], bytes] | None
) -> dict[Path, bytes]:
    """The files of a Markdown export of ``blocks`` to ``out``: the Markdown, and, when
    the blocks hold a timeline and ``picture`` draws it, its picture beside it (see
    :func:`timeline_path`), which the Markdown shows."""
    timeline = next((x for x in blocks if isinstance(x, b.Timeline)), None)
    if timeline is None or picture is None:
        return {out: render_markdown(blocks).encode("utf-8")}
    png = timeline_path(out)
    text = render_markdown(blocks, timeline_file=png.name)
    return {out: text.encode("utf-8"), png: picture(timeline)}


def composite_csv(
    composite: Composite, catalogue: Catalogue, text: Callable[[str], str] | None = None
) -> str:
    """The timeline as CSV, laid out as the chronology export, agency in the source column.

    ``text``, when given, changes each cell after the dates and times (anonymising).
    """
    rows = [entry_row(r.entry, catalogue, source=r.source) for r in composite.rows]
    return table_csv(header(catalogue), rows, text)
