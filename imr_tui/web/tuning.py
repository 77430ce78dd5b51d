"""Settings a served session takes before Textual starts, to keep many sessions light.

Each browser session is its own process on the server; twenty of them share the
server's processors with everything else. :func:`tune_session` is called first
thing in every served process (trainee's and trainer's), before Textual is imported.
"""

from __future__ import annotations


def tune_session() -> None:
    """Apply the served sessions' settings (none yet)."""
