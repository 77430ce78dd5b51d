"""Help in plain English: keys, saving, resuming."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from imr_tui.tui import keys
from imr_tui.tui.widgets.inert_markdown import InertMarkdown
from imr_tui.tui.widgets.quiet_footer import QuietFooter
from imr_tui.tui.widgets.sidebar import MARKS

MARK_ROWS = "\n".join(
    f"| `{mark}` | {meaning[0].upper()}{meaning[1:]} |" for mark, meaning in MARKS
)
"""The sidebar's marks as rows of the help's table."""


def _moving_rows(web: bool, training: bool) -> str:
    """The first table's rows whose key depends on where the app runs."""

    def k(action: str) -> str:
        return keys.shown("interview", action, web)

    rows = [
        f"| {k('next')} | Next prompt |",
        f"| {k('previous')} | Previous prompt |",
        "| Tab / Shift+Tab | Next / previous box on the screen |",
        "| Ctrl+L | Go to the list of sections on the left (Enter jumps there) |",
        "| Ctrl+G | Find a prompt by name and go to it |",
        f"| {k('toggle_hint')} | Show or hide the hint for this prompt |",
    ]
    if training:
        rows[-1] = f"| {k('toggle_hint')} | Show or hide the hint among the notes on this prompt |"
        rows.append(
            f"| {k('toggle_model_answer')} | Show or hide the notes: why it matters, the hint "
            "and the model answer |"
        )
        rows.append(
            "| Shift+Tab, then ↓ / PageDown | Read the rest of the notes (their bottom line "
            "says when there is more) |"
        )
    return "\n".join(rows)


def _redraw_row(web: bool) -> str:
    """F5 in a terminal (a browser reloads the page with it, and never needs it)."""
    if web:
        return ""
    return "\n| F5 | Draw the whole screen again (if a message or another program wrote over it) |"


_EXPORT_TERMINAL = """\
Press Ctrl+R, then `e`: the report is written as a Markdown file beside your
review file, and the screen tells you where."""

_EXPORT_WEB = """\
Press Ctrl+R, then `e`: the report is downloaded by your browser (to its
downloads folder, or where it asks you), and the screen says so."""


def help_text(*, web: bool = False, training: bool = False) -> str:
    """The help, naming the keys that work where the app runs (a browser takes some)."""
    again = keys.shown("form", "save(True)", web)
    return f"""\
# How imr-tui works

imr-tui asks you every question of the Individual Management Review template,
one at a time. Type your answer, then move on.

## Moving around

| Key | What it does |
| --- | --- |
{_moving_rows(web, training)}
| Ctrl+R | Read the whole report, see what is missing, export it |
| e (on the report) | Export a draft or the final report, as Markdown or Word |
| Ctrl+F | Check the review: what a review panel would query, and where |
| Ctrl+O | Names in the export: each mention an anonymised export replaces |
| Ctrl+B | Go to the comments on this prompt (under the answer; in tmux press Ctrl+B twice) |
| F2 | Every comment on the review; Enter goes to the place it is about |
| F1 or ? | This help |
| Ctrl+Q | Save and quit |{_redraw_row(web)}

You can skip a prompt and come back to it. Going back never loses what you
wrote further on. Prompts marked *(required)* must be answered before the
review is finished.

## The marks in the list of sections

Each prompt in the list on the left starts with marks; the legend under the list
says them in short. A section's line carries `!`, `#` or `*` when one of its
prompts does.

| Mark | What it means |
| --- | --- |
{MARK_ROWS}

## Comments from the panel

A review panel (or a trainer) can add comments to the review with
`imr comment` while the review is closed. A prompt with comments shows them
under the answer, with who wrote them, when, the place (for the chronology:
the entry and its field) and the replies. Press Ctrl+B to go to them:

| Key | What it does |
| --- | --- |
| Up / Down | Choose a comment |
| r | Reply: type it in the box under the comment, Enter when done. It is saved as you type |
| x | Resolve the comment (you are named as the one who resolved it) |
| o | Open a resolved comment again |
| a | Every comment on the review (as F2) |
| Escape | Back to writing the answer |

On the chronology and the recommendations, and on any prompt when the window
is short, the comments are folded into one line under the answer (so the table
keeps its rows); Ctrl+B unfolds them and Escape folds them again.

**In tmux** (whose prefix key is Ctrl+B), press Ctrl+B twice to reach the
comments, or press F2 and then Enter on the comment.

A prompt changed since the last version you sent says so above its comments.

## Writing

- **Long answers**: the text wraps by itself. Ctrl+Z undoes, Ctrl+Y redoes.
  {keys.display(keys.DELETE_WORD)} deletes the word before the cursor.
  Ctrl+Home goes to the start of the answer and Ctrl+End to its end. The
  number of words is shown underneath.
- **Dates**: type `11/03/2025` or `2025-03-11`.
- **Chronology and recommendations**: press `a` to add, Enter to edit, `d` to
  copy, Delete to remove (you are asked first), Shift+Up and Shift+Down to move
  (a chronology entry moves among the entries of its day). In the form, Ctrl+S saves
  and {again} saves and starts the next one straight away. A chronology kept in a
  spreadsheet can be brought in with `i`: save it as CSV beside your review
  file first; you see what would be added before anything changes.
- **Abbreviations**: the line under an answer names any abbreviation in it with
  what it stands for. Write it out, or keep it for this review from the Check
  screen (`a`), or give the meaning you intend there (`m`): for one with several
  meanings, or one the glossary does not know. The exported report's glossary
  lists every abbreviation the report uses with its meaning.

## Saving and coming back

Everything you type is saved to your review file within a second, and again
whenever you move to another prompt, press Ctrl+S or quit. The line at the
bottom says when it was last saved. If the connection drops, what you typed is
saved. When you open the review again you land on the prompt you were on, with
the cursor at the end of your answer.

If the program is stopped before it can save, the last changes are kept in a
recovery file, and the next time you open the review you are asked whether to
put them back.

If the file cannot be saved (for example the disk is full) the bottom line
turns red and says why. Your text stays on the screen and imr-tui keeps trying.
If another program changed the review while you had it open, nothing is written
over that change: you are asked whether to reload it (keeping what you typed),
keep both, or overwrite it.

## Exporting

{_EXPORT_WEB if web else _EXPORT_TERMINAL}

Press Escape to close this help.
"""


HELP = help_text()
"""The help as a terminal shows it, outside training mode."""


class HelpScreen(ModalScreen[None]):
    """The help text; Escape closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("f1", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-text"):
            web, training = self.app.is_web, bool(getattr(self.app, "training", False))
            yield InertMarkdown(help_text(web=web, training=training))
        yield QuietFooter()

    def action_close(self) -> None:
        self.dismiss(None)
