"""One trainee's review, read-only: every answer, entry and recommendation, and comments.

The review is loaded without a lock and never saved from here (reading changes nothing
on disk); it is read again when the trainee saves. ``c`` adds a comment on the place
being read (through :func:`imr_tui.workshop.inbox.post_comment`, which reaches a
trainee who has it open); ``v`` shows the whole report as it will be exported.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment
from imr_tui.core.controller.opening import Broken, view_review
from imr_tui.core.session import Session
from imr_tui.tui.literal import literal, plain
from imr_tui.tui.trainer.places import Readable, readables
from imr_tui.tui.widgets.quiet_footer import QuietFooter

TRAINER = "Trainer"
"""Who the trainer's comments are by."""
RELOAD_EVERY = 3.0
"""Seconds between looks at whether the trainee has saved the review since."""
WAITING = "(waiting for the trainee's session)"
"""Said after a comment queued for an open review that the trainee's app has not taken yet."""


def file_stamp(path: Path) -> tuple[int, int]:
    """The file's modification time and size (zeros when it is gone)."""
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


class ReaderScreen(Screen[None]):
    """The places of a review on the left, what is written at the chosen one on the right."""

    BINDINGS = [
        Binding("escape", "back", "Back to the room"),
        Binding("c", "comment", "Comment here"),
        Binding("v", "report", "Whole report"),
    ]

    def __init__(self, trainee: str, session: Session) -> None:
        super().__init__()
        self.trainee = trainee
        """Whose review it is (their name as typed)."""
        self.session = session
        """The review, loaded to read (no lock, never saved)."""
        self.places: list[Readable] = []
        self.waiting: list[Comment] = []
        """The trainer's comments queued for the open review, not in its file yet."""
        self._by_on: dict[str, Readable] = {}
        self._stamp = file_stamp(session.path)

    @property
    def path(self) -> Path:
        """The review's file."""
        return self.session.path

    @property
    def catalogue(self) -> Catalogue:
        """The template the review follows."""
        return self.session.catalogue

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(
            literal(f"Read-only: {self.trainee}'s {self.path.name}. Nothing you read changes it."),
            id="reader-note",
        )
        with Horizontal(id="reader"):
            yield OptionList(id="places")
            with VerticalScroll(id="place"):
                yield Static("", id="place-title", markup=False)
                yield Static("", id="place-comments", markup=False)
                yield Static("", id="place-text", markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = plain(self.trainee)
        self.sub_title = plain(self.path.name)
        self._fill()
        self.query_one("#places", OptionList).focus()
        self.set_interval(RELOAD_EVERY, self._look_for_changes)
        self.reload()  # comments already waiting in the review's inbox

    def _fill(self, keep: str = "") -> None:
        """List the places (again), the highlight staying on ``keep`` when it is still there.

        Each section's name is a line of its own (not chosen); a place not answered yet
        is marked ``?``."""
        self.places = readables(self.session.review, self.catalogue)
        self._by_on = {p.on: p for p in self.places}
        options = self.query_one("#places", OptionList)
        options.clear_options()
        shown: list[Option] = []
        section = ""
        for p in self.places:
            if p.section != section:
                section = p.section
                shown.append(
                    Option(literal(section.upper()), id=f"section:{section}", disabled=True)
                )
            shown.append(Option(literal(("? " if not p.answered else "") + p.label), id=p.on))
        options.add_options(shown)
        ids = [o.id for o in shown]
        target = keep if keep in self._by_on else (self.places[0].on if self.places else "")
        if target:
            options.highlighted = ids.index(target)
            self._show(self._by_on[target])

    def current(self) -> Readable | None:
        """The place highlighted in the list."""
        options = self.query_one("#places", OptionList)
        index = options.highlighted
        if index is None:
            return None
        ident = options.get_option_at_index(index).id
        return self._by_on.get(ident or "")

    def _show(self, place: Readable) -> None:
        self.query_one("#place-title", Static).update(
            literal(f"{place.section}: {place.label.strip()}")
        )
        self.query_one("#place-text", Static).update(literal(place.text))
        comments = self.query_one("#place-comments", Static)
        lines = list(place.comments) + [
            f"{c.by or 'Someone'}: {c.text} {WAITING}" for c in self.waiting if c.on == place.on
        ]
        if lines:
            comments.update(literal("Comments:\n" + "\n".join(f"- {c}" for c in lines)))
        else:
            comments.update(literal("No comments here: c adds one."))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        place = self.current()
        if place is not None:
            self._show(place)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#place", VerticalScroll).focus()

    # ------------------------------------------------------------------ reload
    def _look_for_changes(self) -> None:
        stamp = file_stamp(self.path)
        if stamp != self._stamp:
            self._stamp = stamp
            self.reload()

    @work(thread=True, exclusive=True, group="reload")
    def reload(self) -> None:
        """Read the review again (the trainee saved, or a comment was added)."""
        self._read_again()

    def _read_again(self) -> None:
        """(On a worker) the review and its inbox read again, then shown."""
        from imr_tui.workshop.inbox import queued

        loaded = view_review(self.path, self.catalogue)
        if isinstance(loaded, Broken):
            self.app.call_from_thread(self.notify, loaded.message, severity="warning", markup=False)
            return
        have = {c.id for c in loaded.review.comments}
        waiting = [c for c in queued(self.path) if c.id not in have]
        self.app.call_from_thread(self._reloaded, loaded, waiting)

    def _reloaded(self, session: Session, waiting: list[Comment]) -> None:
        place = self.current()
        self.session = session
        self.waiting = waiting
        self._fill(place.on if place else "")

    # ------------------------------------------------------------------ keys
    def action_back(self) -> None:
        self.dismiss(None)

    def action_comment(self) -> None:
        place = self.current()
        if place is None:
            return
        from imr_tui.tui.trainer.dialogs import AskScreen

        def send(text: str | None) -> None:
            if text:
                self.post_comment(place, text)

        self.app.push_screen(
            AskScreen(
                f"Comment to {self.trainee} on {place.label.strip()}:",
                placeholder="What would a review panel ask here?",
            ),
            send,
        )

    @work(thread=True, group="comment")
    def post_comment(self, place: Readable, text: str) -> None:
        """Add the comment (or queue it for the open review), then say which."""
        from imr_tui.core.errors import UserError
        from imr_tui.workshop.inbox import post_comment

        try:
            how = post_comment(self.path, self.catalogue, on=place.on, text=text, by=TRAINER)
        except UserError as e:
            self.app.call_from_thread(
                self.notify, str(e), title="Not sent", severity="error", markup=False
            )
            return
        if how == "added":
            said = f"Comment added to {self.trainee}'s {self.path.name}."
        else:
            said = f"Comment sent: {self.trainee} has {self.path.name} open and sees it in seconds."
        self._read_again()  # the comment shown at once, from the file or the inbox
        self.app.call_from_thread(self.notify, said, title="Comment", timeout=4, markup=False)

    def action_report(self) -> None:
        from imr_tui.tui.trainer.report import ReportScreen

        self.app.push_screen(ReportScreen(self.session))
