"""``imr serve``: the interview served to web browsers, for training workshops."""

from __future__ import annotations

import argparse
from pathlib import Path

from imr_tui.cli.common import data_files
from imr_tui.core.errors import UserError


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
            "Two addresses are printed on start, one for trainees and one for the trainer "
            "only, each with its own token; requests without it are refused. "
            "Needs the 'web' extra: pip install 'imr-tui[web]'."
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
    p_serve.add_argument(
        "--cases",
        type=Path,
        metavar="FOLDER",
        help="folder of starting files (*.toml) the trainer can hand out to trainees",
    )
    p_serve.add_argument(
        "--example",
        action="store_true",
        help="let the trainer hand out the worked example as a case",
    )
    p_serve.add_argument(
        "--tls-cert",
        type=Path,
        metavar="FILE",
        help="serve HTTPS with this certificate (PEM; with --tls-key)",
    )
    p_serve.add_argument(
        "--tls-key", type=Path, metavar="FILE", help="the certificate's private key (PEM)"
    )
    p_serve.add_argument(
        "--new-tokens",
        action="store_true",
        help="make new addresses (the old ones stop working); otherwise they are kept "
        "in DIR/.workshop/tokens.toml and stay the same across restarts",
    )
    p_serve.add_argument(
        "--max-sessions",
        type=int,
        default=60,
        metavar="N",
        help="browser sessions served at once, the trainer's included (default: 60; "
        "each takes about 80 MiB)",
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the interview until interrupted."""
    from imr_tui.web.serve import run_server

    if args.max_sessions < 1:
        raise UserError("--max-sessions must be at least 1")
    _ = data_files(args).catalogue  # a broken catalogue is reported now, not per session
    return run_server(
        args.workspace,
        host=args.host,
        port=args.port,
        allow_remote=args.allow_remote,
        prompts=args.prompts,
        training=args.training,
        cases=args.cases,
        example=args.example,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        new_tokens=args.new_tokens,
        max_sessions=args.max_sessions,
    )
