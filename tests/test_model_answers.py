"""The worked example and the training model answers describe one case (Mrs Marlow, the
same dates and facts), pass every check except the example's deliberate weak places, and
training mode shows the model answers in the example's years."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from tui_helpers import SIZE, go_to, screen_text
from tui_helpers import catalogue as shipped

from imr_tui.checks import Glossary, load_glossary, run_checks
from imr_tui.checks.findings import RULES, Finding
from imr_tui.core.catalogue import Catalogue, Prompt
from imr_tui.core.dates import parse_date
from imr_tui.core.example import example_year, load_example, model_answer
from imr_tui.core.model import Adult, ChronologyEntry, Heading, Recommendation, Review
from imr_tui.core.store import create
from imr_tui.tui.app import create_app

TODAY = date(2026, 11, 25)
Y = 2025
"""The year ``{Y}`` stands for on :data:`TODAY` (the example's events are in it)."""

EXPECTED = [
    ("language", "label", "Summary of involvement"),
    ("abbreviation", "abbreviation", f"chronology entry of 16/04/{Y}"),
    ("chronology", None, f"between the chronology entries of 30/04/{Y} and 11/06/{Y}"),
    ("completeness", None, f"chronology entry of 20/06/{Y} at 16:45"),
    ("abbreviation", "abbreviation", f"chronology entry of 02/07/{Y} at 09:30"),
    (
        "analysis",
        "describes",
        "How well did the agency share information and work with other agencies?",
    ),
    ("language", "blame", "Did action accord with assessments and decisions?"),
    (
        "language",
        "hindsight",
        "Were managers and other agencies involved when they should have been?",
    ),
    ("analysis", "too_short", "Was practice sensitive to protected characteristics and identity?"),
    ("recommendations", None, "recommendation 3"),  # no target date
    ("recommendations", "vague", "recommendation 3"),
    ("recommendations", "not_measurable", "recommendation 3"),
    ("recommendations", "lead", "recommendation 3"),
]
"""The deliberate weak places, one finding each, listed in the header of example.toml:
(kind, rule, where). The measured rules (findings.RULES) are named; None where the rule's
id does not matter here (a gap, a missing source, an empty field)."""


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


@pytest.fixture(scope="module")
def example(catalogue: Catalogue) -> Review:
    return load_example(catalogue, today=TODAY)


def findings(catalogue: Catalogue, review: Review, glossary: Glossary) -> list[Finding]:
    return run_checks(catalogue, review, glossary, TODAY)


def ours(text: str, catalogue: Catalogue) -> str:
    """A model answer as training mode shows it on :data:`TODAY`."""
    return model_answer(text, catalogue, today=TODAY)


# ---------------------------------------------------------------- the worked example


def test_the_example_raises_exactly_its_deliberate_weak_places(
    catalogue: Catalogue, glossary: Glossary, example: Review
) -> None:
    got = [(f.kind, f.rule, f.where) for f in findings(catalogue, example, glossary)]
    assert [(k, r if r in RULES else None, w) for k, r, w in got] == EXPECTED


def test_the_example_header_lists_each_weak_place() -> None:
    from imr_tui.core.data_files import path_for

    lines = path_for(None, "example.toml").read_text(encoding="utf-8").splitlines()
    header = [line.lstrip("# ") for line in lines[: lines.index("")] if line.startswith("#")]
    text = " ".join(" ".join(header).split())
    for phrase in (
        '"refused to engage"',
        '"DNA"',
        '"c/o"',
        "no source of information",
        "May to June",
        '"failed to"',
        '"would have prevented"',
        "too short to be analysis",
        "describes rather than analyses",
        '"Remind staff"',
        "no measurable outcome",
        '"All agencies"',
        "no target date",
    ):
        assert phrase in text, phrase


def test_refusals_of_washing_are_counted_as_the_chronology_records_them(
    example: Review,
) -> None:
    washing = [
        e.date
        for e in example.chronology
        if "declined" in e.cells.get("event", "") and "washing" in e.cells.get("event", "")
    ]
    assert washing == [f"{Y}-02-08", f"{Y}-02-27", f"{Y}-04-30"]
    tor1 = example.heading_analysis["tor1"].text
    assert "declined help with washing on three visits" in tor1
    assert "six" not in tor1


_LONG_DATE = re.compile(
    r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) (\d{4})\b"
)


