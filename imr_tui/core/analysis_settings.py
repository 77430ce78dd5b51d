"""The catalogue's settings for the checks on analysis answers (``[checks]`` in ``imr.toml``).

They are part of :class:`imr_tui.core.check_settings.Checks`, so they are written
flat under ``[checks]``; a board tunes them there without code.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AnalysisSettings(BaseModel):
    """When an answer in an analysis section is too short, or describes rather than analyses."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_analysis_words: int = Field(default=30, ge=0)
    """An answer in an analysis section shorter than this many words is flagged (0: never)."""
    analysis_sections: list[str] = ["analysis"]
    """Ids of the sections whose answers must be long enough to be analysis."""
