"""Comments in the interview: shown on their prompt, replied to and resolved with keys,
listed on the Comments screen (Enter goes to the exact place), marked in the sidebar;
a reply being typed survives a hang-up like an answer."""

from __future__ import annotations

from pathlib import Path

from browser import headed, join, trainee_folder
from conftest import Imr
from terminal import Terminal, imr_command, wait_gone
from test_ordered_input import burst
from test_serve import wait_for
from textual.widgets import Input, OptionList, Static
from tui_helpers import (
    SIZE,
    catalogue,
    go_to,
    make_app,
    prompt_title,
    settled,
    type_text,
    until,
)

from imr_tui.core.comment_model import Comment
from imr_tui.core.model import ChronologyEntry, Recommendation, ReviewPeriod, SentVersion
from imr_tui.core.sent_copies import digest
from imr_tui.core.store import create, load, save, to_toml
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.comments import CommentsScreen
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.screens.form import FormScreen
from imr_tui.tui.screens.interview import InterviewScreen
from imr_tui.tui.widgets.comments_pane import CommentsPane
from imr_tui.tui.widgets.record_table import RecordTable
from imr_tui.tui.widgets.sidebar import CHANGED, COMMENTED, LEGEND, Sidebar

HOSTILE = "Why [bold]this[/bold]? [@click=app.quit]x[/] \x1b[31mred"


def _review(tmp_path: Path, resume: str = "summary") -> Path:
    """A review with three chronology entries and an answered summary."""
    path = tmp_path / "r.toml"
    review = create(path, catalogue())
    review.resume = resume
    review.review_period = ReviewPeriod.model_validate({"start": "2025-01-01", "end": "2025-12-31"})
    review.answers["summary"] = "Dorothy was seen at home by the district nurses."
    review.chronology = [
        ChronologyEntry(date="2025-03-11", source="District nursing notes"),
        ChronologyEntry(date="2025-04-02", source="GP record"),
        ChronologyEntry(date="2025-05-20", source="Ward 7 notes"),
    ]
    save(path, review, catalogue())
    return path


def _add_from_outside(path: Path, *comments: Comment) -> None:
    """What ``imr comment`` does while the review is closed: load, add, save."""
    review = load(path)
    review.comments = [*review.comments, *comments]
    save(path, review, catalogue())


def _pane(app: object) -> CommentsPane:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, InterviewScreen)
    return screen.query_one(CommentsPane)


def _sidebar_lines(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    tree = screen.query_one(Sidebar)
    out: list[str] = []

    def walk(node: object) -> None:
        for child in node.children:  # type: ignore[attr-defined]
            out.append(str(child.label))
            walk(child)

    walk(tree.root)
    return out


async def test_a_comment_is_shown_replied_to_resolved_and_found_from_the_list(
    tmp_path: Path, imr: Imr
) -> None:
    path = _review(tmp_path)
    # The panel's comments, added from the command line while the review is closed.
    added = imr("comment", path, "--on", "summary", HOSTILE, "--by", "Panel chair")
    assert added.returncode == 0, added.stderr
    added = imr("comment", path, "--on", "entry 2 source", "Which GP?", "--by", "Panel chair")
    assert added.returncode == 0, added.stderr
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert prompt_title(app).startswith("Summary of involvement")
        pane = _pane(app)
        assert pane.display
        # At 80x24 the answer keeps its room: the comments are one line until Ctrl+B.
        assert pane.plain_summary() == "1 open comment: Ctrl+B to read and reply"
        lines = _sidebar_lines(app)
        summary_line = next(line for line in lines if "Summary of involvement" in line)
        assert COMMENTED in summary_line.split(" Summary")[0]
        chronology_line = next(line for line in lines if "Chronology of agency" in line)
        assert COMMENTED in chronology_line.split(" Chronology")[0]
        assert app.focused is not None and app.focused.id != "comments-pane"  # editor
        await pilot.press("ctrl+b")
        assert app.focused is pane
        shown = pane.plain_summary()
        assert HOSTILE.replace("\x1b", "␛") in shown  # literally: no markup, no escape code
        assert "Open · Panel chair" in shown
        assert "Comments, 1 open of 1: r reply, x resolve" in shown
        await pilot.press("down")  # the chronology's comment is not on this prompt
        assert pane.selected == 0
        await pilot.press("r")
        await pilot.press(*"Seen on 11 March")
        await pilot.press("enter")
        assert app.focused is pane
        await pilot.press("x")
        shown = pane.plain_summary()
        # The reply's text sits indented under its "↳ name · date:" line.
        reply_line, reply_text = next(
            (line, after)
            for line, after in zip(shown.splitlines(), shown.splitlines()[1:], strict=False)
            if "↳ the author ·" in line
        )
        assert reply_line.endswith(":") and reply_text == "    Seen on 11 March"
        assert "Resolved by the author" in shown
        # The only open comment is resolved: the title names the keys that apply now.
        assert "Comments, 0 open of 1: r reply, o reopen" in shown
        assert "x resolve" not in shown
        assert COMMENTED not in _marks(_sidebar_lines(app), "Summary of involvement")
        assert COMMENTED in _marks(_sidebar_lines(app), "Chronology of agency")
        await pilot.press("escape")
        assert app.focused is not None and app.focused is not pane
        # The summary's answer is untouched by the keys typed into the reply.
        await pilot.press("ctrl+q")
    saved = load(path)
    first = saved.comments[0]
    assert [r.text for r in first.replies] == ["Seen on 11 March"]
    assert first.state == "resolved" and first.resolved_by == "the author"
    assert saved.answer("summary") == "Dorothy was seen at home by the district nurses."
    assert saved.comments[1].is_open

    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        assert isinstance(app.screen, CommentsScreen)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0].startswith("Open · Chronology entry 2 (02/04/2025), Source")
        assert labels[1].startswith("Resolved · Summary of involvement")
        await pilot.press("enter")  # the open one, on entry 2's source
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.focused is not None and app.focused.id == "f-source"
        assert getattr(app.focused, "value", None) == "GP record"
        await pilot.press("escape")
        await pilot.pause()
        assert prompt_title(app).startswith("Chronology of agency")
        await pilot.press("ctrl+q")


