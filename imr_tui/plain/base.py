"""What every part of the plain interview shares: the session, the asker, saving, menus."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from imr_tui.checks import Glossary, find_abbreviations
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.controller import Cursor
from imr_tui.core.controller.drafts import NOUNS, PLACES, PLURALS, and_list
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.session import Session
from imr_tui.plain.asks import Asks
from imr_tui.plain.commands import Nav as Nav

T = TypeVar("T")


CHECK_LABEL = "Check the review"
SKIPPED = "Skipped."
"""Said when an empty answer leaves a prompt for now."""
DONE_LABEL = "Done: go on to the next prompt"


class SaveGate:
    """Holds back a hang-up that arrives in the middle of a save until the save is done.

    A signal handler runs in the main thread, between two steps of whatever it
    interrupted: saving again from there, inside a save, would wait forever for
    the write lock that the interrupted save holds.
    """

    def __init__(self) -> None:
        self.busy = False
        self.pending: Callable[[], None] | None = None

    @contextlib.contextmanager
    def saving(self) -> Iterator[None]:
        """Mark a save in progress; run a held-back hang-up when it ends."""
        self.busy = True
        try:
            yield
        finally:
            self.busy = False
            pending, self.pending = self.pending, None
            if pending is not None:
                pending()


class Base:
    """The open review and the terminal, shared by the parts of the interview."""

    def __init__(
        self,
        session: Session,
        ask: Asks,
        glossary: Glossary,
        training: bool = False,
        editor: bool = False,
    ) -> None:
        self.session = session
        """The review being written."""
        self.ask = ask
        """Asks questions in the terminal (or, in a test, answers from a script)."""
        self.cursor = Cursor(session)
        """Where the author is in the interview (the same rules as the Textual interview)."""
        self.glossary = glossary
        """The abbreviations the checks flag, and the export's glossary."""
        self.training = training
        """Show the trainers' notes (why each prompt matters, a model answer)."""
        self.gate = SaveGate()
        """Keeps a hang-up from interrupting a save."""
        self.holding: list[Callable[[], object]] = []
        """What a form being filled in would keep if it were left now, innermost last: run
        by a hang-up before its last save (each puts what was given into the session)."""
        self.editor = editor
        """Open the author's editor at once for long answers and long fields (``--editor``)."""
        self.guided: set[str] = set()
        """What guidance was said this session: prompts by id, record form fields as
        ``field:<id>`` (``?guidance`` says it again)."""
        self.field_hint = ""
        """The hint of the form field being asked ("" outside a form)."""
        self.stopped_note = ""
        """What was kept of the answer or form being typed when the interview stopped
        (said in the exit message; empty when nothing was half done)."""
        self.stopped_draft: tuple[str, str] | None = None
        """The draft (kind, record) the form being typed was kept as when the interview
        stopped, which ``stopped_note`` already names."""

    @property
    def catalogue(self) -> Catalogue:
        """The interview being followed."""
        return self.session.catalogue

    def save(self) -> bool:
        """Write the review now; say so plainly if the disk refused, and ask what to do
        if another program changed the file (nothing is written over it unasked)."""
        with self.gate.saving():
            ok = self.session.save()
        while not ok and self.session.conflict:
            if not self.settle_conflict():
                return False
            with self.gate.saving():
                ok = self.session.save()
        if not ok:
            self.ask.say(
                f"Could not save: {self.session.error}. Your answers are kept while imr-tui "
                "stays open, and it tries again after the next answer."
            )
        return ok

    def settle_conflict(self) -> bool:
        """The file changed under the session: reload (keeping the author's changes), keep
        both, or overwrite after confirming. False if the author chose to wait."""
        session = self.session
        self.ask.say()
        self.ask.say(f"Not saved: {session.conflict}. Your answers are kept.")
        while True:
            pick = self.menu(
                "What would you like to do?",
                [
                    ("Reload it, with my unsaved changes on top", "reload"),
                    ("Keep both: save mine as a new file beside it", "both"),
                    ("Overwrite it with my version", "overwrite"),
                    ("Decide later (nothing is saved until then)", "later"),
                ],
            )
            try:
                if pick == "reload":
                    session.reload_keeping_mine()
                    self.ask.say("Reloaded, with your unsaved changes put back.")
                elif pick == "both":
                    copy = session.keep_both()
                    self.ask.say(f"Your version is saved as {copy.name}; you carry on in it.")
                elif pick == "overwrite":
                    if not self.ask.confirm(
                        f"Replace {session.path.name} with your version? What the other "
                        "program wrote stays only in the backups ('imr backups').",
                        default=False,
                    ):
                        continue
                    session.overwrite()
                else:
                    return False
            except UserError as e:
                self.ask.say(f"That did not work: {e}")
                continue
            return True

    def flag_abbreviations(self, text: str) -> None:
        """One line naming the glossary abbreviations in ``text`` not accepted for the review."""
        accepted = {a.casefold() for a in self.session.review.accepted_abbreviations}
        found = [a for a in find_abbreviations(text, self.glossary) if a.casefold() not in accepted]
        if not found:
            return
        meanings = "; ".join(f"{a} means {self.glossary.meaning(a)}" for a in found)
        if len(found) == 1:
            what, it = "Abbreviation", "it"
        else:
            what, it = "Abbreviations", "them"
        self.ask.say(f'{what}: {meanings}. Write {it} out, or accept {it} from "{CHECK_LABEL}".')

    def show_current(self, label: str, text: str) -> None:
        """Print an existing answer, indented, under ``label``."""
        self.ask.say(label)
        self.ask.say(text, indent="    ")

    def menu(self, message: str, choices: Sequence[tuple[str, T]]) -> T:
        """A numbered menu."""
        return self.ask.choose(message, choices)

    def record_loop(
        self,
        noun: str,
        lines: Callable[[], list[str]],
        add_label: str,
        add: Callable[[], None],
        edit: Callable[[int], None],
        delete: Callable[[int], None],
        full: Callable[[int], None] | None = None,
        note: Callable[[], str] | None = None,
        move: Callable[[int, int], None] | None = None,
        start_adding: bool = True,
        records: Callable[[], Sequence[object]] | None = None,
    ) -> Nav:
        """Add, list, change or delete (and ``move`` up or down) records until the author
        moves on. The list is printed when the step opens and when asked for, never after
        each change: an add, change or deletion is said in one line. With none yet, the
        first is asked for at once (unless ``start_adding`` is False). Once a record is
        added the next one is asked for straight away, with no menu between: Enter on its
        own at its first field ends the run of adding, and the menu comes once, "Done"
        first. ``full`` prints one record with every field, when it is chosen to be
        changed or deleted. ``records`` gives the records themselves, so that a change
        to a field the one-line summary leaves out is still said as a change."""
        a = "an" if noun[0] in "aeiou" else "a"
        self.list_records(noun, lines(), note)
        if not lines() and start_adding:
            self._add_run(noun, lines, add, note)
        while True:
            items = lines()
            if items:
                choices: list[tuple[str, str]] = [
                    (DONE_LABEL, "done"),
                    (add_label, "add"),
                    ("Change or delete one", "change"),
                    ("List them", "list"),
                ]
            else:
                choices = [(f"Add {a} {noun}", "add"), (DONE_LABEL, "done")]
            pick = self.menu("What would you like to do?", choices)
            if pick == "done":
                return Nav.NEXT
            if pick == "add":
                self._add_run(noun, lines, add, note)
            elif pick == "list":
                self.list_records(noun, items, note)
            elif pick == "change":
                self._change_one(noun, lines, items, edit, delete, move, full, records)

    def _add_run(
        self,
        noun: str,
        lines: Callable[[], list[str]],
        add: Callable[[], None],
        note: Callable[[], str] | None,
    ) -> None:
        """Add records one after another until one is not added: the first of the run
        says "No <noun> added." if nothing was; the next ones end quietly (Enter on its
        own at a record's first field is how the author says the run is over)."""
        quiet = False
        while self._tell(noun, lines, lines(), add, "added", note, quiet=quiet):
            quiet = True

    def _change_one(
        self,
        noun: str,
        lines: Callable[[], list[str]],
        items: list[str],
        edit: Callable[[int], None],
        delete: Callable[[int], None],
        move: Callable[[int, int], None] | None,
        full: Callable[[int], None] | None = None,
        records: Callable[[], Sequence[object]] | None = None,
    ) -> None:
        """Which record (shown in full, if it can be), then edit, delete or move it."""
        which = self.ask.number(f"Which {noun}? Type its number:", len(items))
        if which is None:
            return
        i = which - 1
        if full is not None:
            full(i)
        choices: list[tuple[str, str]] = [("Edit it", "edit"), ("Delete it", "delete")]
        if move is not None and len(items) > 1:
            if i > 0:
                choices.append(("Move it up", "up"))
            if i < len(items) - 1:
                choices.append(("Move it down", "down"))
        choices.append(("Leave it as it is", "leave"))
        pick = self.menu(f"{noun[0].upper()}{noun[1:]} {which}: {items[i]}", choices)
        if pick == "edit":
            self._tell(noun, lines, items, lambda: edit(i), "changed", records=records)
        elif pick == "delete":
            if self.ask.confirm(f"Delete {noun} {which} ({items[i]})?", default=False):
                delete(i)
                self.save()
                self.ask.say(f"{noun[0].upper()}{noun[1:]} {which} deleted.")
        elif pick in ("up", "down") and move is not None:
            move(i, -1 if pick == "up" else 1)
            if lines() != items:  # else the move said why it could not be made
                self.ask.say(f"{noun[0].upper()}{noun[1:]} {which} moved {pick}.")

    def _tell(
        self,
        noun: str,
        lines: Callable[[], list[str]],
        before: list[str],
        change: Callable[[], None],
        done: str,
        note: Callable[[], str] | None = None,
        *,
        quiet: bool = False,
        records: Callable[[], Sequence[object]] | None = None,
    ) -> bool:
        """Run ``change`` (an add or an edit) and say in one line which record it made
        (then the step's note, if it has one to make now). False if it made none (said,
        unless ``quiet``). With ``records``, a record that changed only where its summary
        line does not show is found by comparing the records themselves."""
        had = list(records()) if records is not None else []
        change()
        now = lines()
        fresh = [i for i, line in enumerate(now) if now.count(line) > before.count(line)]
        if not fresh and records is not None:
            after = list(records())
            fresh = [i for i, r in enumerate(after) if r not in had]
        title = noun[0].upper() + noun[1:]
        if not fresh:
            if not quiet:
                self.ask.say(f"No {noun} added." if done == "added" else f"{title} not changed.")
            return False
        self.ask.say(f"{title} {fresh[0] + 1} {done}: {now[fresh[0]]}")
        if note is not None and note():
            self.ask.say(note())
        return True

    def list_records(
        self, noun: str, items: list[str], note: Callable[[], str] | None = None
    ) -> None:
        """The records numbered, or that there are none yet; and the step's note."""
        self.ask.say()
        if items:
            for n, line in enumerate(items, 1):
                self.ask.say(f"{n}. {line}")
        else:
            self.ask.say(f"No {plural(noun)} yet.")
        if note is not None and note():
            self.ask.say(note())


def plural(noun: str) -> str:
    """``chronology entries``, ``adults``."""
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def drafts_kept(review: Review, skip: tuple[str, str] | None = None) -> str:
    """One sentence naming the unfinished records kept (but ``skip``) and where each is
    offered: "Still kept unfinished: 1 chronology entry, offered at the chronology."
    ("" when there are none)."""
    counts = [
        (kind, sum(1 for d in review.drafts if d.kind == kind and (d.kind, d.record) != skip))
        for kind in NOUNS
    ]
    counts = [(kind, n) for kind, n in counts if n]
    if not counts:
        return ""
    parts = [f"{n} {NOUNS[k] if n == 1 else PLURALS[k]}" for k, n in counts]
    places = and_list([PLACES[k] for k, _ in counts])
    return f"Still kept unfinished: {and_list(parts)}, offered at {places}."
