"""The line asker key by key: typed bytes in, whole lines out, never an escape code.

Each test types bytes from a script (tests/line_script.py) into a real
:class:`~imr_tui.plain.lines.LineAsker` and looks at the answer, at what was handed
to the journal as it was typed, and at every character printed.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import termios
import threading
from collections.abc import Iterator

import pytest
from line_script import ScriptedKeys, keys_of, line_asker

from imr_tui.plain.asks import BAD_BYTES
from imr_tui.plain.commands import Nav, Navigate
from imr_tui.plain.keys import TtyKeys
from imr_tui.plain.lines import LONG_INSTRUCTION, LineAsker

MENU = "Type a number from 1 to 3 and press Enter"
CHOICES = [("Keep it", "keep"), ("Replace it", "replace"), ("Clear it", "clear")]


def printed(out: io.StringIO) -> str:
    """Everything printed, checked to hold no escape byte."""
    text = out.getvalue()
    assert "\x1b" not in text
    return text


def answer(keys: bytes, **kwargs: object) -> tuple[str, str]:
    """The answer a one-line question gets from ``keys``, and what was printed."""
    asker, out = line_asker([("Name", keys)])
    got = asker.text("Name", **kwargs)  # type: ignore[arg-type]
    return got, printed(out)


# ------------------------------------------------------------------ typing a line
def test_a_line_is_echoed_as_typed_and_ends_at_enter() -> None:
    got, shown = answer(b"Ann Cole\r")
    assert got == "Ann Cole"
    assert shown == "Name Ann Cole\n"


def test_cr_lf_is_one_enter_and_a_line_feed_alone_is_enter() -> None:
    asker, out = line_asker([b"Ann\r\nBob\nCy\r", b"\nDee\r"])
    assert [asker.text("First"), asker.text("Second"), asker.text("Third")] == [
        "Ann",
        "Bob",
        "Cy",
    ]
    assert asker.text("Fourth") == "Dee"  # the LF of a CR LF split across two reads
    printed(out)


def test_typed_ahead_keys_land_where_typed_in_order() -> None:
    asker, out = line_asker([("First", b"Ann\r2\ry\rlast\r")])
    assert asker.text("First") == "Ann"
    assert asker.choose("Pick", CHOICES) == "replace"
    assert asker.confirm("Sure?") is True
    assert asker.text("Then") == "last"
    shown = printed(out)
    assert (
        shown.index("First Ann")
        < shown.index("Pick")
        < shown.index("Sure?")
        < shown.index("Then last")
    )


@pytest.mark.parametrize("erase", [b"\x7f", b"\x08"])
def test_backspace_removes_one_character(erase: bytes) -> None:
    got, shown = answer(b"Anx" + erase + b"n\r")
    assert got == "Ann"
    assert shown == "Name Anx\b \bn\n"


def test_backspace_removes_a_wide_character_and_both_its_columns() -> None:
    got, shown = answer("李明".encode() + b"\x7f\r")
    assert got == "李"
    assert shown.endswith("李明\b \b\b \b\n")


def test_backspace_removes_a_letter_with_its_accent() -> None:
    got, shown = answer("Zoe\u0301".encode() + b"\x7f\r")  # e and a combining acute
    assert got == "Zo"
    assert shown.endswith("Zoe\u0301\b \b\n")


def test_backspace_on_an_empty_line_does_nothing() -> None:
    got, shown = answer(b"\x7f\x7fA\r")
    assert (got, shown) == ("A", "Name A\n")


def test_ctrl_u_clears_the_line_and_ctrl_w_the_last_word() -> None:
    got, shown = answer(b"Dr Ann Cole\x17\x17Bo\x15Sam Reed\r")
    assert got == "Sam Reed"
    assert "\x15" not in shown and "\x17" not in shown


def test_ctrl_w_removes_the_spaces_before_the_word_too() -> None:
    got, _ = answer(b"Ann  Cole  \x17Reed\r")
    assert got == "Ann  Reed"


@pytest.mark.parametrize(
    "key", [b"\t", b"\x0c", b"\x0f", b"\x11", b"\x12", b"\x13", b"\x16", b"\x1a", b"\x00", b"\x07"]
)
def test_other_control_keys_do_nothing(key: bytes) -> None:
    got, shown = answer(b"An" + key + b"n\r")
    assert (got, shown) == ("Ann", "Name Ann\n")


def test_a_c1_control_character_is_not_taken() -> None:
    got, shown = answer(b"An\xc2\x9bn\r")  # U+009B, the 8-bit CSI
    assert (got, shown) == ("Ann", "Name Ann\n")


@pytest.mark.parametrize(
    "sequence",
    [b"\x1b[A", b"\x1b[1;5C", b"\x1b[3~", b"\x1b[200~", b"\x1bOP", b"\x1bOA", b"\x1b\x1b[B"],
)
def test_arrow_and_function_keys_do_nothing(sequence: bytes) -> None:
    got, shown = answer(b"An" + sequence + b"n\r")
    assert (got, shown) == ("Ann", "Name Ann\n")


def test_an_escape_sequence_split_across_reads_is_still_swallowed() -> None:
    asker, out = line_asker([b"An\x1b", b"[", b"1;5", b"Dn\r"])
    assert asker.text("Name") == "Ann"
    assert printed(out) == "Name Ann\n"


def test_esc_then_enter_in_a_one_line_answer_is_enter() -> None:
    got, shown = answer(b"Ann\x1b\r")
    assert (got, shown) == ("Ann", "Name Ann\n")


def test_ctrl_c_raises_and_keeps_what_was_typed() -> None:
    drafts: list[str] = []
    asker, out = line_asker([("Name", b"Amy H"), b"a\x03"])
    with pytest.raises(KeyboardInterrupt):
        asker.text("Name", on_draft=drafts.append)
    assert asker.editor.text == "Amy Ha"
    assert drafts == ["A", "Am", "Amy", "Amy ", "Amy H", "Amy Ha"]
    assert printed(out).endswith("Amy Ha\n")  # the exit message will start on its own line


def test_draft_is_the_answer_so_far_while_asking() -> None:
    seen: list[str] = []
    asker, _ = line_asker([b"Amy\x03"])

    def journal(text: str) -> None:
        seen.append(asker.draft())

    with pytest.raises(KeyboardInterrupt):
        asker.text("Name", on_draft=journal)
    assert seen == ["A", "Am", "Amy"]
    assert asker.draft() == "Amy"  # kept after Ctrl-C, until the next question
    keys_of(asker).steps.append(b"Bo\r")
    assert asker.text("Name") == "Bo"
    assert asker.draft() == ""  # an answer given is no draft


def test_draft_keeps_a_long_answer_left_by_ctrl_c_or_a_command() -> None:
    asker, _ = line_asker([b"line one\rhalf\x03", b"line two\r?back\r"])
    with pytest.raises(KeyboardInterrupt):
        asker.long_text("What happened?")
    assert asker.draft() == "line one\nhalf"

    def back(line: str) -> str | None:
        raise Navigate(Nav.BACK)

    asker.commands = back
    with pytest.raises(Navigate):
        asker.long_text("What happened?")
    assert asker.draft() == "line two"  # the command itself is no part of it


def test_ctrl_d_on_an_empty_line_ends_input_and_is_ignored_after_text() -> None:
    got, _ = answer(b"An\x04n\r")
    assert got == "Ann"
    asker, _ = line_asker([b"\x04"])
    with pytest.raises(EOFError):
        asker.text("Name")


def test_the_end_of_input_is_eof() -> None:
    asker, _ = line_asker([b"Ann"], at_end=b"")
    with pytest.raises(EOFError):
        asker.text("Name")


def test_every_change_is_handed_on_and_nothing_else() -> None:
    drafts: list[str] = []
    asker, _ = line_asker([b"Ab\x7f\x1b[Dc\x0f\r"])
    assert asker.text("Name", on_draft=drafts.append) == "Ac"
    assert drafts == ["A", "Ab", "A", "Ac"]


# ------------------------------------------------------------------ bytes that are not text
def test_bytes_that_are_not_utf8_become_replacement_characters_said_once() -> None:
    asker, out = line_asker([("Name", b"Ann \xff\xfe Cole\r"), ("Next", b"Bob\r")])
    assert asker.text("Name") == "Ann \ufffd\ufffd Cole"
    assert asker.text("Next") == "Bob"
    shown = printed(out)
    assert shown.count(BAD_BYTES) == 1
    assert shown.index("Ann \ufffd\ufffd Cole") < shown.index(BAD_BYTES) < shown.index("Next")


def test_a_character_split_across_reads_is_whole() -> None:
    asker, out = line_asker([b"Jos\xc3", b"\xa9\r"])
    assert asker.text("Name") == "Jos\u00e9"
    assert BAD_BYTES not in printed(out)


# ------------------------------------------------------------------ one-line questions
def test_a_refused_answer_says_why_once_then_asks_again() -> None:
    def check(value: str) -> str:
        return "" if value.isdigit() else "Type the year in figures, like 2024."

    asker, out = line_asker([("Year", b"last year\r"), ("Type the year", b"2024\r")])
    assert asker.text("Year", check=check) == "2024"
    assert printed(out) == ("Year last year\nType the year in figures, like 2024.\nYear 2024\n")


def test_a_default_is_named_and_kept_cleared_or_replaced() -> None:
    shown_before = ("Now: Ann Cole", "Enter keeps it, - clears it, or type a replacement.")
    for keys, expected in [
        (b"\r", "Ann Cole"),
        (b"-\r", ""),
        (b" - \r", ""),
        (b"\\-\r", "-"),
        (b"Bo Reed\r", "Bo Reed"),
    ]:
        asker, _out = line_asker([(shown_before, keys)])
        assert asker.text("Name", default="Ann Cole") == expected, keys


def test_escaped_question_mark_and_full_stop_are_answers() -> None:
    asker, _out = line_asker([b"\\?\r\\.\r"])
    asker.commands = lambda line: pytest.fail("not a command")
    assert asker.text("Agency") == "?"
    assert asker.text("Initial") == "."


def test_a_question_mark_line_runs_the_commands_and_asks_again() -> None:
    lines: list[str] = []

    def commands(line: str) -> str | None:
        lines.append(line)
        asker.say("Commands: ?skip ?back ?quit")
        return None

    asker, _out = line_asker([("Agency", b"?\r"), (("Commands:", "Agency"), b"Hillside\r")])
    asker.commands = commands
    drafts: list[str] = []
    assert asker.text("Agency", on_draft=drafts.append) == "Hillside"
    assert lines == ["?"]
    assert "?" not in drafts  # never handed on as the answer


def test_a_command_may_give_the_answer_or_leave_the_question() -> None:
    asker, _ = line_asker([b"?editor\r?back\r"])
    asker.commands = lambda line: "written in the editor" if line == "?editor" else None
    assert asker.text("Agency") == "written in the editor"

    def back(line: str) -> str | None:
        raise Navigate(Nav.BACK)

    asker.commands = back
    with pytest.raises(Navigate) as left:
        asker.text("Agency")
    assert left.value.nav is Nav.BACK


def test_without_commands_a_question_mark_is_an_answer() -> None:
    got, _ = answer(b"?\r")
    assert got == "?"


def test_an_approximate_date_is_not_a_command() -> None:
    asker, _ = line_asker([b"?04/2024\r"])
    asker.commands = lambda line: pytest.fail("not a command")
    assert asker.text("Date") == "?04/2024"


def test_number_takes_a_number_in_range_or_nothing() -> None:
    asker, out = line_asker([b"7\r2\r", b"\r"])
    assert asker.number("Which one?", 3) == 2
    assert asker.number("Which one?", 3) is None
    assert printed(out).count("Type a number from 1 to 3, or nothing to go back.") == 1


# ------------------------------------------------------------------ menus
@pytest.mark.parametrize(
    "wrong",
    [b"\r", b"\x1b\r", b"\x1b", b"\x0f\r", b"x\r", b"0\r", b"4\r", b"1.5\r", b"\xc2\xb2\r", b" \r"],
    ids=[
        "empty",
        "esc-enter",
        "esc",
        "ctrl-o",
        "letter",
        "0",
        "n+1",
        "1.5",
        "superscript",
        "space",
    ],
)
def test_a_menu_given_anything_but_a_number_asks_again_in_one_sentence(wrong: bytes) -> None:
    asker, out = line_asker(
        [("Enter: ", wrong + (b"" if wrong.endswith(b"\r") else b"\r")), (MENU + ".", b"3\r")]
    )
    assert asker.choose("What now?", CHOICES) == "clear"
    shown = printed(out)
    assert shown.count(MENU + ".") == 1
    assert shown.count("1. Keep it") == 1  # the options are not printed again
    assert shown.startswith(
        "What now?\n  1. Keep it\n  2. Replace it\n  3. Clear it\n" + MENU + ": "
    )


def test_a_menu_takes_the_number_with_spaces_round_it() -> None:
    asker, _ = line_asker([b" 2 \r"])
    assert asker.choose("What now?", CHOICES) == "replace"


def test_a_question_mark_at_a_menu_runs_the_commands_then_shows_the_menu_again() -> None:
    asker, out = line_asker([b"?\r", ("1. Keep it", b"1\r")])
    seen: list[str] = []

    def commands(line: str) -> str | None:
        seen.append(line)
        return "an editor's text means nothing at a menu"

    asker.commands = commands
    assert asker.choose("What now?", CHOICES) == "keep"
    assert seen == ["?"]
    assert printed(out).count("What now?") == 2


def test_long_menu_titles_wrap_under_their_text() -> None:
    asker, out = line_asker([b"1\r"], width=30)
    asker.choose("Which?", [("Entry 2: 12/03/2024 09:05 Electronic patient record", 1)])
    lines = printed(out).splitlines()
    assert lines[1:3] == ["  1. Entry 2: 12/03/2024 09:05", "     Electronic patient record"]


# ------------------------------------------------------------------ yes or no
def test_yes_and_no_in_any_case() -> None:
    asker, out = line_asker([b"y\rYES\rn\rNo\r"])
    assert [asker.confirm("Sure?") for _ in range(4)] == [True, True, False, False]
    assert printed(out).count("Sure? (y or n): ") == 4


@pytest.mark.parametrize("wrong", [b"\r", b"maybe\r", b"\x1b\r", b"1\r"])
def test_yes_no_asks_again_at_anything_else(wrong: bytes) -> None:
    asker, out = line_asker([wrong, ("Type y for yes or n for no.", b"n\r")])
    assert asker.confirm("Sure?", default=True) is False
    assert printed(out).count("Type y for yes or n for no.") == 1


# ------------------------------------------------------------------ long answers
def test_a_long_answer_ends_at_a_full_stop_keeping_blank_lines_inside() -> None:
    drafts: list[str] = []
    asker, out = line_asker([("full stop on its own line", b"Para one.\r\rPara two.\r\r\r.\r")])
    got = asker.long_text("What happened?", on_draft=drafts.append)
    assert got == "Para one.\n\nPara two."
    assert drafts[-1] == "Para one.\n\nPara two."
    shown = printed(out)
    assert shown.startswith(LONG_INSTRUCTION.split(". ")[0])
    assert "What happened? (end with a full stop on its own line)\n" in shown


def test_the_long_instruction_is_said_once_a_session() -> None:
    asker, out = line_asker([b"One\r.\rTwo\r.\r"])
    asker.long_text("First?")
    asker.long_text("Second?")
    shown = printed(out)
    assert shown.count("A line with only a full stop ends the answer.") == 1
    assert shown.count("full stop") == 2  # the instruction, then the first question's reminder
    assert "First? (end with a full stop on its own line)\n" in shown
    assert "Second? (long answer)\n" in shown


def test_what_enter_and_a_dash_do_to_a_shown_answer_is_said_once_a_session() -> None:
    asker, out = line_asker([b"\r", b"\r", b"\r"])
    assert asker.text("Source:", default="Patient record") == "Patient record"
    assert asker.text("Practitioner:", default="Amy Hart") == "Amy Hart"
    assert asker.long_text("Event:", default="Visited.") == "Visited."
    shown = printed(out)
    assert shown.count("Enter keeps it, - clears it, or type a replacement.") == 1
    assert shown.count("Now: ") == 3  # each answer is still named before its question


def test_a_shown_answer_its_question_refuses_is_not_offered_to_be_kept() -> None:
    """A half-typed date kept from an interrupted entry: Enter cannot keep it, and the
    line under it says so and names the two ways on."""

    def check(text: str) -> str:
        return "" if text.count("/") == 2 else f"'{text}' is not a date"

    asker, out = line_asker([b"\r", b"14/03/2025\r"])
    assert asker.text("Date:", default="14/0", check=check) == "14/03/2025"
    shown = printed(out)
    assert (
        "Now: 14/0\nThat cannot be kept as it is: type a replacement, or - to clear it.\n" in shown
    )
    assert "Enter keeps it" not in shown
    assert shown.count("'14/0' is not a date") == 1  # Enter: refused once, then a date


def test_an_empty_first_line_skips_a_long_answer() -> None:
    asker, _ = line_asker([b"\r", b".\r"])
    assert asker.long_text("What happened?") == ""
    assert asker.long_text("And then?") == ""


def test_esc_then_enter_ends_a_long_answer_however_late_the_enter() -> None:
    asker, _ = line_asker([b"line one\r", b"line two\x1b", b"\r", ("Next", b"Ann\r")])
    assert asker.long_text("What happened?") == "line one\nline two"
    assert asker.text("Next") == "Ann"


def test_a_full_stop_typed_later_still_ends_without_blank_lines() -> None:
    asker, _ = line_asker([b"line one\r", b".", b"\r"])
    assert asker.long_text("What happened?") == "line one"


def test_an_escaped_full_stop_is_a_line_of_the_answer() -> None:
    asker, _ = line_asker([b"Listed:\r\\.\r.\r"])
    assert asker.long_text("What happened?") == "Listed:\n."


def test_ctrl_c_in_a_long_answer_keeps_the_lines_and_the_half_line() -> None:
    drafts: list[str] = []
    asker, _ = line_asker([b"line one\r\rhalf a li\x03"])
    with pytest.raises(KeyboardInterrupt):
        asker.long_text("What happened?", on_draft=drafts.append)
    assert drafts[-1] == "line one\n\nhalf a li"


def test_a_command_on_any_line_of_a_long_answer_keeps_the_lines() -> None:
    asker, _out = line_asker([b"line one\r?\r", ("full stop", b"line two\r.\r")])
    asker.commands = lambda line: None
    assert asker.long_text("What happened?") == "line one\nline two"


def test_a_long_answer_with_a_default() -> None:
    asker, _ = line_asker([("Now: Old text", b"\r"), b"-\r", b"New\r.\r"])
    assert asker.long_text("What?", default="Old text") == "Old text"
    assert asker.long_text("What?", default="Old text") == ""
    assert asker.long_text("What?", default="Old text") == "New"


# ------------------------------------------------------------------ what is printed
def test_say_wraps_at_spaces_only() -> None:
    text = (
        "The author's well-being check-in on 12/03/2024 at the community mental-health "
        "team's office was rescheduled twice: see www.example.org/very-long-address-here."
    )
    asker, out = line_asker([], width=30)
    asker.say(text, indent="  ")
    lines = printed(out).splitlines()
    assert len(lines) > 1
    assert " ".join(line.strip() for line in lines) == text  # every break was a space
    assert all(line.startswith("  ") for line in lines)


def test_a_300_character_name_is_never_broken() -> None:
    name = "A" * 300
    asker, out = line_asker([b"1\r"], width=40)
    asker.say(f"Adult: {name} was seen.")
    asker.choose("Which?", [(name, 1)])
    shown = printed(out)
    assert shown.count(name) == 2
    assert f"Adult:\n{name}\nwas seen.\n" in shown
    assert f"  1. {name}\n" in shown  # the number stays with its title


def test_markup_and_control_characters_are_shown_literally() -> None:
    hostile = "[bold]Ann[/bold] [@click=app.quit]x[/] \x1b[31mred\x07"
    asker, out = line_asker([b"1\r"])
    asker.say(hostile)
    asker.show(hostile)
    asker.choose(hostile, [(hostile, 1)])
    shown = printed(out)
    assert shown.count("[bold]Ann[/bold] [@click=app.quit]x[/] \u241b[31mred\u2407") == 4


def test_paragraphs_and_blank_lines_are_kept() -> None:
    asker, out = line_asker([])
    asker.say("One.\n\nTwo.")
    asker.say()
    assert printed(out) == "One.\n\nTwo.\n\n"


def test_a_whole_session_prints_no_escape_byte() -> None:
    asker, out = line_asker(
        [b"\x1b[A\x1bOPAnn\r", b"\x1b\r\x1b[B2\r", b"\x1b\ry\r", b"Text \x1b[C\r\x1b\r"]
    )
    asker.text("Name")
    asker.choose("Pick", CHOICES)
    asker.confirm("Sure?")
    asker.long_text("Story")
    assert re.search("[\x00-\x07\x0b-\x1f]", printed(out)) is None
    assert keys_of(asker).done()


def test_scripted_keys_check_the_words_before_typing() -> None:
    out = io.StringIO()
    asker = LineAsker(ScriptedKeys([("Surname", b"Cole\r")], out), out)
    with pytest.raises(AssertionError, match="Surname"):
        asker.text("First name")


# ------------------------------------------------------------------ the terminal
def read_in_the_background(keys: TtyKeys) -> tuple[threading.Thread, list[bytes]]:
    """A read of ``keys`` waiting in a thread, and where its bytes go."""
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(keys.read()), daemon=True)
    reader.start()
    return reader, got


def test_tty_keys_read_raw_bytes_keep_type_ahead_and_put_the_terminal_back() -> None:
    master, slave = os.openpty()
    try:
        before = termios.tcgetattr(slave)
        os.write(master, b"An")  # typed before the question: no Enter yet
        echoed = b""
        while b"An" not in echoed:  # the terminal has it (and echoed it, as it was cooked)
            echoed += os.read(master, 100)
        keys = TtyKeys(slave)
        reader, got = read_in_the_background(keys)
        reader.join(10)
        assert got == [b"An"]
        assert termios.tcgetattr(slave) == before
        reader, got = read_in_the_background(keys)
        while termios.tcgetattr(slave)[3] & termios.ICANON:  # until the read is raw
            reader.join(0.01)
        os.write(master, b"\x03\x1a\x13\r")  # Ctrl-C, Ctrl-Z, Ctrl-S, Enter: bytes, no signal
        reader.join(10)
        assert got == [b"\x03\x1a\x13\r"]
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_tty_keys_read_a_pipe_as_it_comes() -> None:
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b"Ann\r")
        os.close(write_end)
        keys = TtyKeys(read_end)
        assert keys.read() == b"Ann\r"
        assert keys.read() == b""
    finally:
        os.close(read_end)


def test_tty_keys_hold_raw_mode_between_the_reads_of_a_line() -> None:
    master, slave = os.openpty()
    try:
        before = termios.tcgetattr(slave)
        keys = TtyKeys(slave)
        with keys.holding():
            os.write(master, b"An")
            assert keys.read() == b"An"
            assert not termios.tcgetattr(slave)[3] & (termios.ICANON | termios.ECHO)
            os.write(master, b"n\x7f")  # the terminal neither echoes nor erases it
            assert keys.read() == b"n\x7f"
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


class HeldKeys:
    """Keys that note how deeply held each read and each command was."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = list(chunks)
        self.held = 0
        self.reads: list[int] = []

    def read(self) -> bytes:
        self.reads.append(self.held)
        return self.chunks.pop(0) if self.chunks else b""

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        self.held += 1
        try:
            yield
        finally:
            self.held -= 1

    @contextlib.contextmanager
    def letting_go(self) -> Iterator[None]:
        held, self.held = self.held, 0
        try:
            yield
        finally:
            self.held = held


