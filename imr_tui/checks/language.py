"""The language checks: blame and judgement, hindsight, labels about the adult.

Each rule's phrases, with why a panel objects and a neutral rewrite, are data in
``language.toml`` (a board's own beside its catalogue, else the shipped one). The
checks read every place of author prose (answers, Terms of Reference analysis,
chronology cells, recommendation fields), not names, dates or the list of headings,
and report one finding per rule per place: the first phrase quoted as written, with
the others found there listed after it. Blame said of the adult ("Mrs Penrose was
manipulative") is a finding of its own beside blame of staff at the same place: it
says it "judges the adult" and carries Making Safeguarding Personal advice
(``defaults.blame_adult``), not the staff advice about workload and supervision.

What is not reported, and why:

- **Quotations.** Words inside quotation marks are what a record or the adult said,
  reported as said: ``She said she was "not going to engage with them"`` is fine
  (see :mod:`imr_tui.checks.language_quotes` for which marks count).
- **Negation.** A phrase with a negation shortly before it in the same clause
  (``negations`` and ``negation_window`` in the data) states that the judgement does
  not hold, which is what a panel asks an author to weigh: "There is no evidence that
  staff failed to follow the policy", "It cannot be said that an earlier visit would
  have prevented the fall", "She was not non-compliant: she could not swallow the
  tablets". A negation before a clause word ("because", "and", "but"...) or a comma
  does not reach past it: "She was not seen because she was uncooperative" is a label.
- **Hedged hindsight.** Hindsight is certainty about what would have happened: a
  hedge shortly before it in the same clause (``hedges``: "It is possible that an
  earlier referral would have led to an assessment") takes the certainty away. So
  does owning the hindsight: "It is easy with hindsight to see the pattern", "only
  in retrospect" (``unless_before`` of that entry), and hindsight set against what was
  known then in the next sentence ("With hindsight the visits form a pattern.
  At the time each was recorded alone": ``unless_nearby``).
- **Someone else's words reported.** A phrase after a reporting word ("said", "felt",
  "told": ``reporting_words``) in its sentence is that person's view, reported: "Her
  daughter felt the nurses had failed her mother". Not when the author reports their
  own view ("The author felt the nurse failed to listen": ``own_voice``), and not
  past a semicolon. A record's words repeated without quotation marks ("crew noted
  she was a bed blocker") are the author's: "noted" and "recorded" report nothing.
- **Ordinary uses, not about a person.** An entry's ``unless_before`` words (among the
  two words before the phrase, or the head of the clause's subject before a
  preposition: "the referral to tissue viability failed to reach the team"; a person
  named there is the subject: "the nurse responsible for the referral failed to") and
  ``unless_after`` words (right after it) mark uses about things: "the referral failed
  to arrive", "the fax failed to send", "it was difficult to arrange". Phrases are
  written so that a thing cannot match: the blame list has "failed to" and "failed
  her", never "failed" alone, so "the boiler failed" and "a failed delivery" are fine;
  "chose to" is listed, "chose" is not ("she chose the blue chair" is fine). A
  counterfactual ("Had the nurse referred her, she would have...") is one about what
  services did: "Had she agreed, the nurse would have arranged a referral" says what
  was offered, and is fine.
- **A reason, a choice respected, a word talked about.** An entry's ``unless_later``
  words later in the phrase's sentence exempt it ("she chose to have her dressing done
  in the kitchen because the light was better"); a phrase right after a word of
  ``mention_words`` is talked about, not used ("a label like non-compliant closes a
  conversation"). "May" after "in", "on" or a number is the month, not a hedge.
- **Who it is said of.** A judgement about a person ("obstructive", "difficult") is a
  label when said of the adult and blame when said of staff: the last person the
  sentence names before it decides (``staff_words``, ``adult_words``, each also in
  the plural: "residents who chose to"); an entry's
  ``of_staff`` says what happens when it is staff ("blame", or "ignore" for "chose to":
  "the nurse chose to visit in the morning" is a fact).
"""

from __future__ import annotations

from imr_tui.checks.findings import Finding, Found, Place, places
from imr_tui.checks.language_forms import Hit
from imr_tui.checks.language_rules import LANGUAGE_RULES, LanguageRules, Rule
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Review

_QUOTE_MAX = 60
"""Longest quotation of the author's words in a message, in characters."""


def _quoted(written: str) -> str:
    if len(written) > _QUOTE_MAX:
        written = written[: _QUOTE_MAX - 1] + "…"
    return f'"{written}"'


def _finding(
    place: Place, rule: Rule, hits: list[tuple[Hit, str]], rules: LanguageRules
) -> Finding:
    first, field = hits[0]
    text = getattr(rules.defaults, rule)
    if first.adult and rules.defaults.blame_adult is not None:
        text = rules.defaults.blame_adult
    seen = {first.written.casefold()}
    others = []
    for hit, _ in hits[1:]:
        if hit.written.casefold() not in seen:
            seen.add(hit.written.casefold())
            others.append(_quoted(hit.written))
    message = f"{_quoted(first.written)} {text.says}, in: {first.context}"
    if others:
        message += f" Also here: {', '.join(others)}."
    return Finding(
        "language",
        place.section_id,
        place.step_id,
        place.where,
        message,
        text.advice,
        record_id=place.record_id,
        field=field,
        rule=rule,
        why=first.why,
        rewrite=first.rewrite,
        quote=first.written,
    )


def language(catalogue: Catalogue, review: Review, rules: LanguageRules) -> Found:
    """One finding per rule and place where a phrase of that rule is written."""
    matcher = rules.matcher()
    headings = {p.id for p in catalogue.prompts() if p.kind == "headings"}
    out: Found = []
    every = places(catalogue, review)
    texts = list(dict.fromkeys(t for place in every for t in place.texts))
    # each text read once (sources and names repeat), only where a phrase may be: the
    # texts with a phrase kept, with their phrases
    read = {
        texts[i]: got for i in sorted(matcher.may_hit(texts)) if (got := matcher.hits(texts[i]))
    }
    for place in every:
        if read.keys().isdisjoint(place.texts):
            continue  # no phrase here (most places of a long chronology)
        if place.step_id in headings and not place.record_id:
            continue  # the headings are the panel's words, not the author's
        found: dict[tuple[Rule, bool], list[tuple[Hit, str]]] = {}
        for n, text in enumerate(place.texts):
            field = place.fields[n] if n < len(place.fields) else ""
            for hit in read.get(text, ()):
                found.setdefault((hit.rule, hit.adult), []).append((hit, field))
        for rule in LANGUAGE_RULES:
            for adult in (False, True):  # staff and adult apart: each with its own advice
                if (rule, adult) in found:
                    hits = found[rule, adult]
                    out.append((place.order, _finding(place, rule, hits, rules)))
    return out
