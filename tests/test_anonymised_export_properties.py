"""Property test of the anonymised exports as written: a listed name, in a random form, in
a random part of a review, is never in the file an anonymised export writes.

The form is drawn from the ways a name escapes (case, accents, soft hyphens, zero-width
and non-breaking characters, a line break, possessives, an initial, inside an e-mail
address or a file name) and put into one of the summary, a chronology cell, a chronology
source, a recommendation's lead, the author's contact details or the endorsement. The
Markdown and the Word document are exported through the same fail-closed export as the
command: either the file is written and no part of it (every XML part of the .docx)
holds a word of the name or the date of birth, folded; or nothing is written and the
export says what it found.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from leak_corpus import folded

from imr_tui.core.catalogue import load_catalogue
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.report.anonymised_export import export_anonymised
from imr_tui.report.output_text import docx_parts, markdown_text

CATALOGUE = load_catalogue()
PEOPLE = [("Siobhán", "Ní Bhriain"), ("Zoë", "Brontë"), ("Dorothy", "Hollins"), ("Amy", "Hart")]
BORN = date(1945, 6, 2)
SOFT, ZERO, NBSP = "\u00ad", "\u200b", "\u00a0"
PLACES = ["summary", "event", "source", "lead", "author_contact", "endorser_role"]


def _form(draw: st.DrawFn, given_name: str, surname: str) -> str:
    shape = draw(
        st.sampled_from(
            [
                *("full", "upper", "plain", "soft", "zero", "nbsp", "break", "possessive"),
                *("initial", "email", "file", "quoted"),
            ]
        )
    )
    full = f"{given_name} {surname}"
    plain = folded(full).title()
    last = surname.split()[-1]
    return {
        "full": full,
        "upper": full.upper(),
        "plain": plain,
        "soft": f"{given_name[:2]}{SOFT}{given_name[2:]} {surname}",
        "zero": f"{given_name} {last[:2]}{ZERO}{last[2:]}",
        "nbsp": f"{given_name}{NBSP}{surname}",
        "break": f"{given_name}\n{surname}",
        "possessive": f"{full}'s",
        "initial": f"{given_name[0]}. {surname}",
        "email": f"{folded(given_name)}.{folded(last)}@example.org",
        "file": f"{folded(last).upper()}_{given_name[0]}_020645.pdf",
        "quoted": f"'{full}'",
    }[shape]


@st.composite
def reviews(draw: st.DrawFn) -> tuple[Review, str, str]:
    given_name, surname = draw(st.sampled_from(PEOPLE))
    form = _form(draw, given_name, surname)
    place = draw(st.sampled_from(PLACES))
    text = f"On the visit {form} was seen; born {BORN:%d/%m/%Y}."
    review = Review(
        adults=[Adult(name=f"{given_name} {surname}", date_of_birth=BORN)],
        review_period=ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31)),
        pseudonyms=[
            Pseudonym(name=f"{given_name} {surname}", alias="Adult A"),
            Pseudonym(name=given_name, alias="Adult A"),
            Pseudonym(name=surname, alias="Adult A"),
        ],
        answers={"agency": "Northshire Trust", "summary": "Seen at home."},
        chronology=[ChronologyEntry(date="2024-03-11", source="Ward notes", cells={})],
        recommendations=[Recommendation(recommendation="Train staff", lead="Ward manager")],
    )
    if place == "event":
        review.chronology[0].cells["event"] = text
    elif place == "source":
        review.chronology[0] = review.chronology[0].model_copy(update={"source": text})
    elif place == "lead":
        review.recommendations[0] = review.recommendations[0].model_copy(update={"lead": text})
    else:
        review.answers[place] = text
    return review, given_name, surname


def _words(given_name: str, surname: str) -> list[str]:
    return [w for w in folded(f"{given_name} {surname}").split() if len(w) >= 3]


@settings(max_examples=40, deadline=None)
@given(reviews(), st.sampled_from(["md", "docx"]))
def test_a_listed_name_is_never_in_a_written_export(
    drawn: tuple[Review, str, str], fmt: str
) -> None:
    review, given_name, surname = drawn
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.toml"
        out = Path(folder) / f"out.{fmt}"
        outcome = export_anonymised(path, review, CATALOGUE, None, fmt, out)
        if outcome.written is None:
            assert outcome.leftovers and not out.exists()
            return
        data = out.read_bytes()
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            raw = [package.read(n).decode("utf-8", "replace") for n in package.namelist()]
        texts = [t for _, t in docx_parts(data)] + raw
    else:
        texts = [markdown_text(data.decode("utf-8"))]
    for text in texts:
        seen = folded(text)
        for word in _words(given_name, surname):
            assert f" {word} " not in f" {seen} ", (word, text[:200])
            # inside an identifier: an e-mail address, a file name
            assert not re.search(rf"[_.@]{word}|{word}[_.@]", seen), (word, text[:200])
        assert "02/06/1945" not in seen and "020645" not in seen
