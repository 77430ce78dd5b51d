"""Writing the report beside the review, as a draft or a final version.

The renderer is handed in (the core knows no report): a :data:`Files` callable gives
every file an export writes and its bytes, and for a final report a :data:`Problems`
callable gives what stops it. Every front end (the command, the interview, plain mode)
exports through :func:`export_report`, so what is written, checked and kept is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.session import Session

Files = Callable[[Review, int | None], dict[Path, bytes]]
"""Every file an export writes with its bytes, the report first, given the review and
the final report's version number (``None``: a draft)."""

Problems = Callable[[Review], list[str]]
"""What stops a final report, one sentence each (none: it may be sent)."""


@dataclass(frozen=True)
class Written:
    """An export that was written."""

    files: list[Path]
    """Every file written, the report first."""
    version: int | None = None
    """The final report's version; ``None`` for a draft."""
    kept: list[Path] = field(default_factory=list)
    """The private copies of a final report, the report's first."""


@dataclass(frozen=True)
class Refused:
    """A final report that was not written: what must be put right first."""

    problems: list[str]


def export_beside(
    session: Session, markdown: Callable[[Review], str], target: Path | None = None
) -> Path:
    """Save, then write the report (``markdown`` renders it) privately beside the review
    as ``<review>.md`` (or to ``target``); returns where it went. Raises
    :class:`UserError` if it cannot be written."""
    from imr_tui.core.store import write_text_private

    session.save()
    target = target or session.path.with_suffix(".md")
    write_text_private(target, markdown(session.review))
    return target


def write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write every file of an export privately (``0600``, atomically); where they went."""
    from imr_tui.core.store import write_bytes_private

    for path, data in files.items():
        write_bytes_private(path, data)
    return list(files)


def export_report(
    session: Session,
    files: Files,
    *,
    final: bool = False,
    problems: Problems | None = None,
    warn: Callable[[str], None] | None = None,
    named: bool = False,
) -> Written | Refused:
    """Save, then write a draft, or a final report when nothing stops it.

    Every file is first passed through
    :func:`~imr_tui.core.sent_copies.refuse_targets` (``named``: the author named the
    file, ``-o``), so no export is ever written into a folder of kept copies or over a
    final report, and a final report is never written over any file. A final report
    gets the next version number, after the highest ever used (the review's ``sent``
    list and the copies on disk); before it is
    written, ``warn`` is told (one line each) of every earlier kept copy that is missing
    or changed. A private copy of exactly the bytes written is kept beside the review,
    each copy created afresh (never over an earlier one), and the review records the
    version with the copy's SHA-256 (:mod:`imr_tui.core.sent_copies`), then is saved.
    A refused final report writes nothing. Raises :class:`UserError` with one line if a
    file, the copy or the review cannot be written.
    """
    from imr_tui.core.sent_copies import copy_problems, keep_copies, next_version, refuse_targets

    session.save()
    if not final:
        made = files(session.review, None)
        refuse_targets(session.path, session.review, list(made), final=False, named=named)
        return Written(write_files(made))
    if session.read_only or session.lock is None:
        raise UserError(f"{session.path}: a final report needs the review open to change")
    found = problems(session.review) if problems is not None else []
    if found:
        return Refused(found)
    for problem in copy_problems(session.path, session.review):
        if warn is not None:
            warn(problem)
    from imr_tui.core.store import to_toml

    review, catalogue = session.review, session.catalogue
    version = next_version(session.review, session.path)
    while True:
        made = files(session.review, version)
        refuse_targets(session.path, session.review, list(made), final=True, named=named)
        main = next(iter(made))
        try:
            fmt = main.suffix.lstrip(".").lower()
            sent = keep_copies(session.path, version, made, fmt, to_toml(review, catalogue))
        except FileExistsError:  # that version's folder appeared meanwhile: the next one
            version += 1
            continue
        break
    written = write_files(made)
    session.review.sent = [*session.review.sent, sent]
    session.changed()
    if not session.save():
        raise UserError(
            f"{session.path}: version {version} was written but the review could not record "
            f"it ({session.error})"
        )
    folder = session.path.parent
    kept = [folder / sent.kept_copy, *(folder / p for p in sent.also_kept)]
    return Written(written, version, kept)
