"""The data files under ``prompts/``, resolved once from ``--prompts``.

A board's ``--prompts`` names its catalogue: a folder holding ``imr.toml``, or a
``.toml`` file. The other data files (the glossary ``abbreviations.toml``, the
spreadsheet headings ``columns.toml``, the worked example ``example.toml``, the
language checks' word lists ``language.toml``) are
looked for beside it; each one the board's folder lacks is the one that ships with
imr-tui, and :meth:`DataFiles.fallback_note` says which. Every command, the
interview, serve mode and plain mode take their data files from one
:class:`DataFiles`, so ``--prompts`` means the same everywhere.

This module is core: it imports no front end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imr_tui.checks.glossary import Glossary
    from imr_tui.checks.language_rules import LanguageRules
    from imr_tui.chronology.mapping import Synonyms
    from imr_tui.core.catalogue import Catalogue

CATALOGUE_FILE = "imr.toml"
GLOSSARY_FILE = "abbreviations.toml"
COLUMNS_FILE = "columns.toml"
EXAMPLE_FILE = "example.toml"
LANGUAGE_FILE = "language.toml"
BESIDE_CATALOGUE = (GLOSSARY_FILE, COLUMNS_FILE, EXAMPLE_FILE, LANGUAGE_FILE)
"""The data files looked for beside a board's catalogue, falling back to the shipped ones."""


def refuse_newer(schema_version: int, understood: int) -> None:
    """The one rule for every data file: a layout newer than this imr-tui is refused."""
    if schema_version > understood:
        raise ValueError(
            f"schema_version {schema_version} is newer than this version of imr-tui "
            f"understands ({understood})"
        )


def shipped_dir() -> Path:
    """The folder of data files that ships with imr-tui."""
    from imr_tui.core.catalogue import default_prompts_dir

    return default_prompts_dir()


def board_folder(prompts: Path | None) -> Path | None:
    """The folder a ``--prompts`` catalogue lives in (None without ``--prompts``)."""
    if prompts is None:
        return None
    return prompts if prompts.is_dir() else prompts.parent


def path_for(prompts: Path | None, name: str) -> Path:
    """The data file ``name`` going with a ``--prompts`` catalogue, else the shipped one."""
    folder = board_folder(prompts)
    if folder is not None and (folder / name).is_file():
        return folder / name
    return shipped_dir() / name


@dataclass(frozen=True)
class DataFiles:
    """Where each data file comes from, and their contents, loaded when first needed."""

    prompts: Path | None
    """``--prompts`` as given (None: everything is shipped)."""
    catalogue_path: Path
    """The catalogue: the board's (never a fallback) or the shipped ``imr.toml``."""
    glossary_path: Path
    """``abbreviations.toml``."""
    columns_path: Path
    """``columns.toml``."""
    example_path: Path
    """``example.toml``."""
    language_path: Path
    """``language.toml``."""
    fallbacks: tuple[str, ...] = ()
    """The data files the board's folder lacks, so the shipped ones are used."""

    @classmethod
    def resolve(cls, prompts: Path | None = None) -> DataFiles:
        """Look every data file up once, for ``--prompts`` (or None for the shipped ones)."""
        if prompts is None:
            catalogue_path = shipped_dir() / CATALOGUE_FILE
        else:
            catalogue_path = prompts / CATALOGUE_FILE if prompts.is_dir() else prompts
        paths = {name: path_for(prompts, name) for name in BESIDE_CATALOGUE}
        folder = board_folder(prompts)
        fallbacks = tuple(
            n for n in BESIDE_CATALOGUE if folder is not None and paths[n].parent != folder
        )
        return cls(
            prompts=prompts,
            catalogue_path=catalogue_path,
            glossary_path=paths[GLOSSARY_FILE],
            columns_path=paths[COLUMNS_FILE],
            example_path=paths[EXAMPLE_FILE],
            language_path=paths[LANGUAGE_FILE],
            fallbacks=fallbacks,
        )

    def fallback_note(self) -> str | None:
        """One line naming the shipped files used for a board's folder that lacks them."""
        folder = board_folder(self.prompts)
        if folder is None or not self.fallbacks:
            return None
        names = list(self.fallbacks)
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"Using the shipped {listed}: none in {folder}"

    @cached_property
    def catalogue(self) -> Catalogue:
        """The prompt catalogue."""
        from imr_tui.core.catalogue import load_catalogue

        return load_catalogue(self.catalogue_path)

    @cached_property
    def glossary(self) -> Glossary:
        """The glossary of abbreviations, carrying the language checks' word lists
        (every check that reads the glossary reads them from it)."""
        from imr_tui.checks.glossary import load_glossary

        return load_glossary(self.glossary_path, language=self.language)

    @cached_property
    def language(self) -> LanguageRules:
        """The language checks' word lists."""
        from imr_tui.checks.language_rules import load_language

        return load_language(self.language_path)

    @cached_property
    def synonyms(self) -> Synonyms:
        """The known spreadsheet headings."""
        from imr_tui.chronology.mapping import load_synonyms

        return load_synonyms(self.columns_path)
