"""The real ``imr`` command, run as a user runs it: output, exit codes and plain errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import tomli_w

from imr_tui import __version__
from imr_tui.core.catalogue import Catalogue, default_prompts_dir

if TYPE_CHECKING:
    from conftest import Imr


@pytest.fixture
def ok(imr: Imr) -> Callable[..., str]:
    """``ok(*args)``: run ``imr ARGS``, insist it succeeded quietly, return its output."""

    def run(*args: str) -> str:
        result = imr(*args)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        return result.stdout

    return run


def folder_state(folder: Path) -> dict[str, bytes | None]:
    """Every file under a folder with its bytes (None for folders)."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_help(ok: Callable[..., str], tmp_path: Path) -> None:
    out = ok("--help")
    assert out.startswith("usage: imr ")
    for word in ("open", "new", "export", "--version", "--plain", "--accessible"):
        assert word in out
    for command in ("open", "plain"):
        options = ok(command, "--help")
        assert "--accessible" in options and "--editor" in options
    assert "--output" in ok("export", "--help")
    assert "--prompts" in ok("new", "--help")


def test_version(ok: Callable[..., str], tmp_path: Path) -> None:
    assert ok("--version") == f"imr-tui {__version__}\n"


def test_new_then_export_gives_the_skeleton(
    ok: Callable[..., str], tmp_path: Path, catalogue: Catalogue
) -> None:
    assert ok("new", "r.toml") == "Created r.toml. Open it with: imr r.toml\n"
    said = ok("export", "r.toml", "-o", "out.md").splitlines()
    assert said[0] == "Exported to out.md"
    assert said[1].startswith("This is a draft: 'imr check' finds ")
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert headings(markdown)[0] == f"# {catalogue.title}"
    # The template's own words use abbreviations (IMR, DOB): the glossary lists them,
    # before the endorsement.
    sections = [f"## {s.heading}" for s in catalogue.sections if s.heading]
    sections.insert(-1, "## Glossary of abbreviations")
    assert [h for h in headings(markdown) if h.startswith("## ")] == sections
    assert "*Not yet answered*" in markdown
    for name in ("r.toml", "out.md"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md", "r.toml"]


def test_export_defaults_to_the_review_name_with_md(ok: Callable[..., str], tmp_path: Path) -> None:
    ok("new", "my review.toml")
    said = ok("export", "my review.toml").splitlines()
    assert said[0] == "Exported to my review.md"
    assert said[1].startswith("This is a draft: 'imr check' finds ")
    assert (tmp_path / "my review.md").read_text(encoding="utf-8").startswith("# ")


def test_export_shows_the_answers(ok: Callable[..., str], tmp_path: Path) -> None:
    ok("new", "r.toml")
    path = tmp_path / "r.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["answers"] = {"agency": "Northshire | Trust", "summary": "# Line one\n- line two"}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    ok("export", "r.toml")
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| Name of Agency | Northshire \\| Trust |" in markdown
    assert "\\# Line one\\\n\\- line two" in markdown


# ---------------------------------------------------------------- errors

Setup = Callable[[Path], list[str]]
"""Prepares a folder; returns the arguments that must fail there."""


def write_review(folder: Path, text: str | bytes) -> None:
    path = folder / "r.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def broken_catalogue(folder: Path) -> None:
    with (default_prompts_dir() / "imr.toml").open("rb") as f:
        data = tomllib.load(f)
    data["sections"][4]["prompts"][2]["kind"] = "essay"
    (folder / "board.toml").write_text(tomli_w.dumps(data), encoding="utf-8")


def case_missing(folder: Path) -> list[str]:
    return ["export", "nothere.toml"]


def case_folder(folder: Path) -> list[str]:
    (folder / "r.toml").mkdir()
    return ["export", "r.toml"]


def case_not_utf8(folder: Path) -> list[str]:
    write_review(folder, b'[answers]\nsummary = "\xff\xfe"\n')
    return ["export", "r.toml"]


def case_malformed(folder: Path) -> list[str]:
    write_review(folder, '[answers]\nsummary = "unterminated\n')
    return ["export", "r.toml"]


def case_invalid_value(folder: Path) -> list[str]:
    write_review(folder, '[review_period]\nstart = "2025-02-01"\nend = "2025-01-01"\n')
    return ["export", "r.toml"]


def case_newer(folder: Path) -> list[str]:
    write_review(folder, 'schema_version = 7\n[answers]\nsummary = "from the future"\n')
    return ["export", "r.toml"]


def case_new_over_existing(folder: Path) -> list[str]:
    write_review(folder, '[answers]\nsummary = "precious"\n')
    return ["new", "r.toml"]


def case_export_catalogue(folder: Path) -> list[str]:
    write_review(folder, '[answers]\nsummary = "text"\n')
    broken_catalogue(folder)
    return ["export", "r.toml", "--prompts", "board.toml"]


def case_new_catalogue(folder: Path) -> list[str]:
    broken_catalogue(folder)
    return ["new", "r.toml", "--prompts", "board.toml"]


def case_export_onto_itself(folder: Path) -> list[str]:
    write_review(folder, '[answers]\nsummary = "text"\n')
    return ["export", "r.toml", "-o", "./r.toml"]


def case_export_into_missing_folder(folder: Path) -> list[str]:
    write_review(folder, '[answers]\nsummary = "text"\n')
    return ["export", "r.toml", "-o", "nowhere/r.md"]


def case_new_in_missing_folder(folder: Path) -> list[str]:
    return ["new", "nowhere/r.toml"]


ERRORS: list[tuple[Setup, str]] = [
    (case_missing, "imr: nothere.toml: no such review file"),
    (case_folder, "imr: r.toml: is a folder, not a review file"),
    (case_not_utf8, "imr: r.toml: line 2: not valid UTF-8 text"),
    (case_malformed, "imr: r.toml: line 2, column "),
    (case_invalid_value, "imr: r.toml: 'review_period': the review period starts"),
    (case_newer, "imr: r.toml: was written by a newer imr-tui (file layout 7"),
    (case_new_over_existing, "imr: r.toml: already exists"),
    (
        case_export_catalogue,
        "imr: board.toml: sections[4].prompts[2]: 'kind' must be one of 'text',",
    ),
    (case_new_catalogue, "imr: board.toml: sections[4].prompts[2]: 'kind' must be one of"),
    (case_export_onto_itself, "imr: r.toml: the export would overwrite the review itself"),
    (case_export_into_missing_folder, "imr: could not write nowhere/r.md: No such file"),
    (case_new_in_missing_folder, "imr: nowhere/r.toml: the folder nowhere does not exist"),
]


@pytest.mark.parametrize(
    ("setup", "expected"),
    [pytest.param(*case, id=case[0].__name__.removeprefix("case_")) for case in ERRORS],
)
def test_errors_are_one_plain_line(imr: Imr, tmp_path: Path, setup: Setup, expected: str) -> None:
    args = setup(tmp_path)
    before = folder_state(tmp_path)
    result = imr(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert result.stderr.startswith(expected), result.stderr
    assert folder_state(tmp_path) == before


SCRIPT = Path(sys.executable).with_name("imr")


@pytest.mark.skipif(not SCRIPT.is_file(), reason="the imr script is not installed beside Python")
def test_the_installed_command_exits_plainly(tmp_path: Path) -> None:
    """The real script, as a separate process: exit codes, and one line, never a traceback."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )

    assert run("--version").stdout == f"imr-tui {__version__}\n"
    created = run("new", "r.toml")
    assert (created.returncode, created.stderr) == (0, ""), created.stderr
    missing = run("export", "nothere.toml")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "imr: nothere.toml: no such review file\n"
    usage = run("export")
    assert usage.returncode == 2 and usage.stderr.startswith("usage: imr export")
    assert "Traceback" not in usage.stderr


def test_the_program_reads_the_one_clock(imr: Imr, fixed_clock: datetime, tmp_path: Path) -> None:
    """With the clock fixed, the file says the fixed time: every stamp comes from it."""
    assert imr("new", "r.toml").returncode == 0
    meta = tomllib.loads((tmp_path / "r.toml").read_text(encoding="utf-8"))["meta"]
    assert meta["created"] == meta["last_saved"] == fixed_clock.isoformat()


def test_an_authors_control_characters_are_printed_as_symbols(imr: Imr, tmp_path: Path) -> None:
    """Text the author typed (here a name with an escape sequence that would turn a
    terminal red, and a bell) is printed by the commands as visible symbols."""
    assert imr("new", "r.toml").returncode == 0
    added = imr("pseudonyms", "r.toml", "add", "Ann\x1b[31mRed\x07", "Adult A")
    assert added.returncode == 0, added.stderr
    listed = imr("pseudonyms", "r.toml")
    assert "Ann\u241b[31mRed\u2407 -> Adult A" in listed.stdout
    for result in (added, listed):
        assert "\x1b" not in result.stdout + result.stderr
        assert "\x07" not in result.stdout + result.stderr
