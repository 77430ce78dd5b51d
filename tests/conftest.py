"""Fixtures shared by the whole suite: the repository root, the shipped catalogue,
the ``imr`` command run in this process, and a fixed clock."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Protocol

import pytest

from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue, load_catalogue

FIXED_NOW = datetime(2026, 6, 1, 14, 2, 3, tzinfo=timezone(timedelta(hours=1)))
"""The time every test using the ``fixed_clock`` fixture runs at (a British summer day)."""


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout the tests run from (holds pyproject.toml and prompts/)."""
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The catalogue that ships with imr-tui."""
    return load_catalogue()


@pytest.fixture
def fixed_clock() -> Iterator[datetime]:
    """Stop the program's clock at :data:`FIXED_NOW` for one test."""
    clock.fix(FIXED_NOW)
    try:
        yield FIXED_NOW
    finally:
        clock.fix(None)


@dataclass(frozen=True)
class Result:
    """What one run of ``imr`` did, named as :class:`subprocess.CompletedProcess` names it."""

    returncode: int
    """The exit code."""
    stdout: str
    """Everything written to standard output."""
    stderr: str
    """Everything written to standard error."""


class Imr(Protocol):
    """Runs ``imr ARGS`` in this process, as a person runs it from a folder."""

    def __call__(
        self,
        *args: str | Path,
        cwd: Path | None = None,
        input: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Result: ...


@pytest.fixture
def imr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Imr:
    """``imr(*args, cwd=, input=, env=)``: the command run in this process.

    It runs in ``cwd`` (the test's ``tmp_path`` unless told), reads ``input`` as
    standard input (nothing, and not a terminal, unless told), sees ``env`` added
    to the environment, and returns the exit code and both outputs. An exception
    that escapes the command fails the test: the real command would have shown
    a traceback. One test in test_cli.py runs the installed script as a separate
    process.
    """

    def run(
        *args: str | Path,
        cwd: Path | None = None,
        input: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Result:
        from imr_tui.cli.main import main  # only when a test runs the command

        out, err = io.StringIO(), io.StringIO()
        with monkeypatch.context() as patch:
            patch.chdir(cwd or tmp_path)
            patch.setattr(sys, "stdin", io.StringIO(input or ""))
            patch.setenv("COLUMNS", "80")  # help text wrapped as without a terminal
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main([os.fspath(a) for a in args])
                except SystemExit as e:  # argparse: --help, --version, a usage error
                    if e.code is None or isinstance(e.code, int):
                        code = e.code or 0
                    else:  # as Python does with a message
                        print(e.code, file=sys.stderr)
                        code = 1
        return Result(code, out.getvalue(), err.getvalue())

    return run
