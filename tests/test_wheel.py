"""The built wheel installs into a fresh environment and works without the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from imr_tui import __version__
from imr_tui.core.catalogue import Catalogue


def run(cmd: list[str | Path], cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{cmd} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path: Path, repo_root: Path, catalogue: Catalogue) -> None:
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, repo_root], tmp_path)
    (wheel,) = dist.glob("imr_tui-*.whl")
    assert wheel.name.startswith(f"imr_tui-{__version__}-")
    names = zipfile.ZipFile(wheel).namelist()
    assert "imr_tui/prompts/imr.toml" in names
    assert not [n for n in names if n.startswith(("tests/", ".venv/"))]

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path)
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(
        [venv / "bin" / "python", "-c", "import imr_tui; print(imr_tui.__file__)"], elsewhere
    )
    assert Path(where.strip()).is_relative_to(venv)

    imr = venv / "bin" / "imr"
    assert "export" in run([imr, "--help"], elsewhere)
    run([imr, "new", "r.toml"], elsewhere)
    run([imr, "export", "r.toml"], elsewhere)
    markdown = (elsewhere / "r.md").read_text(encoding="utf-8")
    assert markdown.startswith(f"# {catalogue.title}\n")
    for section in catalogue.sections:
        if section.heading:
            assert f"\n## {section.heading}\n" in markdown
