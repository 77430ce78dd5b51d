"""Plain mode driven for real in a terminal (tmux at 80x24).

Under ``TERM=dumb`` plain mode asks in whole lines (the line asker: numbered menus, long
answers ended by a full stop), and most tests here read it so. In a capable terminal it
asks with questionary: the every-key sweeps run there too (:class:`Drawn`), so neither
asker loses its coverage.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from terminal import LinePrompts, Prompts, Terminal, imr_command, until, wait_gone
from test_workspace_names import imr_as_author, locked_entries

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.lock import lock_path
from imr_tui.core.model import Adult, Pseudonym, ReviewPeriod
from imr_tui.core.session import Session
from imr_tui.core.steps import progress, steps
from imr_tui.core.store import create, load

ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "IMR_PLAIN")}
QUESTIONARY = "-u NO_COLOR -u IMR_ACCESSIBLE TERM=xterm-256color"
"""A capable terminal: plain mode asks with questionary (menus drawn, keys bound)."""


def plain_command(args: Sequence[str], env: str, keep: bool, author: bool) -> str:
    """The shell command running ``imr`` with ``args`` in the environment ``env``."""
    run = imr_as_author(*args) if author else imr_command(*args)  # author: modes apply
    command = f"env {env} {run}"
    if keep:  # keep the window open after imr ends, to read its last words and exit code
        # (The trap keeps sh itself alive when Ctrl-C reaches it between two prompts.)
        command = "sh -c " + shlex.quote(f"trap : INT; {command}; echo exit=$?; sleep 600")
    return command


class Plain(LinePrompts):
    """``imr`` in plain mode in a ``TERM=dumb`` terminal (the line asker), answered the
    way a person would."""

    def __init__(
        self,
        folder: Path,
        *args: str,
        env: str = "TERM=dumb",
        keep: bool = True,
        author: bool = False,
    ):
        super().__init__(Terminal(plain_command(args, env, keep, author), folder))

    def close(self) -> None:
        self.term.close()


class Drawn(Prompts):
    """``imr`` in plain mode in a capable terminal, where questionary draws the questions
    and binds the keys."""

    def __init__(self, folder: Path, *args: str, keep: bool = True):
        super().__init__(Terminal(plain_command(args, QUESTIONARY, keep, False), folder))

    def close(self) -> None:
        self.term.close()


def new_review(folder: Path, catalogue: Catalogue, name: str = "r.toml") -> Path:
    path = folder / name
    create(path, catalogue)
    return path


# ---------------------------------------------------------------- a whole review


def test_a_whole_review_in_a_dumb_terminal(tmp_path: Path, catalogue: Catalogue) -> None:
    path = new_review(tmp_path, catalogue)
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Prompt 1 of 33 (Details): Name of agency")
        p.expect("The organisation this IMR is written for.")
        p.expect("Your answer:")
        p.answer("Northshire Community Health")

        p.expect("Name of adult(s) and date of birth")
        p.expect("Full name:")
        p.answer("Dorothy Hollins")
        p.expect("Date of birth")
        p.answer("31/02/1940")
        p.expect("is not a real date")  # said once, on its own line, then asked again
        p.answer("01/02/1940")
        p.expect("Date of death")
        p.answer("")
        p.expect("Adult 1 added: Dorothy Hollins")
        p.expect("Full name:")  # the next adult, asked at once
        p.answer("")  # Enter on its own: no more adults, and the menu
        p.choose("Done: go on to the next prompt")
        p.expect("Names to replace in an anonymised export")
        p.expect("Name as written:")
        p.answer("")
        p.choose("Done: go on to the next prompt")

        p.expect("Author's name")
        p.expect("Your answer:")
        p.answer("Sam Reviewer")
        p.expect("Author's role")
        p.expect("Your answer:")
        p.answer("Named Nurse for Safeguarding")
        p.expect("Author's agency")
        p.expect("Your answer:")
        p.answer("")
        p.expect("Skipped.")
        p.expect("Author's contact details")
        p.expect("Your answer:")
        p.answer("sam.reviewer@example.org, 01234 567890")
        p.expect("Date of completion of IMR")
        p.expect("Date (dd/mm/yyyy):")
        p.answer("11/03/2025")

        p.expect("Name or reference of the review")
        p.expect("Your answer:")
        p.answer("SAR Adult Z")
        p.expect("Review period")
        p.expect("Start of the review period")
        p.answer("01/01/2024")
        p.expect("End of the review period")
        p.answer("31/12/2023")
        p.expect("The end of the review period is before its start.")
        p.answer("31/12/2024")

        p.expect("Terms of Reference headings")
        p.expect("Heading or key line of enquiry:")
        p.answer("Communication between teams")
        p.expect("Heading 1 added: Communication between teams")
        p.expect("Heading or key line of enquiry:")
        p.answer("")
        p.choose("Done: go on to the next prompt")

        p.expect("Summary of involvement")
        p.expect("A line with only a full stop ends the answer.")
        p.expect("Your answer: (end with a full stop on its own line)")
        p.long("District nurses visited from March 2024.\nThe GP referred her in February.")
        p.expect("Sources of information")
        p.expect("Your answer:")
        p.long("Electronic patient record")

        p.expect("Chronology of agency involvement")
        p.expect("Date")
        p.answer("2023-06-01")  # outside the review period: a warning, and a choice
        p.expect("The date is outside the review period")
        p.confirm("n")
        p.expect("Date")
        p.answer("12/03/2024")
        p.expect("Time (14:30, optional):")
        p.answer("9:05")
        for label in ("End date", "End time", "Reference"):  # a period, a record number
            p.expect(label)
            p.answer("")
        p.expect("Source of information:")
        p.answer("Electronic patient record, district nursing notes")
        p.expect("Practitioner (name and role):")
        p.answer("Amy Hart, staff nurse")
        p.expect("Type of contact:")
        p.answer("Home visit")
        p.expect("Event / what happened:")
        p.long("Wound dressed.\nDorothy said she was lonely.")
        p.expect("Action taken or decision:")
        p.long("Referred to social prescribing")
        p.expect("Outcome:")
        p.long("")
        p.expect("1 added: 12/03/2024 09:05; Electronic patient record")
        p.expect("Date")  # the next entry, asked at once
        p.answer("?04/2024")  # an approximate date, not a command
        p.expect("Time (14:30, optional):")
        p.answer("")
        for label in ("End date", "End time", "Reference"):  # a period, a record number
            p.expect(label)
            p.answer("")
        p.expect("Source of information:")
        p.answer("")
        p.expect("Say which record this entry comes from.")
        p.answer("Paper notes")
        for column in ("Practitioner", "Type of contact"):
            p.expect(column)
            p.answer("")
        for column in ("Event", "Action taken", "Outcome"):
            p.expect(column)
            p.long("")
        p.expect("2 added: ?04/2024; Paper notes")
        p.expect("Date")
        p.answer("01/05/2024")
        p.expect("Time")
        p.answer("")
        for label in ("End date", "End time", "Reference"):  # a period, a record number
            p.expect(label)
            p.answer("")
        p.expect("Source of information:")
        p.answer("Entered by mistake")
        for column in ("Practitioner", "Type of contact"):
            p.expect(column)
            p.answer("")
        for column in ("Event", "Action taken", "Outcome"):
            p.expect(column)
            p.long("")
        p.expect("3 added: 01/05/2024; Entered by mistake")
        p.expect("Date")
        p.answer("")  # Enter on its own at the fourth's date: the menu
        p.choose("Change or delete one")
        p.expect("Which chronology entry? Type its number")
        p.answer("3")
        p.choose("Delete it")
        p.expect("Delete chronology entry 3")
        p.confirm("y")
        p.expect("entry 3 deleted.")
        p.choose("Change or delete one")
        p.expect("Which chronology entry? Type its number")
        p.answer("2")
        p.choose("Edit it")
        p.expect("Now: ?04/2024")
        p.expect("Date")
        p.answer("")  # Enter keeps what is there
        p.expect("Time")
        p.answer("")
        for label in ("End date", "End time", "Reference"):
            p.expect(label)
            p.answer("")
        p.expect("Now: Paper notes")
        p.expect("Source of information:")
        p.answer("Paper notes, kept in the basement")
        for column in ("Practitioner", "Type of contact"):
            p.expect(column)
            p.answer("")
        for column in ("Event", "Action taken", "Outcome"):
            p.expect(column)
            p.long("")
        p.expect("2 changed: ?04/2024; Paper notes, kept in the basement")
        p.choose("List them")
        p.expect("1. 12/03/2024 09:05; Electronic patient record")
        p.expect("2. ?04/2024; Paper notes, kept in the basement")
        p.choose("Done: go on to the next prompt")

        p.expect("(Analysis): Communication between teams")
        p.expect("Your answer:")
        p.long("The teams did not share the referral.")
        analysis = [s for s in steps(catalogue, load(path)) if s.section.id == "analysis"]
        for step in analysis[1:]:
            p.expect(" ".join(step.title.split()[:4]))  # (a long title wraps)
            p.expect("Your answer:")
            p.long(f"About {step.prompt.id}.")
        for prompt in next(s for s in catalogue.sections if s.id == "learning").prompts:
            p.expect(" ".join(prompt.title.split()[:4]))
            p.expect("Your answer:")
            p.long(f"Learning {prompt.id}.")

        p.expect("Recommendations for action")
        p.expect("Recommendation:")
        p.long("Share district nursing notes with the GP practice.")
        p.expect("Action(s):")
        p.long("Weekly huddle")
        p.expect("Lead:")
        p.answer("Head of Nursing")
        p.expect("Target date (dd/mm/yyyy):")
        p.answer("31/13/2026")
        p.expect("not a real date")
        p.answer("31/03/2026")
        p.expect("Resources / cost:")
        p.answer("Staff time")
        p.expect("How impact will be evidenced:")
        p.long("Audit of records in six months")
        p.expect("1 added: Share district nursing notes")
        p.expect("Recommendation:")
        p.long("")
        p.choose("Done: go on to the next prompt")

        p.expect("Name of the endorsing senior officer")
        p.expect("Your answer:")
        p.answer("Pat Director")
        p.expect("Role of the endorsing senior officer")
        p.expect("Your answer:")
        p.answer("Director of Nursing")
        p.expect("Date of endorsement")
        p.expect("Date (dd/mm/yyyy):")
        p.answer("2025-03-20")

        p.expect("You have reached the end of the interview: 32 of 34 prompts answered.")
        p.choose("Export the report")
        p.choose("Draft as Markdown")
        p.expect("The report was written to r.md")
        p.choose("Save and quit")
        # After the end, the resume is the first prompt not answered (the list left empty).
        p.expect("Saved. Run 'imr plain r.toml' to carry on at: Names to replace in an")
        p.expect("exit=0")
        shown = p.term.history()
    finally:
        p.close()

    assert "Traceback" not in shown
    assert shown.count("A line with only a full stop ends the answer.") == 1  # said once
    review = load(path, catalogue)
    assert review.answer("agency") == "Northshire Community Health"
    assert [(a.name, str(a.date_of_birth)) for a in review.adults] == [
        ("Dorothy Hollins", "1940-02-01")
    ]
    assert review.answer("author_agency") == ""
    assert review.pseudonyms == [] and "pseudonyms" not in review.answers
    assert review.answer("completed_on") == "2025-03-11"
    assert review.answer("review_reference") == "SAR Adult Z"
    assert (str(review.review_period.start), str(review.review_period.end)) == (
        "2024-01-01",
        "2024-12-31",
    )
    assert [h.title for h in review.headings] == ["Communication between teams"]
    assert review.answer("summary") == (
        "District nurses visited from March 2024.\nThe GP referred her in February."
    )
    first, second = review.sorted_chronology()
    assert (first.date, first.time, first.approximate) == ("2024-03-12", "09:05", False)
    assert first.cells == {
        "practitioner": "Amy Hart, staff nurse",
        "contact_type": "Home visit",
        "event": "Wound dressed.\nDorothy said she was lonely.",
        "action": "Referred to social prescribing",
    }
    assert (second.date, second.approximate, second.source) == (
        "2024-04",
        True,
        "Paper notes, kept in the basement",
    )
    [heading] = review.headings
    assert review.heading_analysis[heading.id].text == "The teams did not share the referral."
    assert review.answer("q_further") == "About q_further."
    assert review.answer("l_training") == "Learning l_training."
    [rec] = review.recommendations
    assert (rec.lead, str(rec.target_date), rec.evidence) == (
        "Head of Nursing",
        "2026-03-31",
        "Audit of records in six months",
    )
    assert review.answer("endorsed_on") == "2025-03-20"
    assert review.resume == "pseudonyms"
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Northshire Community Health" in markdown
    assert "Share district nursing notes with the GP practice." in markdown
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o600
    assert not lock_path(path).exists()


# ---------------------------------------------------------------- names to replace


def test_names_to_replace_are_a_list_saved_after_every_change(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = new_review(tmp_path, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    session.set_resume("pseudonyms")
    session.save()
    all_steps = session.steps()
    at = next(i for i, s in enumerate(all_steps) if s.id == "pseudonyms")
    prompt = all_steps[at].prompt
    labels = prompt.labels
    details = next(x for x in progress(catalogue, load(path)) if x.section.id == "details")
    p = Plain(tmp_path, "plain", "r.toml", keep=False)
    try:
        p.expect(f"Prompt {at + 1} of {len(all_steps)} (Details): {prompt.title}")
        pid = p.term.pane_pid()
        p.expect("No names yet.")
        p.expect(f"{labels['name']}:")  # an empty list starts with a new row
        p.answer("Dorothy Hollins")
        p.expect(f"{labels['alias']}:")
        p.answer("")
        p.expect("Type what replaces Dorothy Hollins.")  # said once, then asked again
        p.expect(f"{labels['alias']}:")
        p.answer("Adult A")
        p.expect(f"{labels['kind']}:")
        p.answer("adult")
        p.expect(f"Name 1 added: Dorothy Hollins, {labels['alias'].lower()} Adult A (adult)")

        p.expect(f"{labels['name']}:")  # the next name, asked at once (no menu between)
        p.answer("dorothy  HOLLINS")
        p.expect("Listed already as number 1.")
        p.expect(f"{labels['name']}:")
        p.answer("D")
        p.expect("A name to replace needs at least two letters.")
        p.expect(f"{labels['name']}:")
        p.answer("Mrs Hollins")
        p.expect(f"{labels['alias']}:")
        p.answer("Adult  A")
        p.expect(f"{labels['kind']}:")
        p.answer("")
        p.expect(f"Name 2 added: Mrs Hollins, {labels['alias'].lower()} Adult A")

        p.expect(f"{labels['name']}:")
        p.answer("Amy Hart")
        p.expect(f"{labels['alias']}:")
        p.answer("Staff Nurse 1")
        p.expect(f"{labels['kind']}:")
        p.answer("practitioner")
        p.expect("Name 3 added: Amy Hart")
        p.expect(f"{labels['name']}:")
        p.answer("")  # Enter on its own: no more names, and the menu
        p.choose("Change or delete one")
        p.expect("Which name? Type its number:")
        p.answer("3")
        p.choose("Delete it")
        p.expect("Delete name 3 (Amy Hart,")
        p.confirm("y")
        p.expect("Name 3 deleted.")

        p.choose("Change or delete one")
        p.expect("Which name? Type its number:")
        p.answer("2")
        p.choose("Edit it")
        p.expect("Now: Mrs Hollins")  # the row's values, each kept by Enter
        p.expect(f"{labels['name']}:")
        p.answer("")
        p.expect("Now: Adult A")
        p.expect(f"{labels['alias']}:")
        p.answer("")
        p.expect(f"{labels['kind']}:")
        p.answer("adult")
        p.expect(f"Name 2 changed: Mrs Hollins, {labels['alias'].lower()} Adult A (adult)")

        p.answer("?sections")  # a command at the menu: the sections, then the menu again
        p.expect(f"1. {details.section.title} (1 of {details.total})")
        p.expect("Type ?go and a number")
        p.expect("What would you like to do?")
        p.expect("Type a number from 1 to")
        shown = p.term.history()
        os.kill(pid, signal.SIGKILL)  # no save on the way out: every change is saved already
        wait_gone(pid, 5.0)
    finally:
        p.close()
    assert "A line with only a full stop" not in shown  # a list, never a long text answer
    assert "3. Amy Hart" not in shown  # the list is never printed again unasked
    review = load(path, catalogue)
    assert review.pseudonyms == [
        Pseudonym(name="Dorothy Hollins", alias="Adult A", kind="adult"),
        Pseudonym(name="Mrs Hollins", alias="Adult A", kind="adult"),
    ]
    assert "pseudonyms" not in review.answers
    text = path.read_text(encoding="utf-8")
    assert "Amy Hart" not in text and "Dorothy Hollins" in text


# ---------------------------------------------------------------- answers already given


def _half_done(folder: Path, catalogue: Catalogue) -> Path:
    path = new_review(folder, catalogue)
    review = load(path, catalogue)
    session = Session(path, review, catalogue)
    all_steps = session.steps()
    by_id = {s.id: s for s in all_steps}
    session.set_text(by_id["agency"], "Acme Trust")
    session.set_adults([Adult(name="Dorothy Hollins")])
    session.set_text(by_id["author_name"], "Sam Reviewer")
    session.set_text(by_id["author_role"], "Nurse")
    session.set_text(by_id["author_agency"], "Acme Trust")
    session.set_resume("author_name")
    session.save()
    return path


def test_existing_answers_are_kept_replaced_or_cleared_never_overwritten(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _half_done(tmp_path, catalogue)
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Prompt 4 of 33 (Details): Author's name")  # the saved position
        p.expect("Your answer so far:")
        p.expect("Sam Reviewer")
        p.choose("Replace it")
        p.expect("Your answer:")
        p.answer("Sam Reviewer (IMR author)")
        p.expect("Author's role")
        p.expect("Nurse")
        p.choose("Replace it")
        p.expect("Your answer:")
        p.answer("Named Nurse for Safeguarding Adults")
        p.expect("Author's agency")
        p.choose("Replace it")
        p.expect("Your answer:")
        p.answer("")  # replacing with nothing keeps the answer
        p.expect("Nothing typed: the answer is kept as it was.")
        p.choose("Keep it and go on")
        p.expect("Author's contact details")
        p.expect("Your answer:")
        p.term.type("not submitted")
        p.expect("not submitted")
        p.term.send("C-c")
        p.expect('Saved. What you were typing for "Author\'s contact details" was kept.')
        p.expect("Run 'imr plain r.toml' to carry on at: Author's contact details")
        p.expect("exit=130")
    finally:
        p.close()
    review = load(path, catalogue)
    assert review.answer("author_name") == "Sam Reviewer (IMR author)"
    assert review.answer("author_role") == "Named Nurse for Safeguarding Adults"
    assert review.answer("author_agency") == "Acme Trust"
    assert review.answer("author_contact") == "not submitted"  # Ctrl-C keeps what was typed
    assert review.resume == "author_contact"
    assert not lock_path(path).exists()

    sections = [x.section.title for x in progress(catalogue, review)]
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Prompt 7 of 33 (Details): Author's contact details")
        p.expect("Your answer so far:")
        p.expect("not submitted")
        p.choose("Clear it")
        p.confirm("y")
        p.expect("Cleared.")
        p.expect("Your answer:")
        p.answer(f"?go {sections.index('Recommendations') + 1}")
        p.expect("Prompt 30 of 33 (Recommendations): Recommendations for action")
        p.expect("Recommendation:")
        p.term.send("C-c")
        p.expect("carry on at: Recommendations for action")
        p.expect("exit=130")
    finally:
        p.close()
    review = load(path, catalogue)
    assert (review.resume, review.answer("author_contact")) == ("recommendations", "")
    assert review.drafts == []  # nothing was typed into the recommendation


def test_entries_added_back_to_back_in_a_dumb_terminal_then_one_menu(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    period = ReviewPeriod.model_validate({"start": "2024-01-01", "end": "2024-12-31"})
    path = _at(tmp_path, catalogue, "chronology", period=period)
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("No chronology entries yet.")
        for n in (1, 2, 3):
            p.expect("Date: (Enter on its own to add nothing)")
            p.answer(f"0{n}/03/2024")
            for label in ("Time", "End date", "End time", "Reference"):
                p.expect(label)
                p.answer("")
            p.expect("Source of information:")
            p.answer(f"Ward notes, visit {n}")
            for column in ("Practitioner", "Type of contact"):
                p.expect(column)
                p.answer("")
            for column in ("Event", "Action taken", "Outcome"):
                p.expect(column)
                p.long("")
            p.expect(f"Chronology entry {n} added: 0{n}/03/2024; Ward notes, visit {n}")
        p.expect("Date: (Enter on its own to add nothing)")  # the fourth, asked at once
        p.answer("")  # Enter on its own: the menu, once
        p.expect("What would you like to do?")
        p.expect("  1. Done: go on to the next prompt\n  2. Add another entry")
        p.choose("Done: go on to the next prompt")
        p.expect("(Analysis)")
        shown = _stop(p)
    finally:
        p.close()
    assert shown.count("What would you like to do?") == 1
    assert "No chronology entry added." not in shown
    assert [e.source for e in load(path, catalogue).sorted_chronology()] == [
        "Ward notes, visit 1",
        "Ward notes, visit 2",
        "Ward notes, visit 3",
    ]


def test_hang_up_saves_the_answers_and_the_line_being_typed(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = new_review(tmp_path, catalogue)
    p = Plain(tmp_path, "plain", "r.toml", keep=False)
    try:
        p.expect("Your answer:")
        pid = p.term.pane_pid()
        p.answer("Acme Trust")
        p.expect("Full name:")
        p.answer("Dorothy Hollins")
        p.expect("Date of birth")
        p.answer("")
        p.expect("Date of death")
        p.answer("")
        p.expect("Full name:")
        p.answer("")
        p.choose("Done: go on to the next prompt")
        p.expect("Name as written:")
        p.answer("")
        p.choose("Done: go on to the next prompt")
        p.expect("Author's name")
        p.expect("Your answer:")
        p.term.type("Sam Revie")
        p.expect("Sam Revie")
        started = time.monotonic()
        p.term.hang_up()
        took = wait_gone(pid, 5.0)
    finally:
        p.close()
    review = load(path, catalogue)
    assert review.answer("agency") == "Acme Trust"
    assert [a.name for a in review.adults] == ["Dorothy Hollins"]
    assert review.answer("author_name") == "Sam Revie"
    assert review.resume == "author_name"
    assert not lock_path(path).exists()
    assert took < 1.0, f"took {took:.2f} s (since hang-up {time.monotonic() - started:.2f} s)"

    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Prompt 4 of 33 (Details): Author's name")
        p.expect("Your answer so far:")
        p.expect("Sam Revie")
    finally:
        p.close()


def test_sigterm_saves_and_exits(tmp_path: Path, catalogue: Catalogue) -> None:
    path = new_review(tmp_path, catalogue)
    p = Plain(tmp_path, "plain", "r.toml", keep=False)
    try:
        p.expect("Your answer:")
        pid = p.term.pane_pid()
        p.term.type("Acme")
        p.expect("Acme")
        os.kill(pid, signal.SIGTERM)
        took = wait_gone(pid, 5.0)
    finally:
        p.close()
    assert load(path, catalogue).answer("agency") == "Acme"
    assert took < 1.0


SLOW_SAVES = """
import os, sys, time
import imr_tui.core.session
real = imr_tui.core.session.write_review
def slow(*args, **kwargs):
    with open(os.environ["SAVES_LOG"], "a") as log:
        log.write("start\\n")
    time.sleep(1.0)  # a slow disk: the hang-up arrives while the file is being written
    result = real(*args, **kwargs)
    with open(os.environ["SAVES_LOG"], "a") as log:
        log.write("end\\n")
    return result
