"""``--prompts``: one set of data files for every command, the interview, serve and plain mode.

A board's folder carries its own ``abbreviations.toml`` (an invented abbreviation)
and ``columns.toml`` (an invented heading for the date); every mode must use them,
and a folder holding only ``imr.toml`` falls back to the shipped files, saying so.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList
from tui_helpers import SIZE, go_to

from imr_tui.cli import main as cli
from imr_tui.core.catalogue import default_prompts_dir
from imr_tui.core.data_files import DataFiles, refuse_newer
from imr_tui.core.errors import UserError
from imr_tui.core.store import create, load
from imr_tui.tui.app import IMRApp, create_app
from imr_tui.tui.screens.chronology_import import ChronologyImportScreen
from imr_tui.web import serve, session

INVENTED = "ZQXW"
HEADING = "Quibble moment"
SHEET = f"{HEADING},Source\n11/03/2024,District nursing notes\n"

GLOSSARY = f"""\
schema_version = 1
heading = "Abbreviations"

[abbreviations]
{INVENTED} = ["Zonal quarterly exchange workshop"]
"""

COLUMNS = f"""\
schema_version = 1

[synonyms]
date = ["{HEADING}"]
source = ["Source"]
"""


def board(tmp_path: Path, *, own_files: bool = True) -> Path:
    """A board's catalogue folder: the shipped ``imr.toml``, and its own data files."""
    folder = tmp_path / "board"
    folder.mkdir()
    shutil.copy(default_prompts_dir() / "imr.toml", folder / "imr.toml")
    if own_files:
        (folder / "abbreviations.toml").write_text(GLOSSARY, encoding="utf-8")
        (folder / "columns.toml").write_text(COLUMNS, encoding="utf-8")
    return folder


def review(tmp_path: Path, summary: str = "The nurse visited.") -> Path:
    path = tmp_path / "r.toml"
    path.write_text(f'[answers]\nsummary = "{summary}"\n', encoding="utf-8")
    return path


# ---------------------------------------------------------------- the bundle
def test_the_bundle_takes_each_file_from_the_board_or_says_it_fell_back(tmp_path: Path) -> None:
    folder = board(tmp_path)
    data = DataFiles.resolve(folder)
    assert data.catalogue_path == folder / "imr.toml"
    assert data.glossary_path == folder / "abbreviations.toml"
    assert data.columns_path == folder / "columns.toml"
    assert data.example_path == default_prompts_dir() / "example.toml"
    assert data.language_path == default_prompts_dir() / "language.toml"
    assert data.fallbacks == ("example.toml", "language.toml")
    assert data.fallback_note() == (
        f"Using the shipped example.toml and language.toml: none in {folder}"
    )
    assert data.glossary.meaning(INVENTED)
    assert DataFiles.resolve(folder / "imr.toml").glossary_path == folder / "abbreviations.toml"
    shipped = DataFiles.resolve(None)
    assert shipped.fallbacks == () and shipped.fallback_note() is None
    assert shipped.glossary_path == default_prompts_dir() / "abbreviations.toml"


def test_every_data_file_refuses_a_newer_layout_with_one_rule(tmp_path: Path) -> None:
    refuse_newer(1, 1)
    with pytest.raises(ValueError, match="schema_version 2 is newer than this version"):
        refuse_newer(2, 1)
    folder = board(tmp_path)
    (folder / "columns.toml").write_text(COLUMNS.replace("= 1", "= 7"), encoding="utf-8")
    with pytest.raises(Exception, match="schema_version 7 is newer than this version"):
        _ = DataFiles.resolve(folder).synonyms


# ---------------------------------------------------------------- the commands
def test_check_flags_the_boards_own_abbreviation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = board(tmp_path)
    path = review(tmp_path, f"The {INVENTED} met on Tuesday.")
    cli.main(["check", str(path), "--prompts", str(folder)])
    out = capsys.readouterr().out
    assert INVENTED in out
    assert "Zonal quarterly exchange workshop" in out
    cli.main(["check", str(path)])
    out = capsys.readouterr().out  # the shipped glossary does not know it
    assert f'"{INVENTED}" looks like an abbreviation, and it is not in the glossary.' in out
    assert "Zonal quarterly exchange workshop" not in out


def test_check_says_which_shipped_files_a_board_folder_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = board(tmp_path, own_files=False)
    path = review(tmp_path, "The nurse visited.")
    cli.main(["check", str(path), "--prompts", str(folder)])
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        "Using the shipped abbreviations.toml, columns.toml, example.toml and language.toml: "
        f"none in {folder}"
    )
    cli.main(["check", str(path)])
    assert "Using the shipped" not in capsys.readouterr().out  # no --prompts, no note
    with pytest.raises(SystemExit):
        cli.main(["check", "--help"])
    assert "the shipped ones where it has none" in " ".join(capsys.readouterr().out.split())


def test_chronology_import_maps_the_boards_own_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = board(tmp_path)
    path = review(tmp_path)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    argv = ["chronology", "import", str(path), str(sheet), "--yes"]
    assert cli.main(argv) == 1  # the shipped headings do not know it
    assert cli.main([*argv, "--prompts", str(folder)]) == 0
    capsys.readouterr()
    assert [(e.date, e.source) for e in load(path).chronology] == [
        ("2024-03-11", "District nursing notes")
    ]