async def test_a_reply_typed_in_a_burst_survives_a_hang_up(tmp_path: Path) -> None:
    """The keys come as one burst (a laggy link): Ctrl+B, r and the reply land in the
    reply box, none in the answer; a hang-up then keeps the reply as typed."""
    path = _review(tmp_path)
    _add_from_outside(path, Comment(on="prompt:summary", by="Panel chair", text="When?"))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "\x02rOn the 11th, at ho")
        assert await app.input.settled()
        app.keep_everything()  # the hang-up: what is typed is kept, then written
        app.autosave.write_now()
        assert [r.text for r in load(path).comments[0].replies] == ["On the 11th, at ho"]
        burst(app, "me")  # the keys that came with the hang-up
        assert await app.input.settled()
        app.keep_everything()
        app.autosave.write_now()
        saved = load(path)
        assert [r.text for r in saved.comments[0].replies] == ["On the 11th, at home"]
        assert saved.answer("summary") == "Dorothy was seen at home by the district nurses."
        # A key that landed in the box just before the hang-up, its message not yet
        # handled: the hang-up takes the box's text as it is.
        app.screen.query_one("#reply-input", Input).insert_text_at_cursor(".")
        app.keep_everything()
        app.autosave.write_now()
        assert [r.text for r in load(path).comments[0].replies] == ["On the 11th, at home."]
        await pilot.press("ctrl+q")


async def test_the_legend_explains_every_mark_and_no_comment_keys_without_comments(
    tmp_path: Path,
) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        legend = str(app.screen.query_one("#sidebar-legend").render())
        for mark in ("→", "✓", "○", "!", "#", "*"):
            assert mark in legend
        assert legend == LEGEND
        assert not _pane(app).display
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert not screen.check_action("comments", ())
        assert "Comments" in [c.title for c in screen.commands()]  # in the palette
        await go_to(pilot, "chronology")
        await pilot.press("ctrl+b")  # nothing to go to: it says so
        await until(pilot, lambda: _told(app, "No comments on this prompt."), "the notice")
        await pilot.press("f2")
        await until(pilot, lambda: _told(app, "No comments in this review."), "the notice")
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("ctrl+q")


def _told(app: IMRApp, message: str) -> bool:
    """Whether the app has notified ``message``."""
    return any(n.message == message for n in app._notifications)


