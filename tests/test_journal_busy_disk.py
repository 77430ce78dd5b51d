"""A disk busy elsewhere never holds up the recovery journal: syncing to the disk (which
can take a fifth of a second then) is done by the journal's own thread, never while the
journal's file is held, so keys typed meanwhile are written at once."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from imr_tui.core.journal import Journal


def test_a_save_never_syncs_the_journal_while_holding_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "r.toml")
    synced_by: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced_by.append(threading.current_thread().name)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    journal.record("answer:summary", "Seen at home", 1)
    journal.record("answer:sources", "GP notes", 2)
    journal.saved(1)  # the review now holds generation 1: the journal keeps the rest
    assert journal.unsaved() == {"answer:sources": "GP notes"}
    assert threading.current_thread().name not in synced_by, synced_by
    journal.close()
    assert "GP notes" in journal.path.read_text(encoding="utf-8")
