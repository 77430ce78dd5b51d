"""Abbreviations the author's text defines itself ("a Public Protection Notice (PPN)"),
common public-service abbreviations (CCTV, TV, HMRC), and the check and the final
report's gate agreeing about an accepted abbreviation with more than one meaning."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from imr_tui.checks import Glossary, load_glossary, run_checks
from imr_tui.checks.unknown_abbreviations import defined_abbreviations
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.example import load_example
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.store import load, save
from imr_tui.report import blocks as b
from imr_tui.report.final_gate import final_problems
from imr_tui.report.glossary_section import glossary_blocks, meanings_given
from imr_tui.report.walker import walk

if TYPE_CHECKING:
    from conftest import Imr


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def entry(event: str, eid: str = "x1") -> ChronologyEntry:
    return ChronologyEntry(
        id=eid, date="2025-03-11", source="Police command and control log", cells={"event": event}
    )


def with_entry(catalogue: Catalogue, event: str) -> Review:
    """The worked example with one more chronology entry saying ``event``."""
    review = load_example(catalogue)
    review.chronology = [*review.chronology, entry(event)]
    return review


def queried(catalogue: Catalogue, review: Review, glossary: Glossary) -> set[str]:
    return {f.abbreviation for f in run_checks(catalogue, review, glossary) if f.abbreviation}


def rows(review: Review, catalogue: Catalogue, glossary: Glossary) -> dict[str, str]:
    """The report's glossary as abbreviation -> meaning printed (empty: the placeholder)."""
    found = glossary_blocks(walk(review, catalogue, glossary), review, catalogue, glossary)
    table = found[-1]
    assert isinstance(table, b.Table) and table.kind == "glossary"
    return {r[0]: r[1] for r in table.rows}


# ---------------------------------------------------------------- finding definitions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officers issued a Public Protection Notice (PPN).", {"PPN": "Public Protection Notice"}),
        ("A PPN (Public Protection Notice) was sent.", {"PPN": "Public Protection Notice"}),
        ("An application to the Court of Protection (CoP).", {"CoP": "Court of Protection"}),
        ("Taken to Accident and Emergency (A&E).", {"A&E": "Accident and Emergency"}),
        ("Discussed at the Multi-Agency Risk Assessment Conference (MARAC).",
         {"MARAC": "Multi-Agency Risk Assessment Conference"}),
        ("She was marked Did Not Attend (DNA) twice.", {"DNA": "Did Not Attend"}),
        ("Two Rapid Review Panels (RRPs) met.", {"RRP": "Rapid Review Panels"}),
        ("The Deprivation of Liberty Safeguards (DoLS) applied.",
         {"DoLS": "Deprivation of Liberty Safeguards"}),
    ],
)  # fmt: skip
def test_a_definition_in_the_text_is_found(text: str, expected: dict[str, str]) -> None:
    assert defined_abbreviations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She saw her doctor (GP) on Monday.",  # the words do not spell it
        "Seen by the GP (GP).",
        "The notes (TN) were lost.",  # a small word cannot start a meaning
        "Referred on (see above) to the PPN team.",
        "PPN (see the policy) was not issued.",
        "A Public Protection Notice. (PPN) came later.",  # not in the same sentence
        "Public Protection (PPN) was discussed.",  # too few words
        "The PPN (Police Protection Notice, draft) was sent.",  # words left over
        "A Public [bold]Protection Notice[/bold] (PPN)",  # markup is not a word
        "",
    ],
)
def test_brackets_that_define_nothing(text: str) -> None:
    assert defined_abbreviations(text) == {}


