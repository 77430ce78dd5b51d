"""Comments in plain mode: said before a prompt's answer, replied to and resolved there.

In-process with the line asker typed from a script (whole lines, no escape code) and
with the scripted asker that stands for questionary; a hang-up while a reply is
typed is tested in a real terminal (tmux), in lines and with questionary. Each test
reads what was said and the review file on disk.
"""

from __future__ import annotations

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
from imr_tui.core.model import ChronologyEntry
from imr_tui.core.session import Session
from imr_tui.core.store import load
from imr_tui.plain.commands import HELP
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
            line("Which comment to reply to? Type its number", "2"),
            long("Your reply to comment 2:", "Ward nurses, twice.\nThe GP once."),
            Pick("Mark a comment resolved"),
            line("Which comment to mark resolved?", "1"),
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
    assert "Reply kept." in out and "Comment 1 marked resolved." in out
    # the menu comes back while a comment is open, and not once none is
    assert out.count("This prompt has open comments. What would you like to do?") == 3
    assert all(len(x) <= 80 for x in out.split("\n"))
    review = load(path, catalogue)
    comments = {c.id: c for c in review.comments}
    assert comments["c1"].state == "resolved" and comments["c1"].resolved_by == "Sam Reviewer"
    assert [r.text for r in comments["c2"].replies] == ["Ward nurses, twice.\nThe GP once."]
    assert comments["c2"].replies[0].by == "Sam Reviewer" and comments["c2"].is_open
    assert review.answer("summary") == "Seen twice at home."


def test_no_menu_without_open_comments_and_a_last_one_resolved_needs_no_number(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    with_comments(path, catalogue, Comment(id="c1", on="prompt:summary", by="Panel", at=AT))
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [
            Pick("Mark a comment resolved"),
            ("Comment 1 marked resolved.", b"Seen once.\r.\r"),  # straight to the answer
            ("Prompt", b"\x03"),
        ],
    )
    assert code == 130
    assert "Which comment" not in out
    assert out.count("What would you like to do?") == 1
    review = load(path, catalogue)
    assert not review.comments[0].is_open
    assert review.answer("summary") == "Seen once."


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
            ("Comment 1 marked resolved.", b"?quit\r"),
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
    assert "1., from Panel chair" not in listed
    assert "Comment 1 of 2" not in listed
    for words in (
        "1. From Panel chair on 01/12/2026, on Summary of involvement:",
        "2. From Ann Cole on 01/12/2026, on Summary of involvement: Say who visited.",
        "3. From Trainer on 01/12/2026, on Author's role: Which team?",
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
        ("open comments", "Reply to a comment"),
        ("Which comment to reply to?", 1),
        ("Your reply to comment 1:", "Added the dates."),
        ("open comments", "Mark a comment resolved"),
        ("Which comment to mark resolved?", 2),
        ("open comments", "Answer the prompt"),
        ("Your answer:", "?comments"),
        ("Your answer:", "Seen twice."),
    )
    assert interview(script, catalogue, path, glossary) == 130
    said = script.transcript()
    assert "Comment 2 of 2, from Ann Cole on 01/12/2026, on Summary of involvement:" in said
    assert "  Why [bold]no[/bold] dates? [@click=app.quit]x[/] \u241b[31mred" in said
    assert "Reply kept." in said and "Comment 2 marked resolved." in said
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
