"""A comment on a chronology entry or recommendation is shown in its form: the author who
goes to it from the Comments screen reads the question while answering it, literally."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import SIZE, catalogue, make_app, until

from imr_tui.core.comment_model import Comment
from imr_tui.core.model import ChronologyEntry, Recommendation
from imr_tui.core.store import create, load, save
from imr_tui.tui.screens.comments import CommentsScreen
from imr_tui.tui.screens.form import FormScreen

HOSTILE = "Which GP? [@click=app.quit] [bold]x[/]"


def _review(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    review = create(path, catalogue())
    review.resume = "summary"
    review.chronology = [ChronologyEntry(id="e1", date="2025-03-11", source="GP record")]
    review.recommendations = [Recommendation(id="r1", recommendation="Train staff")]
    review.comments = [
        Comment(on="entry:e1", field="source", by="Panel chair", text=HOSTILE),
        Comment(on="entry:e1", by="Panel chair", text="Was this a home visit?"),
        Comment(on="entry:e1", by="Panel chair", text="Answered.", state="resolved"),
        Comment(on="recommendation:r1", field="lead", by="Trainer", text="Who leads?"),
    ]
    save(path, review, catalogue())
    return path


def _hint(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#form-hint", Static).render())


async def test_an_entrys_form_shows_its_open_comments_literally(tmp_path: Path) -> None:
    app = make_app(_review(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        assert isinstance(app.screen, CommentsScreen)
        await pilot.press("enter")  # the first open one: entry 1's source
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.focused is not None and app.focused.id == "f-source"
        assert f"Panel chair asks: {HOSTILE}" in _hint(app)
        notes = str(app.screen.query_one("#form-notes", Static).render())
        assert notes == "Panel chair asks: Was this a home visit?"  # resolved ones are not
        await pilot.press("shift+tab")  # another field: its own hint, not the comment
        await pilot.pause()
        assert "asks:" not in _hint(app)
        assert app.is_running  # the markup in the comment ran nothing
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")


async def test_a_recommendations_form_shows_the_comment_on_its_field(tmp_path: Path) -> None:
    app = make_app(_review(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.focused is not None and app.focused.id == "f-lead"
        assert "Trainer asks: Who leads?" in _hint(app)
        assert not app.screen.query_one("#form-notes", Static).display
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")


async def test_opening_a_review_with_open_comments_says_how_many(tmp_path: Path) -> None:
    app = make_app(_review(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert "This review has 3 open comments: F2 lists them (# in the list marks where)." in said
        await pilot.press("ctrl+q")


async def test_the_field_a_comment_is_about_stays_on_screen_with_its_question(
    tmp_path: Path,
) -> None:
    """The question shown above the hint makes the foot of the form taller: the field
    (the last of the form, a long one) must still be in view, so nothing is typed blind."""
    path = _review(tmp_path)
    review = load(path)
    review.comments = [
        Comment(on="entry:e1", field="outcome", by="Ravi Police", text="What happened " * 12)
    ]
    save(path, review, catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        box = app.focused
        assert box is not None and box.id == "f-outcome"
        fields = app.screen.query_one("#form-fields")
        await until(pilot, lambda: fields.region.contains_region(box.region), "the field in view")
        await pilot.press(*"Seen")
        await until(pilot, lambda: fields.region.contains_region(box.region), "it to stay")
        await pilot.press("escape")
        await pilot.press("ctrl+q")
