"""The anonymised export: every listed name replaced, ages for dates of birth, and a
report of anything identifying still found. The review file itself never changes."""

from __future__ import annotations

import re
import stat
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from imr_tui.checks import Glossary, glossary_path_for, load_glossary
from imr_tui.cli.main import main
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.example import load_example
from imr_tui.core.lock import ReviewLock
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.core.session import Session
from imr_tui.core.steps import Step, is_answered
from imr_tui.core.store import load, save
from imr_tui.report import blocks as b
from imr_tui.report.anonymise import DOB_REMOVED, Replacer, anonymise, key, leftovers
from imr_tui.report.anonymised_report import anonymised_blocks, anonymised_markdown
from imr_tui.report.leftovers import Leftover

PSEUDONYMS = [
    Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult"),
    Pseudonym(name="Dorothy", alias="Adult A", kind="adult"),
    Pseudonym(name="Mrs Hollins", alias="Adult A", kind="adult"),
    Pseudonym(name="Hollins", alias="Adult A", kind="adult"),
    Pseudonym(name="Peter O'Neill", alias="Adult A's son", kind="family"),
    Pseudonym(name="Staff Nurse Amy Hart", alias="Staff Nurse 1", kind="practitioner"),
    Pseudonym(name="Amy Hart", alias="Staff Nurse 1", kind="practitioner"),
    Pseudonym(name="Amy", alias="Staff Nurse 1", kind="practitioner"),
    Pseudonym(name="Dr. J. (Jo) Smith+", alias="GP 1", kind="practitioner"),
]
NAMES = [p.name for p in PSEUDONYMS]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(glossary_path_for(None))


def without_context(found: Leftover) -> str:
    """A leftover's line without the words around it (tested on their own)."""
    return str(replace(found, context=""))


def replacer(pseudonyms: list[Pseudonym] = PSEUDONYMS) -> Replacer:
    aliases: dict[str, str] = {}
    for p in pseudonyms:
        aliases.setdefault(key(p.name), p.alias)
    return Replacer(aliases)


_UNESCAPE = re.compile(r"\\(.)|<br>", re.DOTALL)


def plain_text(markdown: str) -> str:
    """The exported Markdown as a reader sees it: escapes and ``<br>`` undone."""
    return _UNESCAPE.sub(lambda m: m[1] if m[1] is not None else "\n", markdown)


def whole_word(name: str, text: str) -> bool:
    """Whether ``name`` is in ``text`` as a whole word, in any capitalisation or spacing."""
    words = [re.escape(w).replace("'", "['’‘]") for w in name.split()]
    pattern = r"\s+".join(words)
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE) is not None


# ---------------------------------------------------------------- replacing names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dorothy Hollins", "Adult A"),
        ("DOROTHY HOLLINS and dorothy hollins", "Adult A and Adult A"),
        ("Dorothy   Hollins, Dorothy\nHollins, Dorothy\u00a0Hollins", "Adult A, Adult A, Adult A"),
        ("Dorothy's cat", "Adult A's cat"),
        ("Dorothy’s cat", "Adult A’s cat"),
        ("DOROTHY'S cat", "Adult A's cat"),
        ("Dorothy Hollins's home", "Adult A's home"),
        ("Mrs Hollins' home", "Adult A's home"),
        ("Hollins’ home", "Adult A’s home"),
        ("Amy'd said so", "Staff Nurse 1'd said so"),
        ("she said 'Dorothy' twice", "she said 'Adult A' twice"),
        ("‘Mrs Hollins’ was written", "‘Adult A’ was written"),
        ('"Amy Hart" signed', '"Staff Nurse 1" signed'),
        ("(Dorothy)", "(Adult A)"),
        ("Staff Nurse Amy Hart visited", "Staff Nurse 1 visited"),
        ("Amy Hart visited", "Staff Nurse 1 visited"),
        ("Amy visited", "Staff Nurse 1 visited"),
        ("Amy Hartley visited", "Staff Nurse 1 Hartley visited"),
        ("Amyas and Hartley and Dorothya", "Amyas and Hartley and Dorothya"),
        ("Hart-Smith, Dorothy-Anne, O'Hollins", "Hart-Smith, Dorothy-Anne, O'Hollins"),
        ("Amy2 and Amy_x", "Amy2 and Amy_x"),
        ("Peter O'Neill and Peter O’Neill's car", "Adult A's son and Adult A's son's car"),
        ("Dr. J. (Jo) Smith+ wrote", "GP 1 wrote"),
        ("Dr J Jo Smith wrote", "Dr J Jo Smith wrote"),
        ("", ""),
    ],
)
def test_names_are_replaced_as_whole_words(text: str, expected: str) -> None:
    assert replacer()(text) == expected


