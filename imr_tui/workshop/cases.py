"""Case files handed out to trainees, and a trainee's copy reset to its starting file.

A case is a starting review: a ``*.toml`` of the trainer's cases folder, or the worked
example (written for today). Handing a case to everyone also keeps its text in
``.workshop/cases/`` and its name in ``.workshop/cases.toml``, so a trainee who joins
later gets it too (:func:`give_to_newcomer`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.example import example_path_for, load_example
from imr_tui.core.journal import journal_path
from imr_tui.core.lock import LockHeld, ReviewLock
from imr_tui.core.store import backups_folder, load, stamp, to_toml, write_review
from imr_tui.workshop.files import (
    FOLDER,
    changing,
    private_folder,
    read_toml,
    workshop_folder,
    write_private,
    write_toml,
)

if TYPE_CHECKING:
    from imr_tui.workshop.trainees import Refused, Trainee

EXAMPLE_NAME = "worked-example.toml"
"""The file name the worked example is handed out as."""
_HEADER = (
    "# imr-tui workshop: the cases handed to everyone; trainees who join later get them\n"
    "# too (their text is in the cases folder beside this file).\n\n"
)


@dataclass(frozen=True)
class Case:
    """One starting file to hand out."""

    name: str
    """The file name trainees get (``marlow-case.toml``)."""
    source: Path | None
    """The starting file; None for the worked example (written for today)."""


@dataclass(frozen=True)
class HandedOut:
    """What handing a case out did."""

    given: list[Path]
    """The files made."""
    kept: list[Path]
    """Trainees' files of that name that were already there and were kept."""

    def summary(self) -> str:
        """``Given to 18 trainees; 2 already had marlow-case.toml and kept theirs.``"""
        n = len(self.given)
        text = f"Given to {n} trainee{'s' if n != 1 else ''}"
        if self.kept:
            k = len(self.kept)
            name = self.kept[0].name
            text += f"; {k} already had {name} and kept theirs"
        return text + "."


def cases(
    folder: Path | None, *, example: bool, catalogue: Catalogue, prompts: Path | None
) -> list[Case]:
    """The cases folder's starting files that load as reviews (by name), then the worked
    example when ``example``. Files that do not load are left out (see :func:`case_problems`)."""
    found: list[Case] = []
    if folder is not None:
        for path in _toml_files(folder):
            try:
                load(path, catalogue)
            except UserError:
                continue
            found.append(Case(path.name, path))
    if example:
        found.append(Case(EXAMPLE_NAME, None))
    return found


def _toml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and p.is_file())
    except OSError as e:
        raise UserError(f"{folder}: the cases folder cannot be read ({e.strerror or e})") from None


def case_problems(folder: Path, catalogue: Catalogue) -> list[str]:
    """One line for each ``*.toml`` of the cases folder that cannot be handed out."""
    problems: list[str] = []
    for path in _toml_files(folder):
        try:
            load(path, catalogue)
        except UserError as e:
            problems.append(f"{e} (not handed out)")
    return problems


def case_text(case: Case, catalogue: Catalogue, prompts: Path | None) -> str:
    """The starting file's text, as a trainee gets it."""
    if case.source is None:
        review = load_example(catalogue, example_path_for(prompts))
    else:
        review = load(case.source, catalogue)
    stamp(review)
    return to_toml(review, catalogue)


def _give(target: Path, text: str) -> bool:
    """Write ``text`` as a new file ``target`` (0600); False when something is there (or
    when the trainee's folder is not a real folder: a link is never written through)."""
    if os.path.lexists(target) or target.parent.is_symlink() or not target.parent.is_dir():
        return False
    write_review(target, text)
    return True


def hand_out(
    workspace: Path,
    case: Case,
    catalogue: Catalogue,
    prompts: Path | None,
    to: Sequence[Trainee] | None = None,
) -> HandedOut:
    """Give ``case`` to the trainees ``to`` (None: everyone, and everyone who joins later).
    A trainee who already has a file of that name keeps it."""
    from imr_tui.workshop.trainees import folder_of, trainees

    if not _plain_name(case.name):
        raise UserError(f"'{case.name}' cannot be handed out: a case's name is a plain .toml name")
    text = case_text(case, catalogue, prompts)
    if to is None:
        _remember(workspace, case.name, text)
        to = trainees(workspace)
    given: list[Path] = []
    kept: list[Path] = []
    for trainee in to:
        target = folder_of(workspace, trainee) / case.name
        (given if _give(target, text) else kept).append(target)
    return HandedOut(given, kept)


