"""The catalogue's ``[checks]`` table: thresholds and word lists for ``imr check``.

One flat table in ``imr.toml``; its settings are grouped by what they check, each group
in its own module (:mod:`imr_tui.core.analysis_settings`,
:mod:`imr_tui.core.recommendation_settings`). The language checks' word lists are a
data file of their own (``language.toml``), and the abbreviations the glossary.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from imr_tui.core.analysis_settings import AnalysisSettings
from imr_tui.core.recommendation_settings import RecommendationSettings


class Checks(AnalysisSettings, RecommendationSettings):
    """Thresholds and wording lists for ``imr check``, so a board or trainer can tune them.

    The gap threshold lives with the chronology (``chronology.gap_days``) and the
    advised number of recommendations with them (``recommendations.max_advised``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    endorsement_section: str = "endorsement"
    """Id of the section holding the senior officer's endorsement ("" for none)."""
    no_contact_words: list[str] = Field(default_factory=list)
    """Phrases that mark a chronology entry as recording a period of no contact.

    A gap next to such an entry has been explained; matched ignoring case.
    """
