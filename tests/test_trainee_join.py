"""A served trainee joins with their name and a personal code, and comes back with both.

Driven as a trainee drives it (the app at 80x24, keys typed), asserting on the screen
and on the workshop's registry and folders on disk.
"""

from __future__ import annotations

import stat
import tomllib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import SIZE, catalogue, type_text, until

from imr_tui.core.lock import LockInfo, ReviewLock, read_lock, set_holder_name
from imr_tui.core.store import create
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.screens.start import StartScreen
from imr_tui.tui.screens.trainee_code import WRITE_IT_DOWN, TraineeCodeScreen
from imr_tui.tui.screens.trainee_join import TraineeJoinScreen, taken_line
from imr_tui.workshop.entering import Entered, enter_workshop
from imr_tui.workshop.trainees import WRONG, Joined, find, folder_of, join, registry_path


@pytest.fixture(autouse=True)
def login_names_again() -> Iterator[None]:
    """A test that joins names this process's locks: the next test starts without."""
    yield
    set_holder_name("")


def served(workspace: Path) -> IMRApp:
    """The app as a served trainee's session builds it."""
    return create_app(catalogue(), workspace=workspace, ask_folder=True, training=True)


def problem(app: IMRApp) -> str:
    """The join screen's refusal line, as shown."""
    return str(app.screen.query_one("#join-problem", Static).render())


def registered(workspace: Path) -> list[str]:
    """The names in the registry file on disk."""
    path = registry_path(workspace)
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [t["name"] for t in data["trainees"]]


def pre_joined(workspace: Path, name: str) -> Joined:
    """Someone who joined earlier (the registry as join() left it)."""
    joined = join(workspace, name)
    assert isinstance(joined, Joined)
    return joined


async def into(pilot: Pilot[int], box: str, text: str) -> None:
    """Focus a box (as a click would), clear it, then type ``text`` into it."""
    app = pilot.app
    field = app.screen.query_one(f"#{box}", Input)
    field.focus()
    field.value = ""
    await type_text(pilot, text)


async def submit(pilot: Pilot[int], name: str, code: str = "") -> None:
    """Type the name (and code) and press Enter; wait until the worker has answered."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, TraineeJoinScreen)
    await into(pilot, "code", code)
    await into(pilot, "trainee", name)
    await pilot.press("enter")
    await until(pilot, lambda: not screen.busy and not app.workers, "the join to answer")
    await pilot.pause()


# ---------------------------------------------------------------- joining, coming back
async def test_a_newcomer_joins_sees_their_code_once_and_works_in_a_private_folder(
    tmp_path: Path,
) -> None:
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        await submit(pilot, "Zoë Trainee")
        await until(pilot, lambda: isinstance(app.screen, TraineeCodeScreen), "the code")
        code_screen = app.screen
        assert isinstance(code_screen, TraineeCodeScreen)
        shown = str(code_screen.query_one("#code-shown", Static).render())
        assert shown.strip() == code_screen.code
        assert len(code_screen.code) == 7 and code_screen.code[3] == "-"
        texts = " ".join(str(s.render()) for s in code_screen.query(Static))
        assert WRITE_IT_DOWN in texts and "Welcome, Zoë Trainee." in texts
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        trainee = find(tmp_path, "zoë trainee")
        assert trainee is not None and trainee.name == "Zoë Trainee"
        folder = folder_of(tmp_path, trainee).resolve()
        assert app.workspace == folder
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert folder.name == "zoe-trainee"
    assert registered(tmp_path) == ["Zoë Trainee"]
    # The code is kept only as a hash.
    assert code_screen.code.replace("-", "") not in registry_path(tmp_path).read_text()


async def test_coming_back_with_the_code_in_other_capitals_opens_the_same_folder(
    tmp_path: Path,
) -> None:
    joined = pre_joined(tmp_path, "Anna Trainee")
    folder = folder_of(tmp_path, joined.trainee)
    create(folder / "anna-review.toml", catalogue())
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        await submit(pilot, "anna   TRAINEE", joined.code.lower().replace("-", " "))
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert [p.name for p in screen.paths] == ["anna-review.toml"]
        assert app.workspace == folder.resolve()
    assert registered(tmp_path) == ["Anna Trainee"]


async def test_a_wrong_code_and_an_unknown_name_get_the_same_line(tmp_path: Path) -> None:
    joined = pre_joined(tmp_path, "Anna Trainee")
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        wrong = "ZZZ-ZZZ" if joined.code != "ZZZ-ZZZ" else "YYY-YYY"
        await submit(pilot, "Anna Trainee", wrong)
        assert isinstance(app.screen, TraineeJoinScreen)
        assert problem(app) == WRONG
        await submit(pilot, "Nobody Here", joined.code)
        assert isinstance(app.screen, TraineeJoinScreen)
        assert problem(app) == WRONG
    assert registered(tmp_path) == ["Anna Trainee"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".workshop", "anna-trainee"]


async def test_another_trainee_typing_a_taken_name_is_asked_for_the_code(tmp_path: Path) -> None:
    """Two Sams: the second is told what to do, and gets nothing of the first's work."""
    pre_joined(tmp_path, "Sam")
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        await submit(pilot, "sam")
        screen = app.screen
        assert isinstance(screen, TraineeJoinScreen)
        assert problem(app) == taken_line("sam")
        assert "If that was you, type your code" in problem(app)
        assert app.focused is screen.query_one("#code", Input)
        # The other Sam adds an initial and joins in a folder of their own.
        await submit(pilot, "Sam K")
        await until(pilot, lambda: isinstance(app.screen, TraineeCodeScreen), "the code")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        assert app.workspace == (tmp_path / "sam-k").resolve()
    assert registered(tmp_path) == ["Sam", "Sam K"]


