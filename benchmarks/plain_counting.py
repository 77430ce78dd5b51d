"""How the plain-mode bench counts: which printed lines are the catalogue's words, which
the author's, and which are left as instructions; control bytes outside escape sequences.
See NOTES.md (Plain mode) for the method in words."""

from __future__ import annotations

import re

from plain_driver import ESCAPE, MENU_LINE, Run, plain_text, screen_lines

from imr_tui.core.catalogue import Catalogue


def catalogue_strings(catalogue: Catalogue) -> str:
    """Every piece of text the catalogue holds, whitespace folded, one per line."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(" ".join(value.split()))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    walk(catalogue.model_dump())
    return "\n".join(found)


POSITION = re.compile(r"^(?:[Pp]rompt \d+ of \d+(?: \([^)]*\))?: |== (?=.* ==$)|Hint: |\? )")
"""What plain mode puts before a catalogue title or hint on the same line."""


def is_catalogue(line: str, corpus: str) -> bool:
    """A line of the catalogue's own words (a title, guidance, a hint, wrapped or not),
    also after the prompt's position ("Prompt 3 of 33 (Details): Author's name")."""
    text = POSITION.sub("", " ".join(line.split())).removesuffix(" ==").strip()
    return len(text) >= 3 and text.rstrip(".:") in corpus


def is_author(line: str, texts: list[str]) -> bool:
    """A line of the author's own words: an answer (or a piece of one, wrapped; the
    questionary asker cuts words at the edge, leaving a letter or two on a line), a
    numbered record row (also one cut short with "…"), or the full stop ending an answer.
    A question with the answer typed after it on the same line is the question's line,
    as is a confirmation saying an answer back ("Recommendation 2 added: ...")."""
    text = POSITION.sub("", " ".join(line.split()))
    if text == ".":
        return True
    if any(t.endswith(text) or (len(text) >= 8 and text in t) for t in texts):
        return True  # a piece of an answer, alone on its line
    cut = text.removesuffix("…")[-12:] if text.endswith("…") else ""
    pieces = {piece for t in texts for piece in (t, t[:20]) if len(piece) >= 4}
    pieces |= {cut} if len(cut) >= 5 and any(cut in t for t in texts) else set()
    starts = [text.find(piece) for piece in pieces if piece in text]
    if not starts:
        return False
    return re.fullmatch(r"\s*(?:\d+[.)])?\s*", text[: min(starts)]) is not None


def instruction_lines(run: Run, corpus: str, texts: list[str]) -> list[str]:
    """The printed lines that are neither blank, the catalogue's words nor the author's."""
    return [
        line
        for line in screen_lines(plain_text(run.output))
        if line.strip() and not is_catalogue(line, corpus) and not is_author(line, texts)
    ]


def is_menu_line(line: str) -> bool:
    """A menu's option or its number prompt."""
    return bool(MENU_LINE.match(line)) or "Type a number from 1 to" in line


def other_controls(raw: bytes) -> dict[str, int]:
    """Control bytes outside escape sequences, other than CR, LF and TAB, by name."""
    rest = ESCAPE.sub(b"", raw)
    counts: dict[str, int] = {}
    for b in rest:
        if (b < 0x20 or b == 0x7F) and b not in (0x0A, 0x0D, 0x09):
            name = "ESC" if b == 0x1B else "BS" if b == 0x08 else f"0x{b:02x}"
            counts[name] = counts.get(name, 0) + 1
    return counts
