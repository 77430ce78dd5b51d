"""Comments in plain mode: said before a prompt's answer, replied to and resolved there.

Before a prompt is answered, the line saying it changed since the version sent (when it
did) and its open comments are said one after another, each as whole lines ("Comment 1
of 2, from Panel chair on 01/12/2026, on Summary of involvement:", its text, then its
replies); resolved ones are only counted. The chronology and recommendations steps say
the comments on every entry or recommendation. While any comment said is open (or one
was resolved at this visit), a small menu comes before the answer: answer the prompt
(first), reply to a comment, mark one resolved, or reopen a resolved one.

Nothing is resolved or reopened without a question that says what will happen: a
numbered Yes/No menu naming the comment when only one could be meant, else a number in
a range said. A number typed by mistake so never lands in the next menu. A reply is a
long answer written into its comment as it is typed (:meth:`~imr_tui.core.session.
Session.set_reply`), so a hang-up or Ctrl-C keeps it as it does an answer. ``?comments``
(:mod:`imr_tui.plain.comments_said`) lists the review's open comments at any question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from imr_tui.core.comment_model import Comment
from imr_tui.core.steps import Step
from imr_tui.core.visible import visible
from imr_tui.plain.answers import without_command
from imr_tui.plain.base import Nav
from imr_tui.plain.commands import Navigate
from imr_tui.plain.comments_said import NO_OPEN, CommentsSaid, signed

__all__ = ["NO_OPEN", "CommentsMixin", "fits"]

ANSWER_LABEL = "Answer the prompt"
REPLY_LABEL = "Reply to a comment"
RESOLVE_LABEL = "Mark a comment resolved"
REOPEN_LABEL = "Reopen a resolved comment"
MENU_QUESTION = "Comments here. What would you like to do?"
"""The menu said before the answer while a comment said is open (short: the
questionary asker echoes it with the choice on one line)."""
YES_RESOLVE = "Yes, mark it resolved"
YES_REOPEN = "Yes, reopen it"
NO_LABEL = "No, go back"
REPLY_INSTRUCTION = "Type your reply; end it with a line holding only a full stop."
"""Said before every reply (the asker's own instruction is worded for answers)."""
ECHO_WIDTH = 80
"""The columns a menu's question and the choice echoed after it must fit in."""
_TOLD = "_long_told"
"""The askers' flag for "the long answers' instruction was said" (see :meth:`reply_to`)."""


def fits(message: str, choices: Sequence[tuple[str, object]]) -> bool:
    """Whether ``"? message choice"`` fits on one line of :data:`ECHO_WIDTH` columns for
    every choice (what the questionary asker prints once a menu is answered)."""
    longest = max((len(title) for title, _ in choices), default=0)
    return 2 + len(message) + 1 + longest < ECHO_WIDTH


class CommentsMixin(CommentsSaid):
    """Says a step's comments and offers to reply to them, resolve or reopen them."""

    def with_comments(self, step: Step, ask: Callable[[Step], Nav]) -> Nav:
        """Say whether the step changed since sent and its comments; offer the comments'
        menu (answering first) while one said is open or one was resolved at this visit
        (so a mistaken resolution can be undone); then ``ask`` the step."""
        self.say_changed(step)
        shown = self.say_comments(step)
        resolved_now = False
        while self._still_open(shown) or (resolved_now and self.resolved_here(step)):
            choices = [(ANSWER_LABEL, "answer")]
            if self._still_open(shown):
                choices += [(REPLY_LABEL, "reply"), (RESOLVE_LABEL, "resolve")]
            if self.resolved_here(step):
                choices.append((REOPEN_LABEL, "reopen"))
            pick = self.menu(MENU_QUESTION, choices)
            if pick == "answer":
                break
            if pick == "reopen":
                self.reopen_one(step, shown)
            elif pick == "reply":
                chosen = self._which(shown, "reply to")
                if chosen is not None:
                    self.reply_to(*chosen)
            else:
                resolved_now = self.resolve_one(shown) or resolved_now
        return ask(step)

    # ---------------------------------------------------------------- choosing
    def _still_open(self, ids: list[str]) -> bool:
        return any((c := self.session.comment(i)) is not None and c.is_open for i in ids)

    def _which(self, ids: list[str], doing: str) -> tuple[int, Comment] | None:
        """The open comment (and its number as said) to ``doing``: the only one open, or
        the one whose number is typed (the range said); None if nothing was typed."""
        comments = [self.session.comment(i) for i in ids]
        open_ones = [(n, c) for n, c in enumerate(comments, 1) if c is not None and c.is_open]
        if len(open_ones) == 1:
            return open_ones[0]
        while True:
            number = self.ask.number(
                f"Which comment to {doing}? Type a number from 1 to {len(ids)}:", len(ids)
            )
            if number is None:
                return None
            found = next((c for n, c in open_ones if n == number), None)
            if found is not None:
                return number, found
            self.ask.say(f"Comment {number} is already resolved.")

    def _sure(self, question: str, short: str, yes: str) -> bool:
        """A numbered Yes/No menu: ``question`` as its title when it fits the echo, else
        said in full first (wrapped at spaces) with ``short`` as the title."""
        choices = [(yes, True), (NO_LABEL, False)]
        if not fits(question, choices):
            self.ask.say(question)
            question = short
        return bool(self.menu(question, choices))

    # ---------------------------------------------------------------- doing
    def resolve_one(self, shown: list[str]) -> bool:
        """Mark an open comment said resolved, once asked which (several open) or
        whether (one open); True when one was resolved."""
        open_count = sum(
            1 for i in shown if (c := self.session.comment(i)) is not None and c.is_open
        )
        chosen = self._which(shown, "mark resolved")
        if chosen is None:
            return False
        number, comment = chosen
        who = visible(signed(comment.by))
        if open_count == 1 and not self._sure(
            f"Mark comment {number} (from {who}) resolved?",
            f"Mark comment {number} resolved?",
            YES_RESOLVE,
        ):
            self.ask.say(f"Comment {number} is still open.")
            return False
        self.session.resolve(comment.id)
        self.save()
        self.ask.say(f"Comment {number} (from {who}) marked resolved.")
        return True

    def reopen_one(self, step: Step, shown: list[str]) -> None:
        """Say the step's resolved comments and reopen the one chosen (asked whether,
        when there is one); a comment reopened joins the numbered ones (``shown``)."""
        resolved = self.resolved_here(step)
        if not resolved:
            return
        count = len(resolved)
        for n, comment in enumerate(resolved, 1):
            self.say_comment(comment, f"Resolved comment {n} of {count}, from")
        if count == 1:
            comment = resolved[0]
            who = visible(signed(comment.by))
            if not self._sure(
                f"Reopen the comment from {who}?", "Reopen this comment?", YES_REOPEN
            ):
                self.ask.say("It stays resolved.")
                return
        else:
            number = self.ask.number(
                f"Which resolved comment to reopen? Type a number from 1 to {count}:", count
            )
            if number is None:
                return
            comment = resolved[number - 1]
        self.session.reopen(comment.id)
        self.save()
        if comment.id in shown:
            self.ask.say(f"Comment {shown.index(comment.id) + 1} reopened.")
        else:
            shown.append(comment.id)
            self.ask.say(f"Reopened: it is comment {len(shown)} here now.")

    def reply_to(self, number: int, comment: Comment) -> None:
        """Ask for a reply (a long answer) written into the comment as it is typed;
        Ctrl-C, a hang-up and a command keep what was typed."""
        reply_id = ""

        def draft(text: str) -> None:
            """Every change of the reply: into the comment, journalled at once."""
            nonlocal reply_id
            with self.gate.saving():  # a hang-up waits until the change is recorded
                reply_id = self.session.set_reply(comment.id, reply_id, without_command(text))

        # The reply's own instruction, not the asker's (worded for answers), which is
        # kept for the first long answer of the session.
        self.ask.say(REPLY_INSTRUCTION)
        told = getattr(self.ask, _TOLD, None)
        if told is not None:
            setattr(self.ask, _TOLD, True)
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
        finally:
            if told is not None:
                setattr(self.ask, _TOLD, told)
        draft(text.strip("\n"))
        self.save()
        self.ask.say("Reply kept." if reply_id else "Nothing typed: no reply was kept.")
