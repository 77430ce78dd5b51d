"""The catalogue's settings for the checks on recommendations (``[checks]`` in ``imr.toml``).

They are part of :class:`imr_tui.core.check_settings.Checks`, so they are written
flat under ``[checks]``; a board tunes them there without code.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RecommendationSettings(BaseModel):
    """What makes a recommendation measurable, specific and owned."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measurable_words: list[str] = Field(default_factory=list)
    """Words that suggest a measurable outcome; a recommendation with none is flagged.

    Each matches at the start of a word, ignoring case (``audit`` matches ``audited``);
    an entry that does not start with a letter or digit, such as ``%``, matches anywhere.
    An empty list turns the check off.
    """
