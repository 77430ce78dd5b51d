"""A final report is never made by accident, never reuses a version, never overwrites
what was sent.

Driven for real: the ``imr`` command in-process, the interview's dialogs through
Textual's Pilot (80x24, and 80x70 for the refused list), plain mode from a script.
Each test reads what was said and the files on disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Imr
from scripted_asker import Script
from test_final_export import (
    FINAL_QUESTION,
    TO_A_FINAL,
    _at_the_end,
    _open_export_dialog,
    complete_file,
    example_file,
)
from textual.containers import VerticalScroll
from textual.widgets import Static
from tui_helpers import SIZE, make_app, settled, until

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.lock import ReviewLock
from imr_tui.core.model import SentVersion
from imr_tui.core.sent_copies import keep_copies, sent_folder
from imr_tui.core.store import load, save
from imr_tui.plain.run import interview
from imr_tui.report import blocks as b
from imr_tui.report.export_files import report_blocks
from imr_tui.report.final_gate import final_problems, placeholder_problems
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.screens.export_choice import ConfirmFinalScreen, ExportChoice, ExportChoiceScreen


def _nothing_sent(path: Path, catalogue: Catalogue) -> None:
    """No final report went out: none recorded in the review, no private copy kept, no
    file named as a final beside it."""
    assert load(path, catalogue).sent == []
    assert not sent_folder(path).exists()
    assert not list(path.parent.glob(f"{path.stem}-final-*"))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return DataFiles.resolve(None).glossary


def _copies(path: Path) -> dict[str, bytes]:
    """Every kept copy's bytes by its place under the copies' folder."""
    folder = sent_folder(path)
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ---------------------------------------------------------------- 1. versions


def test_after_restoring_an_older_save_the_next_final_is_numbered_after_every_one_sent(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    assert imr("export", "done.toml", "--final").returncode == 0
    assert imr("export", "done.toml", "--final").returncode == 0
    sent = _copies(path)
    # The newest backup is the review before version 2 was recorded: its sent list is
    # shorter, but a final report sent stays recorded when an older save is put back.
    assert imr("restore", "done.toml", "1").returncode == 0
    assert [s.version for s in load(path, catalogue).sent] == [1, 2]
    result = imr("export", "done.toml", "--final")
    assert result.returncode == 0, result.stderr
    assert "Final report, version 3;" in result.stdout
    after = _copies(path)
    assert {k: after[k] for k in sent} == sent  # versions 1 and 2 as they were sent
    assert sorted(p.name for p in sent_folder(path).iterdir()) == ["v1", "v2", "v3"]
    texts = [(tmp_path / f"done-final-v{n}.md").read_text(encoding="utf-8") for n in (1, 2, 3)]
    assert ["Version 1 ·" in t for t in texts] == [True, False, False]
    assert "Version 3 ·" in texts[2]


def test_a_version_folder_on_disk_is_never_reused(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    old = sent_folder(path) / "v1"
    old.mkdir(parents=True)
    (old / "done.md").write_bytes(b"what was really sent")
    result = imr("export", "done.toml", "--final")
    assert result.returncode == 0, result.stderr
    assert "version 2" in result.stdout
    assert (old / "done.md").read_bytes() == b"what was really sent"
    with pytest.raises(FileExistsError):
        keep_copies(path, 1, {tmp_path / "x.md": b"other"}, "md")
    assert (old / "done.md").read_bytes() == b"what was really sent"


# ---------------------------------------------------------------- 2. no accident


async def test_a_burst_of_typing_in_the_review_screen_never_writes_a_final_report(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_export_dialog(app, pilot)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ExportChoiceScreen), "closed")
        burst = [*"e1see the 4 visits", "space", "enter", "y", "1", "enter", "space"]
        await pilot.press(*["space" if k == " " else k for k in burst])
        await settled(pilot, app)
        if isinstance(app.screen, ConfirmFinalScreen):  # the question may still be open
            assert app.screen.focused is app.screen.query_one("#word")
    _nothing_sent(path, catalogue)


async def test_the_final_report_needs_the_word_final_and_other_typing_writes_nothing(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_export_dialog(app, pilot)
        await pilot.press("4")
        await until(pilot, lambda: isinstance(app.screen, ConfirmFinalScreen), "the question")
        await pilot.press("y", "1", "4", "w", "enter", "tab", "enter")  # Tab reaches Cancel
        await until(pilot, lambda: not isinstance(app.screen, ConfirmFinalScreen), "cancelled")
    assert load(path, catalogue).sent == []
    assert not list(tmp_path.glob("done-final-*"))


def test_plain_mode_asks_before_a_final_report_and_no_writes_nothing(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = complete_file(tmp_path, catalogue)
    _at_the_end(path, catalogue)
    script = Script(
        *TO_A_FINAL,
        (FINAL_QUESTION, "final"),
        ("What would you like to do?", "Save and quit"),
    )
    assert interview(script, catalogue, path, glossary) == 0  # type: ignore[arg-type]
    assert "Nothing was written." in script.transcript()
    assert load(path, catalogue).sent == []
    assert not list(tmp_path.glob("done*.md"))


# ---------------------------------------------------------------- 3. own file names


def test_a_draft_never_overwrites_a_final_report(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    final = imr("export", "done.toml", "--final", "--format", "docx")
    assert final.returncode == 0, final.stderr
    sent = (tmp_path / "done-final-v1.docx").read_bytes()
    draft = imr("export", "done.toml", "--format", "docx")
    assert draft.returncode == 0, draft.stderr
    assert draft.stdout.startswith("Exported to done.docx\n")
    assert (tmp_path / "done-final-v1.docx").read_bytes() == sent
    over = imr("export", "done.toml", "-o", "done-final-v1.docx")
    assert over.returncode == 2
    assert len(over.stderr.strip().splitlines()) == 1, over.stderr
    assert "a final report was written to this file" in over.stderr
    assert "Traceback" not in over.stderr
    assert (tmp_path / "done-final-v1.docx").read_bytes() == sent
    assert load(path, catalogue).sent[0].written == ["done-final-v1.docx"]


def test_an_older_record_without_written_paths_loads() -> None:
    old = SentVersion.model_validate(
        {
            "version": 1,
            "exported": "2025-01-01T10:00:00",
            "format": "md",
            "kept_copy": ".r.toml.sent/v1/r.md",
            "sha256": "0" * 64,
        }
    )
    assert old.written == []


# ---------------------------------------------------------------- 4. the refused list


@pytest.mark.parametrize(("size", "least"), [(SIZE, 8), ((80, 70), 40)])
async def test_a_long_refusal_is_readable_scrollable_and_focused(
    tmp_path: Path, catalogue: Catalogue, size: tuple[int, int], least: int
) -> None:
    path = complete_file(tmp_path, catalogue)
    problems = [f"Section {n}: problem number {n} [bold]x[/bold]" for n in range(1, 61)]
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await settled(pilot, app)
        app.push_screen(ExportChoiceScreen(problems=problems, word=False))
        await until(pilot, lambda: bool(app.screen.query("#problems")), "the dialog")
        await pilot.pause()
        shown = app.screen.query_one("#problems", VerticalScroll)
        assert app.screen.focused is shown
        assert shown.region.height >= least, shown.region
        assert shown.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert shown.scroll_y == shown.max_scroll_y


# ---------------------------------------------------------------- 5. and 6. the list


def test_an_unanswered_prompt_is_listed_once(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = complete_file(tmp_path, catalogue)
    review = load(path, catalogue)
    review.set_answer("agency", "")
    blocks = report_blocks(review, catalogue, glossary, b.Edition(final=True, version=1))
    assert any("Name of Agency" in p for p in placeholder_problems(blocks))  # both would say it
    found = final_problems(review, catalogue, glossary)
    assert [p for p in found if "agency" in p.casefold()] == [
        "Details, Name of agency: This required prompt has not been answered."
    ]


def test_an_ambiguous_abbreviation_with_no_meaning_stops_the_final_report(
    imr: Imr, tmp_path: Path
) -> None:
    example_file(imr, tmp_path)
    refused = imr("export", "ex.toml", "--final")
    assert refused.returncode == 1
    line = next(x for x in refused.stderr.splitlines() if "'DNA'" in x)
    assert "'Did Not Attend'" in line
    assert 'imr glossary ex.toml mean DNA "..."' in line
    assert "m in the Check screen" in line
    assert imr("glossary", "ex.toml", "mean", "DNA", "Did", "Not", "Attend").returncode == 0
    again = imr("export", "ex.toml", "--final")
    assert again.returncode == 1  # the worked example still has other things to put right
    assert "'DNA'" not in again.stderr


# ---------------------------------------------------------------- 7. kept copies


def test_a_changed_or_missing_kept_copy_is_said_before_the_next_final(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    assert imr("export", "done.toml", "--final").returncode == 0
    assert imr("export", "done.toml", "--final").returncode == 0
    first, second = load(path, catalogue).sent
    (tmp_path / first.kept_copy).write_bytes(b"edited afterwards")
    (tmp_path / second.kept_copy).unlink()
    result = imr("export", "done.toml", "--final")
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2, result.stderr
    assert warnings[0].startswith("imr: warning: ") and "version 1 was changed" in warnings[0]
    assert "version 2 is missing" in warnings[1]
    assert "version 3" in result.stdout


# ---------------------------------------------------------------- 4. a typed word confirms


def _keys(text: str) -> list[str]:
    """Key names for typing ``text`` (a space is the space key)."""
    return ["space" if c == " " else c for c in text]


PROSE = [*_keys("Seen 3 May 2025"), "tab", *_keys("Home visit by district nurse"), "enter"]
BURSTS = {
    "the tester's prose with a Tab": PROSE,
    "prose at the question": ["e", "3", *PROSE, "tab", "enter"],
    "digits": ["e", "4", *_keys("2025 34 4 3"), "enter", "tab", "enter", *_keys("14"), "enter"],
    "final in lower case": [*_keys("e3final"), "enter", *_keys("Final"), "enter", "tab", "enter"],
    "FINAL inside other words": [*_keys("e4the FINAL report"), "enter", "tab", "enter"],
}
"""Typing that must never write a final report; all but the first end at the question."""


def _told(app: object) -> list[str]:
    """Record what the app tells the author in notifications from now on."""
    said: list[str] = []
    original = app.notify  # type: ignore[attr-defined]

    def notify(message: str, *args: object, **kwargs: object) -> None:
        said.append(message)
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[attr-defined]
    return said


@pytest.mark.parametrize("burst", BURSTS, ids=list(BURSTS))
async def test_no_burst_of_typing_writes_a_final_report(
    tmp_path: Path, catalogue: Catalogue, burst: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    mount = ConfirmFinalScreen.on_mount

    def on_mount(screen: ConfirmFinalScreen) -> None:
        asked.append(screen.version)
        mount(screen)

    monkeypatch.setattr(ConfirmFinalScreen, "on_mount", on_mount)
    path = complete_file(tmp_path, catalogue)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_export_dialog(app, pilot)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ExportChoiceScreen), "closed")
        await pilot.press(*BURSTS[burst])
        await settled(pilot, app)
    if burst != "the tester's prose with a Tab":
        assert asked, "the burst reached the question"
    _nothing_sent(path, catalogue)


async def test_typing_final_then_enter_writes_it_and_escape_in_the_box_cancels(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await _open_export_dialog(app, pilot)
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, ConfirmFinalScreen), "the question")
        await pilot.press(*"final", "enter")  # not the word: asked again, told what to type
        await pilot.pause()
        assert isinstance(app.screen, ConfirmFinalScreen)
        said = str(app.screen.query_one("#not-confirmed", Static).render())
        assert "type FINAL in capitals and press Enter" in said, said
        await pilot.press(*"FINA", "escape")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmFinalScreen), "cancelled")
        assert not list(tmp_path.glob("done-final-*"))
        await pilot.press("e", "3")
        await until(pilot, lambda: isinstance(app.screen, ConfirmFinalScreen), "asked again")
        await pilot.press(*"FINAL", "enter")
        await until(pilot, lambda: (tmp_path / "done-final-v1.md").exists(), "the report")
    assert [s.version for s in load(path, catalogue).sent] == [1]


async def test_a_read_only_view_says_at_once_that_a_final_needs_the_review_open(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    before = path.read_bytes()
    with ReviewLock.acquire(path) as lock:
        assert lock is not None
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the offer")
            await pilot.press("y")
            await settled(pilot, app)
            assert app.session is not None and app.session.read_only
            said = _told(app)
            await _open_export_dialog(app, pilot)
            await pilot.press("4")
            await settled(pilot, app)
            assert not isinstance(app.screen, ConfirmFinalScreen)
            assert any("a final report needs the review open to change" in m for m in said), said
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("done-final-*"))


# ---------------------------------------------------------------- 5. never over what was sent


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _refused(result: object, words: str) -> None:
    assert result.returncode == 2, result.stderr  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and words in lines[0], result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--final", "-o", "done-final-v1.md"], "a final report was written to this file"),
        (["--final", "-o", ".done.toml.sent/v1/done-final-v1.md"], "folder of kept copies"),
        (["-o", ".done.toml.sent/v1/done-final-v1.md"], "folder of kept copies"),
        (["-o", ".done.toml.sent/v1/new.md"], "folder of kept copies"),
        (["-o", "other-final-v1.md"], "is a final report (by its name)"),
        (["--final", "-o", "notes.md"], "a final report is never written over a file"),
        (["--anonymise", "-o", ".done.toml.sent/v1/anon.md"], "folder of kept copies"),
    ],
)
def test_no_export_is_written_over_a_final_or_a_kept_copy(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, args: list[str], words: str
) -> None:
    path = complete_file(tmp_path, catalogue)
    assert imr("export", "done.toml", "--final").returncode == 0
    (tmp_path / "other-final-v1.md").write_bytes(b"another review's final report")
    (tmp_path / "notes.md").write_bytes(b"the author's own notes")
    before = _files(tmp_path)
    _refused(imr("export", "done.toml", *args), words)
    assert "choose another -o" in imr("export", "done.toml", *args).stderr
    assert _files(tmp_path) == before
    assert [s.version for s in load(path, catalogue).sent] == [1]


def test_a_draft_refused_at_its_default_name_is_told_so(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    complete_file(tmp_path, catalogue)
    assert imr("export", "done.toml", "--final", "-o", "done.md").returncode == 0
    before = _files(tmp_path)
    result = imr("export", "done.toml")
    _refused(result, "a final report was written to this file")
    assert "-o (or leave it out)" not in result.stderr
    assert "move that file away first, or name another file with imr export -o" in result.stderr
    assert _files(tmp_path) == before


async def test_the_interview_never_writes_a_draft_into_the_kept_copies(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    assert imr("export", "done.toml", "--final").returncode == 0
    before = _files(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        copy = sent_folder(path) / "v1" / "done-final-v1.md"
        said = _told(app)
        assert app.export_as(ExportChoice(False, "md"), out=copy) == []
        assert any("folder of kept copies" in m for m in said), said
    after = _files(tmp_path)  # the review and its backups were saved on the way

    def sent(files: dict[str, bytes]) -> dict[str, bytes]:
        return {k: v for k, v in files.items() if k.startswith((".done.toml.sent", "done-final"))}

    assert sent(after) == sent(before)
    assert len(sent(before)) == 5  # the report, its picture, their copies, the review as sent


# ---------------------------------------------------------------- 6. the timeline drawn


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_final_whose_timeline_cannot_be_drawn_is_refused(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    from imr_tui.report import timeline_picture

    complete_file(tmp_path, catalogue)
    monkeypatch.setattr(timeline_picture, "timeline_available", lambda: False)
    before = _files(tmp_path)
    result = imr("export", "done.toml", "--final", "--format", fmt)
    assert result.returncode == 1, result.stderr
    assert "timeline picture cannot be drawn" in result.stderr
    assert "pip install 'imr-tui[timeline]'" in result.stderr
    assert _files(tmp_path) == before


def test_restoring_an_older_save_keeps_the_record_of_what_was_sent(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    """A tester's case: a final written with -o, then 'imr restore FILE 1' (the save made
    just before it), then a draft to the same name overwrote the final report."""
    path = complete_file(tmp_path, catalogue)
    assert imr("export", "done.toml", "--final", "-o", "Northshire IMR.docx").returncode == 0
    final = (tmp_path / "Northshire IMR.docx").read_bytes()
    assert imr("restore", "done.toml", "1").returncode == 0
    restored = load(path, catalogue)
    assert [s.version for s in restored.sent] == [1]
    assert restored.sent[0].written == ["Northshire IMR.docx"]
    result = imr("export", "done.toml", "-o", "Northshire IMR.docx")
    assert result.returncode == 2 and "a final report was written to this file" in result.stderr
    assert (tmp_path / "Northshire IMR.docx").read_bytes() == final


def test_the_kept_copies_name_the_files_sent_even_when_the_review_forgets(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = complete_file(tmp_path, catalogue)
    assert imr("export", "done.toml", "--final", "-o", "sent.md").returncode == 0
    review = load(path, catalogue)
    review.sent = []  # an older copy of the review, say, that never knew of it
    save(path, review, catalogue)
    result = imr("export", "done.toml", "-o", "sent.md")
    assert result.returncode == 2 and "a final report was written to this file" in result.stderr


def test_a_draft_is_never_named_as_a_final_report(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    complete_file(tmp_path, catalogue)
    result = imr("export", "done.toml", "-o", "done-final-v1.md")
    assert result.returncode == 2
    assert "a draft is never given that name" in result.stderr
    assert not (tmp_path / "done-final-v1.md").exists()
    assert imr("export", "done.toml", "--final").returncode == 0
    assert (tmp_path / "done-final-v1.md").read_text(encoding="utf-8").count("Version 1") >= 1
