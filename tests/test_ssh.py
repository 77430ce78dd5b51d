"""The deployment, end to end: a real OpenSSH server whose ForceCommand is imr.

An author connects with the real ``ssh -tt`` client (inside tmux at 80x24),
types answers, and the connection is killed mid-answer. The review on the
server must hold every word typed up to the kill, and reconnecting must resume
at the same prompt with the text there: in the Textual interview and in plain
mode. The system programs are installed by ``scripts/system-deps.sh`` (run by
``make test``); this test is never skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from terminal import LinePrompts, Prompts, Terminal, until, wait_gone

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.lock import lock_path
from imr_tui.core.store import create, load

SSHD = "/usr/sbin/sshd"
SFTP_SERVER = "/usr/lib/openssh/sftp-server"
DOC = Path(__file__).resolve().parent.parent / "docs" / "ssh.md"


def documented_block(first_line: str) -> str:
    """The code block of docs/ssh.md that starts with ``first_line``."""
    for block in re.findall(r"```[a-z]*\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        if block.startswith(first_line):
            return str(block)
    raise AssertionError(f"docs/ssh.md has no block starting {first_line!r}")


def documented_wrapper(workspace: Path, app_pid_file: Path) -> str:
    """docs/ssh.md's forced command, run against this checkout and a test workspace.

    It also writes its pid (which ``exec`` hands on to imr) so the test can watch imr.
    """
    script = documented_block("#!/bin/sh\n# /usr/local/bin/imr-ssh")
    folder = shlex.quote(str(workspace))
    assert script.count('"$HOME/reviews"') == 2 and script.count("exec imr ") == 1
    script = script.replace('"$HOME/reviews"', folder)
    script = script.replace("exec imr ", f"exec {shlex.quote(sys.executable)} -m imr_tui ")
    pid_line = f"echo $$ > {shlex.quote(str(app_pid_file))}\n"
    return script.replace("\n", "\n" + pid_line, 1)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "imr-test", "-f", str(path)],
        check=True,
        timeout=30,
    )


@dataclass
class Server:
    """A running sshd serving imr, and how to reach it."""

    port: int
    client_key: Path
    known_hosts: Path
    workspace: Path
    app_pid_file: Path
    log: Path
    pid: int

    def options(self, port_flag: str = "-p") -> list[str]:
        """How the client reaches this server with the test's key."""
        return [
            port_flag,
            str(self.port),
            "-i",
            str(self.client_key),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            f"UserKnownHostsFile={self.known_hosts}",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
        ]

    def ssh(self, term_type: str = "", *extra: str) -> str:
        """The client command line an author would type."""
        env = f"env TERM={term_type} " if term_type else ""
        args = ["ssh", "-tt", *self.options(), *extra, "root@127.0.0.1"]
        return env + " ".join(shlex.quote(a) for a in args)

    def app_pid(self, previous: int | None = None, timeout: float = 15.0) -> int:
        """The pid of imr on the server for the newest connection."""

        def started() -> int | None:
            try:
                pid = int(self.app_pid_file.read_text().strip())
            except (FileNotFoundError, ValueError):
                return None
            return pid if pid != previous else None

        if (pid := until(started, timeout)) is not None:
            return pid
        raise AssertionError(f"imr did not start on the server; sshd log:\n{self.log.read_text()}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """sshd on 127.0.0.1 at a free port, keys made for the test, imr as the ForceCommand."""
    with serving_imr(tmp_path) as running:
        yield running


@contextlib.contextmanager
def serving_imr(tmp_path: Path) -> Iterator[Server]:
    """The :func:`server` fixture's sshd, for a benchmark too (files under ``tmp_path``)."""
    assert Path(SSHD).is_file(), "openssh-server is missing: run scripts/system-deps.sh"
    etc = tmp_path / "sshd"
    etc.mkdir()
    workspace = tmp_path / "reviews"
    workspace.mkdir(mode=0o700)
    Path("/run/sshd").mkdir(parents=True, exist_ok=True)  # sshd's privilege separation folder
    host_key, client_key = etc / "host_ed25519", etc / "client_ed25519"
    _keygen(host_key)
    _keygen(client_key)
    authorized = etc / "authorized_keys"
    authorized.write_text(client_key.with_suffix(".pub").read_text())
    app_pid_file = etc / "app.pid"
    session = etc / "imr-ssh"
    session.write_text(documented_wrapper(workspace, app_pid_file))
    session.chmod(0o755)
    port = _free_port()
    config = etc / "sshd_config"
    config.write_text(
        f"ListenAddress 127.0.0.1\n"
        f"Port {port}\n"
        f"HostKey {host_key}\n"
        f"PidFile {etc / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {authorized}\n"
        "StrictModes no\n"
        "PasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "PubkeyAuthentication yes\n"
        "PermitRootLogin prohibit-password\n"
        "UsePAM no\n"
        "PermitTTY yes\n"
        "ClientAliveInterval 2\n"
        "ClientAliveCountMax 2\n"
        "AllowTcpForwarding no\n"
        "AllowStreamLocalForwarding no\n"
        "AllowAgentForwarding no\n"
        "X11Forwarding no\n"
        "PermitTunnel no\n"
        "PermitUserEnvironment no\n"
        "AcceptEnv IMR_PLAIN IMR_ACCESSIBLE\n"
        f"Subsystem sftp {SFTP_SERVER}\n"
        f"ForceCommand {session}\n"
    )
    log = etc / "sshd.log"
    subprocess.run([SSHD, "-t", "-f", str(config)], check=True, timeout=30)
    proc = subprocess.Popen([SSHD, "-D", "-f", str(config), "-E", str(log)])
    try:

        def listening() -> bool | None:
            assert proc.poll() is None, f"sshd stopped:\n{log.read_text()}"
            with socket.socket() as s:
                return True if s.connect_ex(("127.0.0.1", port)) == 0 else None

        assert until(listening, 15), f"sshd did not listen:\n{log.read_text()}"
        yield Server(port, client_key, etc / "known_hosts", workspace, app_pid_file, log, proc.pid)
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _drop(term: Terminal, app_pid: int) -> float:
    """Kill the ssh client, as a dropped line does; return how long imr took to end."""
    os.kill(term.pane_pid(), signal.SIGKILL)
    return wait_gone(app_pid, 10.0)


def test_ssh_drop_loses_no_word_and_reconnecting_resumes(
    server: Server, catalogue: Catalogue, tmp_path: Path
) -> None:
    textual = server.workspace / "a.toml"
    plain = server.workspace / "b.toml"
    create(textual, catalogue)
    create(plain, catalogue)

    # ---- the Textual interview over SSH
    term = Terminal(server.ssh(), tmp_path)
    try:
        term.wait_for("a.toml")
        app = server.app_pid()
        term.send("Enter")  # open the first review on the start screen
        term.wait_for("Name of agency")
        term.type("Northshire Community Health")
        term.wait_for("Northshire Community Health")
        term.send("Enter")
        term.wait_for("dd/mm/yyyy")  # the adult's row is on screen, its name box focused
        term.type("Dorothy Hol")
        term.wait_for("Dorothy Hol")
        took = _drop(term, app)  # at once: inside the autosave delay
    finally:
        term.close()
    review = load(textual, catalogue)
    assert review.answer("agency") == "Northshire Community Health"
    assert [a.name for a in review.adults] == ["Dorothy Hol"]
    assert review.resume == "adults"
    assert took < 1.5, f"imr took {took:.2f} s to save and exit after the drop"
    textual_took = took

    term = Terminal(server.ssh(), tmp_path)
    try:
        term.wait_for("a.toml")
        app = server.app_pid(previous=app)
        term.send("Enter")
        term.wait_for("Name of adult(s) and date of birth")
        screen = term.wait_for("Dorothy Hol")  # the words typed before the drop are there
        assert "Name of adult(s) and date of birth" in screen  # on the same prompt
        term.wait_for("dd/mm/yyyy")
        term.type("lins")  # and the author carries on the sentence where it stopped
        term.wait_for("Dorothy Hollins")
        term.send("C-q")
        wait_gone(app, 10.0)
    finally:
        term.close()
    assert [a.name for a in load(textual, catalogue).adults] == ["Dorothy Hollins"]

    # ---- plain mode over SSH: TERM=dumb on the client switches to it, line by line
    term = Terminal(server.ssh("dumb"), tmp_path)
    prompts = LinePrompts(term)
    try:
        prompts.expect("2. b.toml")
        app = server.app_pid(previous=app)
        prompts.expect("n for a new review, or q to quit:")
        prompts.answer("2")
        prompts.expect("Name of agency")
        prompts.expect("Your answer:")
        prompts.answer("Acme Trust")
        prompts.expect("Full name:")
        prompts.answer("Jane Doe")
        prompts.expect("Date of birth")
        prompts.answer("02/03/1950")
        prompts.expect("Date of death")
        prompts.answer("")
        prompts.expect("Full name:")  # the next adult, asked at once: none
        prompts.answer("")
        prompts.choose("Done: go on to the next prompt")
        prompts.expect("Name as written:")
        prompts.answer("")
        prompts.choose("Done: go on to the next prompt")
        prompts.expect("Author's name")
        prompts.expect("Your answer:")
        term.type("Sam Revie")
        prompts.expect("Sam Revie")
        took = _drop(term, app)
    finally:
        term.close()
    review = load(plain, catalogue)
    assert review.answer("agency") == "Acme Trust"
    assert [(a.name, str(a.date_of_birth)) for a in review.adults] == [("Jane Doe", "1950-03-02")]
    assert review.answer("author_name") == "Sam Revie"  # typed, not yet submitted
    assert review.resume == "author_name"
    assert took < 1.0, f"plain mode took {took:.2f} s to save and exit after the drop"
    assert not lock_path(plain).exists()

    # This time keep the window after ssh ends, to read imr's last words and exit code.
    stay = "sh -c " + shlex.quote(f"{server.ssh('dumb')}; echo exit=$?; sleep 600")
    term = Terminal(stay, tmp_path)
    prompts = LinePrompts(term)
    try:
        prompts.expect("n for a new review, or q to quit:")
        app2 = server.app_pid(previous=app)
        prompts.answer("2")
        prompts.expect("Author's name")
        prompts.expect("Sam Revie")  # the words typed before the drop
        prompts.choose("Replace it")
        prompts.expect("Your answer:")
        prompts.answer("Sam Reviewer")
        prompts.expect("Author's role")
        prompts.expect("Your answer:")
        term.send("C-c")
        prompts.expect("Saved.")
        prompts.expect("to carry on at: Author's role.")
        prompts.expect("exit=130")
        wait_gone(app2, 10.0)
    finally:
        term.close()
    assert load(plain, catalogue).answer("author_name") == "Sam Reviewer"
    print(f"drop to exit: Textual {textual_took:.2f} s, plain {took:.2f} s")


def test_the_forced_command_allows_downloads_and_nothing_else(
    server: Server, catalogue: Catalogue, tmp_path: Path
) -> None:
    review = server.workspace / "a.toml"
    create(review, catalogue)
    report = server.workspace / "a.md"
    report.write_text("# The report\n", encoding="utf-8")
    client = tmp_path / "client"
    client.mkdir()

    # scp (SFTP underneath) downloads the report through the read-only SFTP server.
    subprocess.run(
        ["scp", *server.options("-P"), "root@127.0.0.1:a.md", str(client / "a.md")],
        check=True,
        capture_output=True,
        timeout=30,
    )
    assert (client / "a.md").read_text(encoding="utf-8") == "# The report\n"

    # Uploads are refused, and nothing in the workspace changes.
    (client / "evil.toml").write_text("x = 1\n")
    before = sorted(p.name for p in server.workspace.iterdir())
    upload = subprocess.run(
        ["scp", *server.options("-P"), str(client / "evil.toml"), "root@127.0.0.1:evil.toml"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert upload.returncode != 0
    assert "ermission denied" in upload.stderr, upload.stderr
    assert sorted(p.name for p in server.workspace.iterdir()) == before

    # Asking for a command (a shell, say) still gets imr, which refuses without a terminal.
    shell = subprocess.run(
        ["ssh", *server.options(), "root@127.0.0.1", "echo escaped; id"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shell.returncode == 2
    assert "escaped" not in shell.stdout and "uid=" not in shell.stdout
    assert "needs a terminal" in shell.stderr
    assert shell.stderr.count("\n") == 1


@pytest.mark.parametrize("variable", ["IMR_PLAIN", "IMR_ACCESSIBLE"])
def test_an_author_can_ask_for_plain_mode_from_their_side(
    server: Server, tmp_path: Path, variable: str
) -> None:
    command = server.ssh("", "-o", f"SetEnv={variable}=1")
    prompts = Prompts(Terminal(command, tmp_path))
    try:
        prompts.expect("n for a new review, or q to quit:")
        app = server.app_pid()
        [question] = [line for line in prompts.term.screen().splitlines() if "q to quit" in line]
        prompts.answer("q")
        wait_gone(app, 10.0)
    finally:
        prompts.term.close()
    # The client's terminal is capable: IMR_PLAIN keeps questionary (its "? " before each
    # question), IMR_ACCESSIBLE asks in plain lines.
    assert question.startswith("? ") is (variable == "IMR_PLAIN"), question


def test_the_documented_sshd_config_is_valid(tmp_path: Path) -> None:
    block = documented_block("# /etc/ssh/sshd_config.d/imr-tui.conf")
    assert "Match Group imr-authors" in block
    assert "ForceCommand imr --workspace ~/reviews" in block
    key = tmp_path / "host_ed25519"
    _keygen(key)
    config = tmp_path / "sshd_config"
    config.write_text(f"HostKey {key}\nPidFile {tmp_path / 'pid'}\nUsePAM no\n{block}")
    Path("/run/sshd").mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [SSHD, "-t", "-f", str(config)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
