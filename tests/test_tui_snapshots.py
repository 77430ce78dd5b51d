"""Snapshots of the main screens at 80x24 (review each SVG by eye before accepting it)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import SIZE, catalogue, make_app

from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    Meta,
    Recommendation,
    Review,
    ReviewPeriod,
)
from imr_tui.core.store import to_toml
from imr_tui.tui.app import IMRApp

SAVED = datetime(2025, 3, 11, 14, 2, 11, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC whatever the machine's zone, so the pictures are stable."""
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


async def _fix_clock(pilot: Pilot[Any]) -> None:
    """Show a fixed save time so the snapshot does not depend on the clock."""
    app = pilot.app
    assert isinstance(app, IMRApp)
    await pilot.pause()
    if app.session is not None:
        while app.checks_run == 0:  # the sidebar's check marks arrive from a worker thread
            await pilot.pause(0.05)
        await pilot.pause(0.4)  # and the abbreviation line under the answer, after typing stops
        app.session.last_saved = SAVED.astimezone()
        app.refresh_status()
    await pilot.pause()


def _app(tmp_path: Path) -> IMRApp:
    return make_app(_write(tmp_path / "hollins.toml", _review()))


def test_start_screen(snap_compare: Any, tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    _write(folder / "hollins.toml", _review())
    assert snap_compare(make_app(workspace=folder), terminal_size=SIZE)


def test_long_text_prompt(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=_fix_clock)


async def _to_chronology(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.screen.go("chronology")  # type: ignore[attr-defined]
    await _fix_clock(pilot)


def test_chronology_table(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=_to_chronology)


async def _chronology_form(pilot: Pilot[Any]) -> None:
    await _to_chronology(pilot)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"15/06/2023")
    await pilot.pause()


def test_chronology_form(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=_chronology_form)


async def _review_screen(pilot: Pilot[Any]) -> None:
    await _fix_clock(pilot)
    await pilot.press("ctrl+r")
    await pilot.pause()


def test_review_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=_review_screen)


async def _help(pilot: Pilot[Any]) -> None:
    await _fix_clock(pilot)
    await pilot.press("f1")
    await pilot.pause()


def test_help_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=_help)
