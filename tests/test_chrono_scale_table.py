"""A chronology of 5,000 entries at 80x24: every row is in the table from the first
screen (no rows added in batches after it), only the rows shown are ever drawn, keys
sent in bursts reach the last entry and one in the middle, and an edit there is saved
to that entry alone."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TextArea
from tui_helpers import catalogue, make_app, settled, until

from imr_tui.core.model import ChronologyEntry, Review, ReviewPeriod
from imr_tui.core.store import load, to_toml
from imr_tui.tui.app import IMRApp
from imr_tui.tui.records import EntryRow
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.widgets.record_table import RecordTable

ENTRIES = 5000
START = date(2008, 1, 1)
MARKUP = "[b]bold[/b] [@click=app.quit]x[/]"
"""At the start of one entry's event, in the middle: shown as typed, never run."""
MARKED = 2600


def _entry(i: int) -> ChronologyEntry:
    event = f"Event number {i}: home visit, dressing changed."
    return ChronologyEntry(
        id=f"e{i:05d}",
        date=(START + timedelta(days=i)).isoformat(),
        time="09:00",
        source=f"Notes {i}",
        cells={
            "practitioner": "Amy Hart, staff nurse",
            "contact_type": "Home visit",
            "event": f"{MARKUP} {event}" if i == MARKED else event,
        },
    )


def _app(tmp_path: Path) -> tuple[IMRApp, Path]:
    review = Review(
        review_period=ReviewPeriod(start=START, end=START + timedelta(days=ENTRIES)),
        chronology=[_entry(i) for i in range(ENTRIES)],
        resume="chronology",
    )
    path = tmp_path / "long.toml"
    path.write_text(to_toml(review, catalogue()), encoding="utf-8")
    return make_app(path), path


async def _opened(pilot: Pilot[int], app: IMRApp) -> RecordTable:
    """The chronology table as soon as the interview gives it the keys (nothing else
    waited for)."""
    await until(
        pilot,
        lambda: isinstance(app.screen, InterviewScreen) and isinstance(app.focused, DataTable),
        "the chronology table to take the keys",
        limit=60,
    )
    return app.screen.query_one(RecordTable)


def _screen_text(app: IMRApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _pane(app: IMRApp) -> str:
    return str(app.screen.query_one("#record-details-text", Static).render())


async def test_a_burst_of_keys_at_once_reaches_the_last_entry(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _opened(pilot, app)
        await pilot.press("ctrl+end")  # the moment the table takes the keys
        await pilot.pause()
        assert table.query_one(DataTable).row_count == ENTRIES
        assert table.current() == f"e{ENTRIES - 1:05d}"
        last = START + timedelta(days=ENTRIES - 1)
        assert f"{last:%d/%m/%Y}" in _screen_text(app)  # its row is on the screen
        assert f"Event number {ENTRIES - 1}:" in _pane(app)
        await settled(pilot, app)  # the timeline above, worked out on a thread, is drawn
        assert "2008 366 2009 365" in " ".join(_screen_text(app).split())
        assert "No gap over 28 days" in _screen_text(app)
        assert table.current() == f"e{ENTRIES - 1:05d}"


async def test_only_the_rows_shown_are_drawn(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _opened(pilot, app)
        rows = table.query_one(DataTable)
        await settled(pilot, app)
        await pilot.press(*["pagedown"] * 40)
        await pilot.pause()
        made = len(dict.keys(rows._data))  # the rows whose cells were ever made
        assert rows.row_count == ENTRIES
        # the rows passed on the way (40 pages of a few rows) and no more: not all 5,000
        assert made < ENTRIES // 10, f"{made} rows were made for 40 pages of a few rows"
        worked_out = [r for _, r in table.rows if isinstance(r, EntryRow) and r._cells is not None]
        assert len(worked_out) == made  # an entry's cells are worked out only for its row drawn
        # a row never drawn still reads as the table's own would
        cells = [str(c) for c in rows.get_row_at(4321)]
        assert cells[0].startswith(f"{START + timedelta(days=4321):%d/%m/%Y}")
        assert cells[1] == "Notes 4321"


async def test_an_entry_in_the_middle_is_edited_and_saved_alone(tmp_path: Path) -> None:
    app, path = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _opened(pilot, app)
        rows = table.query_one(DataTable)
        await pilot.press("ctrl+end", *["pageup"] * 500)  # one burst
        await pilot.pause()
        index = rows.cursor_row
        assert 1000 < index < ENTRIES - 1000, index
        rid = table.current()
        assert rid == f"e{index:05d}"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the entry's form")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["source"] == f"Notes {index}"
        event = form.query_one("#f-event", TextArea)
        event.focus()
        event.move_cursor((0, 0))
        await pilot.press(*"Seen again. ")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen), "the form to close")
        await pilot.pause()
        assert table.current() == rid  # the cursor stays on the entry edited
        assert rows.row_count == ENTRIES
        assert f"Seen again. Event number {index}:" in _pane(app)
        await settled(pilot, app)
    saved = load(path, catalogue())
    assert len(saved.chronology) == ENTRIES
    by_id = {e.id: e for e in saved.chronology}
    assert (
        by_id[rid].cells["event"]
        == f"Seen again. Event number {index}: home visit, dressing changed."
    )
    changed = [e.id for e in saved.chronology if e != _entry(int(e.id[1:]))]
    assert changed == [rid]


async def test_markup_in_a_row_far_down_is_shown_as_typed(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _opened(pilot, app)
        assert table.select(f"e{MARKED:05d}")
        await pilot.pause()
        shown = _screen_text(app)
        assert "[b]bold[/b]" in shown  # cut to the column's width, but literal
        assert MARKUP in _pane(app)
        assert app.is_running
        await settled(pilot, app)
