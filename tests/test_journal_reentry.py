"""A hang-up handler runs in the main thread, between two steps of whatever it
interrupted: if the line drops while a change is being recorded in the recovery
journal, the handler records and saves from inside that call. It must finish (and
the program exit, releasing the review's lock), never wait for itself."""

from __future__ import annotations

import threading
from pathlib import Path

from imr_tui.core.journal import Journal


def test_a_change_recorded_from_inside_a_recording_finishes(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "r.toml")
    done = threading.Event()

    def interrupted_recording() -> None:
        with journal._data:  # the main thread is inside record() or saved() ...
            journal.record("answers.agency", "Acme", 1)  # ... when the handler records
            with journal._file:
                journal.record("answers.author", "Jo", 2)
        done.set()

    worker = threading.Thread(target=interrupted_recording, daemon=True)
    worker.start()
    worker.join(5.0)
    assert done.is_set(), "recording from inside a recording waited for itself"
    assert journal.unsaved() == {"answers.agency": "Acme", "answers.author": "Jo"}
    journal.close()