def test_an_alias_is_never_replaced_again() -> None:
    names = [Pseudonym(name="Ann", alias="Adult A"), Pseudonym(name="Adult", alias="Person")]
    assert replacer(names)("Ann met an Adult") == "Adult A met an Person"


def test_longest_name_wins_whatever_the_order_listed() -> None:
    names = [
        Pseudonym(name="Amy", alias="X"),
        Pseudonym(name="Amy Hart", alias="Y"),
        Pseudonym(name="Staff Nurse Amy Hart", alias="Z"),
    ]
    assert replacer(names)("Staff Nurse Amy Hart, Amy Hart, Amy") == "Z, Y, X"


# ---------------------------------------------------------------- a hostile review


def hostile_review() -> Review:
    """Every listed name in every place an author writes, in awkward forms."""
    mentions = (
        "# Dorothy Hollins's | *home*, 'DOROTHY' and “Mrs Hollins”; Amy Hart's note.\r\n"
        "> Staff Nurse Amy Hart and amy hart and Amy saw Peter O’Neill.\n\n"
        "Dr. J. (Jo) Smith+ wrote to Hollins' GP. Not Hartley, Amyas or Dorothya.\n"
        "Born 02/06/1938 (2nd June 1938, 1938-06-02, June 2, 1938)."
    )
    review = Review(
        answers={p: mentions for p in ("agency", "author_name", "summary", "q_sensitive")},
        adults=[Adult(name="Dorothy Hollins", date_of_birth=date(1938, 6, 2))],
        review_period=ReviewPeriod(start=date(2024, 2, 1), end=date(2024, 10, 31)),
        headings=[Heading(id="h1", title="How was Dorothy's self-neglect | recognised?")],
        heading_analysis={
            "h1": HeadingAnalysis(heading="How was Dorothy's self-neglect?", text=mentions),
            "gone": HeadingAnalysis(heading="Removed: Mrs Hollins", text=mentions),
        },
        chronology=[
            ChronologyEntry(
                date="2024-03-01",
                source="Amy Hart's notes | EPR",
                cells={"practitioner": "Amy Hart, staff nurse", "event": mentions},
            ),
            ChronologyEntry(date="2024-02", source="Dorothy", cells={"ghost": "Amy"}),
            ChronologyEntry(date="", source="undated: Mrs Hollins"),
        ],
        recommendations=[
            Recommendation(
                recommendation=mentions,
                actions="Amy to audit",
                lead="Staff Nurse Amy Hart",
                target_date=date(2026, 3, 31),
                resources="Dorothy's file",
                evidence="Hollins' audit",
            )
        ],
        pseudonyms=list(PSEUDONYMS),
    )
    review.set_answer("completed_on", "2025-01-24")
    return review


def test_the_export_contains_none_of_the_listed_names(
    catalogue: Catalogue, glossary: Glossary
) -> None:
    review = hostile_review()
    before = review.model_dump()
    text, anon, found = anonymised_markdown(review, catalogue, glossary)
    assert review.model_dump() == before  # the review in memory is untouched
    assert found == []
    assert anon.notes == []
    readable = plain_text(text)
    for name in NAMES:
        assert not whole_word(name, readable), name
    for word in ("Dorothy", "Hollins", "Hart", "O'Neill", "O’Neill", "Amy"):
        assert not whole_word(word, readable), word
    for kept in ("Hartley", "Amyas", "Dorothya"):
        assert kept in readable
    assert "Adult A's | *home*" in readable
    assert "Staff Nurse 1's note" in readable
    assert "Adult A's son" in readable
    assert "GP 1 wrote to Adult A's GP" in readable
    assert "How was Adult A's self-neglect | recognised?" in readable
    assert "Removed: Adult A" in readable
    # Markdown structure is the exporter's own, not changed by the replacement.
    assert "\\# Adult A's \\| \\*home\\*" in text
    assert anon.replaced > 50


