"""Comments in plain mode: said before a prompt's answer, replied to and resolved there.

Before a prompt is answered, its open comments are said one after another, each as
whole lines ("Comment 1 of 2, from Panel chair on 01/12/2026, on Summary of
involvement:", its text, then its replies); resolved ones are only counted. The
chronology and recommendations steps say the comments on every entry or
recommendation. While any comment said is open, a small menu comes before the answer:
answer the prompt (first), reply to a comment, or mark one resolved. A reply is a long
answer written into its comment as it is typed (:meth:`~imr_tui.core.session.Session.
set_reply`), so a hang-up or Ctrl-C keeps it as it does an answer. ``?comments`` lists
every open comment of the review, with its place, at any question.
"""

from __future__ import annotations

from collections.abc import Callable

from imr_tui.core.comment_model import Comment
from imr_tui.core.comment_places import describe_comment, on_step
from imr_tui.core.dates import uk
from imr_tui.core.steps import Step
from imr_tui.core.visible import visible
from imr_tui.plain.answers import without_command
from imr_tui.plain.base import Base, Nav
from imr_tui.plain.commands import Navigate

ANSWER_LABEL = "Answer the prompt"
REPLY_LABEL = "Reply to a comment"
RESOLVE_LABEL = "Mark a comment resolved"
MENU_QUESTION = "This prompt has open comments. What would you like to do?"
"""The menu said before the answer while a comment said is open."""
NO_OPEN = "No open comments in this review."
"""What ``?comments`` says when every comment is resolved (or there are none)."""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class CommentsMixin(Base):
    """Says a step's comments and offers to reply to them or resolve them."""

    def with_comments(self, step: Step, ask: Callable[[Step], Nav]) -> Nav:
        """Say the step's comments; while one of them is open, offer the comments' menu
        (answering first); then ``ask`` the step."""
        shown = self.say_comments(step)
        while self._still_open(shown):
            pick = self.menu(
                MENU_QUESTION,
                [(ANSWER_LABEL, "answer"), (REPLY_LABEL, "reply"), (RESOLVE_LABEL, "resolve")],
            )
            if pick == "answer":
                break
            chosen = self._which(shown, "reply to" if pick == "reply" else "mark resolved")
            if chosen is None:
                continue
            number, comment = chosen
            if pick == "reply":
                self.reply_to(number, comment)
            else:
                self.session.resolve(comment.id)
                self.save()
                self.ask.say(f"Comment {number} marked resolved.")
        return ask(step)

    # ---------------------------------------------------------------- saying
    def say_comments(self, step: Step) -> list[str]:
        """Say the open comments on ``step`` (numbered) and how many resolved ones it has;
        the ids of the open ones, in the order said."""
        review = self.session.review
        comments = on_step(step.id, review, self.catalogue)
        open_ones = [c for c in comments if c.is_open]
        for n, comment in enumerate(open_ones, 1):
            self.say_comment(comment, f"Comment {n} of {len(open_ones)}, from")
        resolved = len(comments) - len(open_ones)
        if resolved:
            also = "Also " if open_ones else ""
            self.ask.say(f"{also}{_plural(resolved, 'resolved comment')} here, not read out.")
        return [c.id for c in open_ones]

    def say_comment(self, comment: Comment, lead: str) -> None:
        """One comment: ``lead`` ("Comment 1 of 2, from"), who wrote it, when and where,
        then its text and its replies."""
        where = describe_comment(comment, self.session.review, self.catalogue)
        self.ask.say(
            visible(f"{lead} {self.signed(comment.by)} on {uk(comment.at.date())}, on {where}:")
        )
        self.ask.say(visible(comment.text.strip("\n")) or "(no text)", indent="  ")
        for reply in comment.replies:
            self.ask.say(
                visible(f"Reply from {self.signed(reply.by)} on {uk(reply.at.date())}:"),
                indent="  ",
            )
            self.ask.say(visible(reply.text.strip("\n")), indent="    ")

    @staticmethod
    def signed(name: str) -> str:
        """A name on one line, or "someone unnamed"."""
        return " ".join(name.split()) or "someone unnamed"

    def list_open_comments(self) -> None:
        """``?comments``: every open comment of the review, numbered, with its place."""
        open_ones = self.session.open_comments()
        if not open_ones:
            self.ask.say(NO_OPEN)
            return
        self.ask.say(f"{_plural(len(open_ones), 'open comment')} in this review:")
        for n, comment in enumerate(open_ones, 1):
            self.say_comment(comment, f"{n}. From")

    # ---------------------------------------------------------------- the menu
    def _still_open(self, ids: list[str]) -> bool:
        return any((c := self.session.comment(i)) is not None and c.is_open for i in ids)

    def _which(self, ids: list[str], doing: str) -> tuple[int, Comment] | None:
        """The open comment (and its number as said) to ``doing``: asked for only when
        several said are open; None if the author typed nothing."""
        comments = [self.session.comment(i) for i in ids]
        open_ones = [(n, c) for n, c in enumerate(comments, 1) if c is not None and c.is_open]
        if len(open_ones) == 1:
            return open_ones[0]
        while True:
            number = self.ask.number(f"Which comment to {doing}? Type its number:", len(ids))
            if number is None:
                return None
            found = next((c for n, c in open_ones if n == number), None)
            if found is not None:
                return number, found
            self.ask.say(f"Comment {number} is already resolved.")

    def reply_to(self, number: int, comment: Comment) -> None:
        """Ask for a reply (a long answer) written into the comment as it is typed;
        Ctrl-C, a hang-up and a command keep what was typed."""
        reply_id = ""

        def draft(text: str) -> None:
            """Every change of the reply: into the comment, journalled at once."""
            nonlocal reply_id
            with self.gate.saving():  # a hang-up waits until the change is recorded
                reply_id = self.session.set_reply(comment.id, reply_id, without_command(text))

        try:
            text = self.ask.long_text(f"Your reply to comment {number}:", on_draft=draft)
        except (KeyboardInterrupt, EOFError):
            if reply_id:
                self.stopped_note = f"What you were typing as a reply to comment {number} was kept."
            raise
        except Navigate:
            if reply_id:
                self.ask.say(f"What you typed as a reply to comment {number} is kept.")
            raise
        draft(text.strip("\n"))
        self.save()
        self.ask.say("Reply kept." if reply_id else "Nothing typed: no reply was kept.")