def _plain_name(name: str) -> bool:
    """Whether ``name`` is a plain review file name (no folder, not hidden)."""
    return (
        name.endswith(".toml") and "/" not in name and "\\" not in name and not name.startswith(".")
    )


def _cases_folder(workspace: Path) -> Path:
    return private_folder(workshop_folder(workspace) / "cases")


def _remember(workspace: Path, name: str, text: str) -> None:
    """Keep a case handed to everyone for those who join later."""
    with changing(workspace) as folder:
        write_private(_cases_folder(workspace) / name, text.encode("utf-8"))
        data = read_toml(folder / "cases.toml") or {}
        names = [n for n in data.get("everyone", []) if isinstance(n, str) and n != name]
        write_toml(
            folder / "cases.toml", _HEADER, {"schema_version": 1, "everyone": [*names, name]}
        )


def given_to_everyone(workspace: Path) -> list[str]:
    """The names of the cases handed to everyone, in the order they were handed out."""
    data = read_toml(workspace / FOLDER / "cases.toml") or {}
    return [n for n in data.get("everyone", []) if isinstance(n, str)]


def give_to_newcomer(workspace: Path, trainee: Trainee) -> list[Path]:
    """Give a trainee who has just joined the cases handed to everyone; the files made."""
    from imr_tui.workshop.trainees import folder_of

    made: list[Path] = []
    for name in given_to_everyone(workspace):
        if not _plain_name(name):
            continue
        try:
            text = (workspace / FOLDER / "cases" / name).read_text(encoding="utf-8")
        except OSError:
            continue
        target = folder_of(workspace, trainee) / name
        if _give(target, text):
            made.append(target)
    return made


def _kept_name(folder: Path, review: Path) -> Path:
    when = clock.now().strftime("%Y%m%d-%H%M%S")
    base = f"{review.stem}-before-reset-{when}"
    path = folder / f"{base}.toml"
    n = 2
    while os.path.lexists(path):
        path = folder / f"{base}-{n}.toml"
        n += 1
    return path


def open_line(trainee: Trainee, case: Case) -> str:
    """Why a trainee's copy cannot be reset now: they have it open."""
    return f"{trainee.name} has {case.name} open: ask them to close it first."


def reset_refusal(workspace: Path, trainee: Trainee, case: Case) -> Refused | None:
    """Whether a reset would be refused now (the trainee has the copy open), to say so
    before asking; :func:`reset` checks again, as it may be opened meanwhile."""
    from imr_tui.core.lock import holder
    from imr_tui.workshop.trainees import Refused, folder_of

    try:
        found = holder(folder_of(workspace, trainee) / case.name)
    except UserError as e:
        return Refused(str(e))
    if found is not None and found.info is not None and found.alive:
        return Refused(open_line(trainee, case))
    return None


def reset(
    workspace: Path, trainee: Trainee, case: Case, catalogue: Catalogue, prompts: Path | None
) -> Path | Refused:
    """Put the starting file back in place of the trainee's copy of ``case``.

    The old copy is moved to ``FOLDER/kept/NAME-before-reset-YYYYMMDD-HHMMSS.toml``
    (returned), with its recovery journal (beside it, never replayed into the new file),
    its backups and any of the trainer's comments still waiting for it. Refused while
    the review is open. With no old copy, the new file's path is returned.
    """
    from imr_tui.workshop.inbox import inbox_folder
    from imr_tui.workshop.trainees import Refused, folder_of

    review = folder_of(workspace, trainee) / case.name
    text = case_text(case, catalogue, prompts)
    try:
        lock = ReviewLock.acquire(review)
    except LockHeld:
        return Refused(open_line(trainee, case))
    with lock:
        if not os.path.lexists(review):
            write_review(review, text)
            return review
        kept = private_folder(review.parent / "kept")
        dest = _kept_name(kept, review)
        os.replace(review, dest)
        moves = [
            (journal_path(review), journal_path(dest)),
            (review.with_name(review.name + ".bak"), dest.with_name(dest.name + ".bak")),
            (backups_folder(review), backups_folder(dest)),
            # the trainer's comments still waiting for the old copy stay with it
            (inbox_folder(review), inbox_folder(dest)),
        ]
        for old, new in moves:
            with contextlib.suppress(FileNotFoundError):
                os.replace(old, new)
        write_review(review, text)
    return dest