def test_dates_of_birth_become_ages(catalogue: Catalogue) -> None:
    review = hostile_review()
    review.adults.append(Adult(name="Amy", date_of_birth=date(1990, 11, 2)))
    review.adults.append(Adult(name="Hollins", date_of_birth=None))
    text, anon, found = anonymised_markdown(review, catalogue)
    assert found == []
    assert anon.age_at == date(2024, 10, 31)
    basis = "at the end of the review period"
    assert f"| Age | aged 86 {basis}<br>aged 33 {basis}<br>age unknown |" in text
    assert "| DOB |" not in text
    assert "1938" not in text and "02/06" not in text and "1990" not in text
    assert text.count("\\[date of birth removed\\]") >= 4 * 4
    assert DOB_REMOVED in plain_text(text)


def test_without_an_end_to_the_period_ages_are_on_the_day_of_export(
    catalogue: Catalogue,
) -> None:
    review = hostile_review()
    review.review_period = ReviewPeriod(start=date(2024, 2, 1))
    text, anon, _ = anonymised_markdown(review, catalogue, today=date(2025, 6, 1))
    assert anon.age_at == date(2025, 6, 1)
    assert anon.age_basis == "the time of the export (the review period has no end date)"
    assert f"| Age | aged 86 at {anon.age_basis} |" in text  # 87 on 2 June


def test_a_date_of_birth_after_the_period_is_not_a_negative_age(catalogue: Catalogue) -> None:
    review = hostile_review()
    review.review_period = ReviewPeriod(start=date(1930, 1, 1), end=date(1930, 12, 31))
    text, _, _ = anonymised_markdown(review, catalogue)
    assert "| Age | age unknown |" in text


def test_the_pseudonym_list_is_never_exported(catalogue: Catalogue) -> None:
    from imr_tui.report.markdown import to_markdown

    review = Review(pseudonyms=[Pseudonym(name="Zebedee Quux", alias="Adult Z")])
    review.set_answer("pseudonyms", "Zebedee Quux typed as text")
    for text in (to_markdown(review, catalogue), anonymised_markdown(review, catalogue)[0]):
        assert "Zebedee" not in text and "Adult Z" not in text
        assert "Names to replace" not in text
        # The details are still the template's table, with no row for the list.
        assert "| Name of Agency |" in text


def test_the_example_review_anonymises_cleanly(catalogue: Catalogue, glossary: Glossary) -> None:
    review = load_example(catalogue)
    assert {p.alias for p in review.pseudonyms} == {"Adult A", "Staff Nurse 1", "Staff Nurse 2"}
    text, anon, found = anonymised_markdown(review, catalogue, glossary)
    assert found == [] and anon.notes == []
    for word in ("Marlow", "Edith", "Amy", "Hart", "Tom", "Reyes"):
        assert not whole_word(word, plain_text(text)), word
    assert "Adult A" in text and "Staff Nurse 1" in text and "Staff Nurse 2" in text
    assert "| Age | aged 79 at the end of the review period |" in text


# ---------------------------------------------------------------- what is still found


def sections_of(review: Review, catalogue: Catalogue) -> list[str]:
    return [without_context(f) for f in anonymised_markdown(review, catalogue)[2]]


def test_an_unlisted_form_of_a_listed_name_is_reported(catalogue: Catalogue) -> None:
    review = Review(
        adults=[Adult(name="Dorothy Hollins")],
        pseudonyms=[Pseudonym(name="Dorothy Hollins", alias="Adult A")],
        answers={
            "summary": "Mrs Hollins lived alone. Dorothy said so. A rose grew; Hollinsworth.",
            "l_training": "Hart-Smith",
        },
        chronology=[ChronologyEntry(date="2024-03-01", cells={"event": "ROSE visited"})],
    )
    assert sections_of(review, catalogue) == [
        "still found: Hollins in Summary (part of 'Dorothy Hollins')",
        "still found: Dorothy in Summary (part of 'Dorothy Hollins')",
    ]


def test_the_residual_search_is_broader_than_the_replacement(catalogue: Catalogue) -> None:
    review = Review(
        pseudonyms=[Pseudonym(name="Hart", alias="Nurse 1"), Pseudonym(name="Rose", alias="X")],
        answers={"summary": "Hart-Smith and O'Hart; Hartley is fine", "l_training": "a rose"},
    )
    text, _, found = anonymised_markdown(review, catalogue)
    assert "Hart-Smith and O'Hart" in plain_text(text)  # never replaced inside another name
    # reported as written, the whole hyphenated name: the form the author could list
    assert [without_context(f) for f in found] == [
        "still found: Hart-Smith in Summary (listed as 'Hart')"
    ]


