"""How often the quality checks are right: precision and recall per rule on the labelled
corpus in ``tests/quality_corpus/`` (``make check-quality``).

Each corpus item is put in its place in a small fictional review (see :func:`review_for`),
the checks run with the catalogue, glossary and language rules (shipped, or a board's with
``--prompts FOLDER``), and the findings at that place whose rule is measured
(:data:`imr_tui.checks.findings.RULES`) are compared with the item's labels. It also lists
every finding of a measured rule on the worked example and on the catalogue's model answers.

A measurement, not a gate: the exit code is 0 whatever the figures (2, with one line, for a
catalogue, data file or corpus that cannot be read). Three sets (see the corpus README):
``dev``, to write and tune the rules; ``heldout``, measured once blind and then used to
tune too; ``fresh``, ``fresh2`` and ``fresh3``, each written afterwards by someone who
saw neither the rules nor the other sets, each measured once blind and then released for
tuning, the last one (``fresh3``) never. ``--show dev`` lists the development set's misses; the
others' misses are listed only when asked by name (``--show fresh``), so that rules are
not tuned to them unawares.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality_review import (  # noqa: E402
    ANSWER_PLACES,
    Item,
    Spot,
    background,
    load_items,
    one_line,
    review_for,
)

from imr_tui.checks.findings import RULES, Finding  # noqa: E402
from imr_tui.checks.glossary import Glossary  # noqa: E402
from imr_tui.checks.rules import run_checks  # noqa: E402
from imr_tui.core.catalogue import Catalogue  # noqa: E402
from imr_tui.core.data_files import DataFiles  # noqa: E402
from imr_tui.core.errors import UserError  # noqa: E402
from imr_tui.core.example import load_example  # noqa: E402

CORPUS = ROOT / "tests" / "quality_corpus"
SETS = ("dev", "heldout", "fresh", "fresh2", "fresh3")
PRECISION_TARGET = 0.9
RECALL_TARGET = 0.85
TODAY = date(2026, 1, 24)
"""The day the checks run as if on: the review's completion date, so figures never drift."""


def load_corpus(folder: Path = CORPUS) -> dict[str, list[Item]]:
    """Every corpus file, keyed by its set (:data:`SETS`)."""
    return {name: load_items(folder / f"{name}.toml") for name in SETS}


def measured(findings: Iterable[Finding]) -> list[Finding]:
    """The findings of a measured rule."""
    return [f for f in findings if f.rule in RULES]


def predict(item: Item, catalogue: Catalogue, glossary: Glossary) -> frozenset[str]:
    """The measured rules the checks raise at the item's place."""
    review, spot = review_for(item.place, item.text, item.fields)
    found = run_checks(catalogue, review, glossary, today=TODAY)
    return frozenset(f.rule for f in measured(found) if spot.holds(f))


@dataclass
class Counts:
    """One rule's tally: items labelled with it, and the checks' hits and misses."""

    faulty: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """Share of the rule's findings that were right (None: it found nothing)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """Share of the rule's faults that were found (None: no item has the fault)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


Outcome = tuple[Item, frozenset[str]]
"""An item with the rules the checks raised at its place."""


def score(outcomes: Iterable[Outcome]) -> dict[str, Counts]:
    """Per measured rule: true positives, false positives and false negatives."""
    counts = {rule: Counts() for rule in RULES}
    for item, got in outcomes:
        for rule, c in counts.items():
            want, found = rule in item.expect, rule in got
            c.faulty += want
            c.tp += want and found
            c.fp += found and not want
            c.fn += want and not found
    return counts


def misses(outcomes: Iterable[Outcome]) -> list[str]:
    """Each false positive and false negative, one line each."""
    lines = []
    for item, got in outcomes:
        for rule in sorted(got - item.expect):
            lines.append(f"  FP {rule:<15} {item.id:<18} {item.one_line()}")
        for rule in sorted(item.expect - got):
            lines.append(f"  FN {rule:<15} {item.id:<18} {item.one_line()}")
    return lines


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _met(c: Counts) -> str:
    p, r = c.precision, c.recall
    p_ok = p is None or p >= PRECISION_TARGET
    r_ok = r is not None and r >= RECALL_TARGET
    return "met" if p_ok and r_ok else "not met"


