"""Record numbers, initials that are abbreviations, names that are ordinary words, months
used as months: each in the exact form a fresh tester saw fail.

Fictional: Margaret Ellison (Peggy, Mrs Ellison) born 04/11/1938 is Adult A; Hope Adeyemi
is District Nurse 1; Dorothy Nash, George Price and Amy Edwards are professionals whose
initials are also abbreviations (DN, GP, ME, AE); Jack May is Police Officer 1; Derek
Grant is the Neighbour; Will, Mark, Rose and Bell are listed alone.
"""

from __future__ import annotations

from datetime import date

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Adult, ChronologyEntry, Pseudonym, Review, ReviewPeriod
from imr_tui.report.anonymise import Anonymised, anonymise
from imr_tui.report.anonymised_report import anonymised_markdown
from imr_tui.report.mentions import preview

LISTED = [
    ("Margaret Ellison", "Adult A"),
    ("Mrs Ellison", "Adult A"),
    ("Peggy", "Adult A"),
    ("Hope Adeyemi", "District Nurse 1"),
    ("Dorothy Nash", "District Nurse 2"),
    ("George Price", "Doctor 1"),
    ("Amy Edwards", "Carer 1"),
    ("Jack May", "Police Officer 1"),
    ("May", "Police Officer 1"),
    ("Derek Grant", "Neighbour"),
    ("Grant", "Neighbour"),
    ("Will", "Family Member 1"),
    ("Mark", "Family Member 2"),
    ("Rose", "Family Member 3"),
    ("Bell", "Family Member 4"),
    ("Hope", "District Nurse 1"),
    ("Sam Turner", "Staff Nurse 1"),
]


def review() -> Review:
    r = Review(
        adults=[Adult(name="Margaret Ellison", date_of_birth=date(1938, 11, 4))],
        pseudonyms=[Pseudonym(name=n, alias=a) for n, a in LISTED],
        review_period=ReviewPeriod(start=date(2025, 4, 1), end=date(2025, 5, 31)),
    )
    r.set_answer("author_name", "Helen Carter")
    r.set_answer("author_role", "Named Nurse")
    return r


@pytest.fixture
def anon(catalogue: Catalogue) -> Anonymised:
    return anonymise(review(), catalogue)


LEAKS = [
    # 1. a date of birth with spaces, and any date after DOB / born
    ("DOB 04 11 1938", "DOB [date of birth removed]"),
    ("DoB - 04 11 1938", "DoB - [date of birth removed]"),
    ("seen 04 11 1938 in clinic", "seen [date of birth removed] in clinic"),
    (
        "D.O.B. 12 03 1950; born 7 8 1960",
        "D.O.B. [date of birth removed]; born [date of birth removed]",
    ),
    # 2. record numbers
    ("hospital number RX1-0045621 noted", "hospital number [identifier removed] noted"),
    ("MRN 00456217", "MRN [identifier removed]"),
    ("PNC ID 25/123456X", "PNC ID [identifier removed]"),
    ("PC Jones (collar 4471) attended", "PC Jones (collar [identifier removed]) attended"),
    ("hosp no: K445566, CRN 12345", "hosp no: [identifier removed], CRN [identifier removed]"),
    (
        "ID: AB12345 and case no. 2024/77",
        "ID: [identifier removed] and case no. [identifier removed]",
    ),
    # 3. an NHS number grouped oddly
    ("NHS 485 77 73456 seen", "NHS [identifier removed] seen"),  # as the tester wrote it
    ("NHS 485 77 73457 seen", "NHS [NHS number removed] seen"),  # passes the check
    ("no. 4857-773457.", "no. [NHS number removed]."),
    # 4. a name in a hashtag or handle
    ("posted #justiceforpeggy today", "posted [identifier removed] today"),
    ("by @peggyellison online", "by [identifier removed] online"),
    # 5. homoglyphs
    ("Mrs Ellis\u043en and Margaret Ellis\u043en", "Adult A and Adult A"),
    ("P\u0435ggy said", "Adult A said"),
    # 6. the postcode GIR 0AA
    ("at GIR 0AA.", "at [postcode removed]."),
    # 10. a rank or honorific with the alias's role before the name
    ("PC Jack May attended", "Police Officer 1 attended"),
    ("the neighbour Mr Derek Grant called", "the Neighbour called"),
    # 11. brackets round a phone number stay
    ("Son (07700 900 555) rang", "Son ([phone number removed]) rang"),
    ("call (01632) 960123 now", "call [phone number removed] now"),
    # 12. a trailing initial
    ("Ellison M. was seen", "Adult A was seen"),
    ("Margaret E. said", "Adult A said"),
]


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_each_leak_is_removed(anon: Anonymised, text: str, expected: str) -> None:
    out = anon.text(text)
    assert out == expected
    assert anon.search([("Summary", out)]) == []


