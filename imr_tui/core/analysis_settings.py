"""The catalogue's settings for the checks on analysis answers and on answers that say
nothing (``[checks]`` in ``imr.toml``).

They are part of :class:`imr_tui.core.check_settings.Checks`, so they are written
flat under ``[checks]``; a board tunes them there without code. Every word list is
matched ignoring case; a phrase matches at the start of a word (``explain`` also
matches ``explains`` and ``explained``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AnalysisSettings(BaseModel):
    """When an answer in an analysis section is too short, describes rather than
    analyses or points to nothing, and when any answer is only a placeholder."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    min_analysis_words: int = Field(default=30, ge=0)
    """An answer in an analysis section shorter than this many words is flagged (0: never)."""
    analysis_sections: list[str] = ["analysis"]
    """Ids of the sections whose answers must be long enough to be analysis."""
    nothing_to_add: list[str] = Field(default_factory=list)
    """Sentences that say there is nothing to add (``There are no further features
    requiring comment``). Where a prompt allows "nothing to add", an answer with such a
    sentence is a full answer: no analysis rule and no placeholder rule applies to it.
    A sentence matches when it is the phrase, or (for a phrase of three words or more)
    begins with it."""
    describes_min_sentences: int = Field(default=2, ge=1)
    """An answer needs at least this many sentences before it can be said to describe
    rather than analyse."""
    describes_min_narrative_share: float = Field(default=0.5, ge=0, le=1)
    """It describes when at least this share of its sentences retell events (a date or
    time, a word of sequence, or an action told in the past tense)..."""
    describes_max_reasoning_share: float = Field(default=0.2, ge=0, le=1)
    """...and at most this share of its sentences reason (a word of
    :attr:`reasoning_words`, once :attr:`stock_phrases` are taken out)."""
    reasoning_words: list[str] = Field(default_factory=list)
    """Words that explain why, weigh practice against a standard or judge it
    (``because``, ``which meant``, ``in line with``, ``did not meet``). An empty list
    turns the "describes rather than analyses" check off."""
    stock_phrases: list[str] = Field(default_factory=list)
    """Phrases that sound like analysis and say nothing (``lessons have been learned``):
    taken out before looking for reasoning."""
    narrative_words: list[str] = Field(default_factory=list)
    """Words that tell a story in order (``then``, ``the next day``) or past-tense
    actions not ending in ``-ed`` (``saw``, ``rang``), each matched as a whole word: a
    sentence with one retells events. A word ending in ``-ed`` is taken as a past-tense
    action anyway."""
    min_reference_words: int = Field(default=40, ge=0)
    """An analysis answer at least this long with no chronology date and no source is
    flagged "analysis with no date or source" (0: never)."""
    source_words: list[str] = Field(default_factory=list)
    """Words that name where a statement comes from (``record``, ``interview``,
    ``the chronology``), each matched as a whole word (a plural ``s`` allowed). Dates
    are found without a list."""
    source_titles: list[str] = Field(default_factory=list)
    """Words that, with a capital after another capitalised word, name a policy or
    guidance (``Policy``: ``the Safeguarding Adults Policy``), matching case."""
    placeholder_answers: list[str] = Field(default_factory=list)
    """Answers that only fill the space (``N/A``, ``TBC``, ``See above``), matched as
    the whole answer ignoring case, spaces and a closing full stop. An answer with no
    letter or digit (``.``, ``-``, ``?``) is always one, and so is one of x's only."""
