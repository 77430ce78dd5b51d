"""The core: the review's file format, the catalogue, saving, locking, sessions and steps.

Nothing here imports a front end (Textual, questionary, the browser server); the
contracts in ``pyproject.toml`` check that on every ``make check`` and test run.
"""
