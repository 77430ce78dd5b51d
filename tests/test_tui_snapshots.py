"""Snapshots of the main screens at 80x24, grouped by feature (review each SVG by eye
before accepting it).

The program's clock is fixed (conftest's ``fixed_clock``) and times are shown in
UTC, so no picture depends on the day or the machine it is taken on; each picture
is taken once the background work (the glossary, the checks) is done, never
after a fixed wait.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import SIZE, catalogue, make_app

from imr_tui.core.comment_model import Comment, Reply
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    Meta,
    Pseudonym,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.core.store import to_toml
from imr_tui.tui.app import IMRApp
from imr_tui.tui.widgets.abbreviation_line import AbbreviationLine

SAVED = datetime(2025, 3, 11, 14, 2, 11, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch, fixed_clock: datetime) -> Iterator[None]:
    """Show times in UTC whatever the machine's zone, at a fixed time: stable pictures."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _review() -> Review:
    return Review(
        resume="summary",
        meta=Meta(created=SAVED, last_saved=SAVED, catalogue="imr-standard 1"),
        answers={
            "agency": "Northshire Community Health NHS Trust",
            "author_name": "Priya Raman",
            "summary": "Mrs Hollins lived with her husband Albert in a terraced house. She was "
            "known to the district nursing team from March 2024, when her GP referred her "
            "for dressings to a leg ulcer.\n\nBetween March and October 2024 nurses visited "
            "31 times.",
        },
        adults=[Adult(name="Dorothy Hollins", date_of_birth=date(1938, 2, 14))],
        review_period=ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31)),
        headings=[Heading(id="h1", title="Recognition of self-neglect")],
        chronology=[
            ChronologyEntry(
                id="e1",
                date="2024-03-15",
                time="10:30",
                source="District nursing notes",
                cells={"event": "Home visit; leg ulcer dressed", "practitioner": "Amy Hart"},
            ),
            ChronologyEntry(
                id="e2",
                date="2024-05",
                approximate=True,
                source="GP referral letter",
                cells={"event": "Referral for a falls assessment"},
            ),
        ],
        recommendations=[
            Recommendation(
                id="r1",
                recommendation="Introduce a self-neglect pathway",
                lead="Safeguarding lead",
                target_date=date(2026, 3, 31),
            )
        ],
    )


def _write(path: Path, review: Review) -> Path:
    path.write_text(to_toml(review, catalogue()), encoding="utf-8")
    return path


