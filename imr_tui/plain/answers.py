"""Single answers (text, long text, dates), the review period, and the lists: the adults,
the headings and the names to replace in an anonymised export."""

from __future__ import annotations

from datetime import date

from imr_tui.core import list_rules
from imr_tui.core.dates import parse_date, parse_optional_date, uk
from imr_tui.core.field_rules import date_problem
from imr_tui.core.model import Adult, Pseudonym, ReviewPeriod
from imr_tui.core.steps import Step, is_answered
from imr_tui.plain.ask import EMPTY_HINT, edit_in_editor, external_editor
from imr_tui.plain.base import NAV_CHOICES, Base, Nav


class AnswerMixin(Base):
    """Asks for one step's answer when it is text, a date, the period or a list."""

    # ---------------------------------------------------------------- text and dates
    def ask_single(self, step: Step) -> Nav:
        """Text, long text or a date: keep, edit or replace an answer, never overwrite it."""
        kind = step.prompt.kind
        current = self.session.text(step)
        editor = external_editor() if kind in ("long_text", "tor_analysis") else None
        while True:
            default = ""
            use_editor = False
            if current.strip():
                shown = uk(parse_date(current)) if kind == "date" else current
                self.show_current("Your answer so far:", shown)
                choices: list[tuple[str, str | Nav]] = [
                    ("Keep it and go on", "keep"),
                    ("Edit it", "edit"),
                ]
                if editor:
                    choices.append((f"Edit it in your editor ({editor[0]})", "editor"))
                choices += [("Replace it", "replace"), ("Clear it", "clear"), *NAV_CHOICES]
                pick = self.menu("What would you like to do with it?", choices)
                if isinstance(pick, Nav):
                    return pick
                if pick == "keep":
                    return Nav.NEXT
                if pick == "clear":
                    if self.ask.confirm("Clear this answer?", default=False):
                        self.session.set_text(step, "")
                        self.save()
                        current = ""
                    continue
                default = shown if pick in ("edit", "editor") else ""
                use_editor = pick == "editor"
            elif editor:
                pick = self.menu(
                    "How would you like to write it?",
                    [("Type it here", "here"), (f"In your editor ({editor[0]})", "editor")],
                )
                use_editor = pick == "editor"
            answer = self._type_answer(step, default, editor if use_editor else None)
            if answer is None:
                self.ask.say("The editor did not finish; nothing was changed.")
                continue
            if answer.strip():
                stored = self._stored(step, answer)
                self.session.set_text(step, stored)
                self.save()
                if kind != "date":
                    self.flag_abbreviations(stored)
                return Nav.NEXT
            self.session.set_text(step, current)  # what was typed and rubbed out is not kept
            if current.strip():
                self.ask.say("Nothing typed: the answer is kept as it was.")
                continue
            nav = self.nothing_typed()
            if nav is not None:
                return nav

    def _stored(self, step: Step, answer: str) -> str:
        if step.prompt.kind == "date":
            return parse_date(answer).isoformat()
        return answer.strip("\n") if step.prompt.kind != "text" else answer.strip()

    def _type_answer(self, step: Step, default: str, editor: list[str] | None) -> str | None:
        kind = step.prompt.kind
        before = self.session.text(step)

        def draft(text: str) -> None:
            """Every change of the answer being typed (it goes to the recovery journal at
            once): as in the file after Enter, where an empty answer keeps the one before,
            and only a whole date is a date."""
            if not text.strip() or (kind == "date" and date_problem(text)):
                stored = before
            else:
                stored = self._stored(step, text)
            with self.gate.saving():  # a hang-up waits until the change is recorded
                self.session.set_text(step, stored)

        if editor is not None:
            return edit_in_editor(editor, default, self.session.path.parent)
        try:
            if kind == "date":
                return self.ask.text(
                    "Date (dd/mm/yyyy):",
                    default=default,
                    check=date_problem,
                    instruction=EMPTY_HINT if not default else "",
                    on_draft=draft,
                )
            if kind == "text":
                return self.ask.text(
                    "Your answer:",
                    default=default,
                    instruction=EMPTY_HINT if not default else "",
                    on_draft=draft,
                )
            return self.ask.long_text("Your answer:", default=default, on_draft=draft)
        except (KeyboardInterrupt, EOFError):
            with self.gate.saving():  # Ctrl-C and Ctrl-D stop without the line being typed
                self.session.set_text(step, before)
            raise

    # ---------------------------------------------------------------- review period
    def ask_period(self, step: Step) -> Nav:
        """The start and end of the review period, the end not before the start."""
        labels = step.prompt.labels
        start_label = labels.get("start", "Start")
        end_label = labels.get("end", "End")
        while True:
            period = self.session.review.review_period
            if is_answered(step, self.session.review):
                self.show_current(
                    "Your answer so far:",
                    f"{start_label}: {uk(period.start)}\n{end_label}: {uk(period.end)}",
                )
                pick = self.menu(
                    "What would you like to do with it?",
                    [("Keep it and go on", Nav.NEXT), ("Change it", None), *NAV_CHOICES],
                )
                if pick is not None:
                    return pick
            start_text = self.ask.text(
                f"{start_label} (dd/mm/yyyy):",
                default=uk(period.start),
                check=date_problem,
                instruction="" if period.start else EMPTY_HINT,
            )
            if not start_text.strip():
                nav = self.nothing_typed()
                if nav is not None:
                    return nav
                continue
            start = parse_date(start_text)

            def end_problem(text: str, start: date = start) -> str:
                problem = date_problem(text)
                if not problem and text.strip():
                    return list_rules.period_problem(start, parse_date(text))
                return problem

            end_text = self.ask.text(
                f"{end_label} (dd/mm/yyyy):", default=uk(period.end), check=end_problem
            )
            self.session.set_period(ReviewPeriod(start=start, end=parse_optional_date(end_text)))
            self.save()
            if end_text.strip():
                return Nav.NEXT

    # ---------------------------------------------------------------- adults
    def ask_adults(self, step: Step) -> Nav:
        """The adults the review is about, each with an optional date of birth and date
        of death."""
        labels = step.prompt.labels
        name_label = labels.get("name", "Name")
        dob_label = labels.get("dob", "Date of birth")
        dod_label = labels.get("dod", "Date of death")

        def line(a: Adult) -> str:
            born = f", {dob_label.lower()} {uk(a.date_of_birth)}" if a.date_of_birth else ""
            died = f", died {uk(a.date_of_death)}" if a.date_of_death else ""
            return a.name + born + died

        def lines() -> list[str]:
            return [line(a) for a in self.session.review.adults]

        def form(adult: Adult | None) -> Adult | None:
            name = self.ask.text(
                f"{name_label}:",
                default=adult.name if adult else "",
                instruction="" if adult else "(Enter on its own to add nobody)",
            ).strip()
            if not name:
                return None
            dob = self.ask.text(
                f"{dob_label} (dd/mm/yyyy, or Enter if not known):",
                default=uk(adult.date_of_birth) if adult else "",
                check=list_rules.birth_date_problem,
            )
            born = parse_optional_date(dob)
            dod = self.ask.text(
                f"{dod_label} (dd/mm/yyyy, or Enter if not known or not died):",
                default=uk(adult.date_of_death) if adult else "",
                check=lambda text: list_rules.death_date_problem(text, born),
            )
            return list_rules.adult_from_text(name, dob, dod)

        def add() -> None:
            adult = form(None)
            if adult:
                self.session.set_adults([*self.session.review.adults, adult])
                self.save()

        def edit(i: int) -> None:
            adults = list(self.session.review.adults)
            adult = form(adults[i])
            if adult:
                adults[i] = adult
                self.session.set_adults(adults)
                self.save()

        def delete(i: int) -> None:
            adults = list(self.session.review.adults)
            del adults[i]
            self.session.set_adults(adults)

        noun = "adult"
        return self.record_loop(noun, lines, labels.get("add", "Add an adult"), add, edit, delete)

    # ---------------------------------------------------------------- headings
    def ask_headings(self, step: Step) -> Nav:
        """The Terms of Reference headings; removing one keeps its analysis answer."""
        labels = step.prompt.labels
        title_label = labels.get("title", "Heading")

        def pairs() -> list[tuple[str, str]]:
            return [(h.id, h.title) for h in self.session.review.headings]

        def add() -> None:
            title = list_rules.heading_title(
                self.ask.text(f"{title_label}:", instruction="(Enter on its own to add none)")
            )
            if title:
                self.session.set_headings([*pairs(), ("", title)])
                self.save()

        def edit(i: int) -> None:
            current = pairs()
            title = list_rules.heading_title(
                self.ask.text(f"{title_label}:", default=current[i][1])
            )
            if title:
                current[i] = (current[i][0], title)
                self.session.set_headings(current)
                self.save()

        def delete(i: int) -> None:
            current = pairs()
            del current[i]
            self.session.set_headings(current)
            self.ask.say("Any analysis written for it is kept.")

        def lines() -> list[str]:
            return [title for _, title in pairs()]

        return self.record_loop(
            "heading", lines, labels.get("add", "Add a heading"), add, edit, delete
        )

    # ---------------------------------------------------------------- pseudonyms
    def ask_pseudonyms(self, step: Step) -> Nav:
        """The names an anonymised export replaces, each with what replaces it."""
        from imr_tui.core import pseudonym_rules as rules

        labels = step.prompt.labels
        name_label = labels.get("name", "Name")
        alias_label = labels.get("alias", "Replace with")
        kind_label = labels.get("kind", "Who they are")

        def rows() -> list[Pseudonym]:
            return list(self.session.review.pseudonyms)

        def lines() -> list[str]:
            return [
                f"{p.name}, {alias_label.lower()} {p.alias or '?'}"
                + (f" ({p.kind})" if p.kind else "")
                for p in rows()
            ]

        def form(at: int | None) -> Pseudonym | None:
            current = rows()
            row = current[at] if at is not None else None
            listed = [p.name for p in current]

            def name_problem(text: str) -> str:
                if not text.strip():
                    return ""  # Enter on its own: no row added, the row unchanged
                return rules.name_problem(text, listed, at)

            name = " ".join(
                self.ask.text(
                    f"{name_label}:",
                    default=row.name if row else "",
                    check=name_problem,
                    instruction="" if row else "(Enter on its own to add none)",
                ).split()
            )
            if not name:
                return None
            alias = " ".join(
                self.ask.text(
                    f"{alias_label}:",
                    default=row.alias if row else "",
                    check=lambda t: "" if t.strip() else f"Type what replaces {name}.",
                ).split()
            )
            kind = self.ask.text(
                f"{kind_label}:", default=row.kind if row else "", instruction="(optional)"
            ).strip()
            return rules.edited(row, name, alias).model_copy(update={"kind": kind})

        def add() -> None:
            row = form(None)
            if row is not None:
                self.session.set_pseudonyms([*rows(), row])
                self.save()

        def edit(i: int) -> None:
            row = form(i)
            if row is not None:
                current = rows()
                current[i] = row
                self.session.set_pseudonyms(current)
                self.save()

        def delete(i: int) -> None:
            current = rows()
            del current[i]
            self.session.set_pseudonyms(current)

        return self.record_loop("name", lines, labels.get("add", "Add a name"), add, edit, delete)
