"""The lists: the adults, the Terms of Reference headings and the names to replace in an
anonymised export."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from imr_tui.core import list_rules
from imr_tui.core.dates import parse_optional_date, uk
from imr_tui.core.model import Adult, Pseudonym
from imr_tui.core.steps import Step
from imr_tui.plain.base import Base, Nav
from imr_tui.plain.commands import Navigate


class ListsMixin(Base):
    """Asks for the adults, the headings and the pseudonyms."""

    @contextlib.contextmanager
    def keeping(self, put: Callable[[], str]) -> Iterator[None]:
        """A form left part way (a command that leaves, Ctrl-C, Ctrl-D, a hang-up) keeps
        what can be kept (``put`` puts it into the session and says what in a sentence):
        saved and said at once when a command left, in the exit message when the
        interview stops; a hang-up puts it in before its last save."""

        def keep() -> str:
            with self.gate.saving():  # a hang-up now waits until it is in the session
                said = put()
            self.save()
            return said

        self.holding.append(put)
        try:
            yield
        except (KeyboardInterrupt, EOFError):
            self.stopped_note = keep()
            raise
        except Navigate:
            said = keep()
            if said:
                self.ask.say(said)
            raise
        finally:
            self.holding.remove(put)

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

        def form(adult: Adult | None, at: int) -> Adult | None:
            given = {
                "name": "",
                "dob": uk(adult.date_of_birth) if adult else "",
                "dod": uk(adult.date_of_death) if adult else "",
            }
            typing = ["", ""]  # the field being typed and its text so far, until Enter
            kept: list[int] = []  # where a new adult was put in, once it was
            checks: dict[str, Callable[[str], str]] = {
                "dob": list_rules.birth_date_problem,
                "dod": lambda text: list_rules.death_date_problem(
                    text, parse_optional_date(given["dob"])
                ),
            }
            titles = {"dob": dob_label, "dod": dod_label}

            def track(field: str) -> Callable[[str], None]:
                def typed(text: str) -> None:
                    typing[:] = [field, text]

                return typed

            def keep() -> str:
                """The adult as far as given, the field being typed included if it can be
                kept, put in the list (the form was left); what could not be kept is said.
                It may run twice (a hang-up in the middle of a Ctrl-C): a new adult is put
                in once, at the place it took the first time."""
                field, text = typing
                lost = ""
                if field == "name" and text.strip():
                    given["name"] = text.strip()
                elif field in checks and text.strip():
                    if checks[field](text):
                        lost = (
                            f" The {titles[field].lower()} you were typing ({text.strip()}) "
                            "was not kept: it is not a whole date."
                        )
                    else:
                        given[field] = text
                made = list_rules.adult_from_text(given["name"], given["dob"], given["dod"])
                if made is None or made == adult:
                    return lost.strip()
                adults = list(self.session.review.adults)
                if adult is None and not kept:
                    kept.append(len(adults))
                    adults.append(made)
                else:
                    adults[kept[0] if adult is None else at] = made
                self.session.set_adults(adults)
                done = "added" if adult is None else "changed"
                return f"Adult {at + 1} {done} with what was given: {line(made)}.{lost}"

            with self.keeping(keep):
                given["name"] = self.ask.text(
                    f"{name_label}:",
                    default=adult.name if adult else "",
                    instruction="" if adult else "(Enter on its own to add nobody)",
                    on_draft=track("name"),
                ).strip()
                typing[:] = ["", ""]
                if not given["name"]:
                    return None
                given["dob"] = self.ask.text(
                    f"{dob_label} (dd/mm/yyyy, or Enter if not known):",
                    default=given["dob"],
                    check=checks["dob"],
                    on_draft=track("dob"),
                )
                typing[:] = ["", ""]
                if checks["dod"](given["dod"]):
                    given["dod"] = ""  # the old date of death no longer fits
                given["dod"] = self.ask.text(
                    f"{dod_label} (dd/mm/yyyy, or Enter if not known or not died):",
                    default=uk(adult.date_of_death) if adult else "",
                    check=checks["dod"],
                    on_draft=track("dod"),
                )
                typing[:] = ["", ""]
            return list_rules.adult_from_text(given["name"], given["dob"], given["dod"])

        def add() -> None:
            adult = form(None, len(self.session.review.adults))
            if adult:
                self.session.set_adults([*self.session.review.adults, adult])
                self.save()

        def edit(i: int) -> None:
            adults = list(self.session.review.adults)
            adult = form(adults[i], i)
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
                self.flag_abbreviations(title)

        def edit(i: int) -> None:
            current = pairs()
            title = list_rules.heading_title(
                self.ask.text(f"{title_label}:", default=current[i][1])
            )
            if title:
                current[i] = (current[i][0], title)
                self.session.set_headings(current)
                self.save()
                self.flag_abbreviations(title)

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
            alias = row.alias if row else ""

            def keep() -> str:
                """The row as far as given (a name needs what replaces it to be kept)."""
                if not alias:
                    what = "added" if row is None else "changed"
                    return f"The name {name} was not {what}: it needs what replaces it."
                made = rules.edited(row, name, alias)
                if made == row:
                    return ""
                if at is None:
                    self.session.set_pseudonyms([*rows(), made])
                else:
                    self.session.set_pseudonyms([*current[:at], made, *current[at + 1 :]])
                return f"Kept: {name}, {alias_label.lower()} {alias}."

            with self.keeping(keep):
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
