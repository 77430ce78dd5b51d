"""Plain mode with the questionary asker, whatever ``TERM`` says: the plain-mode bench's
baseline. ``python _plain_child.py FILE`` interviews the review ``FILE`` as
``imr plain FILE`` would, but always with questionary, so no hidden switch is added to
``imr`` itself. Must run in a terminal (the bench gives it a pty).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(file: Path) -> int:
    """Interview ``file`` with the questionary asker; the exit code is the interview's."""
    from imr_tui.checks import load_glossary
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.workspace import ready_to_interview

    ready_to_interview("plain mode", file, None)
    from imr_tui.plain.ask import Asker
    from imr_tui.plain.run import interview

    try:
        return interview(Asker(), load_catalogue(), file, load_glossary())
    except (KeyboardInterrupt, EOFError):
        print("\nStopped; nothing was changed.", flush=True)
        return 130


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
