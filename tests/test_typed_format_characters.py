"""Characters that shape text without being seen land where they are typed: U+200C
between Persian letters, U+200D inside an emoji, a direction mark. Textual's text
boxes ignore them as keys (they are not "printable"); pasted, they were kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from imr_tui.core.store import load
from tests.tui_helpers import make_app, review_at, settled


@pytest.mark.parametrize(
    ("prompt", "typed"),
    [
        ("summary", "می\u200cخواهم"),  # Persian: a zero-width non-joiner between the words' parts
        ("summary", "👩\u200d⚕️ nurse"),  # a zero-width joiner in an emoji
        ("agency", "Trust \u200fשלום\u200e ok"),  # right-to-left and left-to-right marks
    ],
)
async def test_typed_format_characters_are_kept_in_place(
    tmp_path: Path, prompt: str, typed: str
) -> None:
    path = review_at(tmp_path, prompt)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for ch in typed:  # each as the terminal sends a typed key, all in one burst
            key = "space" if ch == " " else ch
            app.post_message(events.Key(key, ch))
        await app.input.settled()
        await settled(pilot, app)
    assert load(path).answer(prompt) == typed