def table(title: str, counts: dict[str, Counts]) -> list[str]:
    """Rows of the figures, one per rule, with the targets met or not."""
    head = (
        f"{'rule':<15} {'faulty':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>6}"
    )
    lines = [title, head, "-" * len(head)]
    for rule, c in counts.items():
        lines.append(
            f"{rule:<15} {c.faulty:>6} {c.tp:>4} {c.fp:>4} {c.fn:>4} "
            f"{_ratio(c.precision):>9} {_ratio(c.recall):>6}  {_met(c)}"
        )
    return lines


def _where(f: Finding) -> str:
    return one_line(f"{f.where}: {f.rule}: {f.message}")


def example_findings(data: DataFiles) -> list[str]:
    """Every finding of a measured rule on the worked example."""
    review = load_example(data.catalogue, data.example_path, today=TODAY)
    found = measured(run_checks(data.catalogue, review, data.glossary, today=TODAY))
    return [f"  {_where(f)}" for f in found]


_LABELLED = re.compile(r"(Recommendation|Actions?|Lead|Target date|Resources|Evidence):\s*")
_FIELD_OF = {"Action": "actions", "Actions": "actions", "Target date": "target_date"}


def recommendation_fields(model_answer: str) -> dict[str, str]:
    """A model recommendation written ``Recommendation: ... Lead: ...`` as fields (the
    target date is left to the good default: the model writes it as people do)."""
    parts = _LABELLED.split(model_answer)
    out = {}
    for label, value in zip(parts[1::2], parts[2::2], strict=True):
        key = _FIELD_OF.get(label, label.lower())
        if key != "target_date":
            out[key] = value.strip()
    return out


def model_answer_findings(data: DataFiles) -> list[str]:
    """Every finding of a measured rule on a model answer put in its own prompt."""
    lines = []
    places = {v: k for k, v in ANSWER_PLACES.items()}
    for prompt in data.catalogue.prompts():
        text = prompt.model_answer
        if not text:
            continue
        if prompt.kind == "tor_analysis":
            review, spot = review_for("tor_analysis", text)
        elif prompt.kind == "recommendations":
            review, spot = review_for("recommendation", "", recommendation_fields(text))
        elif prompt.kind == "chronology":
            review, spot = review_for("chronology", text)
        elif prompt.kind in ("text", "long_text"):
            review, spot = background(), Spot(prompt.id)
            review.set_answer(prompt.id, text)
            if prompt.id in places:
                review, spot = review_for(places[prompt.id], text)
        else:
            continue
        found = run_checks(data.catalogue, review, data.glossary, today=TODAY)
        lines += [f"  {prompt.id}: {_where(f)}" for f in measured(found) if spot.holds(f)]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the figures: 0 whatever they are (a measurement, not a gate); 2 with one
    line on stderr for a catalogue, data file or corpus that cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=Path, help="a board's catalogue folder to measure")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    parser.add_argument(
        "--show",
        action="append",
        choices=SETS,
        default=[],
        help="list the false positives and false negatives of this set",
    )
    args = parser.parse_args(argv)
    try:
        data = DataFiles.resolve(args.prompts)
        corpus = load_corpus(args.corpus)
        results = {
            name: [(item, predict(item, data.catalogue, data.glossary)) for item in items]
            for name, items in corpus.items()
        }
        examples = example_findings(data)
        models = model_answer_findings(data)
    except UserError as e:
        print(f"check-quality: {e}", file=sys.stderr)
        return e.exit_code
    honest = SETS[-1]
    out = [
        f"Check quality: targets precision >= {PRECISION_TARGET}, recall >= {RECALL_TARGET}",
        "",
        "For each rule: faulty = items a panel would raise it on; TP = raised where it should",
        "be; FP = raised on acceptable text (a false alarm); FN = missed. Precision = TP / (TP",
        "+ FP), the share of findings that are right; recall = TP / (TP + FN), the share of",
        f"faults found. The first table, {honest}, was never used to tune the rules: it is the",
        "honest figure for text the checks have not seen. The others were used to tune them,",
        "so they read higher (see tests/quality_corpus/README.md).",
    ]
    every = [o for name in SETS for o in results[name]]
    order = [honest, *(n for n in SETS if n != honest)]
    for name in order:
        outcomes = results[name]
        how = "never used to tune" if name == honest else "used to tune"
        out += ["", *table(f"{name} ({len(outcomes)} items, {how})", score(outcomes))]
    out += ["", *table(f"all ({len(every)} items, tuned and not)", score(every))]
    for name in args.show:
        found = misses(results[name])
        out += ["", f"Misses in {name} ({len(found)}):", *found]
    for title, lines in (("Worked example", examples), ("Model answers", models)):
        out += ["", f"{title}: {len(lines)} finding(s) of a measured rule", *lines]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
