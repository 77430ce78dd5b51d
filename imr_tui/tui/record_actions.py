"""What the interview does when the author acts on a chronology entry or a recommendation
in its table: add, edit, copy, move, delete, import; each form's result is recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from imr_tui.core.comment_places import Place, about, on_record
from imr_tui.core.model import new_id
from imr_tui.core.session import Session
from imr_tui.core.steps import Step
from imr_tui.tui import records
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.screens.form import FormResult
from imr_tui.tui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from textual.screen import Screen

    from imr_tui.chronology import ImportPreview


class RecordActions:
    """One table's records (the chronology or the recommendations) for one step."""

    def __init__(
        self,
        screen: Screen[None],
        session: Session,
        step: Step,
        table: RecordTable,
        edited: Callable[[Step], None],
    ) -> None:
        self.screen = screen
        self.session = session
        self.step = step
        self.table = table
        self.edited = edited
        """Called after every change (schedules the save, redraws the sidebar)."""
        self.chrono = step.prompt.kind == "chronology"

    def refresh(self, select: str = "") -> None:
        """Show the records again, the one just changed selected."""
        session = self.session
        rows = (
            records.chronology_rows(session)
            if self.chrono
            else records.recommendation_rows(session)
        )
        self.table.load(rows, select)
        if not self.chrono:
            self.table.set_note(records.recommendations_note(session))
        self.edited(self.step)

    def open_form(self, record_id: str, field: str = "") -> None:
        """The record's form (a new one for ``""``), focused on ``field`` if given."""
        review = self.session.review
        # A new record's id is chosen now: saving the form and salvaging it (a hang-up
        # while the save is on its way) then put the same record, never two.
        rid = record_id or new_id()
        if self.chrono:
            entry = next((e for e in review.chronology if e.id == record_id), None)
            form = records.chronology_form(self.session, entry, rid)
        else:
            rec = next((r for r in review.recommendations if r.id == record_id), None)
            form = records.recommendation_form(self.session, rec, rid)
        form.focus_field = field
        self.screen.app.push_screen(form, self._saved_for(rid))

    def _saved_for(self, record_id: str) -> Callable[[FormResult | None], None]:
        def saved(result: FormResult | None) -> None:
            if result is None:
                return
            if self.chrono:
                entry = records.entry_from_form(result.values, record_id)
                self.session.put_entry(entry)
                self.refresh(entry.id)
            else:
                rec = records.recommendation_from_form(result.values, record_id)
                self.session.put_recommendation(rec)
                self.refresh(rec.id)
            if result.again:
                self.open_form("")

        return saved

    def handle(self, message: RecordTable.Requested) -> None:
        """Do what the author asked of the table."""
        rid, action = message.record_id, message.action
        if action == "import" and self.chrono:
            self._import()
        elif action in ("add", "edit"):
            self.open_form(rid, message.field)
        elif action == "duplicate" and self.chrono:
            copy = self.session.duplicate_entry(rid)
            self.refresh(copy.id if copy else "")
            if copy:
                self.open_form(copy.id)
        elif action in ("up", "down"):
            self._move(rid, -1 if action == "up" else 1)
        elif action == "delete":
            self._delete(rid)

    def _move(self, rid: str, delta: int) -> None:
        if not self.chrono:
            self.session.move_recommendation(rid, delta)
        elif not self.session.move_entry(rid, delta):
            from imr_tui.chronology.entry_rules import CANNOT_MOVE

            self.screen.notify(CANNOT_MOVE)
        self.refresh(rid)

    def delete_question(self, rid: str) -> str:
        """The question before deleting a record: which one (its date and time and
        source, or its first words), and what becomes of its comments."""
        said = about(Place("entry" if self.chrono else "recommendation", rid), self.session.review)
        if self.chrono:
            what = f"the chronology entry {said}" if said else "this chronology entry"
        else:
            what = f"the recommendation {said}" if said else "this recommendation"
        question = f"Delete {what}? This cannot be undone."
        kept = len(on_record(rid, self.session.review))
        if kept:
            its = "Its comment is" if kept == 1 else f"Its {kept} comments are"
            question += f" {its} kept, marked as detached."
        return question

    def _delete(self, rid: str) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                if self.chrono:
                    self.session.delete_entry(rid)
                else:
                    self.session.delete_recommendation(rid)
                self.refresh()

        self.screen.app.push_screen(
            ConfirmScreen(self.delete_question(rid), default_no=True), confirmed
        )

    def _import(self) -> None:
        from imr_tui.chronology import apply
        from imr_tui.tui.screens.chronology_import import (
            ChronologyImportScreen,
            left_out_message,
        )

        session = self.session

        def confirmed(found: ImportPreview | None) -> None:
            if found is not None:
                added = apply(found, session)
                self.refresh()
                said = f"{added} entr{'y' if added == 1 else 'ies'} added."
                left_out = left_out_message(found)
                self.screen.notify(f"{said} {left_out}".strip(), markup=False, timeout=10)

        screen = ChronologyImportScreen(session.path.parent, session.review, session.catalogue)
        self.screen.app.push_screen(screen, confirmed)
