"""A whole review written through the Textual interview, then reopened and exported."""

from __future__ import annotations

import tomllib
from pathlib import Path
from time import monotonic

from textual.widgets import DataTable, TextArea
from tui_helpers import (
    SIZE,
    catalogue,
    go_to,
    make_app,
    next_prompt,
    prompt_title,
    screen_text,
    type_text,
)

from imr_tui.core.store import load
from imr_tui.report.markdown import to_markdown
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.review import ReviewScreen
from imr_tui.tui.widgets.sidebar import Sidebar

DETAILS = {
    "agency": "Northshire Community Health NHS Trust",
    "author_name": "Priya Raman",
    "author_role": "Named Nurse for Safeguarding Adults",
    "author_agency": "Northshire Community Health",
    "author_contact": "priya.raman@example.org 01632 960123",
}
ADULTS = [("Dorothy Hollins", "14/02/1938"), ("Albert Hollins", "02/09/1935")]
HEADINGS = ["Recognition of self-neglect", "Carer support", "Information sharing"]
CHRONOLOGY = [
    ("15/03/2024", "10:30", "District nursing notes", "Home visit; leg ulcer dressed"),
    ("02/05/2024", "", "GP referral letter", "Referral for falls assessment"),
    ("20/06/2023", "09:00", "Electronic patient record", "Earlier contact before the period"),
    ("03/2024", "", "Safeguarding log", "Concern raised by neighbour about heating"),
]
RECOMMENDATIONS = [
    ("Introduce a self-neglect pathway for community nurses", "Safeguarding lead", "31/03/2026"),
    ("Audit carer assessments offered at discharge", "Head of adult services", "30/06/2026"),
]


