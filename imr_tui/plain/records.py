"""The chronology and the recommendations: add, list, edit and delete, one field at a time.

Every rule (the fields, what is refused and why, the warnings, the record the
answers make) is the core's, shared with the Textual forms:
:mod:`imr_tui.chronology.entry_rules` and :mod:`imr_tui.core.recommendation_rules`.
"""

from __future__ import annotations

from imr_tui.chronology import entry_rules
from imr_tui.core import recommendation_rules as rec_rules
from imr_tui.core.field_rules import FormField
from imr_tui.core.model import ChronologyEntry, Recommendation
from imr_tui.core.steps import Step
from imr_tui.plain.ask import Check
from imr_tui.plain.base import Base, Nav

KEEP_OUTSIDE = "Keep this date anyway?"
"""Asked after the warning for a date outside the review period."""


class RecordsMixin(Base):
    """Asks for the chronology and the recommendations."""

    def ask_field(
        self,
        f: FormField,
        default: str,
        check: Check | None = None,
        instruction: str = "",
        *,
        hint: bool = True,
    ) -> str:
        """One field of a record's form: its hint (unless ``hint`` is False), the question."""
        if hint and f.hint:
            self.ask.say(f.hint, indent="  ")
        label = f"{f.title} ({f.format}):" if f.format else f"{f.title}:"
        if f.long:
            return self.ask.long_text(label, default=default)
        return self.ask.text(label, default, check, instruction)

    # ---------------------------------------------------------------- chronology
    def ask_chronology(self, step: Step) -> Nav:
        """Chronology entries in date order (the author's among ties), each with its source."""
        ch = self.catalogue.chronology

        def entries() -> list[ChronologyEntry]:
            return self.session.review.sorted_chronology()

        def lines() -> list[str]:
            return [entry_rules.entry_summary(ch, e) for e in entries()]

        def full() -> None:
            for n, e in enumerate(entries(), 1):
                self.ask.say()
                for i, (title, text) in enumerate(entry_rules.entry_details(ch, e)):
                    if i:
                        self.ask.say(f"{title}: {text}", indent="   ")
                    else:
                        self.ask.say(f"{n}. {title}: {text}")

        def add() -> None:
            entry = self._entry_form(None)
            if entry is not None:
                self.session.put_entry(entry)
                self.save()
            else:
                self.ask.say("No entry added.")

        def edit(i: int) -> None:
            entry = self._entry_form(entries()[i])
            if entry is not None:
                self.session.put_entry(entry)
                self.save()

        def delete(i: int) -> None:
            self.session.delete_entry(entries()[i].id)

        def move(i: int, delta: int) -> None:
            if self.session.move_entry(entries()[i].id, delta):
                self.save()
            else:
                self.ask.say(entry_rules.CANNOT_MOVE)

        def note() -> str:
            return "" if entries() else ch.no_contact_guidance

        return self.record_loop(
            "chronology entry",
            lines,
            "Add an entry",
            add,
            edit,
            delete,
            full=full,
            note=note,
            move=move,
        )

    def _entry_form(self, entry: ChronologyEntry | None) -> ChronologyEntry | None:
        """The entry's fields one by one; None if a new entry's date is left empty."""
        ch = self.catalogue.chronology
        period = self.session.review.review_period
        fields = entry_rules.entry_fields(ch)
        values = entry_rules.entry_values(ch, entry)
        date_field, *others = fields

        def date_check(text: str) -> str:
            # A new entry's empty date adds nothing; an entry's date cannot be removed.
            if entry is None and not text.strip():
                return ""
            return entry_rules.field_problem("date", text)

        shown = False
        while True:
            typed = self.ask_field(
                date_field,
                values["date"],
                date_check,
                instruction="" if entry else "(Enter on its own to add nothing)",
                hint=not shown,
            )
            shown = True
            if not typed.strip():
                return None
            warning = entry_rules.date_warning(typed, period)
            if not warning:
                break
            self.ask.say(warning)
            if self.ask.confirm(KEEP_OUTSIDE, default=True):
                break
        values["date"] = typed
        for f in others:

            def check(text: str, field_id: str = f.id) -> str:
                problems = entry_rules.field_problems({**values, field_id: text})
                if field_id in entry_rules.TIMES[1:] + entry_rules.DATES[1:]:
                    return problems.get(field_id) or problems.get("end_date", "")
                return problems.get(field_id, "") or entry_rules.field_problem(field_id, text)

            values[f.id] = self.ask_field(f, values[f.id], check)
        return entry_rules.entry_from_fields(values, entry.id if entry else "")

    # ---------------------------------------------------------------- recommendations
    def ask_recommendations(self, step: Step) -> Nav:
        """Recommendations, each with its actions, lead, target date, resources and evidence."""
        rc = self.catalogue.recommendations

        def recs() -> list[Recommendation]:
            return list(self.session.review.recommendations)

        def lines() -> list[str]:
            return [rec_rules.recommendation_summary(r) for r in recs()]

        def full() -> None:
            for n, r in enumerate(recs(), 1):
                self.ask.say()
                self.ask.say(f"{n}.")
                for title, text in rec_rules.recommendation_details(rc, r):
                    self.ask.say(f"{title}: {text}", indent="   ")

        def add() -> None:
            rec = self._recommendation_form(None)
            if rec is not None:
                self.session.put_recommendation(rec)
                self.save()
            else:
                self.ask.say("No recommendation added.")

        def edit(i: int) -> None:
            rec = self._recommendation_form(recs()[i])
            if rec is not None:
                self.session.put_recommendation(rec)
                self.save()

        def delete(i: int) -> None:
            self.session.delete_recommendation(recs()[i].id)

        def note() -> str:
            return rec_rules.too_many_note(len(recs()), rc.max_advised)

        return self.record_loop(
            "recommendation", lines, "Add a recommendation", add, edit, delete, full, note
        )

    def _recommendation_form(self, rec: Recommendation | None) -> Recommendation | None:
        """The fields one by one; None if the recommendation itself is left empty."""
        values = rec_rules.recommendation_values(rec)
        for f in rec_rules.recommendation_fields(self.catalogue.recommendations):

            def check(text: str, field_id: str = f.id) -> str:
                # An empty recommendation adds (or changes) nothing: it is not refused.
                if field_id == "recommendation" and not text.strip():
                    return ""
                return rec_rules.field_problem(field_id, text)

            values[f.id] = self.ask_field(f, values[f.id], check)
            if f.id == "recommendation" and not values[f.id].strip():
                return None
        return rec_rules.recommendation_from_fields(values, rec.id if rec else "")
