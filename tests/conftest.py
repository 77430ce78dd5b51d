"""Fixtures shared by the whole suite: the repository root and the shipped catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from imr_tui.core.catalogue import Catalogue, load_catalogue


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout the tests run from (holds pyproject.toml and prompts/)."""
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The catalogue that ships with imr-tui."""
    return load_catalogue()
