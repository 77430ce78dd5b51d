"""Word-level differences between two texts, exact to the character.

A text is cut into tokens: runs of word characters, runs of whitespace, and each
other character on its own, so joining the tokens gives back the text exactly. The
two token lists are compared (:mod:`difflib`) and the result is a list of
:class:`Piece` (kept, inserted, deleted) from which both texts are rebuilt exactly:
:func:`old_text` and :func:`new_text`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

PieceKind = Literal["same", "insert", "delete"]
"""Whether a piece of text is in both texts, only the new one, or only the old one."""

_TOKEN = re.compile(r"\w+|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Piece:
    """A run of text that is in both texts (``same``), only in the new one (``insert``)
    or only in the old one (``delete``)."""

    kind: PieceKind
    """Which text(s) it is in."""
    text: str
    """The text itself, exactly (spaces and line breaks included)."""


def tokens(text: str) -> list[str]:
    """``text`` cut into words, whitespace runs and single other characters; joined
    they are ``text`` again."""
    return _TOKEN.findall(text)


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring pieces of one kind and drop empty ones."""
    out: list[Piece] = []
    for p in pieces:
        if not p.text:
            continue
        if out and out[-1].kind == p.kind:
            out[-1] = Piece(p.kind, out[-1].text + p.text)
        else:
            out.append(p)
    return out


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``, word by word.

    A deletion comes before the insertion that replaces it. Whitespace between two
    changed words goes with the change, so ``[-a b-]{+c d+}`` reads better than
    ``[-a-]{+c+} [-b-]{+d+}``.
    """
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[Piece] = []
    for op, i1, i2, j1, j2 in _absorb_spaces(matcher.get_opcodes(), a):
        if op == "equal":
            out.append(Piece("same", "".join(a[i1:i2])))
            continue
        out.append(Piece("delete", "".join(a[i1:i2])))
        out.append(Piece("insert", "".join(b[j1:j2])))
    return _merge(out)


Opcode = tuple[str, int, int, int, int]


def _absorb_spaces(ops: Sequence[Opcode], a: Sequence[str]) -> list[Opcode]:
    """Fold an ``equal`` run that is only whitespace, between two changes, into one
    change with them."""
    out: list[Opcode] = []
    for op in ops:
        if (
            op[0] != "equal"
            and len(out) >= 2
            and out[-1][0] == "equal"
            and out[-2][0] != "equal"
            and all(not t.strip() for t in a[out[-1][1] : out[-1][2]])
        ):
            _, i1, _, j1, _ = out[-2]
            out[-2:] = [("replace", i1, op[2], j1, op[4])]
        else:
            out.append(op)
    return out


def old_text(pieces: Sequence[Piece]) -> str:
    """The old text, rebuilt from ``pieces``."""
    return "".join(p.text for p in pieces if p.kind != "insert")


def new_text(pieces: Sequence[Piece]) -> str:
    """The new text, rebuilt from ``pieces``."""
    return "".join(p.text for p in pieces if p.kind != "delete")


def changed(pieces: Sequence[Piece]) -> bool:
    """Whether any piece is an insertion or a deletion."""
    return any(p.kind != "same" for p in pieces)