def test_an_adult_without_a_pseudonym_is_reported(catalogue: Catalogue) -> None:
    review = Review(
        adults=[Adult(name="Dorothy Hollins"), Adult(name="Adult B")],
        pseudonyms=[
            Pseudonym(name="Peter", alias="Adult A's son"),
            Pseudonym(name="Adult B", alias="Adult B"),  # already the panel's pseudonym
        ],
        answers={"summary": "Dorothy Hollins and Adult B"},
    )
    assert sections_of(review, catalogue) == [
        "still found: Dorothy Hollins in Details (an adult's name with no pseudonym)",
        "still found: Dorothy Hollins in Summary (an adult's name with no pseudonym)",
    ]


def test_an_adult_named_as_part_of_a_listed_name_is_covered(catalogue: Catalogue) -> None:
    review = Review(
        adults=[Adult(name="Mrs Dorothy Hollins")],
        pseudonyms=[Pseudonym(name="Dorothy Hollins", alias="Adult A")],
    )
    text, _, found = anonymised_markdown(review, catalogue)
    assert found == []
    assert "| Name of Adult(s) | Adult A |" in text  # the honorific goes with the name


def test_a_name_inside_an_alias_or_the_template_is_reported(catalogue: Catalogue) -> None:
    review = Review(
        pseudonyms=[
            Pseudonym(name="Amy", alias="Amy B"),  # the alias gives the name away
            Pseudonym(name="Chronology", alias="X"),  # a name the template itself uses
        ],
        answers={"summary": "Amy"},
    )
    assert sections_of(review, catalogue) == [
        "still found: Amy in Summary",
        "still found: CHRONOLOGY in Chronology",  # the section's own heading, as written
    ]


def test_leftovers_are_reported_once_per_section_in_order(catalogue: Catalogue) -> None:
    review = hostile_review()
    anon = anonymise(review, catalogue)
    sections = [("Summary", "Dorothy Hollins, dorothy hollins"), ("Learning", "DOROTHY")]
    assert [without_context(f) for f in leftovers(sections, anon)] == [
        "still found: Dorothy Hollins in Summary",  # and Dorothy, Hollins inside it: once
        "still found: DOROTHY in Learning",  # as written
    ]
    assert [
        without_context(f) for f in leftovers([("Summary", "on 2.6.38, born 1938-06-02")], anon)
    ] == ["still found: a date of birth in Summary"]


def test_leftovers_are_searched_in_the_text_of_each_section(catalogue: Catalogue) -> None:
    review = Review(
        adults=[Adult(name="Dorothy Hollins")],
        pseudonyms=[Pseudonym(name="Dorothy Hollins", alias="Adult A")],
        answers={"summary": "# Mrs\\Hollins | *x*", "l_training": "Mary-Jane\nHollins"},
    )
    blocks, _, found = anonymised_blocks(review, catalogue)
    sections = dict(b.sections(blocks))
    assert "# Mrs\\Hollins | *x*" in sections["Summary"]  # the text as typed, not escaped
    assert "Mary-Jane\nHollins" in sections["Learning"]
    assert "Adult A" in sections["Details"] and "Dorothy" not in sections["Details"]
    assert [without_context(f) for f in found] == [
        "still found: Hollins in Summary (part of 'Dorothy Hollins')",
        "still found: Hollins in Learning (part of 'Dorothy Hollins')",
    ]


# ---------------------------------------------------------------- refusing to pretend


def test_nothing_listed_is_an_error(catalogue: Catalogue) -> None:
    with pytest.raises(UserError, match="no names are listed to replace"):
        anonymise(Review(answers={"summary": "Dorothy"}), catalogue, file="r.toml")


def test_a_name_without_an_alias_is_an_error(catalogue: Catalogue) -> None:
    review = Review(pseudonyms=[Pseudonym(name="Dorothy", alias=" ")])
    with pytest.raises(UserError, match=r"r.toml: pseudonyms\[0\]: 'Dorothy' has no alias"):
        anonymise(review, catalogue, file="r.toml")


def test_a_half_written_row_is_ignored(catalogue: Catalogue) -> None:
    review = Review(
        pseudonyms=[Pseudonym(alias="Adult A"), Pseudonym(name="Dorothy", alias="Adult A")],
        answers={"summary": "Dorothy"},
    )
    text, _, found = anonymised_markdown(review, catalogue)
    assert found == [] and "Adult A" in text


def test_names_typed_as_text_are_flagged(catalogue: Catalogue) -> None:
    review = Review(pseudonyms=[Pseudonym(name="Dorothy", alias="Adult A")])
    review.set_answer("pseudonyms", "Dorothy = Adult A, Amy = Nurse 1")
    _, anon, _ = anonymised_markdown(review, catalogue, file="r.toml")
    assert anon.notes == [
        "the 'Names to replace in an anonymised export' prompt holds typed text, which is "
        "not used: list each name with: imr pseudonyms r.toml add NAME ALIAS"
    ]