@pytest.mark.parametrize(
    ("top", "tables", "says"),
    [
        (
            "",
            '[words.event]\nnames = ["what happened"]',
            "words.event.names: 'what happened' is not one word",
        ),
        (
            'filler = ["of"]',
            '[words.event]\nnames = ["of"]',
            "words.event.names: 'of' is also a filler word",
        ),
        ("", '[words.event]\nqualifiers = ["key"]', "words.event: 'names' is required"),
        ("", '[words.Event]\nnames = ["notes"]', "words: 'Event' is not a field"),
    ],
)
def test_a_boards_word_lists_are_checked_naming_the_file_and_key(
    tmp_path: Path, top: str, tables: str, says: str
) -> None:
    folder = board(tmp_path)
    text = COLUMNS.replace("schema_version = 1\n", f"schema_version = 1\n{top}\n")
    (folder / "columns.toml").write_text(f"{text}\n{tables}\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        DataFiles.resolve(folder).synonyms  # noqa: B018
    assert str(caught.value).startswith(f"{folder / 'columns.toml'}: {says}")


def test_a_boards_columns_file_replaces_the_shipped_words_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The board's file is the whole list: without [words], headings match whole only."""
    folder = board(tmp_path)
    path = review(tmp_path)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"{HEADING},Source,Event details\n11/03/2024,Notes,Visit\n", encoding="utf-8")
    argv = ["chronology", "import", str(path), str(sheet), "--yes", "--prompts", str(folder)]
    assert cli.main(argv) == 2  # "Event details" is matched by the shipped words only
    assert "'Event details' (column C) has text but no place" in capsys.readouterr().err
    (folder / "columns.toml").write_text(
        COLUMNS + '\n[words.event]\nnames = ["event"]\nqualifiers = ["detail"]\n',
        encoding="utf-8",
    )
    assert cli.main(argv) == 0
    assert "(by its words)" in capsys.readouterr().out
    assert [e.cells for e in load(path).chronology] == [{"event": "Visit"}]


# ---------------------------------------------------------------- the interview
async def test_the_interviews_spreadsheet_import_maps_the_boards_own_heading(
    tmp_path: Path,
) -> None:
    folder = board(tmp_path)
    data = DataFiles.resolve(folder)
    path = tmp_path / "r.toml"
    create(path, data.catalogue)
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    app = create_app(data.catalogue, path=path, data_files=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, "chronology")
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChronologyImportScreen)
        files = screen.query_one("#files", OptionList)
        files.focus()
        files.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert screen.found is not None
        assert not screen.found.blocked
        assert len(screen.found.entries) == 1
        assert app.glossary is not None and app.glossary.meaning(INVENTED)
        await pilot.press("escape")
        await pilot.pause()


# ---------------------------------------------------------------- serve mode
def test_serve_hands_the_boards_folder_to_each_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = board(tmp_path)
    workspace = tmp_path / "workshop"
    workspace.mkdir()
    commands: list[str] = []

    class Server:
        def serve(self) -> None:
            pass

    def fake_build(command: str, host: str, port: int, tokens: Any, **kw: Any) -> Server:
        commands.extend([command, kw["trainer"]])
        return Server()

    monkeypatch.setattr(serve, "build_server", fake_build)
    assert cli.main(["serve", "--workspace", str(workspace), "--prompts", str(folder)]) == 0
    command, trainer = commands
    # the trainer's page reads the same board's data files as the trainees' sessions
    trainer_argv = shlex.split(trainer)
    assert trainer_argv[trainer_argv.index("--prompts") + 1] == str(folder.resolve())
    argv = shlex.split(command)
    assert argv[:4] == ["exec", argv[1], "-m", "imr_tui.web.session"]
    assert argv[argv.index("--prompts") + 1] == str(folder.resolve())

    # The session that command runs builds the app with the board's data files.
    apps: list[IMRApp] = []

    def fake_run(self: IMRApp, *args: Any, **kw: Any) -> int:
        apps.append(self)
        return 0

    monkeypatch.setattr(IMRApp, "run", fake_run)
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)
    assert session.session_main(argv[4:]) == 0
    [app] = apps
    assert app.ask_folder
    assert app.glossary is not None and app.glossary.meaning(INVENTED)
    assert app.data_files.columns_path == folder.resolve() / "columns.toml"


def test_a_boards_older_catalogue_keeps_the_shipped_word_lists_it_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A board's imr.toml written before a [checks] word list existed still gets that
    check (with the shipped list); a list it writes, even empty, is its own."""
    import re
    import tomllib

    shipped = (default_prompts_dir() / "imr.toml").read_text(encoding="utf-8")
    lists = [k for k, v in tomllib.loads(shipped)["checks"].items() if isinstance(v, list)]
    assert "vague_phrases" in lists and "reasoning_words" in lists
    older = shipped
    for key in ("vague_phrases", "reasoning_words"):  # as a board's older copy lacks them
        older = re.sub(rf"(?ms)^{key} = \[.*?^\]\n", "", older)
    assert "vague_phrases" not in older
    folder = tmp_path / "board"
    folder.mkdir()
    (folder / "imr.toml").write_text(older, encoding="utf-8")
    data = DataFiles.resolve(folder)
    assert (
        data.catalogue.checks.vague_phrases
        == DataFiles.resolve(None).catalogue.checks.vague_phrases
    )
    path = tmp_path / "r.toml"
    path.write_text(
        '[[recommendations]]\nid = "r1"\nrecommendation = "Remind staff to record refusals."\n',
        encoding="utf-8",
    )
    cli.main(["check", str(path), "--prompts", str(folder)])
    assert "is vague" in capsys.readouterr().out
    (folder / "imr.toml").write_text(
        older.replace("[checks]\n", "[checks]\nvague_phrases = []\n", 1), encoding="utf-8"
    )
    cli.main(["check", str(path), "--prompts", str(folder)])
    assert "is vague" not in capsys.readouterr().out
