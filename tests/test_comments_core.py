"""The core of comments: how they are stored, where they are, and how a session changes them.

Every front end (the interview, plain mode, the command line) goes through these, so a
comment means the same place everywhere and a reply is kept as it is typed.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.changes import changed_steps
from imr_tui.core.comment_places import (
    PlaceError,
    describe_comment,
    find_place,
    is_detached,
    on_record,
    on_step,
    target_of,
)
from imr_tui.core.journal import apply, read_journal
from imr_tui.core.model import ChronologyEntry, Comment, Heading, Recommendation, Review
from imr_tui.core.session import open_session
from imr_tui.core.store import create, load, to_toml


def a_review() -> Review:
    return Review(
        answers={"summary": "Mrs Example was seen at home.", "author_name": "Jo Bloggs"},
        headings=[Heading(id="h1", title="Was the risk assessed?")],
        chronology=[
            ChronologyEntry(id="late", date="2025-03-11", source="GP notes"),
            ChronologyEntry(id="early", date="2025-01-02", source="Ward notes"),
        ],
        recommendations=[Recommendation(id="r1", recommendation="Train staff")],
    )


@pytest.mark.parametrize(
    ("written", "on", "field", "words"),
    [
        ("summary", "prompt:summary", "", "Summary of involvement"),
        ("  SUMMARY of   involvement ", "prompt:summary", "", "Summary of involvement"),
        ("entry 1", "entry:early", "", "Chronology entry 1 (02/01/2025)"),
        (
            "entry 2 source",
            "entry:late",
            "source",
            "Chronology entry 2 (11/03/2025), Source of information",
        ),
        ("Chronology 1, Source of information", "entry:early", "source", None),
        ("entry:late:source", "entry:late", "source", None),
        ("recommendation 1 lead", "recommendation:r1", "lead", "Recommendation 1, Lead"),
        (
            "heading 1",
            "heading:h1",
            "",
            "Terms of Reference heading 1 (\u201cWas the risk assessed?\u201d)",
        ),
        ("was the risk ASSESSED?", "heading:h1", "", None),
        ("tor_analysis:h1", "heading:h1", "", None),
    ],
)
def test_a_place_is_read_as_people_write_it(
    catalogue: Catalogue, written: str, on: str, field: str, words: str | None
) -> None:
    review = a_review()
    place = find_place(written, review, catalogue)
    assert (place.on, place.field) == (on, field)
    if words is not None:
        assert describe_comment(Comment(on=on, field=field), review, catalogue) == words


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("", "no place was given"),
        ("entry 3", "the review has 2 chronology entries, so there is no 3"),
        ("entry 1 colour", "'colour' is not a field of an entry"),
        ("heading 1 title", "a heading has no fields"),
        ("entry:nosuch", "no entry has the id 'nosuch'"),
        ("the kitchen", "'the kitchen' is not a place in this review"),
    ],
)
def test_a_place_that_is_not_there_is_refused_in_one_line(
    catalogue: Catalogue, written: str, says: str
) -> None:
    with pytest.raises(PlaceError) as caught:
        find_place(written, a_review(), catalogue)
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_comment_goes_to_its_step_record_and_field(catalogue: Catalogue) -> None:
    review = a_review()
    on_entry = Comment(on="entry:late", field="source")
    on_heading = Comment(on="heading:h1")
    review.comments = [on_entry, on_heading, Comment(on="prompt:summary")]
    target = target_of(on_entry, review, catalogue)
    assert (target.step_id, target.record_id, target.field) == ("chronology", "late", "source")
    assert target_of(on_heading, review, catalogue).step_id == "tor_analysis:h1"
    assert on_step("chronology", review, catalogue) == [on_entry]
    assert on_step("tor_analysis:h1", review, catalogue) == [on_heading]
    assert on_step("tor_headings", review, catalogue) == [on_heading]  # where it is worded
    assert on_record("late", review) == [on_entry]


def test_a_comment_whose_place_was_deleted_is_kept_and_detached(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue, a_review())
    session, _ = open_session(path, catalogue)
    comment = session.add_comment(Comment(on="entry:late", by="Panel chair", text="Which GP?"))
    assert comment.about == "11/03/2025, GP notes"
    entry = session.review.chronology[0].model_copy(update={"source": "GP notes, Dr Ash"})
    session.put_entry(entry)  # changed after the comment: the comment says what it was last
    rec_comment = session.add_comment(Comment(on="recommendation:r1", field="lead", text="Who?"))
    session.delete_entry("late")
    session.delete_recommendation("r1")
    assert session.save()
    session.close()
    review = load(path, catalogue)
    kept = review.comments[0]
    assert kept.text == "Which GP?" and kept.id == comment.id
    assert is_detached(kept, review, catalogue)
    assert describe_comment(kept, review, catalogue) == (
        "Chronology entry (deleted; it was 11/03/2025, GP notes, Dr Ash)"
    )
    gone = next(c for c in review.comments if c.id == rec_comment.id)
    assert describe_comment(gone, review, catalogue) == (
        "Recommendation (deleted; it was \u201cTrain staff\u201d), Lead"
    )
    target = target_of(kept, review, catalogue)
    assert (target.step_id, target.record_id) == ("chronology", "")


def test_comments_and_replies_are_readable_tables_in_the_file(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue, a_review())
    session, _ = open_session(path, catalogue)
    comment = session.add_comment(
        Comment(on="prompt:summary", by="Panel chair", text="When?\n[@click=app.quit]")
    )
    reply = session.set_reply(comment.id, "", "On 2 May.\nBy phone.")
    short = session.set_reply(comment.id, "", "Yes.")  # short tables are tables too
    session.resolve(comment.id, by="Panel chair")
    assert session.save()
    session.close()
    text = path.read_text(encoding="utf-8")
    assert "\n[[comments]]\n" in text and "\n[[comments.replies]]\n" in text
    data = tomllib.loads(text)
    [stored] = data["comments"]
    assert stored["on"] == "prompt:summary" and stored["text"] == "When?\n[@click=app.quit]"
    assert stored["state"] == "resolved" and stored["resolved_by"] == "Panel chair"
    first, second = (r["at"] for r in stored["replies"])
    assert stored["replies"] == [
        {"id": reply, "by": "Jo Bloggs", "at": first, "text": "On 2 May.\nBy phone."},
        {"id": short, "by": "Jo Bloggs", "at": second, "text": "Yes."},
    ]
    assert "replies = [" not in text and text.count("\n[[comments.replies]]\n") == 2
    again = load(path, catalogue)
    assert again.comments[0].replies[0].text == "On 2 May.\nBy phone."


def test_a_review_without_comments_is_written_as_before(catalogue: Catalogue) -> None:
    assert "comments" not in to_toml(a_review(), catalogue)


def test_a_reply_is_kept_as_it_is_typed_and_recovered_after_a_crash(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """Each keystroke of a reply is journalled: a process that dies before saving loses
    none of what was typed a fifth of a second before."""
    path = tmp_path / "r.toml"
    create(path, catalogue, a_review())
    session, _ = open_session(path, catalogue)
    comment = session.add_comment(Comment(on="prompt:summary", by="Panel chair", text="When?"))
    assert session.save()
    reply = ""
    typed = ""
    for ch in "It was on 2 May":
        typed += ch
        reply = session.set_reply(comment.id, reply, typed)
    assert session.journal is not None
    session.journal.flush()
    # the process dies here: no save, the lock left behind
    recovered = read_journal(path)
    assert recovered is not None
    review = apply(load(path, catalogue), recovered.changes)
    assert [r.text for r in review.comments[0].replies] == ["It was on 2 May"]
    session.journal.close()
    session.lock.release()  # type: ignore[union-attr]


def test_an_emptied_reply_is_removed_and_resolve_reopen(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue, a_review())
    session, _ = open_session(path, catalogue)
    comment = session.add_comment(Comment(on="prompt:summary", by="Chair", text="Why?"))
    reply = session.set_reply(comment.id, "", "Because")
    assert session.set_reply(comment.id, reply, "  ") == ""
    assert session.comment(comment.id).replies == []  # type: ignore[union-attr]
    session.resolve(comment.id)
    resolved = session.comment(comment.id)
    assert resolved is not None and not resolved.is_open and resolved.resolved_by == "Jo Bloggs"
    assert session.open_comments() == []
    session.reopen(comment.id)
    assert [c.id for c in session.open_comments()] == [comment.id]
    session.remove_comment(comment.id)
    assert session.review.comments == []
    session.close()


def test_changed_steps_name_what_differs_from_the_version_sent(catalogue: Catalogue) -> None:
    sent = a_review()
    now = a_review()
    now.answers["summary"] = "Mrs Example was seen at home twice."
    now.chronology = [now.chronology[1], now.chronology[0]]  # only the file's order: unseen
    now.heading_analysis = {}
    assert changed_steps(now, sent, catalogue) == {"summary"}
    same_day = [ChronologyEntry(id=i, date="2025-01-02", source=i) for i in ("a", "b")]
    sent.chronology = same_day
    now.chronology = same_day[::-1]  # moved among the day's entries: shown otherwise
    assert changed_steps(now, sent, catalogue) == {"summary", "chronology"}
    now.recommendations = [Recommendation(id="r1", recommendation="Train staff", lead="Chair")]
    assert "recommendations" in changed_steps(now, sent, catalogue)
    assert changed_steps(sent, sent, catalogue) == set()


def test_a_comment_with_a_date_only_field_loads(catalogue: Catalogue) -> None:
    """Times are stored with their offset and read back the same."""
    review = Review.model_validate(
        {
            "comments": [
                {
                    "on": "prompt:summary",
                    "by": "Chair",
                    "at": "2026-11-30T10:00:00+00:00",
                    "text": "x",
                    "state": "open",
                }
            ]
        }
    )
    assert review.comments[0].at.date() == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("written", "on", "field"),
    [
        ("Chronology entry 2 (11/03/2025)", "entry:late", ""),
        ("Chronology entry 2 (11/03/2025), Source of information", "entry:late", "source"),
        ("entry 11/03/2025", "entry:late", ""),
        ("entry 2/1/2025", "entry:early", ""),
        ("chronology entry 02/01/2025 source", "entry:early", "source"),
        ("Terms of Reference heading 1 (\u201cWas the risk assessed?\u201d)", "heading:h1", ""),
        ("Terms of Reference heading 1: Was the risk assessed?", "heading:h1", ""),
    ],
)
def test_a_place_is_read_as_imr_comments_lists_it_or_by_its_date(
    catalogue: Catalogue, written: str, on: str, field: str
) -> None:
    place = find_place(written, a_review(), catalogue)
    assert (place.on, place.field) == (on, field)


def test_every_place_imr_comments_lists_is_read_back_as_itself(catalogue: Catalogue) -> None:
    review = a_review()
    for on, field in (("entry:late", "source"), ("entry:early", ""), ("heading:h1", "")):
        listed = describe_comment(Comment(on=on, field=field), review, catalogue)
        place = find_place(listed, review, catalogue)
        assert (place.on, place.field) == (on, field), listed


@pytest.mark.parametrize(
    ("written", "says"),
    [
        (
            "Chronology entry 1 (11/03/2025)",
            "'Chronology entry 1 (11/03/2025)': entry 1 is now 02/01/2025, not 11/03/2025; "
            "the entry of 11/03/2025 is now entry 2",
        ),
        (
            "entry 2 (05/05/2025)",
            "entry 2 is now 11/03/2025, not 05/05/2025; no entry is of 05/05/2025 now",
        ),
        ("entry 05/05/2025", "'entry 05/05/2025': no chronology entry is of 05/05/2025"),
        ("entry 01/04/2025", "entries 1 and 2 are of 01/04/2025: say which, as 'entry 1'"),
        ("heading 1 (Was it shared?)", "heading 1 is now \u201cWas the risk assessed?\u201d"),
        ("recommendation 1 (Train staff)", "a recommendation is named by its number alone"),
    ],
)
def test_a_listed_place_whose_date_or_wording_changed_is_refused(
    catalogue: Catalogue, written: str, says: str
) -> None:
    review = a_review()
    if "01/04/2025" in written:
        review.chronology = [
            ChronologyEntry(id="a", date="2025-04-01", source="GP"),
            ChronologyEntry(id="b", date="2025-04-01", time="10:00", source="Ward"),
        ]
    with pytest.raises(PlaceError) as caught:
        find_place(written, review, catalogue)
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)
