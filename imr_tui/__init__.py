"""imr-tui: a guided interview for writing Individual Management Reviews."""

__version__ = "0.1.0"
