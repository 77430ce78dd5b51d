"""The labelled corpus of ``tests/quality_corpus/`` and the script that measures the
checks on it (``make check-quality``): the corpus is well formed, the scoring counts
right, each item's text is judged at its own place, and the script runs.

No threshold is asserted on the figures: they are a measurement, not a gate.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import check_quality as cq
import quality_review as qr

from imr_tui.checks.findings import RULES, Finding
from imr_tui.checks.rules import run_checks
from imr_tui.core.data_files import DataFiles

SCRIPT = Path(cq.__file__)


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[qr.Item]]:
    """Both corpus files."""
    return cq.load_corpus()


@pytest.fixture(scope="module")
def data() -> DataFiles:
    """The shipped catalogue, glossary and language rules."""
    return DataFiles.resolve(None)


def test_the_corpus_is_well_formed(corpus: dict[str, list[qr.Item]]) -> None:
    every = [item for items in corpus.values() for item in items]
    assert len(every) >= 200
    ids = [item.id for item in every]
    assert len(ids) == len(set(ids)), "ids must be unique across both files"
    for item in every:
        assert item.expect <= RULES.keys(), item.id
        assert item.place in qr.PLACES, item.id
        assert item.family in RULES, f"{item.id}: its prefix names no rule"
        if item.place == "recommendation":
            assert item.fields and not item.text, item.id
            assert set(item.fields) <= set(qr.RECOMMENDATION_FIELDS), item.id
            assert item.fields.get("recommendation") and item.fields.get("evidence"), item.id
        else:
            assert item.text.strip() and not item.fields, item.id


def test_every_rule_has_faulty_and_acceptable_items_in_both_files(
    corpus: dict[str, list[qr.Item]],
) -> None:
    for name, items in corpus.items():
        for rule in RULES:
            faulty = [i for i in items if rule in i.expect]
            fine = [i for i in items if i.family == rule and rule not in i.expect]
            assert faulty, f"{name}: no item has the fault {rule}"
            assert fine, f"{name}: no acceptable item written for {rule}"
        assert len(items) >= 100, name


def test_dev_and_heldout_are_about_the_same_size(corpus: dict[str, list[qr.Item]]) -> None:
    dev, heldout = len(corpus["dev"]), len(corpus["heldout"])
    assert abs(dev - heldout) <= 0.1 * (dev + heldout)


def _item(ident: str, expect: set[str]) -> qr.Item:
    return qr.Item(id=ident, place="analysis", text="Words.", expect=frozenset(expect))


def test_scoring_counts_hits_and_misses() -> None:
    outcomes = [
        (_item("blame-1", {"blame"}), frozenset({"blame"})),  # blame: TP
        (_item("blame-2", {"blame"}), frozenset()),  # blame: FN
        (_item("blame-3", set()), frozenset({"blame", "label"})),  # blame FP, label FP
        (_item("blame-4", set()), frozenset({"blame"})),  # blame: FP
        (_item("label-1", {"label", "blame"}), frozenset({"label"})),  # label TP, blame FN
        (_item("lead-1", set()), frozenset()),  # nothing
    ]
    counts = cq.score(outcomes)
    blame, label, lead = counts["blame"], counts["label"], counts["lead"]
    assert (blame.faulty, blame.tp, blame.fp, blame.fn) == (3, 1, 2, 2)
    assert (label.faulty, label.tp, label.fp, label.fn) == (1, 1, 1, 0)
    assert (lead.faulty, lead.tp, lead.fp, lead.fn) == (0, 0, 0, 0)
    assert blame.precision == pytest.approx(1 / 3)
    assert blame.recall == pytest.approx(1 / 3)
    assert label.precision == pytest.approx(0.5) and label.recall == 1.0
    assert lead.precision is None and lead.recall is None
    lines = cq.misses(outcomes)
    assert "  FN blame           blame-2            Words." in lines
    assert sum(line.startswith("  FP") for line in lines) == 3
    assert sum(line.startswith("  FN") for line in lines) == 2


def test_the_background_review_raises_no_measured_finding(data: DataFiles) -> None:
    for review in (qr.background(), qr.review_for("lead", qr.GOOD_LEAD)[0]):
        found = run_checks(data.catalogue, review, data.glossary, today=cq.TODAY)
        assert cq.measured(found) == []


@pytest.mark.parametrize("place", [p for p in qr.PLACES if p not in ("recommendation", "lead")])
def test_an_items_text_is_judged_at_its_own_place(place: str, data: DataFiles) -> None:
    long_enough = " The nurse recorded this because the policy asks for it." * 4
    text = "On 12 March 2025 the pt was seen at home." + long_enough
    item = qr.Item(id="abbreviation-9", place=place, text=text, expect=frozenset())
    assert cq.predict(item, data.catalogue, data.glossary) == {"abbreviation"}
    clean = qr.Item(
        id="abbreviation-8", place=place, text=text.replace("pt", "patient"), expect=frozenset()
    )
    assert cq.predict(clean, data.catalogue, data.glossary) == frozenset()


def test_a_recommendations_fields_and_a_lead_are_judged_there(data: DataFiles) -> None:
    lead = qr.Item(id="lead-9", place="lead", text="All agencies", expect=frozenset({"lead"}))
    assert "lead" in cq.predict(lead, data.catalogue, data.glossary)
    fields = {**qr.GOOD_RECOMMENDATION, "actions": "The pt record gets a new field."}
    rec = qr.Item(id="vague-9", place="recommendation", text="", expect=frozenset(), fields=fields)
    assert cq.predict(rec, data.catalogue, data.glossary) == {"abbreviation"}


def test_a_model_recommendation_is_read_as_its_fields() -> None:
    text = (
        "Recommendation: record refusals. Action: add a prompt. Lead: Head of Community "
        "Nursing. Target date: 31/03/2026. Resources: two days. Evidence: an audit of 30 records."
    )
    assert cq.recommendation_fields(text) == {
        "recommendation": "record refusals.",
        "actions": "add a prompt.",
        "lead": "Head of Community Nursing.",
        "resources": "two days.",
        "evidence": "an audit of 30 records.",
    }


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300
    )


def test_the_script_prints_a_row_per_rule_for_each_set() -> None:
    done = _run("--show", "dev")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for title in ("dev (", "heldout (", "fresh (", "fresh2 (", "fresh3 (", "all ("):
        assert title in out
    # the set never used to tune comes first, said to be so
    assert out.index("fresh3 (") < out.index("dev (")
    assert "never used to tune)" in out.split("dev (")[0]
    for rule in RULES:
        rows = [line for line in out.splitlines() if line.split()[:1] == [rule]]
        assert len(rows) == 6, rule
        assert rows[0].rstrip().endswith(("met", "not met"))
    assert "Misses in dev" in out
    assert "Misses in heldout" not in out, "held-out misses are listed only when asked"
    assert "Misses in fresh" not in out, "the fresh sets' misses are listed only when asked"
    assert "Worked example:" in out and "Model answers:" in out


def test_a_boards_model_answer_is_measured_in_its_prompt(tmp_path: Path) -> None:
    shipped = tomllib.loads((DataFiles.resolve(None).catalogue_path).read_text("utf-8"))
    for section in shipped["sections"]:
        for prompt in section.get("prompts", []):
            if prompt["id"] == "q_assessment":
                prompt["model_answer"] = (
                    "On 3 April 2025 the nurse was lazy and careless, because she did not "
                    "read the policy, which asks for a concern to be raised; the electronic "
                    "patient record shows no concern, so Mrs Penrose was left at risk for "
                    "months, against the Trust's safeguarding adults policy."
                )
    (tmp_path / "imr.toml").write_text(tomli_w.dumps(shipped), encoding="utf-8")
    board = DataFiles.resolve(tmp_path)
    lines = cq.model_answer_findings(board)
    assert [line.split(":")[0].strip() for line in lines] == ["q_assessment"]
    assert ": blame:" in lines[0]
    done = _run("--prompts", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Model answers: 1 finding(s) of a measured rule" in done.stdout


def test_only_findings_at_the_items_place_count() -> None:
    def at(step_id: str, record_id: str = "") -> Finding:
        return Finding("language", "analysis", step_id, "", "", "", record_id=record_id)

    answer = qr.Spot("q_assessment")
    assert answer.holds(at("q_assessment"))
    assert not answer.holds(at("q_further"))
    entry = qr.Spot("chronology", "item")
    assert entry.holds(at("chronology", "item"))
    assert not entry.holds(at("chronology", "bg1"))
    assert not entry.holds(at("chronology"))


def test_a_small_corpus_is_counted_end_to_end(tmp_path: Path) -> None:
    items = [
        {"id": "lead-1", "place": "lead", "text": "All agencies", "expect": ["lead"]},
        {"id": "lead-2", "place": "lead", "text": "Head of Community Nursing", "expect": ["lead"]},
        {"id": "lead-3", "place": "lead", "text": "Chief Nurse", "expect": []},
    ]
    (tmp_path / "dev.toml").write_text(tomli_w.dumps({"items": items}), encoding="utf-8")
    hostile = {"id": "blame-1", "place": "chronology", "expect": ["blame"]}
    hostile["text"] = "[bold]Nurse[/bold] \x1b[31mvisited\x1b[0m\nat 09:00."
    (tmp_path / "heldout.toml").write_text(tomli_w.dumps({"items": [hostile]}), encoding="utf-8")
    for later in ("fresh", "fresh2", "fresh3"):
        (tmp_path / f"{later}.toml").write_text(tomli_w.dumps({"items": []}), encoding="utf-8")
    done = _run("--corpus", str(tmp_path), "--show", "dev", "--show", "heldout")
    assert done.returncode == 0, done.stderr
    dev_table = done.stdout.split("\ndev (")[1].split("\n\n")[0]
    row = next(line for line in dev_table.splitlines() if line.startswith("lead "))
    assert row.split()[1:7] == ["2", "1", "0", "1", "1.00", "0.50"]
    assert "  FN lead            lead-2             Head of Community Nursing" in done.stdout
    assert "lead-1" not in done.stdout and "lead-3" not in done.stdout
    shown = "  FN blame           blame-1            [bold]Nurse[/bold] ?[31mvisited?[0m at 09:00."
    assert shown in done.stdout
    assert "\x1b" not in done.stdout


def test_a_catalogue_or_corpus_that_cannot_be_read_is_one_line_and_exit_2(
    tmp_path: Path,
) -> None:
    (tmp_path / "imr.toml").write_text("sections = [\n", encoding="utf-8")
    done = _run("--prompts", str(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and str(tmp_path / "imr.toml") in done.stderr
    assert "Traceback" not in done.stderr
    item = {"id": "lead-1", "place": "elsewhere", "text": "Chief Nurse", "expect": []}
    for name in cq.SETS:
        (tmp_path / f"{name}.toml").write_text(tomli_w.dumps({"items": [item]}), "utf-8")
    done = _run("--corpus", str(tmp_path))
    assert done.returncode == 2
    assert (
        done.stderr
        == f"check-quality: {tmp_path / 'dev.toml'}: item lead-1: unknown place 'elsewhere'\n"
    )