def test_the_help_explains_every_mark_and_the_comment_keys() -> None:
    from imr_tui.tui.screens.help import HELP
    from imr_tui.tui.widgets.sidebar import MARKS

    for mark, _ in MARKS:
        assert f"| `{mark}` |" in HELP
    for key in ("| Ctrl+B |", "| F2 |", "| r |", "| x |", "| o |"):
        assert key in HELP
    # tmux's prefix is Ctrl+B: the help says how to reach the comments there.
    assert "in tmux press Ctrl+B twice" in HELP
    assert "press Ctrl+B twice to reach the\ncomments, or press F2 and then Enter" in HELP


def _sent(path: Path, *, keep_copy: bool = True) -> None:
    """Record version 1 as sent, with the review as it is now kept beside it (what a
    final export does); ``keep_copy=False``: the copy is lost since."""
    review = load(path)
    text = to_toml(review, catalogue())
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
    save(path, review, catalogue())
    if not keep_copy:
        copy.unlink()


async def test_prompts_changed_since_the_version_sent_are_marked(tmp_path: Path) -> None:
    path = _review(tmp_path, resume="author_role")
    _sent(path)
    review = load(path)
    review.answers["summary"] += " Twice a week."
    save(path, review, catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not _pane(app).display  # the author's role did not change
        lines = _sidebar_lines(app)
        assert CHANGED in _marks(lines, "Summary of involvement")
        assert CHANGED not in _marks(lines, "Author's role")
        await go_to(pilot, "summary")
        assert "Changed since version 1 was sent." in _pane(app).plain_summary()
        await go_to(pilot, "author_role")
        await type_text(pilot, "Staff Nurse")
        await settled(pilot, app)  # after the save, the prompt just changed is marked
        assert CHANGED in _marks(_sidebar_lines(app), "Author's role")
        assert "Changed since version 1 was sent." in _pane(app).plain_summary()
        await pilot.press("ctrl+q")


async def test_no_changed_marks_when_the_copy_sent_cannot_be_read(tmp_path: Path) -> None:
    path = _review(tmp_path)
    _sent(path, keep_copy=False)
    review = load(path)
    review.answers["summary"] += " Twice a week."
    save(path, review, catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert CHANGED not in _marks(_sidebar_lines(app), "Summary of involvement")
        assert not _pane(app).display
        await pilot.press("ctrl+q")


def _marks(lines: list[str], title: str) -> str:
    """The marks before a prompt's title in the sidebar."""
    line = next(line for line in lines if title in line)
    return line.split(title)[0]


def test_a_hang_up_in_a_real_terminal_keeps_the_reply_being_typed(tmp_path: Path) -> None:
    """The real program: the reply typed, then the terminal closed at once (well inside
    the autosave delay, so only what a hang-up saves can hold it)."""
    path = _review(tmp_path, resume="agency")
    _add_from_outside(path, Comment(on="prompt:agency", by="Panel chair", text="Full name?"))
    term = Terminal(imr_command("r.toml"), tmp_path)
    try:
        term.wait_for("1 open comment: Ctrl+B to read and reply")  # folded at 80x24
        pid = term.pane_pid()
        term.send("C-b")
        term.wait_for("Full name?")
        term.wait_for("r reply")
        term.send("r")
        term.wait_for("Your reply")
        words = "Northshire Community Health"
        term.type(words)
        term.wait_for(words)
        term.hang_up()
        wait_gone(pid, 5.0)
    finally:
        term.close()
    saved = load(path)
    assert [r.text for r in saved.comments[0].replies] == [words]
    assert saved.answer("agency") == ""


async def test_a_detached_comment_is_kept_shown_and_leads_to_the_chronology(
    tmp_path: Path,
) -> None:
    path = _review(tmp_path)
    review = load(path)
    gone = review.sorted_chronology()[0]
    _add_from_outside(path, Comment(on=f"entry:{gone.id}", by="Panel chair", text="Date?"))
    review = load(path)
    review.chronology = [e for e in review.chronology if e.id != gone.id]
    save(path, review, catalogue())
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        assert isinstance(app.screen, CommentsScreen)
        options = app.screen.query_one(OptionList)
        label = str(options.get_option_at_index(0).prompt)
        assert label.startswith("Open · DETACHED (its place was deleted) · Chronology entry")
        await pilot.press("enter")
        await pilot.pause()
        assert prompt_title(app).startswith("Chronology of agency")
        await pilot.press("ctrl+b")
        shown = _pane(app).plain_summary()
        assert "detached: its place was deleted" in shown and "Date?" in shown
        await pilot.press("ctrl+q")
    assert [c.text for c in load(path).comments] == ["Date?"]


async def test_up_down_and_a_click_choose_the_comment_replied_to(tmp_path: Path) -> None:
    path = _review(tmp_path)
    _add_from_outside(
        path,
        Comment(on="prompt:summary", by="Panel chair", text="First question"),
        Comment(on="prompt:summary", by="Trainer", text="Second question"),
    )
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = _pane(app)
        await pilot.press("ctrl+b", "down", "r", *"yes", "enter")
        await pilot.press("up", "x")
        boxes = pane.query(".comment")
        await pilot.click(boxes[1])
        assert pane.selected == 1 and app.focused is pane
        await pilot.press("x")
        await pilot.press("ctrl+q")
    first, second = load(path).comments
    assert (first.state, first.replies) == ("resolved", [])
    assert (second.state, [r.text for r in second.replies]) == ("resolved", ["yes"])


def test_the_comment_keys_work_in_a_browser(tmp_path: Path) -> None:
    """Serve mode, in a headed browser with real key events: Ctrl+B, r, the reply, Enter
    and x reach the interview through the browser's terminal (none is a key the browser
    keeps for itself)."""
    reply = "Northshire Community Health"
    with headed(tmp_path) as browser:
        browser.seen = join(browser.page, "Trainee One", browser.seen)
        browser.page.bring_to_front()
        folder = trainee_folder(browser.workspace, "Trainee One")
        path = _review(folder, resume="agency")
        _add_from_outside(path, Comment(on="prompt:agency", by="Trainer", text="Full name?"))
        browser.key("r")  # the list again, with the review
        browser.wait_shows("the review listed", "r.toml")
        browser.key("Return")
        wait_for("the review open", (folder / ".r.toml.lock").exists)
        browser.wait_shows("the comment", "Full name?")
        browser.key("ctrl+b")
        browser.key("r")
        browser.type(reply)
        browser.key("Return")
        browser.key("x")

        def kept() -> bool:
            try:
                [comment] = load(path).comments
            except Exception:
                return False
            return [r.text for r in comment.replies] == [reply] and not comment.is_open

        wait_for("the reply and the resolution in the file", kept)
        assert load(path).answer("agency") == ""
        assert browser.pages() == 1


async def test_in_a_read_only_view_the_comments_show_but_nothing_changes(tmp_path: Path) -> None:
    from imr_tui.core.lock import ReviewLock

    path = _review(tmp_path)
    _add_from_outside(path, Comment(on="prompt:summary", by="Panel chair", text="When?"))
    before = path.read_bytes()
    with ReviewLock.acquire(path) as lock:
        assert lock is not None
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("y")  # look without editing
            await pilot.pause()
            pane = _pane(app)
            await pilot.press("ctrl+b")
            assert "When?" in pane.plain_summary()
            await pilot.press("r", *"Typed", "x")
            assert not pane.query("#reply-input")
            assert "Open · Panel chair" in pane.plain_summary()
            await pilot.press("ctrl+q")
    assert path.read_bytes() == before


def _on_screen(app: IMRApp) -> list[str]:
    """The screen's lines as the terminal shows them."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def _boxes_text(pane: CommentsPane) -> str:
    """What the pane's comment boxes say (folded or not)."""
    return "\n".join(str(box.render()) for box in pane.query(".comment"))


def _entry_comments(path: Path) -> list[str]:
    """Two comments on entry 2 (GP record) and one on entry 1; their ids."""
    entries = load(path).sorted_chronology()
    found = [
        Comment(on=f"entry:{entries[0].id}", by="Panel chair", text="Date?"),
        Comment(on=f"entry:{entries[1].id}", field="source", by="Panel chair", text="Which GP?"),
        Comment(on=f"entry:{entries[1].id}", by="Trainer", text="Who rang?"),
    ]
    _add_from_outside(path, *found)
    return [c.id for c in found]


async def test_at_80x24_the_chronology_keeps_its_rows_with_comments_on_entries(
    tmp_path: Path,
) -> None:
    """The pane is one line while the table has the focus; Ctrl+B unfolds it, Escape
    folds it again; the footer keeps Quit and Help."""
    path = _review(tmp_path, resume="chronology")
    _entry_comments(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = _on_screen(app)
        rows = [line for line in lines if any(s in line for s in ("nursin", "GP record", "Ward 7"))]
        assert len(rows) >= 3, "\n".join(lines)
        assert any("a Add" in line for line in lines)
        assert any("3 open comments on entries: Ctrl+B to read and reply" in line for line in lines)
        assert not any("Which GP?" in line for line in lines)
        footer = lines[-1]
        assert "^q Quit" in footer and "f1 Help" in footer and "^b Comments" in footer
        await pilot.press("ctrl+b")
        await pilot.pause()
        shown = "\n".join(_on_screen(app))
        assert "Date?" in shown and "Which GP?" in shown
        await pilot.press("escape")
        await pilot.pause()
        lines = _on_screen(app)
        rows = [line for line in lines if any(s in line for s in ("nursin", "GP record", "Ward 7"))]
        assert len(rows) >= 3 and not any("Which GP?" in line for line in lines)
        await pilot.press("ctrl+q")


async def test_the_footer_keeps_quit_and_help_on_a_prompt_with_comments(tmp_path: Path) -> None:
    path = _review(tmp_path)
    _add_from_outside(path, Comment(on="prompt:summary", by="Panel chair", text="When?"))
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = _on_screen(app)[-1]
        assert "^q Quit" in footer and "f1 Help" in footer and "^b Comments" in footer
        assert "f2" not in footer  # F2 is in the help and the pane's keys
        await pilot.press("ctrl+q")


async def test_deleting_an_entry_names_it_keeps_its_comments_and_the_pane_follows(
    tmp_path: Path,
) -> None:
    path = _review(tmp_path, resume="chronology")
    _entry_comments(path)
    gp = load(path).sorted_chronology()[1]
    app = make_app(path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        pane = _pane(app)
        await pilot.press("ctrl+b")
        assert "Chronology entry 2 (02/04/2025), Source of information" in pane.plain_summary()
        await pilot.press("escape")
        table = app.screen.query_one(RecordTable)
        assert table.select(gp.id)
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        question = str(app.screen.query_one(".question", Static).render())
        assert question == (
            "Delete the chronology entry 02/04/2025, GP record? This cannot be undone. "
            "Its 2 comments are kept, marked as detached."
        )
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        await until(pilot, lambda: "detached" in _boxes_text(pane), "the pane redrawn")
        await pilot.press("ctrl+b")
        shown = pane.plain_summary()
        assert "Chronology entry 2 (02/04/2025)" not in shown  # entry 2 is Ward 7's now
        assert shown.count("detached: its place was deleted") == 2
        assert "Chronology entry 1 (11/03/2025)" in shown
        await pilot.press("ctrl+q")
    saved = load(path)
    assert gp.id not in {e.id for e in saved.chronology}
    assert [c.text for c in saved.comments] == ["Date?", "Which GP?", "Who rang?"]


async def test_deleting_a_recommendation_names_it_by_its_first_words(tmp_path: Path) -> None:
    path = _review(tmp_path, resume="recommendations")
    review = load(path)
    rec = Recommendation(recommendation="Train [b]ward[/b] staff in MCA")
    review.recommendations = [rec]
    review.comments = [Comment(on=f"recommendation:{rec.id}", by="Panel chair", text="By when?")]
    save(path, review, catalogue())
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert prompt_title(app).startswith("Recommendations")
        lines = _on_screen(app)
        assert any("Train [b]ward[/b] staff" in line for line in lines)  # its row
        assert any("1 open comment on recommendations: Ctrl+B" in line for line in lines)
        app.screen.query_one(RecordTable).focus()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        question = str(app.screen.query_one(".question", Static).render())
        assert question == (
            "Delete the recommendation \u201cTrain [b]ward[/b] staff in MCA\u201d? "
            "This cannot be undone. Its comment is kept, marked as detached."
        )
        await pilot.press("n")
        await pilot.press("ctrl+q")


def test_the_interview_uses_the_cores_comparison_with_the_version_sent() -> None:
    from imr_tui.core import changes
    from imr_tui.tui.widgets import comments_pane

    assert not hasattr(comments_pane, "SentComparison")  # one copy, in the core
    screen = InterviewScreen.__init__.__code__.co_names
    assert "SentComparison" in screen and changes.changed_note(2) == (
        "Changed since version 2 was sent."
    )
