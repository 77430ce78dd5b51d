"""preview(): every replacement an anonymised export will make, in context, before it is made.

Fictional: Dorothy Hollins (called Dot by her family), born 02/06/1945, is Adult A; Amy
Hart is Staff Nurse 1; the author is Marcus Whitfield.
"""

from __future__ import annotations

from datetime import date

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.report.mentions import Mention, preview

ROLE = "Named Nurse for Safeguarding Adults"


def fictional() -> Review:
    """A review naming its people in the summary, the chronology and a recommendation."""
    review = Review(
        adults=[Adult(name="Dorothy Hollins", date_of_birth=date(1945, 6, 2))],
        review_period=ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 10, 31)),
        pseudonyms=[
            Pseudonym(name="Dorothy Hollins", alias="Adult A"),
            Pseudonym(name="Hollins", alias="Adult A"),
            Pseudonym(name="Amy Hart", alias="Staff Nurse 1"),
        ],
        chronology=[
            ChronologyEntry(
                date="2024-03-11",
                source="Notes of Amy Hart",
                cells={"practitioner": "Amy Hart, staff nurse", "event": "Visit: Hollins's leg."},
            ),
        ],
        recommendations=[
            Recommendation(
                recommendation="Audit refusals of care.",
                lead="Staff Nurse Amy Hart",
                target_date=date(2026, 3, 31),
            )
        ],
    )
    review.set_answer("summary", "Her son calls Dot Dorothy Hollins (born 02/06/1945) still.")
    review.set_answer("author_name", "Marcus Whitfield")
    review.set_answer("author_role", ROLE)
    review.set_answer("author_contact", "marcus.whitfield@northshire.example")
    return review


def place(m: Mention) -> tuple[str, str, str, str, str, str, str, str]:
    return (m.section, m.found, m.becomes, m.kind, m.before, m.after, m.where, m.field)


def test_every_mention_in_report_order_with_what_it_becomes(catalogue: Catalogue) -> None:
    review = fictional()
    shown = preview(review, catalogue)
    entry = "chronology entry of 11/03/2024"
    assert [place(m) for m in shown.mentions] == [
        ("Details", "Dorothy Hollins", "Adult A", "name", "", "", review_adults(catalogue), ""),
        ("Details", "Marcus Whitfield", ROLE, "author's name", "", "", "Author's name", ""),
        (
            "Details",
            "marcus.whitfield@northshire.example",
            "[e-mail removed]",
            "e-mail address",
            "",
            "",
            "Author's contact details",
            "",
        ),
        (
            "Summary",
            "Dorothy Hollins",
            "Adult A",
            "name",
            "Her son calls Dot ",  # the space at the edge kept: it reads as written
            " (born 02/06/1945) still.",
            "Summary of involvement",
            "",
        ),
        (
            "Summary",
            "02/06/1945",
            "[date of birth removed]",
            "date of birth",
            "lls Dot Dorothy Hollins (born ",
            ") still.",
            "Summary of involvement",
            "",
        ),
        ("Chronology", "Amy Hart", "Staff Nurse 1", "name", "Notes of ", "", entry, "source"),
        (
            "Chronology",
            "Amy Hart",
            "Staff Nurse 1",
            "name",
            "",
            ", staff nurse",
            entry,
            "practitioner",
        ),
        ("Chronology", "Hollins's", "Adult A's", "name", "Visit: ", " leg.", entry, "event"),
        (
            "Recommendations",
            "Staff Nurse Amy Hart",
            "Staff Nurse 1",
            "name",
            "",
            "",
            "recommendation 1",
            "lead",
        ),
    ]
    by_step = [(m.step_id, m.record_id) for m in shown.mentions]
    entry_id, recommendation_id = review.chronology[0].id, review.recommendations[0].id
    assert by_step == [
        ("adults", ""),
        ("author_name", ""),
        ("author_contact", ""),
        ("summary", ""),
        ("summary", ""),
        ("chronology", entry_id),
        ("chronology", entry_id),
        ("chronology", entry_id),
        ("recommendations", recommendation_id),
    ]
    for m in shown.mentions:  # the context reads as written
        assert "\n" not in m.before + m.after
    assert shown.leftovers == []


def review_adults(catalogue: Catalogue) -> str:
    adults = catalogue.prompt_of_kind("adults")
    assert adults is not None
    return adults.title


def test_a_nickname_next_to_a_listed_name_is_suggested(catalogue: Catalogue) -> None:
    shown = preview(fictional(), catalogue)
    assert [(s.word, s.section, s.before, s.after) for s in shown.suggestions] == [
        ("Dot", "Summary", "Her son calls ", " Dorothy Hollins (born 02/06/1")
    ]


def test_the_same_sentence_twice_is_placed_in_each_entry(catalogue: Catalogue) -> None:
    review = fictional()
    twice = ChronologyEntry(date="2024-03-12", source="Notes of Amy Hart", cells={})
    review.chronology.append(twice)
    sources = [
        (m.record_id, m.where) for m in preview(review, catalogue).mentions if m.field == "source"
    ]
    assert sources == [
        (review.chronology[0].id, "chronology entry of 11/03/2024"),
        (twice.id, "chronology entry of 12/03/2024"),
    ]


def test_what_would_be_left_is_listed_as_written(catalogue: Catalogue) -> None:
    review = fictional()
    review.pseudonyms = [p for p in review.pseudonyms if p.name != "Hollins"]
    shown = preview(review, catalogue)
    assert [(f.what, f.where, f.form) for f in shown.leftovers] == [
        ("Hollins", "Chronology", "Hollins")
    ]
    assert "Hollins's" not in [m.found for m in shown.mentions]


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (Review(answers={"summary": "Dorothy"}), "no names are listed to replace"),
        (Review(pseudonyms=[Pseudonym(name="Amy")]), "pseudonyms[0]: 'Amy' has no alias"),
    ],
)
def test_nothing_listed_is_an_error(catalogue: Catalogue, review: Review, expected: str) -> None:
    with pytest.raises(UserError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        preview(review, catalogue, file="dot.toml")


def test_the_export_counts_what_the_preview_lists(catalogue: Catalogue) -> None:
    """``imr export`` ("N replacements") and ``imr pseudonyms FILE check`` ("N mentions")
    agree: names and identifiers alike are counted."""
    from leak_corpus import leak_review

    from imr_tui.report.anonymised_report import anonymised_markdown

    _, anon, found = anonymised_markdown(leak_review(), catalogue)
    shown = preview(leak_review(), catalogue)
    assert found == [] and shown.leftovers == []
    assert {m.kind for m in shown.mentions} >= {"name", "e-mail address", "date of birth"}
    assert anon.replaced == len(shown.mentions)


def test_dates_addresses_and_doses_are_not_suggested(catalogue: Catalogue) -> None:
    """Only words that may be names are suggested: not a month, a street address removed,
    or a vitamin's code; a word near the name that is not listed still is."""
    review = Review(
        pseudonyms=[Pseudonym(name="Zoë O'Brien", alias="Adult A")],
        answers={"summary": "On 2 June Priya, Zoë O'Brien, Vitamin B12, 12 Acacia Avenue."},
    )
    shown = preview(review, catalogue)
    assert [s.word for s in shown.suggestions] == ["Priya", "Vitamin"]
