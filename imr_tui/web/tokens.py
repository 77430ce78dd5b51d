"""The two access tokens of serve mode, kept so the addresses survive a restart.

The trainees' token opens the interview; the trainer's token opens the
trainer's page and nothing else opens it. Both are kept in
``WORKSPACE/.workshop/tokens.toml`` (folder 0700, file 0600), so the addresses
handed out at the start of a workshop still work after the server is restarted;
``imr serve --new-tokens`` replaces them (every old address stops working).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path

import tomli_w
from pydantic import Field, ValidationError

from imr_tui.core.errors import UserError
from imr_tui.core.model_base import FileModel
from imr_tui.core.toml_files import TOMLDecodeError, loads

TOKEN_PARAM = "token"
TRAINEE_COOKIE = "imr_serve_token"
TRAINER_COOKIE = "imr_trainer_token"
TOKENS_FILE = Path(".workshop") / "tokens.toml"


class Tokens(FileModel):
    """The trainees' and the trainer's tokens of one workspace."""

    schema_version: int = 1
    """Version of this file's layout."""
    trainee: str = Field(min_length=16, pattern=r"^[A-Za-z0-9_-]+$")
    """Opens the trainees' address (the interview)."""
    trainer: str = Field(min_length=16, pattern=r"^[A-Za-z0-9_-]+$")
    """Opens the trainer's address only: never give it to trainees."""


def new_token() -> str:
    """A fresh random access token."""
    return secrets.token_urlsafe(24)


def new_tokens() -> Tokens:
    """Two fresh tokens that differ."""
    return Tokens(trainee=new_token(), trainer=new_token())


def tokens_path(workspace: Path) -> Path:
    """Where the workspace's tokens are kept."""
    return workspace / TOKENS_FILE


def load_tokens(workspace: Path, *, renew: bool = False) -> Tokens:
    """The workspace's tokens: those kept from before, or new ones (kept) when asked or none."""
    path = tokens_path(workspace)
    if not renew and path.exists():
        return read_tokens(path)
    tokens = new_tokens()
    write_tokens(path, tokens)
    return tokens


def read_tokens(path: Path) -> Tokens:
    """The tokens kept in ``path``; a file that cannot be used is one plain line."""
    try:
        data = loads(path.read_text(encoding="utf-8"))
        tokens = Tokens.model_validate(data)
    except (OSError, UnicodeDecodeError, TOMLDecodeError, ValidationError) as e:
        reason = getattr(e, "strerror", None) or "not a tokens file"
        raise UserError(
            f"{path}: cannot be read ({reason}); start with --new-tokens to make new addresses"
        ) from e
    if tokens.trainee == tokens.trainer:
        raise UserError(f"{path}: the two tokens are the same; start with --new-tokens")
    return tokens


def write_tokens(path: Path, tokens: Tokens) -> None:
    """Keep ``tokens`` in ``path`` (folder 0700, file 0600), replacing it in one step."""
    path.parent.mkdir(mode=0o700, exist_ok=True)
    os.chmod(path.parent, 0o700)
    text = "# The addresses of 'imr serve'. Keep this file private.\n" + tomli_w.dumps(
        tokens.model_dump()
    )
    fd, temporary = tempfile.mkstemp(prefix=".tokens-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)  # mkstemp makes it 0600
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def token_ok(
    token: str,
    query: Mapping[str, str],
    cookies: Mapping[str, str],
    cookie: str = TRAINEE_COOKIE,
) -> bool:
    """Whether a request carries ``token``, in its address or in its cookie named ``cookie``."""
    return any(
        secrets.compare_digest(token.encode(), given.encode())
        for given in (query.get(TOKEN_PARAM), cookies.get(cookie))
        if given
    )
