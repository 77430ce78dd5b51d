"""Draft and final reports: the gate that refuses an unfinished final report, the version
stamped on each final report, and the private copy of exactly what was sent.

Driven for real: the ``imr`` command in-process, the interview's export dialog through
Textual's Pilot at 80x24, and plain mode's end-of-interview export from a script. Each
test reads what was said and the files on disk.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import Imr
from scripted_asker import Script
from textual.widgets import Button, Static
from tui_helpers import SIZE, make_app, settled, until

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.example import load_example
from imr_tui.core.lock import ReviewLock
from imr_tui.core.model import Review
from imr_tui.core.sent_copies import copy_problem, sent_folder
from imr_tui.core.store import create, load
from imr_tui.core.workspace import list_reviews
from imr_tui.plain.run import interview
from imr_tui.tui.screens.export_choice import ConfirmFinalScreen, ExportChoiceScreen
from imr_tui.tui.screens.review import ReviewScreen

TEXT_KINDS = ("text", "long_text", "date")


def completed(catalogue: Catalogue) -> Review:
    """The worked example with everything it leaves out answered (fictional words)."""
    review = load_example(catalogue)
    for prompt in catalogue.prompts():
        if prompt.kind in TEXT_KINDS and not review.answer(prompt.id).strip():
            value = "2025-01-31" if prompt.kind == "date" else "Northshire SAR 2025/01"
            review.set_answer(prompt.id, value)
    for entry in review.chronology:  # the example leaves one entry without its source
        entry.source = entry.source or "Electronic patient record"
    for rec in review.recommendations:
        rec.lead = rec.lead or "Head of Community Nursing"
        rec.target_date = rec.target_date or date(date.today().year + 2, 3, 31)
        for name in ("recommendation", "actions", "resources", "evidence"):
            if not getattr(rec, name).strip():
                setattr(rec, name, "Agreed with the board.")
    review.abbreviation_meanings["DNA"] = "Did Not Attend"
    review.abbreviation_meanings["c/o"] = "Complaining of"
    return review


def example_file(imr: Imr, folder: Path) -> Path:
    result = imr("new", "--example", "ex.toml", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "ex.toml"


def complete_file(folder: Path, catalogue: Catalogue) -> Path:
    path = folder / "done.toml"
    create(path, catalogue, completed(catalogue))
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- the command


def test_final_refuses_the_worked_example_listing_why_and_writes_nothing(
    imr: Imr, tmp_path: Path
) -> None:
    path = example_file(imr, tmp_path)
    before = path.read_bytes()
    result = imr("export", "ex.toml", "--final")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert "Glossary: 'c/o' may mean 'Complaining of' or 'Care of" in result.stderr
    assert "Recommendation 3's 'Target date' is empty" in result.stderr
    assert lines[-1].startswith("imr: ex.toml: not a final report yet:")
    assert "nothing was written" in lines[-1]
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ex.toml"]


def test_a_draft_is_written_without_a_version_and_the_review_untouched(
    imr: Imr, tmp_path: Path
) -> None:
    path = example_file(imr, tmp_path)
    before = path.read_bytes()
    result = imr("export", "ex.toml")
    # Never silent about what a panel would query: the draft says what stops a final one.
    assert (result.returncode, result.stdout) == (
        0,
        "Exported to ex.md and ex.timeline.png\n"
        "This is a draft: 'imr check' finds 13 things a panel would query; "
        "4 things must be put right before 'imr export --final'.\n",
    )
    assert (tmp_path / "ex.md").read_text(encoding="utf-8").count("DRAFT") >= 1
    assert path.read_bytes() == before
    assert not sent_folder(path).exists()


def test_final_writes_version_1_then_2_and_keeps_private_copies(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    first = imr("export", "done.toml", "--final")
    assert first.returncode == 0, first.stderr
    assert first.stdout == (
        "Exported to done-final-v1.md and done-final-v1.timeline.png\nFinal report, version "
        "1; a private copy "
        "of exactly what was sent is kept in .done.toml.sent/v1\n"
    )
    md = (tmp_path / "done-final-v1.md").read_bytes()
    second = imr("export", "done.toml", "--final", "--format", "docx")
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("Exported to done-final-v2.docx\nFinal report, version 2;")
    docx = (tmp_path / "done-final-v2.docx").read_bytes()
    assert "**FINAL** · Version 1 ·" in md.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(docx)) as parts:
        xml = " ".join(
            parts.read(n).decode("utf-8") for n in parts.namelist() if n.endswith(".xml")
        )
    assert "Version 2" in xml and "DRAFT" not in xml

    review = load(path, catalogue)
    assert [(s.version, s.format) for s in review.sent] == [(1, "md"), (2, "docx")]
    folder = sent_folder(path)
    assert mode(folder) == 0o700
    for sent, data in zip(review.sent, (md, docx), strict=True):
        copy = tmp_path / sent.kept_copy
        assert copy.parent.parent == folder and mode(copy.parent) == 0o700
        assert mode(copy) == 0o600
        assert copy.read_bytes() == data
        assert sent.sha256 == sha(data)
        assert copy_problem(path, sent) == ""
    assert [Path(p).name for p in review.sent[0].also_kept] == ["done-final-v1.timeline.png"]
    assert review.sent[1].also_kept == {}  # Word holds its picture inside
    for sent in review.sent:
        for extra, digest in sent.also_kept.items():
            kept = (tmp_path / extra).read_bytes()
            assert sha(kept) == digest
            assert (tmp_path / Path(extra).name).read_bytes() == kept
    assert second.stdout.endswith(" is kept in .done.toml.sent/v2\n")
    # The copies are never offered as reviews, and never named like one.
    assert [e.path.name for e in list_reviews(tmp_path)] == ["done.toml"]
    assert not [p for p in folder.rglob("*") if p.suffix == ".toml"]


def test_a_changed_copy_is_noticed(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    path = complete_file(tmp_path, catalogue)
    assert imr("export", "done.toml", "--final").returncode == 0
    sent = load(path, catalogue).sent[0]
    (tmp_path / sent.kept_copy).write_bytes(b"edited afterwards")
    assert "was changed" in copy_problem(path, sent)


def test_final_refuses_a_review_open_elsewhere_in_one_line(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    before = path.read_bytes()
    with ReviewLock.acquire(path):
        result = imr("export", "done.toml", "--final")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("done*.md")) and not sent_folder(path).exists()


def test_a_complete_draft_says_how_to_make_the_final_report(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    result = imr("export", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.startswith("This is a draft: 'imr check' finds ")
    assert last.endswith("; 'imr export --final' makes the final report.")


def test_final_with_anonymise_is_refused(imr: Imr, tmp_path: Path) -> None:
    example_file(imr, tmp_path)
    result = imr("export", "ex.toml", "--final", "--anonymise")
    assert result.returncode == 2
    assert "--final and --anonymise cannot go together" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ex.toml"]


# ---------------------------------------------------------------- the interview


async def _open_export_dialog(app: object, pilot: object) -> None:
    await pilot.press("ctrl+r")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")  # type: ignore[arg-type, attr-defined]
    await pilot.press("e")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, ExportChoiceScreen), "the dialog")  # type: ignore[arg-type, attr-defined]


def _dialog_text(screen: ExportChoiceScreen) -> str:
    parts = [str(w.render()) for w in screen.query(Static)]
    parts += [str(b.label) for b in screen.query(Button)]
    return "\n".join(parts)


async def test_the_interview_asks_then_writes_a_final_report(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_export_dialog(app, pilot)
        text = _dialog_text(app.screen)  # type: ignore[arg-type]
        for words in ("Export the report", "Draft as Markdown (1)", "Final report as Word (4)"):
            assert words in text
        assert app.screen.region.width <= SIZE[0]
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, ConfirmFinalScreen), "the question")
        assert "Write the final report, version 1?" in _dialog_text(app.screen)  # type: ignore[arg-type]
        await pilot.press(*"FINAL", "enter")
        await until(pilot, lambda: (tmp_path / "done-final-v1.md").exists(), "the report")
        await settled(pilot, app)
        assert not isinstance(app.screen, ExportChoiceScreen | ConfirmFinalScreen)
    review = load(path, catalogue)
    assert [s.version for s in review.sent] == [1]
    data = (tmp_path / "done-final-v1.md").read_bytes()
    assert (tmp_path / review.sent[0].kept_copy).read_bytes() == data
    assert review.sent[0].sha256 == sha(data)


async def test_the_interview_lists_why_a_final_report_is_refused(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = example_file(imr, tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_export_dialog(app, pilot)
        await pilot.press("3")
        await until(
            pilot,
            lambda: isinstance(app.screen, ExportChoiceScreen) and app.screen.problems != [],
            "the refusal",
        )
        text = _dialog_text(app.screen)  # type: ignore[arg-type]
        assert "The final report was not written: put 4 things right first" in text
        assert "Recommendation 3's 'Target date' is empty" in text
        assert app.screen.focused is app.screen.query_one("#problems")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ExportChoiceScreen), "cancel")
    assert not (tmp_path / "ex.md").exists()
    assert not sent_folder(path).exists()
    assert load(path, catalogue).sent == []


async def test_the_dialog_shows_problems_literally_and_escape_writes_nothing(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    hostile = "[bold]Ward[/bold] [@click=app.quit] \x1b[31m"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        choice: list[object] = []
        app.push_screen(ExportChoiceScreen(problems=[hostile], word=False), choice.append)
        await until(pilot, lambda: bool(app.screen.query("#refused")), "the dialog")
        text = _dialog_text(app.screen)  # type: ignore[arg-type]
        assert "[bold]Ward[/bold] [@click=app.quit] \u241b[31m" in text
        assert "Word needs the docx extra: pip install 'imr-tui[docx]'" in text
        assert app.screen.query_one("#final-docx", Button).disabled
        await pilot.press("4")  # Word cannot be chosen: the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, ExportChoiceScreen)
        await pilot.press("escape")
        await until(pilot, lambda: choice == [None], "cancel")
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".md", ".docx")]
    assert not sent_folder(path).exists()


# ---------------------------------------------------------------- plain mode


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return DataFiles.resolve(None).glossary


@pytest.fixture(autouse=True)
def _no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)


def _at_the_end(path: Path, catalogue: Catalogue) -> None:
    review = load(path, catalogue)
    review.resume = "endorsed_on"
    os.remove(path)
    create(path, catalogue, review)


TO_A_FINAL = (
    ("What would you like to do with it?", "Keep it and go on"),
    ("What would you like to do?", "Export the report"),
    ("Which export?", "Final report as Markdown"),
)
"""Plain mode's answers from the end of the interview to a final report as Markdown."""
FINAL_QUESTION = (
    "Write the final report, version 1, to done-final-v1.md? Type FINAL in capitals "
    "to write it; anything else writes nothing."
)
"""What plain mode asks before the first final report of ``done.toml``."""


