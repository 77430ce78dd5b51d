"""The language checks' word lists, loaded from ``prompts/language.toml``.

A board's ``--prompts`` folder may carry its own ``language.toml``; the one that ships
with imr-tui is used otherwise. Errors name the file and the key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from imr_tui.core.catalogue import load_data_file
from imr_tui.core.data_files import LANGUAGE_FILE, refuse_newer, shipped_dir

LANGUAGE_SCHEMA_VERSION = 1


class LanguageRules(BaseModel):
    """The layout of ``language.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = LANGUAGE_SCHEMA_VERSION
    """Version of this file's layout."""

    def model_post_init(self, context: object, /) -> None:
        refuse_newer(self.schema_version, LANGUAGE_SCHEMA_VERSION)


def load_language(path: Path | None = None) -> LanguageRules:
    """Load and validate a language file (default: the shipped ``language.toml``)."""
    return load_data_file(path, LANGUAGE_FILE, LanguageRules, "language checks' word lists")


@cache
def shipped_language() -> LanguageRules:
    """The ``language.toml`` that ships with imr-tui, loaded once."""
    return load_language(shipped_dir() / LANGUAGE_FILE)
