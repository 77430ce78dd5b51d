"""Which texts of a long review may hold a phrase of the language checks, told for all
of them at once (:meth:`~imr_tui.checks.language_match.Matcher.may_hit`).

A text can hold a phrase only if it holds the phrase's plain words; a text's words are
in lower case. So in lower case ASCII text one pattern finds every text that may:
for each phrase its anchor word as a whole word (:attr:`Form.anchor`, its least
common plain word), or, for a phrase made only of common words ("she would have
agreed": those words are in most entries), the phrase itself; for a phrase without
plain words (``negligen*``), its first word or the start of it. A text outside ASCII
is always read on its own: there lower case and ignoring case may disagree.
"""

from __future__ import annotations

import re

from imr_tui.checks.language_forms import COMMON, Form
from imr_tui.checks.language_words import phrase_pattern
from imr_tui.checks.text_index import trie


def prefilter(
    forms: list[Form], loose_exact: set[str], loose_stems: set[str], gap_words: int
) -> re.Pattern[str] | None:
    """The pattern (for lower case ASCII text; see the module's description), or
    ``None`` when a word or phrase is not ASCII (no text can then be passed over)."""
    words = {f.anchor for f in forms if f.anchor and f.anchor not in COMMON} | loose_exact
    common = [f.phrase.lower() for f in forms if f.anchor in COMMON]
    if (
        not (*words, *loose_stems, *common)
        or not "".join([*words, *loose_stems, *common]).isascii()
    ):
        return None
    parts = []
    if words:
        parts.append(rf"(?:{trie(sorted(words))})(?!\w)")
    if loose_stems:
        parts.append(trie(sorted(loose_stems)))
    if common:
        firsts = sorted({p.split()[1] if p.split()[0] == "^" else p.split()[0] for p in common})
        whole = "|".join(phrase_pattern(p, gap_words) for p in common)
        parts.append(rf"(?={trie([w.rstrip('*').split('-')[0] for w in firsts])})(?:{whole})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})")
