"""The author's text is never markup, and no link opens anything.

A review whose every field and name holds Textual markup, ``[@click=...]``
actions, Rich-style tags, control characters, right-to-left and CJK text and a
300-character name is opened and walked screen by screen, as an author would:
the text must show exactly as typed, clicking it must do nothing, nothing may
crash, and the file must still hold the text unchanged. Links in the report
(a URL and an e-mail address) must start no program when clicked.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import webbrowser
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from rich.cells import cell_len
from textual import events
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from tui_helpers import catalogue, make_app, prompt_title, until

from imr_tui.core.lock import lock_path
from imr_tui.core.model import (
    Adult,
    ChronologyEntry,
    Heading,
    HeadingAnalysis,
    Pseudonym,
    Recommendation,
)
from imr_tui.core.store import create, load, save
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.check import CheckScreen
from imr_tui.tui.screens.chronology_import import ChronologyImportScreen
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.help import HelpScreen
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.screens.review import ReviewScreen
from imr_tui.tui.widgets.prompt_pane import PromptPane
from imr_tui.tui.widgets.sidebar import Sidebar

WIDE = (200, 50)
"""A screen wide enough that no hostile string wraps."""

SHOT = "[@click=app.screenshot('x.svg','shots')]shot"
"""Clicked as markup, this writes shots/x.svg (the tests run in a folder of their own)."""
CONTROL = "ctl\x1b[31m\x07\x08\x7f\x9bend"
"""Escape, bell, backspace, delete and the one-byte CSI: a terminal would act on them."""
LONG = "Long" + "-".join(f"name{i:02d}" for i in range(1, 50))[: 300 - 4]
MARKUP = [
    "[red]x[/red]",
    "[/]",
    "[@click=app.bell]hi[/]",
    SHOT,
    "[link=https://example.org]l[/link]",
    "[b]",
    "مرحبا שלום 你好",
]
"""Strings that must show literally wherever they appear."""
HOSTILE = [*MARKUP, CONTROL]
HEADINGS = [
    "Supervision [/] of staff",
    "Colour [red]x[/red] coded",
    "Bell [@click=app.bell]hi[/]",
    f"Shot {SHOT}",
    "Link [link=https://example.org]l[/link]",
    "Bold [b] open",
    f"Control {CONTROL}",
    "Languages مرحبا שלום 你好",
    LONG,
]
PICTURES = {
    "\x1b": "\u241b",
    "\x07": "\u2407",
    "\x08": "\u2408",
    "\x7f": "\u2421",
    "\x9b": "\ufffd",
}


def shown(text: str) -> str:
    """How the text must look on screen: control characters as visible symbols."""
    return "".join(PICTURES.get(c, c) for c in text)


def hostile_review(folder: Path, name: str = "r.toml") -> Path:
    """A review in which every text field and name is hostile; returns its path."""
    cat = catalogue()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    review = create(path, cat)
    review.resume = "agency"
    n = 0
    for prompt in cat.prompts():
        if prompt.kind == "text":
            review.answers[prompt.id] = HOSTILE[n % len(HOSTILE)]
            n += 1
        elif prompt.kind == "long_text":
            review.answers[prompt.id] = "\n".join(HOSTILE)
    review.adults = [Adult(name=h) for h in [*HOSTILE, LONG]]
    review.pseudonyms = [Pseudonym(name=h, alias=f"{h} alias") for h in HOSTILE]
    review.headings = [Heading(id=f"h{i}", title=h) for i, h in enumerate(HEADINGS)]
    # Half the headings analysed, so the others are listed as unanswered on review.
    review.heading_analysis = {
        f"h{i}": HeadingAnalysis(heading=h, text="\n".join(HOSTILE))
        for i, h in enumerate(HEADINGS)
        if i % 2
    }
    review.chronology = [
        ChronologyEntry(
            id=f"e{i}",
            date=f"2024-03-{i + 10}",
            source=h,
            cells={"event": h, "practitioner": h, "action": h, "outcome": h},
        )
        for i, h in enumerate(HOSTILE)
    ]
    review.recommendations = [
        Recommendation(id=f"r{i}", recommendation=h, actions=h, lead=h, resources=h, evidence=h)
        for i, h in enumerate(HOSTILE)
    ]
    save(path, review, cat)
    return path


def content_of(path: Path) -> dict[str, Any]:
    """Everything the author wrote in the file (not when it was saved or where they were)."""
    return load(path, catalogue()).model_dump(exclude={"meta", "resume"})


# ---------------------------------------------------------------- the screen as text
CHAR_WIDTH = 20 * 0.61
"""Width of one cell in Rich's SVG export."""
TEXT_TAG = re.compile(
    r'<text class="[^"]*" x="(?P<x>[\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[^)]*-line-(?P<line>\d+)\)">(?P<body>.*?)</text>',
    re.S,
)


