"""The one rule for review names, and listing a workspace that holds things no one can open."""

from __future__ import annotations

import contextlib
import errno
import os
import pty
import select
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.store import create
from imr_tui.core.workspace import (
    MAX_NAME_BYTES,
    list_reviews,
    name_problem,
    review_file_name,
    review_files,
    review_in,
)

ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "IMR_PLAIN")}

# ---------------------------------------------------------------- running imr as an author

AS_AUTHOR = (
    "import ctypes, os, sys\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH: how root reads past modes\n"
    "    libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP: neither is held after exec\n"
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])\n"
)
"""Runs Python with file modes applying to it, even when the tests run as root."""


def as_author(*args: str) -> list[str]:
    """``python ARGS`` run so that a file's mode can stop it reading (see :data:`AS_AUTHOR`)."""
    return [sys.executable, "-c", AS_AUTHOR, *args]


def imr_as_author(*args: str) -> str:
    """The shell command that runs this checkout's imr as an author would run it."""
    return shlex.join(as_author("-m", "imr_tui", *args))


@contextlib.contextmanager
def locked_entries(workspace: Path) -> Iterator[None]:
    """Put entries the author cannot read in ``workspace``; skip if modes stop no one here.

    ``secret.toml`` is a review with no permissions; ``link.toml`` links into a folder
    the author may not enter; ``closed.toml`` is such a folder itself.
    """
    secret = workspace / "secret.toml"
    secret.write_text('agency = "Hidden"\n', encoding="utf-8")
    locked = workspace / "locked"
    locked.mkdir()
    (locked / "inner.toml").write_text("", encoding="utf-8")
    (workspace / "link.toml").symlink_to(locked / "inner.toml")
    closed = workspace / "closed.toml"
    closed.mkdir()
    for path in (secret, locked, closed):
        path.chmod(0)
    try:
        probe = subprocess.run(
            as_author("-c", f"open({str(secret)!r}).read()"), capture_output=True, timeout=20
        )
        if probe.returncode == 0:
            pytest.skip("file modes do not stop reading here")
        yield
    finally:
        for path in (secret, locked, closed):
            path.chmod(0o700)


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "Type a name for the review"),
        ("  ", "Type a name for the review"),
        (".toml", "cannot start with a dot"),
        ("../x", "cannot hold / or \\"),
        ("a/b", "cannot hold / or \\"),
        ("/etc/passwd", "cannot hold / or \\"),
        ("a\\b", "cannot hold / or \\"),
        ("..", "cannot start with a dot"),
        (".", "cannot start with a dot"),
        (".hidden", "cannot start with a dot"),
        ("a..b", "two dots together"),
        ("ends.", "two dots together or end with a dot"),
        ("a\nb", "control characters"),
        ("a\tb", "control characters"),
        ("a\x1b[31mb", "control characters"),
        ("\u202eevil", "control characters"),  # turns the rest of the name round on screen
        ("[@click=app.bell]z", "square brackets"),
        ("[red]x", "square brackets"),
        ("Supervision [b]", "square brackets"),
        ("name.toml.bak", "looks like a backup or lock file"),
        ("name.bak", "looks like a backup or lock file"),
        ("name.lock", "looks like a backup or lock file"),
        ("name.tmp", "looks like a backup or lock file"),
        ("name.toml.toml", "looks like a backup or lock file"),
        ("name.toml.old", "looks like a backup or lock file"),
        ("name~", "looks like a backup or lock file"),
        ("a*b", "cannot hold *: only letters, numbers"),
        ("a:b", "cannot hold :: only letters, numbers"),
        ("-rf", "must start with a letter or a number"),
        ("x" * 300, "too long for a file (300 characters): shorten it to 215 characters"),
        ("é" * 120, "too long for a file (120 characters): shorten it to 107 characters"),
    ],
)
def test_names_the_rule_refuses(tmp_path: Path, name: str, why: str) -> None:
    problem = name_problem(name)
    assert why in problem
    assert "\n" not in problem and problem.endswith(".")
    with pytest.raises(UserError) as refused:
        review_in(tmp_path, name)
    assert str(refused.value) == problem
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("adult a", "adult a.toml"),
        ("  AB-2025  ", "AB-2025.toml"),
        ("x.toml", "x.toml"),
        ("X.TOML", "X.toml"),
        ("O'Brien (v1.2), draft", "O'Brien (v1.2), draft.toml"),
        ("Zoë_2025", "Zoë_2025.toml"),
        ("Zoe\u0308", "Zoë.toml"),  # the same letter, typed as two characters
        ("x" * 215, "x" * 215 + ".toml"),
    ],
)
def test_names_the_rule_accepts(tmp_path: Path, name: str, file: str) -> None:
    assert name_problem(name) == ""
    assert review_file_name(name) == file
    assert review_in(tmp_path, name) == tmp_path.resolve() / file


