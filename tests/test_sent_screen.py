"""Only changed cells go to the terminal, and the terminal shows exactly what a full
redraw would.

The app runs with a driver that keeps every byte it writes. A terminal emulator
(pyte) is fed those bytes; at each step a second emulator is fed a full redraw of
the same screen (every cell, as Textual would send it with no comparison), and the
two are compared cell by cell: character, colours, bold, italic, underline, reverse.
The steps are what an author does in a long answer: typing at the end and in the
middle of a paragraph, deleting, a keystroke that re-wraps the paragraph, scrolling,
pasting, undoing, moving to the next prompt, a dialog, and a change of size; with
markup, wide characters and combining marks in the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyte
import pytest
from rich.color import ColorSystem
from textual import events
from textual._context import visible_screen_stack
from textual.drivers import headless_driver
from textual.pilot import Pilot
from textual.strip import Strip

from imr_tui.core.store import load
from imr_tui.tui.app import IMRApp
from tests.tui_helpers import keys_for, make_app, review_at, settled

Cells = list[list[tuple[object, ...]]]


class KeptBytes:
    """Everything the app wrote to its terminal."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self) -> str:
        return "".join(self.parts)

    def size(self) -> int:
        return sum(len(part.encode("utf-8")) for part in self.parts)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[KeptBytes]:
    """Tests run the app with a driver that writes to ``KeptBytes``, like a terminal."""
    kept = KeptBytes()

    class WritingDriver(headless_driver.HeadlessDriver):
        @property
        def is_headless(self) -> bool:
            return False

        def write(self, data: str) -> None:
            kept.parts.append(data)

    monkeypatch.setattr(headless_driver, "HeadlessDriver", WritingDriver)
    yield kept


def _cells(screen: pyte.Screen) -> Cells:
    return [
        [
            (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse, c.strikethrough)
            for c in (screen.buffer[y][x] for x in range(screen.columns))
        ]
        for y in range(screen.lines)
    ]


def _full_redraw(app: IMRApp) -> pyte.Screen:
    """A fresh terminal shown every cell of the screen as it is now."""
    width, height = app.size
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    compositor = app.screen._compositor
    visible_screen_stack.set(app._background_screens)
    color_system = app.console._color_system or ColorSystem.TRUECOLOR
    for y, strip in enumerate(compositor.render_strips()):
        # each style's codes worked out afresh: a style's cached codes may have been
        # made for another console earlier in the same test process
        drawn = "".join(
            text
            if style is None or not (ansi := Strip.render_ansi(style, color_system))
            else f"\x1b[{ansi}m{text}\x1b[0m"
            for text, style, _ in strip
        )
        stream.feed(f"\x1b[{y + 1};1H" + drawn)
    cursor = app.screen.outer_size.clamp_offset(app.cursor_position)
    stream.feed(f"\x1b[{cursor.y + 1};{cursor.x + 1}H")
    return screen


class Watched:
    """The emulator fed the app's bytes, checked against a full redraw."""

    def __init__(self, app: IMRApp, kept: KeptBytes) -> None:
        self.app = app
        self.kept = kept
        self.fed = 0
        self.screen = pyte.Screen(*app.size)
        self.stream = pyte.Stream(self.screen)
        self.checks = 0

    def _feed(self) -> None:
        parts = self.kept.parts
        for part in parts[self.fed :]:
            self.stream.feed(part)
        self.fed = len(parts)

    async def check(self, pilot: Pilot[int], step: str) -> None:
        """Let every change reach the terminal, then compare it with a full redraw.

        A frame may still be on its way when the app first looks idle (a dialog's
        screen behind it is redrawn a moment later): the comparison is made again
        after each further pause, and fails only if the two never agree.
        """
        await self.app.input.settled()
        problem = f"after {step}: the screen never settled"
        for _ in range(SETTLE_TRIES):
            await pilot.pause()
            screen = self.app.screen
            if screen._compositor._dirty_regions or screen._dirty_widgets:
                continue
            if (self.screen.columns, self.screen.lines) != tuple(self.app.size):
                self.screen.resize(self.app.size.height, self.app.size.width)
            self._feed()
            problem = _difference(self.screen, _full_redraw(self.app), step)
            if not problem:
                self.checks += 1
                return
        raise AssertionError(problem)


SETTLE_TRIES = 40
"""Pauses a check waits for the terminal to agree with a full redraw."""


