"""Shorthand and abbreviations done right: clinical shorthand flagged with its expansion,
no false alarm inside dates, times, e-mail headers and addresses, file names and web
addresses (for the check, the glossary's matches and the export's glossary alike), a
written form with one sense (``DNA'd``), and the glossary file's new tables validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from imr_tui.checks.abbreviations import abbreviations, sense_in_review
from imr_tui.checks.glossary import Glossary, load_glossary
from imr_tui.checks.unknown_abbreviations import unknown_abbreviations
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.core.example import load_example
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.report import blocks as b
from imr_tui.report.export_files import edition_for, report_blocks


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def _review(*events: str) -> Review:
    """A review whose chronology entries' events are ``events``."""
    return Review(
        chronology=[
            ChronologyEntry(
                id=f"c{n}",
                date=f"2025-03-{n + 10:02d}",
                source="Community nursing record",
                cells={"event": event},
            )
            for n, event in enumerate(events)
        ]
    )


def _found(catalogue: Catalogue, glossary: Glossary, *events: str) -> dict[str, str]:
    """The abbreviation findings for a review with these events: abbreviation to message."""
    found = abbreviations(catalogue, _review(*events), glossary)
    return {f.abbreviation: f.message for _, f in found}


FALSE_ALARMS = [
    "Seen on 28-MAR-2025 and again on 12-Mar-25 at 10:30AM.",
    "Reviewed 3 MAR 2025, then MAR-2025 figures and 28/Mar/2025.",
    "CC: the duty team\nSubject: RE: FW: the home visit\nTo: the ward",
    "From: Jo Sent: 3 March 2025 To: Al Cc: Bo Subject: the visit",
    "> BCC: the practice",
    "The ward manager was cc'd; she CC'd the practice too.",
    "An e-mail came from someone@northshire.nhs.uk about the plan.",
    "Saved as REPORT_DN.docx and EPR-export.csv, with NOTES_GP.pdf.",
    "See https://example.org/SAB/OT and www.example.org/MASH/GP/index.",
    "The sob she gave was quiet; an odd day; the hotel; a tax bill; in a wheelchair.",
]


@pytest.mark.parametrize("text", FALSE_ALARMS)
def test_no_false_alarm(catalogue: Catalogue, glossary: Glossary, text: str) -> None:
    """Nothing here is an abbreviation: not to the glossary, the finder of unknown ones or
    the check."""
    assert glossary.matches(text) == []
    assert unknown_abbreviations(text, glossary) == []
    assert _found(catalogue, glossary, text) == {}


def test_an_abbreviation_beside_a_date_or_an_address_is_still_found(glossary: Glossary) -> None:
    text = "On 28-MAR-2025 the MAR chart went to the GP (gp@example.org); CC: the SW."
    assert [m.abbreviation for m in glossary.matches(text)] == ["MAR", "GP", "SW"]


def test_the_exports_glossary_sees_the_same(catalogue: Catalogue) -> None:
    """The export's glossary uses the same matching: no MAR, CC, DN, EPR, OT or SAB row
    for text inside a date, a header, a file name or a web address."""
    data = DataFiles.resolve(None)
    review = _review(*FALSE_ALARMS, "The CPN visited.")
    blocks = report_blocks(review, data.catalogue, data.glossary, edition_for(None))
    rows = {r[0] for t in blocks if isinstance(t, b.Table) and t.kind == "glossary" for r in t.rows}
    assert "CPN" in rows
    assert not rows & {"MAR", "CC", "DN", "EPR", "OT", "SAB", "MASH", "GP", "BCC", "od"}


SHORTHAND = [
    ("Pt seen at home.", "pt", "Patient"),
    ("Her obs were stable.", "obs", "Observations"),
    ("A hx of falls.", "hx", "History"),
    ("She was c/o pain in her hip.", "c/o", "Complaining of; Care of (an address)"),
    ("NKDA recorded.", "NKDA", "No Known Drug Allergies"),
    ("For f/u next week.", "f/u", "Follow-up"),
    ("The POC was agreed.", "POC", "Plan of Care; Package of Care"),
    ("Referred to the TVN.", "TVN", "Tissue Viability Nurse"),
    ("Visit w/c 3 March.", "w/c", "Week commencing; Wheelchair"),
    ("Visited x2 that day.", "x2", "Twice"),
    ("Noted on the EPR.", "EPR", "Electronic Patient Record"),
    ("Paracetamol od.", "od", "Once a day (omni die)"),
    ("Admitted after an OD.", "OD", "Overdose"),
    ("Zopiclone nocte.", "nocte", "At night (nocte)"),
    ("Oramorph prn.", "prn", "When required (pro re nata)"),
    ("Antibiotics tds.", "tds", "Three times a day"),
    ("SOB on exertion.", "SOB", "Shortness of Breath"),
    ("Sats 91% on air.", "Sats", "Oxygen saturation"),
    ("Needs help with ADLs.", "ADL", "Activities of Daily Living"),
    ("Wt 48 kg.", "wt", "Weight"),
    ("O/e a grade 2 sore.", "o/e", "On examination"),
    ("Plan r/v in a week.", "r/v", "Review"),
    ("The NOK was told.", "NOK", "Next of Kin"),
]