async def _until(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """Handle the app's events and workers until ``condition`` holds (a deadline, not a
    fixed wait: the screen refreshes on its own clock, and a busy machine is slow)."""
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"{what} never happened"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _settle(pilot: Pilot[Any]) -> None:
    """Wait for the background work the screen shows: the glossary, the checks, and the
    abbreviation line (worked out now rather than after its pause for typing)."""
    app = pilot.app
    assert isinstance(app, IMRApp)
    await pilot.pause()
    if app.session is not None:
        await _until(pilot, lambda: app.checks_run, "the checks")
        for line in app.screen.query(AbbreviationLine):
            line.show_now()
    await pilot.pause()


def _app(tmp_path: Path) -> IMRApp:
    return make_app(_write(tmp_path / "hollins.toml", _review()))


def _snap(snap_compare: Any, app: IMRApp, then: Callable[[Pilot[Any]], Awaitable[None]]) -> bool:
    result: bool = snap_compare(app, terminal_size=SIZE, run_before=then)
    return result


class TestStartScreen:
    """The list of reviews in the workspace."""

    def test_lists_the_reviews(self, snap_compare: Any, tmp_path: Path) -> None:
        folder = tmp_path / "reviews"
        folder.mkdir()
        _write(folder / "hollins.toml", _review())
        assert _snap(snap_compare, make_app(workspace=folder), _settle)


class TestInterviewPrompts:
    """A prompt being answered, with the sections beside it."""

    def test_long_text_prompt(self, snap_compare: Any, tmp_path: Path) -> None:
        assert _snap(snap_compare, _app(tmp_path), _settle)

    def test_adults_prompt(self, snap_compare: Any, tmp_path: Path) -> None:
        """The adults: name, date of birth and date of death on one row at 80 columns."""
        review = _review()
        review.adults.append(
            Adult(
                name="Albert Hollins",
                date_of_birth=date(1935, 9, 2),
                date_of_death=date(2024, 11, 20),
            )
        )
        app = make_app(_write(tmp_path / "hollins.toml", review))
        assert _snap(snap_compare, app, _to_adults)


async def _to_adults(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.screen.go("adults")  # type: ignore[attr-defined]
    await _settle(pilot)


async def _to_chronology(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.screen.go("chronology")  # type: ignore[attr-defined]
    await _settle(pilot)


async def _chronology_form(pilot: Pilot[Any]) -> None:
    await _to_chronology(pilot)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"15/06/2023")
    await pilot.pause()


class TestRecordsForms:
    """The chronology: its table and the form for one entry."""

    def test_chronology_table(self, snap_compare: Any, tmp_path: Path) -> None:
        assert _snap(snap_compare, _app(tmp_path), _to_chronology)

    def test_chronology_form(self, snap_compare: Any, tmp_path: Path) -> None:
        assert _snap(snap_compare, _app(tmp_path), _chronology_form)


async def _checks(pilot: Pilot[Any]) -> None:
    await _settle(pilot)
    await pilot.press("ctrl+f")
    await _settle(pilot)


class TestChecks:
    """What the checks query in the review."""

    def test_check_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert _snap(snap_compare, _app(tmp_path), _checks)


async def _review_screen(pilot: Pilot[Any]) -> None:
    await _settle(pilot)
    await pilot.press("ctrl+r")
    await pilot.pause()


class TestReviewScreen:
    """The whole review read back before export."""

    def test_review_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert _snap(snap_compare, _app(tmp_path), _review_screen)


async def _help(pilot: Pilot[Any]) -> None:
    await _settle(pilot)
    await pilot.press("f1")
    await pilot.pause()


class TestHelp:
    """The keys and what they do."""

    def test_help_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert _snap(snap_compare, _app(tmp_path), _help)


def _commented_app(tmp_path: Path) -> IMRApp:
    review = _review()
    review.comments = [
        Comment(
            id="c1",
            on="prompt:summary",
            by="Panel chair",
            at=SAVED,
            text="Who told the GP about the falls, and when?",
            replies=[
                Reply(
                    id="p1",
                    by="Priya Raman",
                    at=SAVED,
                    text="The district nurse rang the surgery on 15/03/2024.",
                )
            ],
        )
    ]
    return make_app(_write(tmp_path / "hollins.toml", review))


class TestComments:
    """A prompt with a comment from the panel and the author's reply under the answer."""

    def test_prompt_with_a_comment_and_a_reply(self, snap_compare: Any, tmp_path: Path) -> None:
        """At 80x24 the comments are one line under the answer, which keeps its room; a
        notice says how many are open and where to find them."""
        assert _snap(snap_compare, _commented_app(tmp_path), _settle)

    def test_the_comments_opened_with_ctrl_b(self, snap_compare: Any, tmp_path: Path) -> None:
        """Ctrl+B unfolds them: the comment, its reply indented under its line, the keys."""

        async def opened(pilot: Pilot[Any]) -> None:
            await _settle(pilot)
            pilot.app.clear_notifications()  # the opening notice (the other snapshot has it)
            await pilot.press("ctrl+b")
            await pilot.pause()

        assert _snap(snap_compare, _commented_app(tmp_path), opened)


def _names_app(tmp_path: Path) -> IMRApp:
    review = _review()
    summary = review.answers["summary"] + "\n\nHer son Peter Hollins [b]rang[/b] the ward."
    review = review.model_copy(
        update={
            "answers": {**review.answers, "summary": summary},
            "pseudonyms": [
                Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult"),
                Pseudonym(name="Mrs Hollins", alias="Adult A", kind="adult"),
                Pseudonym(name="Amy Hart", alias="Staff Nurse 1", kind="practitioner"),
            ],
        }
    )
    return make_app(_write(tmp_path / "hollins.toml", review))


async def _names(pilot: Pilot[Any]) -> None:
    await _settle(pilot)
    await pilot.press("ctrl+o")
    app = pilot.app
    await _until(pilot, lambda: getattr(app.screen, "looked", None) is not None, "the list")
    await pilot.press("n")
    await pilot.pause()


class TestNamesInTheExport:
    """Every mention an anonymised export replaces, in context."""

    def test_names_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert _snap(snap_compare, _names_app(tmp_path), _names)
