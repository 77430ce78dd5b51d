"""Allow ``python -m imr_tui``."""

from imr_tui.cli import main

raise SystemExit(main())