# ---------------------------------------------------------------- long chronologies


def test_five_thousand_entries_in_reasonable_time(catalogue: Catalogue) -> None:
    review = hostile_review()
    review.chronology = [
        ChronologyEntry(
            date=f"{2024 - i % 20}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            source=f"Record {i} by Amy Hart",
            cells={
                "practitioner": "Staff Nurse Amy Hart",
                "event": f"Visit {i}: Dorothy's leg dressed; Hollins' daughter present.",
            },
        )
        for i in range(5000)
    ]
    started = time.perf_counter()
    text, _, found = anonymised_markdown(review, catalogue)
    took = time.perf_counter() - started
    assert found == []
    assert took < 20, f"{took:.1f} s"
    assert text.count("Adult A's leg dressed") == 5000
    assert not whole_word("Hart", plain_text(text))


# ---------------------------------------------------------------- the model, session and walk


def test_old_files_load_and_pseudonyms_round_trip(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "r.toml"
    path.write_text('schema_version = 1\n[answers]\nsummary = "old"\n', encoding="utf-8")
    assert load(path, catalogue).pseudonyms == []
    review = Review(pseudonyms=[Pseudonym(name='O\'Neill "Pete"', alias="Adult A's son")])
    save(path, review, catalogue)
    assert "pseudonyms = [" in path.read_text(encoding="utf-8")
    assert load(path, catalogue).pseudonyms == review.pseudonyms
    save(path, Review(), catalogue)
    assert "pseudonyms" not in path.read_text(encoding="utf-8")


def test_session_and_walk(tmp_path: Path, catalogue: Catalogue) -> None:
    session = Session(tmp_path / "r.toml", Review(), catalogue)
    prompt = catalogue.prompt("pseudonyms")
    step = Step(prompt.id, catalogue.section_of(prompt.id), prompt)
    assert catalogue.section_of("pseudonyms").id == "details"
    assert not prompt.required
    assert not is_answered(step, session.review)
    session.set_pseudonyms([Pseudonym(name="Dorothy", alias="Adult A")])
    assert session.dirty and is_answered(step, session.review)
    generation = session.generation
    session.set_pseudonyms([Pseudonym(name="Dorothy", alias="Adult A")])
    assert session.generation == generation  # no change, no save


# ---------------------------------------------------------------- the command


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, review: Review, catalogue: Catalogue) -> bytes:
    save(path, review, catalogue)
    path.with_name(path.name + ".bak").unlink(missing_ok=True)
    return path.read_bytes()


def test_export_anonymise(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    before = write(path, hostile_review(), catalogue)
    code, out, err = run(capsys, "export", path, "--anonymise")
    assert (code, err) == (0, "")
    # the default name is the agency's and the adult's pseudonym, never the review's own
    assert out.splitlines()[0].startswith(f"Exported to {tmp_path}/")
    target = Path(out.splitlines()[0].removeprefix("Exported to "))
    assert target.parent == tmp_path and target.name.endswith("-anonymised.md")
    assert out.splitlines()[1].startswith("Anonymised: ")
    assert "ages are given at the end of the review period" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = plain_text(target.read_text(encoding="utf-8"))
    for name in NAMES:
        assert not whole_word(name, text), name
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, "r.toml"])
    code, out, _ = run(capsys, "export", path, "--anonymize", "-o", tmp_path / "a.md")
    assert code == 0 and out.startswith(f"Exported to {tmp_path / 'a.md'}\n")
    assert path.read_bytes() == before


