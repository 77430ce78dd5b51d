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
from imr_tui.workshop.collect import collect_name, collect_zip


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
        assert f"zoe-o-brien/{EXAMPLE_NAME}" in names
        assert archive.read(f"zoe-o-brien/{EXAMPLE_NAME}") == review_path.read_bytes()
        md = archive.read("zoe-o-brien/worked-example.md").decode("utf-8")
        assert "A trainer's question" in md
        assert archive.read("bob/broken.toml") == b"half = a file\x00"
        assert "bob/broken.md" not in names and "bob/blank.md" in names
        assert all(not n.startswith(("/", "..")) and ".." not in n.split("/") for n in names)
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8"))))
    assert rows[0][:3] == ["trainee", "folder", "review"]
    by_review = {(r[1], r[2]): r for r in rows[1:]}
    assert len(by_review) == 4
    example = by_review[("zoe-o-brien", EXAMPLE_NAME)]
    assert example[0] == "Zoë O'Brien" and int(example[3]) > 0 and example[6] == ""
    bad = by_review[("bob", "broken.toml")]
    assert bad[0] == "'-Bob" and "bob/broken.toml" in bad[6] and str(tmp_path) not in bad[6]
