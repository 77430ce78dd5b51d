"""The interview's behaviours one at a time: driven by keys, checked on screen and on disk."""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, Input
from tui_helpers import (
    SIZE,
    catalogue,
    go_to,
    make_app,
    next_prompt,
    prompt_title,
    screen_text,
    settled,
    type_text,
    until,
)

import imr_tui.core.session
from imr_tui.core.model import Heading, HeadingAnalysis, Recommendation
from imr_tui.core.store import Fingerprint, SaveError, create, load, save
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.widgets.list_editor import ListRow
from imr_tui.tui.widgets.sidebar import Sidebar
from imr_tui.tui.widgets.status import StatusBar


def _review_file(tmp_path: Path, **changes: object) -> Path:
    path = tmp_path / "r.toml"
    review = create(path, catalogue())
    for key, value in changes.items():
        setattr(review, key, value)
    save(path, review, catalogue())
    return path


async def test_autosave_reaches_the_file_within_a_second_while_typing(tmp_path: Path) -> None:
    path = _review_file(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Type steadily, a word every third of a second, for longer than the autosave
        # delay: a later change never puts the save off, so the file has the first
        # words before the typing stops.
        on_disk = []
        for word in ["Northshire ", "Community ", "Health ", "Trust"]:
            await type_text(pilot, word)
            on_disk.append(load(path).answer("agency"))
            await pilot.pause(0.3)  # the author's pace
        assert any(on_disk[:-1]), on_disk
        await settled(pilot, app)
        assert load(path).answer("agency") == "Northshire Community Health Trust"
        assert "Saved" in str(app.screen.query_one(StatusBar).render())


async def test_a_failed_save_keeps_the_text_retries_and_blocks_a_silent_quit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _review_file(tmp_path)
    real_write = imr_tui.core.session.write_review

    def disk_full(*args: object, **kwargs: object) -> None:
        raise SaveError(f"could not save {path}: No space left on device")

    monkeypatch.setattr(imr_tui.core.session, "write_review", disk_full)
    monkeypatch.setattr("imr_tui.tui.autosave.RETRY_INTERVAL", 0.3)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Acme Trust")
        await until(pilot, lambda: "NOT SAVED" in str(app.screen.query_one(StatusBar).render()))
        status = str(app.screen.query_one(StatusBar).render())
        assert "No space left on device" in status
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "could not be saved" in screen_text(app)
        await pilot.press("n")  # keep working
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#answer", Input).value == "Acme Trust"
        # The disk recovers: the retry writes it without the author doing anything.
        monkeypatch.setattr(imr_tui.core.session, "write_review", real_write)
        await until(pilot, lambda: load(path).answer("agency") == "Acme Trust")
        assert "Saved" in str(app.screen.query_one(StatusBar).render())
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_save_that_must_happen_now_never_waits_for_one_not_yet_begun(
    tmp_path: Path,
) -> None:
    """A hang-up or quit can come between a background save being asked for and its
    thread starting (which needs the event loop the hang-up holds): the save that must
    happen now writes at once instead of waiting for it, and nothing older wins."""
    path = _review_file(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Acme Trust")
        app.autosave.save_soon()  # a background save is asked for...
        began = time.monotonic()
        assert app.save_now()  # ...and before its thread can start, a save must happen now
        took = time.monotonic() - began
        assert load(path).answer("agency") == "Acme Trust"
        await settled(pilot, app)  # the earlier save then runs and writes nothing older
        assert load(path).answer("agency") == "Acme Trust"
    assert took < 2.0, f"the save waited {took:.1f} s for a write that had not begun"


async def test_a_change_made_during_a_slow_save_is_saved_straight_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing never waits for a save, saves never overlap, and the last change is
    always written: one made while a slow disk is being written is saved next."""
    path = _review_file(tmp_path)
    real_write = imr_tui.core.session.write_review
    gate, entered = threading.Event(), threading.Event()
    writing: list[str] = []
    written: list[str] = []
    most = 0

    def slow_disk(target: Path, text: str, expected: Fingerprint | None = None) -> Fingerprint:
        nonlocal most
        writing.append(text)
        most = max(most, len(writing))
        entered.set()
        gate.wait(10)
        try:
            return real_write(target, text, expected)
        finally:
            writing.remove(text)
            written.append(text)

    monkeypatch.setattr(imr_tui.core.session, "write_review", slow_disk)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Acme")
        await until(pilot, entered.is_set)  # the autosave starts writing; the disk stalls
        await type_text(pilot, " Trust")
        assert app.screen.query_one("#answer", Input).value == "Acme Trust"
        await until(pilot, lambda: app.autosave.queued)  # the next save waits for it
        assert len(writing) == 1
        assert load(path).answer("agency") == ""  # nothing written yet
        gate.set()
        await settled(pilot, app)
        assert most == 1
        assert len(written) == 2
        assert load(path).answer("agency") == "Acme Trust"
        assert "Saved" in str(app.screen.query_one(StatusBar).render())


async def test_sidebar_and_palette_jump_to_any_prompt(tmp_path: Path) -> None:
    app = make_app(_review_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Sidebar: Ctrl+L, down to "Learning", Enter jumps to its first prompt.
        await pilot.press("ctrl+l")
        sidebar = app.screen.query_one(Sidebar)
        assert sidebar.has_focus
        labels = [str(n.label) for n in sidebar.root.children]
        learning = next(i for i, label in enumerate(labels) if label.startswith("Learning"))
        sidebar.move_cursor(sidebar.root.children[learning])
        await pilot.press("enter")
        await pilot.pause()
        assert prompt_title(app).startswith("Good practice and improvement")
        # Palette: Ctrl+G, type a prompt's name, Enter.
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "mental capacity")
        commands = app.screen.query_one(CommandList)

        def found() -> bool:
            at = commands.highlighted
            return at is not None and "mental capacity" in str(
                commands.get_option_at_index(at).prompt
            )

        await until(pilot, found, "the palette's search")
        await pilot.press("enter")
        await pilot.pause()
        assert prompt_title(app).startswith("Was mental capacity assessed")


async def test_going_back_keeps_later_answers_and_required_is_marked(tmp_path: Path) -> None:
    path = _review_file(tmp_path)
    ids = [p.id for p in catalogue().prompts()]
    between = ids.index("author_name") - ids.index("agency")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "(required)" in prompt_title(app)
        for _ in range(between):
            await next_prompt(pilot)
        assert prompt_title(app).startswith("Author's name")
        await type_text(pilot, "Priya Raman")
        for _ in range(between):
            await pilot.press("ctrl+p")
            await pilot.pause()
        assert prompt_title(app).startswith("Name of agency")
        for _ in range(between):
            await next_prompt(pilot)
        assert app.screen.query_one("#answer", Input).value == "Priya Raman"
    assert load(path).answer("author_name") == "Priya Raman"


async def test_list_editor_adds_reorders_and_removes_adults(tmp_path: Path) -> None:
    path = _review_file(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "adults")
        await type_text(pilot, "Dorothy Hollins")
        await pilot.press("tab")
        await type_text(pilot, "2099-01-01")
        await pilot.pause()
        assert "In the future" in screen_text(app)
        for _ in range(10):
            await pilot.press("backspace")
        await type_text(pilot, "1938-02-14\n")
        await pilot.pause()
        await type_text(pilot, "Albert Hollins")
        await pilot.pause()
        rows = list(app.screen.query(ListRow))
        assert len(rows) == 2
        await pilot.click(rows[1].query_one(".up"))
        await pilot.pause()
        await go_to(pilot, "agency")
        assert [a.name for a in load(path).adults] == ["Albert Hollins", "Dorothy Hollins"]
        assert load(path).adults[1].date_of_birth == date(1938, 2, 14)
        await go_to(pilot, "adults")
        first = app.screen.query(ListRow).first()
        await pilot.click(first.query_one(".remove"))
        await pilot.pause()
        app.save_now()
    assert [a.name for a in load(path).adults] == ["Dorothy Hollins"]


async def test_removed_heading_keeps_its_analysis(tmp_path: Path) -> None:
    path = _review_file(
        tmp_path,
        headings=[Heading(id="h1", title="Carer support"), Heading(id="h2", title="Housing")],
        heading_analysis={
            "h1": HeadingAnalysis(heading="Carer support", text="Carers were offered")
        },
    )
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "tor_headings")
        first = app.screen.query(ListRow).first()
        await pilot.click(first.query_one(".remove"))
        await pilot.pause()
        await next_prompt(pilot)
        sidebar_text = "\n".join(str(n.label) for n in app.screen.query_one(Sidebar).root.children)
        assert "Analysis 0/11" in sidebar_text
        await go_to(pilot, "tor_analysis:h1")
        assert "removed" in screen_text(app)
        assert "Carers were offered" in app.screen.query_one("#answer").text  # type: ignore[attr-defined]
    review = load(path)
    assert [h.title for h in review.headings] == ["Housing"]
    assert review.heading_analysis["h1"].text == "Carers were offered"


async def test_chronology_delete_asks_and_duplicate_copies(tmp_path: Path) -> None:
    path = _review_file(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "11/03/2024\n\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Say which record" in screen_text(app)  # source is required
        await type_text(pilot, "Case notes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("d")  # duplicate opens the copy to edit
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [e.source for e in load(path).chronology] == ["Case notes"]


async def test_more_than_five_recommendations_draws_a_gentle_warning(tmp_path: Path) -> None:
    recs = [Recommendation(recommendation=f"Recommendation {i}") for i in range(5)]
    path = _review_file(tmp_path, recommendations=recs)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "recommendations")
        note = app.screen.query_one("#table-note")
        assert not note.display
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "A sixth one")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert note.display
        assert "There are 6 recommendations" in str(note.render())
        assert "few in number" in str(note.render())
    assert len(load(path).recommendations) == 6


async def test_start_screen_lists_reviews_and_starts_a_new_one(tmp_path: Path) -> None:
    _review_file(tmp_path)
    app = make_app(workspace=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert "r.toml" in str(table.get_row_at(0)[0])
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "../escape\n")
        await pilot.pause()
        assert "letters, numbers" in screen_text(app)
        for _ in range(9):
            await pilot.press("backspace")
        await type_text(pilot, "AB 2025\n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert prompt_title(app).startswith("Name of agency")
    assert (tmp_path / "AB 2025.toml").exists()
    assert (tmp_path / "AB 2025.toml").stat().st_mode & 0o777 == 0o600


async def test_quitting_when_saved_asks_nothing(tmp_path: Path) -> None:
    app = make_app(_review_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quitting_with_a_form_open_keeps_what_was_typed(tmp_path: Path) -> None:
    path = _review_file(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "31/02/2024")
        app.screen.query_one("#f-source").focus()  # as a click on the box does
        await type_text(pilot, "Ward notes\n")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    [entry] = load(path).chronology
    assert entry.source == "Ward notes"
    assert entry.date == ""
    assert "(date as typed: 31/02/2024)" in entry.cells["event"]


async def test_typing_after_resuming_adds_to_the_answer(tmp_path: Path) -> None:
    path = _review_file(tmp_path, answers={"agency": "Northshire"}, resume="agency")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#answer", Input).has_focus
        await type_text(pilot, " Trust")
        await pilot.pause()
        assert app.screen.query_one("#answer", Input).value == "Northshire Trust"
