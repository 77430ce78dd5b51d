"""``imr trainer``: what it refuses before anything is drawn (one line, exit 2)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Imr


def test_missing_workspace_is_one_line_exit_2(imr: Imr, tmp_path: Path) -> None:
    result = imr("trainer", "--workspace", tmp_path / "no-such-room")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no-such-room" in lines[0] and "no such folder" in lines[0]
    assert "Traceback" not in result.stderr


def test_workspace_that_is_a_file_is_refused(imr: Imr, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "room.toml"
    not_a_folder.write_text("x = 1\n", encoding="utf-8")
    result = imr("trainer", "--workspace", not_a_folder)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert not_a_folder.read_text(encoding="utf-8") == "x = 1\n"  # untouched


def test_missing_cases_folder_is_one_line(imr: Imr, tmp_path: Path) -> None:
    room = tmp_path / "room"
    room.mkdir()
    result = imr("trainer", "--workspace", room, "--cases", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "nowhere" in result.stderr and "case files" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_without_a_terminal_says_so(imr: Imr, tmp_path: Path) -> None:
    room = tmp_path / "room"
    room.mkdir()
    result = imr("trainer", "--workspace", room, "--example")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert list(room.iterdir()) == []  # nothing made in the workshop's folder
