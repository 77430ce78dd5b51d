"""What the tests of the panel's command line share: a small review, the comments as the
file holds them, and the shape of a refusal."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import ChronologyEntry, Heading, Recommendation, Review
from imr_tui.core.store import save

if TYPE_CHECKING:
    from conftest import Result

NAME_300 = "Ann " + "x" * 296
"""A 300-character name."""


def sample_review() -> Review:
    """Two entries (the later one first in the file), a heading and a recommendation."""
    return Review(
        headings=[Heading(id="h1", title="Was risk assessed?")],
        chronology=[
            ChronologyEntry(id="e2", date="2025-03-11", source="GP notes"),
            ChronologyEntry(id="e1", date="2025-01-02", source="Ward notes"),
        ],
        recommendations=[Recommendation(id="r1", recommendation="Train the team")],
    )


@pytest.fixture
def review(tmp_path: Path, catalogue: Catalogue) -> Path:
    """:func:`sample_review` saved as ``r.toml``."""
    path = tmp_path / "r.toml"
    save(path, sample_review(), catalogue)
    return path


def comments_of(path: Path) -> list[dict[str, Any]]:
    """The ``[[comments]]`` tables of the file, read as TOML."""
    data: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8")).get("comments", [])
    return data


def refused(result: Result, start: str, *, quiet: bool = False) -> None:
    """One line on standard error, exit status 2, no traceback (``quiet``: and nothing on
    standard output)."""
    assert result.returncode == 2, result
    assert result.stderr.startswith(start), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    if quiet:
        assert result.stdout == ""
