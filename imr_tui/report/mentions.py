"""What the author sees before an anonymised export: every replacement in context.

:func:`preview` walks the report once, as written, and lists each mention the
anonymiser will replace (section by section, with a little of the text either side and
what it becomes), what the search after replacement would still find, and capitalised
words near a listed name that nobody listed (perhaps a nickname). Nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from imr_tui.checks import Glossary
from imr_tui.checks.findings import places
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review
from imr_tui.report import blocks as b
from imr_tui.report.anonymise import Anonymised
from imr_tui.report.anonymised_report import anonymised_blocks
from imr_tui.report.folding import fold
from imr_tui.report.leftovers import Leftover
from imr_tui.report.name_words import MONTH_WORDS, TITLES, WEEKDAY_WORDS
from imr_tui.report.walker import walk

CONTEXT = 30
"""How many characters of context either side of a mention."""
NEAR = 3
"""How many words either side of a listed name's mention a suggestion may be."""


@dataclass(frozen=True)
class Mention:
    """One replacement the anonymised export will make."""

    section: str
    """The section title where it is."""
    found: str
    """The text as the author wrote it."""
    becomes: str
    """What it becomes in the export (``Adult A``, ``[e-mail removed]``...)."""
    kind: str
    """``name``, ``initial and name``, ``e-mail address``, ``date of birth``..."""
    before: str
    """Up to :data:`CONTEXT` characters of the text before it, on one line."""
    after: str
    """Up to :data:`CONTEXT` characters of the text after it, on one line."""
    where: str = ""
    """A finer place when known: the prompt's title, ``chronology entry of 11/03/2025``,
    ``recommendation 1`` (as :attr:`imr_tui.checks.findings.Place.where`)."""
    step_id: str = ""
    """The walk step that edits it (:attr:`imr_tui.checks.findings.Place.step_id`)."""
    record_id: str = ""
    """The chronology entry or recommendation it is in (its id); ``""`` for an answer."""
    field: str = ""
    """The record's field it is in (``source``, a column's id, ``lead``...); ``""``
    for an answer."""


@dataclass(frozen=True)
class Suggestion:
    """A capitalised word near a listed name that is not listed (maybe a nickname)."""

    word: str
    """The word as written."""
    section: str
    """The section title where it is."""
    before: str
    """Some text before it, on one line."""
    after: str
    """Some text after it, on one line."""


@dataclass
class Preview:
    """Everything the author should see before sending an anonymised export."""

    mentions: list[Mention]
    """Every replacement, in report order."""
    leftovers: list[Leftover]
    """What the export would still contain."""
    suggestions: list[Suggestion]
    """Words near listed names that may need listing."""
    anon: Anonymised
    """How the review is anonymised."""


def _line(text: str) -> str:
    """``text`` on one line: each run of whitespace one space, kept at the edges too, so
    that ``before + found + after`` reads as written."""
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class _Spot:
    """A piece of the author's text and its exact place."""

    step_id: str
    where: str
    record_id: str
    field: str
    text: str


def _spots(catalogue: Catalogue, review: Review) -> dict[str, list[_Spot]]:
    """Every piece of the author's text with its place, by section title."""
    titles = {s.id: s.title for s in catalogue.sections}
    out: dict[str, list[_Spot]] = {}
    adults = catalogue.prompt_of_kind("adults")
    names = "\n".join(a.name for a in review.adults if a.name.strip())
    section = next((sec for sec in catalogue.sections if adults in sec.prompts), None)
    if adults is not None and section is not None and names:  # the details' adults row
        spot = _Spot(adults.id, adults.title, "", "", names.strip())
        out.setdefault(section.title, []).append(spot)
    for place in places(catalogue, review):
        fields = place.fields or ("",) * len(place.texts)
        for text, name in zip(place.texts, fields, strict=True):
            if text.strip():
                spot = _Spot(place.step_id, place.where, place.record_id, name, text.strip())
                out.setdefault(titles.get(place.section_id, ""), []).append(spot)
    return out


def _same(spots: list[_Spot], used: set[int], text: str) -> _Spot | None:
    """The first place not yet used whose text is ``text`` (marked used)."""
    for i, spot in enumerate(spots):
        if i not in used and spot.text == text.strip():
            used.add(i)
            return spot
    return None


def _around(spots: list[_Spot], text: str, start: int, end: int) -> _Spot | None:
    """The place of ``text[start:end]`` when a block's ``text`` is not one place's: one
    whose text the block holds around it (a source with its record number), else one whose
    text holds the block's (a paragraph of an answer)."""
    for spot in spots:
        at = text.find(spot.text)
        if at >= 0 and at <= start and end <= at + len(spot.text):
            return spot
    return next((spot for spot in spots if text.strip() and text.strip() in spot.text), None)


