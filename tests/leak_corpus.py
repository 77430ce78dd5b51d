"""A fictional review written to leak: every form of a name and identifier an anonymised
export has been seen to miss, in every part of the report.

Everyone here is fictional. :data:`FORBIDDEN` lists every string that must never be read in
an anonymised export; :func:`folded` is how an export's text is compared with it (case,
accents, soft hyphens, zero-width characters and the kinds of space and hyphen folded).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
)

SOFT_HYPHEN = "\u00ad"
NB_HYPHEN = "\u2011"
CYRILLIC_O = "\u043e"

LEAKS = (
    "Contact: marcus.whitfield@northshire.nhs.uk, son.hollins1@outlook.com and AHart@nhs.net. "
    "Scanned letter HOLLINS_D_020645.pdf. Born 2-Jun-1945 (also written 2 Jun 45, "
    f"02-Jun-1945, 020645, 02061945, 19450602, 1945/06/02 and 02{NB_HYPHEN}06{NB_HYPHEN}1945). "
    f"Siobhan visited; Dor{SOFT_HYPHEN}othy Hol{SOFT_HYPHEN}lins was seen by D. Hollins's GP "
    "and A. Hart. 'P. Hollins' said she was fine. Staff Nurse Amy\nHart phoned 07700 900461. "
    "NHS number 943 476 5919, NI number QQ 12 34 56 C, postcode NE1 4XX. "
    "Files OBRIEN_Z_020645.pdf, OBrien_Z_DOB_02061945.docx, ZOBrien.msg, HOPEDAVIES_M.pdf, "
    "Davies_M.pdf and hope_davies.doc; users zobrien, hopedavies and mhopedavies. OBrien; "
    "Obrien; O Brien; O-Brien. Born 2nd June '45, dob 2nd Jun. '45, in June 1945, on the "
    "second of June 1945 (06/02/1945 in US order). NHS 943.476.5919, NI qq123456c, tel "
    "01632.960.123 and +353 87 123 4567. Lives at 12 Acacia Avenue. The Hollinses and the "
    "Harts met D.H. and D. H. with Z.O'B.; Hollins, D. signed. Mr Hope-Davies's note. "
    "DOB 02 06 1945; DoB - 02 06 1945. MRN 00456217, hospital number RX1-0045621, PNC ID "
    "25/123456X, PC Jones (collar 4471). NHS 943 47 65919. Posted #justicefordorothy by "
    f"@dorothyhollins. Seen by H{CYRILLIC_O}llins. Postcode GIR 0AA. "
    "Kathleen Mary McAllister and Mc Allister rang; Liam McAllister-Byrne and Byrne came; "
    "Mac Leod, O Brien and De Souza were told; Mrs. Ellison's note. Phone 0044 7700 900456, "
    "NI qq 12 34 56 c, born 450602, PC 2291 attended, NS1 4AB and NS14AB."
)
"""One paragraph holding every leak class of the issue."""

FORBIDDEN = (
    "Dorothy",
    "Hollins",
    "Siobhán",
    "Siobhan",
    "Amy Hart",
    "AHart",
    "A. Hart",
    "D. Hollins",
    "P. Hollins",
    "Marcus",
    "Whitfield",
    "Ruth Okafor-Penhale",
    "Penhale",
    "marcus.whitfield@northshire.nhs.uk",
    "son.hollins1@outlook.com",
    "AHart@nhs.net",
    "HOLLINS_D_020645.pdf",
    "2-Jun-1945",
    "2 Jun 45",
    "02-Jun-1945",
    "020645",
    "02061945",
    "19450602",
    "1945/06/02",
    "02-06-1945",
    "02/06/1945",
    "1945-06-02",
    "2 June 1945",
    "07700 900461",
    "07700900461",
    "943 476 5919",
    "9434765919",
    "QQ 12 34 56 C",
    "QQ123456C",
    "NE1 4XX",
    "Zoë",
    "O'Brien",
    "OBrien",
    "O Brien",
    "O-Brien",
    "OBRIEN_Z_020645.pdf",
    "ZOBrien",
    "zobrien",
    "Hope-Davies",
    "hopedavies",
    "Davies",
    "hope_davies",
    "2nd June '45",
    "2nd Jun. '45",
    "June 1945",
    "second of June 1945",
    "06/02/1945",
    "943.476.5919",
    "qq123456c",
    "01632.960.123",
    "+353 87 123 4567",
    "12 Acacia Avenue",
    "Acacia",
    "Hollinses",
    "Harts",
    "D.H.",
    "D. H.",
    "Z.O'B.",
    "Hollins, D.",
    "Mr Social Worker 1",
    "02 06 1945",
    "00456217",
    "RX1-0045621",
    "25/123456X",
    "4471",
    "943 47 65919",
    "justicefordorothy",
    "@dorothyhollins",
    f"H{CYRILLIC_O}llins",
    "GIR 0AA",
    "Kathleen",
    "McAllister",
    "Mc Allister",
    "Allister",
    "Byrne",
    "MacLeod",
    "Mac Leod",
    "Leod",
    "Souza",
    "Ellison",
    "0044 7700 900456",
    "7700 900456",
    "qq 12 34 56 c",
    "450602",
    "PC 2291",
    "NS1 4AB",
)
"""Every string that must never be read in an anonymised export of :func:`leak_review`."""

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")


def folded(text: str) -> str:
    """``text`` folded for comparison: no accents, case, invisible characters or odd spaces."""
    text = _DASHES.sub("-", _INVISIBLE.sub("", unicodedata.normalize("NFKD", text)))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", text)


def found_forbidden(text: str) -> list[str]:
    """The forbidden strings in ``text`` (compared folded; short names as whole words)."""
    haystack = folded(text)
    compact = haystack.replace(" ", "")
    out = []
    for item in FORBIDDEN:
        needle = folded(item)
        if len(needle) < 6 and needle.isalpha():
            hit = re.search(rf"(?<![a-z]){re.escape(needle)}(?![a-z])", haystack)
        else:
            hit = re.search(re.escape(needle), haystack) or (
                re.search(re.escape(needle.replace(" ", "")), compact)
                if any(c.isdigit() for c in needle)
                else None
            )
        if hit:
            out.append(item)
    return out


def leak_review(agency: str = "Northshire Community Health NHS Trust") -> Review:
    """The review written to leak: names listed, but written in every form that escapes."""
    return Review(
        adults=[Adult(name="Dorothy Hollins", date_of_birth=date(1945, 6, 2))],
        review_period=ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31)),
        pseudonyms=[
            Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult"),
            Pseudonym(name="Dorothy", alias="Adult A", kind="adult"),
            Pseudonym(name="Mrs Hollins", alias="Adult A", kind="adult"),
            Pseudonym(name="Hollins", alias="Adult A", kind="adult"),
            Pseudonym(name="Siobhán Hollins", alias="Adult A's daughter", kind="family"),
            Pseudonym(name="Siobhán", alias="Adult A's daughter", kind="family"),
            Pseudonym(name="Amy Hart", alias="Staff Nurse 1", kind="practitioner"),
            Pseudonym(name="Hart", alias="Staff Nurse 1", kind="practitioner"),
            Pseudonym(name="Zoë O'Brien", alias="Family Member 2", kind="family"),
            Pseudonym(name="O'Brien", alias="Family Member 2", kind="family"),
            Pseudonym(name="Mark Hope-Davies", alias="Social Worker 1", kind="practitioner"),
            Pseudonym(name="Hope-Davies", alias="Social Worker 1", kind="practitioner"),
            Pseudonym(name="Kathleen McAllister", alias="Family Member 3", kind="family"),
            Pseudonym(name="McAllister", alias="Family Member 3", kind="family"),
            Pseudonym(name="Liam McAllister-Byrne", alias="Family Member 4", kind="family"),
            Pseudonym(name="McAllister-Byrne", alias="Family Member 4", kind="family"),
            Pseudonym(name="Byrne", alias="Family Member 4", kind="family"),
            Pseudonym(name="MacLeod", alias="Social Worker 2", kind="practitioner"),
            Pseudonym(name="DeSouza", alias="Nurse 2", kind="practitioner"),
            Pseudonym(name="Mrs Ellison", alias="Carer 1", kind="other"),
        ],
        answers={
            "agency": agency,
            "author_name": "Marcus Whitfield",
            "author_role": "Named Nurse for Safeguarding Adults",
            "author_agency": agency,
            "author_contact": "marcus.whitfield@northshire.nhs.uk, 07700 900461",
            "summary": LEAKS,
            "sources": "Records filed as HOLLINS_D_020645.pdf",
            "endorser_name": "Ruth Okafor-Penhale",
            "endorser_role": "Director of Nursing; deputy A. Hart, AHart@nhs.net, born 2 Jun 45",
        },
        chronology=[
            ChronologyEntry(
                date="2024-03-11",
                source="HOLLINS_D_020645.pdf",
                cells={"practitioner": "Staff Nurse Amy\nHart", "event": LEAKS},
            ),
            ChronologyEntry(
                date="2024-04-02",
                source="e-mail from son.hollins1@outlook.com",
                cells={"event": "Visit; D. Hollins seen; born 02061945."},
            ),
        ],
        recommendations=[
            Recommendation(
                recommendation="Training on recording. " + LEAKS,
                lead="AHart@nhs.net (A. Hart)",
                evidence="Ruth Okafor-Penhale to confirm",
            )
        ],
    )