class Screenful:
    """What the terminal shows now: one string per row, and where each character is."""

    def __init__(self, app: IMRApp) -> None:
        width, height = app.size
        cells: list[dict[int, str]] = [{} for _ in range(height)]
        for m in TEXT_TAG.finditer(app.export_screenshot()):
            row = cells[int(m["line"])]
            col = round(float(m["x"]) / CHAR_WIDTH)
            for ch in html.unescape(m["body"]).replace("\xa0", " "):
                row[col] = ch
                width_of = max(1, cell_len(ch))
                for k in range(1, width_of):
                    row[col + k] = ""
                col += width_of
        self.rows: list[str] = []
        self.columns: list[list[int]] = []
        for row in cells:
            text, cols = "", []
            for col in range(width):
                ch = row.get(col, " ")
                if ch:
                    text += ch
                    cols.append(col)
            self.rows.append(text)
            self.columns.append(cols)

    @property
    def text(self) -> str:
        return "\n".join(self.rows)

    def find(self, needle: str) -> list[tuple[int, int]]:
        """Screen offsets ``(x, y)`` of the first character of each place ``needle`` shows."""
        found = []
        for y, row in enumerate(self.rows):
            start = row.find(needle)
            while start >= 0:
                found.append((self.columns[y][start], y))
                start = row.find(needle, start + 1)
        return found


