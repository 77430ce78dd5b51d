"""Words and sentences for the language checks: how a phrase of ``language.toml``
becomes a pattern, how the words before a phrase are read, and the sentence around it.

Text is compared with curly apostrophes and typographic hyphens made plain
(:data:`NORMAL`, which keeps every character's place).
"""

from __future__ import annotations

import re

NORMAL = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-"})
"""Same-length replacements: curly apostrophes and typographic hyphens made plain."""

_TOKEN = re.compile(r"[\w'-]+|\n\s*\n|[.!?;:,()\[\]\"“”]")
BLANK_LINE = "\n\n"
SENTENCE_END = frozenset([*".!?", BLANK_LINE])
CLAUSE_END = frozenset([*'.!?;:,()[]"“”', BLANK_LINE])
LOOK_BACK = 300
"""How many characters before a phrase are read for its context."""
PREPOSITIONS = frozenset(
    [
        *("to", "from", "for", "of", "about", "by", "with", "on", "in", "at", "into", "via"),
        *("regarding", "concerning"),
    ]
)
"""Words after the head of a subject: "the referral *to* tissue viability failed to"."""
SUBJECT_WORDS = 10
"""How many words before a phrase its clause's subject is looked for in."""
CONTEXT_MAX = 100
"""Longest sentence shown around a phrase, in characters."""
SENTENCE_STOP = re.compile(r"[.!?](?=\s)|\n\s*\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, spaces made single, cut with "…" to
    about :data:`CONTEXT_MAX` characters around the phrase."""
    left = 0
    for m in SENTENCE_STOP.finditer(text, max(0, start - LOOK_BACK), start):
        left = m.end()
    stop = SENTENCE_STOP.search(text, end)
    right = len(text) if stop is None else stop.start() + (text[stop.start()] != "\n")
    cut_left = start - CONTEXT_MAX // 2 > left
    if cut_left:  # from a word's start
        space = text.find(" ", start - CONTEXT_MAX // 2, start)
        left = space + 1 if space >= 0 else start
    cut_right = right > max(end, left + CONTEXT_MAX)
    if cut_right:  # to a word's end
        limit = max(end, left + CONTEXT_MAX)
        space = text.rfind(" ", end, limit)
        right = space if space >= 0 else limit
    body = " ".join(text[left:right].split())
    return f"{'…' if cut_left else ''}{body}{'…' if cut_right else ''}"


def next_sentence(text: str, end: int) -> str:
    """The sentence after the one that holds ``text[end - 1]`` (``""`` at the last)."""
    stop = SENTENCE_STOP.search(text, end)
    if stop is None:
        return ""
    after = SENTENCE_STOP.search(text, stop.end())
    return text[stop.end() : len(text) if after is None else after.start()]


def _word_pattern(word: str) -> str:
    """One word of a phrase: a hyphen also matches a space or nothing, ``*`` any ending."""
    star = word.endswith("*")
    out = []
    for ch in word.rstrip("*").translate(NORMAL):
        out.append(r"(?:-|\s)?" if ch == "-" else re.escape(ch))
    return "".join(out) + (r"\w*" if star else "")


_BETWEEN = r"(?:\s+|-)"
"""Between two words of a phrase: spaces, or a hyphen the author joined them with
("difficult to engage" finds "difficult-to-engage patients", "revolving door" finds "a
revolving-door patient")."""


def phrase_pattern(phrase: str, gap_words: int) -> str:
    """The regular expression for one phrase (see :mod:`imr_tui.checks.language_rules`)."""
    words = phrase.split()
    if words[0] == "^":
        words = words[1:]
    out = _word_pattern(words[0])
    gap = False
    for word in words[1:]:
        if word == "...":
            gap = True
            continue
        sep = rf"\s+(?:[^\s.!?;]+\s+){{0,{gap_words}}}?" if gap else _BETWEEN
        out += sep + _word_pattern(word)
        gap = False
    return out


def tokens(text: str) -> list[str]:
    """Words (case folded, a possessive ``'s`` dropped) and punctuation; a blank line
    is one token."""
    out = []
    for t in _TOKEN.findall(text):
        t = BLANK_LINE if t[0] == "\n" else t.casefold()
        out.append(t.removesuffix("'s").rstrip("'-") or t)
    return out


def words_before(before: list[str], stop: frozenset[str], limit: int) -> list[str]:
    """Up to ``limit`` words just before a phrase, nearest last, not past ``stop``."""
    out: list[str] = []
    for tok in reversed(before):
        if tok in stop or len(out) == limit:
            break
        if tok[0] not in '"“”(),;:':
            out.append(tok)
    return out[::-1]


WORD = re.compile(r"\w+")
JOINERS = "'-"


def joined(text: str, start: int) -> bool:
    """Whether the word at ``start`` continues a word before it (``non-compliant``'s
    ``compliant``, ``didn't``'s ``t``): a phrase never starts there."""
    return start >= 2 and (text[start - 2].isalnum() or text[start - 2] == "_")


def keys(phrase: str) -> list[tuple[str, bool]]:
    """The words a text's word is looked up by to find ``phrase``: ``(key, is_prefix)``.

    ``non-complian*`` is found from "non" (written "non-compliant" or "non compliant")
    and from words starting "noncomplian"; ``didn't`` from "didn".
    """
    words = phrase.split()
    first = (words[1] if words[0] == "^" else words[0]).translate(NORMAL).lower()
    star = first.endswith("*")
    stem = first.rstrip("*")
    parts = [p for p in re.split(r"[-']", stem) if p]
    if len(parts) == 1 and "-" not in stem and "'" not in stem:
        return [(stem, star)]
    keys = [(parts[0], False)]
    if "-" in stem:
        keys.append(("".join(re.split(r"['-]", stem)), star))
    return keys


def split_items(items: list[str]) -> list[list[str]]:
    """Each word list item as its words, case folded, apostrophes and hyphens plain."""
    return [i.casefold().translate(NORMAL).split() for i in items]


def contains(words: list[str], items: list[list[str]]) -> bool:
    """Whether one of ``items`` (each a list of words) occurs in ``words``."""
    for item in items:
        k = len(item)
        if any(words[i : i + k] == item for i in range(len(words) - k + 1)):
            return True
    return False


MONTH_BEFORE = frozenset(
    [
        "in",
        "on",
        "of",
        "since",
        "until",
        "by",
        "early",
        "late",
        "mid",
        "from",
        "during",
        "before",
        "after",
    ]
)
"""Words before "may" that make it the month ("a referral in May would have...")."""


def months_out(before: list[str]) -> list[str]:
    """The words before a phrase with "may" the month (after "in", a number...) blanked,
    so that it is not read as a hedge."""
    out = list(before)
    for i in range(1, len(out)):
        if out[i] == "may" and (out[i - 1] in MONTH_BEFORE or out[i - 1].isdigit()):
            out[i] = "<month>"
    return out


def rest_of_sentence(text: str, end: int) -> str:
    """The text from ``end`` to the end of its sentence."""
    stop = SENTENCE_STOP.search(text, end)
    return text[end : len(text) if stop is None else stop.start()]
