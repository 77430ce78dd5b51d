"""Surnames that are everyday words (Ward, Read, Power, Love, Early), record numbers in
groups, and the fourth fresh tester's other findings: each in the exact form seen fail.

Fictional: Margaret Ward (Peggy), born 09/11/1940, is Adult M; Daniel Ward her son; Dr
Mark Read is GP 1; PC Sam Power is Police Officer 1; Precious Love is Care Worker 1; Frank
Early is the Neighbour; Chloe Day is Staff Nurse 1.
"""

from __future__ import annotations

from datetime import date

import pytest

from imr_tui.cli.export import finding_line
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Adult, Pseudonym, Review, ReviewPeriod
from imr_tui.report.anonymise import Anonymised, anonymise
from imr_tui.report.mentions import preview

LISTED = [
    ("Margaret Ward", "Adult M"),
    ("Margaret", "Adult M"),
    ("Peggy", "Adult M"),
    ("Mrs Ward", "Adult M"),
    ("Daniel Ward", "Son of Adult M"),
    ("Daniel", "Son of Adult M"),
    ("Chloe Day", "Staff Nurse 1"),
    ("Dr Mark Read", "GP 1"),
    ("Dr Read", "GP 1"),
    ("Sam Power", "Police Officer 1"),
    ("PC Power", "Police Officer 1"),
    ("Precious Love", "Care Worker 1"),
    ("Ms Love", "Care Worker 1"),
    ("Precious", "Care Worker 1"),
    ("Frank Early", "Neighbour"),
    ("Mr Early", "Neighbour"),
    ("Ward", "Ward"),
    ("Read", "Read"),
]


def review(listed: list[tuple[str, str]] = LISTED) -> Review:
    return Review(
        adults=[Adult(name="Margaret Ward", date_of_birth=date(1940, 11, 9))],
        pseudonyms=[Pseudonym(name=n, alias=a) for n, a in listed],
        review_period=ReviewPeriod(start=date(2025, 3, 1), end=date(2025, 4, 30)),
    )


@pytest.fixture
def anon(catalogue: Catalogue) -> Anonymised:
    return anonymise(review(), catalogue)


def whats(anon: Anonymised, text: str) -> list[str]:
    return [f.what for f in anon.search([("Summary", text)])]


# 1. a one-word row kept as itself keeps the ordinary word only


@pytest.mark.parametrize(
    "text",
    ["She was moved to a side room on the Ward.", "Staff did not Read the notes."],
)
def test_a_kept_word_is_kept_as_the_ordinary_word(anon: Anonymised, text: str) -> None:
    assert anon.text(text) == text
    assert whats(anon, text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Then Mr Read called.", "Read"),
        ("Later Mrs Ward's sister rang.", None),
        ("She saw Mark Read twice.", "Read"),
        ("She saw Danny Ward twice.", "Ward"),
        ("She told Adult M Ward so.", None),
        ("Listed as Ward, Margaret in the notes.", "Ward"),
        ("Listed as WARD Margaret in the notes.", "WARD"),
        ("She said The Wards came.", "Wards"),
    ],
)
def test_a_kept_word_in_a_name_setting_is_still_found(
    anon: Anonymised, text: str, found: str | None
) -> None:
    out = anon.text(text)
    got = whats(anon, out)
    if found is None:  # replaced
        assert "Ward" not in out and got == [], (out, got)
    else:
        assert found in got, (out, got)


def test_a_lower_case_kept_word_keeps_only_lower_case(catalogue: Catalogue) -> None:
    anon = anonymise(review([*LISTED[:-1], ("read", "read")]), catalogue)
    assert whats(anon, "Staff did read the notes.") == []
    assert whats(anon, "Staff did Read the notes.") == ["Read"]


# 2. imr merge: another agency's one-word row kept as itself does not silence a name


def test_another_agencys_kept_word_does_not_silence_a_name(catalogue: Catalogue) -> None:
    police = review([("Sam Power", "Police Officer 1")])
    agency = review([("Margaret Ward", "Adult M"), ("Power", "Power"), ("Rose Ward", "Rose Ward")])
    anon = anonymise(police, catalogue, others=[agency])
    assert whats(anon, "Then Mr Power called.") == ["Power"]
    assert whats(anon, "Later Power called.") == ["Power"]
    assert anon.text("She was on Rose Ward.") == "She was on Rose Ward."
    assert whats(anon, "She was on Rose Ward.") == []


# 3. record numbers in groups, postcodes with two spaces, more dates of birth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MRN 1234 5678 held.", "MRN [identifier removed] held."),
        ("SystmOne ID 1234 5678 9012 held.", "SystmOne ID [identifier removed] held."),
        ("Lived at NS1  4AB then.", "Lived at [postcode removed] then."),
        ("Born 1940 Nov 9 in Leeds.", "Born [date of birth removed] in Leeds."),
        ("Given as 9-xi-1940 here.", "Given as [date of birth removed] here."),
        ("Given as 9 XI 1940 here.", "Given as [date of birth removed] here."),
    ],
)
def test_numbers_in_groups_and_dates_are_removed(
    anon: Anonymised, text: str, expected: str
) -> None:
    assert anon.text(text) == expected


# 4. and 5. names that are everyday words, weekdays, and a name before a number


EVERYDAY = [
    *LISTED,
    ("April", "Nurse 2"),
    ("Will", "OT 1"),
    ("Rose", "Carer 2"),
    ("Dr Sunday", "Doctor 3"),
]


@pytest.fixture
def everyday(catalogue: Catalogue) -> Anonymised:
    return anonymise(review(EVERYDAY), catalogue)