_CALENDAR = MONTH_WORDS | WEEKDAY_WORDS
PLACE_WORDS = frozenset(
    """surgery hospital house road street lane avenue close drive way court crescent place
    gardens terrace grove square walk mews parade hill centre center clinic practice ward
    unit home hall lodge manor park trust council station school college university church
    chapel hospice infirmary team service services department court estate village town
    city green farm cottage villa towers tower""".split()  # noqa: SIM905
)
"""The last words of services and places (``Eastmoor Surgery``, ``Northgate Hospital``):
neither they nor the words before them are suggested as names."""
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n]\s*|\n)$")


def _in_place(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether word ``i`` is, or is among the capitalised words just before (apart only by
    spaces), a service or place word (``Surgery`` and ``Eastmoor`` of ``Eastmoor
    Surgery``)."""
    last = words[i].start()
    for w in words[i : i + 4]:
        if not w[0][:1].isupper() or text[last : w.start()].strip():
            return False
        if fold(w[0]).strip(".,") in PLACE_WORDS:
            return True
        last = w.end()
    return False


def _suggest(
    section: str,
    text: str,
    spans: list[tuple[int, int]],
    known: set[str],
    removed: Sequence[tuple[int, int]] = (),
) -> list[Suggestion]:
    """Capitalised words near the names replaced (``spans``) that may be names nobody
    listed: not inside anything replaced or removed (``removed``), not titles, months,
    weekdays or words holding digits, not a sentence's first word."""
    words = list(_WORD.finditer(text))
    out: list[Suggestion] = []
    for i, m in enumerate(words):
        if not m[0][:1].isupper() or any(a <= m.start() < z for a, z in [*spans, *removed]):
            continue
        if any(ch.isdigit() for ch in m[0]) or fold(m[0]).strip(".") in _CALENDAR:
            continue
        near = words[max(0, i - NEAR) : i + NEAR + 1]
        if not any(a <= w.start() < z for w in near for a, z in spans):
            continue
        folded = fold(m[0]).strip("'-")
        if folded in TITLES or folded in known or len(folded) < 2:
            continue
        if "'" in folded or (m[0].isupper() and len(m[0]) <= 3):
            continue  # "I'll"; "QT", "OEL": not names
        if _in_place(text, words, i):
            continue
        if _SENTENCE_END.search(text[: m.start()].rstrip(" \t\"'(\u2018\u201c")):
            continue
        before = _line(text[max(0, m.start() - CONTEXT) : m.start()])
        out.append(Suggestion(m[0], section, before, _line(text[m.end() : m.end() + CONTEXT])))
    return out


def preview(
    review: Review,
    catalogue: Catalogue,
    glossary: Glossary | None = None,
    today: date | None = None,
    file: str = "FILE",
) -> Preview:
    """Every replacement in context, the leftovers and suggestions; nothing is written.

    Raises :class:`~imr_tui.core.errors.UserError` like
    :func:`~imr_tui.report.anonymise.anonymise`.
    """
    _, anon, leftovers = anonymised_blocks(review, catalogue, glossary, today, file)
    template = {
        fold(w)
        for block in walk(review, catalogue, glossary)
        for t in b.texts(b.map_authored(block, lambda _t: ""))
        for w in t.split()
    }
    known = template | anon.known_words()
    mentions: list[Mention] = []
    suggestions: list[Suggestion] = []
    section = "the introduction"

    spots = _spots(catalogue, review)
    used: dict[str, set[int]] = {}

    def record(text: str) -> str:
        hits = anon.hits(text)
        here = spots.get(section, [])
        whole = _same(here, used.setdefault(section, set()), text) if hits else None
        for hit in hits:
            before = _line(text[max(0, hit.start - CONTEXT) : hit.start])
            after = _line(text[hit.end : hit.end + CONTEXT])
            found = text[hit.start : hit.end]
            spot = whole or _around(here, text, hit.start, hit.end)
            place = (spot.where, spot.step_id, spot.record_id, spot.field) if spot else ()
            mentions.append(Mention(section, found, hit.becomes, hit.kind, before, after, *place))
        spans = [(h.start, h.end) for h in hits if "name" in h.kind]
        if spans:
            removed = [(h.start, h.end) for h in hits]
            suggestions.extend(_suggest(section, text, spans, known, removed))
        return text

    for block in walk(review, catalogue, glossary, age_at=anon.age_at, age_basis=anon.age_basis):
        if isinstance(block, b.Section):
            section = block.title
        b.map_authored(block, record)
    once: dict[str, Suggestion] = {}  # each word once, where first seen
    for suggestion in suggestions:
        once.setdefault(suggestion.word, suggestion)
    return Preview(mentions, leftovers, list(once.values()), anon)
