"""What every front end says about drafts: unfinished chronology entries and recommendations.

A draft (:class:`~imr_tui.core.model.Draft`) keeps every field given and the one being
typed when a form stopped. These sentences offer it back and say exactly what was kept.
Fields are named from the form's :class:`~imr_tui.core.field_rules.FormField` list, so
nothing here imports the chronology package or a front end. Dates and other text are
shown as typed, on one line, with control characters made visible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from imr_tui.core.field_rules import FormField
from imr_tui.core.model import Draft, DraftKind, Review
from imr_tui.core.visible import visible

NOUNS: dict[DraftKind, str] = {"entry": "chronology entry", "recommendation": "recommendation"}
"""What each kind of draft is called, in the singular."""
PLURALS: dict[DraftKind, str] = {"entry": "chronology entries", "recommendation": "recommendations"}
"""What each kind of draft is called, in the plural."""
PLACES: dict[DraftKind, str] = {"entry": "the chronology", "recommendation": "the recommendations"}
"""The prompt where each kind of draft is offered back."""
EXCERPT = 40
"""How many characters of a recommendation's text the offer quotes at most."""
OFFER_END = "was kept: finish it, or remove it?"
"""How every offer ends."""
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def and_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` on one line as typed (control characters shown as symbols), cut at a word
    boundary to at most ``limit`` characters, `` ...`` marking the cut."""
    flat = " ".join(visible(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return f"{cut.rstrip(' ,;:.')} ..."


def short_name(form_field: FormField, kind: DraftKind) -> str:
    """A field's name inside a sentence: ``source`` for "Source of information" (its
    id, when the title holds it), ``type of contact`` for "Type of contact", ``text``
    for the recommendation's own text."""
    title = form_field.title.replace("(s)", "s")
    title = _PARENTHESIS.sub("", title).split(" / ")[0].strip()
    spoken = form_field.id.replace("_", " ").strip()
    if spoken and spoken.casefold() in title.casefold():
        name = spoken.casefold()
    elif title[1:2].islower() or len(title) == 1:
        name = title[:1].lower() + title[1:]
    else:
        name = title or spoken
    if name == NOUNS[kind]:
        return "text"
    return visible(name)


def _given(draft: Draft, fields: Sequence[FormField]) -> list[tuple[str, str]]:
    """(field id, name) of every field with text in the draft, in the form's order; fields
    the form does not know come after, named by their id."""
    known = [(f.id, short_name(f, draft.kind)) for f in fields]
    ids = {i for i, _ in known}
    extra = [(k, visible(k.replace("_", " "))) for k in draft.fields if k not in ids]
    return [(i, name) for i, name in [*known, *extra] if draft.fields.get(i, "").strip()]


def offer_question(draft: Draft, fields: Sequence[FormField]) -> str:
    """The question that offers a draft back, named by its first field as typed:
    "An unfinished chronology entry of 11/03/2025 was kept: finish it, or remove it?"."""
    first = fields[0].id if fields else ""
    text = draft.fields.get(first, "").strip()
    noun = NOUNS[draft.kind]
    what = f"An unfinished change to the {noun}" if draft.record else f"An unfinished {noun}"
    if draft.kind == "entry":
        named = f"of {excerpt(text)}" if text else "(no date yet)"
    else:
        named = f'("{excerpt(text)}")' if text else "(no text yet)"
    return f"{what} {named} {OFFER_END}"


def kept_sentence(draft: Draft, fields: Sequence[FormField]) -> str:
    """What was kept, for the exit message: "The chronology entry you were adding was
    kept unfinished, with its date, time, source and practitioner (the practitioner as
    far as you had typed it)."."""
    doing = "changing" if draft.record else "adding"
    start = f"The {NOUNS[draft.kind]} you were {doing} was kept unfinished"
    given = _given(draft, fields)
    if not given:
        return f"{start}, with nothing typed in it yet."
    names = [name for _, name in given]
    typing = next((name for i, name in given if i == draft.typing), "")
    if typing and len(names) == 1:
        tail = " (as far as you had typed it)"
    elif typing:
        tail = f" (the {typing} as far as you had typed it)"
    else:
        tail = ""
    return f"{start}, with its {and_list(names)}{tail}."


def drafts_line(review: Review) -> str:
    """One line for start-up saying which drafts wait and where they are offered:
    "1 unfinished chronology entry was kept from last time: it is offered at the
    chronology." ("" when there are none)."""
    counts: list[tuple[DraftKind, int]] = []
    for kind in NOUNS:
        n = sum(1 for d in review.drafts if d.kind == kind)
        if n:
            counts.append((kind, n))
    if not counts:
        return ""
    parts = [f"{n} unfinished {NOUNS[k] if n == 1 else PLURALS[k]}" for k, n in counts]
    total = sum(n for _, n in counts)
    was, it_is = ("was", "it is") if total == 1 else ("were", "they are")
    places = and_list([PLACES[k] for k, _ in counts])
    return f"{and_list(parts)} {was} kept from last time: {it_is} offered at {places}."
