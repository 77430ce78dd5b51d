"""imr-tui benchmarks: every figure against a baseline measured in the same run.

Run with ``make bench``. Prints a table and writes ``benchmarks/RESULTS.md``.
Machines are noisy, so each figure is a median over several runs and is
reported with its baseline and their ratio.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tomli_w  # noqa: E402
from bench_common import (  # noqa: E402
    EXTRA,
    RUNS,
    add,
    child,
    in_process,
    interleaved,
    ms,
    section,
    write_results,
)
from latency import bare_text_app, rendering_frames, save_stall, typing_latency  # noqa: E402
from synth import paragraph, review  # noqa: E402

from imr_tui.core.catalogue import load_catalogue  # noqa: E402
from imr_tui.core.model import Review  # noqa: E402
from imr_tui.core.session import Session  # noqa: E402
from imr_tui.core.store import save  # noqa: E402
from imr_tui.report.markdown import to_markdown  # noqa: E402


def main() -> int:
    started = time.perf_counter()
    catalogue = load_catalogue()
    work = Path(tempfile.mkdtemp(prefix="imr-bench-"))
    print(f"imr-tui benchmarks, {RUNS} runs per figure, data in {work}", flush=True)
    sizes = {n: work / f"review-{n}.toml" for n in (5000,)}
    reviews: dict[int, Review] = {}
    for n, path in sizes.items():
        r = review(catalogue, n, answer_bytes=200_000, seed=n)
        r.resume = "chronology"
        reviews[n] = r
        save(path, r, catalogue)

    section("1. start-up to the first interactive screen")
    from startup import measure as startup_measure

    start = startup_measure(RUNS)
    add(
        "start-up to the first interactive screen, imr FILE (100 entries, 200 KB of answers)",
        ms(start["interview_ready"]),
        ms(start["bare_ready"]),
        start["interview_ready"] / start["bare_ready"],
        "<= 1.5",
        start["interview_ready"] / start["bare_ready"] <= 1.5,
    )
    add(
        "start-up and exit, imr FILE (the exit waits for the first check)",
        ms(start["interview"]),
        ms(start["bare"]),
        start["interview"] / start["bare"],
        "-",
        None,
    )

    section("2. long chronologies: open, save, check, memory and typing at 100 to 20,000 entries")
    from scaling import measure as scaling_measure
    from scaling import report as scaling_report

    curves = scaling_measure()
    by_size = {row["entries"]: row for row in curves}
    for n, limit in ((1000, 1.8), (5000, 3.0)):
        curve = by_size[n]
        ratio = curve["open_ms"] / curve["bare_ms"]
        add(
            f"open {n:,} entries, chronology table interactive",
            f"{curve['open_ms']:.0f} ms",
            f"{curve['bare_ms']:.0f} ms",
            ratio,
            f"<= {limit}",
            ratio <= limit,
        )
    EXTRA.append(
        "## Scaling curves (`benchmarks/scaling.py`, part of this run)\n\n"
        "```\n" + scaling_report(curves) + "\n```"
    )

    section("3. autosave of the 5,000-entry review")
    big = reviews[5000]
    session = Session(work / "autosave.toml", big, catalogue)

    def app_save() -> None:
        session.changed()
        session.save()

    def plain_write() -> None:
        text = tomli_w.dumps(big.model_dump(mode="json", exclude_none=True))
        with open(work / "plain.toml", "w", encoding="utf-8") as f:
            f.write(text)

    saving = in_process(app_save)
    baseline = in_process(plain_write)
    add(
        "autosave, 5,000 entries",
        ms(saving),
        ms(baseline),
        saving / baseline,
        "<= 1.5",
        saving / baseline <= 1.5,
    )
    background, blocking = asyncio.run(save_stall(sizes[5000]))
    add(
        "longest stall of typing while autosaving",
        ms(background),
        ms(blocking) + " (save on the loop)",
        background / blocking,
        "< 50 ms",
        background < 0.050,
    )

    section("4. typing latency in a 50 KB answer")
    text = paragraph(random.Random(3), 50_000)
    r50 = review(catalogue, 100, seed=9)
    r50.answers = {**r50.answers, "summary": text}
    r50.resume = "summary"
    p50 = work / "typing.toml"
    save(p50, r50, catalogue)

    from imr_tui.tui.app import create_app

    async def focus_answer(app: Any) -> None:
        from textual.widgets import TextArea

        area = app.screen.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    with rendering_frames():
        med, p95 = asyncio.run(typing_latency(create_app(catalogue, path=p50), focus_answer))
        bmed, bp95 = asyncio.run(typing_latency(bare_text_app(text), focus_answer))
    add(
        "typing latency, median",
        f"{med * 1000:.1f} ms",
        f"{bmed * 1000:.1f} ms (bare TextArea)",
        med / bmed,
        "< 10 ms",
        med < 0.010,
    )
    add(
        "typing latency, 95th percentile",
        f"{p95 * 1000:.1f} ms",
        f"{bp95 * 1000:.1f} ms (bare TextArea)",
        p95 / bp95,
        "< 30 ms",
        p95 < 0.030,
    )

    section("5. export and check of the 5,000-entry review")
    t = interleaved([("bare", None)], runs=max(3, RUNS // 2))
    bare5 = statistics.median(t["bare"])
    from imr_tui.report.md_escape import cell

    def export_once() -> None:
        cell.cache_clear()  # each export starts afresh, as a process does
        to_markdown(big, catalogue)

    export = in_process(export_once, runs=5)
    add(
        "export to Markdown, 5,000 entries",
        ms(export),
        ms(bare5) + " (bare start-up)",
        export / bare5,
        "< 0.5",
        export / bare5 < 0.5,
    )
    try:
        from imr_tui.checks import load_glossary, run_checks
    except ImportError:
        add("imr check, 5,000 entries", "not built yet", ms(bare5), None, "< 0.5", None)
    else:
        glossary = load_glossary()
        check = in_process(lambda: run_checks(catalogue, big, glossary, date(2025, 1, 1)), runs=5)
        add(
            "imr check, 5,000 entries",
            ms(check),
            ms(bare5) + " (bare start-up)",
            check / bare5,
            "<= 0.5",
            check / bare5 <= 0.5,
        )

    section("6. peak memory with the 5,000-entry review open")
    bare_rss = child("bare")[1]
    rss = by_size[5000]["peak_mb"]
    add(
        "peak memory (RSS), 5,000 entries open",
        f"{rss:.0f} MB",
        f"{bare_rss / 1024:.0f} MB (bare app)",
        rss * 1024 / bare_rss,
        "< 120 MB",
        rss < 120,
    )

    section("7. terminal traffic per typed character at 80x24 (a pseudo-terminal)")
    from terminal_traffic import measure as traffic_measure

    (work / "traffic").mkdir()
    bytes_ = traffic_measure(work / "traffic")
    rows = [
        ("one-line answer", "one-line answer, bare Input", "bare Input", 100),
        ("long answer, at the end", "long answer, at the end, bare TextArea", "bare TextArea", 150),
        (
            "long answer, in the middle",
            "long answer, in the middle, bare TextArea",
            "bare TextArea",
            0,
        ),
    ]
    for name, base_name, base_what, target in rows:
        ours, base = bytes_[name].mean, bytes_[base_name].mean
        add(
            f"terminal bytes per typed character, {name}",
            f"{ours:.0f} B",
            f"{base:.0f} B ({base_what}, same size)",
            ours / base,
            f"<= {target} B" if target else "report",
            ours <= target if target else None,
        )
    worst, base_worst = (
        bytes_["long answer, in the middle"],
        bytes_["long answer, in the middle, bare TextArea"],
    )
    add(
        "terminal bytes, the costliest key in the middle (it re-wraps the paragraph)",
        f"{worst.worst} B",
        f"{base_worst.worst} B (bare TextArea)",
        worst.worst / base_worst.worst,
        "report",
        None,
    )
    add(
        "terminal bytes per typed character, plain mode",
        f"{bytes_['plain mode'].mean:.0f} B",
        "-",
        None,
        "report",
        None,
    )

    section("8. plain mode: a scripted whole review typed into each asker (TERM=dumb, 80x24)")
    from plain_bench import rows as plain_rows
    from plain_bench import run_both
    from plain_driver import DriveError

    try:
        by_line, by_questionary = run_both(work / "plain")
    except DriveError as e:
        add(
            "plain mode: the scripted review",
            "not measured",
            str(e).splitlines()[0],
            None,
            "-",
            False,
        )
    else:
        for f in (by_line, by_questionary):
            if f.file_problems:
                what = f"plain mode: answers missing from the file, {f.asker} asker"
                add(what, "; ".join(f.file_problems), "-", None, "none", False)
        for row in plain_rows(by_line, by_questionary):
            add(*row)

    section("9. 200 characters typed over a 64 kbit/s link with 150 ms each way (real ssh, sshd)")
    sys.path.insert(0, str(HERE.parent / "tests"))
    from slow_link import measure as slow_link_measure

    link = slow_link_measure(runs=3)
    plain_s = link["plain: seconds for 200 characters"]
    for name in ("Textual", "Textual, ssh -C"):
        took_s = link[f"{name}: seconds for 200 characters"]
        add(
            f"over the slow link, {name}: first key to all 200 characters on screen",
            f"{took_s:.2f} s",
            f"{plain_s:.2f} s (plain mode)",
            took_s / plain_s,
            "report",
            None,
        )
    EXTRA.append(
        "## Over the slow link (`benchmarks/slow_link.py`, part of this run; the typing "
        "itself takes 4.75 s)\n\n| figure | value |\n| --- | --- |\n"
        + "\n".join(f"| {name} | {value:.2f} |" for name, value in link.items())
    )

    section("10. what each slow-link setting costs (80x24 pseudo-terminal, one run)")
    from link_knobs import measure as knobs_measure

    knobs = knobs_measure(runs=1)
    columns = list(next(iter(knobs.values())))
    EXTRA.append(
        "## Bytes per setting (`benchmarks/link_knobs.py`, part of this run)\n\n"
        "| setting | " + " | ".join(columns) + " |\n"
        "| --- | "
        + " | ".join("---" for _ in columns)
        + " |\n"
        + "\n".join(
            f"| {name} | " + " | ".join(f"{row[c]:.1f}" for c in columns) + " |"
            for name, row in knobs.items()
        )
    )

    took = time.perf_counter() - started
    write_results(took)
    print(f"Done in {took:.0f} s; figures written to {HERE / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
