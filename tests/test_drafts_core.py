"""Drafts in the core: unfinished chronology entries and recommendations kept in the file.

A draft is every field given and the one being typed, as typed. It lives in the review
file as readable ``[[drafts]]`` tables, is journalled like any other part (a kill loses at
most a fifth of a second of it), is copied by a save's snapshot and survives an outside
change. A review without drafts is written exactly as before.
"""

from __future__ import annotations

from pathlib import Path

from terminal import until

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.controller import Cursor, drafts_line, kept_sentence, offer_question
from imr_tui.core.example import load_example
from imr_tui.core.field_rules import FormField
from imr_tui.core.journal import apply, read_journal
from imr_tui.core.model import Draft, Review
from imr_tui.core.recommendation_rules import recommendation_fields
from imr_tui.core.session import Session, open_session, snapshot
from imr_tui.core.store import load, save

ENTRY = Draft(
    kind="entry",
    fields={
        "date": "11/03/2025",
        "time": "9:05",
        "source": "Patient records",
        "practitioner": "Amy Ha",
    },
    typing="practitioner",
)
RECOMMENDATION = Draft(
    kind="recommendation",
    record="r1",
    fields={"text": "Ensure that ward staff record every\ncontact."},
    typing="text",
)


def opened(path: Path, catalogue: Catalogue) -> Session:
    """A journalled session on a new, empty review at ``path``."""
    save(path, Review(), catalogue)
    session, recovered = open_session(path, catalogue)
    assert recovered is None
    session.recover(None)
    return session


def closed(session: Session) -> None:
    """End a session, releasing its lock."""
    session.close()
    if session.lock is not None:
        session.lock.release()


# ---------------------------------------------------------------- the session's API


