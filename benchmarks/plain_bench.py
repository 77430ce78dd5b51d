"""Plain mode measured: one scripted fictional whole review typed into each asker.

Run alone with ``make bench-plain`` (``python benchmarks/plain_bench.py [--show]
[--before COMMIT]``: ``--show`` lists every line counted as an instruction, ``--before``
adds plain mode as it was at COMMIT); ``make bench`` runs it as its section 8. Both
askers run in the same run, in an 80x24 pty with ``TERM=dumb``: the questionary asker
(forced: the baseline, plain mode before issue 17) and the line asker (what ``imr plain``
chooses under ``TERM=dumb``). See NOTES.md for how each figure is counted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from plain_counting import (  # noqa: E402
    catalogue_strings,
    instruction_lines,
    is_menu_line,
    other_controls,
)
from plain_driver import ESCAPE, drive, plain_text  # noqa: E402
from plain_script import HEADING, REVIEW, author_texts, prompts_answered  # noqa: E402

from imr_tui.chronology import entry_rules  # noqa: E402
from imr_tui.core import recommendation_rules  # noqa: E402
from imr_tui.core.catalogue import Catalogue, load_catalogue  # noqa: E402
from imr_tui.core.store import create, load  # noqa: E402

ASKERS = ("questionary", "line")
LONG_INSTRUCTION = re.compile(r"Finish with Esc then Enter|A line with only a full stop ends")


@dataclass
class Figures:
    """What one asker printed for the whole review."""

    asker: str
    bytes_per_char: float
    escape_bytes: int
    total_bytes: int
    other_controls: dict[str, int]
    lines: int
    instructions: list[str]
    prompts: int
    long_instructions: int
    menus: int
    long_menus: int
    questions: int
    file_problems: list[str]
    exit_code: int


def long_titles(catalogue: Catalogue) -> set[str]:
    """The steps and record fields that take several lines (Esc then Enter ends them in
    the questionary asker, which says so only before the first)."""
    prompts = [p for s in catalogue.sections for p in s.prompts]
    fields = [
        *entry_rules.entry_fields(catalogue.chronology),
        *recommendation_rules.recommendation_fields(catalogue.recommendations),
    ]
    steps = {p.title for p in prompts if p.kind in ("long_text", "tor_analysis")}
    return steps | {HEADING} | {f.title for f in fields if f.long}


def file_problems(path: Path, catalogue: Catalogue) -> list[str]:
    """What of the scripted review did not reach the file."""
    review = load(path, catalogue)
    problems = []
    want = {
        "agency": REVIEW["Name of agency"].answer,
        "author_name": REVIEW["Author's name"].answer,
        "summary": "\n".join(REVIEW["Summary of involvement"].answer),
    }
    for key, value in want.items():
        if review.answers.get(key, "") != value:
            problems.append(f"{key} is {review.answers.get(key, '')!r}")
    for what, have, wanted in (
        ("chronology entries", len(review.chronology), 3),
        ("recommendations", len(review.recommendations), 2),
        ("headings", [h.title for h in review.headings], [HEADING]),
    ):
        if have != wanted:
            problems.append(f"{what}: {have} (scripted {wanted})")
    return problems


def measure(
    asker: str, work: Path, catalogue: Catalogue, source: Path = HERE.parent, name: str = ""
) -> Figures:
    """Type the scripted review with ``asker`` into the imr-tui in ``source``; its figures."""
    folder = work / (name or asker)
    folder.mkdir(parents=True)
    path = folder / "review.toml"
    create(path, catalogue)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "IMR_ACCESSIBLE")}
    env.update(TERM="dumb", PYTHONPATH=str(source))
    if asker == "line":  # imr plain itself: under TERM=dumb it chooses the line asker
        argv = [sys.executable, "-m", "imr_tui", "plain", str(path)]
    else:
        argv = [sys.executable, str(HERE / "_plain_child.py"), str(path)]
    titles = {p.title for s in catalogue.sections for p in s.prompts} | {HEADING}
    run = drive(argv, folder, env, titles, long_titles(catalogue))
    corpus = catalogue_strings(catalogue)
    instructions = instruction_lines(run, corpus, author_texts())
    return Figures(
        asker=name or asker,
        bytes_per_char=run.typed_bytes / run.typed_chars,
        escape_bytes=sum(len(m.group()) for m in ESCAPE.finditer(run.output)),
        total_bytes=len(run.output),
        other_controls=other_controls(run.output),
        lines=run.output.count(b"\n"),
        instructions=instructions,
        prompts=prompts_answered(),
        long_instructions=len(LONG_INSTRUCTION.findall(plain_text(run.output))),
        menus=len(run.menus),
        long_menus=sum(1 for n in run.menus if n >= 6),
        questions=run.questions,
        file_problems=file_problems(path, catalogue),
        exit_code=run.exit_code,
    )


def times(n: int) -> str:
    """ "once", "2 times"."""
    return "once" if n == 1 else f"{n} times"


Row = tuple[str, str, str, float | None, str, bool | None]
"""What, measured (line asker), baseline (questionary asker), ratio, target, met."""


def rows(line: Figures, base: Figures) -> list[Row]:
    """The figures as rows of the results table: the line asker against the baseline."""

    def ratio(a: float, b: float) -> float | None:
        return a / b if b else None

    per_prompt = len(line.instructions) / line.prompts
    base_per_prompt = len(base.instructions) / base.prompts
    per_question = len(line.instructions) / line.questions
    base_per_question = len(base.instructions) / base.questions
    menu_part = sum(map(is_menu_line, line.instructions)) / line.prompts
    base_menu_part = sum(map(is_menu_line, base.instructions)) / base.prompts
    controls = sum(line.other_controls.values())
    base_controls = sum(base.other_controls.values())
    return [
        (
            "plain mode: bytes per typed character, one-line answer",
            f"{line.bytes_per_char:.1f} B",
            f"{base.bytes_per_char:.1f} B",
            ratio(line.bytes_per_char, base.bytes_per_char),
            "< 3 B (under 2 beyond the character)",
            line.bytes_per_char < 3,
        ),
        (
            "plain mode: escape bytes in the whole review",
            f"{line.escape_bytes} of {line.total_bytes} B",
            f"{base.escape_bytes} of {base.total_bytes} B",
            ratio(line.escape_bytes, base.escape_bytes),
            "0",
            line.escape_bytes == 0,
        ),
        (
            "plain mode: other control bytes (not CR, LF, TAB)",
            f"{controls} {line.other_controls or ''}".strip(),
            f"{base_controls} {base.other_controls or ''}".strip(),
            ratio(controls, base_controls),
            "report",
            None,
        ),
        (
            "plain mode: lines printed in the whole review",
            str(line.lines),
            str(base.lines),
            ratio(line.lines, base.lines),
            "report",
            None,
        ),
        (
            f"plain mode: lines printed per prompt answered ({line.prompts} prompts)",
            f"{line.lines / line.prompts:.1f}",
            f"{base.lines / base.prompts:.1f}",
            ratio(line.lines, base.lines),
            "report",
            None,
        ),
        (
            "plain mode: instruction lines per prompt answered",
            f"{per_prompt:.1f} ({menu_part:.1f} of them menu options and number prompts)",
            f"{base_per_prompt:.1f} ({base_menu_part:.1f})",
            ratio(per_prompt, base_per_prompt),
            "<= 3",
            per_prompt <= 3,
        ),
        (
            "plain mode: instruction lines per question asked (answers, fields, menus, yes/no)",
            f"{per_question:.1f} ({line.questions} questions)",
            f"{base_per_question:.1f} ({base.questions} questions)",
            ratio(per_question, base_per_question),
            "<= 3",
            per_question <= 3,
        ),
        (
            "plain mode: long-answer instruction printed",
            times(line.long_instructions),
            times(base.long_instructions),
            ratio(line.long_instructions, base.long_instructions),
            "once",
            line.long_instructions == 1,
        ),
        (
            "plain mode: menus shown (6 or more options)",
            f"{line.menus} ({line.long_menus})",
            f"{base.menus} ({base.long_menus})",
            ratio(line.menus, base.menus),
            "report",
            None,
        ),
    ]


def run_both(work: Path | None = None) -> tuple[Figures, Figures]:
    """The baseline (questionary asker) and the line asker, in this order, same run."""
    catalogue = load_catalogue()
    work = work or Path(tempfile.mkdtemp(prefix="imr-plain-bench-"))
    base, line = (measure(asker, work, catalogue) for asker in ASKERS)
    return line, base


def checkout(commit: str, work: Path) -> Path:
    """The package and catalogue of an earlier ``commit``, unpacked under ``work``."""
    folder = work / f"at-{commit}"
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(HERE.parent), "archive", commit, "imr_tui", "prompts"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main(argv: list[str]) -> int:
    """Print both askers' figures and the line asker's against the baseline.

    ``--before COMMIT`` also types the review into the questionary asker of an earlier
    commit (plain mode as it was) and prints its figures; ``--show`` lists every line
    counted as an instruction.
    """
    work = Path(tempfile.mkdtemp(prefix="imr-plain-bench-"))
    earlier: list[Figures] = []
    if "--before" in argv:
        commit = argv[argv.index("--before") + 1]
        source = checkout(commit, work)
        earlier.append(measure("questionary", work, load_catalogue(), source, f"at {commit}"))
    line, base = run_both(work)
    for f in (*earlier, base, line):
        ok = "every scripted answer in the file" if not f.file_problems else f.file_problems
        print(f"{f.asker} asker: {f.questions} questions answered, exit code {f.exit_code}, {ok}")
    for what, value, baseline, ratio, target, met in rows(line, base):
        shown = f"{ratio:.2f}" if ratio is not None else "-"
        verdict = "" if met is None else ("met" if met else "MISSED")
        print(f"  {what}: {value} (baseline {baseline}, ratio {shown}) target {target} {verdict}")
    for f in earlier:
        print(f"{f.asker}, questionary asker:")
        for what, value, *_ in rows(f, f):
            print(f"  {what}: {value}")
    if "--show" in argv:
        for f in (*earlier, base, line):
            print(f"\nInstruction lines, {f.asker} asker:")
            print("\n".join(f"  {text}" for text in f.instructions))
    return 1 if any(f.file_problems for f in (*earlier, base, line)) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
