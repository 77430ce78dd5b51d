"""Help for the trainer: the keys of the room and of a review being read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from imr_tui.tui.widgets.inert_markdown import InertMarkdown
from imr_tui.tui.widgets.quiet_footer import QuietFooter

HELP = """\
# The trainer's view

## In the room

| Key | What it does |
| --- | --- |
| Up / Down | Choose a trainee (more about them under the table) |
| Enter | Read one of their reviews, read-only |
| h | Hand out a case file, to everyone or to this trainee |
| r | Reset this trainee's copy to the starting file (the old one is kept) |
| c | Add a trainee, or give this one a new personal code (shown once) |
| m | Model answers for the room: on or off |
| d | Download everyone's work as one zip |
| F1 | This help |
| q | Quit |

## Reading a review

| Key | What it does |
| --- | --- |
| Up / Down | Choose a prompt, entry or recommendation |
| c | Comment on it: the trainee sees it within seconds, even with the review open |
| v | The whole report, as it will be exported |
| Escape | Back to the room |

Reading a review never changes it.

## The room

The room lists every trainee: their reviews, how much is answered (done/total),
when they last saved, whether a review is open now, the checks' findings by kind
and the open comments. It is read again every few seconds. Folders from before
personal codes are listed too ("no code yet").
"""


class TrainerHelpScreen(ModalScreen[None]):
    """The keys, in plain English; Escape or F1 closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("f1", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="trainer-help"):
            yield InertMarkdown(HELP)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#trainer-help", VerticalScroll).focus()  # the arrows scroll it

    def action_close(self) -> None:
        self.dismiss(None)
