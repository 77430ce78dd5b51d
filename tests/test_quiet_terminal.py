"""Nothing the app shows keeps writing to the terminal when nothing changes.

A blinking cursor writes twice a second; sshd then never notices that a
connection has died silently, and the author's session is never saved and
closed. Every text box, the command palette's included, keeps its cursor still.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea
from tui_helpers import SIZE, catalogue, make_app

from imr_tui.core.store import create, save


async def test_no_text_box_blinks_on_any_screen(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    review = create(path, catalogue())
    review.resume = "chronology"
    save(path, review, catalogue())
    app = make_app(path)
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def check() -> None:
            box = app.focused
            assert isinstance(box, (Input, TextArea)), box
            assert not box.cursor_blink, f"{type(box).__name__} on {type(app.screen).__name__}"
            seen.append(type(app.screen).__name__)

        await pilot.press("ctrl+g")  # the command palette
        check()
        await pilot.press("escape")
        await pilot.press("a")  # a new chronology entry's form
        check()
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # down to a long field
        check()
        await pilot.press("escape")
        await pilot.press("ctrl+p")  # the long answer before the chronology
        check()
    assert seen == ["CommandPalette", "FormScreen", "FormScreen", "InterviewScreen"]
