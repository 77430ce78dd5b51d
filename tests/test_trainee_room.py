"""A served trainee's interview follows the workshop: the trainer's comments arrive in the
open review, and the room's switch hides and shows the model answers.

The app at 80x24 as a trainee drives it; the trainer's side is the workshop's own
functions (post_comment, set_model_answers), as the trainer's app calls them. The
app's 2-second look is the real timer, waited on with a deadline.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from tui_helpers import SIZE, catalogue, go_to, screen_text, settled, until

from imr_tui.core.lock import set_holder_name
from imr_tui.core.store import create
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.room_watch import ROOM_POLL
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.screens.start import StartScreen
from imr_tui.tui.screens.trainee_join import TraineeJoinScreen
from imr_tui.tui.widgets.comments_pane import CommentsPane
from imr_tui.tui.widgets.model_answer import HIDDEN_BY_TRAINER
from imr_tui.tui.widgets.prompt_pane import PromptPane
from imr_tui.workshop.cases import Case, hand_out
from imr_tui.workshop.inbox import inbox_folder, post_comment
from imr_tui.workshop.room import set_model_answers
from imr_tui.workshop.trainees import Joined, folder_of, join

WAIT = 3 * ROOM_POLL + 4
"""Seconds a change from the trainer may take to show (a look every ROOM_POLL s)."""


@pytest.fixture(autouse=True)
def login_names_again() -> Iterator[None]:
    """Joining names this process's locks: the next test starts without."""
    yield
    set_holder_name("")


def text_prompt_with_model_answer() -> str:
    """A one-box text prompt of the shipped catalogue that has a model answer."""
    for prompt in catalogue().prompts():
        if prompt.model_answer and prompt.kind in ("text", "long_text"):
            return prompt.id
    raise AssertionError("the catalogue has no model answer on a text prompt")


def anna(workspace: Path) -> tuple[Joined, Path]:
    """Anna, who joined earlier, with a review in her folder."""
    joined = join(workspace, "Anna Trainee")
    assert isinstance(joined, Joined)
    review = folder_of(workspace, joined.trainee) / "anna-review.toml"
    create(review, catalogue())
    return joined, review


async def to_start(pilot: Pilot[int], joined: Joined) -> StartScreen:
    """Come back with the code: the start screen, once it has listed the folder."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
    app.screen.query_one("#trainee", Input).value = joined.trainee.name
    app.screen.query_one("#code", Input).value = joined.code
    app.screen.query_one("#code", Input).focus()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
    screen = app.screen
    assert isinstance(screen, StartScreen)
    await until(pilot, lambda: screen.listed is not None and not screen.listing, "the listing")
    await pilot.pause()
    return screen


async def open_as(pilot: Pilot[int], joined: Joined) -> InterviewScreen:
    """Come back with the code and open the (only) review: the interview."""
    app = pilot.app
    await to_start(pilot, joined)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


def served(workspace: Path) -> IMRApp:
    return create_app(catalogue(), workspace=workspace, ask_folder=True, training=True)


def saved(review: Path) -> dict[str, object]:
    return tomllib.loads(review.read_text(encoding="utf-8"))


async def test_a_comment_posted_while_the_review_is_open_appears_and_is_saved(
    tmp_path: Path,
) -> None:
    joined, review = anna(tmp_path)
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_as(pilot, joined)
        step = text_prompt_with_model_answer()
        await go_to(pilot, step)
        text = "[bold]Why[/bold] here? [@click=app.quit]x"
        assert post_comment(review, catalogue(), on=step, text=text, by="the trainer") == "queued"
        pane = screen.query_one(CommentsPane)
        await until(pilot, lambda: bool(pane.comments), "the comment to arrive", WAIT)
        shown = " ".join(str(s.render()) for s in pane.query(Static))
        assert text in shown  # literally, and the click did nothing
        assert app.is_running
        notes = [n.message for n in app._notifications]
        assert any(m.startswith("The trainer commented on ") for m in notes), notes
        await settled(pilot, app)
        comments = saved(review)["comments"]
        assert isinstance(comments, list)
        assert [(c["text"], c["by"]) for c in comments] == [(text, "the trainer")]
        # The inbox empties once the file holds the comment.
        await until(pilot, lambda: not inbox_folder(review).exists(), "the inbox", WAIT)
        assert app.room is not None and app.room.added == 1
    assert len(saved(review)["comments"]) == 1  # type: ignore[arg-type]


async def test_keys_typed_while_a_comment_arrives_are_all_kept(tmp_path: Path) -> None:
    joined, review = anna(tmp_path)
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_as(pilot, joined)
        step = text_prompt_with_model_answer()
        await go_to(pilot, step)
        post_comment(review, catalogue(), on=step, text="Say who decided.", by="the trainer")
        pane = screen.query_one(CommentsPane)
        typed = ""
        word = 0
        while not pane.comments or word < 30:
            chunk = f"w{word} "
            for char in chunk:  # a burst, as from a fast typist
                app.post_message(events.Key("space" if char == " " else char, char))
            typed += chunk
            word += 1
            await pilot.pause(0.05)
            assert word < 2000, "the comment never arrived"
        await settled(pilot, app)
        data = saved(review)
        answers = data["answers"]
        assert isinstance(answers, dict)
        assert answers[step] == typed.rstrip() or answers[step] == typed
        comments = data["comments"]
        assert isinstance(comments, list) and [c["text"] for c in comments] == ["Say who decided."]


async def test_the_room_switch_hides_and_shows_the_model_answer(tmp_path: Path) -> None:
    joined, _ = anna(tmp_path)
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_as(pilot, joined)
        await go_to(pilot, text_prompt_with_model_answer())
        prompt_pane = screen.query_one(PromptPane)
        assert app.model_answers and prompt_pane.model_answers_shown
        assert HIDDEN_BY_TRAINER not in screen_text(app)
        assert "A model answer: " in screen_text(app)
        set_model_answers(tmp_path, False)
        await until(pilot, lambda: not prompt_pane.model_answers_shown, "the switch off", WAIT)
        await pilot.pause()
        assert not app.model_answers
        assert HIDDEN_BY_TRAINER in screen_text(app)
        assert "A model answer: " not in screen_text(app)
        set_model_answers(tmp_path, True)
        await until(pilot, lambda: prompt_pane.model_answers_shown, "the switch on", WAIT)
        await pilot.pause()
        assert HIDDEN_BY_TRAINER not in screen_text(app)
        assert "A model answer: " in screen_text(app)


async def test_a_trainee_who_joins_while_the_answers_are_hidden_does_not_see_them(
    tmp_path: Path,
) -> None:
    joined, _ = anna(tmp_path)
    set_model_answers(tmp_path, False)
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_as(pilot, joined)
        await until(pilot, lambda: not app.model_answers, "the room's switch", WAIT)
        await go_to(pilot, text_prompt_with_model_answer())
        assert not screen.query_one(PromptPane).model_answers_shown
        assert HIDDEN_BY_TRAINER in screen_text(app)


# ---------------------------------------------------------------- cases handed out
def starting_file(tmp_path: Path) -> Path:
    """The trainer's starting file (outside the workspace, as a cases folder is)."""
    source = tmp_path / "cases" / "bailey.toml"
    source.parent.mkdir()
    create(source, catalogue())
    return source