def _dates_in(text: str) -> set[date]:
    return {parse_date(" ".join(m.groups())) for m in _LONG_DATE.finditer(text)}


def _chronology_dates(review: Review) -> set[date]:
    """Every day the chronology records: entries' dates and dates written in their cells."""
    days = {date.fromisoformat(e.date) for e in review.chronology}
    for e in review.chronology:
        for cell in e.cells.values():
            for d, m, y in re.findall(r"\b(\d\d)/(\d\d)/(\d{4})\b", cell):
                days.add(date(int(y), int(m), int(d)))
    return days


def test_every_date_in_the_period_named_by_an_answer_is_in_the_chronology(
    catalogue: Catalogue, example: Review
) -> None:
    start, end = example.review_period.start, example.review_period.end
    assert start and end
    known = _chronology_dates(example) | {start, end}
    texts = {p.id: example.answer(p.id) for p in catalogue.prompts()}
    texts |= {h: a.text for h, a in example.heading_analysis.items()}
    texts |= {p.id: ours(p.model_answer, catalogue) for p in catalogue.prompts()}
    for where, text in texts.items():
        for day in _dates_in(text):
            if start <= day <= end:
                assert day in known, (where, day)


# ---------------------------------------------------------------- the model answers


def test_model_answers_are_about_mrs_marlow_in_the_examples_years(catalogue: Catalogue) -> None:
    assert example_year(catalogue, today=TODAY) == Y
    shown = {p.id: ours(p.model_answer, catalogue) for p in catalogue.prompts()}
    assert all("{Y" not in text for text in shown.values())
    assert not any(
        "Adult A" in t for pid, t in shown.items() if pid not in ("adults", "pseudonyms")
    )
    assert "Hollins" not in " ".join(shown.values())
    assert "Mrs Marlow" in shown["tor_analysis"]
    assert f"8 and 27 February and 30 April {Y}" in shown["tor_analysis"]
    assert shown["completed_on"] == f"24/01/{Y + 1}"
    assert shown["review_period"] == f"01/02/{Y} to 31/10/{Y}"
    assert f"Target date: 31/03/{Y + 2}" in shown["recommendations"]
    # The dates of the review are the example's.
    example = load_example(catalogue, today=TODAY)
    for pid in ("completed_on", "endorsed_on"):
        assert parse_date(shown[pid]) == date.fromisoformat(example.answer(pid)), pid


def test_every_name_in_a_model_answer_has_a_pseudonym(
    catalogue: Catalogue, example: Review
) -> None:
    aliases = {p.name for p in example.pseudonyms}
    shown = " ".join(ours(p.model_answer, catalogue) for p in catalogue.prompts())
    for name in ("Edith Marlow", "Mrs Marlow", "Amy Hart", "Tom Reyes"):
        assert name in aliases
    for match in re.finditer(r"\b(Mrs|Mr|Ms|Dr) [A-Z][a-z]+", shown):
        known = match[0] in aliases or match[0].startswith("Dr Priya")
        assert known, match[0]


