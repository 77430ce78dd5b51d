"""What the room's keys do: hand out, reset, codes, model answers, download.

Each asks with the trainer's dialogs, then does the work in a thread (the workshop's
files are locked and written there) and says what happened in one line. The rules are
all in :mod:`imr_tui.workshop`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core import clock
from imr_tui.core.errors import UserError
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.trainer.dialogs import AskScreen, ChoiceScreen, NoticeScreen
from imr_tui.tui.trainer.rows import Row

if TYPE_CHECKING:
    from imr_tui.tui.trainer.app import TrainerApp
    from imr_tui.workshop.cases import Case

EVERYONE = "everyone"
ONE = "one"
COLLECTED = Path(".workshop") / "collected"
"""Where ``d`` writes the zip in a terminal, inside the workspace."""


def case_label(case: Case) -> str:
    """``marlow-case.toml (the worked example)`` or ``marlow-case.toml``."""
    return f"{case.name} (the worked example)" if case.source is None else case.name


def choose_case(app: TrainerApp, title: str, then: Callable[[Case], None]) -> None:
    """Ask which case (straight on when there is only one); say so when there is none."""
    available, problems = app.available_cases()
    if problems:  # kept in the room's status line: a dialog opening clears the notices
        app.say(" ".join(problems), title="Not a case file", error=True)
    if not available:
        app.notify(
            "No case files: start with --cases FOLDER (starting files) or --example.",
            title="Nothing to hand out",
            severity="warning",
            markup=False,
        )
        return
    if len(available) == 1:
        then(available[0])
        return
    by_id = {str(n): c for n, c in enumerate(available)}

    def chosen(ident: str | None) -> None:
        if ident is not None:
            then(by_id[ident])

    app.push_screen(ChoiceScreen(title, [(k, case_label(c)) for k, c in by_id.items()]), chosen)


def hand_out(app: TrainerApp, row: Row | None) -> None:
    """``h``: a case, then everyone or the trainee the cursor is on."""

    def to_whom(case: Case) -> None:
        if row is None or row.trainee is None:
            app.hand_out_case(case, None)
            return
        choices = [
            (EVERYONE, "Everyone (and everyone who joins later)"),
            (ONE, f"Only {row.name}"),
        ]

        def chosen(ident: str | None) -> None:
            if ident == EVERYONE:
                app.hand_out_case(case, None)
            elif ident == ONE and row.trainee is not None:
                app.hand_out_case(case, row)

        app.push_screen(ChoiceScreen(f"Hand out {case.name} to:", choices), chosen)

    choose_case(app, "Hand out which case?", to_whom)


def reset(app: TrainerApp, row: Row | None) -> None:
    """``r``: which case, then (unless the trainee has it open: said at once) a
    confirmation naming the trainee and the file."""
    if row is None or row.trainee is None:
        app.notify(
            "Choose a trainee with a code first (c gives a folder from before codes one).",
            severity="warning",
            markup=False,
        )
        return
    trainee = row.trainee

    def confirm(case: Case) -> None:
        question = (
            f"Reset {row.name}'s {case.name} to the starting file? Their copy is kept "
            f"in {row.folder.name}/kept/."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                app.reset_trainee(trainee, row.name, case)

        def ask() -> None:
            app.clear_notifications()  # none over the question at 80x24
            app.push_screen(
                ConfirmScreen(question, yes="Reset", no="Keep", default_no=True), answered
            )

        app.reset_if_closed(trainee, case, ask)

    choose_case(app, f"Reset {row.name} to which starting file?", confirm)


def code(app: TrainerApp, row: Row | None) -> None:
    """``c``: a name (the cursor's trainee to start with), then a new code, shown once."""

    def named(name: str | None) -> None:
        if name:
            app.issue_code(name)

    app.push_screen(
        AskScreen(
            "Give a personal code to (a new trainee's name, or one in the room):",
            value=row.name if row is not None else "",
            placeholder="Their name as they type it",
        ),
        named,
    )


def show_code(app: TrainerApp, name: str, code_text: str) -> None:
    """The new code, in a notice that stays until closed (it is shown only once)."""
    app.push_screen(
        NoticeScreen(
            f"{name}'s personal code:",
            [
                code_text,
                "Tell them now or write it down: it is shown only this once. They join "
                "with their name and this code; a new code replaces the old one.",
            ],
        )
    )


def write_collected(workspace: Path, name: str, data: bytes) -> Path:
    """Write the zip in the workspace's ``.workshop/collected/`` (folder 0700, file 0600)."""
    folder = workspace / COLLECTED
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / name
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{Path(name).stem}-{n}.zip"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path


def deliver(app: TrainerApp, data: bytes) -> None:
    """The zip to the trainer: downloaded in a browser, written beside the workspace in
    a terminal; the notice says which."""
    from imr_tui.workshop.collect import collect_name

    name = collect_name(clock.now())
    if app.is_web:
        app.deliver_binary(BytesIO(data), save_filename=name, mime_type="application/zip")
        app.notify(f"Downloaded {name}", title="Everyone's work", markup=False)
        return
    try:
        path = write_collected(app.workspace, name, data)
    except OSError as e:
        raise UserError(f"{app.workspace / COLLECTED}: cannot write the zip: {e.strerror}") from e
    app.notify(f"Written to {path}", title="Everyone's work", timeout=15, markup=False)
