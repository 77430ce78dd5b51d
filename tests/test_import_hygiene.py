"""The core and ``imr export`` never load a terminal front end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FRONT_ENDS = ("textual", "questionary", "prompt_toolkit", "imr_tui.tui")

SCRIPT = """
import json, sys
from pathlib import Path

import imr_tui.catalogue, imr_tui.model, imr_tui.store, imr_tui.export, imr_tui.walk
import imr_tui.dates, imr_tui.markdown, imr_tui.errors, imr_tui.cli, imr_tui.checks

folder = Path(sys.argv[1])
codes = [
    imr_tui.cli.main(["new", str(folder / "r.toml")]),
    imr_tui.cli.main(["export", str(folder / "r.toml")]),
]
print(json.dumps({"codes": codes, "modules": sorted(sys.modules)}))
"""


def test_core_and_export_do_not_import_front_ends(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["codes"] == [0, 0]
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# ")
    modules = report["modules"]
    assert "imr_tui.export" in modules  # the check below looks at the right list
    loaded = [m for m in modules if m.startswith(FRONT_ENDS)]
    assert loaded == []
