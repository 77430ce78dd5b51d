"""Phrases kept as written, middle names, surnames written apart or double-barrelled,
postcodes of any area and addresses: each in the exact form a fresh tester saw fail.

Fictional: Kathleen McAllister (Kath) born 02/06/1941 is Adult A; Rose Tinsley is Family
Member 1 and Rose Ward a ward kept as written; Liam McAllister-Byrne is Family Member 2;
Mrs Ellison is Carer 1; Ewan MacLeod, Niamh O'Brien and Ana DeSouza are professionals.
"""

from __future__ import annotations

from datetime import date

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Adult, Pseudonym, Review, ReviewPeriod
from imr_tui.report.anonymise import Anonymised, anonymise
from imr_tui.report.mentions import preview

LISTED = [
    ("Kathleen McAllister", "Adult A"),
    ("Kath", "Adult A"),
    ("McAllister", "Adult A"),
    ("Rose Tinsley", "Family Member 1"),
    ("Rose Ward", "Rose Ward"),
    ("Liam McAllister-Byrne", "Family Member 2"),
    ("Mrs Ellison", "Carer 1"),
    ("Ewan MacLeod", "Social Worker 1"),
    ("MacLeod", "Social Worker 1"),
    ("O'Brien", "Doctor 1"),
    ("DeSouza", "Nurse 1"),
    ("Alan Pryce", "GP 1"),
]


def review(listed: list[tuple[str, str]] = LISTED) -> Review:
    return Review(
        adults=[Adult(name="Kathleen McAllister", date_of_birth=date(1941, 6, 2))],
        pseudonyms=[Pseudonym(name=n, alias=a) for n, a in listed],
        review_period=ReviewPeriod(start=date(2025, 4, 1), end=date(2025, 5, 31)),
    )


@pytest.fixture
def anon(catalogue: Catalogue) -> Anonymised:
    return anonymise(review(), catalogue)


def whats(anon: Anonymised, text: str) -> list[str]:
    return [f.what for f in anon.search([("Summary", text)])]


# 1. keeping a phrase does not switch off a person


def test_a_kept_phrase_leaves_the_listed_person_found(anon: Anonymised) -> None:
    assert whats(anon, "Later Rose rang the ward") == ["Rose"]


def test_a_kept_phrase_is_kept_where_it_is_written(anon: Anonymised) -> None:
    text = "Rose Ward was busy; Rose Tinsley visited Rose Ward."
    out = anon.text(text)
    assert out == "Rose Ward was busy; Family Member 1 visited Rose Ward."
    assert anon.search([("Summary", out)]) == []


def test_a_kept_phrase_is_not_a_mention(catalogue: Catalogue) -> None:
    r = review()
    r.set_answer("summary", "On Rose Ward she was seen by Rose Tinsley.")
    found = preview(r, catalogue)
    said = [m.found for m in found.mentions if "Rose" in m.found]
    assert said == ["Rose Tinsley"]
    assert found.anon.replaced == len(found.mentions)
    assert found.leftovers == []


def test_a_one_word_kept_name_is_kept_everywhere(catalogue: Catalogue) -> None:
    anon = anonymise(review([*LISTED, ("Rose", "Rose")]), catalogue)
    assert anon.text("Later Rose rang") == "Later Rose rang"
    assert whats(anon, "Later Rose rang") == []


# 2. a listed surname in mixed case is a name, not an identifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mrs. McAllister's daughter", "Adult A's daughter"),
        ("McAllister said", "Adult A said"),
    ],
)
def test_a_surname_in_mixed_case_is_left_to_the_names(
    anon: Anonymised, text: str, expected: str
) -> None:
    assert anon.text(text) == expected


def test_an_unlisted_surname_in_mixed_case_is_reported_as_a_name(catalogue: Catalogue) -> None:
    anon = anonymise(review([("Kathleen McAllister", "Adult A")]), catalogue)
    assert "[identifier removed]" not in anon.text("Mrs. McAllister's daughter")
    assert whats(anon, "Mrs. McAllister's daughter") == ["McAllister"]


# 3-6. forms of listed names


