"""The chronology and recommendations at 80x24, as a practitioner checks them: every
field of the highlighted entry readable under the table, a form that fits with its
buttons in view, a finding that opens the very entry it is about, and a review screen
whose chronology is readable when the screen is too narrow for its table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, OptionList, Static
from tui_helpers import SIZE, catalogue, go_to, make_app, settled, until

from imr_tui.chronology.entry_rules import entry_fields
from imr_tui.core.field_rules import FormField
from imr_tui.core.model import ChronologyEntry, Recommendation, Review, ReviewPeriod
from imr_tui.core.store import to_toml
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.check import CheckScreen
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.review import ReviewScreen
from imr_tui.tui.widgets.inert_markdown import InertMarkdown
from imr_tui.tui.widgets.record_table import RecordTable

HOSTILE = "Wrote [@click=app.bell]ring[/] and [b]bold[/b] see https://example.org/x?a=1"

FIRST = ChronologyEntry(
    id="e1",
    date="2024-03-14",
    time="09:05",
    source="District nursing notes, electronic patient record (EMIS), visit 14",
    cells={
        "practitioner": "Amy Hart, staff nurse in the Northshire district nursing team",
        "contact_type": "Home visit, planned, the second of the week after the GP's referral",
        "event": "Leg ulcer dressed. Mrs Hollins said she had not eaten since Sunday and "
        "that Albert had been shouting at night; the kitchen had no food in it.",
        "action": "Raised with the GP by telephone the same afternoon and a safeguarding "
        "concern made to the local authority's adult social care front door.",
        "outcome": "Concern acknowledged on 15/03/2024; no reply about the outcome.",
    },
)
SECOND = ChronologyEntry(
    id="e2",
    date="2024-05-02",
    source="",
    cells={"event": HOSTILE, "practitioner": "Sam Okafor, social worker"},
)


def _review() -> Review:
    return Review(
        review_period=ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31)),
        chronology=[FIRST, SECOND],
        recommendations=[
            Recommendation(id="r1", recommendation="Introduce a self-neglect pathway"),
            Recommendation(
                id="r2",
                recommendation="Train district nurses in recognising carer stress",
                actions="Half-day course for every team",
            ),
        ],
    )


def _app(tmp_path: Path) -> tuple[IMRApp, Path]:
    path = tmp_path / "hollins.toml"
    path.write_text(to_toml(_review(), catalogue()), encoding="utf-8")
    return make_app(path), path


def _pane(app: IMRApp) -> str:
    """The text of the pane under the table, as shown."""
    return str(app.screen.query_one("#record-details-text", Static).render())


def _screen_text(app: IMRApp, region: Region | None = None) -> str:
    """What the terminal shows (within ``region``), its lines joined by spaces."""
    rows = [strip.text for strip in app.screen._compositor.render_strips()]
    if region is not None:
        rows = [row[region.x : region.right] for row in rows[region.y : region.bottom]]
    return " ".join(" ".join(rows).split())


def _on_screen(app: IMRApp, widget_id: str) -> bool:
    widget = app.screen.query_one(widget_id)
    region = widget.region
    return bool(region.area) and Region(0, 0, *SIZE).contains_region(region)


async def test_the_pane_shows_every_field_of_the_highlighted_entry(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await settled(pilot, app)
        assert _on_screen(app, "#record-details")
        pane = _pane(app)
        assert "14/03/2024" in pane and "09:05" in pane
        for text in (FIRST.source, *FIRST.cells.values()):
            assert text in pane  # whole, not cut to a column's width
        for column in catalogue().chronology.columns:
            assert f"{column.title}: {FIRST.cells[column.id]}" in pane
        await pilot.press("down")
        await pilot.pause()
        pane = _pane(app)
        assert HOSTILE in pane  # shown as typed: no markup read, no action run
        assert "Sam Okafor, social worker" in pane
        assert FIRST.cells["action"] not in pane
        await pilot.press("up")
        await pilot.pause()
        assert FIRST.cells["outcome"] in _pane(app)


async def test_columns_keep_a_readable_width_and_the_table_scrolls_sideways(
    tmp_path: Path,
) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await settled(pilot, app)
        table = app.screen.query_one(RecordTable).query_one(DataTable)
        widths = [c.width for c in table.columns.values()]
        assert min(widths) >= 16
        assert table.virtual_size.width > table.size.width  # wider than the screen
        assert table.max_scroll_x > 0


async def test_the_form_fits_with_its_buttons_and_whole_hints(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    fields = {f.id: f for f in _entry_fields()}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await pilot.pause()
        form = app.screen
        for button in form.query(Button):
            assert _on_screen(app, f"#{button.id}"), button.id
        longest = max(fields.values(), key=lambda f: len(f.hint))
        form.query_one(f"#f-{longest.id}").focus()
        await pilot.pause()
        assert _on_screen(app, "#form-hint")
        hint = str(form.query_one("#form-hint", Static).render())
        assert longest.hint in hint
        assert longest.hint in _screen_text(app, form.query_one("#form-hint").region)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None
        following = fields[(app.focused.id or "")[2:]]
        assert following.hint in str(form.query_one("#form-hint", Static).render())
        for button in form.query(Button):
            assert _on_screen(app, f"#{button.id}"), button.id


def _entry_fields() -> list[FormField]:
    return entry_fields(catalogue().chronology)


async def _choose_finding(pilot: Pilot[int], app: IMRApp, record_id: str, field: str) -> None:
    """Open the Check screen and press Enter on the finding about this record's field."""
    await settled(pilot, app)
    await pilot.press("ctrl+f")
    await until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check screen")
    screen = app.screen
    assert isinstance(screen, CheckScreen)
    await until(
        pilot,
        lambda: any(f.record_id == record_id and f.field == field for f in screen.shown),
        "the finding",
    )
    index = next(
        i for i, f in enumerate(screen.shown) if f.record_id == record_id and f.field == field
    )
    options = screen.query_one(OptionList)
    options.focus()
    options.highlighted = next(
        i for i in range(options.option_count) if options.get_option_at_index(i).id == str(index)
    )
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, FormScreen), "the entry's form")
    await pilot.pause()


