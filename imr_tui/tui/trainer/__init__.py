"""The trainer's view of a workshop: who is in, their progress, their reviews read-only,
comments, case files handed out, resets, codes, model answers for the room, collection.

A Textual app of its own (:class:`~imr_tui.tui.trainer.app.TrainerApp`), run by
``imr trainer`` in a terminal and at the trainer's address of ``imr serve``. Every rule
lives in :mod:`imr_tui.workshop`; these screens only show and ask.
"""
