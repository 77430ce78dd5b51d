"""The report's glossary (every abbreviation the report uses, accepted or not, with its
meaning), abbreviations the glossary does not know, and the meanings the author gives:
in the session (journalled), the check and ``imr glossary``."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from terminal import until

from imr_tui.checks import Glossary, load_glossary, run_checks
from imr_tui.checks.unknown_abbreviations import unknown_abbreviations
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.example import load_example, write_example
from imr_tui.core.journal import apply, read_journal
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.session import Session, open_session
from imr_tui.core.store import load, save
from imr_tui.report import blocks as b
from imr_tui.report.glossary_section import authored_texts, glossary_blocks
from imr_tui.report.walker import walk

if TYPE_CHECKING:
    from conftest import Imr


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def entry(event: str, eid: str = "c1") -> ChronologyEntry:
    return ChronologyEntry(
        id=eid, date="2025-03-11", source="Community nursing record", cells={"event": event}
    )


# ---------------------------------------------------------------- finding unknown ones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seen by the SPA, who referred to SALT.", ["SPA"]),  # SALT is in the glossary
        ("Two SPAs visited; the SPA's notes were scanned.", ["SPA"]),
        ("A QXZ form was sent, then an S4B letter.", ["QXZ", "S4B"]),
        ("Referred to the FRT and the A&E team.", ["FRT"]),
        ("The ward round (WR) was cancelled.", ["WR"]),
    ],
)
def test_made_up_abbreviations_are_found(
    glossary: Glossary, text: str, expected: list[str]
) -> None:
    assert unknown_abbreviations(text, glossary) == expected


@pytest.mark.parametrize(
    "text",
    [
        "TERMS OF REFERENCE",
        "PLEASE NOTE: she declined the visit.",
        "NOT KNOWN TO SERVICES AT THE TIME",
        "Adult A told Adult AB she was fine; OK, said the nurse.",
        "See part II and chapter XIV of the policy.",
        "Letter ref ADM-0012 sent to ST4 7QB on MONDAY 3 MARCH.",
        "Dose 10 MG twice a day, 500 ML of fluid, 72 BPM.",
        "I visited at 10 AM. She said NO.",
        "The NHS Trust in the UK wrote the IMR.",
        "Edith Marlow (FICTIONAL) lived alone.",
        "Seen by the GP and the CMHT; DNA'd twice.",  # known ones are the glossary's
        "A one-letter grade: B. A note: x.",
        "File AB12/34 and ward 7/B.",
        "ID: AB12345 and case no. 2024/77",
        "NI number QQ 12 34 56 C, postcode GIR 0AA.",
    ],
)
def test_ordinary_capitalised_text_is_not_an_abbreviation(glossary: Glossary, text: str) -> None:
    assert unknown_abbreviations(text, glossary) == []


def test_a_surname_in_capitals_of_a_listed_name_is_not_an_abbreviation(
    glossary: Glossary,
) -> None:
    text = "Dorothy HOY was seen by the SPA."
    assert unknown_abbreviations(text, glossary) == ["HOY", "SPA"]
    assert unknown_abbreviations(text, glossary, ignore=["Hoy"]) == ["SPA"]


@pytest.mark.parametrize(
    "text",
    [
        "Visited: NO ANSWER at the door.",
        "Letter sent, NO REPLY by the deadline.",
        "Offered a visit; REFUSED.",
        "Appointment CANCELLED by the practice.",
        "Care package DECLINED on the phone.",
        "KEY SAFE code changed after the visit.",
        "Medication not TAKEN, said the carer.",
        "CALL BACK requested by the daughter.",
        "Referred to the FALLS team after two FALLS.",
        "Her KEYS were lost and the DOOR left open.",
        "She said she was SAFE at HOME and NOT at risk.",
    ],
)
def test_ordinary_words_in_capitals_for_emphasis_are_not_queried(
    glossary: Glossary, text: str
) -> None:
    assert unknown_abbreviations(text, glossary) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seen by the SPA, to be reviewed by the QRT.", ["SPA", "QRT"]),
        ("IT is fair to say the IT system failed.", ["IT"]),
        ("An S4A form and a SPAs' list.", ["S4A", "SPA"]),
        ("She has ME and was seen by the CAT.", ["ME", "CAT"]),
    ],
)
def test_short_unknown_abbreviations_are_still_found(
    glossary: Glossary, text: str, expected: list[str]
) -> None:
    assert unknown_abbreviations(text, glossary) == expected


def test_emphasis_words_still_leave_known_abbreviations_queried(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    """CMHT, SALT and MASH are the glossary's: the short words never hide them."""
    review = load_example(catalogue)
    review.chronology = [
        *review.chronology,
        entry("NO ANSWER; KEY SAFE code given to the CMHT, SALT and MASH.", "x1"),
    ]
    found = {f.abbreviation for f in run_checks(catalogue, review, glossary) if f.record_id == "x1"}
    assert found == {"CMHT", "SALT", "MASH"}