def test_a_question_holds_the_keys_from_its_first_line_to_its_last() -> None:
    keys = HeldKeys(b"An", b"n\r", b"\r", b"?\r", b"Bo\r.\r")
    asker = LineAsker(keys, io.StringIO())
    in_command: list[int] = []
    asker.commands = lambda line: in_command.append(keys.held)
    assert asker.long_text("What happened?") == "Ann\n\nBo"
    assert keys.held == 0  # let go after the answer
    assert in_command == [0]  # and while a command runs (an editor, say)
    between: list[int] = []

    def check(value: str) -> str:
        between.append(keys.held)
        return "Type a surname." if value == "x" else ""

    keys.chunks = [b"x\r", b"Cole\r", b"Cy\x03"]
    assert asker.text("Name", check=check) == "Cole"
    assert between == [1, 1]  # held between one line and the next too
    with pytest.raises(KeyboardInterrupt):
        asker.text("Name")
    assert keys.held == 0  # and let go after Ctrl-C
    assert min(keys.reads) >= 1  # every read held


def test_tty_keys_let_go_for_a_command_and_hold_again() -> None:
    master, slave = os.openpty()
    try:
        before = termios.tcgetattr(slave)
        keys = TtyKeys(slave)
        with keys.holding():
            raw = termios.tcgetattr(slave)
            with keys.letting_go():
                assert termios.tcgetattr(slave) == before
            assert termios.tcgetattr(slave) == raw
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_a_full_stop_being_typed_is_never_handed_on_as_the_answer() -> None:
    drafts: list[str] = []
    asker, _ = line_asker([b".", b"\r"])
    assert asker.long_text("What happened?", on_draft=drafts.append) == ""
    assert drafts == [""]


