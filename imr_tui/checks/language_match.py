"""Finding the language checks' phrases in a text, read once.

The phrases of ``language.toml`` are compiled once per rules object (each into its
own pattern) and indexed by the word they start with. A text is read once: its words
are looked up in that index, and only there is a phrase tried, longest first (so
"failed to engage" wins over "failed to" where both start). A text holding none of
a phrase's plain words is not tried for it at all, so most texts cost one pass. Each
match is then kept or dropped by the rules written at the top of
:mod:`imr_tui.checks.language` (quotations, negation, hedges, reported words,
ordinary uses, who it is said of).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from imr_tui.checks import text_index
from imr_tui.checks.language_forms import Form, form_of
from imr_tui.checks.language_forms import Hit as Hit
from imr_tui.checks.language_prefilter import prefilter
from imr_tui.checks.language_quotes import inside, quoted_spans
from imr_tui.checks.language_words import (
    CLAUSE_END,
    JOINERS,
    LOOK_BACK,
    NORMAL,
    PREPOSITIONS,
    SENTENCE_END,
    SUBJECT_WORDS,
    WORD,
    contains,
    joined,
    keys,
    months_out,
    next_sentence,
    phrase_pattern,
    rest_of_sentence,
    sentence_around,
    split_items,
    tokens,
    words_before,
)

if TYPE_CHECKING:
    from imr_tui.checks.language_rules import LanguageRules, Rule


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


class Matcher:
    """Every phrase of a :class:`LanguageRules`, compiled once and indexed by its words."""

    def __init__(self, rules: LanguageRules) -> None:
        from imr_tui.checks.language_rules import LANGUAGE_RULES

        self.rules = rules
        forms = [
            form_of(rule, entry, phrase)
            for rule in LANGUAGE_RULES
            for entry in rules.entries(rule)
            for phrase in entry.phrases
        ]
        forms.sort(key=lambda f: -len(f.phrase.replace("...", "").replace("*", "")))
        self.forms = forms
        self.rank = {id(f): i for i, f in enumerate(forms)}
        """Where each form comes, longest first."""
        self.exact: dict[str, list[tuple[Form, re.Pattern[str]]]] = {}
        """Forms by their first word, as a word of the text (case folded) reads."""
        self.prefix: dict[str, list[tuple[Form, re.Pattern[str]]]] = {}
        """Forms by the start of their first word, for a first word ending in ``*``."""
        for form in forms:
            pattern = re.compile(
                phrase_pattern(form.phrase, rules.gap_words) + r"(?![\w'])", re.IGNORECASE
            )
            for key, is_prefix in keys(form.phrase):
                table = self.prefix if is_prefix else self.exact
                table.setdefault(key, []).append((form, pattern))
        self.prefix_lengths = sorted({len(k) for k in self.prefix})
        self.anchored: dict[str, list[Form]] = {}
        """Forms with plain words, by their anchor word."""
        for form in forms:
            if form.anchor:
                self.anchored.setdefault(form.anchor, []).append(form)
        self.anchor_words = frozenset(self.anchored)
        """The anchor words, as a set (intersecting a text's words with it costs as many
        look-ups as the text has words, not as many as there are anchors)."""
        loose = [f for f in forms if not f.anchor]
        self.loose_exact = {k for f in loose for k, p in keys(f.phrase) if not p}
        """First words of the forms without plain words (``negligen*``, ``non-compliant``)."""
        loose_stems = {k for f in loose for k, p in keys(f.phrase) if p}
        stems = "|".join(re.escape(k) for k in sorted(loose_stems, key=len, reverse=True))
        self.any_prefix = re.compile(rf"(?<!\w)(?:{stems})", re.IGNORECASE) if stems else None
        self.any_word = prefilter(forms, self.loose_exact, loose_stems, rules.gap_words)
        """What every ASCII text that may hold a phrase holds, in lower case
        (:mod:`imr_tui.checks.language_prefilter`); ``None``: no list to tell by."""
        self.negations = split_items(rules.negations)
        self.hedges = split_items(rules.hedges)
        self.clause_words = frozenset(w.casefold() for w in rules.clause_words)
        self.reporting = frozenset(w.casefold() for w in rules.reporting_words)
        self.own_voice = split_items(rules.own_voice)
        self.staff = split_items(rules.staff_words)
        self.adult = split_items(rules.adult_words)
        self._unless_before = {id(f.entry): split_items(f.entry.unless_before) for f in forms}
        self._unless_after = {id(f.entry): split_items(f.entry.unless_after) for f in forms}
        self._unless_later = {id(f.entry): split_items(f.entry.unless_later) for f in forms}
        self.mention = split_items(rules.mention_words)
        self._unless_nearby = {id(f.entry): split_items(f.entry.unless_nearby) for f in forms}

    def _matches_at(
        self, text: str, start: int, word: str, possible: set[int]
    ) -> Iterator[tuple[Form, re.Match[str]]]:
        """The phrases starting at ``text[start]``, whose first word reads ``word`` (lower
        case), longest first, with their matches. A form with plain words is tried only
        if it is ``possible`` (its id there: the text has them all)."""
        found = list(self.exact.get(word, ()))
        for k in self.prefix_lengths:
            if k > len(word):
                break
            found += self.prefix.get(word[:k], ())
        if len(found) > 1:
            found.sort(key=lambda fp: self.rank[id(fp[0])])
        for form, pattern in found:
            if form.anchor and id(form) not in possible:
                continue
            m = pattern.match(text, start)
            if m is not None:
                yield form, m

    def may_hit(self, texts: Sequence[str]) -> set[int]:
        """The indexes of ``texts`` in which :meth:`hits` may find something: every
        other text's hits are none. The texts are searched joined (see
        :mod:`imr_tui.checks.text_index`): for a long chronology most hold no phrase's
        words and are not read one by one."""
        if self.any_word is None:
            return set(range(len(texts)))
        blob, starts = text_index.joined(texts)
        # Each text with a character outside ASCII is read on its own (a pattern
        # ignoring case and a text in lower case may disagree there); in the others
        # NORMAL changes nothing, and lower case and ignoring case agree.
        found = set() if blob.isascii() else text_index.candidates(texts, _NOT_ASCII, blob, starts)
        return found | text_index.candidates(texts, self.any_word, blob.lower(), starts)

    def hits(self, text: str) -> list[Hit]:
        """The phrases found in ``text`` that the rules keep, in order.

        The text is read once: a word that starts no phrase costs one look-up, and a
        text holding no such word (most of them) costs one pass of a simple pattern.
        """
        normal = text.translate(NORMAL)
        words = set(WORD.findall(normal.lower()))
        possible = {
            id(f)
            for w in words & self.anchor_words
            for f in self.anchored[w]
            if f.required <= words
        }
        if (
            not possible
            and self.loose_exact.isdisjoint(words)
            and not (self.any_prefix and self.any_prefix.search(normal))
        ):
            return []
        out: list[Hit] = []
        quotes: list[tuple[int, int]] | None = None
        done = 0  # where the last phrase kept ends
        for w in WORD.finditer(normal):
            start = w.start()
            if start < done or (start and normal[start - 1] in JOINERS and joined(normal, start)):
                continue
            kept = None
            for form, m in self._matches_at(normal, start, w.group().lower(), possible):
                if quotes is None:
                    quotes = quoted_spans(text)
                if inside(quotes, start):
                    break
                rule = self._rule(form, normal, start, m.end())
                if rule is not None:  # else a shorter phrase may still be kept
                    kept = form, m, rule
                    break
            if kept is None:
                continue
            form, m, rule = kept
            done = m.end()
            written = " ".join(text[start : m.end()].split())
            default = getattr(self.rules.defaults, rule)
            own = rule == form.rule  # a phrase moved to another rule takes that rule's text
            entry = form.entry
            adult_text = self.rules.defaults.blame_adult
            adult = (
                rule == "blame"
                and adult_text is not None
                and (
                    entry.adult
                    or (
                        bool(entry.rewrite_adult)
                        and self._said_of(tokens(normal[max(0, start - LOOK_BACK) : start]))
                        == "adult"
                    )
                )
            )
            if adult and adult_text is not None:
                mine = own and entry.adult  # an entry always about her keeps its own text
                why = (
                    (entry.why_adult if own else "")
                    or (entry.why if mine else "")
                    or adult_text.why
                )
                rewrite = (
                    (entry.rewrite_adult if own else "")
                    or (entry.rewrite if mine else "")
                    or adult_text.rewrite
                )
            else:
                why = (entry.why if own else "") or default.why
                rewrite = (entry.rewrite if own else "") or default.rewrite
            context = sentence_around(text, start, m.end())
            out.append(Hit(rule, entry, start, written, why, rewrite, context, adult))
        return out

    def _rule(self, form: Form, text: str, start: int, end: int) -> Rule | None:
        """The rule to report a match under, or None when the rules exempt it."""
        before = tokens(text[max(0, start - LOOK_BACK) : start])
        if form.at_start and before and before[-1] not in CLAUSE_END:
            return None
        entry_id = id(form.entry)
        if self._ordinary_subject(before, self._unless_before[entry_id]):
            return None
        after = tokens(text[end : end + 60])
        if any(after[: len(item)] == item for item in self._unless_after[entry_id]):
            return None
        nearby = self._unless_nearby[entry_id]
        if nearby and contains(tokens(next_sentence(text, end)), nearby):
            return None
        later = self._unless_later[entry_id]
        if later and contains(tokens(rest_of_sentence(text, end)), later):
            return None
        if self.mention and contains(before[-2:], self.mention):
            return None
        if form.entry.negatable and self._near(before, self.negations):
            return None
        if form.rule == "hindsight" and self._near(months_out(before), self.hedges):
            return None
        if self._reported(before):
            return None
        entry = form.entry
        if entry.of_staff != "same" or entry.of_adult != "same":
            said_of = self._said_of(before)
            if said_of == "staff" and entry.of_staff != "same":
                return None if entry.of_staff == "ignore" else "blame"
            if said_of == "adult" and entry.of_adult != "same":
                return None if entry.of_adult == "ignore" else "label"
        return form.rule

    def _ordinary_subject(self, before: list[str], unless: list[list[str]]) -> bool:
        """Whether an entry's ``unless_before`` words make a phrase an ordinary use.

        The words are looked for among the two words just before the phrase ("the
        referral failed to"), and as the head of the clause's subject when a
        preposition follows it ("the referral to tissue viability failed to"). A
        person named before that preposition is the subject: "the nurse responsible
        for the referral failed to" is about the nurse.
        """
        if not unless:
            return False
        clause = self._clause(before, SUBJECT_WORDS)
        first = next((i for i, w in enumerate(clause) if w in PREPOSITIONS), None)
        if first:  # a subject before a preposition
            head = clause[:first]
            if contains(head[-1:], unless):
                return True
            if any(
                self._ends_with(head[: i + 1], self.staff + self.adult) for i in range(len(head))
            ):
                return False
        return contains(words_before(before, SENTENCE_END, 2), unless)

    def _clause(self, before: list[str], limit: int) -> list[str]:
        """Up to ``limit`` words before a phrase, in its clause (not past punctuation
        that ends a clause, nor past a word of ``clause_words``)."""
        clause = words_before(before, CLAUSE_END, limit)
        for i in range(len(clause) - 1, -1, -1):
            if clause[i] in self.clause_words:
                return clause[i + 1 :]
        return clause

    @staticmethod
    def _ends_with(words: list[str], items: list[list[str]]) -> bool:
        """Whether ``words`` end with one of ``items``, its last word also with a plural
        ``s`` ("patients" is "patient")."""
        for item in items:
            k = len(item)
            if len(words) >= k and words[-k:-1] == item[:-1]:
                last = words[-1]
                if last == item[-1] or last == item[-1] + "s":
                    return True
        return False

    def _near(self, before: list[str], items: list[list[str]]) -> bool:
        """Whether one of ``items`` (a negation, a hedge) ends within
        ``negation_window`` words before a phrase, in its clause."""
        window = self.rules.negation_window
        clause = self._clause(before, window + 6)
        first_end = len(clause) - window  # a negation must end after this many words
        for item in items:
            k = len(item)
            for i in range(max(0, first_end - k + 1), len(clause) - k + 1):
                if clause[i : i + k] == item:
                    return True
        return False

    def _reported(self, before: list[str]) -> bool:
        """Whether a phrase reports someone else's words: a reporting word before it in
        its sentence (not past a semicolon or colon), not said by the author."""
        sentence = words_before(before, SENTENCE_END | {";", ":"}, LOOK_BACK)
        for i in range(len(sentence) - 1, -1, -1):
            if sentence[i] in self.reporting:
                who = sentence[max(0, i - 3) : i]
                return not contains(who, self.own_voice)
        return False

    def _said_of(self, before: list[str]) -> str | None:
        """``staff`` or ``adult``: the last person named before a phrase, in its
        sentence (None: nobody named)."""
        sentence: list[str] = []
        for tok in reversed(before):
            if tok in SENTENCE_END:
                break
            sentence.append(tok)
        sentence.reverse()
        for i in range(len(sentence) - 1, -1, -1):
            upto = sentence[: i + 1]
            if self._ends_with(upto, self.adult):
                return "adult"
            if self._ends_with(upto, self.staff):
                return "staff"
        return None
