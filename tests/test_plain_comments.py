"""Comments in plain mode: said before a prompt's answer, replied to and resolved there.

In-process with the line asker typed from a script (whole lines, no escape code) and
with the scripted asker that stands for questionary; a hang-up while a reply is
typed is tested in a real terminal (tmux), in lines and with questionary. Each test
reads what was said and the review file on disk.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scripted_asker import Script
from terminal import wait_gone
from test_plain import Drawn, Plain
from test_plain_lines import Pick, line, long, review_at, run

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment, Reply
from imr_tui.core.data_files import DataFiles
from imr_tui.core.lock import lock_path
from imr_tui.core.model import ChronologyEntry, SentVersion
from imr_tui.core.sent_copies import digest
from imr_tui.core.session import Session
from imr_tui.core.store import load, save, to_toml
from imr_tui.plain.commands import HELP
from imr_tui.plain.comments import (
    ANSWER_LABEL,
    MENU_QUESTION,
    NO_LABEL,
    REOPEN_LABEL,
    REPLY_INSTRUCTION,
    REPLY_LABEL,
    RESOLVE_LABEL,
    YES_REOPEN,
    YES_RESOLVE,
    fits,
)
from imr_tui.plain.interview import INTRO
from imr_tui.plain.run import interview

AT = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)
HOSTILE = "Why [bold]no[/bold] dates? [@click=app.quit]x[/] \x1b[31mred"


@pytest.fixture(autouse=True)
def _no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return DataFiles.resolve(None).glossary


def with_comments(path: Path, catalogue: Catalogue, *comments: Comment) -> Path:
    """The review at ``path`` with these comments added (and saved)."""
    session = Session(path, load(path, catalogue), catalogue)
    for comment in comments:
        session.add_comment(comment)
    assert session.save()
    return path


def summary_review(folder: Path, catalogue: Catalogue) -> Path:
    """A review resuming at the summary, with two open comments on it (the first with a
    reply) and a resolved one, and one open comment elsewhere."""
    path = review_at(folder, catalogue, "summary", answers={"author_name": "Sam Reviewer"})
    return with_comments(
        path,
        catalogue,
        Comment(
            id="c1",
            on="prompt:summary",
            by="Panel chair",
            at=AT,
            text=HOSTILE,
            replies=[Reply(by="Sam Reviewer", at=AT, text="They are in the chronology.")],
        ),
        Comment(id="c2", on="prompt:summary", by="Ann Cole", at=AT, text="Say who visited."),
        Comment(
            id="c3",
            on="prompt:summary",
            by="Ann Cole",
            at=AT,
            text="Spell out GP.",
            state="resolved",
            resolved_by="Sam Reviewer",
            resolved_at=AT,
        ),
        Comment(id="c4", on="prompt:author_role", by="Trainer", at=AT, text="Which team?"),
    )


# ---------------------------------------------------------------- in lines


def test_comments_are_said_before_the_answer_then_replied_to_and_resolved(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = summary_review(tmp_path, catalogue)
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Reply to a comment"),
            line("Which comment to reply to? Type a number from 1 to 2:", "2"),
            long("Your reply to comment 2:", "Ward nurses, twice.\nThe GP once."),
            Pick("Mark a comment resolved"),
            line("Which comment to mark resolved? Type a number from 1 to 2:", "1"),
            Pick("Answer the prompt"),
            long("Your answer:", "Seen twice at home."),
        ],
    )
    assert code == 130
    said = " ".join(out.split())
    assert (
        "Comment 1 of 2, from Panel chair on 01/12/2026, on Summary of involvement: "
        "Why [bold]no[/bold] dates? [@click=app.quit]x[/] \u241b[31mred "
        "Reply from Sam Reviewer on 01/12/2026: They are in the chronology. "
        "Comment 2 of 2, from Ann Cole on 01/12/2026, on Summary of involvement: "
        "Say who visited. Also 1 resolved comment here, not read out."
    ) in said
    assert "Spell out GP." not in said and "Which team?" not in said
    assert said.index("Comment 1 of 2") < said.index("1. Answer the prompt")
    assert "Reply kept." in out and "Comment 1 (from Panel chair) marked resolved." in out
    # the menu comes back while a comment is open, offering to reopen once one is resolved
    assert out.count(MENU_QUESTION) == 3
    assert said.count("Reopen a resolved comment") == 3  # c3 is resolved from the start
    # the reply is asked for in words for a reply; the answers' instruction waits for
    # the first answer
    reply_at = said.index("Your reply to comment 2:")
    assert said.index(REPLY_INSTRUCTION) < reply_at
    assert "A long answer like this one" not in said[:reply_at]
    assert reply_at < said.index("A long answer like this one") < said.index("Your answer:")
    assert all(len(x) <= 80 for x in out.split("\n"))
    review = load(path, catalogue)
    comments = {c.id: c for c in review.comments}
    assert comments["c1"].state == "resolved" and comments["c1"].resolved_by == "Sam Reviewer"
    assert [r.text for r in comments["c2"].replies] == ["Ward nurses, twice.\nThe GP once."]
    assert comments["c2"].replies[0].by == "Sam Reviewer" and comments["c2"].is_open
    assert review.answer("summary") == "Seen twice at home."


def test_the_last_open_comment_is_resolved_only_once_confirmed_and_can_be_reopened(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    with_comments(
        path,
        catalogue,
        Comment(id="c1", on="prompt:summary", by="Panel chair", at=AT, text="Why?"),
        Comment(id="c2", on="prompt:summary", by="Ann Cole", at=AT, text="Who?", state="resolved"),
    )
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Mark a comment resolved"),
            # the author types the comment's number: it answers the question said
            ("Mark comment 1 (from Panel chair) resolved?", b"2\r"),
            Pick("Mark a comment resolved"),
            Pick("Yes, mark it resolved"),
            Pick("Reopen a resolved comment"),
            line("Which resolved comment to reopen? Type a number from 1 to 2:", "2"),
            Pick("Answer the prompt"),
            long("Your answer:", "Seen once."),
            ("Prompt", b"\x03"),
        ],
    )
    assert code == 130
    said = " ".join(out.split())
    assert "1. Yes, mark it resolved 2. No, go back" in said
    assert "Comment 1 is still open." in said
    assert "Comment 1 (from Panel chair) marked resolved." in said
    assert (
        "Resolved comment 1 of 2, from Panel chair on 01/12/2026, on Summary of involvement: "
        "Why? Resolved comment 2 of 2, from Ann Cole"
    ) in said
    assert "Reopened: it is comment 2 here now." in said
    assert all(len(x) <= 80 for x in out.split("\n"))
    review = load(path, catalogue)
    comments = {c.id: c for c in review.comments}
    assert not comments["c1"].is_open and comments["c2"].is_open
    assert review.answer("summary") == "Seen once."


def test_no_menu_without_open_comments(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    with_comments(
        path,
        catalogue,
        Comment(id="c1", on="prompt:summary", by="Panel", at=AT, state="resolved"),
    )
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [long("Your answer:", "Seen once."), ("Prompt", b"\x03")],
    )
    assert code == 130
    assert "1 resolved comment here, not read out." in out
    assert MENU_QUESTION not in out
    assert load(path, catalogue).answer("summary") == "Seen once."


def test_a_comment_resolved_by_mistake_is_reopened_with_the_same_number(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    with_comments(path, catalogue, Comment(id="c1", on="prompt:summary", by="Panel", at=AT))
    code, _out, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Mark a comment resolved"),
            Pick("Yes, mark it resolved"),
            Pick("Reopen a resolved comment"),
            ("Reopen the comment from Panel?", b"1\r"),
            ("Comment 1 reopened.", b"?quit\r"),
        ],
    )
    assert code == 0
    assert load(path, catalogue).comments[0].is_open


def test_a_long_name_is_said_before_a_short_confirmation(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    long_name = " ".join(["Zoë Ó Briain-Ngata"] * 5)
    path = review_at(tmp_path, catalogue, "summary")
    with_comments(path, catalogue, Comment(id="c1", on="prompt:summary", by=long_name, at=AT))
    script = Script(
        ("Comments here.", "Mark a comment resolved"),
        ("Mark comment 1 resolved?", "Yes, mark it resolved"),
    )
    assert interview(script, catalogue, path, glossary) == 130
    assert f"Mark comment 1 (from {long_name}) resolved?" in script.said
    for asked in script.asked:
        assert fits(asked, [("Reopen a resolved comment", 0), ("Yes, mark it resolved", 0)])
    assert not load(path, catalogue).comments[0].is_open


def test_the_chronology_says_each_entrys_comments_with_its_place(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    entry = ChronologyEntry.model_validate(
        {"id": "e1", "date": "2024-03-12", "source": "Ward notes", "cells": {"event": "Dressed."}}
    )
    path = review_at(tmp_path, catalogue, "chronology", entries=[entry])
    with_comments(
        path,
        catalogue,
        Comment(on="entry:e1", field="source", by="Panel chair", at=AT, text="Which ward?"),
        Comment(on="entry:gone", by="Ann Cole", at=AT, text="Where did it go?"),
    )
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Reply to a comment"),
            line("Which comment to reply to?", "1"),
            long("Your reply to comment 1:", "Ward 7."),
            Pick("Answer the prompt"),
            Pick("Done: go on to the next prompt"),
        ],
    )
    assert code == 130
    said = " ".join(out.split())
    assert (
        "Comment 1 of 2, from Panel chair on 01/12/2026, on Chronology entry 1 (12/03/2024), "
        "Source of information: Which ward? "
        "Comment 2 of 2, from Ann Cole on 01/12/2026, on Chronology entry (deleted): "
        "Where did it go?"
    ) in said
    comment, detached = load(path, catalogue).comments
    assert [r.text for r in comment.replies] == ["Ward 7."] and not detached.replies


def test_a_headings_comment_is_said_at_its_analysis_not_at_the_others(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "tor_headings")
    session = Session(path, load(path, catalogue), catalogue)
    session.set_headings([("h1", "Hospital discharge"), ("h2", "Self-neglect")])
    session.set_resume("tor_analysis:h1")
    assert session.save()
    with_comments(path, catalogue, Comment(on="heading:h2", by="Panel chair", at=AT, text="More."))
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [
            long("Hospital discharge", ""),  # skipped: no comment, no menu
            Pick("Mark a comment resolved"),
            Pick("Yes, mark it resolved"),
            ("Comment 1 (from Panel chair) marked resolved.", b"?quit\r"),
        ],
    )
    assert code == 0
    said = " ".join(out.split())
    first = said.index("Hospital discharge")
    second = said.index("Self-neglect", first)
    assert (
        said.index(
            "Comment 1 of 1, from Panel chair on 01/12/2026, on Terms of Reference heading 2 "
            "(\u201cSelf-neglect\u201d): More."
        )
        > second
    )
    assert not load(path, catalogue).comments[0].is_open


def test_the_comments_command_lists_every_open_comment_anywhere(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    assert "?comments: list the review's open comments" in HELP
    path = summary_review(tmp_path, catalogue)
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Answer the prompt"),
            line("Your answer:", "?comments"),
            ("3 open comments in this review:", b"?quit\r"),
        ],
    )
    assert code == 0
    listed = " ".join(out[out.index("3 open comments in this review:") :].split())
    assert "Comment 1 of 2" not in listed
    # unnumbered: a number said here would pick another comment at a prompt
    assert not re.search(r"\b[0-9]+\. From", listed)
    for words in (
        "review: From Panel chair on 01/12/2026, on Summary of involvement:",
        "From Ann Cole on 01/12/2026, on Summary of involvement: Say who visited. "
        "From Trainer on 01/12/2026, on Author's role: Which team?",
    ):
        assert words in listed
    assert "Spell out GP." not in listed
    assert load(path, catalogue).answer("summary") == ""


def test_ctrl_c_while_typing_a_reply_keeps_it_and_says_so(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = summary_review(tmp_path, catalogue)
    code, _, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Reply to a comment"),
            line("Which comment to reply to?", "1"),
            ("Your reply to comment 1:", b"First line.\rHalf a sec\x03"),
        ],
    )
    assert code == 130
    [reply_old, reply] = load(path, catalogue).comments[0].replies
    assert reply_old.text == "They are in the chronology."
    assert reply.text == "First line.\nHalf a sec"
    said = " ".join(capsys.readouterr().out.split())
    assert "Saved. What you were typing as a reply to comment 1 was kept." in said


def test_a_command_while_typing_a_reply_keeps_it_and_long_names_wrap_at_spaces(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    long_name = " ".join(["Zoë Ó Briain-Ngata 王芳 مريم"] * 12)  # over 300 characters
    assert len(long_name) > 300
    path = review_at(tmp_path, catalogue, "summary")
    with_comments(
        path, catalogue, Comment(id="c1", on="prompt:summary", by=long_name, at=AT, text="Why?")
    )
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Reply to a comment"),
            ("Your reply to comment 1:", b"Because.\r?skip\r"),
            ("What you typed as a reply to comment 1 is kept.", b"?quit\r"),
        ],
    )
    assert code == 0
    assert f"Comment 1 of 1, from {long_name} on 01/12/2026" in " ".join(out.split())
    assert all(len(x) <= 80 for x in out.split("\n"))
    [comment] = load(path, catalogue).comments
    assert [r.text for r in comment.replies] == ["Because."] and comment.is_open


# ---------------------------------------------------------------- the other asker


def test_the_questionary_asker_replies_and_resolves_from_the_same_menu(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = summary_review(tmp_path, catalogue)
    script = Script(
        ("Comments here", "Reply to a comment"),
        ("Which comment to reply to?", 1),
        ("Your reply to comment 1:", "Added the dates."),
        ("Comments here", "Mark a comment resolved"),
        ("Which comment to mark resolved?", 2),
        ("Comments here", "Answer the prompt"),
        ("Your answer:", "?comments"),
        ("Your answer:", "Seen twice."),
    )
    assert interview(script, catalogue, path, glossary) == 130
    said = script.transcript()
    assert "Comment 2 of 2, from Ann Cole on 01/12/2026, on Summary of involvement:" in said
    assert "  Why [bold]no[/bold] dates? [@click=app.quit]x[/] \u241b[31mred" in said
    assert "Reply kept." in said and "Comment 2 (from Ann Cole) marked resolved." in said
    assert "2 open comments in this review:" in said  # after the resolve, before the answer
    comments = load(path, catalogue).comments
    assert comments[0].replies[-1].text == "Added the dates." and comments[0].is_open
    assert not comments[1].is_open
    assert load(path, catalogue).answer("summary") == "Seen twice."


# ---------------------------------------------------------------- a real terminal


@pytest.mark.parametrize("asker", ["lines", "questionary"])
def test_a_hang_up_while_typing_a_reply_keeps_the_reply(
    tmp_path: Path, catalogue: Catalogue, asker: str
) -> None:
    path = summary_review(tmp_path, catalogue)
    p = (
        Plain(tmp_path, "plain", "r.toml", keep=False)
        if asker == "lines"
        else Drawn(tmp_path, "plain", "r.toml", keep=False)
    )
    try:
        p.expect("Comment 2 of 2, from Ann Cole")
        pid = p.term.pane_pid()
        p.choose("Reply to a comment")
        p.expect("Which comment to reply to?")
        p.answer("2")
        p.expect("Your reply to comment 2:")
        if asker == "lines":
            p.answer("The ward nurses.")
        else:
            p.term.type("The ward nurses.")
            p.term.send("Enter")
        p.term.type("And Dr Pa")
        p.expect("And Dr Pa")
        p.term.hang_up()
        took = wait_gone(pid, 5.0)
    finally:
        p.term.close()
    comment = next(c for c in load(path, catalogue).comments if c.id == "c2")
    assert [r.text for r in comment.replies] == ["The ward nurses.\nAnd Dr Pa"]
    assert took < 2.0
    assert not lock_path(path).exists()


# ---------------------------------------------------------------- opening, changes, widths


def sent_as_is(path: Path, catalogue: Catalogue) -> None:
    """Record version 1 as sent, with the review as it is now kept beside it (what a
    final export does)."""
    review = load(path, catalogue)
    text = to_toml(review, catalogue)
    copy = path.parent / "r-sent" / "v1" / "review-as-sent.toml.txt"
    copy.parent.mkdir(parents=True)
    copy.write_text(text, encoding="utf-8")
    review.sent = [
        SentVersion(
            version=1,
            exported=review.meta.last_saved or review.meta.created,
            format="md",
            kept_copy="r-sent/v1/r.md",
            sha256="0" * 64,
            review_copy="r-sent/v1/review-as-sent.toml.txt",
            review_sha256=digest(text.encode("utf-8")),
        )
    ]
    save(path, review, catalogue)


def test_a_prompt_changed_since_the_version_sent_says_so_at_each_visit(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "summary", answers={"summary": "Seen at home."})
    sent_as_is(path, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    summary = next(s for s in session.steps() if s.id == "summary")
    session.set_text(summary, "Seen at home twice.")
    assert session.save()
    with_comments(path, catalogue, Comment(on="prompt:summary", by="Panel", at=AT, text="Who?"))
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Answer the prompt"),
            Pick("Keep it and go on"),
            ("Prompt", b"?back\r"),
            ("Comment 1 of 1", b"?quit\r"),
        ],
    )
    assert code == 0
    said = " ".join(out.split())
    note = "Changed since version 1 was sent."
    assert said.count(note) == 2  # the summary, visited twice; not the prompt between
    first = said.index("Summary of involvement")
    assert first < said.index(note) < said.index("Comment 1 of 1, from Panel")
    visits = re.findall(r"Prompt \d+ of \d+ \([^)]*\): (.*?)(?= Prompt \d+ of |$)", said)
    assert [v.startswith("Summary of involvement") for v in visits] == [True, False, True]
    assert [note in v for v in visits] == [True, False, True]


def test_nothing_is_said_changed_when_nothing_was_sent(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = summary_review(tmp_path, catalogue)
    code, out, _ = run(path, catalogue, glossary, [("Comment 2 of 2", b"?quit\r")])
    assert code == 0
    assert "Changed since" not in out


def test_the_opening_lines_say_the_review_has_open_comments(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    assert "(back, sections, check, comments, save and quit)" in INTRO
    path = summary_review(tmp_path, catalogue)
    code, out, _ = run(path, catalogue, glossary, [("Comment 2 of 2", b"?quit\r")])
    assert code == 0
    said = " ".join(out.split())
    opening = "This review has 3 open comments; ?comments lists them."
    assert said.count(opening) == 1
    assert said.index(INTRO) < said.index(opening) < said.index("Summary of involvement")
    (tmp_path / "one").mkdir()
    one = review_at(tmp_path / "one", catalogue, "summary")
    with_comments(one, catalogue, Comment(on="prompt:summary", by="Panel", at=AT, text="Why?"))
    code, out, _ = run(one, catalogue, glossary, [("Comment 1 of 1", b"?quit\r")])
    assert "This review has 1 open comment; ?comments lists it." in " ".join(out.split())


def test_every_comments_menu_fits_80_columns_as_the_questionary_asker_echoes_it() -> None:
    labels = [ANSWER_LABEL, REPLY_LABEL, RESOLVE_LABEL, REOPEN_LABEL]
    assert fits(MENU_QUESTION, [(label, 0) for label in labels])
    for short, yes in (
        ("Mark comment 99 resolved?", YES_RESOLVE),
        ("Reopen this comment?", YES_REOPEN),
    ):
        assert fits(short, [(yes, 0), (NO_LABEL, 0)])
    assert not fits("x" * 60, [(RESOLVE_LABEL, 0)])


def test_the_questionary_menus_echo_their_choice_on_one_line_of_80_columns(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    with_comments(path, catalogue, Comment(on="prompt:summary", by="Panel chair", at=AT, text="?"))
    p = Drawn(tmp_path, "plain", "r.toml", keep=False)
    try:
        p.expect("Comment 1 of 1, from Panel chair")
        p.choose("Mark a comment resolved")
        p.choose("Yes, mark it resolved")
        p.expect("Comment 1 (from Panel chair) marked resolved.")
        p.expect("Reopen a resolved comment")
        rows = p.term.screen().split("\n")
    finally:
        p.term.close()
    assert f"? {MENU_QUESTION} Mark a comment resolved" in rows
    assert "? Mark comment 1 (from Panel chair) resolved? Yes, mark it resolved" in rows
    assert not load(path, catalogue).comments[0].is_open