def test_homoglyph_surname_is_found_by_the_search(anon: Anonymised) -> None:
    found = anon.search([("Summary", "Mrs Ellis\u043en")])
    assert [f.what for f in found] == ["Mrs Ellis\u043en"]


STAYS = [
    # 7. initials that are abbreviations, or not dotted
    "The DN visited",
    "Her GP referred",
    "ME/CFS was diagnosed",
    "AE attendance",
    "G.P. letter",
    "D.N. visited",
    "M.E. diagnosed",
    "DN and GP and DH",
    # 8. ordinary words in lower case
    "he will turn her",
    "pressure mark on the heel",
    "she may fall",
    "temperature rose",
    "we hope",
    "a grant was paid",
    "call bell in reach",
    "How impact will be evidenced",
    # 9. a month on its own
    "no hope of discharge by May",
    "mid-May",
    "in May the visits stopped",
    "until May",
    "end of May",
    "early May",
]


@pytest.mark.parametrize("text", STAYS)
def test_ordinary_text_stays(anon: Anonymised, text: str) -> None:
    assert anon.text(text) == text
    assert anon.search([("Summary", text)]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will said so", "Family Member 1 said so"),
        ("WILL said so", "Family Member 1 said so"),
        ("S.T. visited", "Staff Nurse 1 visited"),
        ("S. T. visited", "Staff Nurse 1 visited"),
        ("May said she would", "Police Officer 1 said she would"),
        ("mrs ellison and margaret ellison", "Adult A and Adult A"),
    ],
)
def test_capitalised_and_dotted_forms_are_replaced(
    anon: Anonymised, text: str, expected: str
) -> None:
    assert anon.text(text) == expected


def test_a_capitalised_single_name_left_is_found(anon: Anonymised) -> None:
    assert [f.what for f in anon.search([("Summary", "then Will came")])] == ["Will"]
    assert anon.search([("Summary", "then will came")]) == []


def test_a_leftover_says_where(anon: Anonymised) -> None:
    found = anon.search([("Summary", "She had no hope of discharge after Rose left the ward.")])
    assert [f.what for f in found] == ["Rose"]
    assert "after Rose left" in found[0].context
    assert "after Rose left" in str(found[0])


def test_suggestions_skip_contractions_abbreviations_and_places(catalogue: Catalogue) -> None:
    r = review()
    r.set_answer(
        "summary",
        "Then Peggy said I'll call QT and OEL, Peggy at Eastmoor Surgery, "
        "Peggy at Northgate Hospital, and Peggy told Bertie.",
    )
    words = {s.word for s in preview(r, catalogue).suggestions}
    assert "Bertie" in words
    assert not words & {"I'll", "QT", "OEL", "Surgery", "Hospital", "Eastmoor", "Northgate"}


def test_the_export_is_clean_with_every_leak(catalogue: Catalogue) -> None:
    r = review()
    r.set_answer("summary", "\n\n".join(text for text, _ in LEAKS) + "\n\n" + "\n\n".join(STAYS))
    text, _, found = anonymised_markdown(r, catalogue)
    assert found == []
    for needle in ("04 11 1938", "0045621", "485 77 73456", "peggy", "Ellis\u043en", "GIR 0AA"):
        assert needle not in text
    for kept in STAYS:
        assert kept in text


def test_an_initial_glued_to_a_surname_with_an_apostrophe_is_removed(
    catalogue: Catalogue,
) -> None:
    """Found by the property test: ``ZO'Brien`` for Zoë O'Brien was left."""
    r = Review(pseudonyms=[Pseudonym(name="Zoë O'Brien", alias="Adult A")])
    anon = anonymise(r, catalogue)
    assert anon.text("The. ZO'Brien The.") == "The. [identifier removed] The."
    assert anon.text("O'Brien-Smith") == "O'Brien-Smith"


def test_a_leftover_in_the_chronology_gives_the_entry_date(catalogue: Catalogue) -> None:
    r = review()
    r.chronology = [
        ChronologyEntry(date="2025-04-02", source="visit", cells={"event": "Seen."}),
        ChronologyEntry(date="2025-04-09", source="visit", cells={"event": "Then Will rang."}),
    ]
    r.pseudonyms = [p for p in r.pseudonyms if p.name != "Will"]
    r.pseudonyms.append(Pseudonym(name="Will Smith", alias="Family Member 1"))
    _, _, found = anonymised_markdown(r, catalogue)
    will = [f for f in found if f.what == "Will"]
    assert [(f.where, f.note) for f in will] == [
        ("Chronology", "part of 'Will Smith'; entry of 09/04/2025")
    ]
    assert will[0].context == "Then Will rang."
