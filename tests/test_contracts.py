"""The architecture's contracts (in ``pyproject.toml``) hold: the core, the report and the
checks import no front end, and the Textual interview and plain mode never import each
other. ``make check`` runs the same command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout
    assert result.stdout.count("KEPT") >= 3


def test_a_front_end_import_in_the_core_breaks_a_contract(tmp_path: Path) -> None:
    """The contracts really look: a copy of the package whose core imports Textual fails."""
    import shutil

    copy = tmp_path / "imr_tui"
    shutil.copytree(ROOT / "imr_tui", copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    steps = copy / "core" / "steps.py"
    steps.write_text("import textual.app\n" + steps.read_text(encoding="utf-8"), encoding="utf-8")
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "imr_tui.core.steps -> textual" in result.stdout
    assert "BROKEN" in result.stdout
