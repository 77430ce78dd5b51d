"""Plain mode in lines, in-process: the interview with the line asker, typed from a script.

A fictional author reads what is printed and types bytes (no terminal): every test
reads the output (whole lines, no escape code) and the review file on disk. Menus
are answered by the number printed beside the choice's title; with ``stubborn`` the
author first types Esc then Enter, Ctrl+O then Enter, an empty line, a letter and a
number one too big, each of which must be answered by the one sentence saying what
to type.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from imr_tui.checks import Glossary
from imr_tui.chronology import entry_rules
from imr_tui.core import recommendation_rules as rec_rules
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import DataFiles
from imr_tui.core.model import Adult, ChronologyEntry, Draft, ReviewPeriod
from imr_tui.core.session import Session
from imr_tui.core.steps import steps
from imr_tui.core.store import create, load
from imr_tui.plain.commands import HELP
from imr_tui.plain.lines import LONG_INSTRUCTION, LineAsker
from imr_tui.plain.run import interview

HELP_FIRST = HELP.split("\n")[0]
LONG_ENDS = "A line with only a full stop ends the answer."
assert LONG_ENDS in LONG_INSTRUCTION


@pytest.fixture(autouse=True)
def _no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return DataFiles.resolve(None).glossary


# ---------------------------------------------------------------- the author


@dataclass
class Pick:
    """Choose the menu option titled ``title`` (by its number)."""

    title: str
    stubborn: bool = False


Step = tuple[str, bytes] | Pick


class Author:
    """Keys typed by an author who waits for each question's words before answering."""

    def __init__(self, steps: Sequence[Step], out: io.StringIO, stubborn: bool = False) -> None:
        self.steps = list(steps)
        self.out = out
        self.stubborn = stubborn
        self.seen = 0
        self.queue: list[tuple[str, bytes]] = []
        self.menus = 0
        """Menus answered."""
        self.refusals = 0
        """Wrong answers typed at menus (each must be answered by the one sentence)."""

    def read(self) -> bytes:
        while not self.queue:
            if not self.steps:
                return b"\x03"  # the script ran out: Ctrl-C
            step = self.steps.pop(0)
            self.queue = self._pick(step) if isinstance(step, Pick) else [step]
        words, keys = self.queue.pop(0)
        printed = self.out.getvalue()
        since, self.seen = printed[self.seen :], len(printed)
        assert words in since, f"expected {words!r} before typing {keys!r}; got {since!r}"
        return keys

    def _pick(self, pick: Pick) -> list[tuple[str, bytes]]:
        since = self.out.getvalue()[self.seen :]
        asked = re.findall(r"Type a number from 1 to (\d+) and press Enter: ", since)
        assert asked, f"no menu before choosing {pick.title!r}: {since!r}"
        count = int(asked[-1])
        found = re.findall(rf"^  (\d+)\. {re.escape(pick.title)}$", since, re.M)
        assert len(found) == 1, f"{pick.title!r} is not one choice in {since!r}"
        self.menus += 1
        again = f"Type a number from 1 to {count} and press Enter."
        steps: list[tuple[str, bytes]] = []
        if pick.stubborn or self.stubborn:
            wrong = [b"\x1b\r", b"\x0f\r", b"\r", b"x\r", f"{count + 1}\r".encode()]
            self.refusals += len(wrong)
            steps = [("" if i == 0 else again, keys) for i, keys in enumerate(wrong)]
        steps.append((again if steps else "", f"{found[0]}\r".encode()))
        return steps


def line(words: str, text: str) -> Step:
    """Type a line answer once ``words`` are printed."""
    return (words, text.encode() + b"\r")


def long(words: str, text: str) -> Step:
    """Type a long answer's lines, then a line holding only a full stop."""
    body = "".join(f"{x}\r" for x in text.split("\n")) if text else ""
    return (words, body.encode() + b".\r")


def yes(words: str) -> Step:
    return (words, b"y\r")


def run(
    path: Path,
    catalogue: Catalogue,
    glossary: Glossary,
    steps: Iterable[Step],
    stubborn: bool = False,
) -> tuple[int, str, Author]:
    """Run the interview on ``path`` typed by the author; the exit code, the output."""
    out = io.StringIO()
    author = Author(list(steps), out, stubborn)
    code = interview(LineAsker(author, out, 80), catalogue, path, glossary)
    assert not author.steps and not author.queue, "the interview asked less than scripted"
    text = out.getvalue()
    assert "\x1b" not in text and "Traceback" not in text
    return code, text, author


