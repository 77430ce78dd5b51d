"""``imr serve``: the interview served to web browsers, for training workshops."""

from __future__ import annotations

import argparse
from pathlib import Path

from imr_tui.cli.common import data_files


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Register ``imr serve`` and its options."""
    p_serve = sub.add_parser(
        "serve",
        parents=[common],
        help="serve the interview to web browsers, for training (needs imr-tui[web])",
        description=(
            "Serve the interview to web browsers for a training workshop. Each browser "
            "session asks the trainee's name and works in its own sub-folder of DIR. "
            "The address printed on start holds a random token; requests without it are "
            "refused. Needs the 'web' extra: pip install 'imr-tui[web]'."
        ),
    )
    p_serve.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        required=True,
        help="folder that holds one sub-folder per trainee",
    )
    p_serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    p_serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p_serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other machines can reach (training with fictional cases only)",
    )
    p_serve.add_argument(
        "--training",
        action="store_true",
        help="show the trainers' notes: why each prompt matters, and model answers",
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the interview until interrupted."""
    from imr_tui.web.serve import run_server

    _ = data_files(args).catalogue  # a broken catalogue is reported now, not per session
    return run_server(
        args.workspace,
        host=args.host,
        port=args.port,
        allow_remote=args.allow_remote,
        prompts=args.prompts,
        training=args.training,
    )
