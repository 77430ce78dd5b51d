"""The glossary of abbreviations that ships with imr-tui, and how glossary files are refused."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from imr_tui.checks import (
    GLOSSARY_FILE,
    Glossary,
    find_abbreviations,
    glossary_path_for,
    load_glossary,
)
from imr_tui.core.catalogue import default_prompts_dir
from imr_tui.core.errors import UserError

REQUIRED = [
    "GP", "DN", "CPN", "CMHT", "A&E", "DNA", "NFA", "MCA", "DoLS", "BIA", "IMCA", "LPA", "CoP",
    "S42", "MASH", "MARAC", "MAPPA", "DASH", "IDVA", "AMHP", "CHC", "OT", "SW", "ASC", "CQC",
]  # fmt: skip
AMBIGUOUS = ["DNA", "ASC", "CPA", "CoP", "DPA", "CC", "AP"]
# Expansions taken from the domain notes (public board guidance), checked word for word.
KNOWN = {
    "GP": ("General Practitioner",),
    "A&E": ("Accident and Emergency",),
    "CPN": ("Community Psychiatric Nurse",),
    "CMHT": ("Community Mental Health Team",),
    "NFA": ("No Further Action",),
    "MCA": ("Mental Capacity Act 2005",),
    "DoLS": ("Deprivation of Liberty Safeguards",),
    "BIA": ("Best Interests Assessor",),
    "IMCA": ("Independent Mental Capacity Advocate",),
    "LPA": ("Lasting Power of Attorney",),
    "MASH": ("Multi-Agency Safeguarding Hub",),
    "MARAC": ("Multi-Agency Risk Assessment Conference",),
    "MAPPA": ("Multi-Agency Public Protection Arrangements",),
    "IDVA": ("Independent Domestic Violence Advisor",),
    "AMHP": ("Approved Mental Health Professional",),
    "CQC": ("Care Quality Commission",),
    "OT": ("Occupational Therapist",),
    "SW": ("Social Worker",),
    "misper": ("Missing person",),
    "ASC": ("Adult Social Care", "Autistic Spectrum Condition"),
    "CoP": ("Court of Protection", "Code of Practice"),
    "CC": ("Care Coordinator", "Community Care"),
    "AP": ("Assistant Practitioner", "Approved Person"),
    "CPA": ("Care Programme Approach", "Cardiopulmonary Arrest"),
}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def test_at_least_80_abbreviations(glossary: Glossary) -> None:
    assert len(glossary) >= 80
    assert len(list(glossary)) == len(glossary)


@pytest.mark.parametrize("abbreviation", REQUIRED)
def test_every_required_abbreviation_is_listed(glossary: Glossary, abbreviation: str) -> None:
    assert abbreviation in glossary
    assert glossary.expansions(abbreviation)
    assert all(e.strip() == e and e for e in glossary.expansions(abbreviation))


@pytest.mark.parametrize("abbreviation", AMBIGUOUS)
def test_ambiguous_abbreviations_list_every_meaning(glossary: Glossary, abbreviation: str) -> None:
    assert glossary.is_ambiguous(abbreviation)
    assert len(glossary.expansions(abbreviation)) >= 2
    assert len(set(glossary.expansions(abbreviation))) == len(glossary.expansions(abbreviation))


def test_dpa_and_dna_meanings(glossary: Glossary) -> None:
    assert glossary.expansions("DPA")[:2] == (
        "Direct Payments Agreement",
        "Deferred Payment Agreement",
    )
    assert glossary.expansions("DNA")[0] == "Did Not Attend"
    assert glossary.meaning("CoP") == "Court of Protection, or Code of Practice"


@pytest.mark.parametrize(("abbreviation", "expansions"), sorted(KNOWN.items()))
def test_expansions_are_right(
    glossary: Glossary, abbreviation: str, expansions: tuple[str, ...]
) -> None:
    assert glossary.expansions(abbreviation) == expansions


def test_unambiguous_ones_have_one_meaning(glossary: Glossary) -> None:
    single = [a for a in REQUIRED if a not in AMBIGUOUS]
    assert [a for a in single if glossary.is_ambiguous(a)] == []


def test_every_entry_is_found_as_a_word_and_not_inside_one(glossary: Glossary) -> None:
    for abbreviation in glossary:
        found = [m.abbreviation for m in glossary.matches(f"Seen by the ({abbreviation}) today.")]
        assert found == [abbreviation], abbreviation
        asked = [] if abbreviation in glossary.well_known else [abbreviation]
        assert find_abbreviations(f"Seen by the ({abbreviation}).", glossary) == asked
        assert find_abbreviations(f"x{abbreviation}x 1{abbreviation}2", glossary) == [], (
            abbreviation
        )


def test_the_file_layout_is_what_the_comments_say(repo_root: Path) -> None:
    data = tomllib.loads((repo_root / "prompts" / GLOSSARY_FILE).read_text(encoding="utf-8"))
    assert data["heading"] == "Glossary of abbreviations"
    assert set(data["variants"]) <= set(data["abbreviations"])
    # Names that are part of official titles, or universally read in the UK, are listed
    # (the export's glossary gives their meaning) but well known: the check never queries them.
    well_known = {"ID", "NHS", "UK", "IMR", "CCTV", "TV", "HMRC", "DWP", "MP", "PIN"}
    assert well_known == set(data["well_known"]) <= set(data["abbreviations"])
    assert not set(data["not_abbreviations"]) & set(data["abbreviations"])


def test_default_glossary_lives_with_the_catalogue() -> None:
    assert glossary_path_for(None) == default_prompts_dir() / GLOSSARY_FILE
    assert len(load_glossary(default_prompts_dir())) == len(load_glossary())


def test_a_board_catalogue_folder_may_carry_its_own_glossary(tmp_path: Path) -> None:
    assert glossary_path_for(tmp_path) == default_prompts_dir() / GLOSSARY_FILE  # none there
    (tmp_path / GLOSSARY_FILE).write_text(
        'heading = "Abbreviations"\n[abbreviations]\nXYZ = ["Ex Why Zed"]\n', encoding="utf-8"
    )
    assert glossary_path_for(tmp_path) == tmp_path / GLOSSARY_FILE
    assert glossary_path_for(tmp_path / "imr.toml") == tmp_path / GLOSSARY_FILE
    board = load_glossary(glossary_path_for(tmp_path))
    assert list(board) == ["XYZ"]
    assert board.heading == "Abbreviations"
    assert (board.abbreviation_title, board.meaning_title) == ("Abbreviation", "Meaning")
    assert board.not_abbreviations == frozenset()  # the board's file replaces the shipped one


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'heading = "G"\n[abbreviations]\nGP = []\n', "abbreviations: 'GP'", id="empty"
        ),
        pytest.param(
            'heading = "G"\n[abbreviations]\nGP = ["  "]\n', "abbreviations.GP[0]", id="blank"
        ),
        pytest.param('[abbreviations]\nGP = ["General"]\n', "'heading' is required", id="heading"),
        pytest.param(
            'heading = "G"\ncolour = 1\n[abbreviations]\n', "'colour' is not a known key", id="key"
        ),
        pytest.param(
            'heading = "G"\n[abbreviations]\nGP = ["x"]\n[variants]\nDN = ["dn"]\n',
            "variants: 'DN' is not in [abbreviations]",
            id="variant",
        ),
        pytest.param(
            'heading = "G"\n[abbreviations]\n"G P" = ["x"]\n',
            "abbreviations.G P",
            id="space",
        ),
        pytest.param(
            'heading = "G"\nschema_version = 9\n[abbreviations]\n',
            "schema_version 9 is newer",
            id="newer",
        ),
        pytest.param('heading = = "G"\n', "line 1, column 11", id="toml"),
        pytest.param(
            'heading = "G"\nwell_known = ["NHS"]\n[abbreviations]\nGP = ["x"]\n',
            "well_known: 'NHS' is not in [abbreviations]",
            id="well-known",
        ),
        pytest.param(
            'heading = "G"\nnot_abbreviations = ["GP"]\n[abbreviations]\nGP = ["x"]\n',
            "not_abbreviations: 'GP' is in [abbreviations]",
            id="not-abbreviation",
        ),
        pytest.param(
            'heading = "G"\nnot_abbreviations = ["O K"]\n[abbreviations]\n',
            "not_abbreviations[0]",
            id="not-a-word",
        ),
        pytest.param(
            'heading = "G"\nshort_words = ["SALT"]\n[abbreviations]\nSALT = ["x"]\n',
            "short_words: 'SALT' is in [abbreviations]",
            id="short-word-abbreviation",
        ),
        pytest.param(
            'heading = "G"\nshort_words = ["cop"]\n[abbreviations]\nCoP = ["x"]\n',
            "short_words: 'cop' is not a word of two to four capital letters",
            id="short-word-lower",
        ),
        pytest.param(
            'heading = "G"\nshort_words = ["ANSWER"]\n[abbreviations]\n',
            "short_words: 'ANSWER' is not a word of two to four capital letters",
            id="short-word-long",
        ),
        pytest.param(
            'heading = "G"\nshort_words = ["KEY", "KEY"]\n[abbreviations]\n',
            "short_words: 'KEY' is listed twice",
            id="short-word-twice",
        ),
    ],
)
def test_broken_glossary_names_the_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / GLOSSARY_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_glossary(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_the_short_words_are_a_real_list_that_hides_no_abbreviation(glossary: Glossary) -> None:
    """A few hundred common words; none the glossary knows, and the ones a care record
    uses as abbreviations (IT, ME, CARE...) are left out so the check still asks."""
    assert len(glossary.short_words) >= 300
    assert {"KEY", "SAFE", "CALL", "BACK", "SEEN", "HOME"} <= glossary.short_words
    assert not {"IT", "US", "ME", "CARE", "MASH", "SALT", "DASH"} & glossary.short_words
    assert not {a.upper() for a in glossary} & glossary.short_words


def test_missing_glossary_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such glossary of abbreviations"):
        load_glossary(tmp_path / "nope.toml")
