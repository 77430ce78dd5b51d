"""Fixtures shared by the whole suite: the repository root and the shipped catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from imr_tui.catalogue import Catalogue, load_catalogue

REPO_ROOT = Path(__file__).resolve().parent.parent
"""The checkout the tests run from (holds pyproject.toml and prompts/)."""


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The catalogue that ships with imr-tui."""
    return load_catalogue()