def test_export_anonymise_reports_what_is_left(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    review = Review(
        adults=[Adult(name="Dorothy Hollins", date_of_birth=date(1938, 6, 2))],
        pseudonyms=[Pseudonym(name="Dorothy Hollins", alias="Adult A")],
        answers={"summary": "Mrs Hollins", "l_training": "Mrs Hollins"},
    )
    before = write(path, review, catalogue)
    code, out, err = run(capsys, "export", path, "--anonymise")
    assert (code, out) == (1, "")  # fail closed: nothing written
    lines = err.splitlines()
    assert [line.split(";")[0] for line in lines[:2]] == [  # with the words around it
        "still found: Hollins in Summary (part of 'Dorothy Hollins'): \u201cMrs Hollins\u201d",
        "still found: Hollins in Learning (part of 'Dorothy Hollins'): \u201cMrs Hollins\u201d",
    ]
    assert lines[2].startswith("imr: nothing was written")
    assert len(lines) == 3
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (Review(answers={"summary": "x"}), "no names are listed to replace"),
        (Review(pseudonyms=[Pseudonym(name="Amy")]), "pseudonyms[0]: 'Amy' has no alias"),
    ],
)
def test_export_anonymise_errors_are_one_line(
    tmp_path: Path,
    catalogue: Catalogue,
    capsys: pytest.CaptureFixture[str],
    review: Review,
    expected: str,
) -> None:
    path = tmp_path / "r.toml"
    before = write(path, review, catalogue)
    code, out, err = run(capsys, "export", path, "--anonymise")
    assert (code, out) == (2, "")
    assert err.startswith(f"imr: {path}: {expected}") and err.count("\n") == 1
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[[adults]]\nname = "A"\ndate_of_birth = "1938-02-30"\n', "date_of_birth"),
        ('[[adults]]\nname = "A"\ndate_of_birth = "2999-01-01"\n', "is in the future"),
        ('[[chronology]]\ndate = "2024-13"\n', "chronology[0]"),
        ('[[pseudonyms]]\nname = "A"\nnickname = "B"\n', "'nickname' is not a known key"),
        ("[[pseudonyms]]\nname = 3\n", "pseudonyms[0]"),
    ],
)
def test_a_broken_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = tmp_path / "r.toml"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "export", path, "--anonymise")
    assert (code, out) == (2, "")
    assert err.startswith(f"imr: {path}: ") and expected in err and err.count("\n") == 1


def test_pseudonyms_command(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    write(path, Review(answers={"summary": "Dorothy's home"}), catalogue)
    code, out, _ = run(capsys, "pseudonyms", path)
    assert (code, out) == (
        0,
        f"No names are listed. Add one with: imr pseudonyms {path} add NAME ALIAS\n",
    )
    assert run(capsys, "pseudonyms", path, "add", "Dorothy  Hollins", "Adult A", "--kind", "adult")[
        1
    ] == ("Added: Dorothy Hollins -> Adult A.\n")
    assert run(capsys, "pseudonyms", path, "add", "Dorothy", "Adult B")[0] == 0
    assert run(capsys, "pseudonyms", path, "add", "dorothy", "Adult A")[1] == (
        "Changed: dorothy -> Adult A.\n"
    )
    code, out, _ = run(capsys, "pseudonyms", path)
    assert out == "Dorothy Hollins -> Adult A (adult)\ndorothy -> Adult A\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    review = load(path, catalogue)
    assert review.answers == {"summary": "Dorothy's home"}
    assert review.pseudonyms == [
        Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult"),
        Pseudonym(name="dorothy", alias="Adult A"),
    ]
    assert run(capsys, "pseudonyms", path, "add", "Dorothy Hollins", "Adult C")[0] == 0
    assert load(path, catalogue).pseudonyms[0].kind == "adult"  # kept when not given again
    assert run(capsys, "pseudonyms", path, "remove", "DOROTHY")[1] == "Removed DOROTHY.\n"
    assert [p.name for p in load(path, catalogue).pseudonyms] == ["Dorothy Hollins"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("remove", "Nobody"), "imr: {path}: 'Nobody' is not listed"),
        (("add", "A", "Adult A"), "imr: 'A': A name to replace needs at least two letters."),
        (("add", "Amy", "  "), "imr: 'Amy': the pseudonym (ALIAS) is empty"),
    ],
)
def test_pseudonyms_command_errors(
    tmp_path: Path,
    catalogue: Catalogue,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    expected: str,
) -> None:
    path = tmp_path / "r.toml"
    before = write(path, Review(), catalogue)
    code, out, err = run(capsys, "pseudonyms", path, *args)
    assert (code, out) == (2, "")
    assert err == expected.format(path=path) + "\n"
    assert path.read_bytes() == before


def test_pseudonyms_command_respects_the_lock(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    before = write(path, Review(), catalogue)
    with ReviewLock.acquire(path):
        code, _, err = run(capsys, "pseudonyms", path, "add", "Dorothy", "Adult A")
    assert code == 2
    assert err.startswith(f"imr: {path}: is open in another session") and err.count("\n") == 1
    assert path.read_bytes() == before
    code, _, err = run(capsys, "pseudonyms", tmp_path / "missing.toml", "add", "Amy", "X")
    assert code == 2 and "no such review file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]