LEAKS = [
    ("Kathleen Mary McAllister said", "Adult A said"),
    ("Kathleen Mary Anne McAllister said", "Adult A said"),
    ("Mc Allister said", "Adult A said"),
    ("Ewan Mac Leod said", "Social Worker 1 said"),
    ("Mac Leod said", "Social Worker 1 said"),
    ("O Brien said", "Doctor 1 said"),
    ("De Souza said", "Nurse 1 said"),
    ("Mrs. Ellison's note", "Carer 1's note"),
    ("Mrs Ellison's note", "Carer 1's note"),
    # 7. identifiers
    ("call 0044 7700 900456 now", "call [phone number removed] now"),
    ("NI qq 12 34 56 c noted", "NI [NI number removed] noted"),
    ("born 410602 in Leeds", "born [date of birth removed] in Leeds"),
    ("ref 410602 on file", "ref [date of birth removed] on file"),
    ("PC 2291 attended", "PC [identifier removed] attended"),
    ("PCSO 2291, DC 4410, DS 77 and Sgt 1203", None),
    # 8. postcodes of any area
    ("lives at NS1 4AB now", "lives at [postcode removed] now"),
    ("lives at NS14AB now", "lives at [postcode removed] now"),
    ("lives at ns1 4ab now", "lives at [postcode removed] now"),
    ("at QX9A 2BD.", "at [postcode removed]."),
    ("at ns14ab.", "at [postcode removed]."),
]


@pytest.mark.parametrize(("text", "expected"), LEAKS)
def test_each_leak_is_removed(anon: Anonymised, text: str, expected: str | None) -> None:
    out = anon.text(text)
    if expected is None:
        assert not any(ch.isdigit() for ch in out), out
    else:
        assert out == expected
    assert anon.search([("Summary", out)]) == []


@pytest.mark.parametrize(
    "text", ["Mc Allister", "Mac Leod", "O Brien", "De Souza", "Kathleen Mary McAllister"]
)
def test_each_form_is_found_by_the_search(anon: Anonymised, text: str) -> None:
    assert whats(anon, f"then {text} came") != []


def test_the_last_part_of_a_double_barrelled_surname_is_found(anon: Anonymised) -> None:
    assert whats(anon, "then Byrne came") == ["Byrne"]
    assert whats(anon, "then Liam came") == ["Liam"]


# 8-9. what stays


STAYS = [
    "GP 1, Hope Street Surgery",
    "12 Hope Street Surgery",
    "4 Mill Road Health Centre",
    "7 Station Road Library",
    "A score of 12 and 3 of 4 items",
    "ward AB1 2DE? no: the form QA 7 says so",
    "Version 2 of the plan",
    "in 2024 at 10 30",
    "PC World",
    "ward b2 4th floor",
    "obs q4 2hr",
    "colour F5F8EA",
]


@pytest.mark.parametrize("text", STAYS)
def test_ordinary_text_stays(anon: Anonymised, text: str) -> None:
    out = anon.text(text)
    if "AB1 2DE" in text:
        assert "[postcode removed]" in out
        return
    assert out == text
    assert anon.search([("Summary", text)]) == []


def test_a_home_address_is_still_removed(anon: Anonymised) -> None:
    assert anon.text("lives at 12 Acacia Avenue") == "lives at [address removed]"
    # A comma after the number is how many write it; a service after the street is no home.
    assert anon.text("lives at 27, Hope Street with her son") == (
        "lives at [address removed] with her son"
    )
    assert anon.text("GP 1, Hope Street Surgery") == "GP 1, Hope Street Surgery"


def test_a_one_word_kept_name_yields_to_a_longer_listed_name(catalogue: Catalogue) -> None:
    anon = anonymise(review([*LISTED, ("Rose", "Rose")]), catalogue)
    out = anon.text("Rose Tinsley met Rose on Rose Ward")
    assert out == "Family Member 1 met Rose on Rose Ward"
    assert anon.search([("Summary", out)]) == []


def test_initials_with_a_mc_prefix_are_the_person(catalogue: Catalogue) -> None:
    review = Review(
        adults=[Adult(name="Kathleen McAllister")],
        pseudonyms=[
            Pseudonym(name="Kathleen McAllister", alias="Adult K"),
            Pseudonym(name="Ewan MacLeod", alias="GP 1"),
        ],
    )
    anon = anonymise(review, catalogue)
    assert anon.text("signed K.McA. and E.MacL.; M.C. was present") == (
        "signed Adult K and GP 1; M.C. was present"
    )