def test_many_small_words_before_brackets_take_no_time() -> None:
    """Each small word may count or be skipped: tried naively, that is millions of ways."""
    spelt = "Zed " + "a " * 30 + "(Z" + "A" * 11 + ")"
    unspelt = "Zed " + "a " * 30 + "(Q" + "A" * 11 + ")"  # every way must be tried
    started = time.monotonic()
    for _ in range(20):
        found = defined_abbreviations(spelt)
        assert defined_abbreviations(unspelt) == {}
    assert time.monotonic() - started < 2
    assert list(found) == ["Z" + "A" * 11]
    assert defined_abbreviations("Zed " + "a " * 40 + "(Z" + "A" * 20 + ")") == {}  # too long


# ---------------------------------------------------------------- the check and the glossary


def test_an_unknown_abbreviation_written_out_in_the_text_is_not_queried_and_is_listed(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = with_entry(catalogue, "A Rapid Review Panel (RRP) met; the RRP agreed a plan.")
    assert "RRP" not in queried(catalogue, review, glossary)
    assert rows(review, catalogue, glossary)["RRP"] == "Rapid Review Panel"
    assert not [p for p in final_problems(review, catalogue, glossary) if "RRP" in p]
    # The author's own meaning comes first.
    review.abbreviation_meanings = {"RRP": "Rapid Review Process"}
    assert rows(review, catalogue, glossary)["RRP"] == "Rapid Review Process"


def test_the_other_way_round_defines_it_too(catalogue: Catalogue, glossary: Glossary) -> None:
    review = with_entry(catalogue, "The RRP (Rapid Review Panel) met.")
    assert "RRP" not in queried(catalogue, review, glossary)
    assert rows(review, catalogue, glossary)["RRP"] == "Rapid Review Panel"


def test_brackets_that_do_not_spell_it_leave_it_queried(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = with_entry(catalogue, "A review meeting (RRP) was held.")
    assert "RRP" in queried(catalogue, review, glossary)
    assert rows(review, catalogue, glossary)["RRP"] == ""


def test_the_testers_public_protection_notice(catalogue: Catalogue, glossary: Glossary) -> None:
    review = with_entry(catalogue, "Officers completed a Public Protection Notice (PPN).")
    assert "PPN" not in queried(catalogue, review, glossary)
    assert rows(review, catalogue, glossary)["PPN"] == "Public Protection Notice"


def test_an_ambiguous_one_defined_in_the_text_has_its_meaning_chosen(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = load_example(catalogue)
    assert "DNA" in queried(catalogue, review, glossary)
    review.chronology = [*review.chronology, entry("Marked Did Not Attend (DNA) by the clinic.")]
    assert "DNA" not in queried(catalogue, review, glossary)
    assert rows(review, catalogue, glossary)["DNA"] == "Did Not Attend"
    assert (
        meanings_given(walk(review, catalogue, glossary), review, glossary)["dna"]
        == "Did Not Attend"
    )


# ---------------------------------------------------------------- common abbreviations


def test_common_public_service_abbreviations_are_known_and_not_queried(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = with_entry(catalogue, "CCTV was checked; the TV was on; HMRC and the DWP wrote.")
    assert not queried(catalogue, review, glossary) & {"CCTV", "TV", "HMRC", "DWP"}
    got = rows(review, catalogue, glossary)
    assert got["CCTV"] == "Closed-Circuit Television"
    assert got["TV"] == "Television"
    assert got["HMRC"] == "HM Revenue and Customs"
    assert got["DWP"] == "Department for Work and Pensions"
    assert not [p for p in final_problems(review, catalogue, glossary) if "CCTV" in p]


@pytest.mark.parametrize("abbr", ["GDPR", "DBS", "DVLA", "JSA", "PPE", "MRI"])
def test_other_common_ones_are_known_and_queried_with_their_meaning(
    glossary: Glossary, abbr: str
) -> None:
    assert glossary.meaning(abbr)
    assert abbr not in glossary.well_known


# ---------------------------------------------------------------- check and gate agree


def dna_in_gate(review: Review, catalogue: Catalogue, glossary: Glossary) -> bool:
    return any("'DNA'" in p for p in final_problems(review, catalogue, glossary))


def test_an_accepted_ambiguous_one_without_a_meaning_is_still_queried(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = load_example(catalogue)
    review.accepted_abbreviations = [*review.accepted_abbreviations, "DNA"]
    (finding,) = [f for f in run_checks(catalogue, review, glossary) if f.abbreviation == "DNA"]
    assert finding.message.startswith('"DNA" is accepted, but which meaning?')
    assert "Did Not Attend" in finding.message
    assert "imr glossary FILE mean DNA" in finding.advice
    assert dna_in_gate(review, catalogue, glossary)  # the gate refuses it too
    review.abbreviation_meanings = {"DNA": "Did Not Attend"}
    assert "DNA" not in queried(catalogue, review, glossary)
    assert not dna_in_gate(review, catalogue, glossary)


def test_an_accepted_one_meaning_abbreviation_stays_quiet(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = load_example(catalogue)
    assert "GP" in rows(review, catalogue, glossary)
    review.accepted_abbreviations = [*review.accepted_abbreviations, "GP"]
    assert "GP" not in queried(catalogue, review, glossary)


def test_imr_check_queries_an_accepted_ambiguous_one_until_it_has_a_meaning(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    review = load_example(catalogue)
    review.accepted_abbreviations = [*review.accepted_abbreviations, "DNA"]
    save(path, review, catalogue)
    checked = imr("check", "r.toml")
    assert '"DNA" is accepted, but which meaning?' in checked.stdout
    assert imr("glossary", "r.toml", "mean", "DNA", "Did Not Attend").returncode == 0
    assert load(path, catalogue).abbreviation_meanings == {"DNA": "Did Not Attend"}
    assert '"DNA"' not in imr("check", "r.toml").stdout


def test_a_form_with_one_sense_used_every_time_chooses_the_meaning(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    from test_final_export import completed

    review = completed(catalogue)
    del review.abbreviation_meanings["DNA"]
    podiatry = next(e for e in review.chronology if "DNA" in e.cells.get("event", ""))
    podiatry.cells["event"] = "Mrs Marlow DNA'd her foot care appointment."
    assert rows(review, catalogue, glossary)["DNA"] == "Did Not Attend"
    assert not [p for p in final_problems(review, catalogue, glossary) if "'DNA'" in p]
    # Written once as plain "DNA" too, it may mean either: both are printed, the gate asks.
    review.chronology = [*review.chronology, entry("The outpatient clinic recorded DNA.")]
    assert rows(review, catalogue, glossary)["DNA"] == glossary.meaning("DNA")
    assert glossary.meaning("DNA").startswith("Did Not Attend, or Deoxyribonucleic acid")
    assert [p for p in final_problems(review, catalogue, glossary) if "'DNA' may mean" in p]


def test_imr_glossary_lists_a_form_with_one_sense_as_the_meaning_chosen(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    from test_final_export import completed

    from imr_tui.cli.glossary import glossary_lines

    review = completed(catalogue)
    del review.abbreviation_meanings["DNA"]
    podiatry = next(e for e in review.chronology if "DNA" in e.cells.get("event", ""))
    podiatry.cells["event"] = "Mrs Marlow DNA'd her foot care appointment."
    line = next(x for x in glossary_lines(review, glossary, catalogue, "r.toml") if "DNA:" in x)
    assert line == "  DNA: Did Not Attend [the meaning the text chooses]"


def test_a_placeholder_answer_is_one_finding_not_an_abbreviation_too(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    from test_final_export import completed

    review = completed(catalogue)
    review.set_answer("author_role", "TBC")
    found = [f for f in run_checks(catalogue, review, glossary) if f.step_id == "author_role"]
    assert [f.rule for f in found] == ["placeholder_answer"]
    problems = final_problems(review, catalogue, glossary)
    assert not [p for p in problems if "Meaning of TBC" in p]
    assert [p for p in problems if "Author's role" in p]
