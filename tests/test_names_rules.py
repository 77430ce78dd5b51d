"""The rules for a name to replace: one set, in the core, kept by every mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input
from tui_helpers import SIZE, catalogue, go_to, make_app, screen_text, type_text

from imr_tui.cli.main import main
from imr_tui.core.model import Pseudonym
from imr_tui.core.pseudonym_rules import DUPLICATE, TOO_SHORT, Row, name_problem, settle
from imr_tui.core.store import create, load, save
from imr_tui.tui.widgets.list_editor import ListRow


def _review_file(tmp_path: Path, pseudonyms: list[Pseudonym]) -> Path:
    path = tmp_path / "r.toml"
    review = create(path, catalogue())
    review.pseudonyms = pseudonyms
    save(path, review, catalogue())
    return path


def _names_on_disk(path: Path) -> str:
    """The names to replace as written in the file, byte for byte."""
    text = path.read_text()
    start = text.index("pseudonyms = [")
    return text[start : text.index("]\n", start)]


def _box(row: ListRow, which: str) -> Input:
    return row.query_one(which, Input)


async def test_editing_an_alias_in_the_interview_keeps_the_kind(tmp_path: Path) -> None:
    path = _review_file(
        tmp_path,
        [
            Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult"),
            Pseudonym(name="Albert Hollins", alias="Family 1", kind="family"),
        ],
    )
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "pseudonyms")
        first = app.screen.query(ListRow).first()
        _box(first, ".second").focus()
        await pilot.press("end", "backspace")
        await type_text(pilot, "B")
        await pilot.pause()
        await go_to(pilot, "agency")
        app.save_now()
    assert load(path).pseudonyms == [
        Pseudonym(name="Dorothy Hollins", alias="Adult B", kind="adult"),
        Pseudonym(name="Albert Hollins", alias="Family 1", kind="family"),
    ]
    assert 'kind = "adult"' in path.read_text()


async def test_the_interview_refuses_a_one_letter_name_and_a_duplicate(tmp_path: Path) -> None:
    kept = [
        Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult"),
        Pseudonym(name="Albert Hollins", alias="Family 1", kind="family"),
    ]
    path = _review_file(tmp_path, kept)
    before = _names_on_disk(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "pseudonyms")
        # The second row's name made a duplicate of the first: refused, kept on disk.
        second = list(app.screen.query(ListRow))[1]
        box = _box(second, ".row-text")
        box.focus()
        box.value = ""
        await pilot.pause()
        app.post_message(events.Paste("dorothy  hollins"))
        await pilot.pause()
        app.save_now()
        assert "Listed already as number 1." in screen_text(app)
        assert box.value == "dorothy  hollins"  # what was typed stays in the box
        assert load(path).pseudonyms == kept
        assert _names_on_disk(path) == before
        # The first row's name cut to one letter: refused, kept on disk.
        first = app.screen.query(ListRow).first()
        box = _box(first, ".row-text")
        box.focus()
        box.value = ""
        await type_text(pilot, "D")
        await pilot.pause()
        app.save_now()
        assert "A name to replace needs at least two letters." in screen_text(app)
        assert box.value == "D"
        assert load(path).pseudonyms == kept
        assert _names_on_disk(path) == before
        # A new row with one letter is not stored either.
        await pilot.click("#add-row")
        await pilot.pause()
        await type_text(pilot, "Z")
        await pilot.pause()
        app.save_now()
        assert load(path).pseudonyms == kept
        # Fixing the names stores them, each keeping its kind.
        box.value = "Dot Hollins"
        _box(second, ".row-text").value = "Bert Hollins"
        await pilot.pause()
        assert "Listed already" not in screen_text(app)
        assert "A name to replace" in screen_text(app)  # the new row's Z still
        app.save_now()
    assert load(path).pseudonyms == [
        Pseudonym(name="Dot Hollins", alias="Adult A", kind="adult"),
        Pseudonym(name="Bert Hollins", alias="Family 1", kind="family"),
    ]


def test_the_reasons_are_the_ones_plain_mode_and_the_cli_give() -> None:
    assert TOO_SHORT == "A name to replace needs at least two letters."
    assert name_problem("D", []) == TOO_SHORT
    assert name_problem(" D. ", []) == TOO_SHORT
    assert name_problem("Dorothy", ["Amy", "DOROTHY"]) == DUPLICATE.format(number=2)
    assert DUPLICATE.format(number=2) == "Listed already as number 2."
    assert name_problem("Dorothy", ["Amy", "DOROTHY"], at=1) == ""
    assert name_problem("Do", []) == ""


def test_settle_keeps_hidden_fields_and_stored_rows() -> None:
    a = Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult")
    b = Pseudonym(name="Amy Smith", alias="Adult B", kind="family")
    # An alias edited in a view that does not show the kind keeps it.
    settled = settle([Row("Dorothy Hollins", "Adult C", a), Row("Amy Smith", "Adult B", b)])
    stored, problems = settled.stored, settled.problems
    assert stored == [a.model_copy(update={"alias": "Adult C"}), b]
    assert problems == ["", ""]
    # A refused edit keeps the row as stored; a refused new row is not stored.
    settled = settle([Row("D", "Adult A", a), Row("x", "y"), Row("", "", None), Row(" ", "", b)])
    stored, problems = settled.stored, settled.problems
    assert stored == [a, b]
    assert problems == [TOO_SHORT, TOO_SHORT, "", TOO_SHORT]
    # A new row that takes a name a refused row still holds on disk is refused.
    rows = [Row("Dorothy Hollins", "New"), Row("Amy Smith", "C", a), Row("Amy Smith", "Adult B", b)]
    settled = settle(rows)
    stored, problems = settled.stored, settled.problems
    assert stored == [a, b]
    assert problems == [DUPLICATE.format(number=2), DUPLICATE.format(number=3), ""]
    # Two new rows with one name: the second is refused.
    settled = settle([Row("Amy", "X"), Row("AMY", "Y")])
    stored, problems = settled.stored, settled.problems
    assert stored == [Pseudonym(name="Amy", alias="X")]
    assert problems == ["", DUPLICATE.format(number=1)]
    # Renaming one row and giving its old name to another is fine.
    settled = settle([Row("Dot", "Adult A", a), Row("Dorothy Hollins", "Adult D")])
    stored, problems = settled.stored, settled.problems
    assert problems == ["", ""]
    assert stored == [
        a.model_copy(update={"name": "Dot"}),
        Pseudonym(name="Dorothy Hollins", alias="Adult D"),
    ]


def test_the_cli_refuses_a_one_letter_name_with_the_same_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = [Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult")]
    path = _review_file(tmp_path, kept)
    assert main(["pseudonyms", str(path), "add", "D", "Adult B"]) == 2
    assert capsys.readouterr().err == f"imr: 'D': {TOO_SHORT}\n"
    # Changing the alias from the command line keeps the kind, as the interview does.
    assert main(["pseudonyms", str(path), "add", "dorothy hollins", "Adult B"]) == 0
    assert load(path).pseudonyms == [
        Pseudonym(name="dorothy hollins", alias="Adult B", kind="adult")
    ]