async def test_a_whole_review_by_keyboard(tmp_path: Path) -> None:
    path = tmp_path / "hollins.toml"
    typed: list[str] = []
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "does not exist yet" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert path.exists()

        # Details: agency, two adults, names to replace, author, completion date.
        assert prompt_title(app).startswith("Name of agency")
        await type_text(pilot, DETAILS["agency"] + "\n")
        await pilot.pause()
        for i, (name, dob) in enumerate(ADULTS):
            await type_text(pilot, name)
            await pilot.press("tab")
            await type_text(pilot, dob)
            if i < len(ADULTS) - 1:
                await pilot.press("enter")
                await pilot.pause()
        await next_prompt(pilot)
        # Names to replace in an anonymised export: name and pseudonym on one row.
        assert prompt_title(app).startswith("Names to replace")
        await type_text(pilot, "Dorothy Hollins")
        await pilot.press("tab")
        await type_text(pilot, "Adult A")
        await next_prompt(pilot)
        for key in ("author_name", "author_role", "author_agency", "author_contact"):
            await type_text(pilot, DETAILS[key] + "\n")
            await pilot.pause()
        assert prompt_title(app).startswith("Date of completion")
        await type_text(pilot, "31/02/2025")
        await pilot.pause()
        assert "not a real date" in screen_text(app)
        for _ in range(10):
            await pilot.press("backspace")
        await type_text(pilot, "11/03/2025\n")
        await pilot.pause()

        # Terms of reference: the review's name, the period and three headings.
        assert prompt_title(app).startswith("Name or reference of the review")
        await type_text(pilot, "Safeguarding Adults Review concerning Adult A\n")
        await pilot.pause()
        assert prompt_title(app).startswith("Review period")
        await type_text(pilot, "01/01/2024\n31/12/2024\n")
        await pilot.pause()
        assert prompt_title(app).startswith("Terms of Reference headings")
        for heading in HEADINGS:
            await type_text(pilot, heading + "\n")
            await pilot.pause()
        await next_prompt(pilot)

        # Summary and sources (long text).
        summary = (
            "Mrs Hollins lived with her husband.\nShe was known to district nurses from March 2024."
        )
        await type_text(pilot, summary)
        await next_prompt(pilot)
        await type_text(pilot, "Electronic patient record; interviews with two nurses.")
        typed += [summary, "interviews with two nurses"]
        await next_prompt(pilot)

        # Chronology: four entries, one outside the review period.
        assert prompt_title(app).startswith("Chronology")
        await pilot.press("a")
        await pilot.pause()
        for n, (when, time, source, event) in enumerate(CHRONOLOGY):
            assert isinstance(app.screen, FormScreen)
            await type_text(pilot, when + "\n")
            await type_text(pilot, time + "\n")
            await type_text(pilot, "\n\n\n")  # no end date, end time or reference
            await type_text(pilot, source + "\n")
            await type_text(pilot, f"Amy Hart, staff nurse {n}\n")
            await type_text(pilot, "Home visit\n")
            await type_text(pilot, event)
            await pilot.pause()
            outside = "outside the review period" in screen_text(app)
            assert outside == when.endswith("2023"), when
            last = n == len(CHRONOLOGY) - 1
            await pilot.press("ctrl+s" if last else "ctrl+n")
            await pilot.pause()
            typed += [source, event]
        assert not isinstance(app.screen, FormScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 4
        # Shown in date order: the 2023 entry first.
        assert "20/06/2023" in str(table.get_row_at(0)[0])
        await next_prompt(pilot)

        # Analysis: one prompt per heading, then the ten questions.
        for heading in HEADINGS:
            assert prompt_title(app).startswith(heading)
            text = f"Analysis of {heading.lower()} against policy."
            await type_text(pilot, text)
            typed.append(text)
            await next_prompt(pilot)
        for q in range(10):
            text = f"Answer to question {q + 1}."
            await type_text(pilot, text)
            typed.append(text)
            await next_prompt(pilot)
        sidebar = str(app.screen.query_one(Sidebar).root.children[4].label)
        assert sidebar.startswith("Analysis 13/13")
        for q in range(5):
            text = f"Learning point {q + 1}."
            await type_text(pilot, text)
            typed.append(text)
            await next_prompt(pilot)

        # Recommendations: two, through the form.
        assert prompt_title(app).startswith("Recommendations")
        for rec, lead, target in RECOMMENDATIONS:
            await pilot.press("a")
            await pilot.pause()
            await type_text(pilot, rec)
            await pilot.press("tab")
            await type_text(pilot, "Write the procedure and train staff")
            await pilot.press("tab")
            await type_text(pilot, lead + "\n" + target + "\n" + "Two days of staff time\n")
            await type_text(pilot, "Audit of twenty records")
            await pilot.press("ctrl+s")
            await pilot.pause()
            typed += [rec, lead]
        assert app.screen.query_one(DataTable).row_count == 2
        await next_prompt(pilot)
        assert prompt_title(app).startswith("Name of the endorsing")
        await type_text(pilot, "Jane Doe")
        since = monotonic()  # saved within a second, without navigating
        while "Jane Doe" not in path.read_text(encoding="utf-8"):
            assert monotonic() - since < 2, "the typing was not saved on its own"
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0

    # On disk: every typed word.
    raw = path.read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    assert data["resume"] == "endorser_name"
    review = load(path, catalogue())
    assert [
        (a.name, a.date_of_birth.strftime("%d/%m/%Y") if a.date_of_birth else "")
        for a in review.adults
    ] == ADULTS
    assert [(p.name, p.alias) for p in review.pseudonyms] == [("Dorothy Hollins", "Adult A")]
    for key, value in DETAILS.items():
        assert review.answer(key) == value
    assert review.answer("completed_on") == "2025-03-11"
    assert [h.title for h in review.headings] == HEADINGS
    assert str(review.review_period.start) == "2024-01-01"
    assert len(review.chronology) == 4
    month_only = next(e for e in review.chronology if e.date == "2024-03")
    assert month_only.approximate
    assert review.recommendations[1].target_date is not None
    assert str(review.recommendations[1].target_date) == "2026-06-30"
    for text in typed:
        assert text in raw.replace('\\"', '"'), text

    # Reopen: lands on the same prompt with the text there; export from the review screen.
    app2 = make_app(path)
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert prompt_title(app2).startswith("Name of the endorsing")
        assert "Jane Doe" in app2.screen.query_one("#answer").value  # type: ignore[attr-defined]
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app2.screen, ReviewScreen)
        await pilot.press("e")  # the export asks: 1 is a draft as Markdown
        await pilot.pause()
        await pilot.press("1")
        await app2.workers.wait_for_complete()
        await pilot.pause()
    exported = path.with_suffix(".md")
    assert exported.exists()
    md = exported.read_text(encoding="utf-8")
    picture = path.with_suffix(".timeline.png")  # the timeline picture beside it
    assert picture.read_bytes().startswith(b"\x89PNG")
    from imr_tui.checks import load_glossary

    written = to_markdown(
        load(path, catalogue()), catalogue(), load_glossary(), timeline_file=picture.name
    )
    assert md == written
    for text in [*typed, *DETAILS.values(), *HEADINGS, "Jane Doe"]:
        for line in text.split("\n"):
            plain = md.replace("\\", "")
            assert line.replace("\\", "") in plain, line


async def test_long_text_has_word_count_and_undo(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await pilot.pause()
        await go_to(pilot, "summary")
        await type_text(pilot, "one two three")
        await pilot.pause()
        assert "3 words" in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text != "one two three"
        assert area.soft_wrap