def test_the_longest_name_leaves_room_for_the_lock_beside_it(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    from imr_tui.core.lock import ReviewLock

    name = "x" * (MAX_NAME_BYTES - len(".toml"))
    path = review_in(tmp_path, name)
    create(path, catalogue)
    with ReviewLock.acquire(path):
        pass
    assert name_problem(name + "x") != ""


def test_names_taken_by_a_link_a_folder_or_a_pipe_are_refused(tmp_path: Path) -> None:
    (tmp_path / "in.toml").symlink_to(tmp_path / "elsewhere.toml")
    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "pipe.toml")
    with pytest.raises(UserError, match=r"in\.toml is a link that may lead outside this folder"):
        review_in(tmp_path, "in")
    for name in ("folder", "pipe"):
        with pytest.raises(UserError, match=rf"{name}\.toml is taken by a folder or special file"):
            review_in(tmp_path, name)


# ---------------------------------------------------------------- listing


def test_listing_names_what_cannot_be_opened_and_opens_no_pipe(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    create(tmp_path / "r.toml", catalogue)
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    (tmp_path / "out.toml").symlink_to(tmp_path / "r.toml")
    (tmp_path / "folder.toml").mkdir()
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / ".hidden.toml").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    opened: list[str] = []
    real_open = os.open

    def spy(path: str | Path, flags: int, *args: int, **kw: int) -> int:
        opened.append(Path(path).name)
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", spy)
    listed = {x.name: x.problem for x in list_reviews(tmp_path)}
    assert listed == {
        "folder.toml": "is a folder, not a review file",
        "gone.toml": "cannot be read (it links to a file that does not exist)",
        "loop.toml": "cannot be read (it is a link that leads round in a loop)",
        "out.toml": "is a link to another file: only review files kept in this folder are opened",
        "pipe.toml": "is a special file (such as a pipe), not a review file",
        "r.toml": "",
    }
    assert opened == ["r.toml"]
    assert review_files(tmp_path) == [tmp_path / "r.toml"]


def test_listing_says_when_a_file_cannot_be_read(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom imr_tui.core.workspace import list_reviews\n"
        "for x in list_reviews(Path(sys.argv[1])):\n    print(x.line())\n"
    )
    with locked_entries(tmp_path):
        result = subprocess.run(
            as_author("-c", code, str(tmp_path)), capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "closed.toml — is a folder, not a review file",
        "link.toml — cannot be read (permission denied)",
        "secret.toml — cannot be read (permission denied)",
    ]


def test_a_folder_that_cannot_be_read_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(UserError) as caught:
        list_reviews(tmp_path)
    assert str(caught.value) == f"{tmp_path.name}: this folder cannot be read (permission denied)"


# ---------------------------------------------------------------- the command line


def in_a_terminal(folder: Path, argv: list[str], timeout: float = 20.0) -> tuple[int, str]:
    """Run ``argv`` with a terminal for stdin and stdout; return its exit code and output."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        argv,
        cwd=folder,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**ENV, "TERM": "xterm"},
        close_fds=True,
    )
    os.close(follower)
    out = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:  # the terminal closed: imr ended
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)
    return code, out.decode("utf-8", "replace")


@pytest.mark.parametrize("mode", ["plain", "open"])
@pytest.mark.parametrize(
    ("file", "said"),
    [
        ("pipe.toml", "pipe.toml: is a special file (such as a pipe), not a review"),
        ("x" * 300 + ".toml", "that name is too long for a file (300 characters)"),
        ("[@click=app.bell]z.toml", "a review name cannot hold square brackets [ ]."),
        ("name.toml.bak", "that name looks like a backup or lock file"),
    ],
    ids=["pipe", "too-long", "markup", "backup"],
)
def test_interactive_modes_refuse_such_a_file_in_one_line(
    tmp_path: Path, mode: str, file: str, said: str
) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    code, out = in_a_terminal(tmp_path, [sys.executable, "-m", "imr_tui", mode, file])
    assert code == 2, out
    assert out.startswith("imr: ") and out.count("\n") == 1, out
    assert said in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.toml"]


@pytest.mark.parametrize(
    ("file", "said"),
    [
        ("x" * 300 + ".toml", "that name is too long for a file (300 characters)"),
        ("name.toml.bak", "that name looks like a backup or lock file, not a review"),
        ("[red]x.toml", "a review name cannot hold square brackets [ ]."),
        (".hidden.toml", "a review name cannot start with a dot"),
    ],
)
def test_imr_new_follows_the_rule(tmp_path: Path, file: str, said: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "imr_tui", "new", file],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"imr: {file}: {said}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("mode", ["plain", "open"])
def test_an_interactive_mode_refuses_a_workspace_it_cannot_read(tmp_path: Path, mode: str) -> None:
    workspace = tmp_path / "reviews"
    workspace.mkdir()
    with locked_entries(workspace):
        workspace.chmod(0)
        try:
            argv = as_author("-m", "imr_tui", mode, "--workspace", str(workspace))
            code, out = in_a_terminal(tmp_path, argv)
        finally:
            workspace.chmod(0o700)
    assert code == 2, out
    assert out == "imr: reviews: this folder cannot be read (permission denied)\r\n"
