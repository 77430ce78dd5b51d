"""Identifiers the anonymiser removes, listed or not: e-mail addresses, UK phone numbers,
NHS and National Insurance numbers, postcodes, dates of birth, and names inside
identifiers and file names (``HOLLINS_D_020645.pdf``, ``dhollins``, ``AHart``).

Every rule looks at the folded view (:mod:`imr_tui.report.folding`) and gives
:class:`~imr_tui.report.folding.Hit` s in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from imr_tui.core.dates import MONTHS, WEEKDAYS
from imr_tui.report.folding import Folded, Hit

EMAIL = "[e-mail removed]"
PHONE = "[phone number removed]"
NHS = "[NHS number removed]"
NI = "[NI number removed]"
POSTCODE = "[postcode removed]"
DOB = "[date of birth removed]"
IDENTIFIER = "[identifier removed]"
FILE_NAME = "[file name removed]"
ADDRESS = "[address removed]"

_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+")
_TEN = re.compile(r"(?<![\w+])(?<!\d[.\-/])(\d{3})[ \-.]?(\d{3})[ \-.]?(\d{4})(?![\w]|[.\-/]\d)")
"""Ten digits (an NHS number?), not the end of one number and the start of another."""
_PHONE = re.compile(
    r"(?<![\w+\-/.])(?:\+ ?44 ?(?:\(0\) ?)?|\(0|0)[\d \-().]{8,15}\d(?![\w/]|[\-.]\d)"
)
_ABROAD = re.compile(r"(?<![\w+\-/.])\+ ?[1-9]\d{0,2}[\d \-().]{6,17}\d(?![\w/]|[\-.]\d)")
"""A phone number with any country code (``+353 87 123 4567``)."""
"""A UK phone number on one line, not inside a date (``2024-03-01 - 2024-03-01``)."""
_NI = re.compile(r"(?<!\w)[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d](?!\w)")
_TWO_LETTER_WORDS = frozenset(
    "am an as at be by do go he if in is it me my no of on or so to up us we".split()  # noqa: SIM905
)
"""Words that, in lower case before a spaced number, start a sentence, not an NI number."""
_POSTCODE = re.compile(
    r"(?<!\w)(?:[a-z]{1,2}\d[a-z\d]?[ \t\u00a0]{0,2}\d[abd-hjlnp-uw-z]{2}|gir\s?0aa)(?!\w)"
)
_ODD_TEN = re.compile(r"(?<![\w+])(?<!\d[ .\-/])\d(?:[ \-]?\d){9}(?!\w|[ .\-/]\d)")
"""Ten digits grouped any other way by single spaces or hyphens (``485 77 73456``)."""
_NHS_LABEL = re.compile(r"(?<!\w)nhs(?:\s+(?:number|no))?\.?\s*[:#]?\s*$")
"""``NHS``, ``NHS no.``: what is after it is an NHS number even when it fails the check."""
_RECORD = re.compile(
    r"(?<!\w)(?:mrn|crn|pnc(?:\s+(?:id|number|no))?|(?:hospital|hosp|case|patient|record)"
    r"\.?\s+(?:number|no)|collar(?:\s+(?:number|no))?|nhs\s+(?:number|no)|id)"
    r"(?:\s*[:#]|\s+no\b)?\.?\s*[:#]?\s*"
    r"(?P<id>[a-z\d]+(?:[/\-][a-z\d]+)*(?:[ \t]\d{3,}(?![\w/]))*)"
)
"""A record number after its label: ``MRN 00456217``, ``PNC ID 25/123456X``, ``(collar 4471)``."""
_STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|Crescent|Place|"
    "Gardens|Terrace|Grove|Row|Square|Walk|Mews|Parade|Hill"
)
_ADDRESS = re.compile(
    r"(?<![\w/.\-])\d{1,4}[a-zA-Z]?,?[ \t\u00a0]+"
    r"(?P<words>(?:[A-Z][\w'\u00ad\-]*[ \t\u00a0]+){1,3})"
    rf"(?P<street>{_STREET_WORDS})(?![\w\-])(?P<next>\.?[ \t\u00a0]+[A-Z])?"
)
"""A street address on the original text: a number (``27`` or ``27,``), capitalised words,
a street word."""
_SERVICE = re.compile(
    r"[ \t\u00a0]+(?:Health[ \t\u00a0]+Centre|Surgery|Practice|Hospital|Clinic|Centre|Station"
    r"|School|Library)(?![\w\-])"
)
"""A service after a street's name: ``Hope Street Surgery`` is not a home address."""
_TOKEN = re.compile(r"#?[\w@]+(?:[._\-/@+][\w@]+)*")
_EXTENSIONS = frozenset(
    [
        "pdf",
        "doc",
        "docx",
        "txt",
        "rtf",
        "odt",
        "xls",
        "xlsx",
        "csv",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "tif",
        "tiff",
        "heic",
        "msg",
        "eml",
        "zip",
        "mp3",
        "mp4",
        "wav",
        "mov",
    ]
)


