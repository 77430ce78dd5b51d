"""``imr diff`` and the diff model: word-level exactness, records matched and moved,
comments, and the command's ways in (last version sent, --from/--to, two files), its
refusals (one line, exit 2) and "No changes since version N."."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from conftest import Imr
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_final_export import completed

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment, Reply
from imr_tui.core.model import ChronologyEntry, Review
from imr_tui.core.store import create, load, save
from imr_tui.report.diff_build import compare
from imr_tui.report.diff_model import RecordChange
from imr_tui.report.diff_records import stayed
from imr_tui.report.diff_words import new_text, old_text, tokens, word_diff

WORDS = st.lists(
    st.sampled_from([*"ab c\n\t.,<>*`|\\Łó東\x07\r", "nurse", "visit", "  "]), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
@example("The nurse  visited.", "The district nurse visited.")
@example("", "")
@example("a\r\nb", "a\rb")
def test_word_diff_rebuilds_both_texts_exactly(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert old_text(pieces) == old
    assert new_text(pieces) == new
    assert all(p.text for p in pieces)
    assert all(a.kind != b.kind for a, b in itertools.pairwise(pieces))


@given(WORDS)
def test_tokens_join_to_the_text(text: str) -> None:
    assert "".join(tokens(text)) == text


def test_word_diff_marks_only_the_words_changed() -> None:
    pieces = word_diff("Nurses visited twice a week.", "Nurses visited three times a week.")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "Nurses visited "),
        ("delete", "twice"),
        ("insert", "three times"),
        ("same", " a week."),
    ]


def test_longest_common_subsequence_keeps_the_most_in_place() -> None:
    # New order 0..4 holding old indexes 4, 0, 1, 2, 3: only the first moved.
    assert stayed({0: 4, 1: 0, 2: 1, 3: 2, 4: 3}) == {1, 2, 3, 4}
    assert stayed({}) == set()
    assert stayed({0: 0, 1: 1}) == {0, 1}


def _records(review_old: Review, review_new: Review, catalogue: Catalogue) -> list[RecordChange]:
    changes = compare(review_old, review_new, catalogue)
    return [r for s in changes.sections for step in s.steps for r in step.records]


def same_day(review: Review, ids: list[str], day: str = "2025-07-02") -> None:
    """Put the entries ``ids`` on one day with no time: the author's order is then the
    order they are shown in (the example's entries are all on different days)."""
    for entry in review.chronology:
        if entry.id in ids:
            entry.date, entry.time = day, ""


def test_a_moved_entry_is_moved_not_removed_and_added(catalogue: Catalogue) -> None:
    old = completed(catalogue)
    same_day(old, ["c10", "c11", "c12"])
    new = old.model_copy(deep=True)
    new.chronology.insert(9, new.chronology.pop(11))  # c12 before c10, the same day
    records = _records(old, new, catalogue)
    assert [(r.kind, r.record_id, r.old_position, r.new_position) for r in records] == [
        ("moved", "c12", 12, 10)
    ]


def test_entries_of_different_days_swapped_in_the_file_have_not_moved(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    old = completed(catalogue)
    new = old.model_copy(deep=True)
    entries = new.chronology
    entries[2], entries[7] = entries[7], entries[2]  # shown by date: nothing moves
    new.chronology.insert(0, new.chronology.pop(10))
    assert _records(old, new, catalogue) == []
    create(tmp_path / "a.toml", catalogue, old)
    create(tmp_path / "b.toml", catalogue, new)
    for fmt in ("text", "md"):
        result = imr("diff", "a.toml", "b.toml", "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert "moved" not in result.stdout.casefold()
        assert "Chronology entry" not in result.stdout


def test_a_moved_and_changed_entry_is_one_change_that_also_moved(catalogue: Catalogue) -> None:
    old = completed(catalogue)
    same_day(old, ["c04", "c05", "c06"], "2025-03-14")
    new = old.model_copy(deep=True)
    entry = new.chronology.pop(3)
    entry.source = "Team minutes"
    new.chronology.insert(5, entry)  # after c05 and c06, the same day
    (record,) = _records(old, new, catalogue)
    assert (record.kind, record.moved, record.old_position, record.new_position) == (
        "changed",
        True,
        4,
        6,
    )
    assert [(f.title, f.old, f.new) for f in record.fields] == [
        ("Source of information", old.chronology[3].source, "Team minutes")
    ]


def test_an_entry_changed_and_moved_only_in_the_file_has_not_moved(
    catalogue: Catalogue,
) -> None:
    old = completed(catalogue)
    new = old.model_copy(deep=True)
    entry = new.chronology.pop(3)
    entry.source = "Team minutes"
    new.chronology.append(entry)  # last in the file, still shown by its date
    (record,) = _records(old, new, catalogue)
    assert (record.kind, record.moved, record.old_position, record.new_position) == (
        "changed",
        False,
        4,
        4,
    )


def test_an_entry_whose_new_date_moves_it_is_said_to_have_moved(catalogue: Catalogue) -> None:
    old = completed(catalogue)
    new = old.model_copy(deep=True)
    new.chronology[0].date = "2025-10-30"  # from first to last as shown
    (record,) = _records(old, new, catalogue)
    assert (record.kind, record.moved, record.old_position, record.new_position) == (
        "changed",
        True,
        1,
        19,
    )


def test_entries_from_a_file_made_elsewhere_are_matched_by_their_content(
    catalogue: Catalogue,
) -> None:
    old = completed(catalogue)
    new = old.model_copy(deep=True)
    new.chronology = [
        ChronologyEntry.model_validate({**e.model_dump(), "id": f"x{n}"})
        for n, e in enumerate(new.chronology)
    ]
    same_day(new, ["x5", "x6"], "2025-04-16")
    same_day(old, ["c06", "c07"], "2025-04-16")
    new.chronology.insert(5, new.chronology.pop(6))
    records = _records(old, new, catalogue)
    assert [(r.kind, r.record_id) for r in records] == [("moved", "x6")]


def test_a_long_cell_changed_is_told_word_by_word(catalogue: Catalogue) -> None:
    old = completed(catalogue)
    new = old.model_copy(deep=True)
    new.chronology[1].cells["event"] = old.chronology[1].cells["event"] + " Son told."
    (record,) = _records(old, new, catalogue)
    (change,) = record.fields
    assert change.title == "Event / what happened"
    assert [(p.kind, p.text) for p in change.words if p.kind != "same"] == [
        ("insert", " Son told.")
    ]


def test_comments_opened_resolved_and_replied(catalogue: Catalogue) -> None:
    old = completed(catalogue)
    old.comments = [Comment(id="k1", on="prompt:summary", by="Panel chair", text="Why?")]
    new = old.model_copy(deep=True)
    new.comments[0].replies.append(Reply(by="Author", text="Because."))
    new.comments[0].state, new.comments[0].resolved_by = "resolved", "Panel chair"
    new.comments.append(Comment(on="recommendation:zz", by="Trainer", text="Gone?"))
    changes = compare(old, new, catalogue)
    assert changes.sections == ()
    said = [(c.kind, c.place, c.by, c.text) for c in changes.comments]
    assert said == [  # in the order they happened: the reply, then the resolution
        ("replied", "Summary of involvement", "Author", "Because."),
        ("resolved", "Summary of involvement", "Panel chair", "Why?"),
        ("opened", "Recommendation (deleted)", "Trainer", "Gone?"),
    ]


def test_nothing_changed_is_empty(catalogue: Catalogue) -> None:
    review = completed(catalogue)
    assert compare(review, review.model_copy(deep=True), catalogue).empty


# ------------------------------------------------------------------ the command


def _sent_once(imr: Imr, folder: Path, catalogue: Catalogue) -> Path:
    path = folder / "done.toml"
    create(path, catalogue, completed(catalogue))
    result = imr("export", "done.toml", "--final")
    assert result.returncode == 0, result.stderr
    return path


def test_diff_against_the_last_version_sent(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    path = _sent_once(imr, tmp_path, catalogue)
    result = imr("diff", "done.toml")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "No changes since version 1.\n",
        "",
    )
    review = load(path, catalogue)
    review.recommendations[0].lead = "Matron [bold]x[/bold]"
    review.chronology[0].source = "Bell \x07 here"
    save(path, review, catalogue)
    before = path.read_bytes()

    result = imr("diff", "done.toml")

    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "What changed from version 1 to the file now"
    assert "== Recommendations ==" in lines
    lead = f"  Lead: [-{completed(catalogue).recommendations[0].lead}-]{{+Matron [bold]x[/bold]+}}"
    assert lead in lines
    assert any(line.endswith("{+Bell ␇ here+}") for line in lines)
    assert "\x07" not in result.stdout
    assert path.read_bytes() == before


def test_diff_of_two_files_and_markdown_on_standard_output(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    old = completed(catalogue)
    new = old.model_copy(deep=True)
    new.set_answer("agency", "Northshire Trust")
    create(tmp_path / "a.toml", catalogue, old)
    create(tmp_path / "b.toml", catalogue, new)
    result = imr("diff", "a.toml", "b.toml", "--format", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# What changed from a.toml to b.toml\n\n## Details\n")
    assert result.stdout.endswith(
        "### Name of agency\n\nNorthshire <del>Community Health NHS </del>Trust"
        "<del> (FICTIONAL)</del>\n"
    )
    same = imr("diff", "a.toml", "a.toml")
    assert same.stdout == "No changes from a.toml to a.toml.\n"


def test_refusals_are_one_line_with_exit_2(imr: Imr, tmp_path: Path, catalogue: Catalogue) -> None:
    create(tmp_path / "new.toml", catalogue, completed(catalogue))
    cases = {
        ("diff", "new.toml"): "no final report has been sent yet",
        ("diff", "missing.toml"): "missing.toml",
        ("diff", "new.toml", "new.toml", "--from", "1"): "--from and --to compare versions",
        ("diff", "new.toml", "--format", "docx"): "name it with -o",
    }
    for args, said in cases.items():
        result = imr(*args)
        assert result.returncode == 2, (args, result)
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert said in result.stderr
        assert "Traceback" not in result.stderr


def test_a_version_not_sent_and_an_output_over_a_final_report_are_refused(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _sent_once(imr, tmp_path, catalogue)
    final = tmp_path / "done-final-v1.md"
    before = final.read_bytes()
    result = imr("diff", "done.toml", "--from", "3")
    assert (result.returncode, result.stdout) == (2, "")
    assert "there is no version 3: the versions sent are 1" in result.stderr
    for target in ("done-final-v1.md", "done.toml", "c.toml"):
        refused = imr("diff", "done.toml", "-o", target)
        assert refused.returncode == 2, (target, refused)
        assert len(refused.stderr.splitlines()) == 1
    assert final.read_bytes() == before
    assert not (tmp_path / "c.toml").exists()
    assert load(path, catalogue).sent[0].version == 1


def test_a_changed_copy_of_the_review_as_sent_is_refused(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _sent_once(imr, tmp_path, catalogue)
    copy = tmp_path / load(path, catalogue).sent[0].review_copy
    copy.chmod(0o600)
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    result = imr("diff", "done.toml")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("the review as sent in version 1 was changed")


def test_target_date_changes_are_dates_as_people_read_them(catalogue: Catalogue) -> None:
    old = completed(catalogue)
    new = old.model_copy(deep=True)
    new.recommendations[1].target_date = date(2031, 3, 31)
    (record,) = _records(old, new, catalogue)
    (change,) = record.fields
    assert (change.title, change.new) == ("Target date", "31/03/2031")


def test_a_record_moved_relative_to_the_others_that_kept_its_number_says_so(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    old = completed(catalogue)
    new = old.model_copy(deep=True)
    new.recommendations.reverse()
    create(tmp_path / "a.toml", catalogue, old)
    create(tmp_path / "b.toml", catalogue, new)
    text = imr("diff", "a.toml", "b.toml").stdout
    md = imr("diff", "a.toml", "b.toml", "--format", "md").stdout
    assert "Recommendation 2: moved (moved relative to the others in the author's order; " in text
    assert "place 2 before and now)" in text
    assert "Moved from place 2 to place 2" not in md
    assert (
        "Moved relative to the others in the author's order (place 2 before and now); its "
        "content is unchanged." in md
    )
    assert "Moved from place 3 to place 1 in the author's order" in md


def test_word_output_is_written_privately_with_tracked_changes(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    import stat
    import zipfile

    old = completed(catalogue)
    new = old.model_copy(deep=True)
    new.set_answer("agency", "Northshire Borough Trust")
    create(tmp_path / "a.toml", catalogue, old)
    create(tmp_path / "b.toml", catalogue, new)
    result = imr("diff", "a.toml", "b.toml", "-o", "c.docx")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "What changed from a.toml to b.toml is in c.docx\n"
    out = tmp_path / "c.docx"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with zipfile.ZipFile(out) as parts:
        xml = parts.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml
    assert "Community Health NHS" in xml and "Borough" in xml


def test_the_terminal_shows_only_the_paragraphs_that_changed() -> None:
    from imr_tui.report.diff_text import changed_paragraphs

    old = "First stays.\n\nSecond stays.\n\nThird was here.\n\nFourth stays."
    new = "First stays.\n\nSecond stays.\n\nThird is here.\n\nFourth stays."
    assert changed_paragraphs(word_diff(old, new)) == [
        "[...]",
        "Third [-was-]{+is+} here.",
        "[...]",
    ]


@given(WORDS, WORDS)
def test_paragraphs_keep_every_piece(old: str, new: str) -> None:
    from imr_tui.report.diff_text import paragraphs

    pieces = word_diff(old, new)
    joined = [p for para in paragraphs(pieces) for p in para]
    assert old_text(joined) == old
    assert new_text(joined) == new


def test_to_alone_shows_what_changed_in_that_version(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _sent_once(imr, tmp_path, catalogue)
    review = load(path, catalogue)
    review.recommendations[0].lead = "Matron"
    save(path, review, catalogue)
    assert imr("export", "done.toml", "--final").returncode == 0
    review = load(path, catalogue)
    review.chronology[0].source = "Ward diary"  # after version 2: not in version 2
    save(path, review, catalogue)
    before = path.read_bytes()

    result = imr("diff", "done.toml", "--to", "2")

    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "What changed from version 1 to version 2"
    assert "  Lead: [-" + completed(catalogue).recommendations[0].lead + "-]{+Matron+}" in lines
    assert "Ward diary" not in result.stdout

    result = imr("diff", "done.toml", "--to", "1")

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1
    assert result.stderr.strip().endswith(
        "done.toml: version 1 is the first sent: give --from, or compare with the file now "
        "by leaving out --to"
    )
    assert path.read_bytes() == before
    assert imr("diff", "done.toml", "--to", "1", "--from", "2").returncode == 0
    help_text = " ".join(imr("diff", "--help").stdout.split())
    assert "--to M alone shows what changed in version M (from version M-1 to M)" in help_text
