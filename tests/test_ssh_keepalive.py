"""A silently dead SSH connection ends, with everything saved, within a minute.

A real OpenSSH server runs with the keep-alive settings that docs/ssh.md
recommends and imr as its forced command. An author connects with the real
``ssh -tt`` client (inside tmux), types an answer, and then the client stops
answering without closing the connection: it is frozen with SIGSTOP, so its
computer still acknowledges what the server sends but nothing replies to
sshd's "are you there?" checks, as with a hung laptop. sshd must give up, imr
must get the hang-up signal, save the words typed last and exit, all within the
minute the guide promises.

This takes about 50 s with OpenSSH 9.2 to 9.4 and about 30 s with 9.5 or newer
(see "What happens when the connection drops" in docs/ssh.md). The same
measurement with a network link that drops every packet, and with other
settings, is ``scripts/measure-dead-link.py``.
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
import time
from pathlib import Path

from terminal import Terminal, until, wait_gone

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import create, load

SSHD = "/usr/sbin/sshd"
DOC = Path(__file__).resolve().parent.parent / "docs" / "ssh.md"
PROMISED = 60.0  # "within a minute"
SLACK = 2.0  # imr saving and exiting after the hang-up, on a slow machine


def documented_setting(name: str) -> int:
    """A value from docs/ssh.md's sshd configuration block."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    config = next(b for b in blocks if b.startswith("# /etc/ssh/sshd_config.d/imr-tui.conf"))
    found = re.search(rf"^\s*{name}\s+(\d+)\s*$", config, re.M)
    assert found, f"docs/ssh.md's configuration has no {name} line"
    return int(found[1])


def _keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "imr-test", "-f", str(path)],
        check=True,
        timeout=30,
    )


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_a_silently_dead_connection_is_dropped_and_saved_within_a_minute(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    assert Path(SSHD).is_file(), "openssh-server is missing: run scripts/system-deps.sh"
    interval = documented_setting("ClientAliveInterval")
    count_max = documented_setting("ClientAliveCountMax")

    etc = tmp_path / "sshd"
    etc.mkdir()
    workspace = tmp_path / "reviews"
    workspace.mkdir(mode=0o700)
    review = workspace / "a.toml"
    create(review, catalogue)
    Path("/run/sshd").mkdir(parents=True, exist_ok=True)
    host_key, client_key = etc / "host_ed25519", etc / "client_ed25519"
    _keygen(host_key)
    _keygen(client_key)
    (etc / "authorized_keys").write_text(client_key.with_suffix(".pub").read_text())
    app_pid_file = etc / "app.pid"
    session = etc / "imr-ssh"
    session.write_text(
        "#!/bin/sh\n"
        f"echo $$ > {shlex.quote(str(app_pid_file))}\n"
        f"exec {shlex.quote(sys.executable)} -m imr_tui --workspace {shlex.quote(str(workspace))}\n"
    )
    session.chmod(0o755)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    config = etc / "sshd_config"
    config.write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {host_key}\n"
        f"PidFile {etc / 'sshd.pid'}\nAuthorizedKeysFile {etc / 'authorized_keys'}\n"
        "StrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\nUsePAM no\nPermitTTY yes\n"
        f"ClientAliveInterval {interval}\nClientAliveCountMax {count_max}\n"
        f"ForceCommand {session}\n"
    )
    log = etc / "sshd.log"
    subprocess.run([SSHD, "-t", "-f", str(config)], check=True, timeout=30)
    sshd = subprocess.Popen([SSHD, "-D", "-f", str(config), "-E", str(log)])
    client = [
        "ssh", "-tt", "-p", str(port), "-i", str(client_key),
        "-o", "StrictHostKeyChecking=no", "-o", f"UserKnownHostsFile={etc / 'known_hosts'}",
        "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "root@127.0.0.1",
    ]  # fmt: skip
    # The client runs under a shell rather than as tmux's own program: tmux wakes
    # its own program when it is stopped, and this one must stay frozen.
    line = " ".join(shlex.quote(c) for c in client)
    term: Terminal | None = None
    ssh_pid = None
    try:

        def listening() -> bool | None:
            assert sshd.poll() is None, f"sshd stopped:\n{log.read_text()}"
            return True if "Server listening" in (log.read_text() if log.exists() else "") else None

        assert until(listening, 15), "sshd did not start"
        term = Terminal("sh -c " + shlex.quote(f"{line}; sleep 600"), tmp_path)
        term.wait_for("a.toml")
        shell = term.pane_pid()
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        assert len(children) == 1, children
        ssh_pid = int(children[0])
        app = int(app_pid_file.read_text().strip())
        term.send("Enter")
        term.wait_for("Name of agency")
        term.wait_for("^n Next")  # the interview's keys: its answer box has the focus
        term.type("Northshire Community Health Trust")
        term.wait_for("Northshire Community Health Trust")  # the echo reached the client

        os.kill(ssh_pid, signal.SIGSTOP)
        start = time.monotonic()
        wait_gone(app, PROMISED + SLACK + 30)
        took = time.monotonic() - start
        assert _state(ssh_pid) == "T", "the ssh client did not stay frozen throughout"
    finally:
        if ssh_pid is not None:
            for sig in (signal.SIGKILL, signal.SIGCONT):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(ssh_pid, sig)
        if term is not None:
            term.close()
        sshd.terminate()
        try:
            sshd.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sshd.kill()
            sshd.wait(timeout=10)

    assert "Timeout, client not responding" in log.read_text(), log.read_text()
    assert load(review, catalogue).answer("agency") == "Northshire Community Health Trust"
    assert took < PROMISED + SLACK, (
        f"imr was still running {took:.1f} s after the client stopped answering "
        f"(ClientAliveInterval {interval}, ClientAliveCountMax {count_max})"
    )
    print(f"silent drop to saved and exited: {took:.1f} s")
