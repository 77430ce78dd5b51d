"""Twenty trainees typing into ``imr serve --training`` at once: the figures against the targets.

``python benchmarks/serve_load.py [--trainees 20] [--seconds 40] [--rate 5] [--think 2]
[--arrive 20] [--compare]``
(``make bench-serve``). Starts the real ``imr serve --training`` on a temporary
workspace and runs, back to back in the same run, one trainee alone (the baseline)
then N at once. Each trainee is a websocket client sending what textual-serve's page
sends (see :mod:`serve_client`): it opens the address (the twenty arrive spread over
ARRIVE seconds, as a room does when the address goes up; ``--arrive 0``: all in the same
instant, when the first screen change after joining waits for the others' sessions to
start), joins with its name, carries on past its code,
creates a review, moves with Ctrl+N from the first prompt to the summary (11 screen
changes, reading each prompt for about THINK seconds first, as a person does; ``--think 0``
moves as fast as the screens come, all twenty at once: a stress figure, not a workshop),
waits for everyone to be there, then types a sentence at RATE characters a
second for about SECONDS seconds into the summary, going to the next prompt and back
once in the middle. ``--compare`` runs the same with the served sessions' settings
switched off (``IMR_SERVE_UNTUNED=1``, see ``imr_tui/web/tuning.py``) first.

Measured: each key's echo (p50/p95/max), each screen change, sessions failing, each
session process's processor time while typing (from ``/proc/PID/stat``) and memory
(``VmRSS``), the server's own processor time, and each trainee's file on disk after
they close their page (its summary exactly what they typed). Exits 0 whatever the
figures: it is a measurement; MET/MISSED is printed against the targets.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import aiohttp  # noqa: E402
from serve_client import NEXT, Result, Trainee  # noqa: E402
from serve_procs import Sample, rss_mib, session_pids  # noqa: E402
from serve_report import Run, ratio, table, verdict  # noqa: E402

SENTENCE = (
    "notes that the district nurse visited Edith Marlow at home on three occasions in "
    "March 2024, that each visit was recorded on the same day, and that the falls referral "
    "made on 12/03/2024 was acknowledged by the community team two weeks later, without a "
    "date for the assessment being offered to her or her daughter."
)
SUMMARY_PROMPT = 12
"""The summary's place in the interview (8 details prompts, 3 terms of reference)."""