@pytest.mark.parametrize(
    "text",
    [
        "Visits in April, May and June were missed.",
        "From April to June she was alone.",
        "Will she cope? Nobody asked.",
        "Staff saw her on Sunday morning.",
        "She was admitted to Ward 12, Bay 3.",
        "It was precious little; early signs were missed.",
        "He did not read the plan; power failed; she would love to stay.",
    ],
)
def test_an_everyday_word_is_the_ordinary_word(everyday: Anonymised, text: str) -> None:
    assert everyday.text(text) == text
    assert whats(everyday, text) == []


@pytest.mark.parametrize(
    ("text", "word", "phrase"),
    [
        ("Her Will was changed in 2024.", "Will", "Her Will"),
        ("She kept the Rose by the bed.", "Rose", "the Rose"),
    ],
)
def test_an_everyday_name_after_a_determiner_is_kept_but_reported(
    catalogue: Catalogue, text: str, word: str, phrase: str
) -> None:
    """ "the Rose" may be the flower or the person: it is kept, and the search reports it
    so that the author decides; keeping the phrase as written clears it, and the name is
    still replaced elsewhere."""
    anon = anonymise(review(EVERYDAY), catalogue)
    assert anon.text(text) == text
    [found] = anon.search([("Summary", text)])
    assert found.what == word
    assert f"add '{phrase}' '{phrase}'" in finding_line(found, "r.toml")
    kept = anonymise(review([*EVERYDAY, (phrase, phrase)]), catalogue)
    assert kept.text(text) == text
    assert whats(kept, text) == []
    assert kept.text(f"Then {word} said no.") != f"Then {word} said no."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Hart family visited.", "The Adult A family visited."),
        ("She went to the Hart home.", "She went to the Adult A home."),
        ("He left the. Hart said no.", "He left the. Adult A said no."),
        ("Her Hart household.", "Her Adult A household."),
    ],
)
def test_an_everyday_surname_before_a_family_word_or_after_a_full_stop_is_replaced(
    catalogue: Catalogue, text: str, expected: str
) -> None:
    """ "the Hart family" is the family, not a deer; "the." ends a sentence."""
    anon = anonymise(
        Review(
            adults=[Adult(name="Amy Hart", date_of_birth=date(1969, 1, 1))],
            pseudonyms=[Pseudonym(name=n, alias="Adult A") for n in ("Amy Hart", "Amy", "Hart")],
        ),
        catalogue,
    )
    assert anon.text(text) == expected
    assert whats(anon, expected) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April rang on Monday.", "Nurse 2 rang on Monday."),
        ("Then Will said she could cope.", "Then OT 1 said she could cope."),
        ("Dr Sunday saw her.", "Doctor 3 saw her."),
    ],
)
def test_an_everyday_name_is_still_replaced(everyday: Anonymised, text: str, expected: str) -> None:
    assert everyday.text(text) == expected


def test_a_name_before_a_number_is_a_place(catalogue: Catalogue) -> None:
    listed = [(n, a) for n, a in EVERYDAY if n != "Ward"] + [("Bay", "Nurse 4")]
    anon = anonymise(review(listed), catalogue)
    text = "She was admitted to Ward 12, Bay 3."
    assert anon.text(text) == text
    assert whats(anon, text) == []
    assert (
        whats(anon, "Then Mrs Bay rang; Ward said no.") == ["Bay", "Ward"]
        or anon.text("Then Mrs Bay rang") == "Then Nurse 4 rang"
    )


# 6. a lower-case word of a listed name is found only in a name's setting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the hollins by the gate were cut", []),
        ("then mrs hollins rang", ["hollins"]),
        ("then dorothy and hollins rang", []),
        ("staff read the care plan; power of attorney; early signs", []),
        ("then sam hollins rang", ["hollins"]),
    ],
)
def test_a_lower_case_fragment_is_found_only_as_a_name(
    catalogue: Catalogue, text: str, expected: list[str]
) -> None:
    listed = [*LISTED, ("Dorothy Hollins", "Adult D")]
    anon = anonymise(review(listed), catalogue)
    assert whats(anon, text) == expected


# 7. a hyphen-joined name is reported once


def test_a_hyphen_joined_name_is_reported_once(anon: Anonymised) -> None:
    found = anon.search([("Summary", "Notes filed as Margaret-Ward today.")])
    assert [f.what for f in found] == ["Margaret-Ward"]


# 8. a suggestion appears once per word, in the order first seen


def test_a_suggestion_appears_once_per_word(catalogue: Catalogue) -> None:
    r = review()
    r.set_answer(
        "summary",
        "Daniel and Caremark met. Peggy rang Caremark. Daniel asked Zephyr and Caremark.",
    )
    words = [s.word for s in preview(r, catalogue).suggestions]
    assert words == sorted(set(words), key=words.index)
    assert words.count("Caremark") == 1


def test_a_hyphen_joined_name_does_not_hide_another(anon: Anonymised) -> None:
    found = anon.search([("Summary", "Filed as Margaret-Ward; then Mr Ward rang.")])
    assert [f.what for f in found] == ["Margaret-Ward", "Ward"]


def test_a_name_before_a_number_is_still_a_name(catalogue: Catalogue) -> None:
    """Only a place (or an everyday word) before a number is a place: Peggy, 84, is Peggy."""
    from imr_tui.core.model import Adult, Pseudonym, Review
    from imr_tui.report.anonymise import anonymise

    review = Review(
        adults=[Adult(name="Margaret Ward")],
        pseudonyms=[
            Pseudonym(name="Margaret Ward", alias="Adult M"),
            Pseudonym(name="Peggy", alias="Adult M"),
        ],
    )
    anon = anonymise(review, catalogue)
    assert anon.text("Peggy 84 lives alone; seen on Ward 12") == (
        "Adult M 84 lives alone; seen on Ward 12"
    )
    assert anon.search([("Summary", "Peggy 84 lives alone")]) != []
