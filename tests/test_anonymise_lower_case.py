"""A name written in lower case is still a name, unless it is an ordinary word.

The catalogue's ``[anonymise] everyday_words`` lists the ordinary words that are also
names (``will``, ``may``, ``hope``): a name listed as one of those is replaced only with a
capital; any other name (``hollins``) is replaced, and looked for, however it is written.
"""

from __future__ import annotations

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Adult, Pseudonym, Review
from imr_tui.report.anonymise import anonymise


def _review(*listed: tuple[str, str]) -> Review:
    return Review(
        adults=[Adult(name="Dorothy Hollins")],
        pseudonyms=[Pseudonym(name=n, alias=a) for n, a in listed],
    )


def test_a_surname_typed_in_lower_case_is_replaced(catalogue: Catalogue) -> None:
    anon = anonymise(_review(("Dorothy Hollins", "Adult A"), ("Hollins", "Adult A")), catalogue)
    assert anon.text("seen by hollins today; dorothy hollins rang") == (
        "seen by Adult A today; Adult A rang"
    )
    assert anon.search([("Summary", "seen by Adult A today")]) == []


def test_a_word_of_a_listed_name_in_lower_case_is_found(catalogue: Catalogue) -> None:
    anon = anonymise(_review(("Dorothy Hollins", "Adult A")), catalogue)
    found = anon.search([("Summary", "mrs hollins rang")])
    assert [(f.what, f.where) for f in found] == [("hollins", "Summary")]


def test_an_everyday_word_that_is_a_name_stays_in_lower_case(catalogue: Catalogue) -> None:
    anon = anonymise(_review(("Dorothy Hollins", "Adult A"), ("Will", "Son of Adult A")), catalogue)
    text = "he will turn her at night; Will said so"
    assert anon.text(text) == "he will turn her at night; Son of Adult A said so"
    assert anon.search([("Summary", "he will turn her")]) == []


def test_without_the_list_every_listed_name_is_replaced_in_any_case(
    catalogue: Catalogue,
) -> None:
    board = catalogue.model_copy(
        update={"anonymise": catalogue.anonymise.model_copy(update={"everyday_words": []})}
    )
    anon = anonymise(_review(("Dorothy Hollins", "Adult A"), ("Will", "Son of Adult A")), board)
    assert anon.text("he will turn her") == "he Son of Adult A turn her"