def text_for(index: int, length: int) -> str:
    """Trainee ``index``'s sentence: its number first, cut to about ``length`` characters."""
    text = f"Trainee {index:02d} {SENTENCE}"[:length].rstrip()
    return text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(workspace: Path, untuned: bool, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``imr serve --training`` on a free port (its output to ``log``); the process and
    the trainees' address."""
    env = dict(os.environ)
    switches = {"IMR_SERVE_UNTUNED": "1" if untuned else "0"}
    if os.environ.get("IMR_SERVE_PROFILE"):
        switches["IMR_SERVE_PROFILE"] = os.environ["IMR_SERVE_PROFILE"]
    # The server gives its sessions a small environment; PYTHONPATH is kept, so the
    # switches reach them through a sitecustomize module there.
    site = log.parent / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(
        f"import os\nos.environ.update({switches!r})\n", encoding="utf-8"
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    imr = Path(sys.executable).parent / "imr"
    port = free_port()
    command = [str(imr), "serve", "--workspace", str(workspace), "--training", "--port", str(port)]
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            found = re.search(r"http://\S+", line)
            if found and "trainer" not in line.lower():
                return server, found.group(0)
        time.sleep(0.05)
    server.kill()
    raise SystemExit("imr serve did not print its address:\n" + log.read_text(errors="replace"))


def signal_session(pid: int, sig: signal.Signals) -> None:
    """Send ``sig`` to a session process, if it is still there."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


async def trainee(
    t: Trainee,
    http: aiohttp.ClientSession,
    at_summary: asyncio.Event,
    arrived: list[int],
    everyone: int,
    index: int,
    length: int,
    rate: float,
    think: float,
    arrive: float,
) -> None:
    """One trainee from the page's first load to closing it."""
    result = t.result
    receiving: asyncio.Task[None] | None = None
    try:
        await asyncio.sleep(arrive * index / everyone)  # the room arrives over ARRIVE s
        await t.connect(http)
        receiving = asyncio.create_task(t.receive())
        await t.join()
        await t.until_text("prompt 1 of", 60)
        for k in range(2, SUMMARY_PROMPT + 1):
            if think > 0:  # reading the prompt first: 0.5 to 1.4 times THINK, not all in step
                await asyncio.sleep(think * (0.5 + ((index * 7 + k * 3) % 10) / 10))
            result.changes.append(await t.change(NEXT, f"prompt {k} of"))
    except Exception as e:
        result.failure = f"before typing: {e}"
    arrived.append(index)
    if len(arrived) == everyone:
        at_summary.set()
    await at_summary.wait()
    if not result.failure:
        try:
            await asyncio.sleep(index * 0.2 / everyone)  # not all in step
            text = text_for(index, length)
            pause_at = result.pause_at = 20 + (index * 37) % max(length - 40, 1)
            detour = (f"prompt {SUMMARY_PROMPT + 1} of", f"prompt {SUMMARY_PROMPT} of")
            await t.type_text(text, rate, pause_at, detour)
        except Exception as e:
            result.failure = f"while typing: {e}"
    result.last_screen = t.screen.text()
    await t.close()
    if receiving is not None:
        await asyncio.wait_for(receiving, 30)


def file_problem(workspace: Path, result: Result) -> str:
    """Why the trainee's file does not hold exactly what they typed ("" when it does)."""
    found = sorted(workspace.glob(f"*/{result.review}.toml"))
    if len(found) != 1:
        return f"{result.name}: {len(found)} files named {result.review}.toml"
    try:
        data = tomllib.loads(found[0].read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        return f"{found[0].name}: {e}"
    saved = data.get("answers", {}).get("summary", "")
    if saved != result.typed:
        return (
            f"{found[0].name}: the summary holds {len(saved)} characters, {len(result.typed)} typed"
        )
    return ""


async def scenario(
    label: str,
    count: int,
    seconds: float,
    rate: float,
    untuned: bool,
    think: float,
    arrive: float,
) -> Run:
    """N trainees on a fresh server and workspace."""
    run = Run(label=label, trainees=count)
    length = int(seconds * rate)
    with tempfile.TemporaryDirectory(prefix="imr-load-") as folder:
        workspace = Path(folder) / "ws"
        workspace.mkdir(mode=0o700)
        server, url = start_server(workspace, untuned, Path(folder) / "serve.log")
        try:
            at_summary = asyncio.Event()
            arrived: list[int] = []
            jar = aiohttp.CookieJar(unsafe=True)  # the cookie of an address like 127.0.0.1
            limits = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(cookie_jar=jar, connector=limits) as http:
                clients = [
                    Trainee(url, f"Load Trainee {i:02d}", f"load-{i:02d}") for i in range(count)
                ]
                started = time.perf_counter()
                tasks = [
                    asyncio.create_task(
                        trainee(t, http, at_summary, arrived, count, i, length, rate, think, arrive)
                    )
                    for i, t in enumerate(clients)
                ]
                await at_summary.wait()
                pids = session_pids(server.pid)
                before = Sample.now(pids, server.pid)
                if os.environ.get("IMR_SERVE_PROFILE"):
                    for pid in pids:
                        signal_session(pid, signal.SIGUSR2)  # the profile from here (tuning.py)
                typing = asyncio.gather(*tasks)
                await asyncio.sleep(seconds * 0.9)
                after = Sample.now(pids, server.pid)
                run.rss = [rss_mib(pid) for pid in pids]
                if os.environ.get("IMR_SERVE_PROFILE"):
                    for pid in pids:
                        signal_session(pid, signal.SIGUSR1)  # the profile so far (tuning.py)
                run.cpu, run.server_cpu, run.client_cpu = before.shares(after)
                run.load = Path("/proc/loadavg").read_text().split(" ")[0]
                await typing
                run.seconds = time.perf_counter() - started
            run.results = [t.result for t in clients]
            # every page is closed: each session saves and ends
            deadline = time.monotonic() + 30
            while session_pids(server.pid) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            run.files = [p for r in run.results if (p := file_problem(workspace, r))]
        finally:
            stop_server(server)
            run.log = (Path(folder) / "serve.log").read_text(errors="replace")
    return run


async def main_async(args: argparse.Namespace) -> None:
    variants = [True, False] if args.compare else [False]
    print(f"load before: {Path('/proc/loadavg').read_text().strip()} ({os.cpu_count()} processors)")
    for untuned in variants:
        name = "untuned" if untuned else "tuned"
        base = await scenario(
            f"1 ({name})", 1, args.seconds, args.rate, untuned, args.think, args.arrive
        )
        load = await scenario(
            f"{args.trainees} ({name})",
            args.trainees,
            args.seconds,
            args.rate,
            untuned,
            args.think,
            args.arrive,
        )
        print()
        reading = f"reading each prompt about {args.think:g} s" if args.think else "no reading"
        arriving = f"arriving over {args.arrive:g} s" if args.arrive else "arriving together"
        print(
            f"## served sessions {name}: 1 trainee, then {args.trainees} at once "
            f"({arriving}, {reading})"
        )
        print(table([base, load]))
        print(ratio(base, load))
        for line in verdict(load):
            print(line)
        if args.show:
            for r in load.results[:1]:
                print(r.last_screen)
            print(load.log)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40.0, help="typing time (default 40)")
    parser.add_argument("--rate", type=float, default=5.0, help="characters a second (default 5)")
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="seconds reading each prompt before Ctrl+N (default 2; 0: all at once, a stress run)",
    )
    parser.add_argument(
        "--arrive",
        type=float,
        default=20.0,
        help="seconds over which the trainees open the address (default 20; 0: together)",
    )
    parser.add_argument(
        "--compare", action="store_true", help="run with the sessions' settings off first"
    )
    parser.add_argument("--show", action="store_true", help="print one trainee's last screen")
    asyncio.run(main_async(parser.parse_args()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
