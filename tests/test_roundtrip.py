"""Whatever a review holds, saving it and loading it back gives the same review."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui import __version__
from imr_tui.core.catalogue import Catalogue, load_catalogue
from imr_tui.core.model import (
    SCHEMA_VERSION,
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Meta,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.core.store import load, save, to_toml

# Fragments that trip up TOML writers and readers, mixed into arbitrary Unicode text.
AWKWARD = [
    "'''",
    '"""',
    '"',
    "'",
    "\\",
    "\\n",
    "\\u0041",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\x00",
    "\x08",
    "\x1b[31m",
    "\x7f",
    "\u2028",
    "\ufeff",
    "😀",
    "👩🏽‍⚕️",
    "# not a comment",
    "[section]",
    "key = value",
    " ",
]

texts = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(AWKWARD)), max_size=6).map("".join)
"""Any Unicode text (no lone surrogates: those cannot be written as UTF-8), often awkward."""

# Real offsets are whole minutes; pydantic writes an offset with seconds as +00:00.
zones = st.none() | st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
    lambda m: timezone(timedelta(minutes=m))
)
datetimes = st.datetimes(timezones=zones)
past_dates = st.dates(max_value=date.today())


@st.composite
def chronology_dates(draw: st.DrawFn) -> str:
    """``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or undated."""
    d = draw(st.dates())
    return draw(
        st.sampled_from(["", d.isoformat(), f"{d.year:04d}-{d.month:02d}", f"{d.year:04d}"])
    )


times = st.just("") | st.builds(
    lambda h, m, pad: f"{h:02d}:{m:02d}" if pad else f"{h}:{m:02d}",
    st.integers(0, 23),
    st.integers(0, 59),
    st.booleans(),
)


@st.composite
def periods(draw: st.DrawFn) -> ReviewPeriod:
    a, b = sorted([draw(st.dates()), draw(st.dates())])
    return ReviewPeriod(start=draw(st.none() | st.just(a)), end=draw(st.none() | st.just(b)))


def answer_keys(catalogue: Catalogue) -> st.SearchStrategy[str]:
    """Prompt ids (so answers get put in catalogue order) and any other key."""
    return st.sampled_from([p.id for p in catalogue.prompts()]) | texts


def reviews(catalogue: Catalogue) -> st.SearchStrategy[Review]:
    ids = texts | st.text("0123456789abcdef", min_size=10, max_size=10)
    return st.builds(
        Review,
        schema_version=st.just(SCHEMA_VERSION),
        resume=texts,
        meta=st.builds(
            Meta,
            created=datetimes,
            last_saved=st.none() | datetimes,
            app_version=texts,
            catalogue=texts,
        ),
        answers=st.dictionaries(answer_keys(catalogue), texts, max_size=6),
        adults=st.lists(
            st.builds(Adult, name=texts, date_of_birth=st.none() | past_dates), max_size=3
        ),
        review_period=periods(),
        headings=st.lists(
            st.builds(Heading, id=ids, title=texts), max_size=3, unique_by=lambda h: h.id
        ),
        chronology=st.lists(
            st.builds(
                ChronologyEntry,
                id=ids,
                date=chronology_dates(),
                approximate=st.booleans(),
                time=times,
                source=texts,
                cells=st.dictionaries(texts, texts, max_size=3),
            ),
            max_size=4,
            unique_by=lambda e: e.id,  # two records with one id are refused on load
        ),
        heading_analysis=st.dictionaries(
            ids, st.builds(HeadingAnalysis, heading=texts, text=texts), max_size=3
        ),
        recommendations=st.lists(
            st.builds(
                Recommendation,
                id=ids,
                recommendation=texts,
                actions=texts,
                lead=texts,
                target_date=st.none() | st.dates(),
                resources=texts,
                evidence=texts,
            ),
            max_size=3,
            unique_by=lambda r: r.id,
        ),
        accepted_abbreviations=st.lists(texts, max_size=4),
        pseudonyms=st.lists(st.builds(Pseudonym, name=texts, alias=texts, kind=texts), max_size=3),
    )


def expected_after_save(review: Review, before: dict[str, Any]) -> dict[str, Any]:
    """What a review dumped as ``before`` looks like once saved: the same order, stamped."""
    expected = dict(before)
    expected["meta"] = {
        **before["meta"],
        "last_saved": review.meta.last_saved,
        "app_version": __version__,
    }
    return expected


def assert_round_trips(path: Path, review: Review, catalogue: Catalogue | None) -> None:
    before = review.model_dump()
    save(path, review, catalogue)
    assert review.meta.last_saved is not None
    loaded = load(path)
    expected = expected_after_save(review, before)
    assert loaded.model_dump() == expected
    # Python equality of datetimes ignores the offset; the JSON form does not.
    assert loaded.model_dump(mode="json") == Review.model_validate(expected).model_dump(mode="json")
    assert to_toml(loaded, catalogue) == to_toml(review, catalogue)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(review=reviews(load_catalogue()), with_catalogue=st.booleans())
def test_save_then_load_gives_the_same_review(
    tmp_path: Path, catalogue: Catalogue, review: Review, with_catalogue: bool
) -> None:
    # The same file each time, so the backup path is exercised too.
    assert_round_trips(tmp_path / "review.toml", review, catalogue if with_catalogue else None)


@pytest.mark.parametrize(
    "text",
    [
        "Windows line ends\r\nsecond line\r\n",
        "lone\rcarriage return\nthen a newline",
        "mixed\r\n\r\rlines\n\r\n",
        "'''\n\"\"\"\n\\\n\t\x00\x1f\x7f 😀",
        'ends with a quote\n"',
        "ends with a backslash\n\\",
        "\n",
    ],
)
def test_awkward_answers_round_trip(tmp_path: Path, catalogue: Catalogue, text: str) -> None:
    review = Review(
        answers={"summary": text},
        chronology=[ChronologyEntry(date="2025-03", cells={"event": text})],
        heading_analysis={"h1": HeadingAnalysis(heading=text, text=text)},
        accepted_abbreviations=[text],
        pseudonyms=[Pseudonym(name=text, alias=text, kind=text)],
    )
    assert_round_trips(tmp_path / "review.toml", review, catalogue)
