"""One plain-mode session for the plain-mode bench: ``python _plain_child.py ASKER FILE``.

``ASKER`` is ``questionary`` (the questionary asker, forced whatever ``TERM`` says: the
baseline) or ``line`` (the asker plain mode chooses for ``TERM=dumb``, as ``imr plain``
does). The review ``FILE`` is interviewed as ``imr plain FILE`` would, so no hidden switch
is added to ``imr`` itself. Must run in a terminal (the bench gives it a pty).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(asker: str, file: Path) -> int:
    """Interview ``file`` with the chosen asker; the exit code is the interview's."""
    from imr_tui.checks import load_glossary
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.workspace import ready_to_interview

    ready_to_interview("plain mode", file, None)
    catalogue = load_catalogue()
    glossary = load_glossary()
    if asker != "questionary":
        from imr_tui.plain import run_plain

        return run_plain(catalogue, file, None, glossary=glossary)
    from imr_tui.plain.ask import Asker
    from imr_tui.plain.run import interview

    try:
        return interview(Asker(), catalogue, file, glossary)
    except (KeyboardInterrupt, EOFError):
        print("\nStopped; nothing was changed.", flush=True)
        return 130


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], Path(sys.argv[2])))
