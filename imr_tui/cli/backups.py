"""``imr backups``, ``imr restore`` and ``imr unlock``: earlier versions of a review,
and locks left behind."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from imr_tui.cli.check import journal_note
from imr_tui.core.errors import UserError


def _size(count: int) -> str:
    """``812 bytes``, ``3.1 KB``, ``2.4 MB``."""
    if count < 1000:
        return f"{count} byte{'s' if count != 1 else ''}"
    if count < 1_000_000:
        return f"{count / 1000:.1f} KB"
    return f"{count / 1_000_000:.1f} MB"


def _holds(path: Path) -> str:
    """What a kept version holds (``12 answers, 40 chronology entries``), or that it
    cannot be read."""
    from imr_tui.core.store import load_checked

    try:
        review, _ = load_checked(path)
    except UserError:
        return "cannot be read"
    answers = sum(1 for text in review.answers.values() if text.strip())
    answers += sum(1 for kept in review.heading_analysis.values() if kept.text.strip())
    entries = len(review.chronology)
    return (
        f"{answers} answer{'s' if answers != 1 else ''}, "
        f"{entries} chronology {'entry' if entries == 1 else 'entries'}"
    )


def cmd_backups(args: argparse.Namespace) -> int:
    from imr_tui.core.store import backups

    path: Path = args.file
    kept = backups(path)
    if not kept:
        if not os.path.lexists(path):
            raise UserError(f"{path}: no such review file, and no earlier versions of it")
        print(f"No earlier versions of {path} are kept yet: one is kept each time it is saved.")
        return 0
    print(f"Earlier versions of {path}, newest first:")
    rows = [
        (str(n), f"{b.when:%d/%m/%Y %H:%M}", _size(b.size), _holds(b.path))
        for n, b in enumerate(kept, 1)
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for number, when, size, holds in rows:
        print(f"  {number.rjust(widths[0])}  {when}  {size.rjust(widths[2])}  {holds}")
    print(f"'imr restore {path} N' puts version N back (the review as it is now is kept).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from imr_tui.core.catalogue import read_bytes_regular
    from imr_tui.core.lock import ReviewLock
    from imr_tui.core.store import backups, load_checked, restore, write_bytes_private

    path: Path = args.file
    text = args.number.strip()
    if not text.isdigit() or int(text) < 1:
        raise UserError(
            f"{path}: '{args.number}' is not a version number; "
            f"'imr backups {path}' lists them, numbered from 1"
        )
    number = int(text)
    with ReviewLock.acquire(path):
        kept = backups(path)
        if number <= len(kept):
            try:
                load_checked(kept[number - 1].path)
            except UserError:
                raise UserError(
                    f"{path}: version {number} cannot be read, so nothing was restored; "
                    f"'imr backups {path}' lists the versions and what each holds"
                ) from None
        current = read_bytes_regular(path, "review file") if path.exists() else b""
        readable = bool(current.strip())
        if readable:
            try:
                load_checked(path)
            except UserError:
                readable = False
        aside = None
        if current.strip() and not readable:
            # Not kept as a backup (it does not load), but it may hold work: keep a copy.
            aside = _free_name(path.with_name(path.name + ".unreadable"))
            write_bytes_private(aside, current)
        chosen = restore(path, number)
    holds = _holds(path)
    print(f"Put back version {number} of {path}, saved {chosen.when:%d/%m/%Y %H:%M} ({holds}).")
    bak = path.with_name(path.name + ".bak")
    now = next((n for n, b in enumerate(backups(path), 1) if b.path == bak), 1)
    if readable:
        print(f"The review as it was is now version {now}: 'imr restore {path} {now}' undoes this.")
    elif aside is not None:
        print(f"The file it replaced could not be read; a copy of it is kept as {aside}.")
    journal_note(path)
    return 0


def _free_name(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``... whichever does not exist yet."""
    candidate, n = path, 1
    while os.path.lexists(candidate):
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def cmd_unlock(args: argparse.Namespace) -> int:
    from imr_tui.core.lock import holder, lock_path, remove_lock

    path: Path = args.file
    found = holder(path)
    if found is None:
        if not os.path.lexists(path):
            raise UserError(f"{path}: no such review file")
        print(f"{path} is not locked.")
        return 0
    if found.info is None:
        print(f"{path} is locked, but its lock file {lock_path(path)} cannot be read as a lock.")
    else:
        who = found.info.describe()
        if found.here and found.alive:
            raise UserError(
                f"{path}: is open in a session that is still running: {who}; "
                "close it there (save and quit) instead"
            )
        print(f"{path} is locked by {who}.")
        if found.here:
            print("That process has ended, so the lock was left behind.")
        else:
            print(
                f"That session is on another computer ({found.info.host}), so whether it is "
                "still running cannot be checked from here. Remove the lock only if it has "
                "ended: a session still open there stops saving and asks what to do."
            )
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                f"{path}: the lock was not removed: there is no terminal to ask on; "
                "run again with --yes to remove it without asking"
            )
        try:
            answer = input("Remove this lock? [y/N] ")
        except EOFError:
            answer = ""
            print()
        if answer.strip().lower() not in ("y", "yes"):
            print("The lock was left in place.")
            return 1
    try:
        removed = remove_lock(path, found)
    except OSError as e:
        raise UserError(f"{lock_path(path)}: could not remove it: {e.strerror or e}") from None
    if not removed:
        raise UserError(
            f"{path}: the lock changed meanwhile (the review was opened or closed), so it "
            f"was not removed; run 'imr unlock {path}' again to see who holds it now"
        )
    print(f"Removed the lock on {path}.")
    return 0
