"""Review files: private, atomic, backed up, readable, and refused plainly when broken."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.store import SaveError, create, load, new_review, save, write_text_private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(path: Path) -> tuple[bytes, int]:
    """A file's bytes and modification time, to show it was not touched."""
    return path.read_bytes(), path.stat().st_mtime_ns


def review_with(summary: str) -> Review:
    review = Review()
    review.set_answer("summary", summary)
    return review


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def permissive_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


# ---------------------------------------------------------------- saving


def test_save_creates_a_private_file(
    tmp_path: Path, catalogue: Catalogue, permissive_umask: int
) -> None:
    path = tmp_path / "r.toml"
    save(path, review_with("first"), catalogue)
    assert mode(path) == 0o600
    assert load(path).answer("summary") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_temp_file_is_private_and_removed(
    tmp_path: Path, catalogue: Catalogue, permissive_umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    save(path, review_with("first"), catalogue)
    seen: list[tuple[str, str, int]] = []
    real_replace = os.replace

    def spy(src: Any, dst: Any) -> None:
        seen.append((Path(src).name, Path(dst).name, mode(Path(src))))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    save(path, review_with("second"), catalogue)
    monkeypatch.undo()

    today = f"day-{date.today().isoformat()}.toml"
    assert [dst for _, dst, _ in seen] == [today, "r.toml.bak", "r.toml"]
    for src, _, src_mode in seen:
        assert src.startswith(".") and src.endswith(".tmp")
        assert src_mode == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [".r.toml.backups", "r.toml", "r.toml.bak"]
    assert mode(tmp_path / ".r.toml.backups") == 0o700
    assert mode(tmp_path / ".r.toml.backups" / today) == 0o600


def test_previous_version_is_kept_as_bak(
    tmp_path: Path, catalogue: Catalogue, permissive_umask: int
) -> None:
    path = tmp_path / "r.toml"
    save(path, review_with("first version"), catalogue)
    first = path.read_bytes()
    path.chmod(0o644)  # someone loosened it: the backup must still be private
    save(path, review_with("second version"), catalogue)

    bak = tmp_path / "r.toml.bak"
    assert bak.read_bytes() == first
    assert mode(bak) == 0o600
    assert mode(path) == 0o600
    assert load(bak).answer("summary") == "first version"
    assert load(path).answer("summary") == "second version"

    save(path, review_with("third version"), catalogue)
    assert load(bak).answer("summary") == "second version"


def test_short_writes_are_completed(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    path = tmp_path / "r.toml"
    save(path, review_with("x" * 500 + "\nend"), catalogue)
    monkeypatch.undo()
    assert load(path).answer("summary") == "x" * 500 + "\nend"


def fail_replace_onto(target: Path) -> Callable[[Any, Any], None]:
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == target:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    return replace


def fail_open_temp() -> Callable[..., int]:
    real_open = os.open

    def open_(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".tmp"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(path, *args, **kwargs)

    return open_


@pytest.mark.parametrize("failing", ["replace", "open"])
def test_failed_save_leaves_the_original_untouched(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "r.toml"
    save(path, review_with("the saved text"), catalogue)
    before = path.read_bytes()

    if failing == "replace":
        monkeypatch.setattr(os, "replace", fail_replace_onto(path))
    else:
        monkeypatch.setattr(os, "open", fail_open_temp())
    with pytest.raises(SaveError) as info:
        save(path, review_with("newer text"), catalogue)
    monkeypatch.undo()

    assert str(info.value) == f"could not save {path}: No space left on device"
    assert path.read_bytes() == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_save_where_the_folder_is_a_file(tmp_path: Path, catalogue: Catalogue) -> None:
    (tmp_path / "not-a-folder").write_text("x")
    path = tmp_path / "not-a-folder" / "r.toml"
    with pytest.raises(SaveError) as info:
        save(path, review_with("text"), catalogue)
    assert str(info.value) == f"could not save {path}: Not a directory"
    assert (tmp_path / "not-a-folder").read_text() == "x"


def test_create_refuses_an_existing_file(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "r.toml"
    review = create(path, catalogue)
    assert review.meta.catalogue == "imr-standard 1"
    assert mode(path) == 0o600
    before = snapshot(path)
    with pytest.raises(UserError, match="already exists"):
        create(path, catalogue)
    assert snapshot(path) == before
    with pytest.raises(UserError, match="does not exist"):
        create(tmp_path / "missing" / "r.toml", catalogue)


def test_write_text_private(tmp_path: Path, permissive_umask: int) -> None:
    out = tmp_path / "r.md"
    out.write_text("old")
    out.chmod(0o644)
    write_text_private(out, "# new\n")
    assert out.read_text() == "# new\n"
    assert mode(out) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


# ---------------------------------------------------------------- loading


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, catalogue: Catalogue | None = None) -> str:
    """Load a broken file: the one-line message, having checked the file is untouched."""
    before = snapshot(path)
    with pytest.raises(UserError) as info:
        load(path, catalogue)
    assert snapshot(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def test_load_never_writes(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "r.toml"
    save(path, review_with("text"), catalogue)
    before = snapshot(path)
    assert load(path, catalogue).answer("summary") == "text"
    assert snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_malformed_toml_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '# a review\nschema_version = 1\n[answers]\nagency = "A" "B"\n')
    message = refused(path)
    assert message.startswith(f"{path}: line 4, column 14: ")
    assert message.endswith("(not valid TOML)")


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(b'[answers]\nsummary = "caf\xe9"\n')
    assert refused(path) == f"{path}: line 2: not valid UTF-8 text"


@pytest.mark.parametrize(
    "text",
    [
        'schema_version = 2\nfuture_key = "x"\n',
        'schema_version = "2"\n',
        "schema_version = 2.0\n",
    ],
)
def test_newer_schema_is_refused(tmp_path: Path, text: str) -> None:
    message = refused(write(tmp_path, text))
    assert "was written by a newer imr-tui (file layout 2" in message
    assert "upgrade imr-tui" in message
    assert "has not been changed" in message


NEXT_YEAR = date.today().year + 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '[review_period]\nstart = "2025-06-01"\nend = "2025-01-31"\n',
            "'review_period': the review period starts (2025-06-01) after it ends (2025-01-31)",
            id="period-backwards",
        ),
        pytest.param(
            f'[[adults]]\nname = "A"\ndate_of_birth = "{NEXT_YEAR}-01-01"\n',
            f"adults[0]: 'date_of_birth': date of birth {NEXT_YEAR}-01-01 is in the future",
            id="dob-in-future",
        ),
        pytest.param(
            '[[chronology]]\ndate = "2025-03-01"\n[[chronology]]\ndate = "2025-02-30"\n',
            "chronology[1]: 'date': '2025-02-30' is not a real date",
            id="chronology-impossible-date",
        ),
        pytest.param(
            '[[chronology]]\ndate = "11/03/2025"\n',
            "chronology[0]: 'date': '11/03/2025' is not an ISO date",
            id="chronology-uk-date",
        ),
        pytest.param(
            '[[chronology]]\ndate = "2025-03-01"\ntime = "25:00"\n',
            "chronology[0]: 'time': '25:00' is not a time",
            id="chronology-time",
        ),
        pytest.param(
            '[[recommendations]]\ntarget_date = "2026-02-30"\n',
            "recommendations[0]: 'target_date': input should be a valid date",
            id="recommendation-date",
        ),
        pytest.param(
            "[answers]\nsummary = 3\n",
            "answers: 'summary': input should be a valid string",
            id="answer-not-text",
        ),
        pytest.param('colour = "red"\n', "'colour' is not a known key", id="unknown-key"),
    ],
)
def test_invalid_values_are_refused_naming_the_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert expected in refused(write(tmp_path, text))


@pytest.mark.parametrize("value", ["2025-02-30", "11/03/2025", "soon"])
def test_date_answers_must_be_iso_dates(tmp_path: Path, catalogue: Catalogue, value: str) -> None:
    path = write(tmp_path, f'[answers]\ncompleted_on = "{value}"\n')
    assert refused(path, catalogue) == (
        f"{path}: answers.completed_on: '{value}' is not an ISO date (YYYY-MM-DD)"
    )
    # Without the catalogue nothing says the answer is a date.
    assert load(path).answer("completed_on") == value


# ---------------------------------------------------------------- readable TOML


def test_the_file_reads_naturally(tmp_path: Path, catalogue: Catalogue) -> None:
    review = new_review(catalogue)
    ids = [p.id for p in catalogue.prompts() if p.kind in ("text", "long_text")]
    for pid in reversed(ids):
        review.set_answer(pid, f"Answer to {pid}")
    review.set_answer("summary", "First line of the summary.\nSecond line, with a 'quote'.\n")
    review.chronology = [
        ChronologyEntry(date="2025-03-11", time="10:00", source="late morning"),
        ChronologyEntry(date="2024-12", source="only the month known"),
        ChronologyEntry(date="2025-03-11", time="9:05", source="early morning"),
        ChronologyEntry(date="", source="undated"),
        ChronologyEntry(date="2025-01-05", source="january"),
    ]
    path = tmp_path / "r.toml"
    save(path, review, catalogue)
    text = path.read_text(encoding="utf-8")

    assert text.startswith("# Individual Management Review, written with imr-tui.\n")
    assert 'summary = """\nFirst line of the summary.\nSecond line, with a \'quote\'.\n"""' in text
    positions = [text.index(f"\n{pid} = ") for pid in ids]
    assert positions == sorted(positions), "answers are not in catalogue order"
    # The file keeps the author's order (it is shown in date order): diffs stay small.
    sources = [e.source for e in review.chronology]
    positions = [text.index(f'source = "{s}"') for s in sources]
    assert positions == sorted(positions), "chronology is not in the author's order"
    assert "[[chronology]]" in text
    assert "recommendations" not in text  # empty lists are left out
    assert "approximate = true" in text  # the month-only date
