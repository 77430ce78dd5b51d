"""The workshop's trainees: names, safe folders, codes, and twenty joins at once."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time
from pathlib import Path

import pytest

from imr_tui.core.errors import UserError
from imr_tui.workshop import trainees as t
from imr_tui.workshop.names import name_key, safe_folder_name, trainee_name_problem


def test_name_key_ignores_capitals_spacing_and_curly_apostrophe() -> None:
    assert name_key("  ANNA  trainee ") == name_key("anna Trainee")
    assert name_key("O’Brien") == name_key("o'brien")
    assert name_key("Zoë") == name_key("ZOË")


@pytest.mark.parametrize(
    ("typed", "registered"),
    [("zoe ward", "Zoë Ward"), ("SIAN", "Siân"), ("nunez", "Ñúñez"), ("Celine", "Céline")],
)
def test_name_key_ignores_the_accents_of_latin_letters(typed: str, registered: str) -> None:
    assert name_key(typed) == name_key(registered)
    # decomposed as some keyboards send it: e + combining diaeresis
    assert name_key("Zoe\u0308") == name_key("zoe")


def test_name_key_keeps_the_marks_of_other_scripts() -> None:
    # Two Devanagari names differing only by a vowel sign (a mark) stay different.
    assert name_key("सीता") != name_key("सता")
    assert name_key("सीता") != name_key("सौता")
    assert name_key("सीता") == name_key("सीता ")


def test_a_name_without_its_accents_finds_the_trainee_who_keeps_the_name_as_typed(
    tmp_path: Path,
) -> None:
    joined = t.join(tmp_path, "Zoë Ward")
    assert isinstance(joined, t.Joined)
    assert isinstance(t.join(tmp_path, "zoe ward"), t.Refused)  # taken: not a second Zoë
    back = t.come_back(tmp_path, "zoe ward", joined.code)
    assert isinstance(back, t.Trainee) and back.name == "Zoë Ward"
    assert [x.name for x in t.trainees(tmp_path)] == ["Zoë Ward"]
    assert "Zoë Ward" in (tmp_path / ".workshop" / "trainees.toml").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".workshop", "zoe-ward"]


@pytest.mark.parametrize("name", ["Zoë", "Siân", "O'Brien", "Anne-Marie", "王芳", "J. Smith"])
def test_real_names_are_accepted(name: str) -> None:
    assert trainee_name_problem(name) == ""


@pytest.mark.parametrize(
    "name",
    ["../x", "a/b", "[bold]x", "[@click=app.quit]", "a\x1bb", "x\ny", "", "   ", "---", "A" * 300],
)
def test_hostile_names_are_refused(name: str) -> None:
    assert trainee_name_problem(name) != ""


def test_safe_folder_names() -> None:
    assert safe_folder_name("Zoë O'Brien", []) == "zoe-o-brien"
    assert safe_folder_name("王芳", []) == "trainee"
    assert safe_folder_name("王芳", ["Trainee"]) == "trainee-2"
    assert safe_folder_name("Anna", ["anna", "ANNA-2"]) == "anna-3"
    long = safe_folder_name("B" * 60, ["b" * 40])
    assert len(long) <= 40 and long.endswith("-2")
    for hostile in ("..", "../etc", ".workshop", "/root", "a/../../b"):
        made = safe_folder_name(hostile, [])
        assert "/" not in made and not made.startswith(".") and made not in ("", "..")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_join_registers_a_private_folder_and_a_code_kept_hashed(tmp_path: Path) -> None:
    joined = t.join(tmp_path, "Zoë O'Brien")
    assert isinstance(joined, t.Joined)
    code = joined.code
    assert len(code) == 7 and code[3] == "-"
    folder = t.folder_of(tmp_path, joined.trainee)
    assert folder == tmp_path / "zoe-o-brien" and folder.is_dir() and _mode(folder) == 0o700
    registry = tmp_path / ".workshop" / "trainees.toml"
    assert _mode(registry) == 0o600 and _mode(tmp_path / ".workshop") == 0o700
    text = registry.read_text(encoding="utf-8")
    assert "Zoë O'Brien" in text and "zoe-o-brien" in text
    assert code not in text and code.replace("-", "") not in text
    assert t.trainees(tmp_path)[0].name == "Zoë O'Brien"
    # coming back: capitals, spaces and hyphens do not matter
    back = t.come_back(tmp_path, "  zoë o’brien ", code.lower().replace("-", " "))
    assert isinstance(back, t.Trainee) and back.folder == "zoe-o-brien"


def test_same_name_again_is_refused_with_what_to_do(tmp_path: Path) -> None:
    assert isinstance(t.join(tmp_path, "Anna Trainee"), t.Joined)
    again = t.join(tmp_path, "anna TRAINEE")
    assert isinstance(again, t.Refused) and "I have a code" in again.reason
    assert sorted(p.name for p in tmp_path.iterdir()) == [".workshop", "anna-trainee"]


def test_wrong_code_and_unknown_name_get_the_same_refusal(tmp_path: Path) -> None:
    joined = t.join(tmp_path, "Anna Trainee")
    assert isinstance(joined, t.Joined)
    wrong = t.come_back(tmp_path, "Anna Trainee", "AAA-AAA")
    unknown = t.come_back(tmp_path, "Nobody Here", joined.code)
    assert isinstance(wrong, t.Refused) and wrong == unknown
    start = time.perf_counter()
    assert isinstance(t.come_back(tmp_path, "Anna Trainee", joined.code), t.Trainee)
    assert time.perf_counter() - start < 0.5  # a correct join stays quick (~50 ms)


def test_existing_entries_are_never_reused(tmp_path: Path) -> None:
    (tmp_path / "anna").mkdir()
    (tmp_path / "bob").write_text("x")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (tmp_path / "cara").symlink_to(outside)
    for name in ("Anna", "Bob", "Cara"):
        joined = t.join(tmp_path, name)
        assert isinstance(joined, t.Joined)
        assert joined.trainee.folder == f"{name.lower()}-2"
        assert (tmp_path / joined.trainee.folder).is_dir()
    assert list(outside.iterdir()) == []


def test_issue_code_replaces_the_code_and_adopts_a_legacy_folder(tmp_path: Path) -> None:
    first = t.join(tmp_path, "Anna Trainee")
    assert isinstance(first, t.Joined)
    again = t.issue_code(tmp_path, "anna trainee")
    assert isinstance(again, t.Joined) and again.trainee.folder == "anna-trainee"
    assert isinstance(t.come_back(tmp_path, "Anna Trainee", first.code), t.Refused)
    assert isinstance(t.come_back(tmp_path, "Anna Trainee", again.code), t.Trainee)
    (tmp_path / "Old Bob").mkdir()
    (tmp_path / "Old Bob" / "r.toml").write_text("x")
    assert t.legacy_folders(tmp_path) == [tmp_path / "Old Bob"]
    adopted = t.issue_code(tmp_path, "Old Bob")
    assert isinstance(adopted, t.Joined) and adopted.trainee.folder == "Old Bob"
    assert t.legacy_folders(tmp_path) == []
    assert isinstance(t.come_back(tmp_path, "old bob", adopted.code), t.Trainee)


def test_a_trainee_without_a_code_is_told_to_ask_the_trainer(tmp_path: Path) -> None:
    registry = t.Registry(
        trainees=[t.Trainee(name="Cara", folder="cara", joined="2026-12-01T10:00:00Z")]
    )
    (tmp_path / ".workshop").mkdir(mode=0o700)
    t._save(tmp_path, registry)
    refused = t.come_back(tmp_path, "cara", "ABC-DEF")
    assert isinstance(refused, t.Refused) and "ask the trainer" in refused.reason


def _join(args: tuple[str, str]) -> tuple[str, str, str]:
    workspace, name = args
    joined = t.join(Path(workspace), name)
    assert isinstance(joined, t.Joined)
    return name, joined.trainee.folder, joined.code


def test_twenty_processes_join_at_once(tmp_path: Path) -> None:
    names = [f"Trainee {n}" for n in range(10)] + ["Anna"] * 1 + [f"anna {n}" for n in range(9)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(20) as pool:
        results = pool.map(_join, [(str(tmp_path), n) for n in names])
    folders = [folder for _, folder, _ in results]
    assert len(set(folders)) == 20
    registered = t.trainees(tmp_path)
    assert sorted(x.folder for x in registered) == sorted(folders)
    for name, folder, code in results:
        back = t.come_back(tmp_path, name, code)
        assert isinstance(back, t.Trainee) and back.folder == folder
        assert (tmp_path / folder).is_dir()
    leftovers = [p for p in (tmp_path / ".workshop").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [] and os.listdir(tmp_path).count(".workshop") == 1


def test_a_hand_edited_registry_cannot_lead_out_of_the_workspace(tmp_path: Path) -> None:
    (tmp_path / ".workshop").mkdir(mode=0o700)
    (tmp_path / ".workshop" / "trainees.toml").write_text(
        '[[trainees]]\nname = "Eve"\nfolder = "../outside"\njoined = 2026-12-01T10:00:00Z\n'
    )
    with pytest.raises(UserError) as e:
        t.trainees(tmp_path)
    assert "trainees.toml" in str(e.value) and "\n" not in str(e.value)


def test_look_alike_letters_of_other_scripts_are_the_same_name(tmp_path: Path) -> None:
    # "Аnna Trainee" typed with a Cyrillic А (U+0410) looks exactly like Anna on the
    # trainer's screen: it is her name, not a second trainee who can pose as her.
    assert name_key("\u0410nna Trainee") == name_key("Anna Trainee")
    assert name_key("\u0391nna trainee") == name_key("anna trainee")  # Greek Alpha
    assert name_key("Анна") != name_key("anna")  # a Russian name stays itself
    assert name_key("Анна") == name_key("АННА")
    anna = t.join(tmp_path, "Anna Trainee")
    assert isinstance(anna, t.Joined)
    assert isinstance(t.join(tmp_path, "\u0410nna Trainee"), t.Refused)
    assert t.come_back(tmp_path, "\u0410nna Trainee", anna.code) == anna.trainee
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == [
        anna.trainee.folder
    ]
