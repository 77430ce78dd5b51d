"""A folded view of a text, to match names however they are typed, with a map back.

The anonymiser matches on the *folded* text and edits the original exactly where the
match was. Folding, character by character:

- accents removed (NFKD, combining marks dropped) and case folded: ``Siobhán`` is
  ``siobhan``;
- soft hyphens and zero-width characters (U+00AD, U+200B to U+200D, U+2060, U+FEFF)
  dropped: ``Hol\\u00adlins`` is ``hollins``;
- every Unicode space (a non-breaking one too) made a plain space; line breaks kept;
- every dash (U+2010 to U+2015, the minus sign U+2212...) made ``-``;
- curly apostrophes and the modifier letter apostrophe made ``'``;
- the common Cyrillic and Greek look-alikes of Latin letters made those letters
  (``Ellis\u043en`` with a Cyrillic o is ``ellison``), so a name typed or pasted with one
  is still found.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
"""Characters that are not seen at all: soft hyphen, zero-width characters."""
_APOSTROPHES = frozenset("\u2019\u2018\u02bc\u2032")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
HOMOGLYPHS = {
    **dict(
        zip(
            "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u0261",
            "aeopcyxijsdg",
            strict=True,
        )
    ),
    **dict(
        zip(
            "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425\u0406\u0408\u0405",
            "abekmhopctyxijs",
            strict=True,
        )
    ),
    **dict(
        zip(
            "\u03bf\u03b1\u03b5\u03b9\u03ba\u03bd\u03c1\u03c4\u03c5\u03c7",
            "oaeikvptux",
            strict=True,
        )
    ),
    **dict(
        zip(
            "\u039f\u0391\u0392\u0395\u0397\u0399\u039a\u039c\u039d\u03a1\u03a4\u03a5\u03a7\u0396",
            "oabehikmnptyxz",
            strict=True,
        )
    ),
}
"""Cyrillic and Greek letters that look like Latin ones, and the Latin letter (folded)."""


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """What one character becomes in the folded view (possibly nothing, or more)."""
    if ch in IGNORED:
        return ""
    if ch in _APOSTROPHES:
        return "'"
    if ch in _LINE_BREAKS:
        return "\n"
    if ch in HOMOGLYPHS:
        return HOMOGLYPHS[ch]
    category = unicodedata.category(ch)
    if category == "Zs" or ch == "\t":
        return " "
    if category == "Pd" or ch == "\u2212":
        return "-"
    if category == "Mn":
        return ""
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(out) > 1 or out != ch.casefold():
        out = unicodedata.normalize("NFKD", out.casefold())
        out = "".join(c for c in out if not unicodedata.combining(c))
    return out


def fold(text: str) -> str:
    """``text`` folded (see the module's description), with no map back."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(ch) for ch in text)


@dataclass(frozen=True)
class Folded:
    """A text, its folded view, and where each folded character came from."""

    original: str
    """The text as written."""
    text: str
    """The folded view."""
    origin: tuple[int, ...]
    """For each character of :attr:`text`, the index of the original character it came
    from; one more item at the end: ``len(original)``."""

    @classmethod
    def of(cls, original: str) -> Folded:
        """The folded view of ``original``."""
        if original.isascii():
            return cls(original, original.lower(), tuple(range(len(original) + 1)))
        chars: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(original):
            out = fold_char(ch)
            chars.append(out)
            origin.extend([i] * len(out))
        origin.append(len(original))
        return cls(original, "".join(chars), tuple(origin))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the folded ``text[start:end]``.

        The end takes in the combining marks and ignored characters that follow the last
        folded character, so nothing of a name is left dangling.
        """
        first = self.origin[start]
        if end <= start:
            return first, first
        last = self.origin[end - 1] + 1
        n = len(self.original)
        while last < n and last < self.origin[end] and not fold_char(self.original[last]):
            last += 1
        return first, last


@dataclass(frozen=True)
class Hit:
    """Something found in a text, to replace: where (in the original), by what, and why."""

    start: int
    """Where it starts in the original text."""
    end: int
    """Where it ends in the original text."""
    becomes: str
    """What replaces it."""
    kind: str
    """What it is, in words: ``name``, ``e-mail address``, ``date of birth``..."""


def claim(found: list[list[Hit]]) -> list[Hit]:
    """The hits that do not overlap, earlier lists first, in the text's order."""
    taken: list[Hit] = []
    for hits in found:
        for hit in hits:
            if hit.end <= hit.start:
                continue
            if any(hit.start < t.end and t.start < hit.end for t in taken):
                continue
            taken.append(hit)
    return sorted(taken, key=lambda h: h.start)


def splice(text: str, hits: list[Hit]) -> str:
    """``text`` with each of ``hits`` (in order, not overlapping) replaced."""
    if not hits:
        return text
    out: list[str] = []
    at = 0
    for hit in hits:
        out.append(text[at : hit.start])
        out.append(hit.becomes)
        at = hit.end
    out.append(text[at:])
    return "".join(out)
