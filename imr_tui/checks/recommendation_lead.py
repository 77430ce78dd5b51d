"""Whether a recommendation's lead is one role in the review's own agency.

A lead is queried when it names no one owner (``All agencies``), another agency (one of
the organisations the review mentions, or a kind of agency the review's agency is not),
a team or service alone (``Safeguarding team``), or no role at all. Word lists come from
:class:`imr_tui.core.recommendation_settings.RecommendationSettings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imr_tui.checks import text_index
from imr_tui.checks.recommendation_wording import find_phrase, phrase_pattern
from imr_tui.core.recommendation_settings import RecommendationSettings

_SHOWN = 80
"""The longest lead quoted whole in a finding; a longer one is cut, with an ellipsis."""
_NOISE = re.compile(r"\((?:fictional|fictitious)\)|(?<!\w)the(?!\w)|[^\w\s&]", re.IGNORECASE)


@dataclass(frozen=True)
class LeadProblem:
    """What is wrong with a lead, in words for the finding."""

    message: str
    """What is wrong, naming the lead."""
    why: str
    """Why a panel objects."""


_JOINER = re.compile(r"\s+(?:and|or|and/or)\s+|\s*[&/+]\s*", re.IGNORECASE)
"""What joins two roles in one lead (``Matron / Team Leader``)."""
_HEAD_END = re.compile(r"\s+(?:of|for|in|at|to)\s+|[,(:]|\s+[-–—]\s+|\s*[–—]\s*", re.IGNORECASE)
"""Where a title's head ends (``Named Nurse`` in ``Named Nurse for Safeguarding Adults``,
``Service Manager`` in ``Service Manager – Community Nursing``)."""


def _head(part: str) -> str:
    """The head of a title: its words before ``of``, ``for``, a comma, a colon, a
    bracket or a dash."""
    m = _HEAD_END.search(part)
    return (part[: m.start()] if m else part).strip()


def _ends_with(text: str, words: list[str]) -> bool:
    """Whether one of the phrases ends the text."""
    return any(
        not text[hit.end() :].strip()
        for w in words
        if w.strip()
        for hit in phrase_pattern(w.strip()).finditer(text)
    )


def two_roles(lead: str, role_words: list[str]) -> bool:
    """Whether the lead joins two roles (``Head of Nursing & Safeguarding Lead``): the
    heads on both sides of a joiner end in a role word (or its plural: ``Team
    Leaders``). ``Head of Safeguarding and
    Quality`` is one role (``Quality`` is no role)."""
    if not role_words:
        return False
    parts = [p for p in _JOINER.split(lead) if p.strip()]
    plural = [*role_words, *(w.strip() + "s" for w in role_words if w.strip()[-1:].isalpha())]
    roles = [p for p in parts if _ends_with(_head(p), plural)]
    return len(parts) > 1 and len(roles) > 1


def _plain(text: str) -> str:
    """Lower case, without ``(FICTIONAL)``, ``the`` and punctuation, single spaced."""
    return " ".join(_NOISE.sub(" ", text).casefold().split())


def organisations(texts: list[str], words: list[str]) -> set[str]:
    """The organisations named in these texts: capitalised names ending in one of the
    words (``Northshire County Council``) and the initials bracketed after them."""
    if not words:
        return set()
    ends = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    name = re.compile(
        rf"((?:[A-Z][\w&'’-]*\s+(?:(?:and|of|for)\s+)?){{1,6}}(?:{ends}))(?!\w)"
        r"(?:\s*\((?:FICTIONAL\)\s*\()?([A-Z][A-Za-z&]{1,7})\))?"
    )
    found: set[str] = set()
    unique = list(dict.fromkeys(texts))
    # Only a text holding one of the words can name one (most of a chronology's do not)
    holding = text_index.candidates(unique, re.compile(ends))
    for i, text in enumerate(unique):
        if i not in holding:
            continue
        for m in name.finditer(text):
            found.add(m[1].strip())
            if m[2] and m[2].upper() != "FICTIONAL":
                found.add(m[2])
    return found


def _names_other(lead: str, org: str, own: str) -> bool:
    """Whether the lead names the organisation and it is not the review's own agency."""
    plain_org = _plain(org)
    if not plain_org or not re.search(rf"(?<!\w){re.escape(plain_org)}(?!\w)", _plain(lead)):
        return False
    return plain_org not in own and own not in plain_org


def lead_problem(
    lead: str, agency: str, mentioned: set[str], settings: RecommendationSettings
) -> LeadProblem | None:
    """What is wrong with the lead, or ``None`` for a role in this agency.

    ``agency`` is the review's own agency answer, ``mentioned`` the organisations
    the review names (:func:`organisations`).
    """
    shown = " ".join(lead.split())
    if len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 1].rstrip() + "…"
    owner = "an action plan needs one owner who answers for it"
    if m := find_phrase(lead, settings.lead_collective):
        return LeadProblem(
            f"'{m[0]}' is not one role in this agency.",
            f"The panel will ask who is accountable: {owner}.",
        )
    own = _plain(agency)
    names = mentioned | organisations([lead], settings.organisation_words)
    # With the agency not yet named, no agency can be told from another.
    other = next(
        (o for o in sorted(names, key=len, reverse=True) if own and _names_other(lead, o, own)),
        None,
    )
    if other is None and own:
        for kind in settings.agency_kinds:
            hit = find_phrase(lead, kind.names)
            if hit and not find_phrase(agency, kind.agency or kind.names):
                other = hit[0]
                break
    if other is not None:
        named = "is another agency" if _plain(other) == _plain(shown) else f"names {other}"
        return LeadProblem(
            f"'{shown}' {named}: it is not a role in this agency.",
            "An IMR's recommendations are for its own agency to carry out; "
            "actions for others go to the panel.",
        )
    if two_roles(lead, settings.lead_role_words):
        return LeadProblem(
            f"'{shown}' names more than one role: an action plan needs one owner.",
            f"When two roles share an action, each can leave it to the other: {owner}.",
        )
    head = _head(lead)
    if _ends_with(head, settings.lead_team_words) and not _ends_with(
        head, settings.lead_role_words
    ):
        return LeadProblem(
            f"'{shown}' is a team or service, not one role in it.",
            f"A team cannot answer for an action: {owner}.",
        )
    if not settings.lead_role_words or find_phrase(lead, settings.lead_role_words):
        return None
    if m := find_phrase(lead, settings.lead_team_words):
        return LeadProblem(
            f"'{shown}' is a team or service, not one role in it.",
            f"A team cannot answer for an action: {owner}.",
        )
    return LeadProblem(
        f"'{shown}' does not name a role.",
        f"A named post stays accountable when people move on: {owner}.",
    )