# ---------------------------------------------------------------- watching for actions
class Watch:
    """Records the bell, screenshots, opened links and started programs."""

    def __init__(self, app: IMRApp, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.app = app
        self.folder = folder
        self.calls: list[str] = []
        real_deliver = app.deliver_screenshot

        def record(name: str) -> Callable[..., Any]:
            def recorder(*args: Any, **kwargs: Any) -> Any:
                self.calls.append(f"{name}{args!r}")
                if name == "deliver_screenshot":
                    return real_deliver(*args, **kwargs)
                return None

            return recorder

        monkeypatch.setattr(app, "bell", record("bell"))
        monkeypatch.setattr(app, "deliver_screenshot", record("deliver_screenshot"))
        monkeypatch.setattr(app, "open_url", record("open_url"))
        for module, name in [
            (subprocess, "Popen"),
            (os, "posix_spawn"),
            (os, "posix_spawnp"),
            (os, "fork"),
            (os, "execvp"),
            (os, "system"),
            (webbrowser, "open"),
            (webbrowser, "open_new"),
            (webbrowser, "open_new_tab"),
            (webbrowser, "get"),
        ]:
            monkeypatch.setattr(module, name, record(f"{module.__name__}.{name}"))

    async def check_it_works(self, pilot: Pilot[int]) -> None:
        """The recorder itself: running the bell action is seen."""
        await self.app.run_action("bell")
        await pilot.pause()
        assert self.calls == ["bell()"]
        self.calls.clear()

    def assert_nothing_happened(self) -> None:
        assert self.calls == []
        assert list(self.folder.rglob("*.svg")) == [], "a screenshot action ran"


async def settle(pilot: Pilot[int]) -> None:
    """Let messages, workers and redraws finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def click_each(
    pilot: Pilot[int], screen: Screenful, needles: list[str], within: Widget | None = None
) -> None:
    """Click the middle of every place a needle shows (only inside ``within`` if given).

    A click on a table's row may open its form, as it should: that is closed again.
    """
    app = pilot.app
    for needle in needles:
        for x, y in screen.find(needle):
            if within is not None and not within.region.contains(x, y):
                continue
            start = app.screen
            await pilot.click(offset=(x + cell_len(needle) // 2, y))
            await pilot.pause()
            if app.screen is not start and isinstance(app.screen, FormScreen):
                await pilot.press("escape")
                await until(pilot, lambda s=start: app.screen is s, "the form to close")


def assert_visible(screen: Screenful, needles: list[str], where: str) -> None:
    text = screen.text
    missing = [n for n in needles if n not in text]
    assert not missing, f"{where}: not shown as typed: {missing!r}\n{text}"


async def opened(pilot: Pilot[int], press: str, kind: type[Any]) -> None:
    await pilot.press(press)
    await until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)
    await settle(pilot)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own folder as the working directory (where a screenshot action writes)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shots").mkdir()
    return tmp_path


# ---------------------------------------------------------------- the tests
async def test_the_interview_shows_every_answer_as_typed_at_every_prompt(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = hostile_review(workdir / "reviews")
    before = content_of(path)
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await watch.check_it_works(pilot)
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        steps = screen.session.steps()
        clicked: set[tuple[str, str]] = set()
        for i, step in enumerate(steps):
            await until(
                pilot, lambda s=step.id: screen.step is not None and screen.step.id == s, step.id
            )
            await settle(pilot)
            kind = step.prompt.kind
            if step.heading_id:
                title = prompt_title(app)
                assert title.startswith(shown(step.title)), (title, step.title)
            shot = Screenful(app)
            needles: list[str] = []
            if step.heading_id and step.title != LONG:
                needles.append(shown(step.title))  # the prompt title and the sidebar
            if kind == "text":
                answer = app.screen.query_one("#answer", Input).value
                assert answer == screen.session.review.answers[step.id]
                if answer in MARKUP:
                    needles.append(answer)
            elif kind in ("long_text", "tor_analysis"):
                text = app.screen.query_one(TextArea).text
                assert text == screen.session.text(step)
                if text:
                    assert text == "\n".join(HOSTILE)
                    needles += MARKUP
            elif kind in ("adults", "pseudonyms", "headings"):
                values = [w.value for w in app.screen.query(".row-text").results(Input)]
                wanted = (
                    [h.title for h in screen.session.review.headings]
                    if kind == "headings"
                    else [a.name for a in screen.session.review.adults]
                    if kind == "adults"
                    else [p.name for p in screen.session.review.pseudonyms]
                )
                assert values == wanted
                if kind != "headings":  # (the rows that fit on screen)
                    needles += MARKUP[:3]
            elif kind in ("chronology", "recommendations"):
                table = app.screen.query_one(DataTable)
                cells = {str(c) for r in range(table.row_count) for c in table.get_row_at(r)}
                for h in HOSTILE:
                    assert any(c.startswith(shown(h)[:10]) for c in cells), (h, cells)
                needles += [h for h in MARKUP if len(h) < 12]
            assert_visible(shot, needles, step.id)
            # Each string is clicked once in each kind of editor (and every heading's
            # title); a click in the sidebar goes to that prompt, as it should: not here.
            to_click = [n for n in needles if (kind, n) not in clicked]
            clicked.update((kind, n) for n in to_click)
            await click_each(pilot, shot, to_click, within=app.screen.query_one(PromptPane))
            watch.assert_nothing_happened()
            assert isinstance(app.screen, InterviewScreen)
            if i + 1 < len(steps):
                await pilot.press("ctrl+n")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    watch.assert_nothing_happened()
    assert content_of(path) == before


async def test_headings_go_to_in_the_palette_and_sidebar_as_typed(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = hostile_review(workdir / "reviews")
    before = content_of(path)
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await settle(pilot)
        # Ctrl+G lists a "Go to" entry per heading, as typed.
        await opened(pilot, "ctrl+g", CommandPalette)
        palette = app.screen
        listed = palette.query_one(CommandList)
        await until(pilot, lambda: listed.option_count > 10, "the palette's list")
        entries = [
            str(listed.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(listed.option_count)
        ]
        for heading in HEADINGS:
            assert f"Go to: {shown(heading)}" in entries, heading
        watch.assert_nothing_happened()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")

        for heading in HEADINGS[:-1]:
            # Type (paste) the heading itself as the search, then click its entry.
            query = heading if heading != HEADINGS[6] else "Control ctl"
            await opened(pilot, "ctrl+g", CommandPalette)
            app.screen.query_one(CommandInput).focus()
            app.post_message(events.Paste(query))
            await settle(pilot)
            listed = app.screen.query_one(CommandList)
            await until(pilot, lambda found=listed: found.option_count > 0, f"search for {query!r}")
            await settle(pilot)
            shot = Screenful(app)
            entry = f"Go to: {shown(heading)}"
            assert_visible(shot, [entry], f"palette search {query!r}")
            await click_each(pilot, shot, [entry[len("Go to: ") :]])
            watch.assert_nothing_happened()
            if isinstance(app.screen, CommandPalette):  # a click highlights; Enter chooses
                await pilot.press("enter")
            await until(
                pilot,
                lambda h=heading: (
                    isinstance(app.screen, InterviewScreen)
                    and prompt_title(app).startswith(shown(h))
                ),
                f"the prompt {heading!r}",
            )

        # The sidebar lists the same headings (cut to its width); clicking one goes there.
        sidebar = app.screen.query_one(Sidebar)
        for heading in HEADINGS:
            await settle(pilot)
            labels = [str(leaf.label) for node in sidebar.root.children for leaf in node.children]
            assert any(label.endswith(f" {shown(heading)}") for label in labels), heading
            shot = Screenful(app)
            start = shown(heading)[:14]
            places = [(x, y) for x, y in shot.find(start) if sidebar.region.contains(x, y)]
            assert places, f"{start!r} in the sidebar\n{shot.text}"
            await click_each(pilot, shot, [start], within=sidebar)
            await until(pilot, lambda h=heading: prompt_title(app).startswith(shown(h)), "the jump")
        watch.assert_nothing_happened()
    watch.assert_nothing_happened()
    assert content_of(path) == before


async def test_a_heading_typed_with_markup_is_found_with_ctrl_g(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: a heading `Supervision [/] of staff` typed in, then Ctrl+G."""
    cat = catalogue()
    path = workdir / "typed.toml"
    review = create(path, cat)
    review.resume = "tor_headings"
    save(path, review, cat)
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await until(
            pilot,
            lambda: isinstance(app.screen, InterviewScreen) and bool(app.screen.query(".row-text")),
            "the headings prompt",
        )
        app.screen.query(".row-text").first(Input).focus()
        await pilot.press("S", "u", "p")
        app.post_message(events.Paste("ervision [/] of staff [@click=app.bell]now[/]"))
        await settle(pilot)
        heading = "Supervision [/] of staff [@click=app.bell]now[/]"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: heading in path.read_text(encoding="utf-8"), "the save")
        await opened(pilot, "ctrl+g", CommandPalette)
        app.screen.query_one(CommandInput).focus()
        await pilot.press("s", "u", "p", "e", "r", "v")
        await settle(pilot)
        listed = app.screen.query_one(CommandList)
        await until(pilot, lambda: listed.option_count > 0, "the search")
        await settle(pilot)
        shot = Screenful(app)
        assert_visible(shot, [f"Go to: {heading}"], "palette")
        await click_each(pilot, shot, [heading])
        watch.assert_nothing_happened()
        if isinstance(app.screen, CommandPalette):
            await pilot.press("enter")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, InterviewScreen) and prompt_title(app).startswith(heading)
            ),
            "the heading's prompt",
        )
    watch.assert_nothing_happened()
    assert [h.title for h in load(path, cat).headings] == [heading]