def test_the_worked_example_has_no_false_alarm(catalogue: Catalogue, glossary: Glossary) -> None:
    review = load_example(catalogue)
    report = walk(review, catalogue, glossary)
    texts = [t for block in report for t in authored_texts(block)]
    assert len(texts) > 50
    assert [a for t in texts for a in unknown_abbreviations(t, glossary)] == []


def test_a_made_up_abbreviation_in_a_chronology_entry_is_a_finding(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = load_example(catalogue)
    review.chronology = [
        *review.chronology,
        entry("Joint visit with the SPA; dressing changed.", "x1"),
    ]
    findings = [f for f in run_checks(catalogue, review, glossary) if f.abbreviation == "SPA"]
    assert len(findings) == 1
    f = findings[0]
    assert (f.kind, f.record_id, f.field, f.step_id) == (
        "abbreviation",
        "x1",
        "event",
        "chronology",
    )
    assert "not in the glossary" in f.message
    assert "give its meaning" in f.advice
    # Once the author gives its meaning, the check has nothing to say about it.
    review.abbreviation_meanings = {"SPA": "Single Point of Access"}
    assert not [f for f in run_checks(catalogue, review, glossary) if f.abbreviation == "SPA"]


def test_an_unknown_one_accepted_is_fine_as_written_neither_queried_nor_listed(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    """Accepting a word the glossary does not know means it is fine as written: the
    check stops asking, and the glossary does not list it with an empty meaning (which
    would stop a final report)."""
    review = load_example(catalogue)
    review.chronology = [*review.chronology, entry("Seen by the SPA.", "x1")]
    assert [f for f in run_checks(catalogue, review, glossary) if f.abbreviation == "SPA"]
    review.accepted_abbreviations = [*review.accepted_abbreviations, "SPA"]
    assert not [f for f in run_checks(catalogue, review, glossary) if f.abbreviation == "SPA"]
    rows = [r for block in walk(review, catalogue, glossary) for r in glossary_rows(block)]
    assert "SPA" not in [r[0] for r in rows]
    assert ("DNA", glossary.meaning("DNA")) in rows
    # Given a meaning too, it is listed with that meaning.
    review.abbreviation_meanings = {"SPA": "Single Point of Access"}
    rows = [r for block in walk(review, catalogue, glossary) for r in glossary_rows(block)]
    assert ("SPA", "Single Point of Access") in rows


def glossary_rows(block: b.Block) -> list[tuple[str, ...]]:
    """The rows of a glossary table (none for any other block)."""
    if isinstance(block, b.Table) and block.kind == "glossary":
        return [tuple(r) for r in block.rows]
    return []


def test_well_known_abbreviations_are_never_queried(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = load_example(catalogue)
    review.chronology = [*review.chronology, entry("The NHS in the UK.", "x1")]
    assert not [f for f in run_checks(catalogue, review, glossary) if f.record_id == "x1"]


# ---------------------------------------------------------------- the report's glossary


def table(review: Review, catalogue: Catalogue, glossary: Glossary) -> b.Table:
    found = glossary_blocks(walk(review, catalogue, glossary), review, catalogue, glossary)
    assert [type(x) for x in found] == [b.Section, b.Paragraph, b.Table]
    assert isinstance(found[0], b.Section) and found[0].heading == glossary.heading
    last = found[-1]
    assert isinstance(last, b.Table) and last.kind == "glossary"
    return last


def shown(t: b.Table) -> dict[str, str]:
    """Each row as a reader sees it: an empty meaning shows the placeholder."""
    cells = list(b.texts(t))[len(t.header) :]
    return dict(zip(cells[0::2], cells[1::2], strict=True))


def test_the_worked_example_lists_every_abbreviation_it_uses(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = load_example(catalogue)
    assert "DNA" not in review.accepted_abbreviations  # used, never accepted
    got = shown(table(review, catalogue, glossary))
    assert got["DNA"] == "Did Not Attend, or Deoxyribonucleic acid (a forensic or genetic sample)"
    assert got["NHS"] == "National Health Service"
    assert got["IMR"] == "Individual Management Review"  # the template's own words
    assert got["GP"] == "General Practitioner"
    assert list(got) == sorted(got, key=str.casefold)


def test_an_ambiguous_one_shows_the_meaning_the_author_chose(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = load_example(catalogue)
    review.abbreviation_meanings = {"DNA": "Did Not Attend"}
    assert shown(table(review, catalogue, glossary))["DNA"] == "Did Not Attend"


def test_an_unknown_one_shows_the_placeholder_until_the_author_gives_its_meaning(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = load_example(catalogue)
    review.chronology = [*review.chronology, entry("Joint visit with the SPA.", "x1")]
    t = table(review, catalogue, glossary)
    assert {r[0]: r[1] for r in t.rows}["SPA"] == ""
    assert shown(t)["SPA"] == catalogue.placeholder
    assert t.placeholder_columns == frozenset({1})
    review.abbreviation_meanings = {"SPA": "Single Point of Access"}
    assert shown(table(review, catalogue, glossary))["SPA"] == "Single Point of Access"


def test_no_abbreviation_no_glossary(catalogue: Catalogue, glossary: Glossary) -> None:
    review = Review()
    report = [b.Paragraph("Nothing short here.", authored=True)]
    assert glossary_blocks(report, review, catalogue, glossary) == []


def test_only_the_authors_text_is_searched_for_unknown_ones(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    report: list[b.Block] = [
        b.Heading(2, "What the QQX said"),  # the template's words
        b.Paragraph("The PPX visited.", authored=True),
    ]
    t = glossary_blocks(report, Review(), catalogue, glossary)[-1]
    assert isinstance(t, b.Table)
    assert [r[0] for r in t.rows] == ["PPX"]


# ---------------------------------------------------------------- meanings in the session


def test_a_meaning_accepts_and_an_empty_one_forgets(catalogue: Catalogue, tmp_path: Path) -> None:
    session = Session(tmp_path / "r.toml", Review(), catalogue)
    session.set_abbreviation_meaning("SPA", "  Single\nPoint of \x1b Access ")
    assert session.review.abbreviation_meanings == {"SPA": "Single Point of Access"}
    assert session.review.accepted_abbreviations == ["SPA"]
    session.set_abbreviation_meaning("spa", "")
    assert session.review.abbreviation_meanings == {}
    assert session.review.accepted_abbreviations == ["SPA"]


def test_stop_accepting_forgets_the_meaning_too_and_replays(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """Taking an abbreviation back returns it to exactly where it was before: neither
    accepted nor given a meaning (so the check queries it again), also after a kill."""
    path = tmp_path / "r.toml"
    save(path, Review(), catalogue)
    session, _ = open_session(path, catalogue)
    session.set_abbreviation_meaning("DNA", "Did Not Attend")
    session.accept_abbreviation("GP")
    session.unaccept_abbreviation("dna")
    assert session.review.abbreviation_meanings == {}
    assert session.review.accepted_abbreviations == ["GP"]
    found = until(
        lambda: (
            (
                (j := read_journal(path))
                and j.changes.get("abbreviations") == ["GP"]
                and j.changes.get("meanings") == {}
                and j
            )
            or None
        ),
        5.0,
    )
    assert found is not None
    back = apply(load(path, catalogue), found.changes)
    assert (back.abbreviation_meanings, back.accepted_abbreviations) == ({}, ["GP"])
    assert session.lock is not None
    session.lock.release()


def test_a_meaning_survives_a_kill_through_the_journal(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "r.toml"
    save(path, Review(), catalogue)
    session, _ = open_session(path, catalogue)
    session.set_abbreviation_meaning("DNA", "Did Not Attend")
    # Never saved: as if killed now. The journal's thread writes it to disk.
    found = until(
        lambda: ((j := read_journal(path)) and "meanings" in j.changes and j) or None, 5.0
    )
    assert found is not None
    back = apply(load(path, catalogue), found.changes)
    assert back.abbreviation_meanings == {"DNA": "Did Not Attend"}
    assert back.accepted_abbreviations == ["DNA"]
    assert session.lock is not None
    session.lock.release()


# ---------------------------------------------------------------- imr glossary


def test_imr_glossary_lists_gives_and_forgets_meanings(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    write_example(path, catalogue)
    listed = imr("glossary", "r.toml")
    assert listed.returncode == 0, listed.stderr
    assert "  DNA: Did Not Attend, or Deoxyribonucleic acid" in listed.stdout
    assert "[ambiguous: give the meaning you intend]" in listed.stdout
    assert "  NHS: National Health Service [well known]" in listed.stdout
    assert "  IMR: Individual Management Review" in listed.stdout
    mode = stat.S_IMODE(path.stat().st_mode)

    given = imr("glossary", "r.toml", "mean", "DNA", "Did", "Not", "Attend")
    assert given.returncode == 0, given.stderr
    assert given.stdout == "DNA: Did Not Attend.\n"
    assert load(path, catalogue).abbreviation_meanings == {"DNA": "Did Not Attend"}
    assert "DNA" in load(path, catalogue).accepted_abbreviations
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert "  DNA: Did Not Attend [meaning given]" in imr("glossary", "r.toml").stdout

    forgot = imr("glossary", "r.toml", "forget", "dna")
    assert forgot.returncode == 0, forgot.stderr
    assert forgot.stdout == (
        "Forgot DNA and its meaning: it is no longer accepted, and imr check queries it again.\n"
    )
    back = load(path, catalogue)
    assert back.abbreviation_meanings == {}
    assert "DNA" not in back.accepted_abbreviations
    checked = imr("check", "r.toml")
    assert '"DNA" is an abbreviation with more than one meaning' in checked.stdout
    assert "[ambiguous: give the meaning you intend]" in imr("glossary", "r.toml").stdout


def test_imr_glossary_saves_and_answers_with_the_abbreviation_as_the_report_writes_it(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    write_example(path, catalogue)
    given = imr("glossary", "r.toml", "mean", "dna", "Did Not Attend")
    assert given.returncode == 0, given.stderr
    assert given.stdout == "DNA: Did Not Attend.\n"
    assert load(path, catalogue).abbreviation_meanings == {"DNA": "Did Not Attend"}


def test_imr_glossary_mean_without_a_meaning_lists_what_it_could_mean(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    write_example(path, catalogue)
    before = path.read_bytes()
    listed = imr("glossary", "r.toml", "mean", "DNA")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "DNA could mean:",
        "  1. Did Not Attend",
        "  2. Deoxyribonucleic acid (a forensic or genetic sample)",
        "Give the meaning you intend with: imr glossary r.toml mean DNA 'MEANING'",
    ]
    assert path.read_bytes() == before


def test_imr_glossary_refuses_a_meaning_for_an_abbreviation_the_report_does_not_use(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    """A typo (TNV for SPA) must not pass silently while SPA stays queried."""
    path = tmp_path / "r.toml"
    review = load_example(catalogue)
    review.chronology = [*review.chronology, entry("Seen by the SPA.", "x1")]
    save(path, review, catalogue)
    before = path.read_bytes()
    typo = imr("glossary", "r.toml", "mean", "TNV", "Single Point of Access")
    assert typo.returncode == 2
    assert typo.stderr == (
        "imr: r.toml: the report does not use 'TNV'; list the abbreviations it uses with: "
        "imr glossary r.toml list\n"
    )
    assert path.read_bytes() == before
    right = imr("glossary", "r.toml", "mean", "spa", "Single Point of Access")
    assert right.returncode == 0, right.stderr
    assert right.stdout == "SPA: Single Point of Access.\n"


def test_imr_glossary_lists_an_unknown_one_accepted_as_written_apart(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    review = load_example(catalogue)
    review.chronology = [*review.chronology, entry("Seen by the SPA.", "x1")]
    review.accepted_abbreviations = ["SPA"]
    save(path, review, catalogue)
    listed = imr("glossary", "r.toml")
    assert "  SPA [accepted as written: not in the report's glossary]" in listed.stdout
    forgot = imr("glossary", "r.toml", "forget", "SPA")
    assert (
        forgot.stdout == "Forgot SPA: it is no longer accepted, and imr check queries it again.\n"
    )
    assert "  SPA: Not yet answered [not in the glossary: give its meaning]" in (
        imr("glossary", "r.toml").stdout
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("mean",), "needs the abbreviation"),
        (("mean", "SPA"), "the report does not use 'SPA'"),
        (("mean", "DNA", " "), "(MEANING) is empty"),
        (("mean", "T V", "x"), "is one word"),
        (("mean", "DNA", "Tissue\x1b[31m"), "control character"),
        (("mean", "DNA", "x" * 300), "at most 200"),
        (("mean", "A" * 300, "x"), "at most 20"),
        (("forget", "SPA"), "'SPA' is neither accepted nor given a meaning: nothing to forget"),
        (("list", "extra"), "takes no more words"),
    ],
)
def test_imr_glossary_refuses_bad_input_in_one_line_and_leaves_the_file(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, args: tuple[str, ...], says: str
) -> None:
    path = tmp_path / "r.toml"
    write_example(path, catalogue)
    before = path.read_bytes()
    result = imr("glossary", "r.toml", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert says in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    assert path.read_bytes() == before