def review_at(folder: Path, catalogue: Catalogue, resume: str, **set_up: Any) -> Path:
    """A review resuming at ``resume`` with its period set (and any records given)."""
    path = folder / "r.toml"
    create(path, catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    session.set_period(ReviewPeriod.model_validate({"start": "2024-01-01", "end": "2024-12-31"}))
    session.set_adults([Adult(name="Dorothy Hollins")])
    for entry in set_up.get("entries", []):
        session.put_entry(entry)
    for rec in set_up.get("recommendations", []):
        session.put_recommendation(rec)
    for key, value in set_up.get("answers", {}).items():
        session.set_text(next(s for s in session.steps() if s.id == key), value)
    session.set_resume(resume)
    assert session.save()
    return path


# ---------------------------------------------------------------- a whole review


def test_a_whole_review_typed_in_lines_every_menu_refusing_wrong_answers_first(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.toml"
    create(path, catalogue)
    script: list[Step] = [
        line("Prompt 1 of 33 (Details): Name of agency", "Northshire Community Health"),
        line("Full name:", "Dorothy Hollins"),
        line("Date of birth", "31/02/1940"),
        line("is not a real date", "01/02/1940"),
        line("Date of death", ""),
        line("Full name:", ""),  # the next adult, asked at once: Enter on its own, no more
        Pick("Done: go on to the next prompt"),
        line("Name as written:", ""),
        Pick("Done: go on to the next prompt"),
        line("Author's name", "Sam Reviewer"),
        line("Author's role", "Named Nurse for Safeguarding"),
        line("Author's agency", ""),
        line("Author's contact details", "sam.reviewer@example.org, 01234 567890"),
        line("Date (dd/mm/yyyy):", "11/03/2025"),
        line("Name or reference of the review", "SAR Adult Z"),
        line("Start of the review period", "01/01/2024"),
        line("End of the review period", "31/12/2023"),
        line("The end of the review period is before its start.", "31/12/2024"),
        line("Heading or key line of enquiry:", "Communication between teams"),
        line("Heading or key line of enquiry:", ""),
        Pick("Done: go on to the next prompt"),
        long(LONG_ENDS, "District nurses visited from March 2024.\nThe GP referred her."),
        long("Sources of information", "Electronic patient record"),
        line("No chronology entries yet.", "2023-06-01"),
        ("The date is outside the review period", b"n\r"),
        line("Date", "12/03/2024"),
        line("Time (14:30, optional):", "9:05"),
        line("End date", ""),
        line("End time", ""),
        line("Reference", ""),
        line("Source of information:", "Electronic patient record"),
        line("Practitioner (name and role):", "Amy Hart, staff nurse, DN"),
        line("District Nurse", "Home visit"),  # the abbreviation said at once
        long("Event / what happened:", "Wound dressed.\nDorothy said she was lonely."),
        long("Action taken or decision:", "Referred to social prescribing"),
        long("Outcome:", ""),
        line("Date", "?04/2024"),  # the next entry at once; an approximate date, not a command
        *[line(label, "") for label in ("Time", "End date", "End time", "Reference")],
        line("Source of information:", "Paper notes"),
        *[line(label, "") for label in ("Practitioner", "Type of contact")],
        *[long(label, "") for label in ("Event", "Action taken", "Outcome")],
        line("Date", ""),  # Enter on its own at the third's date: the menu
        Pick("Change or delete one"),
        line("Which chronology entry? Type its number", "2"),
        Pick("Edit it"),
        line("Now: ?04/2024", ""),  # Enter keeps it
        *[line(label, "") for label in ("Time", "End date", "End time", "Reference")],
        line("Now: Paper notes", "Paper notes, kept in the basement"),
        *[line(label, "") for label in ("Practitioner", "Type of contact")],
        *[long(label, "") for label in ("Event", "Action taken", "Outcome")],
        Pick("List them"),
        Pick("Done: go on to the next prompt"),
    ]
    analysis = [s for s in steps(catalogue, load(path)) if s.section.id == "analysis"]
    script.append(long("(Analysis): Communication between teams", "The teams did not share."))
    for step in analysis:
        script.append(long(step.title[:30], f"About {step.prompt.id}."))
    for prompt in next(s for s in catalogue.sections if s.id == "learning").prompts:
        script.append(long(prompt.title[:30], f"Learning {prompt.id}."))
    script += [
        long("Recommendation:", "Share district nursing notes with the GP practice."),
        long("Action(s):", "Weekly huddle"),
        line("Lead:", "Head of Nursing"),
        line("Target date (dd/mm/yyyy):", "31/13/2026"),
        line("not a real date", "31/03/2026"),
        line("Resources / cost:", "Staff time"),
        long("How impact will be evidenced:", "Audit of records in six months"),
        line("Recommendation:", ""),
        Pick("Done: go on to the next prompt"),
        line("Name of the endorsing senior officer", "Pat Director"),
        line("Role of the endorsing senior officer", "Director of Nursing"),
        line("Date of endorsement", "2025-03-20"),
        Pick("Export the report"),
        Pick("Draft as Markdown"),
        Pick("Save and quit"),
    ]
    code, out, author = run(path, catalogue, glossary, script, stubborn=True)
    assert code == 0
    # every menu refused its five wrong answers, each with the one sentence, and went on
    assert author.menus == 11 and author.refusals == 5 * 11
    assert len(re.findall(r"^Type a number from 1 to \d+ and press Enter\.$", out, re.M)) == 55
    assert out.count(LONG_ENDS) == 1
    assert out.count("Who had the contact, with their role") == 1  # a field's hint, once
    assert max(int(n) for n in re.findall(r"^  (\d+)\. ", out, re.M)) == 5  # menus are short
    assert "Skipped." in out
    assert "Add a name" in out and "Add another name" not in out
    assert "No name added." in out  # the first of an empty step, left empty
    assert not re.search(r"No (adult|heading|chronology entry|recommendation) added", out)
    assert "No chronology entries yet." in out
    assert "Chronology entry 1 added: 12/03/2024 09:05; Electronic patient record" in out
    assert "Chronology entry 2 changed: ?04/2024; Paper notes, kept in the basement" in out
    assert "Abbreviation: DN means District Nurse." in out
    assert "\n2. Date: ?04/2024\n   Source of information: Paper notes\n" in out  # chosen
    listed = out[out.index("Chronology entry 2 changed") :]  # "List them": the list again
    assert "\n1. 12/03/2024 09:05; Electronic patient record; Wound dressed." in listed
    assert "\n2. ?04/2024; Paper notes, kept in the basement\n" in listed
    assert "The report was written to r.md" in out
    said = " ".join(capsys.readouterr().out.split())  # the exit line is wrapped
    assert (
        "to carry on at: Names to replace in an anonymised export" in said
    )  # the first unanswered

    review = load(path, catalogue)
    assert review.answer("agency") == "Northshire Community Health"
    assert [(a.name, str(a.date_of_birth)) for a in review.adults] == [
        ("Dorothy Hollins", "1940-02-01")
    ]
    assert review.answer("author_agency") == ""
    assert review.answer("completed_on") == "2025-03-11"
    assert (str(review.review_period.start), str(review.review_period.end)) == (
        "2024-01-01",
        "2024-12-31",
    )
    assert review.answer("summary") == (
        "District nurses visited from March 2024.\nThe GP referred her."
    )
    first, second = review.sorted_chronology()
    assert (first.date, first.time, first.source) == (
        "2024-03-12",
        "09:05",
        "Electronic patient record",
    )
    assert first.cells == {
        "practitioner": "Amy Hart, staff nurse, DN",
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
    assert review.heading_analysis[heading.id].text == "The teams did not share."
    assert review.answer("q_further") == "About q_further."
    [rec] = review.recommendations
    assert (rec.lead, str(rec.target_date)) == ("Head of Nursing", "2026-03-31")
    assert review.answer("endorsed_on") == "2025-03-20"
    assert review.drafts == []
    assert (tmp_path / "r.md").exists()


# ---------------------------------------------------------------- Ctrl-C inside a form

ENTRY = {
    "date": "12/03/2024",
    "time": "9:05",
    "end_date": "13/03/2024",
    "end_time": "10:30",
    "reference": "EPR 4471",
    "source": "Ward notes",
    "practitioner": "Amy Hart, staff nurse",
    "contact_type": "Home visit",
    "event": "Wound dressed.\nDorothy said she was lonely.",
    "action": "Referred to social prescribing",
    "outcome": "Settled at home",
}
"""A whole chronology entry as typed, field by field."""

RECOMMENDATION = {
    "recommendation": "Share district nursing notes with the GP practice.",
    "actions": "Weekly huddle with the GP\nShared template",
    "lead": "Head of Nursing",
    "target_date": "31/03/2026",
    "resources": "Staff time",
    "evidence": "Audit of records in six months",
}
"""A whole recommendation as typed, field by field."""


def _form(
    fields: Sequence[Any], values: dict[str, str], start: int, stop: int | None
) -> list[Step]:
    """Type the fields from ``start`` on; at ``stop``, half of it, then Ctrl-C."""
    script: list[Step] = []
    for i, f in enumerate(fields[start:], start):
        text = values[f.id]
        if i == stop:
            half = text[: max(1, len(text) // 2)]
            script.append(("", half.replace("\n", "\r").encode() + b"\x03"))
            return script
        if f.long:
            script.append(long("", text))
        else:
            script.append(line("", text))
    return script


def _half(text: str) -> str:
    return text[: max(1, len(text) // 2)]


@pytest.mark.parametrize("stop", list(ENTRY))
def test_ctrl_c_in_each_field_of_an_entry_keeps_it_and_finishing_it_stores_the_whole_entry(
    stop: str,
    tmp_path: Path,
    catalogue: Catalogue,
    glossary: Glossary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = review_at(tmp_path, catalogue, "chronology")
    fields = entry_rules.entry_fields(catalogue.chronology)
    at = [f.id for f in fields].index(stop)
    code, out, _ = run(path, catalogue, glossary, _form(fields, ENTRY, 0, at))
    assert code == 130
    review = load(path, catalogue)
    assert review.chronology == []
    [draft] = review.drafts
    given = {k: ENTRY[k] for k in list(ENTRY)[:at]}
    assert draft == Draft(kind="entry", fields={**given, stop: _half(ENTRY[stop])}, typing=stop)
    said = capsys.readouterr().out
    assert "Saved. The chronology entry you were adding was kept unfinished, with its" in said

    named = ENTRY["date"] if at else _half(ENTRY["date"])
    script: list[Step] = [
        (f"An unfinished chronology entry of {named} was kept: finish it, or remove it?", b"1\r"),
    ]
    script += _form(fields, ENTRY, at, None)
    script.append(Pick("Done: go on to the next prompt"))
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    if at:
        assert "Kept so far: Date: 12/03/2024" in out
    kept_so_far = " ".join(out[out.index("Kept so far") :].split()) if at else ""
    for f in fields[:at]:  # every field given is named with its text
        assert " ".join(f"{f.title}: {ENTRY[f.id]}".split()) in kept_so_far
    assert f"Now: {_half(ENTRY[stop]).splitlines()[0].strip()}" in out  # the half-typed text
    assert "Chronology entry 1 added: 12/03/2024 09:05" in out
    review = load(path, catalogue)
    assert review.drafts == []
    [entry] = review.chronology
    assert entry_rules.entry_values(catalogue.chronology, entry) == {
        **ENTRY,
        "time": "09:05",
    }


@pytest.mark.parametrize("stop", list(RECOMMENDATION))
def test_ctrl_c_in_each_field_of_a_recommendation_keeps_it_and_finishing_it_stores_it(
    stop: str,
    tmp_path: Path,
    catalogue: Catalogue,
    glossary: Glossary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = review_at(tmp_path, catalogue, "recommendations")
    fields = rec_rules.recommendation_fields(catalogue.recommendations)
    at = [f.id for f in fields].index(stop)
    code, _, _ = run(path, catalogue, glossary, _form(fields, RECOMMENDATION, 0, at))
    assert code == 130
    review = load(path, catalogue)
    assert review.recommendations == []
    [draft] = review.drafts
    given = {k: RECOMMENDATION[k] for k in list(RECOMMENDATION)[:at]}
    half = _half(RECOMMENDATION[stop])
    assert draft == Draft(kind="recommendation", fields={**given, stop: half}, typing=stop)
    assert "Saved. The recommendation you were adding was kept unfinished, with its" in (
        capsys.readouterr().out
    )

    quoted = given.get("recommendation", half)[:20]
    script: list[Step] = [
        (f'An unfinished recommendation ("{quoted}', b"1\r"),
        *_form(fields, RECOMMENDATION, at, None),
        Pick("Done: go on to the next prompt"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    assert "Recommendation 1 added: Share district nursing notes" in out
    review = load(path, catalogue)
    assert review.drafts == []
    [rec] = review.recommendations
    assert rec_rules.recommendation_values(rec) == RECOMMENDATION


def test_removing_a_kept_entry_removes_only_it(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    kept = ChronologyEntry(date="2024-02-01", source="Referral letter")
    path = review_at(tmp_path, catalogue, "chronology", entries=[kept])
    fields = entry_rules.entry_fields(catalogue.chronology)
    script = [Pick("Add another entry"), *_form(fields, ENTRY, 0, 5)]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    assert len(load(path, catalogue).drafts) == 1

    script = [
        Pick("Remove it"),
        yes("Remove the unfinished chronology entry of 12/03/2024?"),
        Pick("Done: go on to the next prompt"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert "An unfinished chronology entry of 12/03/2024 was kept" in out
    assert "Removed." in out
    review = load(path, catalogue)
    assert review.drafts == []
    assert [(e.date, e.source) for e in review.chronology] == [("2024-02-01", "Referral letter")]


def test_leaving_a_kept_entry_for_now_keeps_it_for_next_time(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "chronology")
    fields = entry_rules.entry_fields(catalogue.chronology)
    run(path, catalogue, glossary, _form(fields, ENTRY, 0, 2))
    [draft] = load(path, catalogue).drafts
    code, out, _ = run(
        path,
        catalogue,
        glossary,
        [Pick("Leave it for now"), Pick("Add a chronology entry"), Pick("Leave it for now")],
    )
    assert code == 130
    assert out.count("It stays kept, and is offered again next time.") == 2
    assert out.count("An unfinished chronology entry of 12/03/2024 was kept") == 2
    assert "No chronology entry added." in out
    assert load(path, catalogue).drafts == [draft]


# ---------------------------------------------------------------- commands


def test_a_question_mark_prints_the_commands_at_every_kind_of_question_and_is_never_stored(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "author_name", answers={"author_role": "Nurse"})
    fields = entry_rules.entry_fields(catalogue.chronology)
    script: list[Step] = [
        line("Author's name", "?"),  # a text
        line(HELP_FIRST, "Sam Reviewer"),
        ("Author's role", b"?\r"),  # a menu (the existing answer)
        (HELP_FIRST, b"1\r"),
        line("Author's agency", "\\?"),  # the answer ? itself
        line("Author's contact details", "?go 4"),
        line("No chronology entries yet.", "12/03/2024"),
        line("Time", "?"),  # a form field
        line(HELP_FIRST, "9:05"),
        *_form(fields, ENTRY, 2, 6)[:-1],
        line("Practitioner (name and role):", "?guidance"),  # the field's hint again
        line("Who had the contact, with their role", ENTRY["practitioner"]),
        *_form(fields, ENTRY, 7, None),
        line("Date:", ""),  # the next entry's date, asked at once: none
        Pick("Done: go on to the next prompt"),
        ("(Analysis)", b"The first line\r?\r"),  # a long answer, at its second line
        (HELP_FIRST, b"and the second.\r.\r"),
        line("", "?quit"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 0
    assert out.count(HELP_FIRST) == 4
    assert out.count("Who had the contact, with their role") == 2  # once, then asked for
    assert "?go N: go to section N, for example ?go 3." in out
    assert "To answer ? itself, type \\?" in out
    review = load(path, catalogue)
    assert review.answer("author_name") == "Sam Reviewer"
    assert review.answer("author_role") == "Nurse"
    assert review.answer("author_agency") == "?"
    assert review.answer("author_contact") == ""
    [entry] = review.chronology
    assert entry.time == "09:05"
    first = next(s for s in steps(catalogue, review) if s.section.id == "analysis")
    assert review.answer(first.prompt.id) == "The first line\nand the second."
    text = path.read_text(encoding="utf-8")
    assert "?go" not in text and "?quit" not in text


def test_moving_about_by_command_back_go_skip_and_quit(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = review_at(tmp_path, catalogue, "author_role")
    script: list[Step] = [
        line("Prompt 5 of 33 (Details): Author's role", "?back"),
        line("Prompt 4 of 33 (Details): Author's name", "?skip"),
        line("Prompt 5 of 33 (Details): Author's role", "?go 3"),
        long("(Summary): Summary of involvement", "Half a thought"),
        line("Prompt 13 of 33 (Summary): Sources of information", "?sections"),
        line("Type ?go and a number from 1 to 8 to go to that section.", "?go 9"),
        line("Type ?go and a number from 1 to 8", "?nonsense"),
        line("Not a command: type ? on its own for the list.", "?quit"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 0
    assert "Skipped." not in out
    assert "3. Summary (1 of 2)" in out
    assert "to carry on at: Sources of information" in " ".join(capsys.readouterr().out.split())
    review = load(path, catalogue)
    assert review.answer("summary") == "Half a thought"
    assert review.answer("author_name") == "" and review.answer("author_role") == ""
    assert review.resume == "sources"


def test_guidance_is_said_once_a_session_and_again_on_asking(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "author_name")
    step = next(s for s in steps(catalogue, load(path)) if s.id == "author_name")
    said = step.prompt.guidance or step.prompt.hint
    assert said
    script: list[Step] = [
        line("Author's name", "?back"),
        line("Prompt 3 of 33", "?skip"),
        line("Author's name", "?guidance"),
        line("Hint: The IMR author", "?quit"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 0
    first = said.split("\n")[0][:40]
    assert out.count(first) == 2  # once when first met, once asked for; not on coming back


# ---------------------------------------------------------------- nothing lost


def test_ctrl_c_in_a_single_answer_keeps_what_was_typed_and_says_so(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    code, _, _ = run(
        path, catalogue, glossary, [("Summary of involvement", b"Seen twice.\rThe GP ref\x03")]
    )
    assert code == 130
    assert load(path, catalogue).answer("summary") == "Seen twice.\nThe GP ref"
    said = capsys.readouterr().out
    assert 'Saved. What you were typing for "Summary of involvement" was kept.' in said


def test_a_command_inside_a_form_keeps_its_draft_and_says_what_was_kept(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "chronology")
    fields = entry_rules.entry_fields(catalogue.chronology)
    script = [*_form(fields, ENTRY, 0, 5)[:-1], line("Source of information:", "?skip")]
    script.append(line("(Analysis)", "?quit"))
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 0
    assert (
        "The chronology entry you were adding was kept unfinished, with its date, time, end "
        "date, end time and reference."
    ) in " ".join(out.split())
    [draft] = load(path, catalogue).drafts
    assert draft.fields == {k: ENTRY[k] for k in list(ENTRY)[:5]} | {"source": ""}
    assert load(path, catalogue).chronology == []


def test_with_editor_a_long_answer_opens_the_authors_editor_at_once(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "write.sh"
    editor.write_text('#!/bin/sh\nprintf "Written in the editor.\\n" > "$1"\n')
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(editor))
    for var in ("SSH_CONNECTION", "SSH_TTY"):
        monkeypatch.delenv(var, raising=False)
    path = review_at(tmp_path, catalogue, "summary")
    out = io.StringIO()
    author = Author([line("Sources of information", "?quit")], out)
    code = interview(LineAsker(author, out, 80), catalogue, path, glossary, editor=True)
    assert code == 0
    assert "Your answer:" not in out.getvalue().split("Sources of information")[0]
    assert load(path, catalogue).answer("summary") == "Written in the editor."


def test_ctrl_c_while_changing_an_entry_keeps_the_change_apart_until_it_is_finished(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    kept = ChronologyEntry(date="2024-02-01", source="Referral letter")
    path = review_at(tmp_path, catalogue, "chronology", entries=[kept])
    script: list[Step] = [
        Pick("Change or delete one"),
        line("Which chronology entry?", "1"),
        Pick("Edit it"),
        line("Now: 01/02/2024", ""),
        *[line(label, "") for label in ("Time", "End date", "End time", "Reference")],
        ("Now: Referral letter", b"Referral letter from the G\x03"),
    ]
    assert run(path, catalogue, glossary, script)[0] == 130
    review = load(path, catalogue)
    [draft] = review.drafts
    assert (draft.record, draft.typing) == (kept.id, "source")
    assert draft.fields["source"] == "Referral letter from the G"
    assert [e.source for e in review.chronology] == ["Referral letter"]  # untouched so far

    script = [
        Pick("Finish it"),
        line("Now: Referral letter from the G", "Referral letter from the GP"),
        *[line(label, "") for label in ("Practitioner", "Type of contact")],
        *[long(label, "") for label in ("Event", "Action taken", "Outcome")],
        Pick("Done: go on to the next prompt"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    assert "An unfinished change to the chronology entry of 01/02/2024 was kept" in out
    assert "Chronology entry 1 changed: 01/02/2024; Referral letter from the GP" in out
    review = load(path, catalogue)
    assert review.drafts == []
    assert [(e.id, e.source) for e in review.chronology] == [
        (kept.id, "Referral letter from the GP")
    ]


def test_an_answer_given_is_kept_added_to_or_cleared_from_its_menu(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(
        tmp_path, catalogue, "summary", answers={"summary": "Seen twice.", "sources": "Notes"}
    )
    script: list[Step] = [
        Pick("Add to the end of it"),
        long("Your answer:", "The GP referred her."),
        Pick("Clear it"),
        yes("Clear this answer?"),
        line("Cleared.", ""),  # then nothing typed: skipped
        ("Skipped.", b"?quit\r"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 0
    assert "Edit it" not in out  # the line asker names an answer; it cannot edit it in place
    review = load(path, catalogue)
    assert review.answer("summary") == "Seen twice.\nThe GP referred her."
    assert review.answer("sources") == ""


def test_a_sections_guidance_is_not_said_again_by_its_first_prompt(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    section = next(s for s in catalogue.sections if s.id == "summary")
    prompt = section.prompts[0]
    assert prompt.guidance and prompt.guidance in section.guidance
    code, out, _ = run(path, catalogue, glossary, [line("Your answer:", "?quit")])
    assert code == 0
    flat = " ".join(out.split())
    assert flat.count(" ".join(prompt.guidance.split())) == 1
    assert "Prompt 12 of 33 (Summary): Summary of involvement" in out


def test_the_editor_command_carries_on_a_long_answer_in_the_editor(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "append.sh"
    editor.write_text('#!/bin/sh\nprintf "and finished in the editor.\\n" >> "$1"\n')
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(editor))
    for var in ("SSH_CONNECTION", "SSH_TTY"):
        monkeypatch.delenv(var, raising=False)
    path = review_at(tmp_path, catalogue, "summary")
    script: list[Step] = [
        ("Summary of involvement", b"Begun here,\r?editor\r"),
        line("Sources of information", "?quit"),
    ]
    assert run(path, catalogue, glossary, script)[0] == 0
    summary = load(path, catalogue).answer("summary")
    assert summary == "Begun here,\nand finished in the editor."


def test_the_editor_command_without_an_editor_says_so_and_asks_again(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "summary")
    script: list[Step] = [
        line("Summary of involvement", "?editor"),
        long("No editor can be used here", "Typed here after all."),
        line("Sources of information", "?quit"),
    ]
    assert run(path, catalogue, glossary, script)[0] == 0
    assert load(path, catalogue).answer("summary") == "Typed here after all."


def test_clearing_a_field_of_an_entry_being_changed_is_kept_as_a_draft_too(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    kept = ChronologyEntry(date="2024-02-01", time="09:00", source="Referral letter")
    path = review_at(tmp_path, catalogue, "chronology", entries=[kept])
    script: list[Step] = [
        Pick("Change or delete one"),
        line("Which chronology entry?", "1"),
        Pick("Edit it"),
        line("Now: 01/02/2024", ""),
        ("Now: 09:00", b"-\x03"),  # the time cleared, then Ctrl-C
    ]
    assert run(path, catalogue, glossary, script)[0] == 130
    [draft] = load(path, catalogue).drafts
    assert (draft.record, draft.typing, draft.fields["time"]) == (kept.id, "time", "")
    assert load(path, catalogue).chronology[0].time == "09:00"


def test_abbreviations_are_named_after_a_heading_and_a_recommendations_fields(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "tor_headings")
    fields = rec_rules.recommendation_fields(catalogue.recommendations)
    values = {**RECOMMENDATION, "lead": "Named GP for safeguarding"}
    script: list[Step] = [
        line("Heading or key line of enquiry:", "Referrals to the MASH"),
        line("Abbreviation: MASH means", "?go 7"),
        *_form(fields, values, 0, None),
        line("Recommendation:", ""),  # the next one, asked at once: none
        Pick("Done: go on to the next prompt"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    flat = " ".join(out.split())
    assert "Abbreviation: MASH means Multi-Agency Safeguarding Hub." in flat
    assert flat.count("Abbreviation: GP means General Practitioner.") == 3  # text, actions, lead


def test_moving_entries_of_one_day_says_so_and_a_move_that_cannot_be_made_says_why(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    first = ChronologyEntry(date="2024-02-01", source="Ward notes")
    second = ChronologyEntry(date="2024-02-01", source="Referral letter")
    third = ChronologyEntry(date="2024-03-01", source="Discharge letter")
    path = review_at(tmp_path, catalogue, "chronology", entries=[first, second, third])
    script: list[Step] = [
        Pick("Change or delete one"),
        line("Which chronology entry?", "2"),
        Pick("Move it up"),
        Pick("Change or delete one"),
        line("Which chronology entry?", "2"),
        Pick("Move it down"),
        Pick("Done: go on to the next prompt"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    assert "Chronology entry 2 moved up." in out
    assert entry_rules.CANNOT_MOVE.split(".")[0] in " ".join(out.split())
    assert "moved down" not in out
    review = load(path, catalogue)
    assert [e.source for e in review.sorted_chronology()] == [
        "Referral letter",
        "Ward notes",
        "Discharge letter",
    ]


# ---------------------------------------------------------------- records back to back


def _entries(n: int) -> list[dict[str, str]]:
    """``n`` whole entries of one day, told apart by their source."""
    return [{**ENTRY, "source": f"Ward notes, visit {i}"} for i in range(1, n + 1)]


def test_entries_added_back_to_back_then_enter_shows_the_menu_once_done_first(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "chronology")
    fields = entry_rules.entry_fields(catalogue.chronology)
    script: list[Step] = [step for values in _entries(3) for step in _form(fields, values, 0, None)]
    script += [line("Date:", ""), Pick("Done: go on to the next prompt")]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    assert out.count("What would you like to do?") == 1
    menu = out[out.index("What would you like to do?") :].split("\n")[1:6]
    assert menu == [
        "  1. Done: go on to the next prompt",
        "  2. Add another entry",
        "  3. Change or delete one",
        "  4. List them",
        "Type a number from 1 to 4 and press Enter: 1",
    ]
    assert out.count("Date: (Enter on its own to add nothing)") == 4  # three, and the fourth
    assert "No chronology entry added." not in out
    for n in (1, 2, 3):
        assert f"Chronology entry {n} added: 12/03/2024 09:05" in out
    review = load(path, catalogue)
    assert [e.source for e in review.sorted_chronology()] == [
        "Ward notes, visit 1",
        "Ward notes, visit 2",
        "Ward notes, visit 3",
    ]
    assert review.drafts == []


def test_an_empty_step_left_at_once_says_nothing_was_added_and_offers_to_add(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "chronology")
    script: list[Step] = [line("Date:", ""), Pick("Add a chronology entry"), line("Date:", "")]
    code, out, _ = run(path, catalogue, glossary, [*script, Pick("Done: go on to the next prompt")])
    assert code == 130
    assert out.count("No chronology entry added.") == 2  # each first add of a run
    assert out.count("What would you like to do?") == 2
    assert "  1. Add a chronology entry\n  2. Done: go on to the next prompt\nType" in out
    assert load(path, catalogue).chronology == []


def test_a_step_opened_with_records_lists_them_and_asks_what_to_do_first(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    kept = ChronologyEntry(date="2024-02-01", source="Referral letter")
    path = review_at(tmp_path, catalogue, "chronology", entries=[kept])
    fields = entry_rules.entry_fields(catalogue.chronology)
    script: list[Step] = [
        Pick("Change or delete one"),
        line("Which chronology entry?", "1"),
        Pick("Edit it"),
        *[line("", "") for _ in fields[:5]],
        line("Now: Referral letter", "Referral letter from the GP"),
        *_form(fields, {f.id: "" for f in fields}, 6, None),
        Pick("Done: go on to the next prompt"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    opened = out.split("What would you like to do?")[0]
    assert "\n1. 01/02/2024; Referral letter\n" in opened and "Date:" not in opened
    # After a change, the menu again (no add of its own).
    assert "Chronology entry 1 changed: 01/02/2024; Referral letter from the GP" in out
    assert out.count("What would you like to do?") == 2
    assert [e.source for e in load(path, catalogue).chronology] == ["Referral letter from the GP"]


def test_ctrl_c_in_the_next_entry_asked_at_once_keeps_it_as_a_draft(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary, capsys: pytest.CaptureFixture[str]
) -> None:
    path = review_at(tmp_path, catalogue, "chronology")
    fields = entry_rules.entry_fields(catalogue.chronology)
    first, second = _entries(2)
    script = [*_form(fields, first, 0, None), *_form(fields, second, 0, 5)]  # Ctrl-C in source
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 130
    assert "What would you like to do?" not in out
    review = load(path, catalogue)
    assert [e.source for e in review.chronology] == ["Ward notes, visit 1"]
    [draft] = review.drafts
    given = {k: second[k] for k in list(second)[:5]}
    assert draft == Draft(
        kind="entry", fields={**given, "source": _half(second["source"])}, typing="source"
    )
    said = capsys.readouterr().out
    assert "Saved. The chronology entry you were adding was kept unfinished, with its" in said


def test_a_command_at_the_next_records_first_field_is_run(
    tmp_path: Path, catalogue: Catalogue, glossary: Glossary
) -> None:
    path = review_at(tmp_path, catalogue, "chronology")
    fields = entry_rules.entry_fields(catalogue.chronology)
    review = load(path, catalogue)
    before = next(s for s in steps(catalogue, review) if s.id == "chronology")
    earlier = steps(catalogue, review)[steps(catalogue, review).index(before) - 1]
    script: list[Step] = [
        *_form(fields, ENTRY, 0, None),
        line("Date:", "?back"),
        (earlier.title.split("\n")[0][:30], b"?quit\r"),
    ]
    code, out, _ = run(path, catalogue, glossary, script)
    assert code == 0
    assert "What would you like to do?" not in out
    assert "No chronology entry added." not in out
    review = load(path, catalogue)
    assert len(review.chronology) == 1 and review.drafts == []
    assert "?back" not in path.read_text(encoding="utf-8")
