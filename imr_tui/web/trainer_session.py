"""The trainer's browser session of serve mode: the trainer's app in the workshop's folder.

``python -m imr_tui.web.trainer_session WORKSPACE [--prompts P] [--cases F] [--example]``:
the server runs it for the trainer's address (its own token); the browser sends only
keystrokes and its window size, so it cannot point the session anywhere else.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def trainer_main(argv: Sequence[str]) -> int:
    """One trainer's session: the room of ``WORKSPACE``."""
    parser = argparse.ArgumentParser(prog="python -m imr_tui.web.trainer_session", add_help=False)
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--prompts", type=Path)
    parser.add_argument("--cases", type=Path)
    parser.add_argument("--example", action="store_true")
    args = parser.parse_args(argv)
    from imr_tui.web.tuning import tune_session

    tune_session()
    os.umask(0o077)
    from imr_tui.core.data_files import DataFiles
    from imr_tui.tui.trainer.app import TrainerApp

    data = DataFiles.resolve(args.prompts)
    app = TrainerApp(
        args.workspace,
        data.catalogue,
        data,
        cases_folder=args.cases,
        example=args.example,
        handle_signals=True,
    )
    code = app.run()
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    raise SystemExit(trainer_main(sys.argv[1:]))
