"""The core, ``imr export`` (also anonymised), ``imr chronology``, ``imr merge`` and
``imr pseudonyms`` never load a front end, nor python-docx for a Markdown export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FRONT_ENDS = ("textual", "questionary", "prompt_toolkit", "imr_tui.tui", "imr_tui.plain", "docx")

SCRIPT = """
import json, sys
from pathlib import Path

import imr_tui.core.catalogue, imr_tui.core.model, imr_tui.core.store, imr_tui.core.steps
import imr_tui.report.markdown, imr_tui.report.md_escape, imr_tui.report.merge
import imr_tui.core.dates, imr_tui.core.errors, imr_tui.cli.main, imr_tui.checks
import imr_tui.chronology, imr_tui.cli.chronology

folder = Path(sys.argv[1])
(folder / "c.csv").write_text("Date,Source\\n11/03/2025,EPR\\n", encoding="utf-8")
review, table = str(folder / "r.toml"), str(folder / "c.csv")
codes = [
    imr_tui.cli.main.main(["new", review]),
    imr_tui.cli.main.main(["export", review]),
    imr_tui.cli.main.main(["chronology", "import", review, table, "--yes"]),
    imr_tui.cli.main.main(["chronology", "export", review]),
    imr_tui.cli.main.main(["merge", review, "-o", str(folder / "m.md")]),
    imr_tui.cli.main.main(["pseudonyms", review, "add", "Dorothy", "Adult A"]),
    imr_tui.cli.main.main(["pseudonyms", review]),
    imr_tui.cli.main.main(["export", review, "--anonymise"]),
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
    assert report["codes"] == [0, 0, 0, 0, 0, 0, 0, 0]
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# ")
    modules = report["modules"]
    assert "imr_tui.report.markdown" in modules  # the check below looks at the right list
    assert "imr_tui.chronology" in modules and "imr_tui.report.merge" in modules
    assert "imr_tui.report.anonymise" in modules
    loaded = [m for m in modules if m.startswith(FRONT_ENDS)]
    assert loaded == []