def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="latin-1", write_through=True)
    asker = LineAsker(ScriptedKeys([b"Li \xe6\x9d\x8e\r"]), out, 80)
    asker.say("Adult: \u674e Ming")
    assert asker.text("Name") == "Li \u674e"  # the answer keeps it
    assert raw.getvalue() == b"Adult: ? Ming\nName Li ?\n"


def test_a_long_question_wraps_at_spaces_and_the_answer_follows_it() -> None:
    question = "Describe what the practitioner understood of the adult's wishes at the time"
    asker, out = line_asker([(question.split()[-1], b"She wanted to stay at home.\r")], width=30)
    assert asker.text(question) == "She wanted to stay at home."
    lines = printed(out).splitlines()
    assert len(lines) == 3
    assert all(len(line) <= 30 for line in [*lines[:-1], lines[-1].split(" She")[0]])
    assert " ".join(lines).startswith(question)
    assert lines[-1].endswith("time She wanted to stay at home.")


def test_a_command_that_asks_its_own_question_leaves_the_answer_as_it_was() -> None:
    drafts: list[str] = []
    asker, _ = line_asker([b"line one\r?\r", ("Command", b"\r"), ("full stop", b"line two\r.\r")])

    def commands(line: str) -> str | None:
        asker.text("Command (Enter to go on answering):")
        return None

    asker.commands = commands
    got = asker.long_text("What happened?", on_draft=drafts.append)
    assert got == "line one\nline two"
    assert drafts[-1] == "line one\nline two"


def test_a_direction_control_is_kept_shown_as_a_symbol_and_rubbed_out_whole() -> None:
    got, shown = answer("Ann\u202e".encode() + b"\r")
    assert got == "Ann\u202e"  # the answer is as typed; the screen shows a symbol
    assert shown == "Name Ann\ufffd\n"
    got, shown = answer("Ann\u202e".encode() + b"\x7f\r")
    assert got == "Ann"
    assert shown == "Name Ann\ufffd\b \b\n"


def test_a_command_in_the_middle_of_a_long_answer_says_the_lines_kept_so_far() -> None:
    asker, out = line_asker([b"First line.\rSecond line.\r?\rThird line.\r.\r"])
    asker.commands = lambda line: None  # the help was said; the same question again
    assert asker.long_text("Event:") == "First line.\nSecond line.\nThird line."
    assert "2 lines kept so far: go on, or end with a full stop.\n" in printed(out)
