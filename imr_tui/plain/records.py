"""The chronology and the recommendations: add, list, edit and delete, one field at a time."""

from __future__ import annotations

import re

from imr_tui.core.dates import DateError, from_stored, parse_fuzzy, parse_optional_date, uk
from imr_tui.core.model import ChronologyEntry, Recommendation
from imr_tui.core.steps import Step
from imr_tui.plain.answers import date_problem
from imr_tui.plain.base import Base, Nav

TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")
TIME_ERROR = "Write the time as 14:30 (or leave it empty)."
LONG_FIELDS = frozenset({"recommendation", "actions", "evidence"})


def parse_time(text: str) -> str:
    """``9:05``, ``0905`` or ``09.05`` as ``09:05`` (as the Textual form); ValueError if not."""
    m = TIME.match(text.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ValueError(TIME_ERROR)
    return f"{int(m[1]):02d}:{m[2]}"


def _time_problem(text: str) -> str:
    if not text.strip():
        return ""
    try:
        parse_time(text)
    except ValueError as e:
        return str(e)
    return ""


def _fuzzy_problem(text: str) -> str:
    if not text.strip():
        return "A date is needed."
    try:
        parse_fuzzy(text)
    except DateError as e:
        return str(e)[0].upper() + str(e)[1:]
    return ""


def entry_date(e: ChronologyEntry) -> str:
    """The entry's date as the author writes it: ``11/03/2025``, ``?03/2025``."""
    return from_stored(e.date, e.approximate).display() if e.date else ""


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class RecordsMixin(Base):
    """Asks for the chronology and the recommendations."""

    # ---------------------------------------------------------------- chronology
    def ask_chronology(self, step: Step) -> Nav:
        """Chronology entries in date order, each with its source."""
        ch = self.catalogue.chronology
        first_col = next((c for c in ch.columns if c.in_table), None)

        def entries() -> list[ChronologyEntry]:
            return self.session.review.sorted_chronology()

        def lines() -> list[str]:
            out = []
            for e in entries():
                parts = [f"{entry_date(e)} {e.time}".strip(), e.source]
                if first_col is not None and e.cells.get(first_col.id):
                    parts.append(_short(e.cells[first_col.id]))
                out.append(" | ".join(p for p in parts if p))
            return out

        def full() -> None:
            for n, e in enumerate(entries(), 1):
                self.ask.say()
                self.ask.say(f"{n}. {ch.date_title}: {entry_date(e)}")
                if e.time:
                    self.ask.say(f"{ch.time_title}: {e.time}", indent="   ")
                self.ask.say(f"{ch.source_title}: {e.source}", indent="   ")
                for c in ch.columns:
                    if e.cells.get(c.id):
                        self.ask.say(f"{c.title}: {e.cells[c.id]}", indent="   ")

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

        def note() -> str:
            return "" if entries() else ch.no_contact_guidance

        return self.record_loop(
            "chronology entry", lines, "Add an entry", add, edit, delete, full=full, note=note
        )

    def _entry_form(self, entry: ChronologyEntry | None) -> ChronologyEntry | None:
        ch = self.catalogue.chronology
        period = self.session.review.review_period
        e = entry or ChronologyEntry()
        if ch.date_hint:
            self.ask.say(ch.date_hint, indent="  ")
        while True:
            typed = self.ask.text(
                f"{ch.date_title}:",
                default=entry_date(e),
                check=_fuzzy_problem if entry else lambda t: _fuzzy_problem(t) if t.strip() else "",
                instruction="" if entry else "(Enter on its own to add nothing)",
            )
            if not typed.strip():
                return None
            fd = parse_fuzzy(typed)
            if (period.start or period.end) and not period.contains(fd.earliest, fd.latest):
                self.ask.say(
                    f"This date is outside the review period ({uk(period.start) or '?'} to "
                    f"{uk(period.end) or '?'})."
                )
                if not self.ask.confirm("Keep this date anyway?", default=True):
                    continue
            break
        time = self.ask.text(f"{ch.time_title} (14:30, optional):", e.time, _time_problem)
        if ch.source_hint:
            self.ask.say(ch.source_hint, indent="  ")
        source = self.ask.text(
            f"{ch.source_title}:",
            e.source,
            lambda t: "" if t.strip() else "Say which record this entry comes from.",
        )
        cells: dict[str, str] = {}
        for c in ch.columns:
            if c.hint:
                self.ask.say(c.hint, indent="  ")
            current = e.cells.get(c.id, "")
            if c.long:
                value = self.ask.long_text(f"{c.title}:", default=current)
            else:
                value = self.ask.text(f"{c.title}:", default=current)
            if value.strip():
                cells[c.id] = value.strip()
        return ChronologyEntry(
            id=e.id,
            date=fd.iso,
            approximate=fd.approximate,
            time=parse_time(time) if time.strip() else "",
            source=source.strip(),
            cells=cells,
        )

    # ---------------------------------------------------------------- recommendations
    def ask_recommendations(self, step: Step) -> Nav:
        """Recommendations, each with its actions, lead, target date, resources and evidence."""
        rc = self.catalogue.recommendations

        def recs() -> list[Recommendation]:
            return list(self.session.review.recommendations)

        def lines() -> list[str]:
            out = []
            for r in recs():
                extra = [x for x in (r.lead, uk(r.target_date)) if x]
                out.append(_short(r.recommendation) + (f" ({', '.join(extra)})" if extra else ""))
            return out

        def full() -> None:
            for n, r in enumerate(recs(), 1):
                self.ask.say()
                self.ask.say(f"{n}.")
                for f in rc.fields:
                    value = uk(r.target_date) if f.id == "target_date" else getattr(r, f.id)
                    if value:
                        self.ask.say(f"{f.title}: {value}", indent="   ")

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
            n = len(recs())
            if n <= rc.max_advised:
                return ""
            return (
                f"There are {n} recommendations. Recommendations should be few in number "
                f"(usually no more than {rc.max_advised}), focused and specific."
            )

        return self.record_loop(
            "recommendation", lines, "Add a recommendation", add, edit, delete, full, note
        )

    def _recommendation_form(self, rec: Recommendation | None) -> Recommendation | None:
        rc = self.catalogue.recommendations
        r = rec or Recommendation()
        values: dict[str, str] = {}
        for f in rc.fields:
            if f.hint:
                self.ask.say(f.hint, indent="  ")
            if f.id == "target_date":
                value = self.ask.text(f"{f.title} (dd/mm/yyyy):", uk(r.target_date), date_problem)
            elif f.id in LONG_FIELDS:
                value = self.ask.long_text(f"{f.title}:", default=str(getattr(r, f.id)))
            else:
                value = self.ask.text(f"{f.title}:", default=str(getattr(r, f.id)))
            if f.id == "recommendation" and not value.strip():
                return None
            values[f.id] = value.strip()
        return Recommendation(
            id=r.id,
            recommendation=values["recommendation"],
            actions=values["actions"],
            lead=values["lead"],
            target_date=parse_optional_date(values["target_date"]),
            resources=values["resources"],
            evidence=values["evidence"],
        )
