"""Start-up: ``imr FILE`` reaches its first screen without loading what that screen does not
need: the other commands' modules, the record prompts' tables and actions (with the
chronology import and the report's timeline), the exporters and the other front ends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tui_helpers import catalogue

from imr_tui.core.store import create

SCRIPT = """
import json, sys
from pathlib import Path

import imr_tui.cli.main  # what the command loads first
from imr_tui.cli.common import data_files
from imr_tui.cli.parser import build_parser, normalise

args = build_parser().parse_args(normalise([sys.argv[1]]))
data = data_files(args)
from imr_tui.tui.app import create_app
from imr_tui.tui.screens.interview import InterviewScreen

app = create_app(data.catalogue, path=args.file, data_files=data)
seen = {}

async def first_screen(pilot):
    while not (isinstance(app.screen, InterviewScreen) and app.focused is not None):
        await pilot.pause()
    seen["title"] = app.screen.step.title
    seen["modules"] = sorted(sys.modules)
    app.exit()

app.run(headless=True, size=(80, 24), auto_pilot=first_screen)
app.release_lock()
print(json.dumps(seen))
"""

NOT_BEFORE_THE_FIRST_SCREEN = (
    "imr_tui.cli.export",
    "imr_tui.cli.check",
    "imr_tui.cli.backups",
    "imr_tui.cli.names",
    "imr_tui.cli.glossary",
    "imr_tui.tui.records",
    "imr_tui.tui.record_actions",
    "imr_tui.tui.widgets.record_table",
    "imr_tui.report.timeline",
    "imr_tui.chronology.importing",
    "imr_tui.report.markdown",
    "imr_tui.plain",
    "questionary",
    "docx",
    "markdown_it",
)
"""Modules the first screen of a review opened at an ordinary prompt does without."""


def test_the_first_screen_loads_only_what_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue())  # a new review opens at its first prompt, the agency
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
        cwd=tmp_path,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["title"] == "Name of agency"
    modules = set(seen["modules"])
    assert "imr_tui.tui.screens.interview" in modules  # the list is the interview's
    loaded = sorted(m for m in modules if m.startswith(NOT_BEFORE_THE_FIRST_SCREEN))
    assert loaded == []