async def test_a_name_typed_without_its_accents_is_the_same_trainee(tmp_path: Path) -> None:
    """Zoë Ward joined; "zoe ward" without a code is asked for it (not a second Zoë),
    and with Zoë's code opens Zoë's folder."""
    joined = pre_joined(tmp_path, "Zoë Ward")
    create(folder_of(tmp_path, joined.trainee) / "zoe-review.toml", catalogue())
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        await submit(pilot, "zoe ward")
        assert isinstance(app.screen, TraineeJoinScreen)
        assert problem(app) == taken_line("zoe ward")
        await submit(pilot, "zoe ward", joined.code)
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert [p.name for p in screen.paths] == ["zoe-review.toml"]
        assert app.workspace == (tmp_path / "zoe-ward").resolve()
        assert app.trainee is not None and app.trainee.name == "Zoë Ward"
    assert registered(tmp_path) == ["Zoë Ward"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".workshop", "zoe-ward"]


# ---------------------------------------------------------------- names
@pytest.mark.parametrize(
    ("name", "folder"),
    [
        ("Zoë", "zoe"),
        ("Siân", "sian"),
        ("O'Brien", "o-brien"),
        ("王芳", "trainee"),
        ("Anne-Marie", "anne-marie"),
    ],
)
async def test_real_names_are_accepted(tmp_path: Path, name: str, folder: str) -> None:
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        await submit(pilot, name)
        await until(pilot, lambda: isinstance(app.screen, TraineeCodeScreen), "the code")
        texts = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert f"Welcome, {name}." in texts
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        assert app.workspace == (tmp_path / folder).resolve()
    assert registered(tmp_path) == [name]


async def test_the_title_names_the_trainee_not_the_folder(tmp_path: Path) -> None:
    """王芳's folder is ``trainee``: the title bar says 王芳, as typed."""
    joined = pre_joined(tmp_path, "王芳")
    assert joined.trainee.folder == "trainee"
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        await submit(pilot, "王芳", joined.code)
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        await pilot.pause()
        title = str(app.screen.query_one("HeaderTitle").render())
        assert title == "imr-tui — 王芳", title
        assert "trainee" not in title and "folder" not in title
        assert app.workspace == (tmp_path / "trainee").resolve()
    assert registered(tmp_path) == ["王芳"]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../x", "Use letters (of any alphabet)"),
        ("[bold]x", "Use letters (of any alphabet)"),
        ("[@click=app.quit]x", "Use letters (of any alphabet)"),
        ("a\x1b[2Jb", "Use letters (of any alphabet)"),
        ("Q" * 300, "That name is too long"),
        ("   ", "Type your name"),
    ],
)
async def test_unusable_names_are_refused_in_one_line_and_shown_as_typed(
    tmp_path: Path, name: str, why: str
) -> None:
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        field = app.screen.query_one("#trainee", Input)
        field.value = name  # as pasted
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] did not run
        assert isinstance(app.screen, TraineeJoinScreen)
        assert problem(app).startswith(why)
        assert "\n" not in problem(app)
        assert field.value == name
    assert list(tmp_path.iterdir()) == []  # no registry, no folder


