#!/usr/bin/env python3
"""Measure how long a silently dead SSH connection keeps imr-tui running.

Starts a private OpenSSH server whose forced command is this checkout's imr,
connects with the real ``ssh -tt`` client inside tmux, types into a review,
then makes the client stop answering without closing the connection, and
times how long it takes until imr has saved and exited. Each trial also checks
that the review file holds the words typed last.

Two ways to kill the link silently:

- ``--how stop``: freeze the ssh client (SIGSTOP). Its computer still
  acknowledges what the server sends, only the program stops answering.
- ``--how netem``: put the client and the server in two network namespaces of
  their own, joined by a virtual cable (a veth pair with private addresses that
  exist only inside those namespaces), and drop every packet on that cable
  (``tc qdisc ... netem loss 100%``, or the ``blackhole`` queue on a kernel
  without netem), as when Wi-Fi is lost. Needs root and iproute2.

Two moments to do it:

- ``--when idle``: the author typed, then nothing happened on the screen for a
  while (15 to 35 s, chosen at random) before the link died.
- ``--when typing``: the link dies just after the screen showed the last key.
- ``--when palette``: the author typed, then opened the command palette
  (Ctrl+G), whose text box comes from Textual and may blink its cursor.

Run as root (sshd needs it), with the project's venv:

    .venv/bin/python scripts/measure-dead-link.py --interval 10 --count-max 2 \
        --how netem --when idle --trials 3

Prints one line per trial and a summary. Trials run side by side (``--parallel``):
each has its own sshd, port, namespaces and review.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

SSHD = "/usr/sbin/sshd"
PRINT_LOCK = threading.Lock()


def run(*args: str, check: bool = True, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), check=check, capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def keygen(path: Path) -> None:
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "imr-measure", "-f", str(path))


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


class Tmux:
    def __init__(self, command: str, cwd: Path) -> None:
        self.socket = f"imr-measure-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "TERM": "xterm-256color"}
        env.pop("TMUX", None)
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "80",
            "-y",
            "24",
            "-c",
            str(cwd),
            f"exec {command}",
            env=env,
        )

    def tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=20,
        ).stdout

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return
            time.sleep(0.02)
        raise RuntimeError(f"{text!r} did not appear; the screen shows:\n{shown}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


@dataclass
class Result:
    n: int
    seconds: float | None
    saved: bool
    timed_out_in_log: bool
    note: str = ""


class Trial:
    def __init__(self, n: int, args: argparse.Namespace, root: Path) -> None:
        self.n = n
        self.args = args
        self.dir = root / f"trial{n}"
        self.dir.mkdir()
        tag = f"{os.getpid() % 10000}{n:02d}"
        self.ns_server = f"imrdl-s{tag}"
        self.ns_client = f"imrdl-c{tag}"
        self.veth_server, self.veth_client = f"imrs{tag}", f"imrc{tag}"
        octet = 1 + (os.getpid() + n) % 250
        self.addr_server, self.addr_client = f"10.231.{octet}.1", f"10.231.{octet}.2"
        self.namespaces = False
        self.sshd: subprocess.Popen[bytes] | None = None
        self.term: Tmux | None = None

    # ---------------------------------------------------------------- set-up
    def netns(self) -> None:
        run("ip", "netns", "add", self.ns_server)
        run("ip", "netns", "add", self.ns_client)
        self.namespaces = True
        run(
            "ip",
            "link",
            "add",
            self.veth_server,
            "netns",
            self.ns_server,
            "type",
            "veth",
            "peer",
            "name",
            self.veth_client,
            "netns",
            self.ns_client,
        )
        for ns, dev, addr in (
            (self.ns_server, self.veth_server, self.addr_server),
            (self.ns_client, self.veth_client, self.addr_client),
        ):
            run("ip", "-n", ns, "link", "set", "lo", "up")
            run("ip", "-n", ns, "addr", "add", f"{addr}/30", "dev", dev)
            run("ip", "-n", ns, "link", "set", dev, "up")

    def start(self) -> None:
        a = self.args
        d = self.dir
        workspace = d / "reviews"
        workspace.mkdir(mode=0o700)
        self.review = workspace / "a.toml"
        run(sys.executable, "-m", "imr_tui", "new", str(self.review))
        host_key, self.client_key = d / "host", d / "client"
        keygen(host_key)
        keygen(self.client_key)
        (d / "authorized_keys").write_text(self.client_key.with_suffix(".pub").read_text())
        self.pid_file = d / "app.pid"
        wrapper = d / "imr-ssh"
        wrapper.write_text(
            "#!/bin/sh\n"
            f"echo $$ > {shlex.quote(str(self.pid_file))}\n"
            f"exec {shlex.quote(sys.executable)} -m imr_tui"
            f" --workspace {shlex.quote(str(workspace))}\n"
        )
        wrapper.chmod(0o755)
        if a.how == "netem":
            self.netns()
            self.host, self.port = self.addr_server, 22
        else:
            self.host, self.port = "127.0.0.1", free_port()
        config = d / "sshd_config"
        config.write_text(
            f"ListenAddress {self.host}\nPort {self.port}\nHostKey {host_key}\n"
            f"PidFile {d / 'sshd.pid'}\nAuthorizedKeysFile {d / 'authorized_keys'}\n"
            "StrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "PermitRootLogin prohibit-password\nUsePAM no\nPermitTTY yes\n"
            f"ClientAliveInterval {a.interval}\nClientAliveCountMax {a.count_max}\n"
            f"TCPKeepAlive {a.tcp_keepalive}\n"
            f"ForceCommand {wrapper}\n"
        )
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)
        self.log = d / "sshd.log"
        prefix = ["ip", "netns", "exec", self.ns_server] if a.how == "netem" else []
        run(*prefix, a.sshd, "-t", "-f", str(config))
        self.sshd = subprocess.Popen(
            [*prefix, a.sshd, "-D", "-f", str(config), "-E", str(self.log)]
        )
        deadline = time.monotonic() + 15
        while "Server listening" not in (self.log.read_text() if self.log.exists() else ""):
            if time.monotonic() > deadline or self.sshd.poll() is not None:
                raise RuntimeError(f"sshd did not start: {self.log.read_text()}")
            time.sleep(0.05)
        client = [
            "ssh",
            "-tt",
            "-p",
            str(self.port),
            "-i",
            str(self.client_key),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            f"UserKnownHostsFile={d / 'known_hosts'}",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ServerAliveInterval=0",  # the client's own checks are not measured
            f"root@{self.host}",
        ]
        if a.how == "netem":
            client = ["ip", "netns", "exec", self.ns_client, *client]
        # Not exec'd: tmux wakes a pane's own program when it is stopped (SIGCONT), so
        # the client runs under a shell that leaves it frozen.
        line = " ".join(shlex.quote(c) for c in client)
        self.term = Tmux("sh -c " + shlex.quote(f"{line}; echo ssh-ended; sleep 600"), d)

    def ssh_pid(self) -> int:
        """The ssh client: the child of the pane's shell (through ip netns exec, which execs)."""
        assert self.term is not None
        shell = self.term.pane_pid()
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        if len(children) != 1:
            raise RuntimeError(f"expected one ssh client under the pane, found {children}")
        return int(children[0])

    def app_pid(self) -> int:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                return int(self.pid_file.read_text().strip())
            except (FileNotFoundError, ValueError):
                time.sleep(0.05)
        raise RuntimeError("imr did not start")

    # ---------------------------------------------------------------- the trial
    def kill_link(self) -> None:
        if self.args.how == "stop":
            os.kill(self.client_pid, signal.SIGSTOP)
            time.sleep(0.05)
            state = Path(f"/proc/{self.client_pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state != "T":
                raise RuntimeError(f"the ssh client did not stay stopped (state {state})")
        else:
            for ns, dev in ((self.ns_client, self.veth_client), (self.ns_server, self.veth_server)):
                tc = ["ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", dev, "root"]
                self.qdisc = "netem loss 100%"
                if run(*tc, "netem", "loss", "100%", check=False).returncode != 0:
                    # a kernel without netem: the blackhole queue drops every packet too,
                    # and tells the sender it was sent
                    run(*tc, "blackhole")
                    self.qdisc = "blackhole"

    def measure(self) -> Result:
        a = self.args
        self.start()
        assert self.term is not None
        self.term.wait_for("a.toml")
        self.client_pid = self.ssh_pid()
        app = self.app_pid()
        time.sleep(0.5)
        self.term.tmux("send-keys", "-t", "t", "Enter")
        self.term.wait_for("Name of agency")
        time.sleep(0.5)
        words = f"Trust number {self.n} wrote"
        self.term.tmux("send-keys", "-t", "t", "-l", words)
        self.term.wait_for(words)
        last = f" lastword{self.n}x"
        if a.when == "idle":
            self.term.tmux("send-keys", "-t", "t", "-l", last)
            self.term.wait_for(last.strip())
            time.sleep(random.uniform(15, 35))
        elif a.when == "typing":
            time.sleep(random.uniform(2, 6))
            self.term.tmux("send-keys", "-t", "t", "-l", last)
            self.term.wait_for(last.strip())  # the echo reached the client's screen
        else:  # the command palette open: Textual's own input there has a blinking cursor
            self.term.tmux("send-keys", "-t", "t", "-l", last)
            self.term.wait_for(last.strip())
            time.sleep(1.5)
            self.term.tmux("send-keys", "-t", "t", "C-g")
            self.term.wait_for("Search")
            time.sleep(random.uniform(2, 6))
        start = time.monotonic()
        self.kill_link()
        seconds: float | None = None
        while time.monotonic() - start < a.give_up:
            if gone(app):
                seconds = time.monotonic() - start
                break
            time.sleep(0.05)
        text = self.review.read_text(encoding="utf-8")
        saved = (words + last) in text
        log = self.log.read_text() if self.log.exists() else ""
        return Result(
            self.n,
            seconds,
            saved,
            "Timeout, client not responding" in log,
            note=getattr(self, "qdisc", ""),
        )

    def cleanup(self) -> None:
        if self.term is not None:
            try:
                pid = self.client_pid
                os.kill(pid, signal.SIGKILL)
                os.kill(pid, signal.SIGCONT)
            except (AttributeError, ProcessLookupError):
                pass
            self.term.close()
        if self.sshd is not None:
            self.sshd.terminate()
            try:
                self.sshd.wait(10)
            except subprocess.TimeoutExpired:
                self.sshd.kill()
                self.sshd.wait(10)
        try:  # a session the trial gave up on
            pid = int(self.pid_file.read_text().strip())
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)
        except (AttributeError, FileNotFoundError, ValueError, ProcessLookupError):
            pass
        if self.namespaces:
            for ns in (self.ns_server, self.ns_client):
                # anything still inside (a session sshd left behind) goes with it
                pids = run("ip", "netns", "pids", ns, check=False).stdout.split()
                for p in pids:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(int(p), signal.SIGKILL)
                run("ip", "netns", "del", ns, check=False)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--interval", type=int, default=10, help="ClientAliveInterval")
    p.add_argument("--count-max", type=int, default=2, help="ClientAliveCountMax")
    p.add_argument("--tcp-keepalive", choices=("yes", "no"), default="yes")
    p.add_argument("--how", choices=("stop", "netem"), default="stop")
    p.add_argument("--when", choices=("idle", "typing", "palette"), default="idle")
    p.add_argument("--trials", type=int, default=3)
    p.add_argument("--parallel", type=int, default=3)
    p.add_argument("--give-up", type=float, default=400, help="seconds to wait for imr to end")
    p.add_argument("--sshd", default=SSHD, help="the sshd program to run")
    p.add_argument("--seed", type=int, default=None)
    a = p.parse_args()
    if a.seed is not None:
        random.seed(a.seed)
    if os.geteuid() != 0:
        print("run as root: sshd (and network namespaces) need it", file=sys.stderr)
        return 2
    version = run(a.sshd, "-V", check=False).stderr.strip().splitlines()[0]
    label = (
        f"ClientAliveInterval {a.interval} ClientAliveCountMax {a.count_max} "
        f"TCPKeepAlive {a.tcp_keepalive}, {a.how}, {a.when}, {version}"
    )
    print(label, flush=True)
    results: list[Result] = []
    root = Path(tempfile.mkdtemp(prefix="imr-dead-link-"))
    sem = threading.Semaphore(a.parallel)

    def one(n: int) -> None:
        with sem:
            trial = Trial(n, a, root)
            try:
                r = trial.measure()
            except Exception as e:  # report it and go on
                r = Result(n, None, False, False, note=f"error: {e}")
            finally:
                trial.cleanup()
        with PRINT_LOCK:
            took = f"{r.seconds:6.1f} s" if r.seconds is not None else "  did not end"
            print(
                f"  trial {n}: {took}  saved={r.saved}  sshd-timeout-logged={r.timed_out_in_log}"
                f" {r.note}",
                flush=True,
            )
            results.append(r)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(1, a.trials + 1)]
    for t in threads:
        t.start()
        time.sleep(1.0)  # stagger start-ups on a small machine
    for t in threads:
        t.join()
    shutil.rmtree(root, ignore_errors=True)
    times = [r.seconds for r in results if r.seconds is not None]
    if times:
        print(
            f"  {label}: {min(times):.1f}-{max(times):.1f} s "
            f"(median {statistics.median(times):.1f}) over {len(times)} of {len(results)} trials;"
            f" saved in {sum(r.saved for r in results)}",
            flush=True,
        )
    return 0 if len(times) == len(results) and all(r.saved for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