@pytest.mark.parametrize(("text", "abbr", "expansion"), SHORTHAND)
def test_shorthand_is_flagged_with_its_expansion(
    catalogue: Catalogue, glossary: Glossary, text: str, abbr: str, expansion: str
) -> None:
    found = _found(catalogue, glossary, text)
    assert list(found) == [abbr]
    assert expansion in found[abbr]


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [("PT session booked.", ""), ("OD", "OD"), ("He took an od", "od"), ("TDS twice", "")],
)
def test_shorthand_matches_only_as_written(
    glossary: Glossary, text: str, abbreviation: str
) -> None:
    """``pt`` is not ``PT``; ``od`` (once a day) is not ``OD`` (overdose)."""
    assert [m.abbreviation for m in glossary.matches(text)] == (
        [abbreviation] if abbreviation else []
    )


def test_a_home_visit_is_offered_as_well_as_a_health_visitor(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    found = _found(catalogue, glossary, "HV completed, no answer at the door.")
    assert found["HV"] == (
        '"HV" is an abbreviation with more than one meaning: Health Visitor; Home Visit.'
    )


@pytest.mark.parametrize("written", ["DNA'd", "DNA’d", "DNAd", "DNAs"])
def test_a_form_with_one_sense_is_offered_only_that_sense(
    catalogue: Catalogue, glossary: Glossary, written: str
) -> None:
    found = _found(catalogue, glossary, f"She {written} the clinic.")
    assert found == {"DNA": '"DNA" is an abbreviation (Did Not Attend).'}
    review = _review(f"She {written} the clinic.")
    assert sense_in_review(catalogue, review, glossary, "DNA") == "Did Not Attend"


def test_dna_alone_is_still_ambiguous(catalogue: Catalogue, glossary: Glossary) -> None:
    found = _found(catalogue, glossary, "A DNA sample was taken.")
    assert "more than one meaning" in found["DNA"]
    assert "Deoxyribonucleic" in found["DNA"]
    review = _review("She DNA'd the clinic.", "A DNA sample was taken.")
    assert sense_in_review(catalogue, review, glossary, "DNA") == ""


def test_the_worked_example_keeps_its_deliberate_abbreviation(catalogue: Catalogue) -> None:
    """DNA in the podiatry entry is queried; GP stays accepted."""
    data = DataFiles.resolve(None)
    review = load_example(data.catalogue)
    found = abbreviations(data.catalogue, review, data.glossary)
    queried = {f.abbreviation: f.where for _, f in found}
    assert "DNA" in queried
    assert "GP" not in queried and "GP" in review.accepted_abbreviations


def _glossary_file(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "abbreviations.toml"
    path.write_text(
        f'heading = "Glossary"\n[abbreviations]\nDNA = ["Did Not Attend", "Deoxyribonucleic '
        f'acid"]\nOD = ["Overdose"]\n{extra}',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ('[shorthand]\nPt = ["Patient"]\n', "shorthand: 'Pt' does not begin with a lower-case"),
        ('[shorthand]\nod = ["Once a day"]\n', ""),
        ("[shorthand]\nbd = []\n", "shorthand: 'bd': list should have at least 1 item"),
        ('[forms]\n"DNA\'d" = "Did not arrive"\n', "forms: 'DNA'd': 'Did not arrive' is not"),
        ('[forms]\n"XYZ\'d" = "Did Not Attend"\n', "forms: 'XYZ'd' does not begin with"),
    ],
)
def test_the_new_tables_are_validated_naming_file_and_key(
    tmp_path: Path, extra: str, says: str
) -> None:
    path = _glossary_file(tmp_path, extra)
    if not says:
        assert load_glossary(path).expansions("od") == ("Once a day",)
        return
    with pytest.raises(UserError) as e:
        load_glossary(path)
    assert str(path) in str(e.value) and says in str(e.value)


def test_shorthand_is_known_but_not_listed_with_the_abbreviations(glossary: Glossary) -> None:
    """Its letters may be someone's initials (``R.V.``), which the anonymised export
    replaces unless they spell an abbreviation the glossary lists."""
    assert "r/v" in glossary and glossary.expansions("r/v") == ("Review",)
    assert "r/v" not in list(glossary) and "pt" not in list(glossary)
    assert "GP" in list(glossary)