def test_plain_mode_refuses_then_writes_a_final_report(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = complete_file(tmp_path, catalogue)
    _at_the_end(path, catalogue)
    script = Script(
        *TO_A_FINAL,
        (FINAL_QUESTION, "FINAL"),
        ("What would you like to do?", "Export the report"),
        ("Which export?", "Draft as Markdown"),
        ("What would you like to do?", "Save and quit"),
    )
    assert interview(script, catalogue, path, glossary) == 0  # type: ignore[arg-type]
    said = script.transcript()
    assert (
        "Final report, version 1, written to done-final-v1.md and "
        "done-final-v1.timeline.png, beside the "
        "review; a private copy of it is kept."
    ) in said
    assert "The report was written to done.md and done.timeline.png, beside the review." in said
    review = load(path, catalogue)
    assert [s.version for s in review.sent] == [1]
    kept = (tmp_path / review.sent[0].kept_copy).read_bytes()
    assert sha(kept) == review.sent[0].sha256
    assert kept != b""


def test_plain_mode_lists_why_a_final_report_is_refused(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = example_file(imr, tmp_path)
    _at_the_end(path, catalogue)
    script = Script(
        *TO_A_FINAL,
        ("What would you like to do?", "Save and quit"),
    )
    assert interview(script, catalogue, path, glossary) == 0  # type: ignore[arg-type]
    said = script.transcript()
    assert "The final report was not written: put 4 things right first:" in said
    assert "- Recommendations: Recommendation 3's 'Target date' is empty" in said
    assert not (tmp_path / "ex.md").exists()
    assert load(path, catalogue).sent == []