def toml_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.toml"))


async def test_a_case_handed_out_while_the_start_screen_is_shown_is_listed_and_named(
    tmp_path: Path,
) -> None:
    """The trainee sits on an empty list; the trainer hands out a case: it is listed
    within a few seconds, with a notice, and Enter opens it (no blank review made)."""
    workspace = tmp_path / "workshop"
    workspace.mkdir()
    joined = join(workspace, "Anna Trainee")
    assert isinstance(joined, Joined)
    folder = folder_of(workspace, joined.trainee)
    app = served(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_start(pilot, joined)
        assert "There are no reviews here yet." in screen_text(app)
        given = hand_out(
            workspace, Case("case-bailey.toml", starting_file(tmp_path)), catalogue(), None
        )
        assert [p.name for p in given.given] == ["case-bailey.toml"]
        await until(pilot, lambda: bool(screen.paths), "the case to be listed", WAIT)
        await pilot.pause()
        assert [p.name for p in screen.paths] == ["case-bailey.toml"]
        assert "There are no reviews here yet." not in screen_text(app)
        table = screen.query_one(DataTable)
        assert table.display and "case-bailey.toml" in str(table.get_row_at(0)[0])
        notes = [n.message for n in app._notifications]
        assert notes.count("The trainer gave you case-bailey.toml.") == 1, notes
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        assert (
            app.session is not None and app.session.path == (folder / "case-bailey.toml").resolve()
        )
    assert toml_names(folder) == ["case-bailey.toml"]


async def test_the_start_screen_lists_again_keeping_the_chosen_review(tmp_path: Path) -> None:
    workspace = tmp_path / "workshop"
    workspace.mkdir()
    joined = join(workspace, "Anna Trainee")
    assert isinstance(joined, Joined)
    folder = folder_of(workspace, joined.trainee)
    for name in ("b-review.toml", "c-review.toml"):
        create(folder / name, catalogue())
    app = served(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_start(pilot, joined)
        table = screen.query_one(DataTable)
        await pilot.press("down")
        assert screen.paths[table.cursor_row].name == "c-review.toml"
        hand_out(workspace, Case("a-case.toml", starting_file(tmp_path)), catalogue(), None)
        await until(pilot, lambda: len(screen.paths) == 3, "the case to be listed", WAIT)
        await pilot.pause()
        names = [p.name for p in screen.paths]
        assert names == ["a-case.toml", "b-review.toml", "c-review.toml"]
        assert table.cursor_row == 2  # still c-review.toml, now the third row
        assert app.focused is table
        notes = [n.message for n in app._notifications]
        assert notes == ["The trainer gave you a-case.toml."], notes
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        assert app.session is not None and app.session.path.name == "c-review.toml"
    assert toml_names(folder) == ["a-case.toml", "b-review.toml", "c-review.toml"]
