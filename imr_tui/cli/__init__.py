"""The ``imr`` command: the parser and dispatch in ``main``, a module per group of commands."""
