"""A served trainee's first question, as a rule every front end follows: name, then code.

The join screen is a view over :func:`enter_workshop`; the registry it reads and
writes is :mod:`imr_tui.workshop.trainees`.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from imr_tui.core.errors import UserError
from imr_tui.workshop.names import trainee_name_problem
from imr_tui.workshop.trainees import Joined, Refused, Trainee, come_back, find, join


class Entered(NamedTuple):
    """What came of a trainee's name (and code): in, or one line saying why not."""

    trainee: Trainee | None
    """The trainee, joined or come back; None when refused."""
    code: str = ""
    """A newcomer's personal code, to show them once ("" when coming back or refused)."""
    problem: str = ""
    """Why not, one plain line ("" when in)."""
    taken: bool = False
    """Refused because someone has joined with that name: ask for the code."""


def taken_line(name: str) -> str:
    """What a trainee is told when the name they typed has joined already (two Sams)."""
    shown = " ".join(name.split())
    return (
        f"Someone called {shown} has joined already. If that was you, type your code "
        "in the box 'I have a code'. If not, make your name different (add an initial)."
    )


def enter_workshop(workspace: Path, name: str, code: str) -> Entered:
    """A served trainee's name, and their code when they have one.

    No code: a new name joins (a private folder and a code to show once); a name
    someone has joined with is refused with :func:`taken_line`, so typing another
    trainee's name never opens their work. A code: the trainee whose name and code
    these are (a wrong code and an unknown name get the same line). Names are
    matched without regard to capitals or spacing (:mod:`imr_tui.workshop.names`).
    Reads and writes the registry: call it off the event loop.
    """
    problem = trainee_name_problem(name)
    if problem:
        return Entered(None, problem=problem)
    try:
        if code.strip():
            back = come_back(workspace, name, code)
            if isinstance(back, Refused):
                return Entered(None, problem=back.reason)
            return Entered(back)
        joined = join(workspace, name)
        if isinstance(joined, Joined):
            return Entered(joined.trainee, code=joined.code)
        if find(workspace, name) is not None:
            return Entered(None, problem=taken_line(name), taken=True)
        return Entered(None, problem=joined.reason)
    except UserError as e:
        return Entered(None, problem=str(e))