POSTCODE_AREAS = frozenset(
    """ab al b ba bb bd bf bh bl bn br bs bt bx ca cb cf ch cm co cr ct cv cw da dd de dg
    dh dl dn dt dy e ec eh en ex fk fy g gl gu gy ha hd hg hp hr hs hu hx ig im ip iv je
    ka kt kw ky l la ld le ll ln ls lu m me mk ml n ne ng nn np nr nw ol ox pa pe ph pl
    po pr rg rh rm s sa se sg sk sl sm sn so sp sr ss st sw sy ta td tf tn tq tr ts tw
    ub w wa wc wd wf wn wr ws wv yo ze""".split()  # noqa: SIM905
)
"""The letters a UK postcode starts with (its area)."""


def _area(postcode: str) -> str:
    return re.match(r"[a-z]*", postcode)[0]  # type: ignore[index]


def nhs_valid(digits: str) -> bool:
    """Whether ten digits pass the NHS number's modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _uk_phone(found: str) -> bool:
    """Whether ``found`` (matched by ``_PHONE``) has the digits of a UK phone number."""
    digits = re.sub(r"\D", "", found)
    national = "0" + digits[2:] if found.lstrip("(").startswith("+") else digits
    if national.startswith("0044"):  # the international prefix written with 00
        national = "0" + national[4:]
    elif national.startswith("00"):
        national = national[1:]
    return len(national) in (10, 11)


def numbers(view: Folded) -> list[Hit]:
    """NHS numbers, UK phone numbers, NI numbers and postcodes in ``view``."""
    text = view.text
    out: list[Hit] = [
        Hit(*view.span(*m.span()), PHONE, "phone number")
        for m in _ABROAD.finditer(text)
        if not re.search(r" -|- |--", m[0]) and 8 <= len(re.sub(r"\D", "", m[0])) <= 15
    ]
    for m in _TEN.finditer(text):
        digits = "".join(m.groups())
        if nhs_valid(digits):
            out.append(Hit(*view.span(*m.span()), NHS, "NHS number"))
        elif not digits.startswith("0"):
            out.append(Hit(*view.span(*m.span()), IDENTIFIER, "identifier"))
    for m in _ODD_TEN.finditer(text):
        digits = re.sub(r"\D", "", m[0])
        separators = set(re.sub(r"\d", "", m[0]))
        if len(separators) > 1 or len(m[0]) - len(digits) > 2:
            continue  # "12 2024-03-01": a number then a date
        if nhs_valid(digits):
            out.append(Hit(*view.span(*m.span()), NHS, "NHS number"))
        elif _NHS_LABEL.search(text, max(0, m.start() - 16), m.start()):
            out.append(Hit(*view.span(*m.span()), IDENTIFIER, "identifier"))
    for m in _PHONE.finditer(text):
        found = m[0]
        while found and not _uk_phone(found):
            shorter = re.sub(r"[ \-().]+\d+$", "", found)  # "01632 960123 3 March": a day
            found = "" if shorter == found else shorter
        start = m.start()
        if found.startswith("(") and ")" not in found:  # "(07700 900 555)": its brackets stay
            found, start = found[1:], start + 1
        if found and not re.search(r" -|- |--", found):  # a dash between words
            out.append(Hit(*view.span(start, start + len(found)), PHONE, "phone number"))
    for m in _NI.finditer(text):
        letters = view.original[view.origin[m.start()] : view.origin[m.start() + 2]]
        if not letters.isupper() and not m[0].isalnum() and letters.lower() in _TWO_LETTER_WORDS:
            continue  # "on 12 03 24 a" is not one; "qq123456c" and "qq 12 34 56 c" are
        out.append(Hit(*view.span(*m.span()), NI, "National Insurance number"))
    for m in _POSTCODE.finditer(text):
        begin, end = view.span(*m.span())
        written = view.original[begin:end]
        if written.islower() and re.search(r"\d(?:st|nd|rd|th|hr)$", m[0]):
            continue  # "b2 4th", "q4 2hr": a place and an ordinal, a dose, not a postcode
        colour = re.fullmatch(r"[\da-f]{6}", m[0]) is not None  # "F5F8EA"
        if _area(m[0]) in POSTCODE_AREAS or not colour:  # any area: fictional ones too
            out.append(Hit(begin, end, POSTCODE, "postcode"))
    return out


_COLLAR = re.compile(
    r"(?<![\w\-])(?:pcso|pc|dc|ds|sgt|sergeant|constable)\.?\s+(?P<id>\d{2,6})(?![\w/]|[.,]\d)"
)
"""A rank then a collar number: ``PC 2291``, ``Sgt 1203``."""


def records(view: Folded) -> list[Hit]:
    """Record numbers after their label (``MRN``, ``hospital number``, ``PNC ID``, ``CRN``,
    ``case number``, ``collar``, ``ID``...): the number, when it holds a digit, is removed;
    so is a collar number after a rank written with a capital (``PC 2291``, ``Sgt 1203``)."""
    out = [
        Hit(*view.span(*m.span("id")), IDENTIFIER, "identifier")
        for m in _RECORD.finditer(view.text)
        if any(ch.isdigit() for ch in m["id"])
    ]
    for m in _COLLAR.finditer(view.text):
        if view.original[view.origin[m.start()]].isupper():
            out.append(Hit(*view.span(*m.span("id")), IDENTIFIER, "identifier"))
    return out


def addresses(view: Folded) -> list[Hit]:
    """Street addresses (``12 Acacia Avenue``) in ``view``'s original text; ``Room 101``
    and ``Ward 12`` are not addresses, nor ``2 May Dr Hart`` (a date, then a name)."""
    out: list[Hit] = []
    for m in _ADDRESS.finditer(view.original):
        words = [w.lower().replace("\u00ad", "") for w in m["words"].split()]
        if any(w in MONTHS or w in WEEKDAYS for w in words):
            continue
        if m["street"] in ("St", "Dr") and m["next"]:
            continue  # "St Mary's", "Dr Hart": a saint or a doctor, not a street
        if _SERVICE.match(view.original, m.end("street")):
            continue  # "12 Hope Street Surgery": a service, not a home
        out.append(Hit(m.start(), m.end("street"), ADDRESS, "address"))
    return out


def emails(view: Folded) -> list[Hit]:
    """E-mail addresses in ``view``."""
    return [Hit(*view.span(*m.span()), EMAIL, "e-mail address") for m in _EMAIL.finditer(view.text)]


# ---------------------------------------------------------------- dates of birth

_ORD = r"(?:st|nd|rd|th)?"
_SEP = r"(?:\s*[/.\-]\s*|[ \t]+)"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_ANY_DATE = (
    rf"\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}(?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}{_SEP}\d{{1,2}}{_SEP}\d{{1,2}}"
    rf"|\d{{1,2}}{_ORD}[\s\-]+(?:of\s+)?(?:{_MONTH_NAMES})\.?,?[\s\-]+(?:\d{{4}}|\d{{2}})"
    rf"|(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}{_ORD},?\s+(?:\d{{4}}|\d{{2}})"
    r"|\d{8}|\d{6}"
)
_AFTER_WORDS = re.compile(
    rf"(?<!\w)(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|born(?:\s+on)?)\s*[:\-]?\s*(?:on\s+)?"
    rf"(?P<date>{_ANY_DATE})(?!\w)"
)


_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]


def _ordinal(day: int) -> str:
    """``day`` in words, as an ordinal: ``second``, ``twenty-first``, ``thirtieth``."""
    if day <= 20:
        return _ORDINALS[day - 1]
    tens = "twenty" if day < 30 else "thirty"
    if day % 10 == 0:
        return tens[:-1] + "ieth"
    return rf"{tens}[\s\-]?{_ORDINALS[day % 10 - 1]}"


_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
"""Months in Roman numerals (``9-xi-1940``, ``9 XI 1940``)."""


def dob_pattern(born: date) -> re.Pattern[str]:
    """Every common way ``born`` is written, on the folded view: 02/06/1945, 2.6.45,
    1945-06-02, 2 June 1945, 2nd of June 1945, the second of June 1945, June 2, 1945,
    2-Jun-1945, 2 Jun 45, 2nd June '45, 1945 Jun 2, 2-vi-1945, 2 VI 1945, 020645, 02061945,
    19450602, 450602, 1945/06/02, the US order 06/02/1945, and the month and year alone
    (June 1945), which identify as well."""
    d, m, y = born.day, born.month, born.year
    day, month = rf"0?{d}", rf"0?{m}"
    year = rf"(?:{y:04d}|'?{y % 100:02d})"
    names = "|".join(n for n, i in MONTHS.items() if i == m)
    worded = rf"(?:{day}{_ORD}|{_ordinal(d)})"
    alts = [
        rf"{day}{_SEP}{month}{_SEP}{year}",
        rf"{y:04d}{_SEP}{month}{_SEP}{day}",
        rf"{month}{_SEP}{day}{_SEP}{year}",
        rf"{worded}[\s\-]+(?:of\s+)?(?:{names})\.?,?[\s\-]+{year}",
        rf"(?:{names})\.?\s+(?:the\s+)?{worded},?\s+{year}",
        rf"(?:{names})\.?,?[\s\-]+(?:{y:04d}|'{y % 100:02d})",
        rf"{y:04d}[\s\-]+(?:{names})\.?[\s\-]+{day}{_ORD}",
        rf"{day}[\s\-./]+{_ROMAN[m - 1]}[\s\-./]+{year}",
    ]
    compact = [
        f"{d:02d}{m:02d}{y % 100:02d}",
        f"{d:02d}{m:02d}{y:04d}",
        f"{y:04d}{m:02d}{d:02d}",
        f"{y % 100:02d}{m:02d}{d:02d}",
    ]
    words = "|".join(alts)
    digits = "|".join(compact)
    return re.compile(
        rf"(?<![\w/.\-])(?:{words})(?!\w|[/.\-]\d)|(?<!\d)(?:{digits})(?!\d)", re.IGNORECASE
    )


def births(view: Folded, patterns: Iterable[re.Pattern[str]]) -> list[Hit]:
    """Known dates of birth, and any date written just after ``DOB`` or ``born``."""
    out = [
        Hit(*view.span(*m.span()), DOB, "date of birth")
        for pattern in patterns
        for m in pattern.finditer(view.text)
    ]
    for m in _AFTER_WORDS.finditer(view.text):
        out.append(Hit(*view.span(*m.span("date")), DOB, "date of birth"))
    return out


# ---------------------------------------------------------------- names in identifiers


def _identifier_like(token: str) -> bool:
    if any(ch in token for ch in "_@#") or any(ch.isdigit() for ch in token):
        return True
    if re.search(r"[^\W\d_]\.[^\W\d_]", token):
        return True
    return re.search(r"[a-z][A-Z]|[A-Z]{2}[a-z]", token) is not None


def _flat(word: str) -> str:
    """A folded word without its apostrophes and hyphens: ``obrien``, ``hopedavies``."""
    return re.sub(r"['\-]", "", word)


_GLUED_WORD = re.compile(r"(?<![\w'\-])[^\W\d_][^\W\d_]+['\-][^\W\d_]+(?![\w'\-])")
"""A word holding an apostrophe or hyphen, perhaps an initial glued to such a surname."""


def identifiers(view: Folded, words: Iterable[str], surnames: Iterable[str]) -> list[Hit]:
    """Identifier-like tokens holding a listed name's word, ``dhollins`` (one letter then a
    listed surname) and ``hopedavies`` (a surname written without its hyphen or
    apostrophe): the whole token is removed. Apostrophes and hyphens are folded away from
    the names, and a hyphenated name's parts count on their own (``Davies_M.pdf``). A token
    that is a word of a listed name as written (``McAllister``) is a name, not an
    identifier: it is left to the name rules (replaced, or reported by the search)."""
    words = list(words)
    whole = set(words) | {part for w in words for part in re.split(r"['\-]", w)}
    flat = {_flat(w) for w in words}
    flat |= {part for w in words for part in re.split(r"['\-]", w)}
    words = [w for w in flat if len(w) >= 3]
    glued = {_flat(s) for s in surnames if len(_flat(s)) >= 3}
    joined = {_flat(s) for s in surnames if _flat(s) != s and len(_flat(s)) >= 3}
    out: list[Hit] = []
    for m in _TOKEN.finditer(view.text):
        folded = m[0]
        if folded in whole:
            continue  # a listed name's word (McAllister) is a name, left to the name rules
        start, end = view.span(*m.span())
        token = view.original[start:end]
        holds = any(w in folded for w in words)
        if not ((holds and _identifier_like(token)) or folded[1:] in glued or folded in joined):
            continue
        ext = folded.rsplit(".", 1)[-1] if "." in folded else ""
        if ext in _EXTENSIONS:
            out.append(Hit(start, end, FILE_NAME, "identifier"))
        else:
            out.append(Hit(start, end, IDENTIFIER, "identifier"))
    for m in _GLUED_WORD.finditer(view.text):  # "ZO'Brien": an initial glued to O'Brien
        if _flat(m[0])[1:] in glued:
            out.append(Hit(*view.span(*m.span()), IDENTIFIER, "identifier"))
    return out