def test_put_replaces_the_draft_of_the_same_kind_and_record(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session = opened(tmp_path / "r.toml", catalogue)
    session.put_draft(ENTRY)
    session.put_draft(RECOMMENDATION)
    later = ENTRY.model_copy(update={"fields": {**ENTRY.fields, "practitioner": "Amy Hart"}})
    session.put_draft(later)
    assert session.review.drafts == [later, RECOMMENDATION]  # in its place
    assert session.drafts_of("entry") == [later]
    assert session.drafts_of("recommendation") == [RECOMMENDATION]
    # another record's draft of the same kind is another draft
    other = RECOMMENDATION.model_copy(update={"record": ""})
    session.put_draft(other)
    assert session.drafts_of("recommendation") == [RECOMMENDATION, other]
    assert session.draft_of("recommendation", "r1") == RECOMMENDATION
    session.drop_draft("recommendation", "r1")
    assert session.drafts_of("recommendation") == [other]
    session.drop_draft("entry")
    session.drop_draft("entry")  # none left: nothing happens
    assert session.review.drafts == [other]
    closed(session)


def test_every_change_to_the_drafts_marks_the_review_changed(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session = opened(tmp_path / "r.toml", catalogue)
    before = session.generation
    session.put_draft(ENTRY)
    assert session.dirty and session.generation == before + 1
    session.put_draft(ENTRY)  # the same again: no change
    assert session.generation == before + 1
    session.drop_draft("recommendation")  # none: no change
    assert session.generation == before + 1
    session.drop_draft("entry")
    assert session.generation == before + 2
    closed(session)


def test_drafts_go_through_save_and_load(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(ENTRY)
    session.put_draft(RECOMMENDATION)
    assert session.save()
    closed(session)
    assert load(path, catalogue).drafts == [ENTRY, RECOMMENDATION]


def test_the_snapshot_a_save_writes_holds_its_own_list_of_drafts(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session = opened(tmp_path / "r.toml", catalogue)
    session.put_draft(ENTRY)
    taken = snapshot(session.review)
    session.put_draft(RECOMMENDATION)
    session.drop_draft("entry")
    assert taken.drafts == [ENTRY]
    assert session.review.drafts == [RECOMMENDATION]
    # even a list changed in place (as a front end might) leaves the snapshot alone
    taken = snapshot(session.review)
    session.review.drafts.append(ENTRY)
    assert taken.drafts == [RECOMMENDATION]
    closed(session)


def test_a_draft_survives_a_kill_through_the_journal(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(ENTRY)
    # Never saved: as if killed now. The journal's thread writes it to disk.
    found = until(lambda: ((j := read_journal(path)) and "drafts" in j.changes and j) or None, 5.0)
    assert found is not None
    assert apply(load(path, catalogue), found.changes).drafts == [ENTRY]
    assert session.lock is not None
    session.lock.release()
    # The next session replays it, and saving puts it in the file.
    again, recovered = open_session(path, catalogue)
    assert recovered is not None
    again.recover(recovered)
    assert again.review.drafts == [ENTRY]
    assert again.save()
    closed(again)
    assert load(path, catalogue).drafts == [ENTRY]


def test_a_removed_draft_stays_removed_after_a_kill(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(ENTRY)
    assert session.save()
    session.drop_draft("entry")
    found = until(lambda: ((j := read_journal(path)) and "drafts" in j.changes and j) or None, 5.0)
    assert found is not None
    assert load(path, catalogue).drafts == [ENTRY]  # the file still has it...
    assert apply(load(path, catalogue), found.changes).drafts == []  # ...the journal not
    assert session.lock is not None
    session.lock.release()


def test_reloading_after_an_outside_change_keeps_unsaved_drafts(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(ENTRY)
    outside = load(path, catalogue)
    outside.set_answer("agency", "Acme Trust")
    save(path, outside, catalogue)  # another program writes the file meanwhile
    session.reload_keeping_mine()
    assert session.review.answer("agency") == "Acme Trust"
    assert session.review.drafts == [ENTRY]
    assert session.save()
    closed(session)
    assert load(path, catalogue).drafts == [ENTRY]


def test_keeping_both_versions_keeps_the_drafts_in_the_copy(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(RECOMMENDATION)
    copy = session.keep_both()
    closed(session)
    assert load(copy, catalogue).drafts == [RECOMMENDATION]
    assert load(path, catalogue).drafts == []


# ---------------------------------------------------------------- the file


def test_drafts_are_written_as_readable_tables(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    save(path, Review(drafts=[ENTRY, RECOMMENDATION]), catalogue)
    text = path.read_text(encoding="utf-8")
    first = (
        "[[drafts]]\n"
        'kind = "entry"\n'
        'typing = "practitioner"\n'
        "\n"
        "[drafts.fields]\n"
        'date = "11/03/2025"\n'
        'time = "9:05"\n'
        'source = "Patient records"\n'
        'practitioner = "Amy Ha"\n'
    )
    second = (
        "[[drafts]]\n"
        'kind = "recommendation"\n'
        'record = "r1"\n'
        'typing = "text"\n'
        "\n"
        "[drafts.fields]\n"
        'text = """\n'
        "Ensure that ward staff record every\n"
        'contact."""\n'
    )
    assert first in text and second in text
    assert text.index(first) < text.index(second)


def test_a_draft_with_only_a_kind_writes_only_its_kind(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "r.toml"
    save(path, Review(drafts=[Draft(kind="entry")]), catalogue)
    text = path.read_text(encoding="utf-8")
    assert '[[drafts]]\nkind = "entry"\n' in text
    assert "record" not in text and "typing" not in text
    assert load(path, catalogue).drafts == [Draft(kind="entry")]


HOSTILE = {
    "date": "[bold]11/03/2025[/bold]",
    "source": "[@click=app.quit]Records[/]",
    "practitioner": "Zoë \u202eYılmaz\x07 " + "Ł" * 300,
    "event": 'He said "stop" \\ then\n\n  left.\t',
    "outcome": "نعم 是的 да",
}


def test_hostile_text_in_a_draft_is_kept_literally(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(Draft(kind="entry", fields=HOSTILE, typing="event"))
    assert session.save()
    closed(session)
    back = load(path, catalogue).drafts
    assert back == [Draft(kind="entry", fields=HOSTILE, typing="event")]


def test_half_a_character_in_a_draft_becomes_the_replacement_character(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "r.toml"
    session = opened(path, catalogue)
    session.put_draft(Draft(kind="entry", fields={"event": "Seen \ud83d by the GP"}))
    assert session.save()  # a lone surrogate cannot be written as UTF-8
    closed(session)
    assert load(path, catalogue).drafts[0].fields == {"event": "Seen \ufffd by the GP"}


def test_a_file_with_a_draft_of_an_unknown_kind_is_refused_in_one_line(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    import pytest

    from imr_tui.core.errors import UserError

    path = tmp_path / "r.toml"
    save(path, Review(), catalogue)
    text = path.read_text(encoding="utf-8").replace(
        "# end of review", '[[drafts]]\nkind = "adult"\n\n# end of review'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as refused:
        load(path, catalogue)
    message = str(refused.value)
    assert "\n" not in message and "r.toml" in message and "drafts" in message
    assert path.read_text(encoding="utf-8") == text  # untouched


# ---------------------------------------------------------------- a review without drafts

OLDER_FILE = (
    "# Individual Management Review, written with imr-tui.\n"
    "# It holds special category personal data: keep it private and do not e-mail it.\n"
    "# A whole file ends with the line: # end of review\n"
    "\n"
    "schema_version = 1\n"
    'resume = "summary"\n'
    "adults = [\n"
    '    { name = "Edith Marlow" },\n'
    "]\n"
    "accepted_abbreviations = [\n"
    '    "GP",\n'
    "]\n"
    "\n"
    "[meta]\n"
    'created = "2026-06-01T12:00:00Z"\n'
    'app_version = "{version}"\n'
    'catalogue = "imr-standard 1"\n'
    "\n"
    "[answers]\n"
    'agency = "Acme Trust (FICTIONAL)"\n'
    'summary = """\n'
    "Seen twice by the\n"
    'ward team."""\n'
    "\n"
    "[review_period]\n"
    'start = "2025-01-01"\n'
    'end = "2025-12-31"\n'
    "\n"
    "[[chronology]]\n"
    'id = "c1"\n'
    'date = "2025-03-11"\n'
    "approximate = false\n"
    'time = "09:05"\n'
    'source = "Ward notes"\n'
    "\n"
    "[chronology.cells]\n"
    'practitioner = "Amy Hart"\n'
    'event = "Admitted to ward 7."\n'
    "\n"
    "[[recommendations]]\n"
    'id = "r1"\n'
    'recommendation = "Ensure that ward staff record every contact."\n'
    'actions = ""\n'
    'lead = "Ward manager"\n'
    'resources = ""\n'
    'evidence = ""\n'
    "\n"
    "# end of review\n"
)
"""A review written by imr-tui before drafts existed (every kind of part in it; the
version filled in), byte for byte."""


def test_an_older_file_loads_and_is_written_byte_for_byte_as_before(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    from imr_tui import __version__
    from imr_tui.core.store import to_toml

    path = tmp_path / "r.toml"
    older = OLDER_FILE.replace("{version}", __version__)
    path.write_text(older, encoding="utf-8")
    review = load(path, catalogue)
    assert review.drafts == []
    assert to_toml(review, catalogue) == older
    # A draft added then removed leaves nothing behind.
    review.drafts = [ENTRY]
    assert "[[drafts]]" in to_toml(review, catalogue)
    review.drafts = []
    assert to_toml(review, catalogue) == older


# ---------------------------------------------------------------- resuming after the end


def finished(catalogue: Catalogue, tmp_path: Path) -> tuple[Session, Cursor]:
    """The worked example (every prompt answered), walked past its last prompt."""
    path = tmp_path / "r.toml"
    save(path, load_example(catalogue), catalogue)
    session = Session(path, load(path, catalogue), catalogue)
    cursor = Cursor(session)
    cursor.go(cursor.steps()[-1].id)
    assert cursor.forward() is None and cursor.past_end
    return session, cursor


def test_after_the_end_resume_goes_to_the_first_unanswered_prompt(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session, cursor = finished(catalogue, tmp_path)
    last = cursor.steps()[-1].id
    assert session.review.resume == last
    session.set_text(next(s for s in cursor.steps() if s.id == "q_policies"), "")
    session.set_text(next(s for s in cursor.steps() if s.id == "l_training"), "")
    target = cursor.after_end(())
    assert target is not None and target.id == "q_policies"
    assert session.review.resume == "q_policies"
    assert cursor.past_end  # the cursor itself stays past the end
    assert Cursor(session).resume().id == "q_policies"  # where the next session opens


def test_after_the_end_a_flagged_prompt_before_an_unanswered_one_comes_first(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session, cursor = finished(catalogue, tmp_path)
    session.set_text(next(s for s in cursor.steps() if s.id == "l_training"), "")
    target = cursor.after_end({"sources", "q_capacity"})
    assert target is not None and target.id == "sources"
    assert session.review.resume == "sources"
    target = cursor.after_end({"endorsed_on"})  # after the unanswered one
    assert target is not None and target.id == "l_training"


def test_after_the_end_a_flagged_analysis_heading_is_a_step_of_its_own(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session, cursor = finished(catalogue, tmp_path)
    target = cursor.after_end({"tor_analysis:tor2"})
    assert target is not None and target.title == session.review.headings[1].title
    assert session.review.resume == "tor_analysis:tor2"


def test_after_the_end_a_removed_heading_is_never_where_it_resumes(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session, cursor = finished(catalogue, tmp_path)
    session.set_headings([(h.id, h.title) for h in session.review.headings[1:]])
    removed = [s for s in cursor.steps() if s.removed]
    assert [s.id for s in removed] == ["tor_analysis:tor1"]
    assert cursor.after_end({"tor_analysis:tor1"}) is None


def test_after_the_end_with_everything_answered_and_nothing_flagged_resume_stays(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    session, cursor = finished(catalogue, tmp_path)
    last = session.review.resume
    generation = session.generation
    assert cursor.after_end(()) is None
    assert cursor.after_end({"no such step"}) is None
    assert session.review.resume == last and session.generation == generation
    assert cursor.past_end


# ---------------------------------------------------------------- what is said


def entry_form(catalogue: Catalogue) -> list[FormField]:
    """The chronology entry's form fields, as the chronology package gives them."""
    from imr_tui.chronology.entry_rules import entry_fields

    return entry_fields(catalogue.chronology)


def test_the_offer_names_an_entry_by_its_date_as_typed(catalogue: Catalogue) -> None:
    fields = entry_form(catalogue)
    assert offer_question(ENTRY, fields) == (
        "An unfinished chronology entry of 11/03/2025 was kept: finish it, or remove it?"
    )
    typed = Draft(kind="entry", fields={"date": " 3/2025 \n", "source": "GP"}, typing="date")
    assert offer_question(typed, fields) == (
        "An unfinished chronology entry of 3/2025 was kept: finish it, or remove it?"
    )
    undated = Draft(kind="entry", fields={"date": "  ", "source": "GP"})
    assert offer_question(undated, fields) == (
        "An unfinished chronology entry (no date yet) was kept: finish it, or remove it?"
    )
    change = ENTRY.model_copy(update={"record": "c1"})
    assert offer_question(change, fields) == (
        "An unfinished change to the chronology entry of 11/03/2025 was kept: "
        "finish it, or remove it?"
    )


def test_the_offer_quotes_the_start_of_a_recommendation(catalogue: Catalogue) -> None:
    fields = recommendation_fields(catalogue.recommendations)
    new = Draft(
        kind="recommendation",
        fields={"recommendation": "Ensure that ward staff record every contact."},
    )
    assert offer_question(new, fields) == (
        'An unfinished recommendation ("Ensure that ward staff record every ...") '
        "was kept: finish it, or remove it?"
    )
    short = Draft(kind="recommendation", fields={"recommendation": "Train\nstaff."})
    assert offer_question(short, fields) == (
        'An unfinished recommendation ("Train staff.") was kept: finish it, or remove it?'
    )
    empty = Draft(kind="recommendation", fields={"lead": "Ward manager"})
    assert offer_question(empty, fields) == (
        "An unfinished recommendation (no text yet) was kept: finish it, or remove it?"
    )


def test_what_was_kept_is_said_in_a_grammatical_list(catalogue: Catalogue) -> None:
    fields = entry_form(catalogue)
    assert kept_sentence(ENTRY, fields) == (
        "The chronology entry you were adding was kept unfinished, with its date, time, "
        "source and practitioner (the practitioner as far as you had typed it)."
    )
    two = Draft(kind="entry", fields={"source": "GP", "date": "1/1/2025", "time": ""})
    assert kept_sentence(two, fields) == (
        "The chronology entry you were adding was kept unfinished, with its date and source."
    )
    one = Draft(kind="entry", fields={"date": "11/03/20"}, typing="date")
    assert kept_sentence(one, fields) == (
        "The chronology entry you were adding was kept unfinished, with its date "
        "(as far as you had typed it)."
    )
    nothing = Draft(kind="entry", record="c1")
    assert kept_sentence(nothing, fields) == (
        "The chronology entry you were changing was kept unfinished, with nothing typed in it yet."
    )
    columns = Draft(kind="entry", fields={"contact_type": "Visit", "event": "Seen."})
    assert kept_sentence(columns, fields) == (
        "The chronology entry you were adding was kept unfinished, with its type of contact "
        "and event."
    )
    rec = Draft(
        kind="recommendation",
        fields={"recommendation": "Train staff.", "lead": "Ward", "target_date": "03/2026"},
        typing="target_date",
    )
    assert kept_sentence(rec, recommendation_fields(catalogue.recommendations)) == (
        "The recommendation you were adding was kept unfinished, with its text, lead and "
        "target date (the target date as far as you had typed it)."
    )


def test_the_start_up_line_counts_the_drafts_and_says_where_they_are_offered() -> None:
    assert drafts_line(Review()) == ""
    assert drafts_line(Review(drafts=[ENTRY])) == (
        "1 unfinished chronology entry was kept from last time: it is offered at the chronology."
    )
    other = ENTRY.model_copy(update={"record": "c1"})
    assert drafts_line(Review(drafts=[ENTRY, other])) == (
        "2 unfinished chronology entries were kept from last time: they are offered at "
        "the chronology."
    )
    assert drafts_line(Review(drafts=[RECOMMENDATION, ENTRY])) == (
        "1 unfinished chronology entry and 1 unfinished recommendation were kept from last "
        "time: they are offered at the chronology and the recommendations."
    )


def test_hostile_text_is_quoted_literally_with_controls_made_visible(
    catalogue: Catalogue,
) -> None:
    fields = entry_form(catalogue)
    marked = Draft(kind="entry", fields={"date": "[bold]11/03/2025[/bold]"})
    assert offer_question(marked, fields) == (
        "An unfinished chronology entry of [bold]11/03/2025[/bold] was kept: "
        "finish it, or remove it?"
    )
    escape = Draft(kind="entry", fields={"date": "\x1b[31m1/1/2025\x07"})
    question = offer_question(escape, fields)
    assert "\x1b" not in question and "\x07" not in question
    assert "␛[31m1/1/2025␇" in question
    long = Draft(kind="recommendation", fields={"recommendation": "[@click=app.quit]" + "Ł" * 300})
    quoted = offer_question(long, recommendation_fields(catalogue.recommendations))
    assert quoted.startswith('An unfinished recommendation ("[@click=app.quit]ŁŁŁ')
    assert len(quoted) < 120 and '...") was kept' in quoted
    named = Draft(kind="entry", fields={"[b]odd_id": "x"})  # a field the form does not know
    assert kept_sentence(named, fields).endswith("with its [b]odd id.")
