"""A served session's settings (imr_tui.web.tuning), applied in a process of its own as the
server starts one: before Textual is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import gc, json, os, time
from imr_tui.web.tuning import tune_session
tune_session()
deadline = time.monotonic() + 15
while os.environ.get("WAIT_FREEZE") and gc.get_freeze_count() == 0 and time.monotonic() < deadline:
    time.sleep(0.05)
print(json.dumps({
    "thresholds": gc.get_threshold(),
    "frozen": gc.get_freeze_count(),
    "animations": os.environ.get("TEXTUAL_ANIMATIONS"),
    "textual": "textual" in __import__("sys").modules,
}))
"""


def probe(**env: str) -> dict[str, object]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("IMR_SERVE", "TEXTUAL"))}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_served_session_collects_less_often_freezes_its_start_up_and_animates_nothing() -> None:
    seen = probe(WAIT_FREEZE="1")
    assert seen["thresholds"] == [7000, 10, 10]
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 0
    assert seen["animations"] == "none"
    assert seen["textual"] is False  # the settings come before Textual


def test_untuned_leaves_python_and_textual_as_they_are() -> None:
    seen = probe(IMR_SERVE_UNTUNED="1")
    assert seen["thresholds"] == [700, 10, 10]
    assert seen["frozen"] == 0
    assert seen["animations"] is None