def _difference(shown_screen: pyte.Screen, truth: pyte.Screen, step: str) -> str:
    """What differs between the two terminals, cell by cell ("" when nothing)."""
    shown, expected = _cells(shown_screen), _cells(truth)
    for y, (a, b) in enumerate(zip(shown, expected, strict=True)):
        if a != b:
            return (
                f"after {step}: row {y} differs\n"
                f" shown:    {''.join(str(c[0]) for c in a)!r}\n"
                f" redrawn:  {''.join(str(c[0]) for c in b)!r}\n"
                + "\n".join(
                    f"  col {x}: shown {c} redrawn {d}"
                    for x, (c, d) in enumerate(zip(a, b, strict=True))
                    if c != d
                )
            )
    cursor, wanted = (
        (shown_screen.cursor.x, shown_screen.cursor.y),
        (truth.cursor.x, truth.cursor.y),
    )
    if cursor != wanted:
        return f"after {step}: the cursor is at {cursor}, not {wanted}"
    return ""


async def _keys(pilot: Pilot[int], watched: Watched, keys: list[str], step: str) -> None:
    for key in keys:
        await pilot.press(key)
        await watched.check(pilot, f"{step} ({key!r})")


async def _paste(pilot: Pilot[int], watched: Watched, text: str, step: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await watched.check(pilot, step)


PARAGRAPH = (
    "On 3 March the adult was seen at home by the district nurse, who noted "
    "that the pressure area care plan had not been followed since the last "
    "visit and that the adult's daughter had raised concerns about money."
)


async def test_a_long_answer_shows_exactly_what_a_full_redraw_would(
    tmp_path: Path, terminal: KeptBytes
) -> None:
    path = review_at(tmp_path, "summary")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        watched = Watched(app, terminal)
        await watched.check(pilot, "opening the prompt")
        # typing at the end, one key at a time, checked after each
        await _keys(pilot, watched, keys_for("The adult lived alone"), "typing")
        # a paste of several paragraphs: wraps, and scrolls the box
        await _paste(pilot, watched, " " + PARAGRAPH + ("\n\n" + PARAGRAPH) * 4, "a long paste")
        # scrolling up and down
        await _keys(pilot, watched, ["pageup", "pageup", "pagedown", "ctrl+home"], "scrolling")
        # into the middle of the first paragraph: each key re-wraps the lines below
        await _keys(pilot, watched, ["down", "end", "left", "left", "left"], "moving")
        await _keys(pilot, watched, keys_for(" (aged 84) "), "typing in the middle")
        # deleting both ways
        await _keys(pilot, watched, ["backspace"] * 6 + ["delete"] * 4, "deleting")
        # undo and redo
        await _keys(pilot, watched, ["ctrl+z", "ctrl+z", "ctrl+y"], "undoing")
        # hostile text: markup, an action link, wide characters, combining marks, emoji
        await _paste(
            pilot,
            watched,
            " [bold]not bold[/] [@click=app.quit]x[/] 日本語のテキスト e\u0301 Zoë 😀 ",
            "pasting markup and other scripts",
        )
        await _keys(pilot, watched, ["left"] * 12 + ["backspace"] * 3, "deleting wide text")
        await _keys(pilot, watched, keys_for("ab"), "typing before wide text")
        # another prompt, a dialog over the screen, and back
        await _keys(pilot, watched, ["ctrl+n"], "the next prompt")
        await _keys(pilot, watched, ["ctrl+p"], "back")
        await _keys(pilot, watched, ["f1"], "the help dialog")
        await _keys(pilot, watched, ["escape"], "closing the dialog")
        # a change of size forgets what was sent: everything is sent again
        await pilot.resize_terminal(100, 30)
        await watched.check(pilot, "a larger terminal")
        await _keys(pilot, watched, keys_for("xy"), "typing after the resize")
        await pilot.resize_terminal(80, 24)
        await watched.check(pilot, "back to 80x24")
        await settled(pilot, app)
    assert watched.checks > 80
    saved = load(path).answer("summary")
    assert "(aged 84)"[:3] in saved and "日本" in saved


async def _bytes_per_key(
    pilot: Pilot[int], watched: Watched, kept: KeptBytes, keys: list[str]
) -> float:
    await watched.check(pilot, "before measuring")
    before = kept.size()
    for key in keys:
        await pilot.press(key)
        await watched.check(pilot, f"typing {key!r}")
    return (kept.size() - before) / len(keys)


async def test_a_typed_character_sends_a_few_dozen_bytes_not_the_whole_box(
    tmp_path: Path, terminal: KeptBytes
) -> None:
    """A full redraw of the text box is about 2.5 KB per character at 80x24."""
    path = review_at(tmp_path, "summary")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        watched = Watched(app, terminal)
        await _paste(pilot, watched, PARAGRAPH + "\n\n" + PARAGRAPH, "the text to work in")
        at_end = await _bytes_per_key(pilot, watched, terminal, keys_for(" and then"))
        await pilot.press("ctrl+home", "down", "right", "right", "right")
        in_middle = await _bytes_per_key(pilot, watched, terminal, keys_for("abcdefgh"))
    print(f"bytes per character: at the end {at_end:.0f}, in the middle {in_middle:.0f}")
    assert at_end <= 150, at_end
    assert in_middle <= 400, in_middle


async def test_a_one_line_answer_sends_under_a_hundred_bytes_a_character(
    tmp_path: Path, terminal: KeptBytes
) -> None:
    path = review_at(tmp_path, "agency")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        watched = Watched(app, terminal)
        await watched.check(pilot, "opening the prompt")
        per_key = await _bytes_per_key(pilot, watched, terminal, keys_for("Northshire NHS Trust"))
        await settled(pilot, app)
    assert per_key <= 100, per_key
    assert load(path).answer("agency") == "Northshire NHS Trust"


async def test_f5_sends_every_cell_again_over_whatever_else_was_written(
    tmp_path: Path, terminal: KeptBytes
) -> None:
    """Something else wrote on the terminal (a message from the administrator): only
    changed cells are sent, so the writing stays until F5 redraws the whole screen."""
    path = review_at(tmp_path, "summary")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        watched = Watched(app, terminal)
        await _keys(pilot, watched, keys_for("The adult"), "typing")
        watched.stream.feed("\x1b[3;1HBroadcast message from root: the server restarts at noon")
        with pytest.raises(AssertionError, match="row 2 differs"):
            await watched.check(pilot, "a message over the screen")
        await pilot.press("a")
        with pytest.raises(AssertionError, match="row 2 differs"):
            await watched.check(pilot, "typing after it")
        before = terminal.size()
        await pilot.press("f5")
        await watched.check(pilot, "F5")
        assert terminal.size() - before > 1000  # the whole screen went again
        await settled(pilot, app)
    assert load(path).answer("summary") == "The adulta"


def test_help_names_f5_in_a_terminal_and_not_in_a_browser() -> None:
    from imr_tui.tui.screens.help import help_text

    assert "| F5 | Draw the whole screen again" in help_text()
    assert "F5" not in help_text(web=True)  # a browser reloads the page with F5


EMOJI_AND_MARKS = [
    "❤️",  # a narrow character made wide by a variation selector
    "👩‍⚕️",  # joined by U+200D, with a variation selector
    "👨‍👩‍👧",  # a family: three people joined
    "#️⃣",  # a keycap
    "🇬🇧",  # a flag
    "👍🏽",  # a skin tone
    "e\u0301",  # a combining accent
    "\u200d",  # a joiner alone
    "\u0301x",  # a combining mark with nothing before it
    "日本語",
    "plain",
]


@pytest.mark.parametrize("text", EMOJI_AND_MARKS)
def test_cells_are_counted_as_textual_lays_them_out(text: str) -> None:
    """The copy must take exactly the cells Textual gives the text, or whatever
    follows on the row is compared (and sent) at the wrong place."""
    from rich.cells import cell_len
    from rich.segment import Segment
    from rich.style import Style

    from imr_tui.tui.sent_screen import StyleKeys, _cells

    line = f"ab {text} cd {text}{text}"
    for cut in range(len(line) + 1):  # a change of style anywhere, even inside a grapheme
        segments = [Segment(line[:cut], Style(bold=True)), Segment(line[cut:])]
        cells = _cells(segments, StyleKeys(ColorSystem.TRUECOLOR), 200)
        assert len(cells) == sum(cell_len(s.text) for s in segments), cut
        assert "".join(t for t, _ in cells) == line, cut  # nothing dropped, nothing doubled


async def test_f5_redraws_under_a_dialog_too(tmp_path: Path, terminal: KeptBytes) -> None:
    path = review_at(tmp_path, "summary")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        watched = Watched(app, terminal)
        await _keys(pilot, watched, ["f1"], "the help dialog")
        watched.stream.feed("\x1b[3;3HJUNKJUNK")
        await pilot.press("f5")
        await watched.check(pilot, "F5 over the help")