async def test_enter_on_a_chronology_finding_opens_that_entry_on_its_field(
    tmp_path: Path,
) -> None:
    app, path = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _choose_finding(pilot, app, "e2", "source")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert app.focused is not None and app.focused.id == "f-source"
        values = form.values()
        assert values["date"] == "02/05/2024"
        assert values["event"] == HOSTILE
        await pilot.press(*"GP letter")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen), "the form to close")
        table = app.screen.query_one(RecordTable)
        assert table.current() == "e2"  # the row of the entry the finding was about
        await settled(pilot, app)
    assert 'source = "GP letter"' in path.read_text(encoding="utf-8")


async def test_enter_on_a_recommendation_finding_opens_that_one_on_its_field(
    tmp_path: Path,
) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _choose_finding(pilot, app, "r2", "lead")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert app.focused is not None and app.focused.id == "f-lead"
        assert form.values()["actions"] == "Half-day course for every team"
        assert _on_screen(app, "#f-lead")


async def test_the_review_screen_at_80_columns_shows_each_entry_as_a_block(
    tmp_path: Path,
) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settled(pilot, app)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")
        await settled(pilot, app)
        document = app.screen.query_one(InertMarkdown)
        assert "**14/03/2024 09:05**" in document.source
        for block in document.children:
            if "02/05/2024" in str(getattr(block, "_content", "")) or "02/05/2024" in str(
                block.render()
            ):
                block.scroll_visible(animate=False, top=True)
                break
        await pilot.pause()
        shown = _screen_text(app)
        assert "02/05/2024" in shown
        assert "02/0…" not in shown
        assert "Sam Okafor, social worker" in shown


async def test_in_a_browser_sized_window_the_pane_shows_the_entry(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await settled(pilot, app)
        shown = _screen_text(app, app.screen.query_one("#record-details").region)
        for text in (FIRST.source, *FIRST.cells.values()):
            assert text in shown


def test_only_the_narrow_screen_drawing_turns_the_chronology_into_blocks() -> None:
    from imr_tui.report.markdown import to_markdown

    review, cat = _review(), catalogue()
    exported, narrow = to_markdown(review, cat), to_markdown(review, cat, narrow=True)
    assert "| 14/03/2024 | 09:05 |" in exported  # the export keeps its table
    assert "**14/03/2024 09:05**" not in exported
    assert "| 14/03/2024 |" not in narrow
    assert "**14/03/2024 09:05**" in narrow
    assert "**Outcome:** Concern acknowledged on 15/03/2024; no reply about the outcome." in narrow
    assert "**Source of information:**" in narrow.split("**02/05/2024**")[0]
    # An entry's empty columns are left out, not shown as empty labels.
    second = narrow.split("**02/05/2024**")[1].split("\n#")[0]
    assert "**Outcome:**" not in second and "**Source of information:**" not in second
