"""The garbage collector during start-up: paused while the interview starts, then resumed.

Starting the interview imports Textual, pydantic and imr-tui and builds the first screen:
hundreds of thousands of objects, nearly all kept for the whole session. The cyclic
collector runs again and again while they are made and finds almost nothing to free, which
costs about a tenth of the start-up. So the ``imr`` command pauses it as it starts and the
interview resumes it once its first screen is up, first moving what exists then out of the
collector's way (:func:`gc.freeze`): the session's later collections do not walk the
objects made at start-up again. Reference counting frees objects as usual throughout;
only cycles of garbage made while paused wait (or stay, once frozen): a few at most.

Only a pause made here is resumed here: code that turned the collector off itself (a test,
a host program) is left as it is.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Pause the cyclic garbage collector while the program starts (if it is running)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Resume a collection paused by :func:`pause_collection`, once start-up is over
    (nothing happens otherwise, however often it is called)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def collection_paused() -> bool:
    """Whether :func:`pause_collection` paused the collector and it is not yet resumed."""
    return _paused
