"""A trainee's name: how it is compared, whether it can be used, and its safe folder name.

A name is matched without regard to capitals, spacing, the typographic apostrophe
or the accents of Latin letters (:func:`name_key`: "zoe ward" is Zoë Ward), and
Cyrillic or Greek letters that look like Latin ones are read as those, so "Аnna"
typed with a Cyrillic А is Anna, not a second trainee who looks the same; real
names are accepted (letters of any script, apostrophes, hyphens, full stops); the
folder a trainee's work lives in is made from the name but is always plain ASCII,
never hidden and never a path (:func:`safe_folder_name`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_NAME = 60
"""The longest name accepted (characters, after stripping)."""
MAX_FOLDER = 40
"""The longest folder name made."""
_SPACES = re.compile(r"\s+")
_PUNCTUATION = frozenset(" '\u2019-.")
"""Characters other than letters, marks and digits a name may hold."""


def _is_latin(char: str) -> bool:
    """Whether ``char`` is a letter of the Latin script (by its Unicode name)."""
    return unicodedata.name(char, "").startswith("LATIN ")


def _without_latin_accents(text: str) -> str:
    """``text`` (decomposed) without the combining marks that follow a Latin letter.

    Marks after a letter of another script stay: a Devanagari vowel sign is part of
    the name, not an accent, so two names differing by one stay different.
    """
    kept: list[str] = []
    latin_base = False
    for char in text:
        if unicodedata.category(char).startswith("M"):
            if not latin_base:
                kept.append(char)
            continue
        latin_base = _is_latin(char)
        kept.append(char)
    return "".join(kept)


LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic (lower case: the key is case folded first)
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
        "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ζ": "z",
    }
)  # fmt: skip
"""Cyrillic and Greek letters read as the Latin letter they look like, when names are
compared (never when shown or stored)."""


def name_key(name: str) -> str:
    """The form two names are compared in: NFKC, ’ read as ', case folded, accents of
    Latin letters dropped (NFKD, then the marks after a Latin letter), Cyrillic and
    Greek look-alikes read as Latin (:data:`LOOK_ALIKES`), spaces collapsed.

    ``name_key("Zoë  Ward") == name_key("zoe ward")``; marks of other scripts are kept.
    A name wholly in Cyrillic or Greek is compared the same way, so two names count as
    one only when they would look alike on the trainer's screen.
    """
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").casefold()
    text = text.translate(LOOK_ALIKES)
    text = _without_latin_accents(unicodedata.normalize("NFKD", text))
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def trainee_name_problem(name: str) -> str:
    """``""`` if ``name`` can be a trainee's name, else one plain line saying why not."""
    text = unicodedata.normalize("NFC", name.strip())
    if not text:
        return "Type your name to join the workshop."
    if len(text) > MAX_NAME:
        return f"That name is too long: use at most {MAX_NAME} characters."
    has_letter = False
    for char in text:
        category = unicodedata.category(char)
        if category.startswith("L"):
            has_letter = True
        elif not (category.startswith("M") or category == "Nd" or char in _PUNCTUATION):
            return (
                "Use letters (of any alphabet), numbers, spaces, apostrophes, hyphens "
                "and full stops only."
            )
    if not has_letter:
        return "A name needs at least one letter."
    return ""


def _ascii(name: str) -> str:
    """The name in lower-case ASCII: accents dropped, other runs of characters as ``-``."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def safe_folder_name(name: str, taken: Collection[str]) -> str:
    """An ASCII folder name for ``name`` not in ``taken`` (compared ignoring case).

    ``Zoë O'Brien`` becomes ``zoe-o-brien``; a name with nothing left (``王芳``)
    becomes ``trainee``; then ``-2``, ``-3``... until the name is free. At most
    :data:`MAX_FOLDER` characters; never starts with ``.`` (it starts with a letter
    or digit) and never holds ``/``.
    """
    base = _ascii(name)[:MAX_FOLDER].strip("-") or "trainee"
    used = {t.casefold() for t in taken}
    if base not in used:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: MAX_FOLDER - len(suffix)].strip("-") + suffix
        if candidate not in used:
            return candidate
        n += 1
