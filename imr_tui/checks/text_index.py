"""Which of many texts a pattern can be found in, searched as one.

A check that reads every place of a long review (5,000 chronology entries: some 15,000
different texts) spends most of its time on texts it finds nothing in. Searching them
joined into one string, with a character no text of the review holds between them,
costs one pass of the regular expression engine instead of one call per text: only
the texts it finds something in are then read one by one, by the check's own rule.

That is exact as long as the pattern cannot match across the separator, which is why
it is ``\\x00`` (a NUL, which no pattern here names) and why a text holding one is
always returned (see :func:`candidates`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

SEPARATOR = "\x00"
"""Put between the texts joined: no check's pattern matches it, and to a pattern it is
like the start or end of a text (not a word character, not a letter of any case)."""


def joined(texts: Sequence[str]) -> tuple[str, list[int]]:
    """The texts joined with :data:`SEPARATOR`, and where each starts."""
    starts = []
    at = 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    return SEPARATOR.join(texts), starts


def candidates(
    texts: Sequence[str],
    pattern: re.Pattern[str],
    blob: str | None = None,
    starts: list[int] | None = None,
) -> set[int]:
    """The indexes of ``texts`` in which ``pattern`` is found (searched in ``blob``, the
    texts :func:`joined`, when given), and of every text holding :data:`SEPARATOR`
    (the search cannot speak for those).

    The pattern must not match :data:`SEPARATOR`, nor look past it to decide: a
    match found in the joined texts then lies within one text, and one found in a
    text on its own is found there too (a lookbehind or ``\\b`` sees the separator
    as it sees a text's start or end).
    """
    if blob is None or starts is None:
        blob, starts = joined(texts)
    found: set[int] = set()
    if blob.count(SEPARATOR) >= len(texts):  # more than the ones put between them
        found = {i for i, t in enumerate(texts) if SEPARATOR in t}
    at = 0
    while (m := pattern.search(blob, at)) is not None:
        i = bisect.bisect_right(starts, m.start()) - 1
        found.add(i)
        if i + 1 >= len(starts):
            break
        at = starts[i + 1]  # the rest of that text can add nothing
    return found


def trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, built as a trie (longest first):
    each place in a text is tried once per letter, not once per word."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict[str, Any]]) -> str:
        alternatives = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = "(?:" + "|".join(alternatives) + ")"
        return body + "?" if "" in node else body

    return build(root)