async def test_a_burst_of_name_and_enter_joins_once(tmp_path: Path) -> None:
    """Keys arriving together (a laggy link, a fast typist): ``Priya<Enter>`` as one write."""
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TraineeJoinScreen), "the join screen")
        for char in "Priya":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("enter", "\r"))  # a second Enter in the burst
        await until(pilot, lambda: isinstance(app.screen, TraineeCodeScreen), "the code", 15)
        await pilot.pause()
        assert isinstance(app.screen, TraineeCodeScreen)  # the code stays until read
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
    assert registered(tmp_path) == ["Priya"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".workshop", "priya"]


# ---------------------------------------------------------------- the lock names the trainee
async def test_a_review_open_in_another_tab_is_refused_naming_the_trainee(tmp_path: Path) -> None:
    joined = pre_joined(tmp_path, "Anna Trainee")
    review = folder_of(tmp_path, joined.trainee) / "anna-review.toml"
    create(review, catalogue())
    first = served(tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(first.screen, TraineeJoinScreen), "the join screen")
        await submit(pilot, "Anna Trainee", joined.code)
        await until(pilot, lambda: isinstance(first.screen, StartScreen), "the start screen")
        await pilot.press("enter")  # the highlighted review
        await until(pilot, lambda: isinstance(first.screen, InterviewScreen), "the interview")
        lock_text = review.with_name(".anna-review.toml.lock").read_text(encoding="utf-8")
        assert 'name = "Anna Trainee"' in lock_text
        # Another tab: its own session opens the same review.
        second = create_app(catalogue(), path=review, training=True)
        async with second.run_test(size=SIZE) as other:
            await until(other, lambda: isinstance(second.screen, ConfirmScreen), "the refusal")
            question = " ".join(str(s.render()) for s in second.screen.query(Static))
            assert "Anna Trainee since " in question
            assert "process" not in question
    assert not review.with_name(".anna-review.toml.lock").exists()


def test_a_named_lock_says_the_name_and_since_when_only(tmp_path: Path) -> None:
    since = datetime(2026, 12, 1, 14, 2).astimezone()
    info = LockInfo("root", "imr-server", 4242, since, "Anna Trainee")
    assert info.describe() == "Anna Trainee since 14:02 on 01/12/2026"
    review = tmp_path / "r.toml"
    create(review, catalogue())
    set_holder_name("  Zoë\x1b[2J  O'Brien\n")
    with ReviewLock.acquire(review) as lock:
        assert lock.info.name == "Zoë [2J O'Brien"
        held = read_lock(review)
        assert held is not None and held.describe().startswith("Zoë [2J O'Brien since ")
    set_holder_name("")
    with ReviewLock.acquire(review) as lock:
        assert lock.info.name == "" and " (process " in lock.info.describe()


# ---------------------------------------------------------------- the rule, without the screen
def test_enter_workshop_joins_comes_back_and_asks_a_taken_name_for_its_code(
    tmp_path: Path,
) -> None:
    first = enter_workshop(tmp_path, "Anne-Marie", "")
    assert first.trainee is not None and first.code and not first.problem
    again = enter_workshop(tmp_path, "ANNE-MARIE", "")
    assert again == Entered(None, problem=taken_line("ANNE-MARIE"), taken=True)
    back = enter_workshop(tmp_path, " anne-marie ", first.code.lower())
    assert back.trainee == first.trainee and back.code == ""
    assert enter_workshop(
        tmp_path, "Anne-Marie", "AAA-AAA" if first.code != "AAA-AAA" else "BBB-BBB"
    ) == Entered(None, problem=WRONG)
    refused = enter_workshop(tmp_path, "../x", "")
    assert refused.trainee is None and refused.problem.startswith("Use letters")
    assert registered(tmp_path) == ["Anne-Marie"]
