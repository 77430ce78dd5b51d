"""Start the Textual interview."""

from __future__ import annotations

import sys
from pathlib import Path

from imr_tui.catalogue import Catalogue


def run_interview(catalogue: Catalogue, file: Path | None, workspace: Path | None) -> int:
    """Placeholder until the Textual interview lands: says so plainly."""
    print(
        "imr: the interactive interview is not built yet in this version; "
        "use 'imr new' and 'imr export' for now.",
        file=sys.stderr,
    )
    return 2
