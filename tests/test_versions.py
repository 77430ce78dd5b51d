"""``imr versions``: each final report sent, oldest first, with whether the review as
sent is kept and whether the kept copies are intact; none sent says how to send one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from conftest import Imr
from test_final_export import completed

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import create, load, save


def test_none_sent_says_how_to_send_one(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    create(tmp_path / "done.toml", catalogue, completed(catalogue))
    result = imr("versions", "done.toml")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "done.toml: no final report has been sent yet; 'imr export done.toml --final' sends one\n"
    )


def test_versions_sent_are_listed_oldest_first_with_their_copies(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, fixed_clock: datetime
) -> None:
    path = tmp_path / "done.toml"
    create(path, catalogue, completed(catalogue))
    assert imr("export", "done.toml", "--final").returncode == 0
    assert imr("export", "done.toml", "--final", "--format", "docx").returncode == 0
    # A version sent before copies of the review were kept (an older imr-tui).
    review = load(path, catalogue)
    review.sent[0].review_copy = review.sent[0].review_sha256 = ""
    save(path, review, catalogue)
    when = fixed_clock.strftime("%d/%m/%Y %H:%M")

    result = imr("versions", "done.toml")

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"Version 1: sent {when}, md, done-final-v1.md; sent before reviews were kept; "
        "copies intact",
        f"Version 2: sent {when}, docx, done-final-v2.docx; review kept; copies intact",
    ]
    copy = tmp_path / review.sent[1].review_copy
    copy.chmod(0o600)
    copy.write_text(copy.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    changed = imr("versions", "done.toml")
    assert changed.returncode == 0
    assert changed.stdout.splitlines()[1] == (
        f"Version 2: sent {when}, docx, done-final-v2.docx; review copy changed "
        f"({review.sent[1].review_copy}); the report's copies intact"
    )
    copy.unlink()
    broken = imr("versions", "done.toml")
    assert broken.returncode == 0
    assert broken.stdout.splitlines()[1] == (
        f"Version 2: sent {when}, docx, done-final-v2.docx; review copy missing "
        f"({review.sent[1].review_copy}); the report's copies intact"
    )
    assert "review kept" not in broken.stdout
    (tmp_path / review.sent[1].kept_copy).unlink()
    both = imr("versions", "done.toml")
    assert both.stdout.splitlines()[1] == (
        f"Version 2: sent {when}, docx, done-final-v2.docx; review copy missing "
        f"({review.sent[1].review_copy}); copy problem: {review.sent[1].kept_copy}: the copy "
        "of version 2 is missing"
    )


def test_a_file_that_cannot_be_read_is_one_line_exit_2(imr: Imr, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("this is [not toml", encoding="utf-8")
    for name in ("bad.toml", "missing.toml"):
        result = imr("versions", name)
        assert (result.returncode, result.stdout) == (2, "")
        assert len(result.stderr.splitlines()) == 1
        assert name in result.stderr
