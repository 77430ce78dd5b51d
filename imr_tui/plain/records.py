"""The chronology and the recommendations: add, list, edit and delete, one field at a time.

Every rule (the fields, what is refused and why, the warnings, the record the
answers make) is the core's, shared with the Textual forms:
:mod:`imr_tui.chronology.entry_rules` and :mod:`imr_tui.core.recommendation_rules`.
"""

from __future__ import annotations

from collections.abc import Callable

from imr_tui.chronology import entry_rules
from imr_tui.core import recommendation_rules as rec_rules
from imr_tui.core.catalogue import Chronology
from imr_tui.core.controller.drafts import excerpt
from imr_tui.core.dates import uk
from imr_tui.core.field_rules import FormField, RecordError
from imr_tui.core.model import ChronologyEntry, Draft, Recommendation
from imr_tui.core.steps import Step
from imr_tui.plain.base import Nav
from imr_tui.plain.drafts import FormsMixin

SUMMARY_LIMIT = 60
"""How many characters of an entry's event or a recommendation's text its line quotes."""
KEEP_OUTSIDE = "Keep this date anyway?"
"""Asked after the warning for a date outside the review period."""
NOUN = "chronology entry"


class RecordsMixin(FormsMixin):
    """Asks for the chronology and the recommendations."""

    # ---------------------------------------------------------------- chronology
    def ask_chronology(self, step: Step) -> Nav:
        """Chronology entries in date order (the author's among ties), each with its source."""
        ch = self.catalogue.chronology

        def entries() -> list[ChronologyEntry]:
            return self.session.review.sorted_chronology()

        def lines() -> list[str]:
            return [entry_line(ch, e) for e in entries()]

        def full(n: int) -> None:
            for i, (title, text) in enumerate(entry_rules.entry_details(ch, entries()[n])):
                if i:
                    self.ask.say(f"{title}: {text}", indent="   ")
                else:
                    self.ask.say(f"{n + 1}. {title}: {text}")

        fields = entry_rules.entry_fields(ch)

        def store(entry: ChronologyEntry | None, record: str) -> None:
            """The entry in the review and its draft gone, together; then saved."""
            if entry is None:
                return
            with self.gate.saving():
                self.session.put_entry(entry)
                self.session.drop_draft("entry", record)
            self.save()

        def add(draft: Draft | None = None) -> None:
            go_on, draft = (True, draft) if draft else self.draft_first("entry", "", fields)
            store(self._entry_form(None, draft) if go_on else None, "")

        def edit(i: int) -> None:
            kept = entries()[i]
            go_on, draft = self.draft_first("entry", kept.id, fields)
            store(self._entry_form(kept, draft) if go_on else None, kept.id)

        def finish(draft: Draft) -> None:
            kept = next((e for e in entries() if e.id == draft.record), None)
            if kept is None:  # a new entry, or one deleted since: finished as a new one
                draft = self.as_new(draft)
                self._tell(NOUN, lines, lines(), lambda: add(draft), "added")
            else:
                self._tell(
                    NOUN,
                    lines,
                    lines(),
                    lambda: store(self._entry_form(kept, draft), kept.id),
                    "changed",
                    records=entries,
                )

        def delete(i: int) -> None:
            self.session.delete_entry(entries()[i].id)

        def move(i: int, delta: int) -> None:
            if self.session.move_entry(entries()[i].id, delta):
                self.save()
            else:
                self.ask.say(entry_rules.CANNOT_MOVE)

        def note() -> str:
            return "" if entries() else ch.no_contact_guidance

        self.offer_drafts("entry", fields, finish)
        return self.record_loop(
            NOUN,
            lines,
            "Add another entry",
            add,
            edit,
            delete,
            full=full,
            note=note,
            move=move,
            start_adding=self.session.draft_of("entry") is None,
            records=entries,
        )

    def _entry_form(
        self, entry: ChronologyEntry | None, draft: Draft | None = None
    ) -> ChronologyEntry | None:
        """The entry's fields one by one (from a draft's field on); None if a new entry's
        date is left empty."""
        ch = self.catalogue.chronology
        fields = entry_rules.entry_fields(ch)
        values = entry_rules.entry_values(ch, entry)
        record = entry.id if entry else ""

        def date_check(text: str) -> str:
            # A new entry's empty date adds nothing; an entry's date cannot be removed.
            if entry is None and not text.strip():
                return ""
            return entry_rules.field_problem("date", text)

        def ask_one(f: FormField, default: str, on_draft: Callable[[str], None]) -> str | None:
            if f.id == "date":
                return self._entry_date(f, default, date_check, entry is None, on_draft)

            def check(text: str) -> str:
                problems = entry_rules.field_problems({**values, f.id: text})
                if f.id in entry_rules.TIMES[1:] + entry_rules.DATES[1:]:
                    return problems.get(f.id) or problems.get("end_date", "")
                return problems.get(f.id, "") or entry_rules.field_problem(f.id, text)

            return self.ask_field(f, default, check, on_draft=on_draft)

        if not self.fill_form("entry", record, fields, values, ask_one, draft):
            return None
        try:
            made = entry_rules.entry_from_fields(values, record)
        except RecordError as e:
            self.ask.say(f"{e} The entry is kept unfinished.")
            return None
        return made

    def _entry_date(
        self,
        f: FormField,
        default: str,
        check: Callable[[str], str],
        new: bool,
        on_draft: Callable[[str], None],
    ) -> str | None:
        """The entry's date, confirmed when outside the review period; None when a new
        entry's date is left empty."""
        period = self.session.review.review_period
        shown = False
        while True:
            typed = self.ask_field(
                f,
                default,
                check,
                instruction="(Enter on its own to add nothing)" if new else "",
                hint=not shown,
                on_draft=on_draft,
            )
            shown = True
            if not typed.strip():
                return None
            warning = entry_rules.date_warning(typed, period)
            if not warning:
                return typed
            self.ask.say(warning)
            if self.ask.confirm(KEEP_OUTSIDE, default=True):
                return typed
            default = typed

    # ---------------------------------------------------------------- recommendations
    def ask_recommendations(self, step: Step) -> Nav:
        """Recommendations, each with its actions, lead, target date, resources and evidence."""
        rc = self.catalogue.recommendations

        def recs() -> list[Recommendation]:
            return list(self.session.review.recommendations)

        def lines() -> list[str]:
            return [recommendation_line(r) for r in recs()]

        def full(n: int) -> None:
            self.ask.say(f"{n + 1}.")
            for title, text in rec_rules.recommendation_details(rc, recs()[n]):
                self.ask.say(f"{title}: {text}", indent="   ")

        fields = rec_rules.recommendation_fields(rc)

        def store(rec: Recommendation | None, record: str) -> None:
            """The recommendation in the review and its draft gone, together; then saved."""
            if rec is None:
                return
            with self.gate.saving():
                self.session.put_recommendation(rec)
                self.session.drop_draft("recommendation", record)
            self.save()

        def add(draft: Draft | None = None) -> None:
            go_on, draft = (
                (True, draft) if draft else self.draft_first("recommendation", "", fields)
            )
            store(self._recommendation_form(None, draft) if go_on else None, "")

        def finish(draft: Draft) -> None:
            kept = next((r for r in recs() if r.id == draft.record), None)
            if kept is None:  # a new one, or one deleted since: finished as a new one
                draft = self.as_new(draft)
                self._tell("recommendation", lines, lines(), lambda: add(draft), "added")
            else:
                self._tell(
                    "recommendation",
                    lines,
                    lines(),
                    lambda: store(self._recommendation_form(kept, draft), kept.id),
                    "changed",
                    records=recs,
                )

        def edit(i: int) -> None:
            kept = recs()[i]
            go_on, draft = self.draft_first("recommendation", kept.id, fields)
            store(self._recommendation_form(kept, draft) if go_on else None, kept.id)

        def delete(i: int) -> None:
            self.session.delete_recommendation(recs()[i].id)

        def note() -> str:
            return rec_rules.too_many_note(len(recs()), rc.max_advised)

        self.offer_drafts("recommendation", fields, finish)
        return self.record_loop(
            "recommendation",
            lines,
            "Add another recommendation",
            add,
            edit,
            delete,
            full,
            note,
            start_adding=self.session.draft_of("recommendation") is None,
            records=recs,
        )

    def _recommendation_form(
        self, rec: Recommendation | None, draft: Draft | None = None
    ) -> Recommendation | None:
        """The fields one by one (from a draft's field on); None if the recommendation
        itself is left empty."""
        values = rec_rules.recommendation_values(rec)
        fields = rec_rules.recommendation_fields(self.catalogue.recommendations)
        record = rec.id if rec else ""

        def ask_one(f: FormField, default: str, on_draft: Callable[[str], None]) -> str | None:
            def check(text: str) -> str:
                # An empty recommendation adds (or changes) nothing: it is not refused.
                if f.id == "recommendation" and not text.strip():
                    return ""
                return rec_rules.field_problem(f.id, text)

            value = self.ask_field(f, default, check, on_draft=on_draft)
            if f.id == "recommendation" and not value.strip():
                return None
            return value

        if not self.fill_form("recommendation", record, fields, values, ask_one, draft):
            return None
        try:
            made = rec_rules.recommendation_from_fields(values, record)
        except RecordError as e:
            self.ask.say(f"{e} The recommendation is kept unfinished.")
            return None
        return made


def entry_line(chronology: Chronology, entry: ChronologyEntry) -> str:
    """An entry in one line to be read aloud: ``12/03/2024 09:05; Ward notes; Wound
    dressed``, the parts apart by semicolons (not a vertical line) and a long event cut
    at a word, never inside one."""
    first = next((c for c in chronology.columns if c.in_table), None)
    parts = [entry_rules.entry_when(entry), excerpt(entry.source, SUMMARY_LIMIT)]
    if first is not None and entry.cells.get(first.id):
        parts.append(excerpt(entry.cells[first.id], SUMMARY_LIMIT))
    return "; ".join(p for p in parts if p)


def recommendation_line(rec: Recommendation) -> str:
    """A recommendation in one line to be read aloud: its text cut at a word, then its
    lead and target date in brackets."""
    extra = [x for x in (rec.lead, uk(rec.target_date)) if x]
    return excerpt(rec.recommendation, SUMMARY_LIMIT) + (f" ({', '.join(extra)})" if extra else "")