imr_tui.core.session.write_review = slow
from imr_tui.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_a_hang_up_in_the_middle_of_a_save_waits_for_it(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = new_review(tmp_path, catalogue)
    log = tmp_path / "saves.log"
    log.touch()
    command = " ".join(
        shlex.quote(a)
        for a in (
            "env",
            "TERM=dumb",
            f"SAVES_LOG={log}",
            sys.executable,
            "-c",
            SLOW_SAVES,
            "plain",
            "r.toml",
        )
    )

    def saves(what: str, count: int) -> bool | None:
        return True if log.read_text().split().count(what) >= count else None

    p = LinePrompts(Terminal(command, tmp_path))
    try:
        p.expect("Your answer:")
        pid = p.term.pane_pid()
        assert until(lambda: saves("end", 1), 10.0)  # the first save (of the position) is done
        p.answer("Acme Trust")
        assert until(lambda: saves("start", 2), 10.0)  # the answer's save has begun...
        os.kill(pid, signal.SIGHUP)  # ...and the line drops while it is being written
        took = wait_gone(pid, 5.0)
    finally:
        p.term.close()
    assert log.read_text().split() == ["start", "end", "start", "end"]  # finished, not cut
    assert load(path, catalogue).answer("agency") == "Acme Trust"
    assert took < 2.0


# ---------------------------------------------------------------- checks and training


def test_abbreviations_are_flagged_accepted_and_listed_in_the_export(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = new_review(tmp_path, catalogue)
    all_steps = steps(catalogue, load(path))
    first = next(i for i, s in enumerate(all_steps) if s.section.id == "endorsement")
    endorser = all_steps[first]
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Name of agency")
        p.expect("Your answer:")
        p.answer("Northshire GP practice")
        p.expect("Abbreviation: GP means General Practitioner. Write it out, or accept it")
        p.expect("Full name:")
        p.answer("")
        p.answer("?check")  # a command, at the menu of the adults
        p.expect("Details (")
        p.expect("- Name of agency")
        p.expect('"GP" is an abbreviation (General Practitioner).')
        p.choose("Accept an abbreviation for this review")
        p.expect("1. GP: General Practitioner")
        p.expect("Which abbreviation? Type its number:")
        p.answer("1")
        p.expect('"GP" is accepted for this review')
        p.expect("What would you like to do?")
        assert "Accept an abbreviation" not in p.out.rest()  # GP was the only one
        p.choose("Go to the prompt of a finding")
        p.expect(f". Endorsement: {endorser.title} (1 finding)")
        number = p.out.rest().split(".", 1)[0]
        p.expect("Which prompt? Type its number:")
        p.answer(number)
        p.expect(f"Prompt {first + 1} of {len(all_steps)} (Endorsement): {endorser.title}")
        p.expect("Your answer:")
        p.answer("Dr Ahmed, GP partner and A&E lead")  # GP is accepted now; A&E is not
        p.expect("Abbreviation: A&E means Accident and Emergency. Write it out")
        for question in ("Your answer:", "Date (dd/mm/yyyy):"):
            p.expect(question)
            p.answer("")
            p.expect("Skipped.")
        p.expect("You have reached the end of the interview")
        p.choose("Export the report")
        p.choose("Draft as Markdown")
        p.expect("The report was written to r.md")
        p.choose("Save and quit")
        p.expect("exit=0")
        shown = p.term.history()
    finally:
        p.close()
    assert "GP means" not in shown.split("A&E means")[0].rsplit("Dr Ahmed", 1)[1]
    assert "A model answer" not in shown  # only in training mode
    review = load(path, catalogue)
    assert review.accepted_abbreviations == ["GP"]
    assert review.answer("endorser_name") == "Dr Ahmed, GP partner and A&E lead"
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    glossary = markdown.split("## Glossary of abbreviations", 1)[1]
    assert "| GP | General Practitioner |" in glossary
    # Every abbreviation the report uses is listed, accepted or not.
    assert "| A\\&E | Accident and Emergency |" in glossary


@pytest.mark.parametrize(
    "args",
    [("plain", "--training", "r.toml"), ("--training", "--plain", "r.toml")],
    ids=["plain", "open --plain"],
)
def test_training_shows_why_each_prompt_matters_and_a_model_answer(
    tmp_path: Path, catalogue: Catalogue, args: tuple[str, ...]
) -> None:
    path = new_review(tmp_path, catalogue)
    prompt = steps(catalogue, load(path))[0].prompt
    assert prompt.why and prompt.model_answer
    p = Plain(tmp_path, *args)
    try:
        p.expect("Prompt 1 of 33 (Details): Name of agency")
        p.expect(prompt.guidance)
        p.expect(f"Why it matters: {prompt.why[:40]}")
        p.expect(f"A model answer: {prompt.model_answer}")
        p.expect("Your answer:")
        p.term.send("C-c")
        p.expect("exit=130")
    finally:
        p.close()


# ---------------------------------------------------------------- how plain mode is chosen


PLAIN_ENV = "-u NO_COLOR -u IMR_ACCESSIBLE -u IMR_PLAIN"
"""Nothing from the tests' own environment chooses the mode or the asker."""


@pytest.mark.parametrize(
    ("env", "args", "lines"),
    [
        pytest.param("TERM=dumb", ("r.toml",), True, id="TERM=dumb"),
        pytest.param("TERM=xterm IMR_PLAIN=1", ("r.toml",), False, id="IMR_PLAIN=1"),
        pytest.param("TERM=xterm", ("--plain", "r.toml"), False, id="--plain"),
        pytest.param("TERM=xterm", ("plain", "r.toml"), False, id="plain"),
        pytest.param("TERM=xterm NO_COLOR=1", ("plain", "r.toml"), True, id="NO_COLOR"),
        pytest.param("TERM=xterm IMR_ACCESSIBLE=1", ("r.toml",), True, id="IMR_ACCESSIBLE=1"),
        pytest.param("TERM=xterm", ("--accessible", "r.toml"), True, id="--accessible"),
    ],
)
def test_plain_mode_is_chosen_and_its_asker(
    tmp_path: Path, catalogue: Catalogue, env: str, args: tuple[str, ...], lines: bool
) -> None:
    """Plain mode asks in whole lines under TERM=dumb, NO_COLOR, IMR_ACCESSIBLE=1 or
    --accessible; elsewhere questionary draws its questions (``? `` before each)."""
    new_review(tmp_path, catalogue)
    p = Plain(tmp_path, *args, env=f"{PLAIN_ENV} {env}")
    try:
        p.expect("Prompt 1 of 33 (Details): Name of agency")
        p.expect("Your answer:")
        drawn = "? Your answer:" in p.term.history()
        p.term.send("C-c")
        p.expect("exit=130")
    finally:
        p.close()
    assert drawn is not lines


def _run_without_terminal(folder: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        env={**ENV, "TERM": "xterm"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=20,
    )


@pytest.mark.parametrize(
    "args",
    [["plain", "r.toml"], ["--plain", "r.toml"], ["plain"], ["r.toml"]],
    ids=["plain", "--plain", "plain-workspace", "textual"],
)
def test_no_terminal_is_one_line_and_exit_2(
    tmp_path: Path, catalogue: Catalogue, args: list[str]
) -> None:
    new_review(tmp_path, catalogue)
    code = (
        "import sys\n"
        "from imr_tui.cli.main import main\n"
        f"code = main({args!r})\n"
        "print('questionary' in sys.modules, 'textual' in sys.modules)\n"
        "raise SystemExit(code)\n"
    )
    started = time.monotonic()
    result = _run_without_terminal(tmp_path, code)
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    assert result.stdout == "False False\n"  # refused before loading either front end
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("imr: ")
    assert "needs a terminal" in result.stderr


def test_the_textual_mode_does_not_load_questionary(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import imr_tui.cli.main, imr_tui.tui.run, imr_tui.tui.app\n"
        "from imr_tui.core.catalogue import load_catalogue\n"
        "imr_tui.tui.app.create_app(load_catalogue())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('questionary', 'prompt_toolkit'))))\n"
    )
    result = _run_without_terminal(tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


# ---------------------------------------------------------------- two sessions, one file


def test_a_review_open_elsewhere_is_shown_read_only(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _half_done(tmp_path, catalogue)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from imr_tui.core.lock import ReviewLock\n"
            "lock = ReviewLock.acquire(Path(sys.argv[1]))\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        before = path.read_bytes()
        p = Plain(tmp_path, "plain", "r.toml")
        try:
            p.expect("r.toml is open in another session: ")
            p.expect(f"(process {holder.pid}) since ")
            p.expect("(y or n):")  # the question wraps between words, where the line ends
            folded = " ".join(p.term.history().split())
            assert "Open it read-only to look at it? (y or n):" in folded
            p.answer("y")
            p.expect("Read-only: open in another session (")
            p.expect(f"# {catalogue.title}")
            p.expect("Acme Trust")
            p.expect("exit=0")
        finally:
            p.close()
        assert path.read_bytes() == before
        assert lock_path(path).exists()  # still the other session's
    finally:
        holder.kill()
        holder.wait()

    # The holder died without tidying up: its lock is stale and taken over.
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Author's name")
        p.expect("What would you like to do with it?")
        assert f"process {holder.pid}" not in lock_path(path).read_text()
        p.term.send("C-c")
        p.expect("exit=130")
    finally:
        p.close()
    assert not lock_path(path).exists()


# ---------------------------------------------------------------- the workspace


def test_choosing_and_naming_reviews_stays_in_the_workspace(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace = tmp_path / "reviews"
    workspace.mkdir()
    outside = tmp_path / "outside.toml"
    create(outside, catalogue)
    (workspace / "link.toml").symlink_to(outside)
    os.mkfifo(workspace / "pipe.toml")
    _half_done(workspace, catalogue)
    p = Plain(tmp_path, "--workspace", str(workspace))
    try:
        p.expect("1. r.toml, Acme Trust (5 of 33 answered)")
        p.expect("These cannot be opened:")
        p.expect("link.toml — is a link to another file")
        p.expect("pipe.toml — is a special file (such as a pipe), not a review file")
        p.expect("n for a new review, or q to quit:")
        p.answer("2")  # only the review is numbered
        p.expect("Type a number from 1 to 1, n or q")
        p.term.send("C-u")
        p.answer("n")
        for bad, why in (
            ("../escape", "A review name cannot hold / or \\"),
            ("/etc/passwd", "A review name cannot hold / or \\"),
            ("link", "link.toml is a link that may lead outside this folder"),
            ("pipe", "pipe.toml is taken by a folder or special file"),
            (".hidden", "A review name cannot start with a dot"),
            ("[@click=app.bell]z", "A review name cannot hold square brackets [ ]."),
            ("name.toml.bak", "That name looks like a backup or lock file"),
            ("x" * 300, "That name is too long for a file (300 characters): shorten it to 215"),
            ("é" * 120, "That name is too long for a file (120 characters): shorten it to 107"),
        ):
            p.expect("Name of the new review")
            p.answer(bad)
            p.expect(why)
            p.expect("n for a new review, or q to quit:")
            p.answer("n")
        p.expect("Name of the new review")
        p.answer("adult b")
        p.expect("Prompt 1 of 33 (Details): Name of agency")
        p.expect("Your answer:")
        p.term.send("C-c")
        p.expect("exit=130")
        assert "Traceback" not in p.term.history()
    finally:
        p.close()
    assert sorted(x.name for x in workspace.iterdir() if x.name.endswith(".toml")) == [
        "adult b.toml",
        "link.toml",
        "pipe.toml",
        "r.toml",
    ]
    assert not (tmp_path / "escape.toml").exists()
    assert load(outside).answers == {}


def test_entries_the_author_may_not_read_are_listed_on_every_login(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    workspace = tmp_path / "reviews"
    workspace.mkdir()
    path = _half_done(workspace, catalogue)
    with locked_entries(workspace):
        for _ in range(2):
            p = Plain(tmp_path, "plain", "--workspace", "reviews", author=True)
            try:
                p.expect("1. r.toml, Acme Trust (5 of 33 answered)")
                p.expect("These cannot be opened:")
                p.expect("closed.toml — is a folder, not a review file")
                p.expect("link.toml — cannot be read (permission denied)")
                p.expect("secret.toml — cannot be read (permission denied)")
                p.answer("n")
                p.expect("Name of the new review")
                p.answer("secret")  # named, not chosen: never opened
                p.expect("secret.toml already exists: choose it from the list")
                p.expect("n for a new review, or q to quit:")
                p.answer("1")
                p.expect("Author's name")
                p.expect("What would you like to do with it?")
                _stop(p)
            finally:
                p.close()
    assert load(path, catalogue).answer("agency") == "Acme Trust"


# ---------------------------------------------------------------- every key, questionary

STILL_KEYS = [
    *(f"C-{c}" for c in "abefghiklnopqrstuvwxyz"),  # not C-c, C-d (stop), C-j, C-m (Enter)
    *("Escape", "Up", "Down", "Left", "Right", "Home", "End", "PPage", "NPage"),
    *("IC", "DC", "BSpace", "Tab", "BTab"),
    *(f"F{n}" for n in range(1, 13)),
]
"""Keys that must leave a question asking, with nothing typed into its answer."""
MENU_KEYS = [
    *(k for k in STILL_KEYS if k != "C-q"),  # Ctrl+Q stops at a menu, as Ctrl-C does
    "Escape Enter",  # used to end the menu with no choice: ValueError
    "x",  # not a choice
    "9",  # no such number
]


def _question(screen: str) -> str:
    """The line of the question being asked: the last one that starts with ``? ``."""
    lines = [line.rstrip() for line in screen.split("\n") if line.startswith("? ")]
    return lines[-1] if lines else ""


def _until(p: Drawn, ok: Callable[[str], bool], what: str, timeout: float = 10.0) -> str:
    """Wait until the screen satisfies ``ok``; fail at once if imr ended."""
    seen = [""]

    def check() -> str | None:
        screen = seen[0] = p.term.screen()
        if "exit=" in screen:
            raise AssertionError(f"imr ended ({what}):\n{p.term.history()[-3000:]}")
        return screen if ok(screen) else None

    found = until(check, timeout, every=0.02)
    if found is None:
        raise AssertionError(f"{what}; the screen shows:\n{seen[0]}")
    return found


def _press(p: Prompts | LinePrompts, key: str) -> None:
    p.term.send(*key.split())


def sweep_text(p: Drawn, label: str, keys: Sequence[str] = STILL_KEYS) -> None:
    """Each key at a question that takes typing: it is still asking, and nothing was typed.

    After each key a marker is typed: it must show right after the question, as the
    whole answer (nothing the key did went into it), then it is rubbed out again.
    """
    asked = _question(_until(p, lambda s: _question(s).startswith(f"? {label}"), label))
    for n, key in enumerate(keys):
        marker = f"zq{n}x"
        _press(p, key)
        p.term.type(marker)
        _until(p, partial(_is_question, f"{asked} {marker}"), f"{key} at {label!r}")
        p.term.send(*["BSpace"] * len(marker))
        _until(p, lambda s: _question(s) == asked, f"rubbing out after {key} at {label!r}")
    _read_from(p, asked)


def _is_question(question: str, screen: str) -> bool:
    """Whether the question being asked on ``screen`` reads ``question``."""
    return _question(screen) == question


def _points_at(asked: str, number: str, screen: str) -> bool:
    """Whether the menu ``asked`` is asking, its pointer on ``number``."""
    return _question(screen) == asked and _pointer(screen, asked) == number


def _read_from(p: Drawn, asked: str) -> None:
    """Read on from the question as it is now on screen (Ctrl+L may have drawn it again)."""
    shown = p.term.history()
    p.out.skip_to(shown.rfind("\n", 0, shown.rfind(asked)) + 1)


def _pointer(screen: str, asked: str) -> str:
    """The number the menu's pointer is on, read below the menu's question."""
    below = screen[screen.rfind(asked) :]
    m = re.search(r"^ » (\d+)\)", below, re.MULTILINE)
    return m[1] if m else ""


def sweep_menu(p: Drawn, label: str) -> None:
    """Each key, and wrong answers, at a numbered menu: it is still asking (or asks again).

    After each key a number is typed twice: the pointer must move to it. (Twice, because
    a number straight after Esc is taken as a count; the second one moves the pointer.)
    """
    asked = f"? {label} (Use shortcuts)"
    _until(p, lambda s: _question(s) == asked, label)
    for n, key in enumerate(MENU_KEYS):
        number = "23"[n % 2]
        _press(p, key)
        p.term.type(number * 2)
        _until(
            p,
            partial(_points_at, asked, number),
            f"{key} at the menu {label!r}",
        )
    _read_from(p, asked)


def sweep_confirm(p: Drawn, label: str, answer: str) -> None:
    """Each key at a yes/no question, then ``answer``: it was asked once and took only that."""
    _until(p, lambda s: _question(s).startswith(f"? {label}"), label)
    start = p.term.history().rfind(f"? {label}")
    for key in MENU_KEYS:
        _press(p, key)
    p.term.type(answer)
    word = "Yes" if answer == "y" else "No"
    _until(p, lambda s: f"? {label} {word}\n" in s, f"{answer} at {label!r}")
    after = p.term.history()[start:]
    answered = [
        x for x in after.split("\n") if x.startswith(f"? {label}") and x.endswith(("Yes", "No"))
    ]
    assert answered == [f"? {label} {word}"], after  # (Ctrl+L draws the question again)
    assert "Type y for yes or n for no." not in after


def _at(folder: Path, catalogue: Catalogue, step_id: str, **data: Any) -> Path:
    """A review that resumes at ``step_id``."""
    path = new_review(folder, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    if "adults" in data:
        session.set_adults(data["adults"])
    if "period" in data:
        session.set_period(data["period"])
    for step in session.steps():
        if step.id in data.get("texts", {}):
            session.set_text(step, data["texts"][step.id])
    session.set_resume(step_id)
    session.save()
    return path


def _stop(p: Prompts | LinePrompts) -> str:
    """Ctrl-C: saved and stopped, no traceback. Returns everything the terminal showed."""
    p.term.send("C-c")
    p.expect("Saved.")
    p.expect("Run 'imr plain ")
    p.expect("exit=130")
    shown = p.term.history()
    assert "Traceback" not in shown and "Error" not in shown
    return shown


def test_every_key_at_a_text_answer_and_its_menu(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _at(tmp_path, catalogue, "agency", texts={"agency": "Acme"})
    p = Drawn(tmp_path, "plain", "r.toml")
    try:
        p.expect("Name of agency")
        p.expect("Your answer so far:")
        sweep_menu(p, "What would you like to do with it?")
        p.choose("Replace it")
        sweep_text(p, "Your answer:")
        p.answer("Acme Trust")
        p.expect("Full name:")
        _stop(p)
    finally:
        p.close()
    assert load(path, catalogue).answer("agency") == "Acme Trust"


def test_every_key_at_a_long_answer(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _at(tmp_path, catalogue, "summary")
    p = Drawn(tmp_path, "plain", "r.toml")
    try:
        p.expect("A line with only a full stop")
        sweep_text(p, "Your answer:")
        p.long("District nurses visited.\nThe GP referred her.")
        p.expect("Sources of information")
        _stop(p)
    finally:
        p.close()
    assert (
        load(path, catalogue).answer("summary") == "District nurses visited.\nThe GP referred her."
    )


def test_a_long_answer_drawn_by_questionary_ends_the_same_whenever_the_keys_come(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """A line with only a full stop ends a long answer, and so does Esc then Enter,
    however long the author waits between the keys; neither leaves a blank line."""
    path = _at(tmp_path, catalogue, "summary")
    p = Drawn(tmp_path, "plain", "r.toml")
    try:
        p.expect("Summary of involvement")
        _until(p, lambda s: _question(s).startswith("? Your answer:"), "the long answer")
        p.answer("District nurses visited.")
        p.term.type(".")
        time.sleep(2.5)  # the pause between the keys is what is tested, not a wait
        p.term.send("Enter")
        p.expect("Sources of information")
        _until(p, lambda s: "Sources" in s and _question(s) == "? Your answer:", "the next one")
        p.term.type("Electronic patient record")
        p.term.send("Escape")
        time.sleep(2.5)  # as above
        p.term.send("Enter")
        p.expect("Chronology of agency involvement")
        _stop(p)
    finally:
        p.close()
    review = load(path, catalogue)
    assert review.answer("summary") == "District nurses visited."
    assert review.answer("sources") == "Electronic patient record"


def test_commands_in_a_capable_terminal(tmp_path: Path, catalogue: Catalogue) -> None:
    """With questionary too, ``?`` lists the commands (a line at a text answer, the key
    at a menu) and is never stored; ``\\?`` answers ``?``; ``?back`` goes back."""
    path = _at(tmp_path, catalogue, "agency")
    p = Drawn(tmp_path, "plain", "r.toml")
    try:
        p.expect("Name of agency")
        _until(p, lambda s: _question(s) == "? Your answer:", "the question")
        p.answer("?")
        p.expect("?skip: leave this prompt for now")
        _until(p, lambda s: _question(s) == "? Your answer:", "the question again")
        p.answer("\\?")
        p.expect("Full name:")
        p.answer("?back")
        p.expect("Prompt 1 of 33 (Details): Name of agency")
        p.expect("What would you like to do with it?")
        p.term.type("?")
        p.expect("?skip: leave this prompt for now")
        p.choose("Keep it and go on")
        p.expect("Full name:")
        shown = _stop(p)
    finally:
        p.close()
    assert shown.count("?skip: leave this prompt for now") == 2
    review = load(path, catalogue)
    assert (review.answer("agency"), review.adults) == ("?", [])


def test_every_key_at_a_date_and_a_wrong_date(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _at(tmp_path, catalogue, "completed_on")
    p = Drawn(tmp_path, "plain", "r.toml")
    try:
        p.expect("Date of completion of IMR")
        sweep_text(p, "Date (dd/mm/yyyy):")
        p.answer("31/02/2025")
        p.expect("is not a real date")
        p.term.send("C-u")
        _until(p, lambda s: "31/02" not in _question(s), "the wrong date rubbed out")
        sweep_text(p, "Date (dd/mm/yyyy):", ["Escape", "C-o", "F5"])
        p.answer("11/03/2025")
        p.expect("Name or reference of the review")
        _stop(p)
    finally:
        p.close()
    assert load(path, catalogue).answer("completed_on") == "2025-03-11"


def test_every_key_in_a_list_its_number_and_its_confirmation(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _at(tmp_path, catalogue, "adults", adults=[Adult(name="Dorothy Hollins")])
    before = load(path, catalogue).adults
    p = Drawn(tmp_path, "plain", "r.toml")
    try:
        p.expect("1. Dorothy Hollins")
        sweep_menu(p, "What would you like to do?")
        p.choose("Change or delete one")
        p.expect("Which adult? Type its number:")
        sweep_text(p, "Which adult? Type its number:")
        p.answer("9")
        p.expect("Type a number from 1 to 1, or nothing to go back")
        p.term.send("C-u")
        p.answer("1")
        p.choose("Delete it")
        sweep_confirm(p, "Delete adult 1 (Dorothy Hollins)?", "n")
        p.choose("Done: go on to the next prompt")
        p.expect("Names to replace in an anonymised export")
        _stop(p)
    finally:
        p.close()
    assert load(path, catalogue).adults == before


def test_every_key_in_the_chronology_form(tmp_path: Path, catalogue: Catalogue) -> None:
    period = ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31))
    path = _at(tmp_path, catalogue, "chronology", period=period)
    p = Drawn(tmp_path, "plain", "r.toml")
    try:
        p.expect("Chronology of agency involvement")
        sweep_text(p, "Date:")
        p.answer("01/06/2023")
        sweep_confirm(p, "Keep this date anyway?", "n")
        asked = "the date asked again, to change"
        _until(p, lambda s: re.match(r"\? Date:.*01/06/2023$", _question(s)) is not None, asked)
        p.term.send("C-u")
        p.answer("12/03/2024")
        sweep_text(p, "Time (14:30, optional):")
        p.answer("9:05")
        for label in ("End date", "End time", "Reference"):
            p.expect(label)
            p.answer("")
        sweep_text(p, "Source of information:")
        p.answer("Electronic patient record")
        p.expect("Practitioner (name and role):")
        p.answer("Amy Hart")
        p.expect("Type of contact:")
        p.answer("")
        p.expect("Event / what happened:")
        sweep_text(p, "Event / what happened:")
        p.long("Wound dressed.")
        for column in ("Action taken", "Outcome"):
            p.expect(column)
            p.long("")
        p.expect("1 added: 12/03/2024 09:05; Electronic patient record")
        p.expect("Date:")  # the next entry, asked at once
        p.answer("")  # Enter on its own: the menu
        sweep_menu(p, "What would you like to do?")
        _stop(p)
    finally:
        p.close()
    [entry] = load(path, catalogue).chronology
    assert (entry.date, entry.time, entry.source) == (
        "2024-03-12",
        "09:05",
        "Electronic patient record",
    )
    assert entry.cells == {"practitioner": "Amy Hart", "event": "Wound dressed."}


@pytest.mark.parametrize(
    ("where", "key"),
    [("text", "C-c"), ("text", "C-d"), ("menu", "C-c"), ("menu", "C-q")],
)
def test_the_keys_that_stop_save_and_stop_cleanly(
    tmp_path: Path, catalogue: Catalogue, where: str, key: str
) -> None:
    texts = {"agency": "Acme"} if where == "menu" else {}
    path = _at(tmp_path, catalogue, "agency", texts=texts)
    p = Drawn(tmp_path, "plain", "r.toml")
    try:
        p.expect("What would you like to do with it?" if texts else "Your answer:")
        p.term.send(key)
        p.expect("Saved. Run 'imr plain r.toml' to carry on at: Name of agency")
        p.expect("exit=130")
        assert "Traceback" not in p.term.history()
    finally:
        p.close()
    assert load(path, catalogue).resume == "agency"
    assert not lock_path(path).exists()


# ---------------------------------------------------------------- every key, line asker

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""A control character other than a line break: never in a review file."""
AGAIN = " and press Enter."
"""The end of the one sentence a line-mode menu says after anything but a choice (its
prompt ends ``and press Enter:``)."""


def typed_after(keys: Sequence[str], mark: str) -> str:
    """The line left by pressing each key and then typing its marker (``{mark}{n}x``):
    Backspace and Ctrl+H rub out a character, Ctrl+U and Ctrl+W the line (a marker
    holds no space), every other key nothing."""
    text = ""
    for n, key in enumerate(keys):
        if key in ("BSpace", "C-h"):
            text = text[:-1]
        elif key in ("C-u", "C-w"):
            text = ""
        text += f"{mark}{n}x"
    return text


def _typing(shown: str) -> str:
    """The line being typed: the last line shown with anything on it."""
    lines = [line.rstrip() for line in shown.split("\n") if line.strip()]
    return lines[-1] if lines else ""


def _shown(p: Plain, ok: Callable[[str], bool], what: str, timeout: float = 10.0) -> str:
    """Wait until what the terminal showed since the last match satisfies ``ok``; fail at
    once if imr ended."""
    seen = [""]

    def check() -> str | None:
        rest = seen[0] = p.out.rest()
        if "exit=" in rest or "Traceback" in rest:
            raise AssertionError(f"imr ended ({what}):\n{rest[-3000:]}")
        return rest if ok(rest) else None

    found = until(check, timeout, every=0.02)
    if found is None:
        raise AssertionError(f"{what}; the terminal shows:\n{seen[0][-3000:]}")
    return found


def _typed_last(marker: str, shown: str) -> bool:
    """Whether the line being typed ends with ``marker``."""
    return _typing(shown).endswith(marker)


def _said(sentence: str, times: int, shown: str) -> bool:
    """Whether ``sentence`` was said at least ``times`` times."""
    return shown.count(sentence) >= times


def line_sweep_text(p: Plain, mark: str, keys: Sequence[str] = STILL_KEYS) -> str:
    """Each key while a line is typed, then a marker: the marker shows at the end of the
    line (the key neither ended the question nor put anything before it). Returns the
    line as it should be now."""
    for n, key in enumerate(keys):
        marker = f"{mark}{n}x"
        _press(p, key)
        p.term.type(marker)
        _shown(p, partial(_typed_last, marker), f"{key} typing")
    return typed_after(keys, mark)


def line_sweep_asked(p: Plain, again: str, keys: Sequence[str]) -> None:
    """Each key, then Enter, at a question answered by a choice (a menu, yes or no): the
    question says ``again`` once for each, and nothing else happens."""
    asked = p.out.rest().count(again)
    for n, key in enumerate(keys, 1):
        _press(p, key)
        p.term.send("Enter")
        _shown(p, partial(_said, again, asked + n), f"{key} then Enter")
    assert p.out.rest().count(again) == asked + len(keys)


def _clean(path: Path) -> None:
    """The review file holds no control character, written or escaped."""
    text = path.read_text(encoding="utf-8")
    assert not CONTROL.search(text), CONTROL.findall(text)
    assert not re.search(r"\\u00[01]|\\u007[fF]|\\[bfre]", text), text  # (TOML's escapes)


def test_every_key_while_typing_a_line_answer(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _at(tmp_path, catalogue, "agency")
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Name of agency")
        p.expect("Your answer:")
        typed = line_sweep_text(p, "zq")
        p.term.send("Enter")
        p.expect("Name of adult(s)")
        _stop(p)
    finally:
        p.close()
    _clean(path)
    assert load(path, catalogue).answer("agency") == typed


def test_every_key_while_typing_a_long_answer(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _at(tmp_path, catalogue, "summary")
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("(end with a full stop on its own line)")
        first = line_sweep_text(p, "zq")
        p.term.send("Enter")
        second = line_sweep_text(p, "zr")
        p.term.send("Enter")
        p.answer(".")
        p.expect("Sources of information")
        _stop(p)
    finally:
        p.close()
    _clean(path)
    assert load(path, catalogue).answer("summary") == f"{first}\n{second}"


def test_every_key_at_a_menu_and_a_yes_no_question_asked_in_lines(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    adults = [Adult(name="Dorothy Hollins")]
    path = _at(tmp_path, catalogue, "adults", adults=adults)
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("1. Dorothy Hollins")
        p.expect("Type a number from 1 to 4 and press Enter:")
        line_sweep_asked(p, AGAIN, [*STILL_KEYS, "x", "0", "9", "1.5"])
        p.choose("Change or delete one")
        p.expect("Which adult? Type its number:")
        p.answer("1")
        p.choose("Delete it")
        p.expect("Delete adult 1 (Dorothy Hollins)? (y or n):")
        line_sweep_asked(p, "Type y for yes or n for no.", [*STILL_KEYS, "x", "yess"])
        p.answer("n")
        p.choose("Done: go on to the next prompt")
        p.expect("Names to replace in an anonymised export")
        _stop(p)
    finally:
        p.close()
    _clean(path)
    assert load(path, catalogue).adults == adults


def test_every_key_in_a_chronology_entry_asked_in_lines(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """Form fields send every key to the entry's draft: no key puts a control byte there,
    and Ctrl-C keeps the fields given and the one being typed, exactly as typed."""
    period = ReviewPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31))
    path = _at(tmp_path, catalogue, "chronology", period=period)
    p = Plain(tmp_path, "plain", "r.toml")
    try:
        p.expect("Chronology of agency involvement")
        p.expect("Date")
        p.answer("12/03/2024")
        for label in ("Time", "End date", "End time", "Reference"):
            p.expect(label)
            p.answer("")
        p.expect("Source of information:")
        source = line_sweep_text(p, "zs")
        p.term.send("Enter")
        for label in ("Practitioner", "Type of contact"):
            p.expect(label)
            p.answer("")
        p.expect("Event / what happened:")
        event = line_sweep_text(p, "ze")
        p.term.send("Enter")
        p.answer(".")
        p.expect("Action taken or decision:")
        action = line_sweep_text(p, "za")
        p.term.send("C-c")
        p.expect("was kept unfinished")
        p.expect("exit=130")
    finally:
        p.close()
    _clean(path)
    review = load(path, catalogue)
    assert review.chronology == []
    [draft] = review.drafts
    assert (draft.kind, draft.typing) == ("entry", "action")
    given = {k: v for k, v in draft.fields.items() if v}
    assert given == {"date": "12/03/2024", "source": source, "event": event, "action": action}
