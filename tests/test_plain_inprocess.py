"""Plain mode in-process: the interview driven by a script instead of a terminal.

Each question the script answers is checked against the words plain mode asks, and
each test then reads what was said and the review file on disk. The terminal itself
(keys, hang-up, TERM=dumb) is tested for real in test_plain.py.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from scripted_asker import Script

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.controller import put_back_sentence
from imr_tui.core.data_files import DataFiles
from imr_tui.core.journal import journal_path
from imr_tui.core.lock import LockHeld, ReviewLock, lock_path
from imr_tui.core.model import Adult
from imr_tui.core.session import Session
from imr_tui.core.store import create, load
from imr_tui.plain.ask import Asks
from imr_tui.plain.run import choose_review, interview


def _asks(script: Script) -> Asks:
    return script  # a Script is an asker as far as plain mode can tell


@pytest.fixture(autouse=True)
def _no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return DataFiles.resolve(None).glossary


def _review(folder: Path, catalogue: Catalogue, resume: str = "", **answers: Any) -> Path:
    """A review with these answers (``adults`` a list of names), resuming at ``resume``."""
    path = folder / "r.toml"
    create(path, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    by_id = {s.id: s for s in session.steps()}
    for key, value in answers.items():
        if key == "adults":
            session.set_adults([Adult(name=n) for n in value])
        else:
            session.set_text(by_id[key], value)
    if resume:
        session.set_resume(resume)
    session.save()
    return path


def _half_done(folder: Path, catalogue: Catalogue) -> Path:
    return _review(
        folder,
        catalogue,
        resume="author_name",
        agency="Acme Trust",
        adults=["Dorothy Hollins"],
        author_name="Sam Reviewer",
        author_role="Nurse",
        author_agency="Acme Trust",
    )


def _run(script: Script, catalogue: Catalogue, path: Path, glossary: Glossary) -> int:
    return interview(_asks(script), catalogue, path, glossary)


# ---------------------------------------------------------------- opening


def test_a_missing_review_is_offered_then_made_and_answered(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new one.toml"
    declined = Script(("new one.toml does not exist yet. Start a new review there?", False))
    assert _run(declined, catalogue, path, glossary) == 0
    assert not path.exists() and not declined.answers

    script = Script(
        ("new one.toml does not exist yet. Start a new review there?", True),
        ("Your answer:", "Northshire Community Health"),
    )
    assert _run(script, catalogue, path, glossary) == 130  # Ctrl-C at the adults' first question
    said = script.transcript()
    assert "Prompt 1 of 33 (Details): Name of agency" in said
    assert "Prompt 2 of 33 (Details): Name of adult(s) and date of birth" in said
    review = load(path, catalogue)
    assert review.answer("agency") == "Northshire Community Health"
    assert review.resume == "adults"
    out = capsys.readouterr().out
    assert f"Saved. Run 'imr plain {path}' to carry on at: Name of adult(s)" in " ".join(
        out.split()
    )
    assert not lock_path(path).exists() and not journal_path(path).exists()


def test_it_resumes_goes_on_back_and_to_a_section(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _half_done(tmp_path, catalogue)
    script = Script(
        ("What would you like to do with it?", "Keep it and go on"),  # Author's name
        ("What would you like to do with it?", "?back"),  # role
        ("What would you like to do with it?", "?sections"),  # the name again
        ("What would you like to do with it?", "?go 3"),
        ("Your answer:", "Seen twice by the district nurses."),
    )
    assert _run(script, catalogue, path, glossary) == 130
    positions = [line for line in script.said if line.startswith("Prompt ")]
    assert positions == [
        "Prompt 4 of 33 (Details): Author's name",
        "Prompt 5 of 33 (Details): Author's role",
        "Prompt 4 of 33 (Details): Author's name",
        "Prompt 12 of 33 (Summary): Summary of involvement",
        "Prompt 13 of 33 (Summary): Sources of information",
    ]
    assert "3. Summary (0 of 2)" in script.said
    assert "Type ?go and a number from 1 to 8 to go to that section." in script.said
    assert "== Summary ==" in script.said
    review = load(path, catalogue)
    assert review.answer("summary") == "Seen twice by the district nurses."
    assert review.answer("author_role") == "Nurse"  # kept, never overwritten
    assert review.resume == "sources"


def test_past_the_end_it_exports_beside_the_review_and_goes_to_the_first_unanswered(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, resume="endorsed_on", summary="Seen twice.")
    script = Script(
        ("Date (dd/mm/yyyy):", ""),
        ("What would you like to do?", "Export the report"),
        ("Which export?", "Draft as Markdown"),
        ("What would you like to do?", "Go to the first prompt unanswered or with a finding"),
        ("Your answer:", "Acme Trust"),
    )
    assert _run(script, catalogue, path, glossary) == 130
    said = script.transcript()
    assert "You have reached the end of the interview: 1 of 33 prompts answered." in said
    assert "The report was written to r.md, beside the review." in said
    report = tmp_path / "r.md"
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text(encoding="utf-8")
    assert f"# {catalogue.title}" in text and "Seen twice." in text
    review = load(path, catalogue)
    assert review.answer("agency") == "Acme Trust"  # the first unanswered prompt
    assert review.resume == "adults"


def test_an_export_that_cannot_be_written_is_one_line(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, resume="endorsed_on")
    (tmp_path / "r.md").mkdir()  # in the way
    script = Script(
        ("Date (dd/mm/yyyy):", ""),
        ("What would you like to do?", "Export the report"),
        ("Which export?", "Draft as Markdown"),
        ("What would you like to do?", "Save and quit"),
    )
    assert _run(script, catalogue, path, glossary) == 0
    failed = [line for line in script.said if line.startswith("Export failed: ")]
    assert len(failed) == 1 and "r.md" in failed[0]
    assert (tmp_path / "r.md").is_dir()


def test_a_review_open_elsewhere_is_offered_read_only_in_the_apps_words(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _half_done(tmp_path, catalogue)
    before = path.read_bytes()
    with ReviewLock.acquire(path) as lock:
        who = lock.info.describe()
        question = (
            f"r.toml is open in another session: {who}. Only one session can change it "
            "at a time. Open it read-only to look at it?"
        )
        declined = Script((question, False))
        held = LockHeld(path, lock.info)
        assert _run(declined, catalogue, path, glossary) == held.exit_code
        assert declined.said == []

        script = Script((question, True))
        assert _run(script, catalogue, path, glossary) == 0
        assert script.said[0] == f"Read-only: open in another session ({who})."
        said = script.transcript()
        assert f"# {catalogue.title}" in said and "Acme Trust" in said
        assert lock_path(path).exists()  # still the other session's
    assert path.read_bytes() == before


def test_a_review_that_cannot_be_locked_is_shown_read_only_with_the_reason(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import imr_tui.core.lock

    path = _half_done(tmp_path, catalogue)
    before = path.read_bytes()

    def full_disk(target: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(imr_tui.core.lock, "_write_new", full_disk)
    script = Script()  # nothing is asked
    assert _run(script, catalogue, path, glossary) == 0
    assert script.said[0].startswith("Read-only: ")
    assert "No space left on device" in script.said[0]
    assert "Acme Trust" in script.transcript()
    assert path.read_bytes() == before


def test_changes_left_in_the_journal_are_put_back_and_saved(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = _review(tmp_path, catalogue, resume="summary")
    journal_path(path).write_text(
        '{"k": "#", "v": 1, "t": 0}\n'
        '{"k": "answer:summary", "v": "typed before the crash", "t": 1764500000}\n'
        '{"k": "resume", "v": "summary", "t": 1764500000}\n'
    )
    script = Script(("What would you like to do with it?", "?quit"))
    assert _run(script, catalogue, path, glossary) == 0
    assert put_back_sentence(1) in script.said
    assert "Your answer so far:" in script.said  # the answer put back is the one shown
    assert "typed before the crash" in script.transcript()
    assert load(path, catalogue).answer("summary") == "typed before the crash"
    assert not journal_path(path).exists()


# ---------------------------------------------------------------- choosing a review


def test_choosing_lists_the_reviews_and_what_cannot_be_opened_and_names_new_ones(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace = tmp_path / "reviews"
    workspace.mkdir()
    _half_done(workspace, catalogue)
    (workspace / "folder.toml").mkdir()
    (workspace / "broken.toml").write_text("agency = [\n", encoding="utf-8")
    pick = "n for a new review, or q to quit:"
    name = "Name of the new review"
    script = Script(
        (pick, "2"),  # only the review is numbered
        (pick, "n"),
        (name, "../escape"),
        (pick, "n"),
        (name, "r"),
        (pick, "n"),
        (name, "adult b"),
    )
    chosen = choose_review(_asks(script), catalogue, workspace)
    assert chosen == workspace.resolve() / "adult b.toml"
    assert load(chosen, catalogue).answers == {}
    assert script.said == [
        catalogue.title,
        "Your reviews:",
        "1. r.toml, Acme Trust (5 of 33 answered)",
        "These cannot be opened:",
        "  broken.toml — cannot be opened: at the end of the file: invalid value (not valid TOML)",
        "  folder.toml — is a folder, not a review file",
        "Type a number from 1 to 1, n or q",
        "A review name cannot hold / or \\ (the review stays in this folder): "
        "use letters, numbers, spaces, - and _.",
        "r.toml already exists: choose it from the list to carry on with it.",
    ]
    assert not (tmp_path / "escape.toml").exists()

    again = Script((pick, "2"))  # the new review is listed first now
    assert choose_review(_asks(again), catalogue, workspace) == workspace / "r.toml"
    assert "1. adult b.toml (0 of 33 answered)" in again.said
    assert choose_review(_asks(Script((pick, "q"))), catalogue, workspace) is None


def test_entries_that_cannot_be_read_are_listed_and_never_opened(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace = tmp_path / "reviews"
    workspace.mkdir()
    _half_done(workspace, catalogue)
    (workspace / "gone.toml").symlink_to(workspace / "nowhere.toml")
    (workspace / "loop.toml").symlink_to(workspace / "loop.toml")
    (workspace / "folder.toml").mkdir()
    os.mkfifo(workspace / "pipe.toml")  # opened for reading, it would wait forever
    (workspace / "broken.toml").write_text("agency = [\n", encoding="utf-8")
    script = Script(("n for a new review, or q to quit:", "q"))
    assert choose_review(_asks(script), catalogue, workspace) is None
    assert script.said == [
        catalogue.title,
        "Your reviews:",
        "1. r.toml, Acme Trust (5 of 33 answered)",
        "These cannot be opened:",
        "  broken.toml — cannot be opened: at the end of the file: invalid value (not valid TOML)",
        "  folder.toml — is a folder, not a review file",
        "  gone.toml — cannot be read (it links to a file that does not exist)",
        "  loop.toml — cannot be read (it is a link that leads round in a loop)",
        "  pipe.toml — is a special file (such as a pipe), not a review file",
    ]
    assert not script.answers
