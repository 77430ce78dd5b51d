"""Collecting everyone's work: one zip with reviews, draft exports and an index."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment
from imr_tui.core.store import create, load, save
from imr_tui.workshop import trainees as t
from imr_tui.workshop.cases import EXAMPLE_NAME, Case, hand_out
from imr_tui.workshop.collect import ZIP_FOLDER_MAX, collect_name, collect_zip, zip_folder


def test_collect_name() -> None:
    assert collect_name(datetime(2026, 12, 1, 10, 42)) == "workshop-20261201-1042.zip"


def test_the_zip_holds_reviews_exports_and_an_index(tmp_path: Path, catalogue: Catalogue) -> None:
    anna = t.join(tmp_path, "Zoë O'Brien")
    bob = t.join(tmp_path, "-Bob")
    assert isinstance(anna, t.Joined) and isinstance(bob, t.Joined)
    hand_out(tmp_path, Case(EXAMPLE_NAME, None), catalogue, None)
    review_path = tmp_path / anna.trainee.folder / EXAMPLE_NAME
    review = load(review_path, catalogue)
    prompt = catalogue.prompts()[0].id
    review.comments = [Comment(on=f"prompt:{prompt}", text="A trainer's question", by="trainer")]
    save(review_path, review, catalogue)
    broken = tmp_path / bob.trainee.folder / "broken.toml"
    broken.write_bytes(b"half = a file\x00")
    create(tmp_path / bob.trainee.folder / "blank.toml", catalogue)
    data = collect_zip(tmp_path, catalogue, None)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        assert f"Zoë O'Brien (zoe-o-brien)/{EXAMPLE_NAME}" in names
        assert archive.read(f"Zoë O'Brien (zoe-o-brien)/{EXAMPLE_NAME}") == review_path.read_bytes()
        md = archive.read("Zoë O'Brien (zoe-o-brien)/worked-example.md").decode("utf-8")
        assert "A trainer's question" in md
        assert archive.read("-Bob (bob)/broken.toml") == b"half = a file\x00"
        assert "-Bob (bob)/broken.md" not in names and "-Bob (bob)/blank.md" in names
        assert all(not n.startswith(("/", "..")) and ".." not in n.split("/") for n in names)
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8"))))
    assert rows[0][:3] == ["trainee", "folder", "review"]
    by_review = {(r[1], r[2]): r for r in rows[1:]}
    assert len(by_review) == 4
    example = by_review[("zoe-o-brien", EXAMPLE_NAME)]
    assert example[0] == "Zoë O'Brien" and int(example[3]) > 0 and example[6] == ""
    bad = by_review[("bob", "broken.toml")]
    assert bad[0] == "'-Bob" and "-Bob (bob)/broken.toml" in bad[6] and str(tmp_path) not in bad[6]


def test_the_zip_folders_carry_the_trainees_names(tmp_path: Path, catalogue: Catalogue) -> None:
    """Two names with nothing in ASCII (folders ``trainee``, ``trainee-2``) are told apart
    in the zip by their names, stored in UTF-8."""
    for name in ("王芳", "Ελένη Παππά"):
        assert isinstance(t.join(tmp_path, name), t.Joined)
    hand_out(tmp_path, Case(EXAMPLE_NAME, None), catalogue, None)
    data = collect_zip(tmp_path, catalogue, None)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        assert all(i.flag_bits & 0x800 for i in archive.infolist() if not i.filename.isascii())
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8"))))
    assert f"王芳 (trainee)/{EXAMPLE_NAME}" in names
    assert f"Ελένη Παππά (trainee-2)/{EXAMPLE_NAME}" in names
    assert {(r[0], r[1]) for r in rows[1:]} == {("王芳", "trainee"), ("Ελένη Παππά", "trainee-2")}


def test_a_zip_folder_name_is_made_safe() -> None:
    assert zip_folder("王芳", "trainee") == "王芳 (trainee)"
    assert zip_folder("../a/b\\c", "a-b-c") == "a b c (a-b-c)"
    assert zip_folder(".hidden\x00\x1b[31m", "hidden") == "hidden [31m (hidden)"
    assert zip_folder("...", "x") == "x"
    long = zip_folder("Ä" * 300, "a" * 40)
    assert len(long) <= ZIP_FOLDER_MAX and long.endswith(f" ({'a' * 40})")
    for hostile in ("[bold]x", "a:b*c?", 'q"<>|'):
        made = zip_folder(hostile, "f")
        assert not any(c in made for c in '/\\:*?"<>|') and not made.startswith(".")