async def test_review_check_and_help_screens_show_the_text_as_typed(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = hostile_review(workdir / "reviews")
    before = content_of(path)
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await settle(pilot)

        # Review (Ctrl+R): the unanswered headings, then the report.
        await opened(pilot, "ctrl+r", ReviewScreen)
        options = app.screen.query_one("#unanswered", OptionList)
        listed = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        unanswered = [h for i, h in enumerate(HEADINGS) if not i % 2]
        for heading in unanswered:
            assert f"Analysis: {shown(heading)}" in listed, heading
        for heading in unanswered[:-1]:
            # The list is short: bring each heading up, look at it, click it.
            options.highlighted = listed.index(f"Analysis: {shown(heading)}")
            await settle(pilot)
            shot = Screenful(app)
            assert_visible(shot, [f"Analysis: {shown(heading)}"], "unanswered list")
        report = "\n".join(str(w.render()) for w in app.screen.query("MarkdownBlock"))
        for h in MARKUP:
            assert h in report, h
        assert shown(CONTROL) in report
        assert "\x1b" not in report
        # Each string in each kind of block (paragraph, heading, table...), scrolled
        # into view and clicked.
        seen: set[tuple[str, str]] = set()
        for block in list(app.screen.query("MarkdownBlock")):
            text = str(block.render())
            kind = type(block).__name__
            needles = [h for h in MARKUP if h in text and (kind, h) not in seen]
            if not needles:
                continue
            seen.update((kind, h) for h in needles)
            block.scroll_visible(animate=False)
            await settle(pilot)
            shot = Screenful(app)
            await click_each(pilot, shot, needles, within=app.screen.query_one("#report"))
            watch.assert_nothing_happened()
            assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")

        # Check (Ctrl+F): findings name the headings as typed.
        await until(pilot, lambda: app.checks_run >= 1, "the checks")
        await opened(pilot, "ctrl+f", CheckScreen)
        findings = app.screen.query_one("#findings", OptionList)
        labels = "\n".join(
            str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)
        )
        for heading in unanswered:
            assert shown(heading) in labels, heading
        assert "\x1b" not in labels
        shot = Screenful(app)
        visible = [h for h in unanswered if shot.find(shown(h))]
        assert visible, shot.text
        # Clicking a finding goes to its prompt (that is what a click there does).
        await click_each(pilot, shot, [shown(visible[0])])
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, InterviewScreen)
                and prompt_title(app).startswith(shown(visible[0]))
            ),
            "the finding's prompt",
        )
        watch.assert_nothing_happened()

        # Help (F1) opens and closes.
        await opened(pilot, "f1", HelpScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
    watch.assert_nothing_happened()
    assert content_of(path) == before


async def test_chronology_and_recommendation_forms_show_the_text_as_typed(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = hostile_review(workdir / "reviews")
    before = content_of(path)
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        for step_id, fields in (
            ("chronology", ["source", "event", "practitioner"]),
            ("recommendations", ["recommendation", "lead"]),
        ):
            await screen.go(step_id)
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            table.focus()
            for row in range(len(HOSTILE)):
                table.move_cursor(row=row)
                await opened(pilot, "enter", FormScreen)
                values = {f: app.screen.query_one(f"#f-{f}") for f in fields}
                typed = {
                    f: w.text if isinstance(w, TextArea) else w.value  # type: ignore[attr-defined]
                    for f, w in values.items()
                }
                assert len(set(typed.values())) == 1
                value = next(iter(typed.values()))
                assert value in HOSTILE
                shot = Screenful(app)
                if value in MARKUP and value != SHOT:
                    assert_visible(shot, [value], f"{step_id} form")
                    await click_each(pilot, shot, [value])
                watch.assert_nothing_happened()
                await pilot.press("escape")
                await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the table")

        # A date the form cannot read is quoted back, as typed, in the warning.
        await screen.go("chronology")
        await settle(pilot)
        await opened(pilot, "a", FormScreen)
        date_box = app.screen.query_one("#f-date", Input)
        date_box.focus()
        for bad in ("[@click=app.bell]hi[/]", "[/]", "[red]x[/red]"):
            date_box.value = ""
            date_box.focus()
            await settle(pilot)
            app.post_message(events.Paste(bad))
            await until(pilot, lambda b=bad: date_box.value == b, "the pasted date")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, FormScreen)
            shot = Screenful(app)
            assert_visible(shot, [bad], "the date's error and its notification")
            assert len(shot.find(bad)) >= 3, "in the box, under it and in the notification"
            await click_each(pilot, shot, [bad])
            watch.assert_nothing_happened()
            app.clear_notifications()
        date_box.value = ""
        await settle(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the table")
    watch.assert_nothing_happened()
    assert content_of(path) == before


async def test_dialogs_show_names_as_typed(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File names, folder names and the lock holder's description in questions and lists."""
    # (A name cannot hold "/", so no closing tags here.)
    folder = workdir / "[b]team [@click=app.bell]ring"
    path = hostile_review(folder, "[red]r [@click=app.screenshot('x.svg','shots')]x.toml")
    before = content_of(path)
    # Another session on another machine holds the review open.
    lock_path(path).write_text(
        tomli_w.dumps(
            {
                "user": "[@click=app.bell]al[/]",
                "host": "[red]elsewhere[/red]",
                "pid": 4242,
                "since": datetime(2025, 3, 11, 14, 2, tzinfo=UTC),
                "token": "t",
            }
        ),
        encoding="utf-8",
    )
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await settle(pilot)
        question = str(app.screen.query_one(".question", Static).render())
        assert f"{path.name} is open in another session: [@click=app.bell]al[/] on " in question
        assert "[red]elsewhere[/red]" in question
        shot = Screenful(app)
        needles = [path.name, "[@click=app.bell]al[/]", "[red]elsewhere[/red]"]
        assert_visible(shot, needles, "the lock question")
        await click_each(pilot, shot, needles)
        watch.assert_nothing_happened()
        await pilot.press("y")  # read-only
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await settle(pilot)
        shot = Screenful(app)
        assert_visible(shot, needles, "the read-only note and the title")
        await click_each(pilot, shot, needles)
        watch.assert_nothing_happened()
        await pilot.press("ctrl+q")
        await pilot.pause()
    watch.assert_nothing_happened()
    assert content_of(path) == before

    # The chronology import lists the folder, then the spreadsheets in it, by name.
    lock_path(path).unlink()
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await screen.go("chronology")
        await settle(pilot)
        app.screen.query_one(DataTable).focus()
        await opened(pilot, "i", ChronologyImportScreen)
        message = str(app.screen.query_one(".muted", Static).render())
        assert f"There is no CSV or TSV file in {folder.name}/." in message
        shot = Screenful(app)
        pieces = folder.name.split(" ")  # the message wraps at the space
        assert_visible(shot, pieces, "no spreadsheet in the folder")
        await click_each(pilot, shot, pieces)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the table")
        sheet = folder / "[red]sheet [@click=app.bell]s.csv"
        sheet.write_text(
            "Date,Source,[@click=app.bell]What[/]\n"
            "15/03/2024,[red]notes[/red],[/] visit\n"
            "[b]soon,x,y\n",
            encoding="utf-8",
        )
        await opened(pilot, "i", ChronologyImportScreen)
        shot = Screenful(app)
        assert_visible(shot, [sheet.name], "the spreadsheets")
        await click_each(pilot, shot, [sheet.name])
        files = app.screen.query_one("#files", OptionList)
        files.focus()
        files.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        summary = str(app.screen.query_one("#import-summary", Static).render())
        assert sheet.name in summary
        shot = Screenful(app)
        assert_visible(shot, [sheet.name], "the preview")
        watch.assert_nothing_happened()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the table")
    watch.assert_nothing_happened()
    assert content_of(path) == before

    # A review that does not exist yet: the question names it as typed.
    missing = folder / "[b] new [@click=app.bell]one.toml"
    app = make_app(missing)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await settle(pilot)
        shot = Screenful(app)
        assert_visible(shot, [missing.name], "the new review question")
        await click_each(pilot, shot, [missing.name])
        watch.assert_nothing_happened()
        await pilot.press("n")
        await pilot.pause()
    assert not missing.exists()


URL = "https://example.org/x"
EMAIL = "a.b@example.org"


async def test_links_in_the_report_open_nothing(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cat = catalogue()
    path = workdir / "links.toml"
    review = create(path, cat)
    review.answers["agency"] = f"Agency {URL}"
    review.answers["author_contact"] = f"Mail {EMAIL}"
    review.answers["summary"] = f"See {URL} or write to {EMAIL}.\n\n[a link](/etc/passwd)"
    save(path, review, cat)
    before = content_of(path)
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        watch = Watch(app, monkeypatch, workdir)
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await settle(pilot)
        await opened(pilot, "ctrl+r", ReviewScreen)
        clicked = 0
        for needle in (URL, EMAIL, "a link"):
            blocks = [b for b in app.screen.query("MarkdownBlock") if needle in str(b.render())]
            assert blocks, needle
            for block in blocks:
                block.scroll_visible(animate=False)
                await settle(pilot)
                shot = Screenful(app)
                places = shot.find(needle)
                assert places, needle
                for x, y in places:
                    await pilot.click(offset=(x + 1, y))
                    await settle(pilot)
                    clicked += 1
                    assert isinstance(app.screen, ReviewScreen)
                    assert app.is_running
        assert clicked >= 5
        notes = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(URL in n for n in notes), notes
        assert any(EMAIL in n for n in notes), notes
        report = "\n".join(str(b.render()) for b in app.screen.query("MarkdownBlock"))
        assert "root:" not in report, "a link must not load a file into the report"
        # Enter on whatever can take the focus on this screen.
        for _ in range(6):
            await pilot.press("tab")
            await pilot.press("enter")
            await settle(pilot)
            if not isinstance(app.screen, ReviewScreen):
                break
        assert app.is_running
    watch.assert_nothing_happened()
    assert content_of(path) == before
