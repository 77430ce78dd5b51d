"""An adult's date of death: kept in the file, edited in every mode, and the age an
anonymised report gives is true ("aged 79 at death", not the age at the end of the
review period).

The adult in these tests is fictional: Arthur Pemberton, born 10/01/1945, died
05/01/2025, in a review period ending 31/03/2025.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from conftest import Imr
from pydantic import ValidationError
from scripted_asker import Script
from textual.widgets import Input
from tui_helpers import SIZE, go_to, make_app, screen_text, settled, type_text

from imr_tui.checks import Glossary
from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.errors import UserError
from imr_tui.core.field_rules import FUTURE_DATE
from imr_tui.core.list_rules import DEATH_BEFORE_BIRTH, adults_from_rows, death_date_problem
from imr_tui.core.model import Adult, Review, ReviewPeriod
from imr_tui.core.session import Session
from imr_tui.core.store import create, load, save
from imr_tui.plain.run import interview
from imr_tui.report import blocks as b
from imr_tui.report.markdown import render_markdown, to_markdown
from imr_tui.report.walker import walk
from imr_tui.tui.widgets.date_field import DateField
from imr_tui.tui.widgets.list_editor import ListRow

BORN = date(1945, 1, 10)
DIED = date(2025, 1, 5)
PERIOD_END = date(2025, 3, 31)
NAME = "Arthur Pemberton"
ANON_BASIS = "the end of the review period"


def _arthur(died: date | None = DIED) -> Adult:
    return Adult(name=NAME, date_of_birth=BORN, date_of_death=died)


def _file(tmp_path: Path, catalogue: Catalogue, adults: list[Adult], resume: str = "") -> Path:
    path = tmp_path / "r.toml"
    review = create(path, catalogue)
    review.adults = adults
    review.review_period = ReviewPeriod(start=date(2024, 1, 1), end=PERIOD_END)
    if resume:
        review.resume = resume
    save(path, review, catalogue)
    return path


# ---------------------------------------------------------------- the model and the file


def test_a_date_of_death_before_birth_is_refused_naming_the_adult() -> None:
    with pytest.raises(ValidationError) as e:
        _arthur(died=date(1944, 12, 31))
    assert f"{NAME}: date of death 1944-12-31 is before the date of birth 1945-01-10" in str(
        e.value
    )
    # The same on assignment.
    adult = _arthur()
    with pytest.raises(ValidationError, match="is before the date of birth"):
        adult.date_of_death = date(1900, 1, 1)


def test_a_date_of_death_in_the_future_is_refused() -> None:
    tomorrow = date.fromordinal(clock.today().toordinal() + 1)
    with pytest.raises(ValidationError, match=r"date of death .* is in the future"):
        Adult(name=NAME, date_of_death=tomorrow)
    # Without a date of birth any past date of death is kept.
    assert Adult(name=NAME, date_of_death=DIED).date_of_death == DIED


def test_an_old_file_without_the_field_loads_and_is_written_as_before(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "old.toml"
    path.write_text(
        f'schema_version = 1\n\n[[adults]]\nname = "{NAME}"\ndate_of_birth = "1945-01-10"\n',
        encoding="utf-8",
    )
    review = load(path, catalogue)
    assert review.adults == [Adult(name=NAME, date_of_birth=BORN)]
    assert review.adults[0].date_of_death is None
    save(path, review, catalogue)
    assert "date_of_death" not in path.read_text(encoding="utf-8")


def test_a_date_of_death_round_trips_through_the_file(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _file(tmp_path, catalogue, [_arthur()])
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["adults"] == [
        {"name": NAME, "date_of_birth": "1945-01-10", "date_of_death": "2025-01-05"}
    ]
    assert load(path, catalogue).adults == [_arthur()]


def test_a_file_with_a_death_before_birth_is_one_line_and_left_untouched(
    tmp_path: Path, catalogue: Catalogue, imr: Imr
) -> None:
    path = tmp_path / "r.toml"
    text = (
        f'schema_version = 1\n\n[[adults]]\nname = "{NAME}"\n'
        'date_of_birth = "1945-01-10"\ndate_of_death = "1944-01-05"\n'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as e:
        load(path, catalogue)
    assert "\n" not in str(e.value)
    assert str(path) in str(e.value) and "adults[0]" in str(e.value) and NAME in str(e.value)
    result = imr("export", path.name)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "date of death 1944-01-05 is before the date of birth" in result.stderr
    assert path.read_text(encoding="utf-8") == text
    assert not (tmp_path / "r.md").exists()


def test_the_rule_for_a_typed_date_of_death() -> None:
    assert death_date_problem("", BORN) == ""
    assert death_date_problem("05/01/2025", BORN) == ""
    assert death_date_problem("05/01/2025", None) == ""
    assert death_date_problem("01/01/2999", BORN) == FUTURE_DATE
    assert death_date_problem("09/01/1945", BORN) == DEATH_BEFORE_BIRTH
    assert death_date_problem("10/01/1945", BORN) == ""  # died the day they were born
    assert death_date_problem("31/02/2025", BORN).startswith("'31/02/2025' is not a real")
    # A list's row with a death before birth keeps the adult, without that date.
    rows = [(NAME, BORN, date(1900, 1, 1)), ("  ", None, None), ("Edith Marlow", None, DIED)]
    assert adults_from_rows(rows) == [
        Adult(name=NAME, date_of_birth=BORN),
        Adult(name="Edith Marlow", date_of_death=DIED),
    ]


# ---------------------------------------------------------------- the interview


async def test_the_interview_takes_both_dates_at_80_by_24(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _file(tmp_path, catalogue, [])
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "adults")
        text = screen_text(app)
        assert "Date of birth" in text and "Date of death" in text
        row = app.screen.query(ListRow).first()
        # The whole row is on an 80-column screen: name, both dates and the buttons.
        assert row.query_one(".remove").region.right <= SIZE[0]
        assert (
            row.query_one(".row-text", Input).region.width >= 16
        )  # a 15-letter name and the cursor
        row.query_one(".row-text", Input).focus()
        await type_text(pilot, NAME)
        await pilot.press("tab")
        await type_text(pilot, "10/01/1945")
        await pilot.press("tab")
        # A date of death before birth: said in the box and under the list, not stored.
        await type_text(pilot, "05/01/1944")
        await settled(pilot, app)
        text = screen_text(app)
        assert "Before birth" in text
        assert f"Row 1 ({NAME}): {DEATH_BEFORE_BIRTH}" in text
        assert row.death_field().input.has_class("-invalid")
        assert load(path, catalogue).adults == [Adult(name=NAME, date_of_birth=BORN)]
        # Put right: the message goes and the date is saved.
        for _ in range(4):
            await pilot.press("backspace")
        await type_text(pilot, "2025")
        await settled(pilot, app)
        text = screen_text(app)
        assert "Before birth" not in text and DEATH_BEFORE_BIRTH not in text
        assert load(path, catalogue).adults == [_arthur()]
        # Enter after the date of death starts the next adult.
        await pilot.press("enter")
        await pilot.pause()
        rows = list(app.screen.query(ListRow))
        assert len(rows) == 2
        assert app.focused is rows[1].query_one(".row-text", Input)
        # A death in the future is refused in its box.
        await type_text(pilot, "Edith Marlow")
        await pilot.press("tab", "tab")
        await type_text(pilot, "01/01/2999")
        await settled(pilot, app)
        assert "In the future" in screen_text(app)
        assert isinstance(app.focused, Input)
        assert rows[1].death_field().valid is False
    on_disk = tomllib.loads(path.read_text(encoding="utf-8"))
    assert on_disk["adults"] == [
        {"name": NAME, "date_of_birth": "1945-01-10", "date_of_death": "2025-01-05"},
        {"name": "Edith Marlow"},
    ]


async def test_the_interview_shows_a_stored_date_of_death(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _file(tmp_path, catalogue, [_arthur(), Adult(name="Edith Marlow")])
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "adults")
        first, second = app.screen.query(ListRow)
        assert first.death_field().input.value == "05/01/2025"
        assert second.death_field().input.value == ""
        assert isinstance(first.death_field(), DateField)
        await pilot.pause()
    assert load(path, catalogue).adults == [_arthur(), Adult(name="Edith Marlow")]


# ---------------------------------------------------------------- plain mode


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return DataFiles.resolve(None).glossary


def test_plain_mode_asks_the_date_of_death_after_the_date_of_birth(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _file(tmp_path, catalogue, [], resume="adults")
    script = Script(
        ("Full name:", NAME),
        ("Date of birth (dd/mm/yyyy, or Enter if not known):", "10/01/1945"),
        ("Date of death (dd/mm/yyyy, or Enter if not known or not died):", "1/1/1944"),
        ("Date of death", "01/01/2999"),
        ("Date of death", "05/01/2025"),
        ("Full name:", "Edith Marlow"),  # the next adult, asked at once
        ("Date of birth", ""),
        ("Date of death", ""),
        ("Full name:", ""),  # Enter on its own: no more
        ("What would you like to do?", "Done: go on to the next prompt"),
    )
    assert interview(script, catalogue, path, glossary) == 130  # the script ran out
    assert script.refused == [DEATH_BEFORE_BIRTH, FUTURE_DATE]
    said = script.transcript()
    assert f"Adult 1 added: {NAME}, date of birth 10/01/1945, died 05/01/2025" in said
    assert "Adult 2 added: Edith Marlow" in said
    assert load(path, catalogue).adults == [_arthur(), Adult(name="Edith Marlow")]


def test_plain_mode_edits_a_date_of_death(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _file(tmp_path, catalogue, [_arthur()], resume="adults")
    session = Session(path, load(path, catalogue), catalogue)
    assert session.review.adults == [_arthur()]
    script = Script(
        ("What would you like to do?", "Change or delete one"),
        ("Which", 1),
        (f"Adult 1: {NAME}", "Edit it"),
        ("Full name:", NAME),
        ("Date of birth", "10/01/1945"),
        ("Date of death", ""),  # not known after all
        ("What would you like to do?", "Done: go on to the next prompt"),
    )
    assert interview(script, catalogue, path, glossary) == 130
    assert load(path, catalogue).adults == [Adult(name=NAME, date_of_birth=BORN)]


# ---------------------------------------------------------------- the report


def _review(catalogue: Catalogue, adults: list[Adult]) -> Review:
    review = Review()
    review.adults = adults
    review.review_period = ReviewPeriod(start=date(2024, 1, 1), end=PERIOD_END)
    return review


def _details(blocks: list[b.Block]) -> dict[str, str]:
    table = next(x for x in blocks if isinstance(x, b.Table) and x.kind == "details")
    return {row[0]: row[1] for row in table.rows}


def test_a_named_report_gives_the_date_of_birth_and_of_death(catalogue: Catalogue) -> None:
    review = _review(
        catalogue, [_arthur(), Adult(name="Edith Marlow", date_of_birth=date(1938, 2, 14))]
    )
    details = _details(walk(review, catalogue))
    assert details["DOB"] == "10/01/1945, died 05/01/2025\n14/02/1938"
    assert "10/01/1945, died 05/01/2025" in to_markdown(review, catalogue)


def test_an_anonymised_report_gives_the_age_at_death_and_no_dates(catalogue: Catalogue) -> None:
    alive = Adult(name="Edith Marlow", date_of_birth=BORN)
    unknown = Adult(name="Ann Other", date_of_death=DIED)
    review = _review(catalogue, [_arthur(), alive, unknown])
    blocks = walk(review, catalogue, age_at=PERIOD_END, age_basis=ANON_BASIS)
    details = _details(blocks)
    assert "DOB" not in details
    assert details["Age"].split("\n") == [
        "aged 79 at death",  # not 80: he died five days before his 80th birthday
        f"aged 80 at {ANON_BASIS}",
        "age unknown",
    ]
    text = render_markdown(blocks)
    for written in ("10/01/1945", "05/01/2025", "1945-01-10", "2025-01-05", "died"):
        assert written not in text
    # Without a basis, the age alone (as before).
    plain = _details(walk(review, catalogue, age_at=PERIOD_END))
    assert plain["Age"].split("\n") == ["aged 79 at death", "aged 80", "age unknown"]
