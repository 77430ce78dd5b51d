"""Text where capital letters are no abbreviation: dates and times, e-mail headers and
addresses, file names and web addresses.

Records pasted into an IMR carry them: ``28-MAR-2025`` (``MAR`` is March, not a
Medication Administration Record), ``CC: the duty team`` (an e-mail's copy line, not a
Care Coordinator), ``someone@northshire.nhs.uk``, ``EPR-export.csv``,
``https://example.org/SAB/OT``. :func:`ignored_spans` finds them, so the glossary's
matches and the finder of unknown abbreviations both pass over them (and the export's
glossary, which uses both, sees the same).
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    # 28-MAR-2025, 12-Mar-25, 28 MAR 2025, 28/Mar/2025, 28.MAR.25, 28-MAR
    rf"\d{{1,2}}(?:[-/.]{_MONTH}(?:[-/.]\d{{2,4}})?|\s{_MONTH}[\s,]+\d{{4}})(?![\w])"
    # MAR-2025, Mar-25, MAR 2025 (a month and its year)
    rf"|(?<![\w]){_MONTH}(?:[-/.]\d{{2}}|[-/.\s]\d{{4}})(?![\w])"
)
_TIME = r"(?<![\w])\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s?(?:am|pm|hrs|hours|h)?(?![\w])"
_TIME_AMPM = r"(?<![\w])\d{1,2}\s?(?:am|pm)(?![\w])"
_HEADER_LABEL = r"(?:cc|bcc|to|from|sent|date|subject|re|fw|fwd|attachments?|importance)"
_HEADER = (
    # at a line's start (after quoting marks), one or more labels: "Subject: RE: FW:"
    rf"(?m:^[ \t>]*(?:{_HEADER_LABEL}[ \t]*:[ \t]*)+)"
    # an e-mail's copy lines anywhere (pasted headers run together on one line)
    r"|(?<![\w])b?cc[ \t]*:"
    # "cc'd", "CC'd", "cc'ed": copied into an e-mail
    r"|(?<![\w])cc['’]?e?d(?![\w])"
)
_EMAIL = r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+"
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"')\]]+"
_FILE_EXT = (
    r"(?:docx?|xlsx?|xlsm|csv|tsv|pdf|txt|rtf|odt|ods|pptx?|msg|eml|jpe?g|png|gif|tiff?"
    r"|zip|xml|json|html?|toml|mp3|mp4|wav)"
)
_FILE = rf"(?:[A-Za-z]:\\)?(?:[\w.-]+[\\/])*[\w-]+(?:\.[\w-]+)*\.{_FILE_EXT}(?![\w])"
_IGNORED = re.compile(
    "|".join(f"(?:{p})" for p in (_URL, _EMAIL, _FILE, _HEADER, _DATE, _TIME, _TIME_AMPM)),
    re.IGNORECASE,
)


_MAYBE = re.compile(r"[\d@:/\\]|\.\w|www|(?<!\w)b?cc", re.IGNORECASE)
"""What every ignored span holds (a digit, ``@``, ``:``, a slash, a dot before a letter,
``www`` or a copy line's ``cc``): a text with none has no span, and is not searched."""


def ignored_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a date, a time, an e-mail header or address, a file name or
    a web address: ``(start, end)`` offsets, in order, not overlapping."""
    if _MAYBE.search(text) is None:
        return []
    spans = []
    for m in _IGNORED.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?" and m[0][-1] != ":":
            end -= 1  # a sentence's full stop after a web address is not part of it
        spans.append((m.start(), end))
    return spans


def blank_ignored(text: str) -> str:
    """``text`` with every ignored span (see :func:`ignored_spans`) replaced by spaces,
    so offsets stay the same and nothing inside is read as a word."""
    spans = ignored_spans(text)
    if not spans:
        return text
    out = list(text)
    for start, end in spans:
        out[start:end] = " " * (end - start)
    return "".join(out)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``..``end`` overlaps any of ``spans``."""
    return any(s < end and start < e for s, e in spans)
