"""A record's form asked field by field, kept as a draft from the first key typed.

A chronology entry or recommendation left unfinished (Ctrl-C, Ctrl-D, a hang-up, a
command that leaves the form) is kept in the review as a draft: every field given
and the one being typed, as typed. It is offered back when its step opens: finish it
(from the field being typed, the earlier fields kept), remove it, or leave it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from imr_tui.core.controller import kept_sentence, offer_question
from imr_tui.core.controller.drafts import OFFER_END
from imr_tui.core.field_rules import FormField
from imr_tui.core.model import Draft, DraftKind
from imr_tui.plain.answers import without_command
from imr_tui.plain.asks import Check, external_editor, write_in_editor
from imr_tui.plain.base import Base
from imr_tui.plain.commands import Navigate

CHECKED_RECOMMENDATION = frozenset({"recommendation", "actions", "lead", "resources", "evidence"})
"""A recommendation's fields the checks read (``imr check``): abbreviations are looked for
in these alone while it is typed (not in its target date)."""

AskOne = Callable[[FormField, str, Callable[[str], None]], "str | None"]
"""Asks one field (its default, where each key goes): the value, or None to drop the form."""


class FormsMixin(Base):
    """Forms whose every key is kept as a draft."""

    def ask_field(
        self,
        f: FormField,
        default: str,
        check: Check | None = None,
        instruction: str = "",
        *,
        hint: bool = True,
        on_draft: Callable[[str], None] | None = None,
    ) -> str:
        """One field of a record's form: its hint the first time the field is met this
        session (unless ``hint`` is False), the question. A long field opens the author's
        editor at once with ``--editor``."""
        if hint and f.hint and f"field:{f.id}" not in self.guided:
            self.guided.add(f"field:{f.id}")
            self.ask.say(f.hint, indent="  ")
        self.field_hint = f.hint
        try:
            return self._ask_field(f, default, check, instruction, on_draft)
        finally:
            self.field_hint = ""

    def _ask_field(
        self,
        f: FormField,
        default: str,
        check: Check | None,
        instruction: str,
        on_draft: Callable[[str], None] | None,
    ) -> str:
        label = f"{f.title} ({f.format}):" if f.format else f"{f.title}:"
        if f.long:
            editor = external_editor() if self.editor else None
            if editor:
                text = f"{default}\n" if default else ""  # a file's lines end with a newline
                written = write_in_editor(self.ask, editor, text, self.session.path.parent)
                if written is not None:
                    if on_draft is not None:
                        on_draft(written)
                    return written
                self.ask.say("The editor did not finish; type it here instead.")
            return self.ask.long_text(label, default=default, on_draft=on_draft)
        return self.ask.text(label, default, check, instruction, on_draft=on_draft)

    def fill_form(
        self,
        kind: DraftKind,
        record: str,
        fields: Sequence[FormField],
        values: dict[str, str],
        ask_one: AskOne,
        draft: Draft | None = None,
    ) -> bool:
        """Ask the fields into ``values`` (from the draft's field being typed on, when one
        is given); False if the form was dropped (its draft too). Every key and every
        field given is kept as a draft; stopping keeps it and says what was kept."""
        original = dict(values)
        start = 0
        if draft is not None:
            values.update(draft.fields)
            ids = [f.id for f in fields]
            if draft.typing in ids:
                start = ids.index(draft.typing)
            else:
                start = next((i for i, k in enumerate(ids) if k not in draft.fields), len(ids))
        given = {f.id: values[f.id] for f in fields[:start]}

        def keep(typing: str, text: str = "") -> None:
            """The draft as it stands; none while nothing differs from where the form began."""
            now = {**given, typing: text} if typing else dict(given)
            with self.gate.saving():  # a hang-up waits until the change is recorded
                if any(v != original.get(k, "") for k, v in now.items()):
                    self.session.put_draft(
                        Draft(kind=kind, record=record, fields=now, typing=typing)
                    )
                else:
                    self.session.drop_draft(kind, record)

        for f in fields[start:]:

            def on_draft(text: str, field_id: str = f.id) -> None:
                keep(field_id, without_command(text))

            try:
                value = ask_one(f, values[f.id], on_draft)
            except (KeyboardInterrupt, EOFError):
                self.stopped_note = self._kept(kind, record, fields)
                if self.stopped_note:
                    self.stopped_draft = (kind, record)
                raise
            except Navigate:
                said = self._kept(kind, record, fields)
                if said:
                    self.ask.say(said)
                raise
            if value is None:
                with self.gate.saving():
                    self.session.drop_draft(kind, record)
                return False
            values[f.id] = given[f.id] = value
            keep("")
            if f.id in self.checked_fields(kind):
                self.flag_abbreviations(value)
        return True

    def checked_fields(self, kind: DraftKind) -> frozenset[str]:
        """The fields of a record of ``kind`` the checks read, as ``imr check`` does
        (``checks.findings.places``): an entry's source and its columns, never its dates,
        times or reference (a record number such as DN-2024-0411 is no abbreviation)."""
        if kind == "recommendation":
            return CHECKED_RECOMMENDATION
        return frozenset({"source", *(c.id for c in self.catalogue.chronology.columns)})

    def as_new(self, draft: Draft) -> Draft:
        """The draft as one for a new record (the record it changed is gone)."""
        if not draft.record:
            return draft
        new = draft.model_copy(update={"record": ""})
        with self.gate.saving():
            self.session.drop_draft(draft.kind, draft.record)
            self.session.put_draft(new)
        return new

    def _kept(self, kind: DraftKind, record: str, fields: Sequence[FormField]) -> str:
        """What was kept of the form that stopped, in a sentence ("" when nothing was)."""
        draft = self.session.draft_of(kind, record)
        return kept_sentence(draft, fields) if draft is not None else ""

    def offer_drafts(
        self,
        kind: DraftKind,
        fields: Sequence[FormField],
        finish: Callable[[Draft], None],
    ) -> None:
        """Offer each kept draft of this kind: finish it, remove it, or leave it for now."""
        for draft in self.session.drafts_of(kind):
            if self.offer(draft, fields) == "finish":
                finish(draft)

    def draft_first(
        self, kind: DraftKind, record: str, fields: Sequence[FormField]
    ) -> tuple[bool, Draft | None]:
        """Before a form starts, the draft kept for the same record (or for a new one), so
        that it is never written over: whether to go on, and the draft to start from."""
        kept = self.session.draft_of(kind, record)
        if kept is None:
            return True, None
        pick = self.offer(kept, fields)
        if pick == "finish":
            return True, kept
        return pick == "remove", None

    def offer(self, draft: Draft, fields: Sequence[FormField]) -> str:
        """Ask what to do with a kept draft; remove it if asked and confirmed (``finish``,
        ``remove`` or ``later``)."""
        question = offer_question(draft, fields)
        while True:
            pick = self.menu(
                question,
                [("Finish it", "finish"), ("Remove it", "remove"), ("Leave it for now", "later")],
            )
            if pick != "remove" or self.ask.confirm(remove_question(question), default=False):
                break
        if pick == "finish":
            kept = [
                f"{f.title}: {draft.fields[f.id]}"
                for f in fields
                if f.id != draft.typing and draft.fields.get(f.id, "").strip()
            ]
            if kept:
                self.ask.say("Kept so far: " + sentences(kept))
        elif pick == "remove":
            with self.gate.saving():
                self.session.drop_draft(draft.kind, draft.record)
            self.save()
            self.ask.say("Removed.")
        else:
            self.ask.say("It stays kept, and is offered again next time.")
        return pick


def remove_question(offer: str) -> str:
    """ "Remove the unfinished chronology entry of 11/03/2025? Everything typed in it
    goes." from the offer "An unfinished chronology entry of 11/03/2025 was kept: ..."."""
    what = offer.removesuffix(OFFER_END).strip()
    what = what.removeprefix("An ").removeprefix("A ")
    return f"Remove the {what}? Everything typed in it goes."


def sentences(parts: Sequence[str]) -> str:
    """``parts`` apart by semicolons, ending with a full stop; a part that already ends a
    sentence (``.``, ``?``, ``!``) is followed by a space alone (never ``.;`` or ``..``)."""
    said = ""
    for i, part in enumerate(" ".join(p.split()) for p in parts):
        ends = part.endswith((".", "?", "!"))
        last = i == len(parts) - 1
        said += part + ("" if ends else "." if last else ";") + ("" if last else " ")
    return said
