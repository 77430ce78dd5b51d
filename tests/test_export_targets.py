"""No export is ever written over a review: not another review given as -o, not a file
named .toml, not a review kept under another name."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Imr

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.model import Adult, Pseudonym, Review
from imr_tui.core.store import save


def _review() -> Review:
    return Review(
        answers={"agency": "Northshire Trust", "summary": "Seen at home."},
        adults=[Adult(name="Dorothy Hollins")],
        pseudonyms=[Pseudonym(name="Dorothy Hollins", alias="Adult A")],
    )


@pytest.mark.parametrize(
    "command",
    [
        ("export", "{f}", "-o", "{g}"),
        ("export", "{f}", "--format", "docx", "-o", "{g}"),
        ("export", "{f}", "--anonymise", "-o", "{g}"),
        ("chronology", "export", "{f}", "-o", "{g}"),
        ("chronology", "export", "{f}", "--anonymise", "-o", "{g}"),
        ("merge", "{f}", "{h}", "-o", "{g}"),
        ("merge", "{f}", "{h}", "-o", "{tmp}/m.md", "--csv", "{g}", "--anonymise"),
    ],
)
@pytest.mark.parametrize("other", ["g.toml", "notes.txt"])
def test_an_export_never_replaces_another_review(
    imr: Imr, tmp_path: Path, catalogue: Catalogue, command: tuple[str, ...], other: str
) -> None:
    f, g, h = tmp_path / "f.toml", tmp_path / other, tmp_path / "h.toml"
    for path in (f, g, h):
        save(path, _review(), catalogue)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = imr(*(a.format(f=f, g=g, h=h, tmp=tmp_path) for a in command))
    assert result.returncode == 2, result.stdout
    assert str(g) in result.stderr and result.stderr.count("\n") == 1
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_new_file_or_an_old_export_is_written(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    f = tmp_path / "f.toml"
    save(f, _review(), catalogue)
    old = tmp_path / "old.md"
    old.write_text("an earlier export", encoding="utf-8")
    assert imr("export", f, "-o", old).returncode == 0
    assert old.read_text(encoding="utf-8").startswith("# Individual Management Review")
    assert imr("export", f, "-o", tmp_path / "new.md").returncode == 0