def _placed(prompt: Prompt, text: str, review: Review) -> tuple[Review, str, str]:
    """The example with ``text`` as the answer to ``prompt``: the review, the step id and
    the record id (if a record) where findings about it would be."""
    review = review.model_copy(deep=True)
    kind = prompt.kind
    if kind == "tor_analysis":
        review.heading_analysis["tor1"].text = text
        return review, f"{prompt.id}:tor1", ""
    if kind == "recommendations":
        parts = re.split(r"(Recommendation|Action|Lead|Target date|Resources|Evidence): ", text)
        fields = dict(zip(parts[1::2], (p.strip() for p in parts[2::2]), strict=True))
        review.recommendations = [
            Recommendation(
                id="model",
                recommendation=fields["Recommendation"],
                actions=fields["Action"],
                lead=fields["Lead"],
                target_date=parse_date(fields["Target date"].rstrip(".")),
                resources=fields["Resources"],
                evidence=fields["Evidence"],
            )
        ]
        return review, prompt.id, "model"
    if kind == "chronology":
        day, time, contact, rest = text.split(", ", 3)
        source, event = rest.removeprefix("source: ").split(". ", 1)
        entry = ChronologyEntry(
            id="model",
            date=parse_date(day).isoformat(),
            time=time,
            source=source,
            cells={"contact_type": contact, "event": event},
        )
        review.chronology = sorted([*review.chronology, entry], key=lambda e: e.date)
        return review, prompt.id, "model"
    if kind == "adults":
        name, born = re.fullmatch(r"(.+?), born (\S+?): .*", text).groups()  # type: ignore[union-attr]
        review.adults = [Adult(name=name, date_of_birth=parse_date(born))]
    elif kind == "period":
        first, last = text.split(" to ")
        review.review_period.start, review.review_period.end = parse_date(first), parse_date(last)
    elif kind == "headings":
        titles = [t.strip() for t in re.split(r"\d\. ", text) if t.strip()]
        review.headings = [Heading(id=f"tor{i}", title=t) for i, t in enumerate(titles, 1)]
    elif kind == "date":
        review.set_answer(prompt.id, parse_date(text).isoformat())
    elif kind in ("text", "long_text"):
        review.set_answer(prompt.id, text)
    else:
        assert kind == "pseudonyms"  # the list is not part of the report
    return review, prompt.id, ""


@pytest.mark.parametrize("prompt_id", [p.id for p in shipped().prompts()])
def test_each_model_answer_placed_in_its_prompt_raises_no_finding(
    catalogue: Catalogue, glossary: Glossary, example: Review, prompt_id: str
) -> None:
    prompt = catalogue.prompt(prompt_id)
    review, step_id, record_id = _placed(prompt, ours(prompt.model_answer, catalogue), example)
    found = [
        (f.rule, f.where, f.message)
        for f in findings(catalogue, review, glossary)
        if f.step_id == step_id and (record_id == "" or f.record_id == record_id)
    ]
    assert found == []


async def test_training_mode_shows_the_model_answer_in_the_examples_years(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.toml"
    create(path, shipped())
    year = example_year(shipped())
    app = create_app(shipped(), path=path, training=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "tor_headings")
        shown = screen_text(app)
        assert "A model answer: 1. How did the agency respond to signs that Mrs Marlow" in shown
        await go_to(pilot, "summary")
        shown = screen_text(app)
        assert "A model answer: Edith Marlow (FICTIONAL) was 79" in shown
        assert f"a stroke in {year - 3}" in shown
        assert f"on 6 February {year}" in shown
        assert "{Y" not in shown


def test_plain_mode_shows_the_model_answer_in_the_examples_years(tmp_path: Path) -> None:
    from scripted_asker import Script

    from imr_tui.core.data_files import DataFiles
    from imr_tui.core.session import Session
    from imr_tui.core.store import load
    from imr_tui.plain.run import interview

    path = tmp_path / "r.toml"
    create(path, shipped())
    session = Session(path, load(path, shipped()), shipped())
    session.set_resume("summary")
    session.save()
    script = Script()  # the author presses Ctrl-C at the first question
    interview(script, shipped(), path, DataFiles.resolve(None).glossary, training=True)
    year = example_year(shipped())
    shown = [line for line in script.said if line.startswith("A model answer: ")]
    assert len(shown) == 1
    assert shown[0].startswith("A model answer: Edith Marlow (FICTIONAL) was 79")
    assert f"a stroke in {year - 3}" in shown[0]
    assert "{Y" not in shown[0]
