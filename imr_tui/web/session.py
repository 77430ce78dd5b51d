"""One browser session of serve mode: the command the server runs for it, and its entry point.

The server fixes the commands (:func:`session_command`, and :func:`trainer_command`
for the trainer's page); the browser sends only
keystrokes and its window size, so it cannot point a session at another folder.
``python -m imr_tui.web.session WORKSPACE [--prompts PATH] [--training]`` asks the
trainee's name, then runs the start screen in their folder (:func:`session_main`).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path


def session_command(workspace: Path, prompts: Path | None = None, *, training: bool = False) -> str:
    """The shell command each browser session runs (textual-serve runs it with a shell)."""
    argv = [sys.executable, "-m", "imr_tui.web.session", str(workspace.resolve())]
    if prompts is not None:
        argv += ["--prompts", str(prompts.resolve())]
    if training:
        argv.append("--training")
    # exec: the app itself gets the signals (it saves on SIGTERM and SIGHUP).
    return "exec " + shlex.join(argv)


def trainer_command(
    workspace: Path, prompts: Path | None = None, cases: Path | None = None, example: bool = False
) -> str:
    """The shell command the trainer's page runs: the trainer's app for ``workspace``."""
    argv = [sys.executable, "-m", "imr_tui.web.trainer_session", str(workspace.resolve())]
    if prompts is not None:
        argv += ["--prompts", str(prompts.resolve())]
    if cases is not None:
        argv += ["--cases", str(cases.resolve())]
    if example:
        argv.append("--example")
    return "exec " + shlex.join(argv)


def session_main(argv: Sequence[str]) -> int:
    """One browser session: the trainee's folder, then the start screen there."""
    parser = argparse.ArgumentParser(prog="python -m imr_tui.web.session", add_help=False)
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--prompts", type=Path)
    parser.add_argument("--training", action="store_true")
    args = parser.parse_args(argv)
    os.umask(0o077)
    from imr_tui.web.tuning import tune_session

    tune_session()
    from imr_tui.core.data_files import DataFiles
    from imr_tui.tui.app import create_app
    from imr_tui.tui.safe_app import responsive_to_typing

    data = DataFiles.resolve(args.prompts)  # the board's glossary and headings too
    app = create_app(
        data.catalogue,
        workspace=args.workspace,
        handle_signals=True,
        training=args.training,
        ask_folder=True,
        data_files=data,
    )
    responsive_to_typing()
    code = app.run()
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    raise SystemExit(session_main(sys.argv[1:]))
