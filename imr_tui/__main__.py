"""Allow ``python -m imr_tui``."""

from imr_tui.cli.main import main

raise SystemExit(main())
