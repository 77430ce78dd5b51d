"""The questionary asker (capable terminals) keeps the line asker's promises:
a full stop on its own line ends a long answer, Esc then Enter ends it however long
between the two keys, an empty long answer skips, and ``?`` runs the commands at
every kind of question without ever becoming an answer.

Keys go to a real prompt_toolkit application through a pipe, in a thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from imr_tui.plain.ask import LONG_INSTRUCTION, Asker

Feed = Sequence["str | float"]


def run(call: Callable[[], Any], feed: Feed) -> Any:
    """What ``call`` gives when the keys of ``feed`` are typed (a number: a pause of
    that many seconds). Fails if the question is still open after the keys."""
    outcome: list[Any] = []
    with create_pipe_input() as keys:

        def ask() -> None:
            try:
                with create_app_session(input=keys, output=DummyOutput()):
                    outcome.append(call())
            except BaseException as stopped:
                outcome.append(stopped)

        asking = threading.Thread(target=ask, daemon=True)
        asking.start()
        for item in feed:
            if isinstance(item, float):
                time.sleep(item)  # the gap between two keys is what is tested
            else:
                keys.send_text(item)
        asking.join(10)
        if asking.is_alive():
            keys.send_text("\x03")
            asking.join(10)
            pytest.fail(f"the question was still open after {feed!r}")
    assert len(outcome) == 1
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def test_esc_then_enter_ends_a_long_answer_however_late_the_enter() -> None:
    asker = Asker(width=80)
    assert run(lambda: asker.long_text("Story"), ["line one\r", "\x1b", 1.6, "\r"]) == "line one"


def test_a_full_stop_on_its_own_line_ends_a_long_answer_without_blank_lines() -> None:
    asker = Asker(width=80)
    got = run(lambda: asker.long_text("Story"), ["Para one.\r\rPara two.\r\r", ".\r"])
    assert got == "Para one.\n\nPara two."


def test_an_escaped_full_stop_is_a_line_and_enter_on_nothing_skips() -> None:
    asker = Asker(width=80)
    assert run(lambda: asker.long_text("Story"), ["Listed:\r\\.\r.\r"]) == "Listed:\n."
    assert run(lambda: asker.long_text("Story"), ["\r"]) == ""


def test_the_long_instruction_names_the_full_stop_and_is_said_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    asker = Asker(width=200)
    run(lambda: asker.long_text("First"), ["One\r.\r"])
    run(lambda: asker.long_text("Second"), ["Two\r.\r"])
    said = capsys.readouterr().out
    assert "A line with only a full stop ends the answer" in LONG_INSTRUCTION
    assert said.count(LONG_INSTRUCTION) == 1


def test_a_question_mark_runs_the_commands_at_every_kind_of_question() -> None:
    lines: list[str] = []
    drafts: list[str] = []

    def commands(line: str) -> str | None:
        lines.append(line)
        return None

    asker = Asker(width=80)
    asker.commands = commands
    menu = [("Keep it", "keep"), ("Replace it", "replace")]
    assert run(lambda: asker.text("Agency", on_draft=drafts.append), ["?\r", "Hill\r"]) == "Hill"
    assert run(lambda: asker.choose("What now?", menu), ["?", "2\r"]) == "replace"
    assert run(lambda: asker.confirm("Sure?"), ["?", "y"]) is True
    got = run(lambda: asker.long_text("Story"), ["one\r?\r", "two\r.\r"])
    assert got == "one\ntwo"  # the lines before the command were kept
    assert lines == ["?", "?", "?", "?"]
    assert "?" not in drafts


def test_a_command_may_give_the_answer_and_an_escaped_one_is_an_answer() -> None:
    asker = Asker(width=80)
    asker.commands = lambda line: "from the editor" if line == "?editor" else None
    assert run(lambda: asker.text("Agency"), ["?editor\r"]) == "from the editor"
    assert run(lambda: asker.text("Agency"), ["\\?\r"]) == "?"
    assert run(lambda: asker.text("Date"), ["?04/2024\r"]) == "?04/2024"


def test_menus_survive_esc_enter_and_ctrl_o() -> None:
    asker = Asker(width=80)
    menu = [("Keep it", "keep"), ("Replace it", "replace")]
    assert run(lambda: asker.choose("What now?", menu), ["\x1b\r", "\x0f", "2\r"]) == "replace"
